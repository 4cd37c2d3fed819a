package transport

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// This file is a small fault-injecting server for the transport tests: it
// checks every attempt with tc3.Verify, the gateway's checks, and answers
// with the fault the test scripted, down to the byte (truncated bodies,
// encodings, stalls mid-body) on a fake clock. Tests of whole calls
// against the product's stand-in use faceidtest.FaultServer
// (billing_test.go, skew_test.go, limiter_test.go, conformance_test.go).

var testCreds = tc3.Credentials{
	SecretID:  "AKIDtransportTEST1234567890abcdefABCD",
	SecretKey: "transportSECRETkey0123456789abcdefXYZ",
	Token:     "transportTOKENsts0123456789abcdefGHIJ",
}

// t0 is the fake clock's start: 2026-11-27T00:17:00Z.
const t0 = 1795750620

type fault int

const (
	fOK         fault = iota
	fDropBefore       // hijack before reading the body, close with RST
	fDropAfter        // read and verify, then hijack and close with RST
	f502HTML
	f503HTML
	f429              // 429 with Retry-After: 1 and an HTML body
	fRateLimit        // 200, RequestLimitExceeded
	fRateLimitSub     // 200, RequestLimitExceeded.UinLimitExceeded
	fInternal         // 200, InternalError
	fFaceIDRetry      // 200, FailedOperation.DetectEngineSystemError
	fStall            // no answer until the client gives up
	fStallBody        // headers and part of the body, then nothing
	fTruncated        // Content-Length larger than what is sent, then close
	fBadJSON          // 200, honest length, JSON cut short
	fOversized        // body over the client's MaxResponseBytes, with Content-Length
	fOversizedChunked // the same, streamed without Content-Length
	fSigExpire        // 200, AuthFailure.SignatureExpire
	fAuth             // 200, AuthFailure.SignatureFailure
	fParam            // 200, InvalidParameterValue.RuleIdNotExist
	fQuota            // 200, FailedOperation.RequestLimitExceeded (a quota)
	f501              // 501 with an HTML body
	fGzip             // success, gzip-encoded
	fDeflate          // success, zlib "deflate"-encoded
	numFaults
)

var faultNames = [...]string{"ok", "drop-before-read", "drop-after-read", "502-html", "503-html", "429-retry-after",
	"RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded", "InternalError", "FailedOperation.DetectEngineSystemError",
	"stall", "stall-body", "truncated-body", "truncated-json", "oversized", "oversized-chunked", "SignatureExpire",
	"AuthFailure.SignatureFailure", "InvalidParameterValue.RuleIdNotExist", "FailedOperation.RequestLimitExceeded",
	"501", "gzip", "deflate"}

func (f fault) String() string { return faultNames[f] }

// fakeClock advances by step on every Now, so every attempt gets a new
// timestamp without sleeping. The server reads it with Peek.
type fakeClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(t0, 0), step: time.Second} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

func (c *fakeClock) Peek() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// seen is one attempt as the server received it.
type seen struct {
	fault     fault
	action    string
	callID    string
	ts        int64
	nonce     string
	signature string // TC3 hex or v1 base64
	verified  bool   // signature recomputed and equal
	problem   string // why verification failed
}

type faultServer struct {
	t     testing.TB
	srv   *httptest.Server
	clock *fakeClock
	creds tc3.Credentials

	mu       sync.Mutex
	script   []fault      // popped one per request
	pick     func() fault // when the script is empty; nil means fOK
	attempts []seen
	newConns int

	oversize int           // body size for the oversized faults
	stallMax time.Duration // upper bound of a stall
}

func newFaultServer(t testing.TB, clock *fakeClock, script ...fault) *faultServer {
	return startFaultServer(t, clock, false, script)
}

// newTLSFaultServer is newFaultServer over TLS; use s.srv.Client() to trust it.
func newTLSFaultServer(t testing.TB, clock *fakeClock, script ...fault) *faultServer {
	return startFaultServer(t, clock, true, script)
}

func startFaultServer(t testing.TB, clock *fakeClock, useTLS bool, script []fault) *faultServer {
	s := &faultServer{t: t, clock: clock, creds: testCreds, script: script, oversize: 1 << 20, stallMax: 5 * time.Second}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.mu.Lock()
			s.newConns++
			s.mu.Unlock()
		}
	}
	if useTLS {
		s.srv.StartTLS()
	} else {
		s.srv.Start()
	}
	t.Cleanup(s.srv.Close)
	return s
}

