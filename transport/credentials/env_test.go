package credentials

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func envMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func retrieve(t *testing.T, p Provider) Credentials {
	t.Helper()
	c, err := p.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestEnv(t *testing.T) {
	p, err := Env(envMap(map[string]string{EnvSecretID: "AKIDENV", EnvSecretKey: "ENVKEYEXAMPLE", EnvSecurityToken: "TOK"}))
	if err != nil {
		t.Fatal(err)
	}
	want := Credentials{SecretID: "AKIDENV", SecretKey: "ENVKEYEXAMPLE", Token: "TOK", Source: "Env"}
	if diff := cmp.Diff(want, retrieve(t, p)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if _, err := Env(envMap(nil)); !errors.Is(err, ErrNotFound) {
		t.Errorf("unset: %v, want ErrNotFound", err)
	}
	for name, env := range map[string]map[string]string{
		"only id":       {EnvSecretID: "AKIDENV"},
		"only key":      {EnvSecretKey: "ENVKEYEXAMPLE"},
		"empty key":     {EnvSecretID: "AKIDENV", EnvSecretKey: ""},
		"key with \\n":  {EnvSecretID: "AKIDENV", EnvSecretKey: "ENVKEYEXAMPLE\n"},
		"id with space": {EnvSecretID: "AKIDENV ", EnvSecretKey: "ENVKEYEXAMPLE"},
	} {
		_, err := Env(envMap(env))
		if err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("%s: error %v, want a configuration error", name, err)
		} else if strings.Contains(err.Error(), "ENVKEYEXAMPLE") {
			t.Errorf("%s: error reveals the key: %v", name, err)
		}
	}
}
