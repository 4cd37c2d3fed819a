package credentials

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

const iniExample = "# comment\n[other]\nsecret_id = AKIDOTHER\nsecret_key = OTHERKEYEXAMPLE\ntoken = OTHERTOKEN\n\n[default]\n; comment\nsecret_id = AKIDFILE\nsecret_key= FILEKEYEXAMPLE \n"

func TestFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "credentials")
	writeFile(t, path, iniExample)
	p, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Credentials{SecretID: "AKIDFILE", SecretKey: "FILEKEYEXAMPLE", Source: "File"}, retrieve(t, p)); diff != "" {
		t.Errorf("[default] (-want +got)\n%s", diff)
	}
	p, err = FileProfile(path, "other")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Credentials{SecretID: "AKIDOTHER", SecretKey: "OTHERKEYEXAMPLE", Token: "OTHERTOKEN", Source: "File"}, retrieve(t, p)); diff != "" {
		t.Errorf("[other] (-want +got)\n%s", diff)
	}
	if _, err := FileProfile(path, "nope"); err == nil || !strings.Contains(err.Error(), "no section [nope] (it has [default], [other])") {
		t.Errorf("missing profile: %v", err)
	}

	writeFile(t, path, "[default]\nsecret_id = AKIDFILE\n")
	if _, err := File(path); err == nil || !strings.Contains(err.Error(), "needs secret_id and secret_key") {
		t.Errorf("missing key: %v", err)
	}
	writeFile(t, path, "[default]\nsecret_id = AKIDFILE\nsecret_key = FILE KEYEXAMPLE\n")
	if _, err := File(path); err == nil || !strings.Contains(err.Error(), "whitespace") || strings.Contains(err.Error(), "KEYEXAMPLE") {
		t.Errorf("key with a space: %v", err)
	}
	if _, err := File(filepath.Join(dir, "nope")); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("explicit missing file: %v, want a hard error", err)
	}
	t.Setenv(EnvCredentialsFile, "")
	if _, err := File(""); err == nil || !strings.Contains(err.Error(), "set but empty") {
		t.Errorf("empty %s: %v", EnvCredentialsFile, err)
	}
}

// TestFileDefaultLocation reads $HOME/.tencentcloud/credentials through the
// lookup, and reports a missing default file as ErrNotFound.
func TestFileDefaultLocation(t *testing.T) {
	home := t.TempDir()
	lookup := envMap(map[string]string{homeEnvVar(): home})
	if _, err := fileProfile("", "", lookup); !errors.Is(err, ErrNotFound) {
		t.Errorf("no file: %v, want ErrNotFound", err)
	}
	writeFile(t, filepath.Join(home, ".tencentcloud", "credentials"), iniExample)
	p, err := fileProfile("", "", lookup)
	if err != nil {
		t.Fatal(err)
	}
	if got := retrieve(t, p).SecretID; got != "AKIDFILE" {
		t.Errorf("SecretID %q", got)
	}
	other := filepath.Join(t.TempDir(), "creds")
	writeFile(t, other, "[default]\nsecret_id = AKIDENVFILE\nsecret_key = K\n")
	p, err = fileProfile("", "", envMap(map[string]string{homeEnvVar(): home, EnvCredentialsFile: other}))
	if err != nil {
		t.Fatal(err)
	}
	if got := retrieve(t, p).SecretID; got != "AKIDENVFILE" {
		t.Errorf("%s: SecretID %q", EnvCredentialsFile, got)
	}
}

// TestFileBOM: Notepad saves UTF-8 with a byte order mark; the first line
// is still the [default] header.
func TestFileBOM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "credentials")
	writeFile(t, path, "\xef\xbb\xbf[default]\r\nsecret_id = AKIDBOM\r\nsecret_key = BOMKEYEXAMPLE\r\n")
	p, err := File(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Credentials{SecretID: "AKIDBOM", SecretKey: "BOMKEYEXAMPLE", Source: "File"}, retrieve(t, p)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestParseINI(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     map[string]map[string]string
		err      string
	}{
		{"empty", "", map[string]map[string]string{}, ""},
		{"keys before a section belong to none", "a = 1\n[s]\nb = 2\n", map[string]map[string]string{"s": {"b": "2"}}, ""},
		{"repeated section merges", "[s]\na=1\n[t]\n[s]\nb=2\n", map[string]map[string]string{"s": {"a": "1", "b": "2"}, "t": {}}, ""},
		{"value with =", "[s]\nk = a=b\n", map[string]map[string]string{"s": {"k": "a=b"}}, ""},
		{"BOM only at the start", "\xef\xbb\xbf[s]\n", map[string]map[string]string{"s": {}}, ""},
		{"unclosed header", "[s\n", nil, "line 1: section header without ]"},
		{"no =", "[s]\nsecret\n", nil, "line 2: want key = value"},
	} {
		got, err := parseINI([]byte(tt.in))
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: err %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got)\n%s", tt.name, diff)
		}
	}
}

// FuzzParseINI: never a panic, and an error never quotes the line (which
// may be a pasted key).
func FuzzParseINI(f *testing.F) {
	f.Add([]byte(iniExample))
	f.Add([]byte("\xef\xbb\xbf[default]\nsecret_id=x\n"))
	f.Add([]byte("[\n=\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := parseINI(b)
		if err != nil && len(b) > 8 && strings.Contains(err.Error(), string(b)) {
			t.Errorf("error quotes the input: %v", err)
		}
	})
}
