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

func TestDefaultChainOrder(t *testing.T) {
	home := t.TempDir()
	md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
	defer md.Close()
	s := credentialstest.NewSTS(credentialstest.STSOptions{WebIdentityToken: "eyJWEBIDENTITY.one"})
	defer s.Close()
	tokenFile := filepath.Join(home, "token")
	writeToken(t, tokenFile, "eyJWEBIDENTITY.one")
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(home, ".tencentcloud"), 0o700))
	must(os.MkdirAll(filepath.Join(home, ".tccli"), 0o700))

	env := map[string]string{"HOME": home, "USERPROFILE": home}
	opts := credentials.ChainOptions{
		Lookup:      func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		CVM:         credentials.CVMRoleOptions{Endpoint: md.Endpoint()},
		WebIdentity: credentials.WebIdentityOptions{Endpoint: s.URL()},
	}
	source := func() string {
		t.Helper()
		p, err := credentials.NewDefaultChain(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		c, err := p.Retrieve(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return c.Source
	}
	// From the last source to the first, each one added wins.
	if got := source(); got != "CVMRole" {
		t.Errorf("only the metadata service: %s", got)
	}
	env["TKE_REGION"], env["TKE_PROVIDER_ID"], env["TKE_ROLE_ARN"], env["TKE_WEB_IDENTITY_TOKEN_FILE"] = "ap-guangzhou", "p", roleARN, tokenFile
	if got := source(); got != "WebIdentity" {
		t.Errorf("with TKE_*: %s", got)
	}
	must(os.WriteFile(filepath.Join(home, ".tccli", "default.credential"), []byte(`{"secretId":"AKIDTCCLI","secretKey":"K"}`), 0o600))
	if got := source(); got != "Tccli" {
		t.Errorf("with a tccli profile: %s", got)
	}
	must(os.WriteFile(filepath.Join(home, ".tencentcloud", "credentials"), []byte("[default]\nsecret_id=AKIDFILE\nsecret_key=K\n"), 0o600))
	if got := source(); got != "File" {
		t.Errorf("with a credentials file: %s", got)
	}
	env[credentials.EnvSecretID], env[credentials.EnvSecretKey] = "AKIDENV", "K"
	if got := source(); got != "Env" {
		t.Errorf("with the environment: %s", got)
	}
	// A source set up but broken stops the chain.
	env[credentials.EnvSecretKey] = ""
	if _, err := credentials.NewDefaultChain(context.Background(), opts); err == nil || errors.Is(err, credentials.ErrNotFound) {
		t.Errorf("half-set environment: %v, want a hard error", err)
	}
}

func TestDefaultChainNothingFound(t *testing.T) {
	home := t.TempDir()
	md := credentialstest.NewMetadata(credentialstest.MetadataOptions{}) // no role bound
	defer md.Close()
	env := map[string]string{"HOME": home, "USERPROFILE": home}
	_, err := credentials.NewDefaultChain(context.Background(), credentials.ChainOptions{
		Lookup: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		CVM:    credentials.CVMRoleOptions{Endpoint: md.Endpoint(), Timeout: time.Second},
	})
	var ce *credentials.ChainError
	if !errors.As(err, &ce) || !errors.Is(err, credentials.ErrNotFound) {
		t.Fatalf("err = %v, want a *ChainError wrapping ErrNotFound", err)
	}
	var sources []string
	for _, s := range ce.Sources {
		sources = append(sources, s.Source)
	}
	if got := strings.Join(sources, ", "); got != "environment, credentials file, tccli profile, TKE OIDC, CVM role" {
		t.Errorf("sources = %s", got)
	}
	msg := err.Error()
	for _, want := range []string{
		"TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY are not set",
		filepath.Join(home, ".tencentcloud", "credentials") + " does not exist",
		filepath.Join(home, ".tccli", "default.credential") + " does not exist",
		"TKE_REGION, TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN are not set",
		"no CAM role is bound to this CVM instance",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not say %q:\n%s", want, msg)
		}
	}
}
