package main

// run() is exercised in-process against the faceidtest stand-in, with the
// credentials handed in through the lookup function.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

var testCreds = faceidtest.DefaultCredentials

// env is a lookup function over a fixed environment.
type env map[string]string

func (e env) lookup(k string) (string, bool) { v, ok := e[k]; return v, ok }

func credsEnv() env {
	return env{credentials.EnvSecretID: testCreds.SecretID, credentials.EnvSecretKey: testCreds.SecretKey}
}

type result struct {
	code           int
	stdout, stderr string
}

// cli runs the command with args and the given environment and stdin, and
// fails the test if the secret key shows up in either output.
func cli(t *testing.T, e env, stdin string, args ...string) result {
	t.Helper()
	// The credentials file is looked up under HOME: keep it empty.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &stdout, &stderr, e.lookup)
	r := result{code, stdout.String(), stderr.String()}
	for _, secret := range []string{testCreds.SecretKey, tempCreds.SecretKey, tempCreds.Token} {
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("faceid %s: a secret is in the output:\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.stdout, r.stderr)
		}
	}
	return r
}

var tempCreds = tc3.Credentials{
	SecretID:  "AKIDFaceIDCliTempCredential000EXAMPLE",
	SecretKey: "FaceIDCliTempSecretKey000000000EXAMPLE",
	Token:     "faceid-cli-session-token-0123456789",
}

func newServer(t *testing.T) *faceidtest.Server {
	t.Helper()
	srv := faceidtest.NewServer(faceidtest.Options{})
	t.Cleanup(srv.Close)
	return srv
}

// decode parses the JSON on stdout into v.
func decode(t *testing.T, r result, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("stdout is not JSON (%v):\n%s\nstderr: %s", err, r.stdout, r.stderr)
	}
}

func want(t *testing.T, r result, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
}

// writeFile writes data to a new file in a temporary directory.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// sentField returns a field of the JSON body of the last request srv saw.
func sentField(t *testing.T, srv *faceidtest.Server, name string) any {
	t.Helper()
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("server saw no request")
	}
	var m map[string]any
	if err := json.Unmarshal(reqs[len(reqs)-1].Body, &m); err != nil {
		t.Fatalf("body is not JSON: %v", err)
	}
	return m[name]
}

