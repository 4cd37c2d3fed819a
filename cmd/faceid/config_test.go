package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// TestMethodGET: --method GET sends the call as a TC3 GET the stand-in accepts.
func TestMethodGET(t *testing.T) {
	srv := newServer(t)
	r := cli(t, credsEnv(), "", "GetLiveCode", "--endpoint", srv.URL, "--method", "GET")
	want(t, r, exitOK)
	recs := srv.Requests()
	if len(recs) != 1 || recs[0].Method != http.MethodGet || recs[0].ErrorCode != "" {
		t.Fatalf("server saw %+v", recs)
	}
	r = cli(t, credsEnv(), "", "GetLiveCode", "--endpoint", srv.URL, "--method", "get")
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, `--method "get": use POST (the default) or GET`) {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestEndpointWithoutScheme: a loopback endpoint without a scheme is refused before any
// attempt, with the http:// fix, instead of four HTTPS attempts ending in a TLS error.
func TestEndpointWithoutScheme(t *testing.T) {
	srv := newServer(t)
	r := cli(t, credsEnv(), "", "GetLiveCode", "--endpoint", srv.Host)
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, "--endpoint "+srv.Host+" has no scheme") || !strings.Contains(r.stderr, "use --endpoint http://"+srv.Host) {
		t.Errorf("stderr: %s", r.stderr)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
	for _, tt := range []struct{ endpoint, want string }{
		{"localhost:9", "use --endpoint http://localhost:9"},
		{"http://faceid.tencentcloudapi.com", "plain http is only for a local stand-in"},
		{"ftp://127.0.0.1:9", "the scheme must be https"},
		{"https://faceid.tencentcloudapi.com/v3", "without a path"},
	} {
		r := cli(t, credsEnv(), "", "GetLiveCode", "--endpoint", tt.endpoint)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("--endpoint %s: exit %d, stderr %s; want %q", tt.endpoint, r.code, r.stderr, tt.want)
		}
	}
}

