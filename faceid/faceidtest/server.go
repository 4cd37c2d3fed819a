package faceidtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Service and Version are what every request must name: the credential
// scope's service and X-TC-Version.
const (
	Service = "faceid"
	Version = "2018-03-01"
)

// DefaultCredentials is the key pair a Handler accepts when Options.Credentials
// is empty. It is a made-up, test-only pair: it grants nothing anywhere else.
var DefaultCredentials = tc3.Credentials{
	SecretID:  "AKIDFaceIDTestOnly000000000000EXAMPLE",
	SecretKey: "FaceIDTestOnlySecretKey0000EXAMPLE",
}

// Options configure a Handler.
type Options struct {
	// Credentials are the accepted key pairs; when empty, DefaultCredentials.
	// A pair with a Token is temporary: its requests must carry that token
	// (X-TC-Token, or the v1 Token parameter).
	Credentials []tc3.Credentials
	// Temporary, when set, also accepts the temporary credentials it knows
	// (credentialstest's STS and metadata stand-ins issue them), with their
	// token, until they expire; see temporary.go.
	Temporary TemporaryCredentials
	// Now is the server clock, for the 5-minute timestamp window, BizToken
	// lifetimes and Recorded.Time; nil means time.Now.
	Now func() time.Time
	// Logger, when set, gets one line per request: action, signature method,
	// SecretId, error code or Result, RequestId. Bodies, Authorization,
	// tokens and keys are never logged.
	Logger *slog.Logger
}

// Recorded is one request the Handler saw. Secrets are removed: the
// Authorization and X-TC-Token headers are dropped, and the v1 Token and
// Signature parameters are replaced by "[redacted]" in Query and Body.
type Recorded struct {
	Time            time.Time // server clock (Options.Now) on arrival
	Method          string
	Path            string
	Query           string      // raw query string, v1 secrets redacted
	Header          http.Header // without Authorization and X-TC-Token
	Body            []byte      // the body read (at most tc3.MaxTC3BodyBytes+1 bytes), v1 secrets redacted
	Action          string      // X-TC-Action, or the v1 Action parameter
	Version         string
	Region          string
	SignatureMethod string // TC3-HMAC-SHA256, HmacSHA1 or HmacSHA256, as the request claims
	SecretID        string // as the request claims; check ErrorCode to know if it was accepted
	Timestamp       int64  // X-TC-Timestamp or the v1 Timestamp parameter; 0 if absent or invalid
	RequestID       string // RequestId of the answer; "" for injected HTTP statuses and dropped connections
	// ErrorCode is the Error.Code answered, "" if the call was accepted;
	// "HTTP 502" (and so on) for a status injected with InjectHTTPStatus.
	ErrorCode string
	// Result is the business Result of ImageRecognition, LivenessCompare and
	// LivenessRecognition ("Success" or a FailedOperation.* code).
	Result string
	// HTTPStatus is the status written (200 for every API answer); 0 when
	// the connection was dropped or the client went away first.
	HTTPStatus int
	Dropped    bool // the connection was closed without an answer (DropConnections)
}

// Handler is an http.Handler that answers like the FaceID endpoint. It is
// safe for concurrent use.
type Handler struct {
	creds map[string]tc3.Credentials
	temp  TemporaryCredentials
	now   func() time.Time
	log   *slog.Logger

	mu       sync.Mutex
	gen      int // bumped by Reset so in-flight requests do not write into new records
	requests []Recorded
	errs     []errRule
	statuses []statusRule
	drops    int
	latency  time.Duration
	results  map[string]string
	flows    map[string]*flow
	tokens   *tokenStore // the SDK, eID, NFC and risk tokens (tokens.go)
}

type errRule struct {
	action, code string
	n            int
}

type statusRule struct {
	action string
	status int
	header http.Header
	body   string
	n      int
}

// NewHandler returns a Handler with no recorded requests and no faults.
func NewHandler(opts Options) *Handler {
	h := &Handler{creds: map[string]tc3.Credentials{}, temp: opts.Temporary, now: opts.Now, log: opts.Logger}
	creds := opts.Credentials
	if len(creds) == 0 {
		creds = []tc3.Credentials{DefaultCredentials}
	}
	for _, c := range creds {
		h.creds[c.SecretID] = c
	}
	if h.now == nil {
		h.now = time.Now
	}
	h.Reset()
	return h
}