func TestHelpAndUsage(t *testing.T) {
	r := cli(t, nil, "", "help")
	want(t, r, exitOK)
	for _, a := range faceid.Actions() {
		if !strings.Contains(r.stdout, a.Name) {
			t.Errorf("help does not list %s", a.Name)
		}
	}
	for _, args := range [][]string{{"--help"}, {"DetectAuth", "-h"}} {
		want(t, cli(t, nil, "", args...), exitOK)
	}
	r = cli(t, nil, "")
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, "usage") {
		t.Errorf("no arguments: stderr %q", r.stderr)
	}
	r = cli(t, credsEnv(), "", "FaceVerify")
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, `unknown action "FaceVerify"`) || r.stdout != "" {
		t.Errorf("unknown action: stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = cli(t, credsEnv(), "", "GetLiveCode", "--no-such-flag")
	want(t, r, exitUsage)
	r = cli(t, credsEnv(), "", "GetLiveCode", "stray")
	want(t, r, exitUsage)
}

func TestEveryAction(t *testing.T) {
	srv := newServer(t)
	e := credsEnv()
	ep := "--endpoint=" + srv.URL
	photo := writeFile(t, "face.jpg", faceidtest.SampleJPEG())
	video := writeFile(t, "clip.mp4", faceidtest.SampleMP4())

	r := cli(t, e, "", "DetectAuth", ep, "--RuleId", "1", "--IdCard", "44030019900101123X", "--Name", "李四", "--Extra", "order-7")
	want(t, r, exitOK)
	var auth faceid.DetectAuthResponse
	decode(t, r, &auth)
	if auth.BizToken == "" || !strings.HasPrefix(auth.Url, srv.URL+"/verify?BizToken="+auth.BizToken) || auth.RequestId == "" {
		t.Errorf("DetectAuth output %+v", auth)
	}

	r = cli(t, e, "", "GetDetectInfo", ep, "--RuleId", "1", "--BizToken", auth.BizToken, "--InfoType", "1")
	want(t, r, exitOK)
	var info struct {
		DetectInfo string
		RequestId  string
		Decoded    faceid.DetectInfo
	}
	decode(t, r, &info)
	if tx := info.Decoded.Text; tx == nil || tx.Name != "李四" || tx.IdCard != "44030019900101123X" || tx.Extra != "order-7" || info.DetectInfo == "" {
		t.Errorf("GetDetectInfo output: Decoded.Text %+v, DetectInfo %.40q", tx, info.DetectInfo)
	}

	r = cli(t, e, "", "GetDetectInfoEnhanced", ep, "--RuleId", "1", "--BizToken", auth.BizToken, "--InfoType", "13", "--BestFramesCount", "2")
	want(t, r, exitOK)
	var enh faceid.GetDetectInfoEnhancedResponse
	decode(t, r, &enh)
	if enh.Text == nil || enh.Text.Name != "李四" || enh.Check() != nil || enh.BestFrame == nil || len(enh.BestFrame.BestFrames) != 2 {
		t.Errorf("GetDetectInfoEnhanced output: %+v", enh)
	}

	r = cli(t, e, "", "GetActionSequence", ep)
	want(t, r, exitOK)
	var seq faceid.GetActionSequenceResponse
	decode(t, r, &seq)
	if seq.ActionSequence == "" {
		t.Errorf("GetActionSequence output %+v", seq)
	}

	r = cli(t, e, "", "GetLiveCode", ep)
	want(t, r, exitOK)
	var code faceid.GetLiveCodeResponse
	decode(t, r, &code)
	if len(code.LiveCode) != 4 {
		t.Errorf("GetLiveCode output %+v", code)
	}

	r = cli(t, e, "", "ImageRecognition", ep, "--IdCard", "44030019900101123X", "--Name", "李四", "--image-file", photo)
	want(t, r, exitOK)
	var ir faceid.ImageRecognitionResponse
	decode(t, r, &ir)
	if ir.Result != "Success" || ir.Sim == nil || *ir.Sim != faceidtest.PassSim {
		t.Errorf("ImageRecognition output %+v", ir)
	}
	if sentField(t, srv, "ImageBase64") != base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG()) {
		t.Errorf("--image-file was not sent as the file's base64")
	}

	r = cli(t, e, "", "LivenessCompare", ep, "--LivenessType", "ACTION", "--ValidateData", seq.ActionSequence, "--image-file", photo, "--video-file", video)
	want(t, r, exitOK)
	var lc faceid.LivenessCompareResponse
	decode(t, r, &lc)
	if lc.Result != "Success" || lc.Sim == nil || *lc.Sim <= 0 {
		t.Errorf("LivenessCompare output %+v", lc)
	}
	if sentField(t, srv, "VideoBase64") != base64.StdEncoding.EncodeToString(faceidtest.SampleMP4()) {
		t.Errorf("--video-file was not sent as the file's base64")
	}

	r = cli(t, e, "", "LivenessRecognition", ep, "--IdCard", "44030019900101123X", "--Name", "李四", "--LivenessType", "LIP", "--ValidateData", code.LiveCode, "--video-file", video)
	want(t, r, exitOK)
	var lr faceid.LivenessRecognitionResponse
	decode(t, r, &lr)
	if lr.Result != "Success" {
		t.Errorf("LivenessRecognition output %+v", lr)
	}

	// Every call reached the server once, TC3-signed, and was accepted.
	wantActions := []string{"DetectAuth", "GetDetectInfo", "GetDetectInfoEnhanced", "GetActionSequence", "GetLiveCode", "ImageRecognition", "LivenessCompare", "LivenessRecognition"}
	reqs := srv.Requests()
	if len(reqs) != len(wantActions) {
		t.Fatalf("server saw %d requests, want %d", len(reqs), len(wantActions))
	}
	for i, rec := range reqs {
		if rec.Action != wantActions[i] || rec.SignatureMethod != tc3.Algorithm || rec.ErrorCode != "" || rec.SecretID != testCreds.SecretID {
			t.Errorf("request %d: %s %s %s %s", i, rec.Action, rec.SignatureMethod, rec.ErrorCode, rec.SecretID)
		}
	}
}

