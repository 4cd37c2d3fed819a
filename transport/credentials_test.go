package transport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/tc3"
)

func envMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestEnvCredentials(t *testing.T) {
	p, err := EnvCredentials(envMap(map[string]string{EnvSecretID: "AKIDENV", EnvSecretKey: "ENVKEYEXAMPLE", EnvSecurityToken: "TOK"}))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := p.Credentials(context.Background())
	if got != (tc3.Credentials{SecretID: "AKIDENV", SecretKey: "ENVKEYEXAMPLE", Token: "TOK"}) {
		t.Errorf("got %v", got)
	}
	if _, err := EnvCredentials(envMap(nil)); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("unset: %v, want ErrNoCredentials", err)
	}
	for name, env := range map[string]map[string]string{
		"only id":       {EnvSecretID: "AKIDENV"},
		"empty key":     {EnvSecretID: "AKIDENV", EnvSecretKey: ""},
		"key with \\n":  {EnvSecretID: "AKIDENV", EnvSecretKey: "ENVKEYEXAMPLE\n"},
		"id with space": {EnvSecretID: "AKIDENV ", EnvSecretKey: "ENVKEYEXAMPLE"},
	} {
		_, err := EnvCredentials(envMap(env))
		if err == nil || errors.Is(err, ErrNoCredentials) {
			t.Errorf("%s: error %v, want a configuration error", name, err)
		} else if strings.Contains(err.Error(), "ENVKEYEXAMPLE") {
			t.Errorf("%s: error reveals the key: %v", name, err)
		}
	}
}

func TestFileCredentials(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "credentials")
	os.WriteFile(path, []byte("# comment\n[other]\nsecret_id = AKIDOTHER\n\n[default]\n; comment\nsecret_id = AKIDFILE\nsecret_key= FILEKEYEXAMPLE \n"), 0o600)
	p, err := FileCredentials(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := p.Credentials(context.Background())
	if got != (tc3.Credentials{SecretID: "AKIDFILE", SecretKey: "FILEKEYEXAMPLE"}) {
		t.Errorf("got %v", got)
	}
	os.WriteFile(path, []byte("[default]\nsecret_id = AKIDFILE\n"), 0o600)
	if _, err := FileCredentials(path); err == nil || !strings.Contains(err.Error(), "needs secret_id and secret_key") {
		t.Errorf("missing key: %v", err)
	}
	if _, err := FileCredentials(filepath.Join(dir, "nope")); err == nil || errors.Is(err, ErrNoCredentials) {
		t.Errorf("explicit missing file: %v, want a hard error", err)
	}
	t.Setenv(EnvCredentialsFile, "")
	if _, err := FileCredentials(""); err == nil || !strings.Contains(err.Error(), "set but empty") {
		t.Errorf("empty %s: %v", EnvCredentialsFile, err)
	}
}

// TestFileCredentialsBOM: a file saved as UTF-8 with a byte order mark
// (Notepad's default) reads like one without.
func TestFileCredentialsBOM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "credentials")
	os.WriteFile(path, []byte("\xEF\xBB\xBF[default]\r\nsecret_id = AKIDFILE\r\nsecret_key = FILEKEYEXAMPLE\r\n"), 0o600)
	p, err := FileCredentials(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := p.Credentials(context.Background())
	if got != (tc3.Credentials{SecretID: "AKIDFILE", SecretKey: "FILEKEYEXAMPLE"}) {
		t.Errorf("got %v", got)
	}
}
