package transport

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

func TestAttemptRefusesExpiredCredentials(t *testing.T) {
	clock := newFakeClock()
	s := newFaultServer(t, clock, fOK)
	expires := clock.Now().Add(-time.Second)
	c := newTestClient(t, s, func(c *Config) {
		c.Credentials = credentials.ProviderFunc(func(context.Context) (credentials.Credentials, error) {
			return credentials.Credentials{SecretID: testCreds.SecretID, SecretKey: testCreds.SecretKey, Token: "TOKENEXAMPLE", Expires: expires, Source: "test"}, nil
		})
	})
	_, err := c.Call(context.Background(), detectAuth)
	if err == nil || !strings.Contains(err.Error(), "expired at") {
		t.Fatalf("err = %v, want the expired credentials refused", err)
	}
	if strings.Contains(err.Error(), testCreds.SecretKey) || strings.Contains(err.Error(), "TOKENEXAMPLE") {
		t.Errorf("error reveals a secret: %v", err)
	}
	checkAttempts(t, s, 0)
}

func TestDeprecatedForwarders(t *testing.T) {
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	p, err := EnvCredentials(env(map[string]string{EnvSecretID: "AKIDENV", EnvSecretKey: "ENVKEYEXAMPLE"}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Retrieve(context.Background())
	if err != nil || got.SecretID != "AKIDENV" || got.SecretKey != "ENVKEYEXAMPLE" {
		t.Errorf("EnvCredentials: %v, %v", got, err)
	}
	_, err = DefaultCredentialsFrom(env(map[string]string{"HOME": t.TempDir()}))
	if !errors.Is(err, ErrNoCredentials) || !strings.Contains(err.Error(), EnvSecretID) {
		t.Errorf("DefaultCredentialsFrom with nothing set: %v", err)
	}
	if s, _ := StaticCredentials(testCreds).Retrieve(context.Background()); s.TC3() != testCreds {
		t.Errorf("StaticCredentials: %v", s)
	}
}
