package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

// The inspector tests sign their calls with the independent test signer of
// verify_test.go (tc3Sig, canon, authz), never with tc3.

// inspectBase is 16:30 UTC: the UTC+8 date is already the next day, so the
// local-date mistake changes the signature.
var inspectBase = time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC)

const (
	inspectUTCDate = "2026-11-27"
	inspectCSTDate = "2026-11-28"
)

var testCred = tc3.Credentials{SecretID: testID, SecretKey: testKey}

// newTestInspector serves an inspector over a faceidtest Handler on a
// loopback httptest server whose clock is fixed at inspectBase.
func newTestInspector(t *testing.T, f inspectFlags, cred tc3.Credentials) (*inspector, string) {
	t.Helper()
	if f.keep == 0 {
		f.keep = 100
	}
	now := func() time.Time { return inspectBase }
	srv := httptest.NewUnstartedServer(nil)
	api := faceidtest.NewHandler(faceidtest.Options{Credentials: []tc3.Credentials{cred}, Now: now})
	in := newInspector(api, cred, now, srv.Listener.Addr(), f)
	srv.Config.Handler = in
	srv.Start()
	t.Cleanup(srv.Close)
	return in, srv.Listener.Addr().String()
}

// tc3Call is a client call to addr, signed by the test signer with the
// given credential-scope date: inspectUTCDate is right, inspectCSTDate is
// the local-date mistake.
type tc3Call struct {
	cred      tc3.Credentials
	scopeDate string
	ts        int64
	action    string
	body      string
	token     string // sent as X-TC-Token (unsigned)
}

func (c tc3Call) request(t *testing.T, addr string) *http.Request {
	t.Helper()
	if c.action == "" {
		c.action = "DetectAuth"
	}
	ts := strconv.FormatInt(c.ts, 10)
	sig := tc3Sig(c.cred.SecretKey, c.scopeDate, "faceid", ts, canon("POST", "", []string{hCT, "host:" + addr}, sigCTH, c.body))
	req, err := http.NewRequest("POST", "http://"+addr+"/", strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", c.action)
	req.Header.Set("X-TC-Timestamp", ts)
	req.Header.Set("X-TC-Version", "2018-03-01")
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	if c.token != "" {
		req.Header.Set("X-TC-Token", c.token)
	}
	req.Header.Set("Authorization", authz(c.cred.SecretID, c.scopeDate, "faceid", sigCTH, sig))
	return req
}

// send makes the call and returns the answer's Response object.
func (c tc3Call) send(t *testing.T, addr string) map[string]any {
	t.Helper()
	resp, err := http.DefaultClient.Do(c.request(t, addr))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Response map[string]any }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("answer: %v", err)
	}
	return out.Response
}

func goodCall(ts int64) tc3Call {
	return tc3Call{cred: testCred, scopeDate: inspectUTCDate, ts: ts, body: `{"RuleId":"1"}`}
}

func localDateCall(ts int64) tc3Call {
	return tc3Call{cred: testCred, scopeDate: inspectCSTDate, ts: ts, body: `{"RuleId":"1"}`}
}

// getJSON GETs a page URL and decodes the JSON answer.
func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %d %v: %s", url, resp.StatusCode, err, body)
		}
	}
	return resp.StatusCode
}