// Requests returns the requests seen so far, in order of arrival.
func (h *Handler) Requests() []Recorded {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Recorded, len(h.requests))
	copy(out, h.requests)
	return out
}

// Reset forgets the recorded requests, the issued BizTokens, and every fault
// and forced result: the Handler is as new.
func (h *Handler) Reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	h.requests = nil
	h.errs = nil
	h.statuses = nil
	h.drops = 0
	h.latency = 0
	h.results = map[string]string{}
	h.flows = map[string]*flow{}
}

// InjectError makes the next n calls to action ("" = any action) answer the
// error envelope with code (HTTP 200), and the code's documented description
// as the message. Injected errors apply to requests whose signature,
// action and version check out, after the gateway's checks and before the
// action's own; rules are used in the order they were added. n <= 0 does
// nothing. It panics if action is not one the stand-in implements.
func (h *Handler) InjectError(action, code string, n int) {
	mustAction("InjectError", action, true)
	if n <= 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.errs = append(h.errs, errRule{action: action, code: code, n: n})
}

// InjectHTTPStatus makes the next n requests for action ("" = any) answer
// status with body, as a proxy or load balancer in front of the API would:
// before any check, whether or not the request is well signed. An empty body
// gets a small HTML error page. 429 and 503 answers carry "Retry-After: 1".
// The Content-Type follows the body: JSON for "{...", HTML for "<...", else
// text/plain. n <= 0 does nothing.
func (h *Handler) InjectHTTPStatus(action string, status int, body string, n int) {
	var hdr http.Header
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		hdr = http.Header{"Retry-After": {"1"}}
	}
	h.InjectHTTPResponse(action, status, hdr, body, n)
}