func TestMediaFlags(t *testing.T) {
	srv := newServer(t)
	e := credsEnv()
	ep := "--endpoint=" + srv.URL

	// A base64 string on the command line is normalised like MediaBase64.
	dataURI := "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG())
	r := cli(t, e, "", "ImageRecognition", ep, "--IdCard", "44030019900101123X", "--Name", "李四", "--ImageBase64", dataURI)
	want(t, r, exitOK)
	if sentField(t, srv, "ImageBase64") != base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG()) {
		t.Errorf("--ImageBase64 with a data: header was not normalised")
	}

	srv.Reset()
	r = cli(t, e, "", "ImageRecognition", ep, "--IdCard", "44030019900101123X", "--Name", "李四", "--ImageBase64", "ab-_")
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, "ImageBase64") {
		t.Errorf("invalid --ImageBase64: stderr %q does not name the field", r.stderr)
	}
	r = cli(t, e, "", "ImageRecognition", ep, "--IdCard", "44030019900101123X", "--Name", "李四", "--image-file", filepath.Join(t.TempDir(), "missing.jpg"))
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, "missing.jpg") {
		t.Errorf("missing --image-file: stderr %q", r.stderr)
	}
	// --video-file is not a flag of an action without a video.
	r = cli(t, e, "", "ImageRecognition", ep, "--video-file", "x.mp4")
	want(t, r, exitUsage)
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests", n)
	}
}

func TestJSONAndFlagOverride(t *testing.T) {
	srv := newServer(t)
	e := credsEnv()
	ep := "--endpoint=" + srv.URL

	r := cli(t, e, "", "DetectAuth", ep,
		"--json", `{"RuleId":"json-rule","Name":"王五","Extra":"from-json","Config":{"Speed":2}}`,
		"--Extra", "from-flag")
	want(t, r, exitOK)
	for field, v := range map[string]any{"RuleId": "json-rule", "Name": "王五", "Extra": "from-flag"} {
		if got := sentField(t, srv, field); got != v {
			t.Errorf("%s sent = %v, want %v", field, got, v)
		}
	}
	if cfg, _ := sentField(t, srv, "Config").(map[string]any); cfg["Speed"] != 2.0 {
		t.Errorf("nested Config from --json not sent: %v", cfg)
	}

	// --json - reads stdin.
	r = cli(t, e, `{"LivenessType":"SILENT","IdCard":"44030019900101123X","Name":"李四","VideoBase64":"`+base64.StdEncoding.EncodeToString(faceidtest.SampleMP4())+`"}`,
		"LivenessRecognition", ep, "--json", "-", "--Name", "赵六")
	want(t, r, exitOK)
	if got := sentField(t, srv, "Name"); got != "赵六" {
		t.Errorf("Name sent = %v, want the flag's", got)
	}

	// Unknown fields in --json are refused.
	n := len(srv.Requests())
	r = cli(t, e, "", "DetectAuth", ep, "--json", `{"RuleId":"1","RuleName":"x"}`)
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, "RuleName") {
		t.Errorf("stderr %q does not name the unknown field", r.stderr)
	}
	if len(srv.Requests()) != n {
		t.Errorf("a request was sent")
	}
}

func TestFailedVerification(t *testing.T) {
	srv := newServer(t)
	srv.SetResult("LivenessCompare", "FailedOperation.SilentDetectFail")
	photo := writeFile(t, "face.jpg", faceidtest.SampleJPEG())
	video := writeFile(t, "clip.mp4", faceidtest.SampleMP4())
	r := cli(t, credsEnv(), "", "LivenessCompare", "--endpoint", srv.URL, "--LivenessType", "SILENT", "--image-file", photo, "--video-file", video)
	want(t, r, exitAPI)
	var lc faceid.LivenessCompareResponse
	decode(t, r, &lc)
	if lc.Result != "FailedOperation.SilentDetectFail" || lc.RequestId == "" {
		t.Errorf("stdout response %+v", lc)
	}
	if lines := strings.Count(strings.TrimRight(r.stderr, "\n"), "\n"); lines != 0 || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("stderr is not one line: %q", r.stderr)
	}
	for _, w := range []string{"did not pass", "FailedOperation.SilentDetectFail", lc.RequestId} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr %q does not contain %q", r.stderr, w)
		}
	}
}

func TestAPIError(t *testing.T) {
	srv := newServer(t)
	srv.InjectError("DetectAuth", faceid.CodeRuleIdNotExist, 1)
	r := cli(t, credsEnv(), "", "DetectAuth", "--endpoint", srv.URL, "--RuleId", "404")
	want(t, r, exitAPI)
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing", r.stdout)
	}
	rid := srv.Requests()[0].RequestID
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, faceid.CodeRuleIdNotExist) || !strings.Contains(r.stderr, rid) {
		t.Errorf("stderr %q; want one line with the code and RequestId %s", r.stderr, rid)
	}
}

