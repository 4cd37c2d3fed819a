package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBadInputIsOneLineExit2: every bad input gets a one-line error that
// says what is wrong, exit 2, nothing on stdout and never a stack trace.
func TestBadInputIsOneLineExit2(t *testing.T) {
	good := postWire("application/json", mBody).raw(authz(testID, mDate, "faceid", sigCTH, strings.Repeat("0", 64)))
	missing := filepath.Join(t.TempDir(), "missing")
	secretValue := "THISISTHEKEYVALUE0123456789"
	tests := []struct {
		name  string
		env   bool // credentials in the environment
		stdin string
		args  []string
		want  string // in the error
	}{
		{"unknown command", true, "", []string{"frob"}, `unknown command "frob"`},
		{"unknown flag", true, "", []string{"sign", "--action", "DetectAuth", "--frob"}, "unknown flag -frob"},
		{"flag without value", true, "", []string{"sign", "--action"}, "flag needs an argument: -action"},
		{"missing --action", true, "", []string{"sign"}, "missing --action"},
		{"bad --method", true, "", []string{"sign", "--action", "A", "--method", "PUT"}, `--method "PUT"`},
		{"bad --format", true, "", []string{"sign", "--action", "A", "--format", "yaml"}, `--format "yaml"`},
		{"bad --timestamp", true, "", []string{"sign", "--action", "A", "--timestamp", "soon"}, `--timestamp "soon"`},
		{"unreadable --payload", true, "", []string{"sign", "--action", "A", "--payload", missing}, "cannot read --payload"},
		{"GET with payload", true, "{}", []string{"sign", "--action", "A", "--method", "GET", "--payload", "-"}, "a GET has no body"},
		{"bad --signed-headers", true, "", []string{"sign", "--action", "A", "--signed-headers", "host"}, "must include content-type and host"},
		{"unsendable signed header", true, "", []string{"sign", "--action", "A", "--signed-headers", "content-type;host;x-foo"}, `"x-foo" is not a header`},
		{"bad --signature-method", true, "", []string{"sign", "--action", "A", "--signature-method", "HmacSHA512"}, `--signature-method "HmacSHA512"`},
		{"v1 payload not an object", true, "[1]", []string{"sign", "--action", "A", "--signature-method", "HmacSHA1", "--payload", "-"}, "JSON object"},
		{"--secret-key refused", false, "", []string{"sign", "--action", "A", "--secret-key", secretValue}, "--secret-key is refused"},
		{"--secret-key= refused", false, "", []string{"verify", "--secret-key=" + secretValue}, "shows in ps"},
		{"no credentials", false, "", []string{"sign", "--action", "A"}, "no credentials: set TENCENTCLOUD_SECRET_ID"},
		{"no key", false, "", []string{"sign", "--action", "A", "--secret-id", testID}, "no SecretKey for SecretId AKIDEXAMPLE"},
		{"unreadable key file", false, "", []string{"sign", "--action", "A", "--secret-id", testID, "--secret-key-file", missing}, "cannot read --secret-key-file"},
		{"verify: unreadable file", true, "", []string{"verify", missing}, "cannot read the request"},
		{"verify: two files", true, "", []string{"verify", "a", "b"}, "one request at a time"},
		{"verify: empty input", true, "", []string{"verify"}, "empty input"},
		{"verify: no blank line", true, "POST / HTTP/1.1\r\nHost: faceid.tencentcloudapi.com\r\nContent-Type: application/json", []string{"verify", "-"}, "no empty line after the headers"},
		{"verify: single line", true, "POST / HTTP/1.1", []string{"verify", "-"}, "single line"},
		{"verify: not a request line", true, "Host: x\r\n\r\n", []string{"verify", "-"}, "the first line must be the request line"},
		{"verify: bad header line", true, "POST / HTTP/1.1\r\nHost x\r\n\r\n", []string{"verify", "-"}, "line 2 is not a header"},
		{"verify: no host", true, "POST / HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{}", []string{"verify", "-"}, "no Host header"},
		{"verify: body shorter than Content-Length", true, strings.Replace(good, "Content-Length: "+strconv.Itoa(len(mBody)), "Content-Length: 40", 1), []string{"verify", "-"}, "shorter than Content-Length 40"},
		{"verify: bad Content-Length", true, strings.Replace(good, "Content-Length: "+strconv.Itoa(len(mBody)), "Content-Length: lots", 1), []string{"verify", "-"}, `Content-Length "lots"`},
		{"verify: malformed Authorization (scope)", true, postWire("application/json", mBody).raw("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-27/faceid, SignedHeaders=content-type;host, Signature=" + strings.Repeat("0", 64)), []string{"verify", "-"}, "malformed Authorization header: Credential="},
		{"verify: malformed Authorization (algorithm)", true, postWire("application/json", mBody).raw("tc3-hmac-sha256 Credential=AKIDEXAMPLE/2026-11-27/faceid/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("0", 64)), []string{"verify", "-"}, "case-sensitive"},
		{"verify: malformed Authorization (parts)", true, postWire("application/json", mBody).raw("TC3-HMAC-SHA256 Signature=abc"), []string{"verify", "-"}, "malformed Authorization header"},
		{"verify: bad --now", true, good, []string{"verify", "--now", "yesterday", "-"}, `--now "yesterday"`},
		{"verify: no credentials", false, good, []string{"verify", "-"}, "no credentials"},
		{"verify: bad chunked body", true, "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", []string{"verify", "-"}, "chunks are malformed"},
		{"verify: unreadable their file", true, good, []string{"verify", "--their-string-to-sign", missing, "-"}, "cannot read --their-string-to-sign"},
		{"vectors: missing dir", true, "", []string{"vectors", missing}, "cannot read the vectors"},
		{"vectors: emit with argument", true, "", []string{"vectors", "--emit", missing, "x"}, "--emit takes sign flags"},
		{"serve: bad address", true, "", []string{"serve", "--addr", "256.1.1.1:99999"}, "cannot listen on 256.1.1.1:99999"},
		{"serve: no credentials", false, "", []string{"serve"}, "no credentials"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl := newTool(t, "", "")
			if tc.env {
				tl = newTool(t, testID, testKey)
			}
			tl.secrets = append(tl.secrets, secretValue)
			r := tl.run(tc.stdin, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if !isOneLine(r.stderr) || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q: want one line containing %q", r.stderr, tc.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty: %q", r.stdout)
			}
			if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
				t.Errorf("stack trace: %s", r.stderr)
			}
		})
	}
}

