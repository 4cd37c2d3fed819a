package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/tc3/tc3vectors"
)

// signArgs turns a vector case into the sign flags that reproduce it.
func signArgs(t *testing.T, c *tc3vectors.Case) []string {
	t.Helper()
	req, body, err := c.ParseRequest()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"sign", "--method", req.Method, "--host", req.Host, "--timestamp", strconv.FormatInt(c.Context.Timestamp, 10)}
	if !c.IsV1() {
		args = append(args, "--service", c.Context.Service,
			"--action", req.Header.Get("X-TC-Action"),
			"--version", req.Header.Get("X-TC-Version"),
			"--region="+req.Header.Get("X-TC-Region"),
			"--content-type", req.Header.Get("Content-Type"),
			"--signed-headers", c.Context.SignedHeaders)
		if l := req.Header.Get("X-TC-Language"); l != "" {
			args = append(args, "--language", l)
		}
		if req.Method == "GET" {
			args = append(args, "--query", req.URL.RawQuery)
		} else {
			args = append(args, "--payload", writeFile(t, "payload.json", string(body)))
		}
		return args
	}
	raw := req.URL.RawQuery
	if req.Method == "POST" {
		raw = string(body)
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		t.Fatal(err)
	}
	p := map[string]string{}
	for k, v := range values {
		p[k] = v[0]
	}
	args = append(args, "--signature-method", c.Context.SignatureMethod, "--path", req.URL.Path,
		"--action", p["Action"], "--nonce", p["Nonce"], "--version="+p["Version"], "--region="+p["Region"], "--language="+p["Language"])
	for _, k := range []string{"Action", "Nonce", "Version", "Region", "Language", "Timestamp", "SecretId", "Token", "Signature"} {
		delete(p, k)
	}
	switch sm, ok := p["SignatureMethod"]; {
	case ok && sm == c.Context.SignatureMethod:
		delete(p, "SignatureMethod") // added by the signer
	case !ok && c.Context.SignatureMethod == tc3.HmacSHA1:
		args = append(args, "--omit-signature-method") // as the documentation's examples
	}
	if len(p) > 0 {
		args = append(args, "--query", tc3.EncodeQuery(p))
	}
	return args
}

// showAll is --format json and the flags that print every secret-derived
// value the vector files hold.
func showAll(c *tc3vectors.Case) []string {
	if c.IsV1() {
		return []string{"--format", "json", "--show-token"}
	}
	return []string{"--format", "json", "--show-token", "--show-derived-keys"}
}

// TestSignJSONMatchesEveryVector signs each vector's inputs and compares the
// printed values with the vector's files.
func TestSignJSONMatchesEveryVector(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			tl := toolFor(t, c)
			r := tl.run("", append(signArgs(t, c), showAll(c)...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, r.stdout)
			}
			for file, want := range c.Expected {
				key := strings.ReplaceAll(file, "-", "_")
				if got[key] != want {
					t.Errorf("%s: json %s = %q, want %q", file, key, got[key], want)
				}
			}
			required := []string{"canonical_request", "hashed_canonical_request", "credential_scope", "string_to_sign", "signature", "authorization", "headers"}
			if c.IsV1() {
				required = []string{"string_to_sign", "signature", "headers"}
				if _, ok := got["query"]; !ok {
					if _, ok := got["body"]; !ok {
						t.Error("v1 json has neither query nor body")
					}
				}
			}
			for _, k := range required {
				if _, ok := got[k]; !ok {
					t.Errorf("json lacks key %q", k)
				}
			}
			if !c.IsV1() {
				h := got["headers"].(map[string]any)
				if h["Authorization"] != c.Expected["authorization"] {
					t.Errorf("headers.Authorization = %v", h["Authorization"])
				}
			}
		})
	}
}

// TestSignTextShowsEveryStep checks the text format against the vector files.
func TestSignTextShowsEveryStep(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			r := toolFor(t, c).run("", append(signArgs(t, c), showAll(c)[2:]...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			want := []string{"----- string to sign -----\n" + c.Expected["string-to-sign"] + "\n-----", c.Expected["signature"]}
			if !c.IsV1() {
				want = append(want,
					"----- canonical request -----\n"+c.Expected["canonical-request"]+"\n-----",
					"Authorization: "+c.Expected["authorization"]+"\n",
					"CredentialScope: "+c.Expected["credential-scope"],
					"SecretSigning = HMAC(SecretService, \"tc3_request\")  ")
			}
			for _, w := range want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("text output lacks %q:\n%s", w, r.stdout)
				}
			}
			// No part of the SecretKey is shown, not even its last characters.
			if !strings.Contains(r.stdout, "SecretKey:  "+tc3.Redact(c.Context.SecretKey)+"\n") {
				t.Errorf("text output does not show the redacted key:\n%s", r.stdout)
			}
		})
	}
}

