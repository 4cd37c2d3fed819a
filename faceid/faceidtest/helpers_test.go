package faceidtest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// testNow is the pinned server clock of most tests.
var testNow = time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC)

// clock is a settable server clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

func newTestServer(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	s := NewServer(opts)
	t.Cleanup(s.Close)
	return s
}

// tc3Request builds an unsigned TC3 POST with the usual common headers.
func tc3Request(t *testing.T, s *Server, action, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", Version)
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	return req
}

// tc3GetRequest builds an unsigned TC3 GET with the flattened parameters.
func tc3GetRequest(t *testing.T, s *Server, action string, params map[string]string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.URL+"/?"+tc3.EncodeQuery(params), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", Version)
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	return req
}

func sign(t *testing.T, req *http.Request, cred tc3.Credentials, ts int64) *http.Request {
	t.Helper()
	if err := tc3.NewSigner(0).SignRequest(req, cred, "faceid", "", ts); err != nil {
		t.Fatal(err)
	}
	return req
}

// v1Request signs a legacy v1 request (GET query or POST form).
func v1Request(t *testing.T, s *Server, method, sigMethod, action string, business map[string]string, cred tc3.Credentials, ts int64) *http.Request {
	t.Helper()
	p := map[string]string{
		"Action": action, "Version": Version, "Region": "ap-guangzhou",
		"Timestamp": strconv.FormatInt(ts, 10), "Nonce": "11886",
	}
	for k, v := range business {
		p[k] = v
	}
	res, err := tc3.SignV1(&tc3.V1Input{Credentials: cred, SignatureMethod: sigMethod, Method: method, Host: s.Host, Path: "/", Params: p})
	if err != nil {
		t.Fatal(err)
	}
	var req *http.Request
	if method == http.MethodGet {
		req, err = http.NewRequest(method, s.URL+"/?"+res.Encoded, nil)
	} else {
		req, err = http.NewRequest(method, s.URL+"/", strings.NewReader(res.Encoded))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// do sends req and decodes the "Response" object.
func do(t *testing.T, s *Server, req *http.Request) map[string]any {
	t.Helper()
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatalf("%s: %v", req.Header.Get("X-TC-Action"), err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d: %s", resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var env struct{ Response map[string]any }
	if err := json.Unmarshal(raw, &env); err != nil || env.Response == nil {
		t.Fatalf("not an envelope (%v): %s", err, raw)
	}
	if id, _ := env.Response["RequestId"].(string); len(id) != 36 {
		t.Errorf("RequestId %q is not uuid-like", id)
	}
	return env.Response
}

// call signs a TC3 POST with the default credentials at testNow and sends it.
func callAPI(t *testing.T, s *Server, action, body string) map[string]any {
	t.Helper()
	return do(t, s, sign(t, tc3Request(t, s, action, body), DefaultCredentials, testNow.Unix()))
}

// apiErr returns the Error code and message of a response ("" when none).
func apiErr(resp map[string]any) (code, msg string) {
	e, ok := resp["Error"].(map[string]any)
	if !ok {
		return "", ""
	}
	code, _ = e["Code"].(string)
	msg, _ = e["Message"].(string)
	return code, msg
}

func mustOK(t *testing.T, resp map[string]any) map[string]any {
	t.Helper()
	if code, msg := apiErr(resp); code != "" {
		t.Fatalf("error %s: %s", code, msg)
	}
	return resp
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func jsonBody(t *testing.T, m map[string]any) string {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// shape replaces every JSON value by its type name, keeping object keys, so
// a response can be compared with the documented shape.
func shape(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = shape(e)
		}
		return m
	case []any:
		if len(v) == 0 {
			return "[]"
		}
		return []any{shape(v[0])}
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case nil:
		return "null"
	}
	return "?"
}

// detectAuth starts a flow and returns its BizToken.
func detectAuth(t *testing.T, s *Server, body map[string]any) string {
	t.Helper()
	resp := mustOK(t, callAPI(t, s, "DetectAuth", jsonBody(t, body)))
	tok, _ := resp["BizToken"].(string)
	if tok == "" {
		t.Fatalf("no BizToken: %v", resp)
	}
	return tok
}