// InjectHTTPResponse is InjectHTTPStatus with explicit headers (for example
// a Retry-After of your choosing); header may be nil.
func (h *Handler) InjectHTTPResponse(action string, status int, header http.Header, body string, n int) {
	mustAction("InjectHTTPResponse", action, true)
	if status < 100 || status > 999 {
		panic(fmt.Sprintf("faceidtest: InjectHTTPResponse: invalid HTTP status %d", status))
	}
	if n <= 0 {
		return
	}
	if body == "" {
		text := http.StatusText(status)
		body = fmt.Sprintf("<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>faceidtest</center>\r\n</body>\r\n</html>\r\n", status, text, status, text)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.statuses = append(h.statuses, statusRule{action: action, status: status, header: header.Clone(), body: body, n: n})
}

// SetLatency makes every request wait d before it is answered (0 = no
// wait). A client that gives up first (its context ends, or it closes the
// connection) gets nothing, and the Recorded entry has HTTPStatus 0.
func (h *Handler) SetLatency(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.latency = d
}

// DropConnections makes the next n requests, whatever their action, end
// with the connection closed and no answer (the body is read first, as a
// server that died mid-call would). net/http's Transport itself retries a
// dropped GET (or a request with an Idempotency-Key) sent on a reused
// connection, which consumes a second drop.
func (h *Handler) DropConnections(n int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.drops = max(n, 0)
}

// SetResult forces the business result of an action that has one (a Result, a level, or
// the verdict of a DetectAuth flow): every later call of action answers result, HTTP 200 and
// no Error, the answer a client must not report as a pass. The value must be one the action's
// schema documents: "Success" or a FailedOperation.* code for ImageRecognition,
// LivenessCompare, LivenessRecognition and the like (with the code's Description and a Sim to
// match); a code of the action's table for the numeric-Result actions; a level for the level
// actions. For GetDetectInfo and GetDetectInfoEnhanced a FailedOperation.* code turns
// Text.ErrCode non-zero with ErrMsg set to its description. "" restores the default
// (a pass, except for the fixture inputs such as LowSimilarityIdCard). It panics on an action
// without a business result or a value its schema does not document.
func (h *Handler) SetResult(action, result string) {
	mustAction("SetResult", action, false)
	if result != "" {
		if err := documentedResult(action, result); err != "" {
			panic("faceidtest: SetResult: " + err)
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if result == "" {
		delete(h.results, action)
	} else {
		h.results[action] = result
	}
}

func mustAction(fn, action string, emptyOK bool) {
	if action == "" && emptyOK {
		return
	}
	if handlers[action] == nil {
		panic(fmt.Sprintf("faceidtest: %s: %q is not an action the stand-in implements (%s)", fn, action, strings.Join(implemented(), ", ")))
	}
}

// String describes the handler without its credentials: a stand-in started
// by tc3sign serve holds the user's real key pair.
func (h *Handler) String() string {
	ids := make([]string, 0, len(h.creds))
	for id := range h.creds {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return "faceidtest.Handler{SecretIds: [" + strings.Join(ids, " ") + "]}"
}

// GoString is String, so %#v redacts too.
func (h *Handler) GoString() string { return h.String() }

// Format makes every fmt verb print the redacted form.
func (h *Handler) Format(f fmt.State, _ rune) { io.WriteString(f, h.String()) }

// Server is a Handler listening on a loopback port, like httptest.Server.
type Server struct {
	*Handler
	// URL is the base URL, "http://127.0.0.1:port", with no trailing slash.
	URL string
	// Host is "127.0.0.1:port", the host to sign (tc3: Input.Host).
	Host string

	srv *httptest.Server
}

// NewServer starts a Handler on 127.0.0.1 with a free port, serving plain
// HTTP. Close it when done.
func NewServer(opts Options) *Server {
	h := NewHandler(opts)
	ts := httptest.NewServer(h)
	u, _ := url.Parse(ts.URL)
	return &Server{Handler: h, URL: ts.URL, Host: u.Host, srv: ts}
}

// Client returns an *http.Client for the server, closed with it.
func (s *Server) Client() *http.Client { return s.srv.Client() }

// Close shuts the server down and waits for the requests in flight.
func (s *Server) Close() { s.srv.Close() }

// drainLimit is how much of an over-size body is read and thrown away so the
// client can finish sending and read the answer; beyond it the connection is
// closed.
const drainLimit = 16 << 20

// answer is what ServeHTTP will write.
type answer struct {
	status int
	header http.Header
	body   []byte
	drop   bool
	code   string // Error.Code, "" for success
	result string
}

// ServeHTTP answers one request. GET /verify?BizToken=... is the page a
// DetectAuth Url points to; everything else is an API call.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	now := h.now()
	if r.URL.Path == "/verify" && r.Method == http.MethodGet && r.Header.Get("Authorization") == "" && r.URL.Query().Get("Action") == "" {
		h.serveVerifyPage(w, r)
		return
	}
	body, oversize := readBody(r)
	rec := preview(r, body, now)
	idx, gen := h.begin(rec)

	ans := h.decide(r, body, oversize, now, &rec)
	if oversize {
		// Let the client finish sending so it reads our answer rather than a
		// reset; past drainLimit, close the connection.
		if n, _ := io.CopyN(io.Discard, r.Body, drainLimit); n == drainLimit {
			w.Header().Set("Connection", "close")
		}
	}
	if d := h.getLatency(); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			h.finish(idx, gen, func(rr *Recorded) { *rr = rec; rr.ErrorCode, rr.Result = ans.code, ans.result })
			h.logRequest(r.Context(), &rec, ans, start, "client gone during latency")
			return
		}
	}
	rec.ErrorCode, rec.Result = ans.code, ans.result
	if ans.drop {
		rec.Dropped = true
		h.finish(idx, gen, func(rr *Recorded) { *rr = rec })
		h.logRequest(r.Context(), &rec, ans, start, "dropped")
		dropConnection(w)
		return
	}
	rec.HTTPStatus = ans.status
	h.finish(idx, gen, func(rr *Recorded) { *rr = rec })
	h.logRequest(r.Context(), &rec, ans, start, "")
	for k, v := range ans.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(ans.body)))
	w.WriteHeader(ans.status)
	w.Write(ans.body)
}