func TestVectorsCommand(t *testing.T) {
	tl := newTool(t, "", "")
	cases := loadVectors(t)
	r := tl.run("", "vectors", vectorDir)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if r.code != 0 || len(lines) != len(cases)+1 || lines[len(lines)-1] != strconv.Itoa(len(cases))+" passed, 0 failed" {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for i, c := range cases {
		if lines[i] != "ok    "+c.Name {
			t.Errorf("line %d = %q", i, lines[i])
		}
	}

	// A broken copy: one wrong expected value, one missing file.
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS(vectorDir)); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "b-doc-2019", "signature.txt"), []byte(strings.Repeat("0", 64)), 0o644)
	os.Remove(filepath.Join(root, "s1-sdk-detectauth-post", "canonical-request.txt"))
	r = tl.run("", "vectors", root)
	if r.code != 1 || !strings.HasSuffix(r.stdout, strconv.Itoa(len(cases)-2)+" passed, 2 failed\n") {
		t.Fatalf("broken copy: exit %d\n%s", r.code, r.stdout)
	}
	if !strings.Contains(r.stdout, "FAIL  b-doc-2019  signature.txt: want \"0000") || !strings.Contains(r.stdout, "FAIL  s1-sdk-detectauth-post  case s1-sdk-detectauth-post: missing canonical-request.txt") {
		t.Errorf("FAIL lines:\n%s", r.stdout)
	}
	// A request.http whose Authorization no longer verifies.
	req := filepath.Join(root, "d-doc-english", "request.http")
	b, _ := os.ReadFile(req)
	os.WriteFile(req, []byte(strings.Replace(string(b), "1551113065", "1551113066", 1)), 0o644)
	if r := tl.run("", "vectors", filepath.Join(root, "d-doc-english")); r.code != 1 || !strings.Contains(r.stdout, "FAIL  d-doc-english  request.http") || !strings.HasSuffix(r.stdout, "0 passed, 1 failed\n") {
		t.Errorf("broken request.http: exit %d\n%s", r.code, r.stdout)
	}
}