// TestErrorsNameFlags: configuration errors name the flag and cite no internal notes.
func TestErrorsNameFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--signature-method", "HmacSHA512"}, `--signature-method "HmacSHA512": use TC3-HMAC-SHA256`},
		{[]string{"--region", "ap guangzhou"}, "--region"},
		{[]string{"--language", "fr\nFR"}, "--language"},
	} {
		r := cli(t, credsEnv(), "", append([]string{"GetLiveCode", "--endpoint", "http://127.0.0.1:9"}, tt.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", tt.args, r.code, r.stderr, tt.want)
		}
		for _, bad := range []string{"Config.", ".md"} {
			if strings.Contains(r.stderr, bad) {
				t.Errorf("%v: stderr names %q: %s", tt.args, bad, r.stderr)
			}
		}
	}
	// The rewrite itself, on the library's wording.
	got := userError(errString(`transport: Config.Scheme "http" is only allowed for loopback test servers, not x: use https`))
	if strings.Contains(got, "Config.") || !strings.Contains(got, "--endpoint") {
		t.Errorf("userError = %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestV1SizeRefusal: the v1 limit refusal names the signature method in use and the action,
// and says how to get the larger TC3 limit.
func TestV1SizeRefusal(t *testing.T) {
	srv := newServer(t)
	video := writeFile(t, "big.mp4", append(append([]byte{}, faceidtest.SampleMP4()...), make([]byte, 900_000)...))
	for _, method := range []string{tc3.HmacSHA1, tc3.HmacSHA256} {
		r := cli(t, credsEnv(), "", "LivenessCompare", "--endpoint", srv.URL, "--signature-method", method,
			"--LivenessType", "SILENT", "--ImageUrl", "https://example.com/a.jpg", "--video-file", video)
		want(t, r, exitUsage)
		for _, s := range []string{"LivenessCompare:", "limit of " + method + " (v1) signing", "sign with TC3-HMAC-SHA256", "hint: drop --signature-method"} {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("%s: stderr lacks %q:\n%s", method, s, r.stderr)
			}
		}
		if method == tc3.HmacSHA1 && strings.Contains(r.stderr, "HmacSHA256") {
			t.Errorf("HmacSHA1 refusal names HmacSHA256: %s", r.stderr)
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

// TestFlowWithoutTextIsNoVerdict: GetDetectInfoEnhanced with InfoType 0 whose answer has no
// Text section (a flow that has not finished) does not say the person did not pass and does
// not advise InfoType 0; it exits 1 (no verdict is not a pass).
func TestFlowWithoutTextIsNoVerdict(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"Response":{"Text":null,"IdCardData":null,"BestFrame":null,"VideoData":null,"Encryption":null,"IntentionVerifyData":null,"IntentionQuestionResult":null,"IntentionActionResult":null,"EncryptedBody":"","IsVerifyIntention":false,"IntentionVerifyType":"","RequestId":"a4d6c1f0-8e4b-4b3e-9c1a-1d2f3e4a5b6c"}}`)
	}))
	defer ts.Close()
	r := cli(t, credsEnv(), "", "GetDetectInfoEnhanced", "--endpoint", ts.URL, "--BizToken", "B", "--RuleId", "1", "--InfoType", "0")
	want(t, r, exitAPI)
	if strings.Contains(r.stderr, "did not pass") || strings.Contains(r.stderr, "InfoType 0") || strings.Contains(r.stderr, "(or 0)") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if !strings.Contains(r.stderr, "no verdict") || !strings.Contains(r.stderr, "not finished") {
		t.Errorf("stderr does not say there is no verdict yet: %s", r.stderr)
	}
}

// TestSecretFiles: --secret-id with --secret-key-file and --token-file sign with the file
// contents (one trailing newline dropped) and override the environment; a missing half is
// named; nothing secret is printed.
func TestSecretFiles(t *testing.T) {
	srv := faceidtest.NewServer(faceidtest.Options{Credentials: []tc3.Credentials{tempCreds}})
	defer srv.Close()
	key := writeFile(t, "key", []byte(tempCreds.SecretKey+"\n"))
	tok := writeFile(t, "token", []byte(tempCreds.Token+"\r\n"))
	wrongEnv := env{credentials.EnvSecretID: "AKIDwrong", credentials.EnvSecretKey: "wrong", credentials.EnvSecurityToken: "wrong"}
	r := cli(t, wrongEnv, "", "GetLiveCode", "--endpoint", srv.URL, "--secret-id", tempCreds.SecretID, "--secret-key-file", key, "--token-file", tok)
	want(t, r, exitOK)
	if recs := srv.Requests(); len(recs) != 1 || recs[0].SecretID != tempCreds.SecretID || recs[0].ErrorCode != "" {
		t.Errorf("server saw %+v", recs)
	}
	r = cli(t, env{}, "", "GetLiveCode", "--endpoint", srv.URL, "--secret-key-file", key)
	if r.code != exitUsage || !strings.Contains(r.stderr, "--secret-key-file needs the SecretId: give --secret-id") {
		t.Errorf("key without id: exit %d, %s", r.code, r.stderr)
	}
	empty := writeFile(t, "empty", nil)
	r = cli(t, env{}, "", "GetLiveCode", "--endpoint", srv.URL, "--secret-id", "AKIDx", "--secret-key-file", empty)
	if r.code != exitUsage || !strings.Contains(r.stderr, "--secret-key-file: "+empty+" is empty") {
		t.Errorf("empty key file: exit %d, %s", r.code, r.stderr)
	}
	r = cli(t, env{}, "", "GetLiveCode", "--endpoint", srv.URL, "--secret-id", "AKIDx", "--secret-key-file", key+".missing")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--secret-key-file:") {
		t.Errorf("missing key file: exit %d, %s", r.code, r.stderr)
	}
	if _, err := os.Stat(key); err != nil {
		t.Fatal(err)
	}
	// There is no flag that takes the key itself.
	r = cli(t, env{}, "", "GetLiveCode", "--secret-key", "x")
	if r.code != exitUsage {
		t.Errorf("--secret-key accepted: %d", r.code)
	}
}

// TestAuthFailureHint: an AuthFailure answer points at tc3sign.
func TestAuthFailureHint(t *testing.T) {
	srv := newServer(t)
	wrong := env{credentials.EnvSecretID: testCreds.SecretID, credentials.EnvSecretKey: "not-the-key"}
	r := cli(t, wrong, "", "GetLiveCode", "--endpoint", srv.URL)
	want(t, r, exitAPI)
	if !strings.Contains(r.stderr, "AuthFailure") || !strings.Contains(r.stderr, "tc3sign verify") || !strings.Contains(r.stderr, "tc3sign serve") {
		t.Errorf("stderr: %s", r.stderr)
	}
}
