package main

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// endless is stdin that never ends; it counts the bytes handed out.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// runWithStdin runs the CLI with the test environment and the given stdin.
func (tl *tool) runWithStdin(stdin io.Reader, args ...string) result {
	tl.t.Helper()
	var out, errb bytes.Buffer
	c := &cli{ctx: tl.ctx, stdin: stdin, stdout: &out, stderr: &errb,
		getenv: func(k string) (string, bool) { v, ok := tl.env[k]; return v, ok },
		now:    func() time.Time { return tl.now }}
	code := c.run(args)
	r := result{out.String(), errb.String(), code}
	tl.checkNoSecret(r, args)
	return r
}

// TestInputsAreBounded: no input is read past its limit, an endless one
// included; each gets a one-line error naming the limit, exit 2.
func TestInputsAreBounded(t *testing.T) {
	tl := newTool(t, testID, testKey)
	good := postWire("application/json", mBody).raw(authz(testID, mDate, "faceid", sigCTH, strings.Repeat("0", 64)))
	for _, tc := range []struct {
		name  string
		args  []string
		limit int64
	}{
		{"sign --payload -", []string{"sign", "--action", "A", "--payload", "-"}, tc3.MaxTC3BodyBytes},
		{"verify -", []string{"verify", "-"}, maxRawRequest},
		{"verify", []string{"verify"}, maxRawRequest},
	} {
		in := &endless{}
		r := tl.runWithStdin(in, tc.args...)
		want := "over the " + strconv.FormatInt(tc.limit, 10) + "-byte limit"
		if r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("%s with endless stdin: exit %d, stderr %q; want one line with %q", tc.name, r.code, r.stderr, want)
		}
		if in.n > tc.limit+1+64<<10 {
			t.Errorf("%s read %d bytes of stdin for a %d-byte limit", tc.name, in.n, tc.limit)
		}
	}
	// One byte over the limit, from a file, is refused; the limit itself is not.
	payload := writeFile(t, "big.json", strings.Repeat("a", tc3.MaxTC3BodyBytes+1))
	if r := tl.run("", "sign", "--action", "A", "--payload", payload); r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, "cannot read --payload: "+payload+" is over the 10485760-byte limit") {
		t.Errorf("sign --payload over the limit: exit %d, stderr %q", r.code, r.stderr)
	}
	payload = writeFile(t, "max.json", strings.Repeat("a", tc3.MaxTC3BodyBytes))
	if r := tl.run("", "sign", "--action", "A", "--payload", payload, "--format", "http"); r.code != 0 {
		t.Errorf("sign --payload at the limit: exit %d, stderr %q", r.code, r.stderr)
	}
	big := writeFile(t, "req.http", good+strings.Repeat(" ", maxRawRequest+1-len(good)))
	if r := tl.run("", "verify", big); r.code != 2 || !strings.Contains(r.stderr, "cannot read the request: "+big+" is over the 16777216-byte limit") {
		t.Errorf("verify FILE over the limit: exit %d, stderr %q", r.code, r.stderr)
	}
	for _, flag := range []string{"--their-canonical-request", "--their-string-to-sign"} {
		p := writeFile(t, "theirs.txt", strings.Repeat("a", maxTheirFile+1))
		if r := tl.run(good, "verify", flag, p, "-"); r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, "cannot read "+flag+": "+p+" is over the 1048576-byte limit") {
			t.Errorf("%s over the limit: exit %d, stderr %q", flag, r.code, r.stderr)
		}
	}
	key := writeFile(t, "key", strings.Repeat("k", maxSecretFile+1))
	if r := tl.run("", "sign", "--action", "A", "--secret-id", testID, "--secret-key-file", key); r.code != 2 || !strings.Contains(r.stderr, "cannot read --secret-key-file: "+key+" is over the 65536-byte limit") {
		t.Errorf("--secret-key-file over the limit: exit %d, stderr %q", r.code, r.stderr)
	}

	// Endless files (a wrong path such as /dev/zero) stop at the limit too.
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	for _, args := range [][]string{
		{"sign", "--action", "A", "--payload", "/dev/zero"},
		{"verify", "/dev/zero"},
		{"verify", "--their-string-to-sign", "/dev/zero", "-"},
		{"sign", "--action", "A", "--secret-id", testID, "--secret-key-file", "/dev/zero"},
		{"sign", "--action", "A", "--token-file", "/dev/zero"},
	} {
		if r := tl.run(good, args...); r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, "/dev/zero is over the ") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestSignGETSizeIsTheURLRule: sign warns about a GET by the same measure as