func TestParseRawRequestForms(t *testing.T) {
	const body = `{"RuleId":"1"}`
	tests := []struct {
		name, in       string
		host, query    string
		body, lineEnds string
		note           string
	}{
		{"CRLF dump", "POST / HTTP/1.1\r\nHost: h.example.com\r\nContent-Length: 14\r\n\r\n" + body, "h.example.com", "", body, "CRLF", ""},
		{"LF paste", "POST / HTTP/1.1\nHost: h.example.com\nContent-Length: 14\n\n" + body, "h.example.com", "", body, "LF", ""},
		{"absolute URI (Fiddler)", "POST https://h.example.com/?a=1 HTTP/1.1\r\nContent-Length: 14\r\n\r\n" + body, "h.example.com", "a=1", body, "CRLF", ""},
		{"editor newline after the body", "POST / HTTP/1.1\nHost: h\nContent-Length: 14\n\n" + body + "\n", "h", "", body, "LF", "ignored 1 white-space bytes"},
		{"no Content-Length", "POST / HTTP/1.1\nHost: h\n\n" + body + "\n", "h", "", body + "\n", "LF", "including a final newline"},
		{"GET trailing blank lines", "GET /?x=%20 HTTP/1.1\r\nHost: h\r\n\r\n\r\n", "h", "x=%20", "", "CRLF", ""},
		{"leading blank lines and BOM", "\xef\xbb\xbf\n\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", "h", "", "", "CRLF", ""},
		{"chunked", "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\ne\r\n" + body + "\r\n0\r\n\r\n", "h", "", body, "CRLF", "chunked body decoded"},
		{"folded header", "POST / HTTP/1.1\r\nHost: h\r\nAuthorization: TC3-HMAC-SHA256 Credential=a/b/c/tc3_request,\r\n  SignedHeaders=content-type;host\r\nContent-Length: 0\r\n\r\n", "h", "", "", "CRLF", "obsolete line folding"},
		{"HTTP/2 pseudo-headers", "POST / HTTP/2\r\n:authority: h2.example.com\r\ncontent-length: 14\r\n\r\n" + body, "h2.example.com", "", body, "CRLF", ""},
		{"Python http.client debug", "send: b'POST / HTTP/1.1\\r\\nHost: py.example.com\\r\\nContent-Length: 15\\r\\n\\r\\n'\nsend: b'{\"Name\": \"\\xe5\\xbc\\xa0\"}'\nreply: 'HTTP/1.1 200 OK\\r\\n'\n", "py.example.com", "", "{\"Name\": \"张\"}", "CRLF", "Python http.client"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := parseRawRequest([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Host != tc.host || r.RawQuery != tc.query || string(r.Body) != tc.body || r.LineEnding != tc.lineEnds {
				t.Errorf("got host %q query %q body %q endings %s", r.Host, r.RawQuery, r.Body, r.LineEnding)
			}
			if tc.note != "" && !strings.Contains(strings.Join(r.Notes, "|"), tc.note) {
				t.Errorf("notes %q lack %q", r.Notes, tc.note)
			}
		})
	}
}

// FuzzParseRawRequest: no input makes the parser, or the checks and the
// diagnosis that run on what it returns, panic; errors stay on one line.
func FuzzParseRawRequest(f *testing.F) {
	for _, c := range loadVectorsF(f) {
		f.Add(c)
	}
	f.Add([]byte("send: b'POST / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n'\nsend: b'\\x'\n"))
	f.Add([]byte("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"))
	f.Add([]byte("GET http://[::1/ HTTP/1.1\n\n"))
	f.Add([]byte(postWire("application/json; charset=utf-8", mBody).raw(authz(testID, mDate, "faceid", "content-type;host;x-tc-action", strings.Repeat("A", 64)))))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := parseRawRequest(data)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		_ = r.httpRequest()
		o := &verifyOptions{nowTime: fixedNow}
		cr, sts := "POST\n/\n", "TC3-HMAC-SHA256\n1\n"
		o.theirCRv, o.theirSTSv = &cr, &sts
		rep, err := checkRequest(r, credForFuzz, o)
		if err == nil && !utf8.ValidString(rep.Verdict) {
			t.Fatal("bad verdict")
		}
	})
}