// decide runs the gateway's and the action's checks in order and returns
// the answer. It fills rec's RequestID.
func (h *Handler) decide(r *http.Request, body []byte, oversize bool, now time.Time, rec *Recorded) answer {
	if h.takeDrop() {
		return answer{drop: true}
	}
	if st, ok := h.takeStatus(rec.Action); ok {
		hdr := st.header.Clone()
		if hdr == nil {
			hdr = http.Header{}
		}
		if hdr.Get("Content-Type") == "" {
			hdr.Set("Content-Type", sniffType(st.body))
		}
		return answer{status: st.status, header: hdr, body: []byte(st.body), code: fmt.Sprintf("HTTP %d", st.status)}
	}
	rec.RequestID = newUUID(false)
	fail := func(e *apiError) answer { return errorAnswer(rec.RequestID, e) }

	if oversize {
		if r.Header.Get("Authorization") == "" && strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/x-www-form-urlencoded") {
			return fail(newError("AuthFailure.SignatureFailure", "The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`. (body over %d bytes, v1 limit %d)", tc3.MaxTC3BodyBytes, tc3.MaxV1BodyBytes))
		}
		size := ""
		if r.ContentLength > 0 {
			size = fmt.Sprintf(" (Content-Length %d)", r.ContentLength)
		}
		return fail(newError("RequestSizeLimitExceeded", "the body is over %d bytes%s, the limit of a TC3-HMAC-SHA256 POST: send large media through ImageUrl/VideoUrl", tc3.MaxTC3BodyBytes, size))
	}
	v, err := tc3.Verify(r, body, tc3.VerifyOptions{
		Credentials: h.credentialsFor,
		Service:     Service,
		Now:         now,
	})
	if err != nil {
		if ve, ok := err.(*tc3.VerifyError); ok {
			return fail(&apiError{Code: ve.Code, Message: ve.Message})
		}
		return fail(newError("AuthFailure.SignatureFailure", "%v", err))
	}
	rec.SignatureMethod, rec.SecretID = v.SignatureMethod, v.SecretID
	if e := h.checkExpiry(v.SecretID, now); e != nil {
		return fail(e)
	}
	rec.Action, rec.Version, rec.Region = v.Action, v.Version, v.Region
	if e := checkCommon(v); e != nil {
		return fail(e)
	}
	if code, ok := h.takeError(v.Action); ok {
		msg := description(code)
		if msg == "" {
			msg = "error injected by faceidtest"
		}
		return fail(&apiError{Code: code, Message: msg})
	}

	var raw map[string]any
	var flat bool
	var e *apiError
	switch {
	case v.Params != nil: // v1
		raw, e = unflatten(v.Params)
		flat = true
	case r.Method == http.MethodGet: // TC3 GET: flattened query
		q, qerr := url.ParseQuery(r.URL.RawQuery)
		if qerr != nil {
			return fail(newError("InvalidParameter", "the query is not valid URL encoding: %v", qerr))
		}
		m := make(map[string]string, len(q))
		for k, vs := range q {
			if len(vs) > 1 {
				return fail(newError("InvalidParameter", "parameter `%s` is given %d times", k, len(vs)))
			}
			m[k] = vs[0]
		}
		raw, e = unflatten(m)
		flat = true
	default:
		if mt := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0])); mt != "application/json" {
			return fail(newError("InvalidParameter", "Content-Type %s is not accepted by faceid: send the parameters as application/json", mt))
		}
		raw, e = parseJSONBody(body)
	}
	if e != nil {
		return fail(e)
	}
	p, e := validate(v.Action, schemas[v.Action], raw, "", flat)
	if e != nil {
		return fail(e)
	}
	call := &call{h: h, r: r, now: now, p: p, action: v.Action}
	fields, e := call.run()
	if e != nil {
		return fail(e)
	}
	if e := checkAnswer(v.Action, fields); e != nil {
		return fail(e)
	}
	fields["RequestId"] = rec.RequestID
	res, _ := fields["Result"].(string)
	return answer{status: http.StatusOK, header: jsonHeader(), body: marshal(map[string]any{"Response": fields}), result: res}
}

var regionRE = regexp.MustCompile(`^(ap|na|eu|sa|me|af)-[a-z]+(-fsi)?$`)