// postForm posts a page form as the page does (same Origin, JSON).
func postForm(t *testing.T, addr, path string, v any, header map[string]string) (int, []byte) {
	t.Helper()
	data, _ := json.Marshal(v)
	req, _ := http.NewRequest("POST", "http://"+addr+inspectPrefix+path, strings.NewReader(string(data)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "http://"+addr)
	for k, val := range header {
		if val == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, val)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// errorOf is the error message of a page answer.
func errorOf(body []byte) string {
	var e struct{ Error string }
	json.Unmarshal(body, &e)
	return e.Error
}

type feedDoc struct {
	Last      int              `json:"last"`
	Keep      int              `json:"keep"`
	Forgotten int              `json:"forgotten"`
	Listen    string           `json:"listen"`
	Requests  []inspectSummary `json:"requests"`
}

// viewDoc is the part of a request's view the tests read.
type viewDoc struct {
	inspectSummary
	Error      string           `json:"error"`
	Message    string           `json:"message"`
	Target     string           `json:"target"`
	Headers    [][2]string      `json:"headers"`
	Body       string           `json:"body"`
	BodyBytes  int              `json:"body_bytes"`
	Status     int              `json:"status"`
	Response   string           `json:"response"`
	Findings   []inspectFinding `json:"findings"`
	Comparable bool             `json:"comparable"`
	Report     *report          `json:"report"`
}

func header(v viewDoc, name string) string {
	for _, h := range v.Headers {
		if strings.EqualFold(h[0], name) {
			return h[1]
		}
	}
	return ""
}

func TestInspectFeedAndDetail(t *testing.T) {
	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	ts := inspectBase.Unix()
	if r := goodCall(ts).send(t, addr); r["Error"] != nil {
		t.Fatalf("good call refused: %v", r)
	}
	bad := localDateCall(ts).send(t, addr)
	if e, _ := bad["Error"].(map[string]any); e == nil || e["Code"] != "AuthFailure.SignatureFailure" {
		t.Fatalf("local-date call: %v", bad)
	}

	var feed feedDoc
	if code := getJSON(t, "http://"+addr+inspectPrefix+"api/requests", &feed); code != 200 {
		t.Fatalf("feed: %d", code)
	}
	type row struct{ ID, Action, Method, Verdict, Answer, Mistake string }
	var got []row
	for _, s := range feed.Requests {
		got = append(got, row{strconv.Itoa(s.ID), s.Action, s.SignatureMethod, s.Verdict, s.Answer, s.Mistake})
	}
	want := []row{ // newest first
		{"2", "DetectAuth", tc3.Algorithm, "AuthFailure.SignatureFailure", "AuthFailure.SignatureFailure", "local-date"},
		{"1", "DetectAuth", tc3.Algorithm, "accepted", "OK: BizToken, Url", ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("feed (-want +got):\n%s", d)
	}
	if feed.Last != 2 || feed.Keep != 100 || feed.Listen != addr || feed.Requests[0].Time != "2026-11-27T16:30:00.000Z" {
		t.Errorf("feed header: last %d keep %d listen %q time %q", feed.Last, feed.Keep, feed.Listen, feed.Requests[0].Time)
	}
	// after= returns only what the page has not shown yet.
	var newer feedDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests?after=1", &newer)
	if len(newer.Requests) != 1 || newer.Requests[0].ID != 2 {
		t.Errorf("after=1: %+v", newer.Requests)
	}
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests?after=2", &newer)
	if len(newer.Requests) != 0 {
		t.Errorf("after=2: %+v", newer.Requests)
	}
	if code := getJSON(t, "http://"+addr+inspectPrefix+"api/requests?after=x", nil); code != 400 {
		t.Errorf("after=x: %d", code)
	}

	// The failed one: the scope-date check fails with its code, reason and
	// fix; the named mistake is local-date; our canonical request is there.
	var v viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/2", &v)
	var scope *inspectFinding
	for i := range v.Findings {
		if v.Findings[i].Check == "scope-date" {
			scope = &v.Findings[i]
		}
	}
	if scope == nil || scope.Status != "fail" || scope.Code != "AuthFailure.SignatureFailure" ||
		scope.Reason != "credential scope date 2026-11-28 differs from 2026-11-27, the UTC date of X-TC-Timestamp "+strconv.FormatInt(ts, 10) || scope.Fix == "" || strings.Contains(scope.Reason, scope.Fix) {
		t.Errorf("scope-date finding: %+v", scope)
	}
	if v.Report == nil || len(v.Report.Diagnosis) != 1 || v.Report.Diagnosis[0].Mistakes[0].ID != "local-date" ||
		!strings.Contains(v.Report.Diagnosis[0].Mistakes[0].Name, "UTC+8: 2026-11-28") {
		t.Fatalf("diagnosis: %+v", v.Report)
	}
	wantCR := canon("POST", "", []string{hCT, "host:" + addr}, sigCTH, `{"RuleId":"1"}`)
	if v.Report.CanonicalRequest != wantCR {
		t.Errorf("canonical request (-want +got):\n%s", cmp.Diff(wantCR, v.Report.CanonicalRequest))
	}
	if !v.Comparable || v.Status != 200 || !strings.Contains(v.Response, `"Code": "AuthFailure.SignatureFailure"`) || v.BodyBytes != 14 || v.Body != "{\n  \"RuleId\": \"1\"\n}" {
		t.Errorf("view: comparable %v status %d body %d %q response %q", v.Comparable, v.Status, v.BodyBytes, v.Body, v.Response)
	}
	// A bad signature is shown whole (it is worthless); the good one only
	// as a prefix (it is valid for 5 minutes).
	badSig := tc3Sig(testKey, inspectCSTDate, "faceid", strconv.FormatInt(ts, 10), wantCR)
	if a := header(v, "Authorization"); !strings.HasSuffix(a, "Signature="+badSig) {
		t.Errorf("bad Authorization shown as %q", a)
	}
	var good viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/1", &good)
	goodSig := tc3Sig(testKey, inspectUTCDate, "faceid", strconv.FormatInt(ts, 10), wantCR)
	if a := header(good, "Authorization"); !strings.HasSuffix(a, "Signature="+goodSig[:8]+"…") {
		t.Errorf("good Authorization shown as %q", a)
	}
	if good.Verdict != "accepted" || good.Report.Verdict != "accepted" || len(good.Report.Diagnosis) != 0 {
		t.Errorf("good view: %+v", good.inspectSummary)
	}
	// A malformed Authorization cannot be checked step by step: the row
	// shows what serve answered, the view says why.
	req := goodCall(ts).request(t, addr)
	req.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential=nonsense")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var mal viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/3", &mal)
	if !strings.HasPrefix(mal.Verdict, "AuthFailure.") || mal.Verdict != mal.Answer || !strings.Contains(mal.Error, "malformed Authorization header") || mal.Comparable {
		t.Errorf("malformed Authorization: verdict %q answer %q error %q", mal.Verdict, mal.Answer, mal.Error)
	}
	if code := getJSON(t, "http://"+addr+inspectPrefix+"api/requests/9", nil); code != 404 {
		t.Errorf("unknown id: %d", code)
	}
}

// TestInspectPage: the HTML page and its assets are served from the binary,
// refer to nothing outside it, and are sent with a strict policy.
func TestInspectPage(t *testing.T) {
	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	get := func(path string, accept string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, html := get(inspectPrefix, "")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`<script src="static/inspect.js" defer></script>`, `<link rel="stylesheet" href="static/inspect.css">`, `id="requests"`, `id="check-form"`, `id="sign-form"`, `<link rel="icon" href="data:,">`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %s", csp, want)
		}
	}
	if resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers: %v", resp.Header)
	}
	external := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|url\(\s*["']?(https?:)?//|@import|fetch\(\s*["']https?:`)
	for _, f := range []struct{ path, ctype string }{{"static/inspect.js", "text/javascript"}, {"static/inspect.css", "text/css"}} {
		resp, body := get(inspectPrefix+f.path, "")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), f.ctype) || len(body) < 1000 {
			t.Errorf("%s: %d %s, %d bytes", f.path, resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
		}
		if m := external.FindString(body); m != "" {
			t.Errorf("%s refers to something outside the binary: %q", f.path, m)
		}
	}
	if m := external.FindString(html); m != "" {
		t.Errorf("the page refers to something outside the binary: %q", m)
	}
	// A person opening http://ADDR/ is sent to the page; an API GET is not.
	if resp, _ := get("/", "text/html,application/xhtml+xml"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != inspectPrefix {
		t.Errorf("GET / from a browser: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := get("/", ""); resp.StatusCode == http.StatusSeeOther {
		t.Errorf("GET / without Accept text/html was redirected")
	}
	if resp, _ := get("/_inspect", ""); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != inspectPrefix {
		t.Errorf("/_inspect: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestInspectHostAllowed(t *testing.T) {
	tcp := func(s string) *net.TCPAddr {
		a, err := net.ResolveTCPAddr("tcp", s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	cases := []struct {
		listen, host string
		want         bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", true},
		{"127.0.0.1:8080", "localhost:8080", true},
		{"127.0.0.1:8080", "LocalHost:8080", true},
		{"127.0.0.1:8080", "127.0.0.1:8081", false},
		{"127.0.0.1:8080", "127.0.0.1", false},
		{"127.0.0.1:8080", "127.0.0.2:8080", false},
		{"127.0.0.1:8080", "attacker.example:8080", false},      // DNS rebinding
		{"127.0.0.1:8080", "localhost.example:8080", false},     // a name that only looks local
		{"127.0.0.1:8080", "faceid.tencentcloudapi.com", false}, // proxy mode: the API's host, not the page's
		{"[::1]:8080", "[::1]:8080", true},
		{"[::1]:8080", "localhost:8080", true},
		{"[::1]:8080", "127.0.0.1:8080", false},
		{"0.0.0.0:8080", "192.168.1.20:8080", true},
		{"0.0.0.0:8080", "localhost:8080", true},
		{"0.0.0.0:8080", "myhost.lan:8080", false},
		{"192.168.1.20:8080", "192.168.1.20:8080", true},
		{"192.168.1.20:8080", "localhost:8080", false},
	}
	for _, c := range cases {
		in := &inspector{addr: tcp(c.listen)}
		if got := in.hostAllowed(c.host); got != c.want {
			t.Errorf("listening on %s, Host %q: allowed %v, want %v", c.listen, c.host, got, c.want)
		}
	}
}

// TestInspectRefusals: a foreign Host (DNS rebinding) gets no page, a
// foreign Origin cannot post a form.
func TestInspectRefusals(t *testing.T) {
	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	_, port, _ := net.SplitHostPort(addr)
	for _, c := range []struct {
		host string
		want int
	}{{addr, 200}, {"localhost:" + port, 200}, {"rebind.attacker.example:" + port, 403}, {"127.0.0.1:1", 403}} {
		for _, path := range []string{inspectPrefix, inspectPrefix + "api/requests", inspectPrefix + "static/inspect.js"} {
			req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
			req.Host = c.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("Host %s %s: %d, want %d", c.host, path, resp.StatusCode, c.want)
			}
			if c.want == 403 && !strings.Contains(string(body), "DNS-rebinding") {
				t.Errorf("Host %s: refusal does not say why: %s", c.host, body)
			}
		}
	}
	form := rawCheck{Raw: "POST / HTTP/1.1\r\nHost: x\r\n\r\n"}
	for _, c := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"same origin", nil, 200},
		{"no Origin (curl)", map[string]string{"Origin": ""}, 200},
		{"localhost origin", map[string]string{"Origin": "http://localhost:" + port}, 200},
		{"foreign origin", map[string]string{"Origin": "http://attacker.example"}, 403},
		{"foreign origin, our port", map[string]string{"Origin": "http://attacker.example:" + port}, 403},
		{"https origin", map[string]string{"Origin": "https://" + addr}, 403},
		{"null origin", map[string]string{"Origin": "null"}, 403},
		{"cross-site fetch", map[string]string{"Origin": "", "Sec-Fetch-Site": "cross-site"}, 403},
		{"plain-text form post", map[string]string{"Content-Type": "text/plain"}, 415},
	} {
		code, body := postForm(t, addr, "api/check", form, c.header)
		if code != c.want {
			t.Errorf("%s: %d, want %d: %s", c.name, code, c.want, body)
		}
	}
}

func TestInspectKeep(t *testing.T) {
	_, addr := newTestInspector(t, inspectFlags{keep: 3}, testCred)
	for i := 0; i < 5; i++ {
		goodCall(inspectBase.Unix()).send(t, addr)
	}
	var feed feedDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests", &feed)
	var ids []int
	for _, s := range feed.Requests {
		ids = append(ids, s.ID)
	}
	if d := cmp.Diff([]int{5, 4, 3}, ids); d != "" || feed.Forgotten != 2 || feed.Last != 5 {
		t.Errorf("kept ids (-want +got):\n%s forgotten %d last %d", d, feed.Forgotten, feed.Last)
	}
	if code := getJSON(t, "http://"+addr+inspectPrefix+"api/requests/2", nil); code != 404 {
		t.Errorf("forgotten request 2: %d", code)
	}
	if code := getJSON(t, "http://"+addr+inspectPrefix+"api/requests/3", nil); code != 200 {
		t.Errorf("kept request 3: %d", code)
	}
}

// TestInspectKeptBytes: past the byte budget the oldest raw requests are
// dropped (their views stay, without the paste box).
func TestInspectKeptBytes(t *testing.T) {
	in := &inspector{keep: 100}
	big := make([]byte, inspectKeptBytes/2+1)
	for i := 0; i < 3; i++ {
		in.add(&inspectEntry{view: &inspectView{Comparable: true}, req: &rawRequest{Body: big}})
	}
	var held []bool
	for _, e := range in.entries {
		held = append(held, e.req != nil && e.view.Comparable)
	}
	if d := cmp.Diff([]bool{false, false, true}, held); d != "" || in.kept != len(big) {
		t.Errorf("held raw requests (-want +got):\n%s kept %d", d, in.kept)
	}
	in.add(&inspectEntry{view: &inspectView{Comparable: true}, req: &rawRequest{Body: make([]byte, inspectKeptBytes+1)}})
	if e := in.entries[3]; e.req != nil || e.view.Comparable || in.kept != len(big) {
		t.Errorf("a request over the whole budget is held: kept %d", in.kept)
	}
}

// TestInspectBodies: media fields are shown as sizes, long bodies cut.
func TestInspectBodies(t *testing.T) {
	img := make([]byte, 30000)
	for i := range img {
		img[i] = byte(i)
	}
	b64 := base64.StdEncoding.EncodeToString(img)
	got := summarizeBody([]byte(`{"ImageBase64":"`+b64+`","Name":"张三","Nested":[{"VideoBase64":"`+b64[:400]+`"}]}`), "application/json", "")
	want := "{\n  \"ImageBase64\": \"[40000 characters: Base64 of 30000 bytes]\",\n  \"Name\": \"张三\",\n  \"Nested\": [\n    {\n      \"VideoBase64\": \"[400 characters: Base64 of 300 bytes]\"\n    }\n  ]\n}"
	if got != want {
		t.Errorf("JSON body (-want +got):\n%s", cmp.Diff(want, got))
	}
	form := summarizeBody([]byte("Action=LivenessCompare&ImageBase64="+strings.ReplaceAll(b64[:400], "+", "%2B")+"&Nonce=1"), "application/x-www-form-urlencoded", "")
	if !strings.HasPrefix(form, "Action=LivenessCompare&ImageBase64=[") || !strings.HasSuffix(form, "Base64 of 300 bytes]&Nonce=1") {
		t.Errorf("form body: %q", form)
	}
	long := summarizeBody([]byte(strings.Repeat("é", inspectBodyView)), "text/plain", "")
	if !strings.HasSuffix(long, "\n… ("+strconv.Itoa(2*inspectBodyView-inspectBodyView)+" more bytes not shown)") || len(long) > inspectBodyView+64 || !strings.HasPrefix(long, "éé") {
		t.Errorf("long body: %d bytes, ends %q", len(long), long[len(long)-40:])
	}

	// Through serve: a LivenessCompare with a 30 KB photo is listed with
	// the photo as its size.
	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	call := goodCall(inspectBase.Unix())
	call.action = "LivenessCompare"
	call.body = `{"ImageBase64":"` + base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG()) + `","VideoBase64":"` + base64.StdEncoding.EncodeToString(faceidtest.SampleMP4()) + `","LivenessType":"SILENT"}`
	call.send(t, addr)
	var v viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/1", &v)
	if v.BodyBytes != len(call.body) || strings.Contains(v.Body, base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG())[:300]) ||
		!strings.Contains(v.Body, "Base64 of "+strconv.Itoa(len(faceidtest.SampleJPEG()))+" bytes]") {
		t.Errorf("LivenessCompare body shown as %q (%d bytes)", v.Body, v.BodyBytes)
	}
}

// TestInspectSecrets: the page never shows the SecretKey, masks the token.
func TestInspectSecrets(t *testing.T) {
	cred := tc3.Credentials{SecretID: testID, SecretKey: testKey, Token: "SESSIONTOKEN0123456789abcdefSESSIONTOKEN"}
	_, addr := newTestInspector(t, inspectFlags{}, cred)
	call := goodCall(inspectBase.Unix())
	call.cred, call.token = cred, cred.Token
	if r := call.send(t, addr); r["Error"] != nil {
		t.Fatalf("call with token: %v", r)
	}
	wrong := call
	wrong.scopeDate = inspectCSTDate
	wrong.send(t, addr)
	for _, path := range []string{"api/requests", "api/requests/1", "api/requests/2"} {
		resp, err := http.Get("http://" + addr + inspectPrefix + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, secret := range []string{testKey, cred.Token, strings.ToLower(cred.Token)} {
			if strings.Contains(string(body), secret) {
				t.Errorf("%s shows a secret %q", path, secret[:6])
			}
		}
	}
	var v viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/1", &v)
	if h := header(v, "X-Tc-Token"); h != tc3.Mask(cred.Token) {
		t.Errorf("token shown as %q, want %q", h, tc3.Mask(cred.Token))
	}
	// A v1 GET: the Token parameter in the query is masked, the valid
	// Signature cut to a prefix. (The signature comes from tc3.SignV1: this
	// checks the masking, the signature rules have their own tests.)
	v1, err := tc3.SignV1(&tc3.V1Input{Credentials: cred, SignatureMethod: tc3.HmacSHA256, Method: "GET", Host: addr, Path: "/",
		Params: map[string]string{"Action": "DetectAuth", "Version": "2018-03-01", "Region": "ap-guangzhou", "Timestamp": strconv.FormatInt(inspectBase.Unix(), 10), "Nonce": "7", "RuleId": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + addr + "/?" + v1.Encoded)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var g viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/3", &g)
	if g.Verdict != "accepted" || g.SignatureMethod != tc3.HmacSHA256 || strings.Contains(g.Target, "SESSIONTOKEN") || !strings.Contains(g.Target, "&Token="+url.QueryEscape(tc3.Mask(cred.Token))) ||
		!strings.Contains(g.Target, "&Signature="+tc3.Escape(v1.Signature)[:8]+"…") || strings.Contains(g.Target, tc3.Escape(v1.Signature)) {
		t.Errorf("v1 GET shown as %s %q", g.Verdict, g.Target)
	}
	// v1: the Token parameter in a form body or query is masked too.
	if got := maskQuery("Action=A&Token="+cred.Token+"&Signature=abcdefghijkl%3D", true); got != "Action=A&Token="+strings.ReplaceAll(tc3.Mask(cred.Token), "*", "%2A")+"&Signature=abcdefgh…" {
		t.Errorf("v1 masked: %q", got)
	}
}

// TestInspectCompare: the paste box diffs the client's canonical request
// and string to sign against ours and names the first step that differs.
func TestInspectCompare(t *testing.T) {
	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	ts := strconv.FormatInt(inspectBase.Unix(), 10)
	localDateCall(inspectBase.Unix()).send(t, addr)
	cr := canon("POST", "", []string{hCT, "host:" + addr}, sigCTH, `{"RuleId":"1"}`)
	sum := sha256.Sum256([]byte(cr))
	theirSTS := "TC3-HMAC-SHA256\n" + ts + "\n" + inspectCSTDate + "/faceid/tc3_request\n" + hex.EncodeToString(sum[:])
	code, body := postForm(t, addr, "api/requests/1/compare", pasted{CanonicalRequest: cr, StringToSign: theirSTS}, nil)
	if code != 200 {
		t.Fatalf("compare: %d %s", code, body)
	}
	var v viewDoc
	json.Unmarshal(body, &v)
	if v.Report == nil || len(v.Report.Comparisons) != 2 {
		t.Fatalf("comparisons: %s", body)
	}
	crc, stsc := v.Report.Comparisons[0], v.Report.Comparisons[1]
	if !crc.Identical || stsc.Identical || !strings.Contains(stsc.Diff, `- 	"`+inspectUTCDate+`/faceid/tc3_request",`) || !strings.Contains(stsc.Diff, `+ 	"`+inspectCSTDate+`/faceid/tc3_request",`) {
		t.Errorf("comparisons: %+v", v.Report.Comparisons)
	}
	wantFirst := `step 2, the string to sign: line 3 (CredentialScope, UTC date/service/tc3_request): ours "` + inspectUTCDate + `/faceid/tc3_request", yours "` + inspectCSTDate + `/faceid/tc3_request"`
	if v.Report.FirstDifference != wantFirst {
		t.Errorf("first difference:\n got %s\nwant %s", v.Report.FirstDifference, wantFirst)
	}
	if v.ID != 1 || v.Status != 200 {
		t.Errorf("compare view lost its summary: %+v", v.inspectSummary)
	}
	if code, _ := postForm(t, addr, "api/requests/1/compare", pasted{}, nil); code != 400 {
		t.Errorf("empty paste: %d", code)
	}
	if code, _ := postForm(t, addr, "api/requests/7/compare", pasted{StringToSign: "x"}, nil); code != 404 {
		t.Errorf("unknown request: %d", code)
	}
}

// TestInspectCheckRaw: the raw-request form gives verify's verdict on a
// pasted capture.
func TestInspectCheckRaw(t *testing.T) {
	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	var charset mistakeCase
	for _, c := range tc3MistakeCases() {
		if c.id == "charset-added" {
			charset = c
		}
	}
	if charset.raw == nil {
		t.Fatal("no charset-added case in tc3MistakeCases")
	}
	// At the capture's own timestamp: only the signature is wrong.
	code, body := postForm(t, addr, "api/check", rawCheck{Raw: charset.raw(), Now: "request"}, nil)
	var v viewDoc
	json.Unmarshal(body, &v)
	if code != 200 || v.Verdict != "AuthFailure.SignatureFailure" || v.Mistake != "charset-added" || v.Host != mHost || v.Comparable {
		t.Errorf("charset-added at the request's time: %d %+v", code, v.inspectSummary)
	}
	// A day after the capture: expired, and still diagnosed.
	ts, _ := strconv.ParseInt(mTS, 10, 64)
	code, body = postForm(t, addr, "api/check", rawCheck{Raw: charset.raw(), Now: strconv.FormatInt(ts+86400, 10)}, nil)
	json.Unmarshal(body, &v)
	if code != 200 || v.Verdict != "AuthFailure.SignatureExpire" || v.Mistake != "charset-added" {
		t.Errorf("charset-added now: %d %+v", code, v.inspectSummary)
	}
	for _, c := range []struct {
		name string
		form rawCheck
		code int
		msg  string
	}{
		{"not a request", rawCheck{Raw: "hello"}, 422, "cannot parse the request: the input is a single line"},
		{"bad clock", rawCheck{Raw: charset.raw(), Now: "yesterday"}, 400, `server clock "yesterday": give Unix time in seconds`},
		{"no timestamp", rawCheck{Raw: "POST / HTTP/1.1\r\nHost: faceid.tencentcloudapi.com\r\n\r\n", Now: "request"}, 422, "the request carries no valid timestamp"},
	} {
		code, body := postForm(t, addr, "api/check", c.form, nil)
		if code != c.code || !strings.Contains(errorOf(body), c.msg) {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	code, body = postForm(t, addr, "api/check", rawCheck{Raw: "POST / HTTP/1.1\r\nHost: h\r\nAuthorization: TC3-HMAC-SHA256 nonsense\r\n\r\n"}, nil)
	json.Unmarshal(body, &v)
	if code != 200 || v.Verdict != "unchecked" || !strings.Contains(v.Error, "malformed Authorization header") {
		t.Errorf("malformed Authorization: %+v %q", v.inspectSummary, v.Error)
	}
}

type signDoc struct {
	Signed            signJSON `json:"signed"`
	Curl              string   `json:"curl"`
	HTTP              string   `json:"http"`
	DerivedKeysHidden bool     `json:"derived_keys_hidden"`
	TokenMasked       bool     `json:"token_masked"`
}

// TestInspectSign: the signing form signs as "tc3sign sign" does, checked
// against the independent test signer; derived keys only with the flag.
func TestInspectSign(t *testing.T) {
	body := `{"RuleId":"1"}`
	form := signForm{Flags: map[string]string{"action": "DetectAuth", "timestamp": mTS, "host": mHost, "region": "ap-guangzhou"}, Payload: body}
	wantCR := canon("POST", "", []string{hCT, hHost}, sigCTH, body)
	wantSig := tc3Sig(testKey, mDate, "faceid", mTS, wantCR)
	k := mac(sha256.New, []byte("TC3"+testKey), mDate)
	wantSecretDate := hex.EncodeToString(k)

	for _, show := range []bool{false, true} {
		_, addr := newTestInspector(t, inspectFlags{showKeys: show}, testCred)
		code, raw := postForm(t, addr, "api/sign", form, nil)
		if code != 200 {
			t.Fatalf("sign: %d %s", code, raw)
		}
		var d signDoc
		if err := json.Unmarshal(raw, &d); err != nil {
			t.Fatal(err)
		}
		s := d.Signed
		if s.CanonicalRequest != wantCR || s.Signature != wantSig || s.CredentialScope != mDate+"/faceid/tc3_request" || s.Authorization != authz(testID, mDate, "faceid", sigCTH, wantSig) {
			t.Errorf("show=%v: signed %+v", show, s)
		}
		if !strings.Contains(d.Curl, "'Authorization: "+s.Authorization+"'") || !strings.HasPrefix(d.Curl, "curl -sS 'https://"+mHost+"/'") || !strings.Contains(d.Curl, "--data-binary '"+body+"'") {
			t.Errorf("curl: %s", d.Curl)
		}
		if !strings.HasPrefix(d.HTTP, "POST / HTTP/1.1\r\nHost: "+mHost+"\r\n") || !strings.HasSuffix(d.HTTP, "\r\n\r\n"+body) {
			t.Errorf("raw request: %q", d.HTTP)
		}
		if strings.Contains(string(raw), testKey) {
			t.Errorf("show=%v: the signing form shows the SecretKey", show)
		}
		if show {
			if s.SecretDate != wantSecretDate || d.DerivedKeysHidden {
				t.Errorf("--show-derived-keys: SecretDate %q, hidden %v", s.SecretDate, d.DerivedKeysHidden)
			}
		} else if s.SecretDate != "" || s.SecretService != "" || s.SecretSigning != "" || !d.DerivedKeysHidden || strings.Contains(string(raw), wantSecretDate) {
			t.Errorf("derived keys shown without --show-derived-keys: %+v", s)
		}
	}

	_, addr := newTestInspector(t, inspectFlags{}, testCred)
	for _, c := range []struct {
		name string
		form signForm
		code int
		msg  string
	}{
		{"credential field", signForm{Flags: map[string]string{"action": "DetectAuth", "secret-key-file": "/etc/passwd"}}, 400, `field "secret-key-file" is not a signing field`},
		{"show-derived-keys from the page", signForm{Flags: map[string]string{"action": "DetectAuth", "show-derived-keys": "true"}}, 400, `field "show-derived-keys" is not a signing field`},
		{"no action", signForm{Flags: map[string]string{}}, 422, "missing --action"},
		{"bad method", signForm{Flags: map[string]string{"action": "A", "method": "PUT"}}, 422, `--method "PUT": use POST or GET`},
	} {
		code, body := postForm(t, addr, "api/sign", c.form, nil)
		if code != c.code || !strings.Contains(errorOf(body), c.msg) {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	// The token is masked in every intermediate.
	cred := tc3.Credentials{SecretID: testID, SecretKey: testKey, Token: "SESSIONTOKEN0123456789abcdefSESSIONTOKEN"}
	_, addr = newTestInspector(t, inspectFlags{}, cred)
	f := form
	f.Flags = map[string]string{"action": "DetectAuth", "timestamp": mTS, "signed-headers": "content-type;host;x-tc-token"}
	code, raw := postForm(t, addr, "api/sign", f, nil)
	if code != 200 || strings.Contains(string(raw), cred.Token) || strings.Contains(string(raw), strings.ToLower(cred.Token)) || !strings.Contains(string(raw), `"token_masked":true`) {
		t.Errorf("signing with a token: %d, token shown or not flagged: %s", code, raw)
	}
}

// serveForTest runs "tc3sign serve" in process, as a user would, with the
// given clock; it returns the address and stops serve at the end of the test.
func serveForTest(t *testing.T, now func() time.Time, args ...string) (addr string, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr = &lockedBuffer{}
	env := map[string]string{envSecretID: testID, envSecretKy: testKey}
	c := &cli{
		ctx:    ctx,
		stdin:  strings.NewReader(""),
		stdout: pw,
		stderr: stderr,
		getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		now:    now,
	}
	done := make(chan int, 1)
	go func() {
		done <- c.run(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("serve: %v (stderr %s)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on http://")
	if !ok {
		cancel()
		t.Fatalf("first line %q", line)
	}
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exit %d: %s", code, stderr.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return addr, stderr
}

// TestServeInspector: serve itself puts the inspector in front of the API,
// says where it is, and checks --inspect-keep.
func TestServeInspector(t *testing.T) {
	clock := func() time.Time { return inspectBase }
	addr, stderr := serveForTest(t, clock, "--inspect-keep", "1")
	goodCall(inspectBase.Unix()).send(t, addr)
	localDateCall(inspectBase.Unix()).send(t, addr)
	var feed feedDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests", &feed)
	if len(feed.Requests) != 1 || feed.Requests[0].Mistake != "local-date" || feed.Keep != 1 || feed.Forgotten != 1 {
		t.Errorf("feed through serve: %+v", feed)
	}
	// Proxy mode: the client keeps the real endpoint; the request is listed
	// under its real host, with the origin-form target.
	ts := strconv.FormatInt(inspectBase.Unix(), 10)
	body := `{"RuleId":"1"}`
	sig := tc3Sig(testKey, inspectUTCDate, "faceid", ts, canon("POST", "", []string{hCT, hHost}, sigCTH, body))
	req, _ := http.NewRequest("POST", "http://"+mHost+"/", strings.NewReader(body))
	for k, v := range map[string]string{"Content-Type": "application/json", "X-TC-Action": "DetectAuth", "X-TC-Timestamp": ts, "X-TC-Version": "2018-03-01",
		"Authorization": authz(testID, inspectUTCDate, "faceid", sigCTH, sig)} {
		req.Header.Set(k, v)
	}
	proxy, _ := url.Parse("http://" + addr)
	resp, err := (&http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var v viewDoc
	getJSON(t, "http://"+addr+inspectPrefix+"api/requests/3", &v)
	if v.Host != mHost || v.Target != "/" || v.Verdict != "accepted" || v.Answer != "OK: BizToken, Url" {
		t.Errorf("proxied request: %+v target %q", v.inspectSummary, v.Target)
	}
	if !strings.Contains(stderr.String(), "request inspector: http://"+addr+inspectPrefix+"\n") {
		t.Errorf("serve does not say where the inspector is:\n%s", stderr.String())
	}
	for _, bad := range []string{"0", "10001", "x"} {
		tl := newTool(t, testID, testKey)
		r := tl.run("", "serve", "--addr", "127.0.0.1:0", "--inspect-keep", bad)
		if r.code != exitUsage || !strings.Contains(r.stderr, "inspect-keep") {
			t.Errorf("--inspect-keep %s: exit %d %s", bad, r.code, r.stderr)
		}
	}
}

// FuzzInspectSummarize: whatever a client sends, the view of its body is
// valid UTF-8, bounded, and never quotes a long field.
func FuzzInspectSummarize(f *testing.F) {
	f.Add([]byte(`{"ImageBase64":"`+strings.Repeat("QUJD", 100)+`"}`), "application/json")
	f.Add([]byte("Action=A&Token=t%20x&Signature=abc%3D&ImageBase64="+strings.Repeat("QUJD", 100)), "application/x-www-form-urlencoded")
	f.Add([]byte("\xff\xfe"+strings.Repeat("é", 5000)), "text/plain")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		out := summarizeBody(body, ct, "SESSIONTOKEN")
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		if len(out) > inspectBodyView+64 {
			t.Fatalf("%d bytes shown", len(out))
		}
		if strings.Contains(out, "SESSIONTOKEN") {
			t.Fatal("token shown")
		}
		masked := maskQuery(string(body), true)
		if strings.Count(masked, "&") != strings.Count(string(body), "&") {
			t.Fatalf("maskQuery changed the parameter count: %q -> %q", body, masked)
		}
	})
}
