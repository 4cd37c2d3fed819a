package credentials

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTccli(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{homeEnvVar(): home}
	if _, err := tccli("", envMap(env)); !errors.Is(err, ErrNotFound) {
		t.Errorf("no file: %v, want ErrNotFound", err)
	}
	writeFile(t, filepath.Join(home, ".tccli", "default.credential"), `{"secretId": "AKIDTCCLI", "secretKey": "TCCLIKEYEXAMPLE"}`)
	writeFile(t, filepath.Join(home, ".tccli", "prod.credential"), `{"secretId": "AKIDPROD", "secretKey": "PRODKEYEXAMPLE", "token": "PRODTOKEN"}`)
	p, err := tccli("", envMap(env))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Credentials{SecretID: "AKIDTCCLI", SecretKey: "TCCLIKEYEXAMPLE", Source: "Tccli"}, retrieve(t, p)); diff != "" {
		t.Errorf("default (-want +got)\n%s", diff)
	}
	env[EnvTccliProfile] = "prod"
	p, err = tccli("", envMap(env))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Credentials{SecretID: "AKIDPROD", SecretKey: "PRODKEYEXAMPLE", Token: "PRODTOKEN", Source: "Tccli"}, retrieve(t, p)); diff != "" {
		t.Errorf("%s=prod (-want +got)\n%s", EnvTccliProfile, diff)
	}
	env[EnvTccliProfile] = "staging"
	if _, err := tccli("", envMap(env)); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("named profile without a file: %v, want a hard error", err)
	}
	if _, err := tccli("../default", envMap(env)); err == nil || !strings.Contains(err.Error(), "plain name") {
		t.Errorf("path as profile: %v", err)
	}
	writeFile(t, filepath.Join(home, ".tccli", "bad.credential"), `{"secretId": "AKIDBAD", "secretKey": BADKEYEXAMPLE}`)
	if _, err := tccli("bad", envMap(env)); err == nil || !strings.Contains(err.Error(), "syntax error at byte") || strings.Contains(err.Error(), "BADKEYEXAMPLE") {
		t.Errorf("bad JSON: %v", err)
	}
}
