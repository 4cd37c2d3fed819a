package faceidtest

import (
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
)

func TestTemporaryCredentials(t *testing.T) {
	clk := &clock{t: testNow}
	issuer := credentialstest.NewIssuer(clk.Now)
	s := newTestServer(t, Options{Temporary: issuer, Now: clk.Now})
	temp, exp := issuer.Issue(2 * time.Second)
	call := func(c tc3.Credentials) (string, string) {
		req := sign(t, tc3Request(t, s, "GetLiveCode", `{}`), c, clk.Now().Unix())
		return apiErr(do(t, s, req))
	}

	if code, msg := call(temp); code != "" {
		t.Fatalf("issued credentials refused: %s %s", code, msg)
	}
	if got := s.Requests()[0].SecretID; got != temp.SecretID {
		t.Errorf("recorded SecretID %q", got)
	}
	noToken := temp
	noToken.Token = ""
	if code, _ := call(noToken); code != "AuthFailure.TokenFailure" {
		t.Errorf("without the token: %q, want AuthFailure.TokenFailure", code)
	}
	other := temp
	other.Token = "TEMPTOKENforged"
	if code, _ := call(other); code != "AuthFailure.TokenFailure" {
		t.Errorf("with another token: %q, want AuthFailure.TokenFailure", code)
	}

	clk.Set(exp.Add(-time.Millisecond))
	if code, msg := call(temp); code != "" {
		t.Errorf("1 ms before expiry: %s %s", code, msg)
	}
	clk.Set(exp)
	code, msg := call(temp)
	if code != "AuthFailure.TokenFailure" || !strings.Contains(msg, "expired at") {
		t.Errorf("at expiry: %s %s, want AuthFailure.TokenFailure", code, msg)
	}
	if strings.Contains(msg, temp.Token) || strings.Contains(msg, temp.SecretKey) {
		t.Errorf("message reveals a secret: %s", msg)
	}
	if got := s.Requests()[len(s.Requests())-1].ErrorCode; got != "AuthFailure.TokenFailure" {
		t.Errorf("recorded ErrorCode %q", got)
	}

	// Unknown to both the configured pairs and the issuer.
	unknown := temp
	unknown.SecretID = "AKIDNOTISSUED"
	if code, _ := call(unknown); code != "AuthFailure.SecretIdNotFound" {
		t.Errorf("unknown SecretId: %q", code)
	}
	// The default pair still works next to the issuer.
	if code, msg := call(DefaultCredentials); code != "" {
		t.Errorf("default credentials: %s %s", code, msg)
	}
}