// TestSignHTTPRoundTrip: the raw request printed by --format http verifies.
func TestSignHTTPRoundTrip(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			tl := toolFor(t, c)
			r := tl.run("", append(signArgs(t, c), "--format", "http", "--show-token")...)
			if r.code != 0 {
				t.Fatalf("sign: exit %d: %s", r.code, r.stderr)
			}
			if !c.IsV1() && !strings.Contains(r.stdout, "\r\nAuthorization: "+c.Expected["authorization"]+"\r\n") {
				t.Errorf("http output lacks the vector's Authorization:\n%s", r.stdout)
			}
			v := tl.run(r.stdout, "verify", "--now", strconv.FormatInt(c.Context.Timestamp, 10), "-")
			if v.code != 0 {
				t.Errorf("verify of the signed request: exit %d\n%s%s", v.code, v.stdout, v.stderr)
			}
		})
	}
}

// TestSignGolden pins the four formats for a TC3 POST, a TC3 GET and a v1 POST.
func TestSignGolden(t *testing.T) {
	for _, name := range []string{"s1-sdk-detectauth-post", "e-doc-current-x-tc-action", "a-doc-2018-get", "s4-sdk-detectauth-v1-hmacsha256-post"} {
		c, err := tc3vectors.LoadCase(filepath.Join(vectorDir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"text", "json", "curl", "http"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				args := append(signArgs(t, c), "--format", format)
				r := toolFor(t, c).run("", args...)
				if r.code != 0 {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				out := r.stdout
				for i, a := range args {
					if a == "--payload" {
						out = strings.ReplaceAll(out, args[i+1], "PAYLOAD.json")
					}
				}
				golden(t, "sign-"+name+"."+format, out)
			})
		}
	}
}

func TestSignCurlPayload(t *testing.T) {
	tl := newTool(t, testID, testKey)
	// From a file: referenced, never inlined.
	p := writeFile(t, "it's.json", `{"RuleId":"1"}`)
	r := tl.run("", "sign", "--action", "DetectAuth", "--payload", p, "--format", "curl")
	if r.code != 0 || !strings.Contains(r.stdout, "--data-binary '@"+strings.ReplaceAll(p, "'", `'\''`)+"'") {
		t.Errorf("curl with --payload FILE:\n%s%s", r.stdout, r.stderr)
	}
	// Small stdin payload: inlined, quoted for the shell.
	r = tl.run(`{"Name":"O'Brien"}`, "sign", "--action", "DetectAuth", "--payload", "-", "--format", "curl")
	if r.code != 0 || !strings.Contains(r.stdout, `--data-binary '{"Name":"O'\''Brien"}'`) {
		t.Errorf("curl with small stdin payload:\n%s%s", r.stdout, r.stderr)
	}
	// Large stdin payload: not inlined.
	big := `{"ImageBase64":"` + strings.Repeat("A", 10000) + `"}`
	r = tl.run(big, "sign", "--action", "DetectAuth", "--payload", "-", "--format", "curl")
	if r.code != 0 || strings.Contains(r.stdout, "AAAAAAAAAA") || !strings.Contains(r.stdout, "--data-binary @-") {
		t.Errorf("curl with large stdin payload inlined it or lost it:\n%.300s", r.stdout)
	}
}