// checkCommon checks the common parameters: Action, Version, Region, Language.
func checkCommon(v *tc3.Verified) *apiError {
	tc3Style := v.Params == nil
	name := func(header, param string) string {
		if tc3Style {
			return "the " + header + " header"
		}
		return "the " + param + " parameter"
	}
	if v.Action == "" {
		return newError("MissingParameter", "%s is missing: name the action, e.g. DetectAuth", name("X-TC-Action", "Action"))
	}
	if _, ok := schemas[v.Action]; !ok {
		for a := range schemas {
			if strings.EqualFold(a, v.Action) {
				return newError("InvalidAction", "action %q does not exist: did you mean %q? Action names are case-sensitive", v.Action, a)
			}
		}
		return newError("InvalidAction", "action %q does not exist in faceid %s", v.Action, Version)
	}
	if v.Version == "" {
		return newError("MissingParameter", "%s is missing: send %s", name("X-TC-Version", "Version"), Version)
	}
	if v.Version != Version {
		return newError("NoSuchVersion", "version %q does not exist for faceid: use %s", v.Version, Version)
	}
	if v.Region != "" && !regionRE.MatchString(v.Region) {
		return newError("UnsupportedRegion", "region %q (%s) is not a Tencent Cloud region such as ap-guangzhou", v.Region, name("X-TC-Region", "Region"))
	}
	switch v.Language {
	case "", "zh-CN", "en-US":
	default:
		return newError("InvalidParameterValue", "language %q (%s) must be zh-CN or en-US", v.Language, name("X-TC-Language", "Language"))
	}
	return nil
}

// readBody reads at most tc3.MaxTC3BodyBytes+1 bytes; oversize reports a
// body over the TC3 limit (nothing is read when Content-Length says so).
func readBody(r *http.Request) (body []byte, oversize bool) {
	if r.Body == nil {
		return nil, false
	}
	if r.ContentLength > tc3.MaxTC3BodyBytes {
		return nil, true
	}
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength))
	}
	buf.ReadFrom(io.LimitReader(r.Body, tc3.MaxTC3BodyBytes+1))
	if buf.Len() > tc3.MaxTC3BodyBytes {
		return buf.Bytes(), true
	}
	return buf.Bytes(), false
}

// preview fills a Recorded from what the request claims, before any check.
func preview(r *http.Request, body []byte, now time.Time) Recorded {
	rec := Recorded{
		Time:   now,
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  redactForm(r.URL.RawQuery),
		Header: r.Header.Clone(),
		Body:   body,
	}
	rec.Header.Del("Authorization")
	rec.Header.Del("X-TC-Token")
	if auth := r.Header.Get("Authorization"); auth != "" {
		rec.SignatureMethod = tc3.Algorithm
		if a, err := tc3.ParseAuthorization(auth); err == nil {
			rec.SecretID = a.SecretID
		}
		rec.Action = r.Header.Get("X-TC-Action")
		rec.Version = r.Header.Get("X-TC-Version")
		rec.Region = r.Header.Get("X-TC-Region")
		rec.Timestamp, _ = strconv.ParseInt(r.Header.Get("X-TC-Timestamp"), 10, 64)
		return rec
	}
	raw := r.URL.RawQuery
	if r.Method == http.MethodPost {
		raw = string(body)
		rec.Body = []byte(redactForm(raw))
	}
	q, _ := url.ParseQuery(raw)
	rec.SignatureMethod = tc3.HmacSHA1
	if q.Get("SignatureMethod") == tc3.HmacSHA256 {
		rec.SignatureMethod = tc3.HmacSHA256
	}
	rec.SecretID = q.Get("SecretId")
	rec.Action = q.Get("Action")
	rec.Version = q.Get("Version")
	rec.Region = q.Get("Region")
	rec.Timestamp, _ = strconv.ParseInt(q.Get("Timestamp"), 10, 64)
	return rec
}

// redactForm replaces the values of the v1 Token and Signature parameters
// in a query or form body, keeping everything else byte for byte.
func redactForm(raw string) string {
	if !strings.Contains(raw, "Token") && !strings.Contains(raw, "Signature") {
		return raw
	}
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		k, _, _ := strings.Cut(p, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if k == "Token" || k == "Signature" {
			parts[i] = k + "=[redacted]"
		}
	}
	return strings.Join(parts, "&")
}