func (s *faultServer) host() string { return s.srv.Listener.Addr().String() }

func (s *faultServer) next() fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.script) > 0 {
		f := s.script[0]
		s.script = s.script[1:]
		return f
	}
	if s.pick != nil {
		return s.pick()
	}
	return fOK
}

func (s *faultServer) seen() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.attempts...)
}

func (s *faultServer) record(a seen) {
	s.mu.Lock()
	s.attempts = append(s.attempts, a)
	s.mu.Unlock()
}

func (s *faultServer) serve(w http.ResponseWriter, r *http.Request) {
	f := s.next()
	// The fake clock moves a second per Now, however many calls share it,
	// so the server's Date is the request's own timestamp: injected
	// SignatureExpire answers then teach the client no skew (skew_test.go
	// tests learning it against the stand-in).
	if ts, err := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64); err == nil {
		w.Header().Set("Date", time.Unix(ts, 0).UTC().Format(http.TimeFormat))
	} else {
		w.Header().Set("Date", s.clock.Peek().UTC().Format(http.TimeFormat))
	}
	a := seen{fault: f}
	if f == fDropBefore {
		// Only the headers have been read: record what they claim.
		describe(r, nil, &a)
		s.record(a)
		hijackClose(w)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.problem = "reading body: " + err.Error()
		s.record(a)
		return
	}
	code := s.verify(r, body, &a)
	s.record(a)
	if code != "" {
		msg, _ := json.Marshal(a.problem)
		writeEnvelope(w, 200, `{"Error":{"Code":"`+code+`","Message":`+string(msg)+`},"RequestId":"req-verify"}`)
		return
	}
	rid := "req-" + strconv.FormatInt(a.ts, 10)
	apiError := func(code string) {
		writeEnvelope(w, 200, `{"Error":{"Code":"`+code+`","Message":"injected `+code+`"},"RequestId":"`+rid+`"}`)
	}
	switch f {
	case fOK:
		writeEnvelope(w, 200, `{"Echo":"`+a.action+`","CallId":"`+a.callID+`","RequestId":"`+rid+`"}`)
	case fDropAfter:
		hijackClose(w)
	case f502HTML:
		writeHTML(w, 502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
	case f503HTML:
		writeHTML(w, 503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>")
	case f429:
		w.Header().Set("Retry-After", "1")
		writeHTML(w, 429, "<html><body>Too Many Requests</body></html>")
	case fRateLimit:
		apiError("RequestLimitExceeded")
	case fRateLimitSub:
		apiError("RequestLimitExceeded.UinLimitExceeded")
	case fInternal:
		apiError("InternalError")
	case fFaceIDRetry:
		apiError("FailedOperation.DetectEngineSystemError")
	case fSigExpire:
		apiError("AuthFailure.SignatureExpire")
	case fAuth:
		apiError("AuthFailure.SignatureFailure")
	case fParam:
		apiError("InvalidParameterValue.RuleIdNotExist")
	case fQuota:
		apiError("FailedOperation.RequestLimitExceeded")
	case fStall:
		s.stall(r)
		writeEnvelope(w, 200, `{"RequestId":"`+rid+`"}`)
	case fStallBody:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(200)
		io.WriteString(w, `{"Response":{"Req`)
		w.(http.Flusher).Flush()
		s.stall(r)
		panic(http.ErrAbortHandler)
	case fTruncated:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "200")
		w.WriteHeader(200)
		io.WriteString(w, `{"Response":{"Echo":"`+a.action+`","RequestId":"`)
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // closes the connection mid-body
	case fBadJSON:
		writeRaw(w, 200, "application/json", `{"Response":{"Echo":"`+a.action+`","Requ`)
	case fOversized:
		writeRaw(w, 200, "application/json", `{"Response":{"Pad":"`+strings.Repeat("x", s.oversize)+`","RequestId":"`+rid+`"}}`)
	case fOversizedChunked:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		io.WriteString(w, `{"Response":{"Pad":"`)
		chunk := strings.Repeat("x", 4096)
		for n := 0; n < s.oversize; n += len(chunk) {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
		io.WriteString(w, `","RequestId":"`+rid+`"}}`)
	case f501:
		writeHTML(w, 501, "<html><body>Not Implemented</body></html>")
	case fGzip, fDeflate:
		var buf bytes.Buffer
		var zw io.WriteCloser
		if f == fGzip {
			zw = gzip.NewWriter(&buf)
			w.Header().Set("Content-Encoding", "gzip")
		} else {
			zw = zlib.NewWriter(&buf)
			w.Header().Set("Content-Encoding", "deflate")
		}
		io.WriteString(zw, `{"Response":{"Echo":"`+a.action+`","CallId":"`+a.callID+`","RequestId":"`+rid+`"}}`)
		zw.Close()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.WriteHeader(200)
		w.Write(buf.Bytes())
	default:
		panic("unknown fault " + f.String())
	}
}

// stall waits until the client goes away (its attempt timeout) or stallMax.
func (s *faultServer) stall(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(s.stallMax):
	}
}