// tc3.Verify and the transport, the whole URL https://host/?query.
func TestSignGETSizeIsTheURLRule(t *testing.T) {
	tl := newTool(t, testID, testKey)
	warnings := func(args ...string) []string {
		t.Helper()
		r := tl.run("", append([]string{"sign", "--action", "DetectAuth", "--method", "GET", "--format", "json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		var j struct{ Warnings []string }
		if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
			t.Fatal(err)
		}
		return j.Warnings
	}
	fixed := len("https://") + len(defaultHost) + len("/?Pad=")
	atLimit := "Pad=" + strings.Repeat("a", tc3.MaxGETURLBytes-fixed)
	if got := tc3.GETURLBytes(defaultHost, "/?"+atLimit); got != tc3.MaxGETURLBytes {
		t.Fatalf("test setup: URL is %d bytes", got)
	}
	if w := warnings("--query", atLimit); len(w) != 0 {
		t.Errorf("URL of exactly %d bytes: warnings %q", tc3.MaxGETURLBytes, w)
	}
	// One byte more: over the limit, although host+query+2 is still well under it.
	w := warnings("--query", atLimit+"a")
	if len(w) != 1 || !strings.Contains(w[0], "the URL is 32769 bytes, over the 32768-byte GET limit: use POST") {
		t.Errorf("URL of %d bytes: warnings %q", tc3.MaxGETURLBytes+1, w)
	}
	// v1 GETs are measured the same way.
	w = warnings("--signature-method", tc3.HmacSHA256, "--query", "Pad="+strings.Repeat("a", tc3.MaxGETURLBytes))
	if len(w) != 1 || !strings.Contains(w[0], "-byte GET limit: use POST") {
		t.Errorf("v1 GET over the limit: warnings %q", w)
	}
	if w := warnings("--signature-method", tc3.HmacSHA256, "--query", "Pad=a"); len(w) != 0 {
		t.Errorf("small v1 GET: warnings %q", w)
	}
}

// TestCredentialsFromEnvironment: the environment goes through
// credentials.Env; flags stand in for their variables.
func TestCredentialsFromEnvironment(t *testing.T) {
	sign := func(env map[string]string, args ...string) result {
		t.Helper()
		tl := newTool(t, "", "")
		tl.env = env
		tl.secrets = append(tl.secrets, testKey) // the token is sent, so printed, on purpose
		return tl.run("", append([]string{"sign", "--action", "DetectAuth", "--format", "json", "--timestamp", "1795750620", "--show-token"}, args...)...)
	}
	secretID := func(r result) (id string, headers map[string]string) {
		t.Helper()
		var j struct {
			SecretID string            `json:"secret_id"`
			Headers  map[string]string `json:"headers"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
			t.Fatalf("%v\n%s%s", err, r.stdout, r.stderr)
		}
		return j.SecretID, j.Headers
	}
	full := map[string]string{envSecretID: testID, envSecretKy: testKey, envToken: "SESSIONTOKEN0123"}
	r := sign(full)
	if id, h := secretID(r); r.code != 0 || id != testID || h["X-TC-Token"] != "SESSIONTOKEN0123" {
		t.Errorf("environment: exit %d, id %q, headers %v", r.code, id, h)
	}
	// Flags stand in for their variables.
	tok := writeFile(t, "token", "OTHERTOKEN0123\n")
	r = sign(full, "--secret-id", "AKIDOTHER", "--token-file", tok)
	if id, h := secretID(r); r.code != 0 || id != "AKIDOTHER" || h["X-TC-Token"] != "OTHERTOKEN0123" {
		t.Errorf("--secret-id and --token-file over the environment: exit %d, id %q, headers %v", r.code, id, h)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"nothing set", map[string]string{}, nil, "no credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY"},
		{"both set but empty", map[string]string{envSecretID: "", envSecretKy: ""}, nil, "no credentials"},
		{"only the key", map[string]string{envSecretKy: testKey}, nil, "no SecretId: set TENCENTCLOUD_SECRET_ID or pass --secret-id ID (the SecretKey comes from $TENCENTCLOUD_SECRET_KEY)"},
		{"only the id", map[string]string{envSecretID: testID}, nil, "no SecretKey for SecretId AKIDEXAMPLE"},
		{"empty key", map[string]string{envSecretID: testID, envSecretKy: ""}, nil, "no SecretKey for SecretId AKIDEXAMPLE"},
		{"key with a space", map[string]string{envSecretID: testID, envSecretKy: testKey + " "}, nil, "credentials (SecretKey from $TENCENTCLOUD_SECRET_KEY): tc3: SecretKey contains whitespace"},
		{"only a token file", map[string]string{}, []string{"--token-file", tok}, "no credentials"},
	} {
		r := sign(tc.env, tc.args...)
		if r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "transport:") {
			t.Errorf("%s: exit %d, stderr %q; want one line with %q", tc.name, r.code, r.stderr, tc.want)
		}
	}
}

// TestDiagnosisSignsWithTC3: without a key mistake the builders sign with
// tc3.SignString and tc3.V1Signature; the key mistakes keep their own chain
// and give other signatures; the output mistakes re-encode the right one.
func TestDiagnosisSignsWithTC3(t *testing.T) {
	for _, c := range loadVectors(t) {
		req, err := parseRawRequest(c.Request)
		if err != nil {
			t.Fatal(err)
		}
		cred := c.Credentials()
		want := c.Expected["signature"]
		if c.IsV1() {
			raw := req.RawQuery
			if req.Method == "POST" {
				raw = string(req.Body)
			}
			pairs, err := splitV1Params(raw)
			if err != nil {
				t.Fatal(err)
			}
			path, _ := url.PathUnescape(req.Path)
			base := v1Base(req.Method, req.Host, path, pairs, cred.SecretKey)
			hexOut := base.clone()
			hexOut.hexOutput = true
			b, _ := base64.StdEncoding.DecodeString(want)
			if base.signature() != want || hexOut.signature() != hex.EncodeToString(b) {
				t.Errorf("%s: v1 %q, hex %q", c.Name, base.signature(), hexOut.signature())
			}
			continue
		}
		header, _ := req.Get("Authorization")
		auth, err := tc3.ParseAuthorization(header)
		if err != nil {
			t.Fatal(err)
		}
		ts, _ := req.Get("X-TC-Timestamp")
		base := tc3Base(req, auth, cred, c.Context.Service, ts, c.Context.Timestamp)
		if got := tc3.SignString(cred.SecretKey, base.date, base.service, base.stringToSign()); got != want || base.signature() != want {
			t.Errorf("%s: SignString %q, builder %q, want %q", c.Name, got, base.signature(), want)
		}
		if got := signSTS(base, c.Expected["string-to-sign"]); got != want {
			t.Errorf("%s: signSTS %q, want %q", c.Name, got, want)
		}
		upper := base.clone()
		upper.upperHex = true
		if upper.signature() != strings.ToUpper(want) {
			t.Errorf("%s: upper-case variant %q", c.Name, upper.signature())
		}
		for name, f := range map[string]func(p *tc3Parts){
			"hex-keys":      func(p *tc3Parts) { p.hexKeys = true },
			"key-no-prefix": func(p *tc3Parts) { p.keyPrefix = "" },
		} {
			p := base.clone()
			f(p)
			if s := p.signature(); len(s) != 64 || s == want {
				t.Errorf("%s: %s variant %q", c.Name, name, s)
			}
		}
	}
}
