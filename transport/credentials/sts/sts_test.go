package sts_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
	"github.com/tcfaceid/tcfaceid/transport/credentials/sts"
)

var (
	t0      = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	base    = tc3.Credentials{SecretID: "AKIDBASEEXAMPLE000000000000000000000", SecretKey: "BASEKEYEXAMPLE00000000000000000"}
	roleARN = "qcs::cam::uin/100000000001:roleName/faceid-caller"
)

func pinned() time.Time { return t0 }

func newAssumeRole(t *testing.T, s *credentialstest.STS, baseCreds tc3.Credentials) *sts.AssumeRole {
	t.Helper()
	p, err := sts.NewAssumeRole(credentials.Static(baseCreds), sts.AssumeRoleOptions{
		RoleARN: roleARN, SessionName: "faceid-test", Duration: time.Hour, Endpoint: s.URL(), Now: pinned, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAssumeRole(t *testing.T) {
	s := credentialstest.NewSTS(credentialstest.STSOptions{Credentials: []tc3.Credentials{base}, Now: pinned})
	defer s.Close()
	got, err := newAssumeRole(t, s, base).Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want, exp, ok := s.Issuer().Lookup(got.SecretID)
	if !ok || got.TC3() != want || !got.Expires.Equal(exp) || !exp.Equal(t0.Add(time.Hour)) || got.Source != "AssumeRole" {
		t.Errorf("got %v, want %v expiring %s", got, want, exp)
	}
	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].SecretID != base.SecretID || reqs[0].RoleSessionName != "faceid-test" || reqs[0].DurationSeconds != 3600 || reqs[0].Region != "ap-guangzhou" {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestAssumeRoleErrors(t *testing.T) {
	s := credentialstest.NewSTS(credentialstest.STSOptions{Credentials: []tc3.Credentials{base}, Now: pinned})
	defer s.Close()
	p := newAssumeRole(t, s, base)

	s.FailNextCode("ResourceNotFound.RoleNotFound", 1)
	_, err := p.Retrieve(context.Background())
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Code != "ResourceNotFound.RoleNotFound" || !strings.Contains(err.Error(), roleARN) {
		t.Errorf("error envelope: %v", err)
	}

	wrong := base
	wrong.SecretKey = "WRONGKEYEXAMPLE000000000000000000"
	_, err = newAssumeRole(t, s, wrong).Retrieve(context.Background())
	if transport.ErrorCode(err) != "AuthFailure.SignatureFailure" || strings.Contains(err.Error(), wrong.SecretKey) {
		t.Errorf("wrong key: %v", err)
	}

	for _, tt := range []struct {
		opts sts.AssumeRoleOptions
		want string
	}{
		{sts.AssumeRoleOptions{RoleARN: "faceid-caller"}, "must look like qcs::cam::"},
		{sts.AssumeRoleOptions{RoleARN: roleARN, Duration: 43201 * time.Second}, "from 1s to 12h0m0s"},
		{sts.AssumeRoleOptions{RoleARN: roleARN, Duration: 1500 * time.Millisecond}, "whole seconds"},
		{sts.AssumeRoleOptions{RoleARN: roleARN, SessionName: "a b"}, "use letters, digits"},
		{sts.AssumeRoleOptions{RoleARN: roleARN, Endpoint: "http://sts.example.com"}, "only allowed for loopback"},
	} {
		if _, err := sts.NewAssumeRole(credentials.Static(base), tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: err %v, want %q", tt.opts, err, tt.want)
		}
	}
}

// TestAssumeRolePolicyEncoded: STS URL-decodes Policy, so the JSON is sent
// URL-encoded and arrives intact, '+' and '%' included; an already encoded
// policy is refused rather than encoded twice.
func TestAssumeRolePolicyEncoded(t *testing.T) {
	s := credentialstest.NewSTS(credentialstest.STSOptions{Credentials: []tc3.Credentials{base}, Now: pinned})
	defer s.Close()
	const policy = `{"version":"2.0","statement":[{"effect":"allow","action":["faceid:DetectAuth"],"resource":["qcs::faceid::uin/1:rule/a+b%20c"]}]}`
	p, err := sts.NewAssumeRole(credentials.Static(base), sts.AssumeRoleOptions{
		RoleARN: roleARN, Policy: policy, Endpoint: s.URL(), Now: pinned, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if reqs := s.Requests(); len(reqs) != 1 || reqs[0].Policy != policy {
		t.Errorf("STS decoded the policy to %+v, want %s", reqs, policy)
	}
	_, err = sts.NewAssumeRole(credentials.Static(base), sts.AssumeRoleOptions{RoleARN: roleARN, Policy: "%7B%22version%22%3A%222.0%22%7D"})
	if err == nil || !strings.Contains(err.Error(), "AssumeRoleOptions.Policy") {
		t.Errorf("encoded policy: err = %v", err)
	}
}