func (h *Handler) begin(rec Recorded) (idx, gen int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.requests = append(h.requests, rec)
	return len(h.requests) - 1, h.gen
}

func (h *Handler) finish(idx, gen int, f func(*Recorded)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if gen == h.gen && idx < len(h.requests) {
		f(&h.requests[idx])
	}
}

func (h *Handler) getLatency() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.latency
}

func (h *Handler) takeDrop() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.drops > 0 {
		h.drops--
		return true
	}
	return false
}

func (h *Handler) takeStatus(action string) (statusRule, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range h.statuses {
		st := &h.statuses[i]
		if st.action == "" || st.action == action {
			out := *st
			if st.n--; st.n == 0 {
				h.statuses = append(h.statuses[:i], h.statuses[i+1:]...)
			}
			return out, true
		}
	}
	return statusRule{}, false
}

func (h *Handler) takeError(action string) (string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range h.errs {
		e := &h.errs[i]
		if e.action == "" || e.action == action {
			code := e.code
			if e.n--; e.n == 0 {
				h.errs = append(h.errs[:i], h.errs[i+1:]...)
			}
			return code, true
		}
	}
	return "", false
}

func (h *Handler) logRequest(ctx context.Context, rec *Recorded, ans answer, start time.Time, note string) {
	if h.log == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("action", rec.Action),
		slog.String("method", rec.Method),
		slog.String("signature_method", rec.SignatureMethod),
		slog.String("secret_id", rec.SecretID),
		slog.String("request_id", rec.RequestID),
		slog.Int("status", rec.HTTPStatus),
		slog.Int("body_bytes", len(rec.Body)),
		slog.Duration("elapsed", time.Since(start)),
	}
	if ans.code != "" {
		attrs = append(attrs, slog.String("error_code", ans.code))
	}
	if ans.result != "" {
		attrs = append(attrs, slog.String("result", ans.result))
	}
	if note != "" {
		attrs = append(attrs, slog.String("note", note))
	}
	h.log.LogAttrs(ctx, slog.LevelInfo, "faceidtest request", attrs...)
}

func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func errorAnswer(requestID string, e *apiError) answer {
	resp := map[string]any{
		"Error":     map[string]any{"Code": e.Code, "Message": e.Message},
		"RequestId": requestID,
	}
	return answer{status: http.StatusOK, header: jsonHeader(), body: marshal(map[string]any{"Response": resp}), code: e.Code}
}

func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json"}}
}

// marshal encodes v as the API does: raw UTF-8, no HTML escaping.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("faceidtest: encoding a response: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func sniffType(body string) string {
	switch strings.TrimSpace(body)[:min(1, len(strings.TrimSpace(body)))] {
	case "{", "[":
		return "application/json"
	case "<":
		return "text/html; charset=utf-8"
	}
	return "text/plain; charset=utf-8"
}

// newUUID returns a random version-4 UUID, upper-case when upper is set
// (BizToken style) and lower-case otherwise (RequestId style).
func newUUID(upper bool) string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	s := fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
	if upper {
		return strings.ToUpper(s)
	}
	return s
}

func (h *Handler) serveVerifyPage(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("BizToken")
	h.mu.Lock()
	f := h.flows[token]
	h.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if f == nil {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, "<!doctype html><title>FaceID stand-in</title><p>BizToken %s was not issued by this server.</p>\n", html.EscapeString(token))
		return
	}
	fmt.Fprintf(w, "<!doctype html><title>FaceID stand-in</title><h1>FaceID stand-in</h1><p>Verification flow %s (RuleId %s) is complete: fetch the result with GetDetectInfo or GetDetectInfoEnhanced.</p>\n",
		html.EscapeString(token), html.EscapeString(f.ruleID))
	if f.redirectURL != "" {
		u := f.redirectURL
		if strings.Contains(u, "?") {
			u += "&BizToken=" + url.QueryEscape(token)
		} else {
			u += "?BizToken=" + url.QueryEscape(token)
		}
		fmt.Fprintf(w, "<p><a href=\"%s\">Continue to %s</a></p>\n", html.EscapeString(u), html.EscapeString(f.redirectURL))
	}
}