// describe records what the request claims: action, timestamp, nonce,
// signature and CallId, before any check.
func describe(r *http.Request, body []byte, a *seen) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		a.action = r.Header.Get("X-TC-Action")
		a.ts, _ = strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
		if p, err := tc3.ParseAuthorization(auth); err == nil {
			a.signature = p.Signature
		}
		if r.Method == http.MethodPost {
			a.callID = jsonField(body, "CallId")
		} else {
			a.callID = r.URL.Query().Get("CallId")
		}
		return
	}
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		raw = string(body)
	}
	q, _ := url.ParseQuery(raw)
	a.action, a.nonce, a.signature, a.callID = q.Get("Action"), q.Get("Nonce"), q.Get("Signature"), q.Get("CallId")
	a.ts, _ = strconv.ParseInt(q.Get("Timestamp"), 10, 64)
}

// verify checks an attempt as the gateway does, with tc3.Verify (TC3 and
// v1: key, token, scope, 5-minute window against the server's clock,
// signature), and returns the error code the gateway would answer, or "".
func (s *faultServer) verify(r *http.Request, body []byte, a *seen) string {
	describe(r, body, a)
	_, err := tc3.Verify(r, body, tc3.VerifyOptions{
		Credentials: func(id string) (tc3.Credentials, bool) {
			return s.creds, id == s.creds.SecretID
		},
		Service: "faceid",
		Now:     s.clock.Peek(),
	})
	if err != nil {
		var ve *tc3.VerifyError
		if errors.As(err, &ve) {
			a.problem = ve.Message
			return ve.Code
		}
		a.problem = err.Error()
		return "AuthFailure.SignatureFailure"
	}
	a.verified = true
	return ""
}

// jsonField pulls a top-level string field out of a small JSON body
// without a full decode (the tests' bodies are flat).
func jsonField(body []byte, name string) string {
	key := `"` + name + `":"`
	i := bytes.Index(body, []byte(key))
	if i < 0 {
		return ""
	}
	rest := body[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return string(rest[:j])
}

func writeEnvelope(w http.ResponseWriter, status int, inner string) {
	writeRaw(w, status, "application/json", `{"Response":`+inner+`}`)
}

func writeHTML(w http.ResponseWriter, status int, body string) {
	writeRaw(w, status, "text/html", body)
}

func writeRaw(w http.ResponseWriter, status int, ct, body string) {
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// hijackClose drops the connection with a TCP reset, without a response.
func hijackClose(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(fmt.Sprintf("hijack: %v", err))
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// TestFaultServerChecks: the fault server refuses what the gateway
// refuses, through tc3.Verify: a wrong key, a missing token, a stale clock.
func TestFaultServerChecks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		creds tc3.Credentials
		now   time.Time
		want  string
	}{
		{"wrong key", tc3.Credentials{SecretID: testCreds.SecretID, SecretKey: "wrongSECRETkey0123456789abcdefXYZ", Token: testCreds.Token}, time.Unix(t0, 0), "AuthFailure.SignatureFailure"},
		{"no token", tc3.Credentials{SecretID: testCreds.SecretID, SecretKey: testCreds.SecretKey}, time.Unix(t0, 0), "AuthFailure.TokenFailure"},
		{"unknown id", tc3.Credentials{SecretID: "AKIDunknown0000000000000000000000000", SecretKey: testCreds.SecretKey, Token: testCreds.Token}, time.Unix(t0, 0), "AuthFailure.SecretIdNotFound"},
	} {
		s := newFaultServer(t, newFakeClock())
		c := newTestClient(t, s, func(c *Config) {
			c.Credentials = credentials.Static(tc.creds)
			c.Now = func() time.Time { return tc.now }
		})
		_, err := c.Call(context.Background(), detectAuth)
		if got := ErrorCode(err); got != tc.want {
			t.Errorf("%s: code %q (%v), want %s", tc.name, got, err, tc.want)
		}
	}
}