func TestMissingRequiredFlag(t *testing.T) {
	srv := newServer(t)
	e := credsEnv()
	ep := "--endpoint=" + srv.URL
	photo := writeFile(t, "face.jpg", faceidtest.SampleJPEG())
	video := writeFile(t, "clip.mp4", faceidtest.SampleMP4())
	cases := []struct {
		field string
		args  []string
	}{
		{"RuleId", []string{"DetectAuth", "--Name", "李四"}},
		{"BizToken", []string{"GetDetectInfo", "--RuleId", "1"}},
		{"RuleId", []string{"GetDetectInfoEnhanced", "--BizToken", "T"}},
		{"Name", []string{"ImageRecognition", "--IdCard", "44030019900101123X", "--image-file", photo}},
		{"ImageBase64", []string{"ImageRecognition", "--IdCard", "44030019900101123X", "--Name", "李四"}},
		{"LivenessType", []string{"LivenessCompare", "--image-file", photo, "--video-file", video}},
		{"ValidateData", []string{"LivenessCompare", "--LivenessType", "LIP", "--image-file", photo, "--video-file", video}},
		{"IdCard", []string{"LivenessRecognition", "--Name", "李四", "--LivenessType", "SILENT", "--video-file", video}},
		{"VideoBase64", []string{"LivenessRecognition", "--IdCard", "44030019900101123X", "--Name", "李四", "--LivenessType", "SILENT"}},
	}
	for _, tc := range cases {
		t.Run(tc.args[0]+"/"+tc.field, func(t *testing.T) {
			r := cli(t, e, "", append(tc.args, ep)...)
			want(t, r, exitUsage)
			if !strings.Contains(r.stderr, "."+tc.field+" is required") {
				t.Errorf("stderr %q does not say %s is required", r.stderr, tc.field)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q", r.stdout)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("server saw %d requests", n)
			}
		})
	}
}

func TestCredentials(t *testing.T) {
	srv := newServer(t)
	r := cli(t, env{}, "", "GetLiveCode", "--endpoint", srv.URL)
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, credentials.EnvSecretID) || r.stdout != "" {
		t.Errorf("no credentials: stdout %q stderr %q", r.stdout, r.stderr)
	}
	r = cli(t, env{credentials.EnvSecretID: testCreds.SecretID}, "", "GetLiveCode", "--endpoint", srv.URL)
	want(t, r, exitUsage)
	if !strings.Contains(r.stderr, credentials.EnvSecretKey) {
		t.Errorf("half the credentials: stderr %q does not name %s", r.stderr, credentials.EnvSecretKey)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("server saw %d requests", n)
	}

	// A wrong key reaches the server, which refuses it: exit 1, no key in the output.
	r = cli(t, env{credentials.EnvSecretID: testCreds.SecretID, credentials.EnvSecretKey: tempCreds.SecretKey}, "", "GetLiveCode", "--endpoint", srv.URL)
	want(t, r, exitAPI)
	if !strings.Contains(r.stderr, "AuthFailure.SignatureFailure") {
		t.Errorf("wrong key: stderr %q", r.stderr)
	}

	// Temporary credentials with their token.
	tsrv := faceidtest.NewServer(faceidtest.Options{Credentials: []tc3.Credentials{tempCreds}})
	defer tsrv.Close()
	e := env{credentials.EnvSecretID: tempCreds.SecretID, credentials.EnvSecretKey: tempCreds.SecretKey, credentials.EnvSecurityToken: tempCreds.Token}
	want(t, cli(t, e, "", "GetLiveCode", "--endpoint", tsrv.URL), exitOK)
}

func TestSignatureMethodFlag(t *testing.T) {
	srv := newServer(t)
	for _, m := range []string{tc3.HmacSHA1, tc3.HmacSHA256} {
		srv.Reset()
		r := cli(t, credsEnv(), "", "DetectAuth", "--endpoint", srv.URL, "--RuleId", "1", "--signature-method", m, "--region", "ap-beijing")
		want(t, r, exitOK)
		rec := srv.Requests()[0]
		if rec.SignatureMethod != m || rec.Region != "ap-beijing" || rec.ErrorCode != "" {
			t.Errorf("--signature-method %s: server saw %s, region %s, error %q", m, rec.SignatureMethod, rec.Region, rec.ErrorCode)
		}
	}
	r := cli(t, credsEnv(), "", "DetectAuth", "--endpoint", srv.URL, "--RuleId", "1", "--signature-method", "HmacMD5")
	want(t, r, exitUsage)
}

