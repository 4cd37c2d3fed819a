package transport

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"crypto/hmac"
	"fmt"
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

// This file is a small fault-injecting stand-in for the API gateway, local
// to the transport tests: it verifies every attempt's signature the way
// the gateway does, by recomputing it with tc3 from the request it
// received, and answers with the fault the test scripted.

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
	// The gateway's Date is its own clock, which the client may learn.
	w.Header().Set("Date", s.clock.Peek().UTC().Format(http.TimeFormat))
	a := seen{fault: f}
	if f == fDropBefore {
		// Only the headers have been read; check what they can show.
		s.checkHeaders(r, &a)
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
		writeEnvelope(w, 200, `{"Error":{"Code":"`+code+`","Message":"`+a.problem+`"},"RequestId":"req-verify"}`)
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

// checkHeaders checks what can be checked without the body: the
// Authorization header's form, key, scope date and timestamp window.
func (s *faultServer) checkHeaders(r *http.Request, a *seen) string {
	a.action = r.Header.Get("X-TC-Action")
	auth, err := tc3.ParseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		a.problem = err.Error()
		return "AuthFailure.InvalidAuthorization"
	}
	a.signature = auth.Signature
	ts, err := strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
	if err != nil {
		a.problem = "bad X-TC-Timestamp"
		return "InvalidParameter"
	}
	a.ts = ts
	if auth.SecretID != s.creds.SecretID {
		a.problem = "unknown SecretId"
		return "AuthFailure.SecretIdNotFound"
	}
	if want := time.Unix(ts, 0).UTC().Format(time.DateOnly); auth.Date != want {
		a.problem = "scope date " + auth.Date + " is not the UTC date of X-TC-Timestamp " + want
		return "AuthFailure.SignatureFailure"
	}
	if auth.Service != "faceid" || strings.Join(auth.SignedHeaders, ";") != "content-type;host" {
		a.problem = "unexpected service or signed headers"
		return "AuthFailure.SignatureFailure"
	}
	if got := r.Header.Get("X-TC-Token"); got != s.creds.Token {
		a.problem = "token mismatch"
		return "AuthFailure.TokenFailure"
	}
	if d := s.clock.Peek().Sub(time.Unix(ts, 0)); d > tc3.MaxSkew || d < -tc3.MaxSkew {
		a.problem = "timestamp outside the 5-minute window"
		return "AuthFailure.SignatureExpire"
	}
	return ""
}

// verify checks an attempt's signature by recomputing it, TC3 or v1, and
// returns the error code the gateway would answer, or "".
func (s *faultServer) verify(r *http.Request, body []byte, a *seen) string {
	if r.Header.Get("Authorization") == "" {
		return s.verifyV1(r, body, a)
	}
	if code := s.checkHeaders(r, a); code != "" {
		return code
	}
	if ct := r.Header.Get("Content-Type"); r.Method == http.MethodPost && ct != "application/json" ||
		r.Method == http.MethodGet && ct != "application/x-www-form-urlencoded" {
		a.problem = "unexpected Content-Type " + ct
		return "InvalidParameter"
	}
	res, err := tc3.Sign(&tc3.Input{
		Credentials: s.creds,
		Service:     "faceid",
		Method:      r.Method,
		Host:        r.Host,
		Query:       r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"),
		Payload:     body,
		Timestamp:   a.ts,
	})
	if err != nil {
		a.problem = err.Error()
		return "AuthFailure.SignatureFailure"
	}
	if !hmac.Equal([]byte(res.Signature), []byte(a.signature)) {
		a.problem = "signature mismatch"
		return "AuthFailure.SignatureFailure"
	}
	a.verified = true
	if r.Method == http.MethodPost {
		a.callID = jsonField(body, "CallId")
	} else {
		a.callID = r.URL.Query().Get("CallId")
	}
	return ""
}

func (s *faultServer) verifyV1(r *http.Request, body []byte, a *seen) string {
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
			a.problem = "v1 POST with Content-Type " + ct
			return "InvalidParameter"
		}
		raw = string(body)
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		a.problem = "bad form: " + err.Error()
		return "InvalidParameter"
	}
	params := map[string]string{}
	for k, v := range q {
		if len(v) != 1 {
			a.problem = "parameter " + k + " repeated"
			return "InvalidParameter"
		}
		params[k] = v[0]
	}
	a.action, a.nonce, a.signature, a.callID = params["Action"], params["Nonce"], params["Signature"], params["CallId"]
	a.ts, _ = strconv.ParseInt(params["Timestamp"], 10, 64)
	if params["SecretId"] != s.creds.SecretID {
		a.problem = "unknown SecretId"
		return "AuthFailure.SecretIdNotFound"
	}
	if params["Token"] != s.creds.Token {
		a.problem = "token mismatch"
		return "AuthFailure.TokenFailure"
	}
	if d := s.clock.Peek().Sub(time.Unix(a.ts, 0)); d > tc3.MaxSkew || d < -tc3.MaxSkew {
		a.problem = "timestamp outside the 5-minute window"
		return "AuthFailure.SignatureExpire"
	}
	method := tc3.V1SignatureMethod(params)
	for _, k := range []string{"SecretId", "Token", "Signature"} {
		delete(params, k)
	}
	res, err := tc3.SignV1(&tc3.V1Input{Credentials: s.creds, SignatureMethod: method, Method: r.Method, Host: r.Host, Path: r.URL.Path, Params: params})
	if err != nil {
		a.problem = err.Error()
		return "AuthFailure.SignatureFailure"
	}
	if !hmac.Equal([]byte(res.Signature), []byte(a.signature)) {
		a.problem = "v1 signature mismatch"
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
