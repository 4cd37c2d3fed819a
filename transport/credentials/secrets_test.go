package credentials_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
	"github.com/tcfaceid/tcfaceid/transport/credentials/sts"
)

const (
	secretKey = "SECRETKEYEXAMPLEdonotprint"
	token     = "SESSIONTOKENEXAMPLEdonotprint"
	webToken  = "eyJWEBIDENTITYdonotprint"
)

// noSecret fails when s holds one of the secrets.
func noSecret(t *testing.T, what, s string, secrets ...string) {
	t.Helper()
	for _, x := range append([]string{secretKey, token, webToken}, secrets...) {
		if strings.Contains(s, x) {
			t.Errorf("%s reveals a secret: %s", what, s)
		}
	}
}

// TestNoSecretsInFormatting prints every type of the credentials packages
// with every common verb, reflective ones included.
func TestNoSecretsInFormatting(t *testing.T) {
	cred := credentials.Credentials{SecretID: "AKIDPRINT", SecretKey: secretKey, Token: token, Expires: t0, Source: "test"}
	static := credentials.Static(cred.TC3())
	cache := credentials.NewCache(static, credentials.CacheOptions{})
	if _, err := cache.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeToken(t, tokenFile, webToken)
	s := credentialstest.NewSTS(credentialstest.STSOptions{WebIdentityToken: webToken, Credentials: []tc3.Credentials{cred.TC3()}})
	defer s.Close()
	web, err := credentials.NewWebIdentity(credentials.WebIdentityOptions{Region: "ap-guangzhou", ProviderID: "p", RoleARN: roleARN, TokenFile: tokenFile, Endpoint: s.URL()})
	if err != nil {
		t.Fatal(err)
	}
	webCache := credentials.NewCache(web, credentials.CacheOptions{})
	issued, err := webCache.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cvm, err := credentials.NewCVMRole(credentials.CVMRoleOptions{RoleName: "r"})
	if err != nil {
		t.Fatal(err)
	}
	role, err := sts.NewAssumeRole(static, sts.AssumeRoleOptions{RoleARN: roleARN, Endpoint: s.URL()})
	if err != nil {
		t.Fatal(err)
	}
	chainErr := &credentials.ChainError{Sources: []credentials.SourceError{{Source: "environment", Err: errors.New("x")}}}
	values := map[string]any{
		"Credentials": cred, "*Credentials": &cred, "Static": static, "Cache": cache, "*CVMRole": cvm,
		"*WebIdentity": web, "web Cache": webCache, "issued": issued, "*AssumeRole": role, "ChainError": chainErr,
		"struct holding them": struct {
			C credentials.Credentials
			P credentials.Provider
			W *credentials.WebIdentity
		}{cred, static, web},
	}
	for name, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			noSecret(t, name+" "+verb, fmt.Sprintf(verb, v), issued.SecretKey, issued.Token)
		}
	}
}

// TestNoSecretsInErrorsAndLogs drives the providers into their errors with
// secrets in play: none appears in an error or a log line.
func TestNoSecretsInErrorsAndLogs(t *testing.T) {
	ctx := context.Background()
	// An STS that echoes the web-identity token in its error message.
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"Response":{"Error":{"Code":"InvalidParameter.WebIdentityTokenError","Message":"token %s is invalid"},"RequestId":"r1"}}`, webToken)
	}))
	defer echo.Close()
	tokenFile := filepath.Join(t.TempDir(), "token")
	writeToken(t, tokenFile, webToken)
	web, err := credentials.NewWebIdentity(credentials.WebIdentityOptions{Region: "ap-guangzhou", ProviderID: "p", RoleARN: roleARN, TokenFile: tokenFile, Endpoint: echo.URL})
	if err != nil {
		t.Fatal(err)
	}
	_, err = web.Retrieve(ctx)
	if err == nil || !strings.Contains(err.Error(), "token [redacted] is invalid") {
		t.Errorf("err = %v, want the echoed token redacted", err)
	}
	noSecret(t, "web identity error", fmt.Sprintf("%v %+v", err, err))

	// A metadata service answering credentials with a broken field.
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"Code":"Success","TmpSecretId":"AKID","TmpSecretKey":"%s ","Token":"%s","ExpiredTime":%d}`, secretKey, token, time.Now().Add(time.Hour).Unix())
	}))
	defer bad.Close()
	cvm, _ := credentials.NewCVMRole(credentials.CVMRoleOptions{Endpoint: bad.URL + "/", RoleName: "r"})
	_, err = cvm.Retrieve(ctx)
	if err == nil || !strings.Contains(err.Error(), "whitespace") {
		t.Errorf("err = %v", err)
	}
	noSecret(t, "CVM error", fmt.Sprintf("%v", err))

	// AssumeRole refused, with the transport's log lines captured.
	var logs bytes.Buffer
	s := credentialstest.NewSTS(credentialstest.STSOptions{Credentials: []tc3.Credentials{{SecretID: "AKIDBASE", SecretKey: "OTHER" + secretKey}}})
	defer s.Close()
	role, err := sts.NewAssumeRole(credentials.Static(tc3.Credentials{SecretID: "AKIDBASE", SecretKey: secretKey, Token: token}),
		sts.AssumeRoleOptions{RoleARN: roleARN, Endpoint: s.URL(), MaxAttempts: 1, Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	_, err = role.Retrieve(ctx)
	if err == nil {
		t.Fatal("a wrong key was accepted")
	}
	noSecret(t, "AssumeRole error", fmt.Sprintf("%v", err))
	if logs.Len() == 0 {
		t.Error("no log line")
	}
	noSecret(t, "AssumeRole log", logs.String())

	// An STS answer without a token, whose key must not show up.
	noTok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"Response":{"Credentials":{"TmpSecretId":"AKID","TmpSecretKey":"%s"},"ExpiredTime":1,"RequestId":"r"}}`, secretKey)
	}))
	defer noTok.Close()
	web, _ = credentials.NewWebIdentity(credentials.WebIdentityOptions{Region: "ap-guangzhou", ProviderID: "p", RoleARN: roleARN, TokenFile: tokenFile, Endpoint: noTok.URL})
	_, err = web.Retrieve(ctx)
	if err == nil || !strings.Contains(err.Error(), "empty Credentials.Token") {
		t.Errorf("err = %v", err)
	}
	noSecret(t, "STS answer error", fmt.Sprintf("%v", err))
}