func TestDemo(t *testing.T) {
	r := cli(t, nil, "", "demo")
	want(t, r, exitOK)
	for _, w := range []string{"verdict: passed", "verdict: NOT passed", "string to sign", "DetectInfo decoded", "TC3-HMAC-SHA256", "GetActionSequence", "LivenessCompare", "DetectAuth", "GetDetectInfo"} {
		if !strings.Contains(r.stdout, w) {
			t.Errorf("demo output lacks %q", w)
		}
	}
	if r.stderr != "" {
		t.Errorf("demo stderr: %s", r.stderr)
	}
}

// TestFailedFlowResult: fetching the result of a DetectAuth flow the person
// failed is not a pass, for scripts that test the exit status.
func TestFailedFlowResult(t *testing.T) {
	srv := newServer(t)
	e := credsEnv()
	r := cli(t, e, "", "DetectAuth", "--endpoint", srv.URL, "--RuleId", "1", "--Name", "李四", "--IdCard", "44030019900101123X")
	want(t, r, exitOK)
	var auth faceid.DetectAuthResponse
	decode(t, r, &auth)
	srv.SetResult("GetDetectInfo", "FailedOperation.SilentDetectFail")
	srv.SetResult("GetDetectInfoEnhanced", faceid.CodeCompareLowSimilarity)

	r = cli(t, e, "", "GetDetectInfo", "--endpoint", srv.URL, "--RuleId", "1", "--BizToken", auth.BizToken, "--InfoType", "1")
	want(t, r, exitAPI)
	var info struct{ Decoded faceid.DetectInfo }
	decode(t, r, &info)
	if tx := info.Decoded.Text; tx == nil || tx.ErrCode == nil || *tx.ErrCode == 0 || tx.Name != "李四" {
		t.Errorf("stdout Decoded.Text = %+v; want the failed result", tx)
	}
	if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "did not pass") {
		t.Errorf("stderr %q; want one line saying the person did not pass", r.stderr)
	}

	r = cli(t, e, "", "GetDetectInfoEnhanced", "--endpoint", srv.URL, "--RuleId", "1", "--BizToken", auth.BizToken, "--InfoType", "1")
	want(t, r, exitAPI)
	var enh faceid.GetDetectInfoEnhancedResponse
	decode(t, r, &enh)
	if enh.Text == nil || enh.Text.Sim != "26.04" {
		t.Errorf("stdout Text = %+v", enh.Text)
	}
	if !strings.Contains(r.stderr, "did not pass") {
		t.Errorf("stderr %q", r.stderr)
	}

	// Without the Text section there is no verdict: not a pass either.
	srv.SetResult("GetDetectInfoEnhanced", "")
	r = cli(t, e, "", "GetDetectInfoEnhanced", "--endpoint", srv.URL, "--RuleId", "1", "--BizToken", auth.BizToken, "--InfoType", "3")
	want(t, r, exitAPI)
	if !strings.Contains(r.stderr, "InfoType") {
		t.Errorf("stderr %q does not say to ask for the Text section", r.stderr)
	}
}

// TestCredentialsFileThroughLookup: the credentials file is found under the
// HOME of the lookup environment, not the process's.
func TestCredentialsFileThroughLookup(t *testing.T) {
	srv := newServer(t)
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, ".tencentcloud"), 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[default]\nsecret_id = " + testCreds.SecretID + "\nsecret_key = " + testCreds.SecretKey + "\n"
	if err := os.WriteFile(filepath.Join(home, ".tencentcloud", "credentials"), []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	e := env{"HOME": home, "USERPROFILE": home, "home": home}
	want(t, cli(t, e, "", "GetLiveCode", "--endpoint", srv.URL), exitOK)
	if rec := srv.Requests()[0]; rec.SecretID != testCreds.SecretID || rec.ErrorCode != "" {
		t.Errorf("server saw SecretId %q, error %q", rec.SecretID, rec.ErrorCode)
	}
	// An empty home in the lookup environment: no credentials, exit 2.
	empty := t.TempDir()
	r := cli(t, env{"HOME": empty, "USERPROFILE": empty, "home": empty}, "", "GetLiveCode", "--endpoint", srv.URL)
	want(t, r, exitUsage)
	if len(srv.Requests()) != 1 {
		t.Errorf("a request was sent without credentials")
	}
}

