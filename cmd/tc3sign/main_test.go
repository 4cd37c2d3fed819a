package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/tc3/tc3vectors"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const vectorDir = "../../testdata/tc3"

// Example credentials used by the tests (the SDK vectors' pair).
const (
	testID  = "AKIDEXAMPLE"
	testKey = "SECRETKEYEXAMPLE"
)

// fixedNow is the clock of tests that do not pass --now.
var fixedNow = time.Unix(1795750620, 0)

// result is the outcome of one in-process run.
type result struct {
	stdout, stderr string
	code           int
}

// tool runs the CLI in process with its own environment and clock, and
// checks that no secret it knows about appears in any output.
type tool struct {
	t       *testing.T
	env     map[string]string
	secrets []string
	now     time.Time
	ctx     context.Context
}

func newTool(t *testing.T, id, key string) *tool {
	t.Helper()
	env := map[string]string{}
	if id != "" {
		env[envSecretID] = id
	}
	if key != "" {
		env[envSecretKy] = key
	}
	return &tool{t: t, env: env, secrets: []string{key}, now: fixedNow, ctx: context.Background()}
}

func (tl *tool) run(stdin string, args ...string) result {
	tl.t.Helper()
	var out, errb bytes.Buffer
	c := &cli{
		ctx:    tl.ctx,
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		getenv: func(k string) (string, bool) { v, ok := tl.env[k]; return v, ok },
		now:    func() time.Time { return tl.now },
	}
	code := c.run(args)
	r := result{out.String(), errb.String(), code}
	tl.checkNoSecret(r, args)
	return r
}

// checkNoSecret fails the test if a secret key, or another secret the test
// added to tl.secrets (a signature valid for the request), shows in stdout
// or stderr.
// Keys made only of asterisks (the documentation's masked demo keys) are
// skipped: their mask is the key itself, and the SecretId contains it.
func (tl *tool) checkNoSecret(r result, args []string) {
	tl.t.Helper()
	for _, s := range append(tl.secrets, tl.env[envSecretKy]) {
		if strings.Trim(s, "*") == "" || len(s) < 6 {
			continue
		}
		for _, text := range []string{r.stdout, r.stderr} {
			if strings.Contains(text, s) {
				tl.t.Fatalf("tc3sign %s printed a secret (the key, or a signature valid for the request)", strings.Join(args, " "))
			}
		}
	}
}

// writeFile writes content into a temporary file and returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func loadVectors(t *testing.T) []*tc3vectors.Case {
	t.Helper()
	cases, err := tc3vectors.Load(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// toolFor returns a tool with a vector case's credentials.
func toolFor(t *testing.T, c *tc3vectors.Case) *tool {
	tl := newTool(t, c.Context.SecretID, c.Context.SecretKey)
	if c.Context.Token != "" {
		tl.env[envToken] = c.Context.Token // sent on purpose (X-TC-Token, v1 Token), so not a "secret" here
	}
	return tl
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- want\n%s\n--- got\n%s", p, want, got)
	}
}

// isOneLine reports whether s is exactly one non-empty line.
func isOneLine(s string) bool {
	return strings.HasSuffix(s, "\n") && strings.Count(s, "\n") == 1 && len(strings.TrimSpace(s)) > 0
}

func TestHelpForEveryCommand(t *testing.T) {
	tl := newTool(t, "", "")
	for _, cmd := range []string{"sign", "verify", "vectors", "serve", "explain"} {
		for _, h := range []string{"--help", "-h"} {
			r := tl.run("", cmd, h)
			if r.code != 0 || !strings.Contains(r.stdout, "Usage: tc3sign "+cmd) || !strings.Contains(r.stdout, "Example:\n  ") || !strings.Contains(r.stdout, "tc3sign "+cmd) {
				t.Errorf("tc3sign %s %s: exit %d, stdout:\n%s", cmd, h, r.code, r.stdout)
			}
		}
	}
	if r := tl.run("", "help", "verify"); r.code != 0 || !strings.Contains(r.stdout, "--their-canonical-request") {
		t.Errorf("tc3sign help verify: exit %d\n%s", r.code, r.stdout)
	}
	if r := tl.run("", "--help"); r.code != 0 || !strings.Contains(r.stdout, "tc3sign verify") {
		t.Errorf("tc3sign --help: exit %d\n%s", r.code, r.stdout)
	}
	if r := tl.run(""); r.code != 2 || !strings.Contains(r.stderr, "Usage:") {
		t.Errorf("tc3sign with no command: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestRunUsesRealEntryPoint calls run itself (the process environment is
// not read for these).
func TestRunUsesRealEntryPoint(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"vectors", vectorDir}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("run vectors: exit %d\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"frobnicate"}, strings.NewReader(""), &out, &errb); code != 2 || !isOneLine(errb.String()) {
		t.Errorf("run frobnicate: exit %d, stderr %q", code, errb.String())
	}
}

var credForFuzz = tc3.Credentials{SecretID: testID, SecretKey: testKey}

// loadVectorsF returns the request.http of every vector, as fuzz seeds.
func loadVectorsF(f *testing.F) [][]byte {
	cases, err := tc3vectors.Load(vectorDir)
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, c := range cases {
		out = append(out, c.Request)
	}
	return out
}