// TestSignPayloadByteExact: no newline is added or removed.
func TestSignPayloadByteExact(t *testing.T) {
	tl := newTool(t, testID, testKey)
	for _, body := range []string{`{"RuleId":"1"}`, "{\"RuleId\":\"1\"}\n", "{\"RuleId\":\"1\"}\r\n", ""} {
		r := tl.run(body, "sign", "--action", "DetectAuth", "--payload", "-", "--format", "json", "--timestamp", "1795750620")
		var got struct {
			HashedPayload string `json:"hashed_payload"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || got.HashedPayload != tc3.PayloadHash([]byte(body)) {
			t.Errorf("payload %q: hashed_payload %q, want %q (%v)", body, got.HashedPayload, tc3.PayloadHash([]byte(body)), err)
		}
	}
}

func TestSignDefaults(t *testing.T) {
	tl := newTool(t, testID, testKey)
	r := tl.run("{}", "sign", "--action", "GetLiveCode", "--payload", "-", "--format", "json")
	var got signJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	wantHeaders := map[string]string{
		"Host": defaultHost, "Content-Type": "application/json", "X-TC-Action": "GetLiveCode", "X-TC-Version": "2018-03-01",
		"X-TC-Region": "ap-guangzhou", "X-TC-Timestamp": strconv.FormatInt(fixedNow.Unix(), 10), "Content-Length": "2", "Authorization": got.Authorization,
	}
	if len(got.Headers) != len(wantHeaders) {
		t.Errorf("headers = %v, want %v", got.Headers, wantHeaders)
	}
	for k, v := range wantHeaders {
		if got.Headers[k] != v {
			t.Errorf("header %s = %q, want %q", k, got.Headers[k], v)
		}
	}
	if got.Service != "faceid" || got.Timestamp != fixedNow.Unix() || !strings.Contains(got.CanonicalRequest, "content-type;host\n") {
		t.Errorf("defaults: %+v", got)
	}
	// --region= sends no region; a token is sent as X-TC-Token.
	tl.env[envToken] = "TOKENVALUE123"
	r = tl.run("", "sign", "--method", "GET", "--action", "GetLiveCode", "--region=", "--format", "json", "--show-token")
	got = signJSON{}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if _, ok := got.Headers["X-TC-Region"]; ok || got.Headers["Content-Type"] != "application/x-www-form-urlencoded" {
		t.Errorf("GET --region=: headers %v", got.Headers)
	}
	if got.Headers["X-TC-Token"] != "TOKENVALUE123" {
		t.Errorf("X-TC-Token not sent: %v", got.Headers)
	}
}

func TestSignCredentialsFromFile(t *testing.T) {
	tl := newTool(t, "", "")
	key := writeFile(t, "key", testKey+"\n")
	a := tl.run("", "sign", "--action", "DetectAuth", "--secret-id", testID, "--secret-key-file", key, "--format", "json")
	b := newTool(t, testID, testKey).run("", "sign", "--action", "DetectAuth", "--format", "json")
	if a.code != 0 || a.stdout != b.stdout {
		t.Errorf("key file with a trailing newline gives another result:\n%s%s\nvs\n%s", a.stdout, a.stderr, b.stdout)
	}
	// CRLF from a Windows editor is one newline too.
	keyCRLF := writeFile(t, "key", testKey+"\r\n")
	if r := tl.run("", "sign", "--action", "DetectAuth", "--secret-id", testID, "--secret-key-file", keyCRLF, "--format", "json"); r.stdout != b.stdout {
		t.Errorf("CRLF key file: %s%s", r.stdout, r.stderr)
	}
	// Other white space is reported, by position, never echoed.
	for _, bad := range []string{testKey + " \n", " " + testKey, testKey + "\n\n"} {
		p := writeFile(t, "key", bad)
		r := tl.run("", "sign", "--action", "DetectAuth", "--secret-id", testID, "--secret-key-file", p)
		if r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, "SecretKey contains whitespace") {
			t.Errorf("key %q: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}

func TestSignEmitsLoadableCase(t *testing.T) {
	body := writeFile(t, "body.json", `{"RuleId":"1","Name":"张三"}`)
	tests := map[string][]string{
		"tc3-post":        {"--action", "DetectAuth", "--payload", body, "--host", "faceid.tencentcloudapi.com"},
		"tc3-get-action":  {"--method", "GET", "--action", "DetectAuth", "--query", "Name=%E5%BC%A0+%E4%B8%89&RuleId=1", "--signed-headers", "content-type;host;x-tc-action"},
		"tc3-token":       {"--action", "GetLiveCode", "--payload", body, "--language", "en-US"},
		"v1-get-sha256":   {"--method", "GET", "--action", "DetectAuth", "--signature-method", "HmacSHA256", "--query", "RuleId=1&Name=%E5%BC%A0+%E4%B8%89", "--nonce", "42"},
		"v1-post-sha1":    {"--action", "DetectAuth", "--signature-method", "HmacSHA1", "--payload", body},
		"v1-legacy-paths": {"--method", "GET", "--action", "DescribeInstances", "--signature-method", "HmacSHA1", "--host", "cvm.api.qcloud.com", "--path", "/v2/index.php", "--version="},
	}
	names := make([]string, 0, len(tests))
	for n := range tests {
		names = append(names, n)
	}
	sort.Strings(names)
	root := t.TempDir()
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			tl := newTool(t, testID, testKey)
			if name == "tc3-token" {
				tl.env[envToken] = "TOKENEXAMPLE"
			}
			dir := filepath.Join(root, name)
			r := tl.run("", append([]string{"vectors", "--emit", dir, "--timestamp", "1795750620"}, tests[name]...)...)
			if r.code != 0 {
				t.Fatalf("emit: exit %d: %s", r.code, r.stderr)
			}
			c, err := tc3vectors.LoadCase(dir)
			if err != nil {
				t.Fatal(err)
			}
			mm, err := c.Check()
			if err != nil || len(mm) > 0 {
				t.Fatalf("emitted case does not pass tc3vectors: %v %+v", err, mm)
			}
			for file, v := range c.Expected {
				if strings.HasSuffix(v, "\n") {
					t.Errorf("%s.txt ends with a newline", file)
				}
			}
			raw, _ := os.ReadFile(filepath.Join(dir, "request.http"))
			head, _, ok := strings.Cut(string(raw), "\r\n\r\n")
			if !ok || strings.Contains(strings.ReplaceAll(head, "\r\n", ""), "\n") || !strings.HasPrefix(strings.SplitN(head, "\r\n", 3)[1], "Host: ") {
				t.Errorf("request.http is not CRLF with Host first:\n%q", raw)
			}
			if v := tl.run("", "vectors", dir); v.code != 0 || !strings.HasSuffix(v.stdout, "1 passed, 0 failed\n") {
				t.Errorf("vectors %s: exit %d\n%s", dir, v.code, v.stdout)
			}
		})
	}
	// The whole folder of emitted cases runs as a vector directory.
	if r := newTool(t, "", "").run("", "vectors", root); r.code != 0 || !strings.HasSuffix(r.stdout, strconv.Itoa(len(tests))+" passed, 0 failed\n") {
		t.Errorf("vectors %s: exit %d\n%s", root, r.code, r.stdout)
	}
	// An existing, non-empty folder is not overwritten.
	tl := newTool(t, testID, testKey)
	if r := tl.run("", "sign", "--action", "DetectAuth", "--emit", filepath.Join(root, "tc3-post")); r.code != 2 || !isOneLine(r.stderr) {
		t.Errorf("emit into a non-empty folder: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestEmitReproducesVector: emitting a vector's own inputs gives its files.
func TestEmitReproducesVector(t *testing.T) {
	for _, name := range []string{"s1-sdk-detectauth-post", "e-doc-current-x-tc-action", "s3-sdk-detectauth-get", "v1-legacy-hmacsha256"} {
		c, err := tc3vectors.LoadCase(filepath.Join(vectorDir, name))
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), name)
		args := append([]string{"vectors", "--emit", dir}, signArgs(t, c)[1:]...)
		if r := toolFor(t, c).run("", args...); r.code != 0 {
			t.Fatalf("%s: exit %d: %s", name, r.code, r.stderr)
		}
		e, err := tc3vectors.LoadCase(dir)
		if err != nil {
			t.Fatal(err)
		}
		for file, want := range c.Expected {
			if e.Expected[file] != want {
				t.Errorf("%s: emitted %s.txt = %q, want %q", name, file, e.Expected[file], want)
			}
		}
	}
}

// TestSignHidesTokenAndDerivedKeys: without --show-token and
// --show-derived-keys no format prints the token or a derived key, in any
// place (headers, canonical request with x-tc-token signed, v1 string to
// sign, query, form body); with the flags they are printed.
func TestSignHidesTokenAndDerivedKeys(t *testing.T) {
	const token = "SESSIONTOKEN0123456789"
	base := [][]string{
		{"sign", "--action", "DetectAuth", "--timestamp", "1795750620", "--signed-headers", "content-type;host;x-tc-token"},
		{"sign", "--action", "DetectAuth", "--timestamp", "1795750620", "--signature-method", "HmacSHA256"},
		{"sign", "--action", "DetectAuth", "--timestamp", "1795750620", "--signature-method", "HmacSHA1", "--method", "GET"},
	}
	in := tc3.Input{Credentials: tc3.Credentials{SecretID: testID, SecretKey: testKey, Token: token}, Service: "faceid", Method: "POST",
		Host: defaultHost, ContentType: "application/json", Timestamp: 1795750620}
	res, err := tc3.Sign(&in)
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{res.SecretDate, res.SecretService, res.SecretSigning}
	for _, args := range base {
		for _, format := range []string{"text", "json", "curl", "http"} {
			tl := newTool(t, testID, testKey)
			tl.env[envToken] = token
			r := tl.run("", append(args, "--format", format)...)
			if r.code != 0 {
				t.Fatalf("%v %s: exit %d %s", args, format, r.code, r.stderr)
			}
			for _, secret := range append([]string{token, strings.ToLower(token)}, keys...) {
				if strings.Contains(r.stdout, secret) {
					t.Errorf("%v --format %s prints %q by default:\n%s", args, format, secret, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, "--show-token") {
				t.Errorf("%v --format %s: no note that the token is masked: %q", args, format, r.stderr)
			}
			show := []string{"--format", format, "--show-token"}
			if !strings.Contains(strings.Join(args, " "), "Hmac") {
				show = append(show, "--show-derived-keys")
			}
			r = tl.run("", append(args, show...)...)
			if !strings.Contains(r.stdout, token) && !strings.Contains(r.stdout, strings.ToLower(token)) {
				t.Errorf("%v --format %s --show-token: token not printed:\n%s", args, format, r.stdout)
			}
			if args[len(args)-1] == "content-type;host;x-tc-token" && (format == "text" || format == "json") && !strings.Contains(r.stdout, res.SecretSigning) {
				t.Errorf("--format %s --show-derived-keys: SecretSigning not printed:\n%s", format, r.stdout)
			}
		}
	}
}

// TestSignRefusesLineBreaks: a CR or LF in a value that reaches a header or
// the request line is refused, naming the flag.
func TestSignRefusesLineBreaks(t *testing.T) {
	for _, tc := range []struct{ flag, value string }{
		{"--action", "DetectAuth\r\nX-Evil: 1"},
		{"--region", "ap-guangzhou\n"},
		{"--version", "2018-03-01\r"},
		{"--language", "zh-CN\nX: y"},
		{"--path", "/\r\nHost: evil"},
	} {
		args := []string{"sign", "--action", "DetectAuth", "--format", "http", tc.flag, tc.value}
		if tc.flag == "--path" {
			args = append(args, "--signature-method", "HmacSHA1")
		}
		r := newTool(t, testID, testKey).run("", args...)
		if r.code != 2 || !isOneLine(r.stderr) || !strings.Contains(r.stderr, tc.flag) || r.stdout != "" {
			t.Errorf("%s %q: exit %d, stdout %q, stderr %q", tc.flag, tc.value, r.code, r.stdout, r.stderr)
		}
	}
}

// TestSignV1SendsSignatureMethod: v1 HmacSHA1 sends SignatureMethod=HmacSHA1
// as the SDKs do, and the result is Tencent's published API 2.0 example
// (HmacSHA1 with SignatureMethod, https://cloud.tencent.com/document/api/213/30654's
// v1 companion page); --omit-signature-method gives the published API 3.0
// example without it.
func TestSignV1SendsSignatureMethod(t *testing.T) {
	tl := newTool(t, "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA", "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA")
	r := tl.run("", "sign", "--signature-method", "HmacSHA1", "--method", "GET", "--host", "cvm.api.qcloud.com", "--path", "/v2/index.php",
		"--action", "DescribeInstances", "--nonce", "11886", "--region", "ap-guangzhou", "--timestamp", "1465185768", "--version=",
		"--query", "InstanceIds.0=ins-09dx96dg", "--format", "json")
	var j signJSON
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
		t.Fatalf("%v: %s%s", err, r.stdout, r.stderr)
	}
	if j.Signature != "nPVnY6njQmwQ8ciqbPl5Qe+Oru4=" || !strings.Contains(j.Query, "&SignatureMethod=HmacSHA1&") {
		t.Errorf("HmacSHA1: signature %s, query %s; want the published nPVnY6njQmwQ8ciqbPl5Qe+Oru4= with SignatureMethod=HmacSHA1", j.Signature, j.Query)
	}
	tl = newTool(t, "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE")
	r = tl.run("", "sign", "--signature-method", "HmacSHA1", "--omit-signature-method", "--method", "GET", "--host", "cvm.tencentcloudapi.com",
		"--action", "DescribeInstances", "--nonce", "11886", "--region", "ap-guangzhou", "--timestamp", "1465185768", "--version", "2017-03-12",
		"--query", "InstanceIds.0=ins-09dx96dg&Limit=20&Offset=0", "--format", "json")
	j = signJSON{}
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
		t.Fatalf("%v: %s%s", err, r.stdout, r.stderr)
	}
	if j.Signature != "EliP9YW3pW28FpsEdkXt/+WcGeI=" || strings.Contains(j.Query, "SignatureMethod") {
		t.Errorf("--omit-signature-method: signature %s, query %s; want the published EliP9YW3pW28FpsEdkXt/+WcGeI=", j.Signature, j.Query)
	}
}

// TestSignExtraHeaders: --header adds a header to send, and --signed-headers
// may sign it; the request verifies, and the canonical request carries it.
func TestSignExtraHeaders(t *testing.T) {
	tl := newTool(t, testID, testKey)
	r := tl.run("", "sign", "--action", "DetectAuth", "--timestamp", "1795750620", "--header", "X-TC-RequestClient: SDK_GO_1.3.211",
		"--signed-headers", "content-type;host;x-tc-action;x-tc-requestclient", "--format", "json")
	var j signJSON
	if err := json.Unmarshal([]byte(r.stdout), &j); err != nil {
		t.Fatalf("%v: %s%s", err, r.stdout, r.stderr)
	}
	if j.Headers["X-TC-RequestClient"] != "SDK_GO_1.3.211" || !strings.Contains(j.CanonicalRequest, "\nx-tc-action:detectauth\nx-tc-requestclient:sdk_go_1.3.211\n") || j.SignedHeaders != "content-type;host;x-tc-action;x-tc-requestclient" {
		t.Errorf("extra header: headers %v, canonical request %q, signed %s", j.Headers, j.CanonicalRequest, j.SignedHeaders)
	}
	h := tl.run("", "sign", "--action", "DetectAuth", "--timestamp", "1795750620", "--header", "X-TC-RequestClient: SDK_GO_1.3.211",
		"--signed-headers", "content-type;host;x-tc-requestclient", "--format", "http")
	if v := tl.run(h.stdout, "verify", "--now", "1795750620", "-"); v.code != 0 {
		t.Errorf("verify of the request with a signed extra header: exit %d\n%s", v.code, v.stdout)
	}
	for _, bad := range [][]string{
		{"--header", "X-TC-Foo"},
		{"--header", "Host: x"},
		{"--header", "X-TC-Foo: a\rb"},
		{"--header", "X-TC-Action: Other"},
	} {
		r := tl.run("", append([]string{"sign", "--action", "DetectAuth"}, bad...)...)
		if r.code != 2 || !isOneLine(r.stderr) {
			t.Errorf("%v: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}

// TestFlagsThatDoNotApplyAreRefused: a flag a command would ignore is an
// error naming it.
func TestFlagsThatDoNotApplyAreRefused(t *testing.T) {
	for _, args := range [][]string{
		{"vectors", "--action", "DetectAuth"},
		{"vectors", "--format", "json"},
		{"vectors", "--emit", t.TempDir() + "/x", "--action", "DetectAuth", "--format", "json"},
		{"sign", "--action", "DetectAuth", "--description", "x"},
		{"sign", "--action", "DetectAuth", "--nonce", "1"},
		{"sign", "--action", "DetectAuth", "--signature-method", "HmacSHA1", "--signed-headers", "content-type;host;x-tc-action"},
		{"sign", "--action", "DetectAuth", "--signature-method", "HmacSHA256", "--omit-signature-method"},
	} {
		r := newTool(t, testID, testKey).run("", args...)
		if r.code != 2 || !isOneLine(r.stderr) || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
}

// TestVectorsBuiltin: without DIR, vectors runs the cases built into the
// binary, all of testdata/tc3, wherever it runs.
func TestVectorsBuiltin(t *testing.T) {
	entries, err := os.ReadDir(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() {
			n++
		}
	}
	r := newTool(t, "", "").run("", "vectors")
	if r.code != 0 || !strings.HasSuffix(r.stdout, fmt.Sprintf("%d passed, 0 failed (built-in cases)\n", n)) {
		t.Errorf("vectors: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
