package stsapi

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The example answer of Tencent's AssumeRoleWithWebIdentity page
// (https://cloud.tencent.com/document/product/1312/73070), masks included.
const docExample = `{"Response":{"ExpiredTime":1543914376,"Expiration":"2018-12-04T09:06:16Z","Credentials":{"Token":"1siMD5r0tPAq9xpR******6a1ad76f09a0069002923def8aFw7tUMd2nH","TmpSecretId":"AKID65zyIP0mp****qt2SlWIQVMn1umNH58","TmpSecretKey":"q95K84wrzuE****y39zg52boxvp71yoh"},"RequestId":"f6e7cbcb-add1-47bd-9097-d08cf8f3a919"}}`

func TestParseEnvelope(t *testing.T) {
	got, err := ParseEnvelope("AssumeRoleWithWebIdentity", []byte(docExample))
	if err != nil {
		t.Fatal(err)
	}
	want := Temp{
		SecretID: "AKID65zyIP0mp****qt2SlWIQVMn1umNH58", SecretKey: "q95K84wrzuE****y39zg52boxvp71yoh",
		Token:     "1siMD5r0tPAq9xpR******6a1ad76f09a0069002923def8aFw7tUMd2nH",
		Expires:   time.Date(2018, 12, 4, 9, 6, 16, 0, time.UTC), // ExpiredTime and Expiration agree
		RequestID: "f6e7cbcb-add1-47bd-9097-d08cf8f3a919",
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}

	for _, tt := range []struct{ name, body, want string }{
		{"error envelope", `{"Response":{"Error":{"Code":"InvalidParameter.WebIdentityTokenError","Message":"bad token"},"RequestId":"r1"}}`, "AssumeRoleWithWebIdentity: InvalidParameter.WebIdentityTokenError: bad token (RequestId r1)"},
		{"not JSON", `<html>`, "not the JSON STS sends: syntax error at byte 1"},
		{"no Response", `{}`, "no Response object"},
		{"no Credentials", `{"Response":{"RequestId":"r"}}`, "no Credentials"},
		{"empty token", `{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"b"},"ExpiredTime":1}}`, "empty Credentials.Token"},
		{"no expiry", `{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"b","Token":"c"}}}`, "neither ExpiredTime nor Expiration"},
		{"bad Expiration", `{"Response":{"Credentials":{"TmpSecretId":"a","TmpSecretKey":"b","Token":"c"},"Expiration":"soon"}}`, `Expiration "soon" is not an RFC 3339 time`},
	} {
		_, err := ParseEnvelope("AssumeRoleWithWebIdentity", []byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.want)
		}
	}
	var ae *APIError
	if _, err := ParseEnvelope("A", []byte(`{"Response":{"Error":{"Code":"X"}}}`)); !errors.As(err, &ae) || ae.Code != "X" {
		t.Errorf("not an *APIError: %v", err)
	}
}

// FuzzParseEnvelope: never a panic; a success has every field.
func FuzzParseEnvelope(f *testing.F) {
	f.Add([]byte(docExample))
	f.Add([]byte(`{"Response":{"Error":{"Code":"X","Message":"\u0000"}}}`))
	f.Add([]byte(`{"Response":null}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseEnvelope("A", b)
		if err == nil && (got.SecretID == "" || got.SecretKey == "" || got.Token == "" || got.Expires.IsZero()) {
			t.Errorf("success with a missing field (id %t, key %t, token %t, expiry %t)", got.SecretID != "", got.SecretKey != "", got.Token != "", !got.Expires.IsZero())
		}
	})
}
