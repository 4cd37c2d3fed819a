package credentials_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
)

const roleARN = "qcs::cam::uin/100000000001:roleName/faceid-caller"

func writeToken(t *testing.T, path, tok string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(tok+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func newWebIdentity(t *testing.T, s *credentialstest.STS, tokenFile string) *credentials.WebIdentity {
	t.Helper()
	p, err := credentials.NewWebIdentity(credentials.WebIdentityOptions{
		Region: "ap-guangzhou", ProviderID: "tke-oidc", RoleARN: roleARN, TokenFile: tokenFile,
		Endpoint: s.URL(), Now: pinned, Timeout: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWebIdentity(t *testing.T) {
	s := credentialstest.NewSTS(credentialstest.STSOptions{WebIdentityToken: "eyJWEBIDENTITY.one", Now: pinned})
	defer s.Close()
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeToken(t, tokenFile, "eyJWEBIDENTITY.one")
	p := newWebIdentity(t, s, tokenFile)
	got, err := p.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want, exp, ok := s.Issuer().Lookup(got.SecretID)
	if !ok || got.TC3() != want || !got.Expires.Equal(exp) || !exp.Equal(t0.Add(7200*time.Second)) {
		t.Errorf("got %v, want %v expiring %s", got, want, exp)
	}
	reqs := s.Requests()
	if len(reqs) != 1 || reqs[0].Action != "AssumeRoleWithWebIdentity" || reqs[0].RoleArn != roleARN || reqs[0].DurationSeconds != 7200 || reqs[0].Region != "ap-guangzhou" || !strings.HasPrefix(reqs[0].RoleSessionName, "tcfaceid-") {
		t.Errorf("requests = %+v", reqs)
	}
}

// TestWebIdentityTokenRotated: the kubelet replaces the token file; the
// next refresh sends the new token, and STS, which now accepts only the new
// one, issues credentials.
func TestWebIdentityTokenRotated(t *testing.T) {
	s := credentialstest.NewSTS(credentialstest.STSOptions{WebIdentityToken: "eyJWEBIDENTITY.one", Now: pinned})
	defer s.Close()
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeToken(t, tokenFile, "eyJWEBIDENTITY.one")
	p := newWebIdentity(t, s, tokenFile)
	if _, err := p.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.SetWebIdentityToken("eyJWEBIDENTITY.two")
	writeToken(t, tokenFile, "eyJWEBIDENTITY.two")
	if _, err := p.Retrieve(context.Background()); err != nil {
		t.Fatalf("after rotation: %v", err)
	}
	// A stale token is refused with STS's code, and the error shows no token.
	s.SetWebIdentityToken("eyJWEBIDENTITY.three")
	_, err := p.Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "InvalidParameter.WebIdentityTokenError") || strings.Contains(err.Error(), "eyJWEBIDENTITY") {
		t.Errorf("stale token: %v", err)
	}
	if s.Calls("AssumeRoleWithWebIdentity") != 2 {
		t.Errorf("issued %d, want 2", s.Calls("AssumeRoleWithWebIdentity"))
	}
}

func TestWebIdentityErrors(t *testing.T) {
	s := credentialstest.NewSTS(credentialstest.STSOptions{WebIdentityToken: "eyJWEBIDENTITY.one", Now: pinned})
	defer s.Close()
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeToken(t, tokenFile, "eyJWEBIDENTITY.one")
	p := newWebIdentity(t, s, tokenFile)

	s.FailNextCode("ResourceNotFound.RoleNotFound", 1)
	_, err := p.Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "AssumeRoleWithWebIdentity: ResourceNotFound.RoleNotFound") || !strings.Contains(err.Error(), "RequestId sts-") {
		t.Errorf("error envelope: %v", err)
	}
	s.GarbageNext(1)
	if _, err := p.Retrieve(context.Background()); err == nil || !strings.Contains(err.Error(), "not the JSON STS sends") {
		t.Errorf("garbage: %v", err)
	}
	os.Remove(tokenFile)
	if _, err := p.Retrieve(context.Background()); err == nil || !strings.Contains(err.Error(), "web identity token file") {
		t.Errorf("no token file: %v", err)
	}
}

func TestTKEWebIdentityEnv(t *testing.T) {
	env := map[string]string{}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	if _, err := credentials.TKEWebIdentity(lookup); !errors.Is(err, credentials.ErrNotFound) {
		t.Errorf("none set: %v", err)
	}
	env[credentials.EnvTKERegion] = "ap-guangzhou"
	env[credentials.EnvTKERoleARN] = roleARN
	_, err := credentials.TKEWebIdentity(lookup)
	if err == nil || errors.Is(err, credentials.ErrNotFound) || !strings.Contains(err.Error(), "TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE empty or unset") {
		t.Errorf("half set: %v", err)
	}
	env[credentials.EnvTKEProviderID] = "p"
	tokenFile := filepath.Join(t.TempDir(), "token")
	env[credentials.EnvTKEWebIdentityTokenFile] = tokenFile
	if _, err := credentials.TKEWebIdentity(lookup); err == nil || errors.Is(err, credentials.ErrNotFound) || !strings.Contains(err.Error(), "TKE_WEB_IDENTITY_TOKEN_FILE") {
		t.Errorf("token file missing: %v, want a hard error naming the variable", err)
	}
	writeToken(t, tokenFile, "eyJWEBIDENTITY.one")
	p, err := credentials.TKEWebIdentity(lookup)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.String(); got != "credentials.WebIdentity{"+roleARN+" via sts.tencentcloudapi.com, token file "+tokenFile+"}" {
		t.Errorf("String = %s", got)
	}
}

// TestWebIdentityOptionsChecked: a Duration that is not whole seconds and
// a RoleSessionName STS refuses are named at construction, as AssumeRole
// does, instead of being truncated or sent.
func TestWebIdentityOptionsChecked(t *testing.T) {
	base := credentials.WebIdentityOptions{Region: "ap-guangzhou", ProviderID: "tke-oidc", RoleARN: roleARN, TokenFile: "token"}
	for _, tt := range []struct {
		name string
		edit func(*credentials.WebIdentityOptions)
		want string
	}{
		{"fractional duration", func(o *credentials.WebIdentityOptions) { o.Duration = 1500 * time.Millisecond }, "WebIdentityOptions.Duration 1.5s must be whole seconds"},
		{"short session", func(o *credentials.WebIdentityOptions) { o.SessionName = "a" }, "WebIdentityOptions.SessionName must be 2 to 128"},
		{"session with space", func(o *credentials.WebIdentityOptions) { o.SessionName = "my session" }, `WebIdentityOptions.SessionName "my session" has ' '`},
	} {
		o := base
		tt.edit(&o)
		_, err := credentials.NewWebIdentity(o)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "credentials: ") {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}