// TestUndecodableDetectInfo: GetDetectInfo answered, but its DetectInfo is
// not the documented JSON. That is a problem with the answer, not with the
// command line: exit 1, the answer on stdout, one line on stderr.
func TestUndecodableDetectInfo(t *testing.T) {
	for _, detectInfo := range []string{`{"Text":`, ""} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"Response": map[string]any{"DetectInfo": detectInfo, "RequestId": "req-undecodable"}})
		}))
		r := cli(t, credsEnv(), "", "GetDetectInfo", "--endpoint", srv.URL, "--RuleId", "1", "--BizToken", "token", "--InfoType", "1")
		srv.Close()
		want(t, r, exitAPI)
		var resp faceid.GetDetectInfoResponse
		decode(t, r, &resp)
		if resp.RequestId != "req-undecodable" || resp.DetectInfo != detectInfo {
			t.Errorf("stdout %+v", resp)
		}
		if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "DetectInfo") {
			t.Errorf("DetectInfo %q: stderr %q; want one line about DetectInfo", detectInfo, r.stderr)
		}
	}
}

// endless is stdin that never ends, counting the bytes handed out.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	e.n += int64(len(p))
	return len(p), nil
}

// TestJSONStdinIsBounded: --json - reads at most 16 MiB (+1) of stdin and
// refuses more with one line naming the limit, before any request is sent.
func TestJSONStdinIsBounded(t *testing.T) {
	srv := newServer(t)
	t.Setenv("HOME", t.TempDir())
	in := &endless{}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"DetectAuth", "--endpoint", srv.URL, "--json", "-"}, in, &stdout, &stderr, credsEnv().lookup)
	if code != exitUsage || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "--json from stdin is over the 16777216-byte limit") || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	if in.n > maxJSONInput+1+64<<10 {
		t.Errorf("read %d bytes of stdin for a %d-byte limit", in.n, maxJSONInput)
	}
	if len(srv.Requests()) != 0 {
		t.Errorf("a request was sent")
	}
	// A body of exactly the limit is read and sent.
	body := `{"RuleId":"1"}` + strings.Repeat(" ", maxJSONInput-len(`{"RuleId":"1"}`))
	r := cli(t, credsEnv(), body, "DetectAuth", "--endpoint", srv.URL, "--json", "-")
	want(t, r, exitOK)
}

// TestActionHelpFromTable: every action of the table gets a subcommand whose help cites
// Tencent's page, shows an example with the required fields, and says how to set nested fields.
func TestActionHelpFromTable(t *testing.T) {
	for _, a := range faceid.Actions() {
		t.Run(a.Name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{a.Name, "-h"}, strings.NewReader(""), &stdout, &stderr, func(string) (string, bool) { return "", false })
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			help := stderr.String()
			if !strings.Contains(help, a.DocURL) || !strings.Contains(help, "faceid "+a.Name) {
				t.Errorf("help lacks the doc URL or the example:\n%s", help)
			}
			req := reflect.TypeOf(a.NewRequest()).Elem()
			for i := 0; i < req.NumField(); i++ {
				sf := req.Field(i)
				name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
				required := sf.Type.Kind() != reflect.Pointer && !strings.Contains(opts, "omitempty")
				if required && sf.Type.Kind() == reflect.String && !strings.Contains(help, "--"+name+" ") {
					t.Errorf("example lacks the required --%s:\n%s", name, help)
				}
				if flagKind(sf.Type) == "" && !strings.Contains(help, "--json") {
					t.Errorf("help does not say nested %s is set through --json", name)
				}
			}
			for _, m := range a.Media {
				if !strings.Contains(help, "--"+mediaFlagName(m)) {
					t.Errorf("help lacks --%s", mediaFlagName(m))
				}
			}
		})
	}
	want := map[string]string{"ImageBase64": "image-file", "VideoBase64": "video-file", "FaceInput": "face-input-file"}
	for field, flag := range want {
		if got := mediaFlagName(field); got != flag {
			t.Errorf("mediaFlagName(%s) = %s, want %s", field, got, flag)
		}
	}
}
