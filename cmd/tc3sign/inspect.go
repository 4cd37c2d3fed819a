package main

import (
	"bytes"
	"embed"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// The request inspector: tc3sign serve records every API request it
// answers and serves a page under inspectPrefix that lists them, newest
// first, updated live, each with the findings of "tc3sign verify" (the same
// checkRequest: tc3.Check plus the mistake search), our canonical request
// and string to sign, and a paste box to diff the client's own against
// them. Two forms check a pasted raw request and sign one the way
// "tc3sign sign" does. Nothing leaves the machine: the page, its script and
// its style are embedded, and every form is answered by serve itself.
//
// Safety: the page never shows the SecretKey, masks the token, shows derived
// keys only under --show-derived-keys, answers only to a Host that names the
// listening address (a page reached under another name is a DNS-rebinding
// attack), refuses form posts from a foreign Origin, and holds at most
// --inspect-keep requests, with bodies truncated and long (media) fields
// shown as sizes.

// inspectPrefix is where the page lives. API calls go to / (TC3) or to a v1
// path such as /v2/index.php: no API call starts with /_inspect.
const inspectPrefix = "/_inspect/"

//go:embed inspect
var inspectAssets embed.FS

// View limits: what one request may occupy in the inspector.
const (
	// inspectBodyView is the most of a request or response body the page
	// shows (after long fields are replaced by their sizes).
	inspectBodyView = 8 << 10
	// inspectLongField is the length from which a JSON string or form value
	// is shown as its size: images and videos travel as Base64 fields.
	inspectLongField = 256
	// inspectAnswerBytes is the most of an answer the inspector keeps.
	inspectAnswerBytes = 64 << 10
	// inspectKeptBytes bounds the raw requests the inspector holds for
	// re-checks against pasted intermediates; past it the oldest ones are
	// dropped (their views stay, without the paste box).
	inspectKeptBytes = 32 << 20
	// inspectMaxKeep is the largest --inspect-keep.
	inspectMaxKeep = 10000
)

// inspectFlags are serve's flags for the page.
type inspectFlags struct {
	keep     int
	showKeys bool
}

func (f *inspectFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&f.keep, "inspect-keep", 100, "`N` requests the inspector page (/_inspect/) keeps in memory; older ones are forgotten")
	fs.BoolVar(&f.showKeys, "show-derived-keys", false, "let the inspector's signing form show SecretDate, SecretService and SecretSigning; hidden by default: each one signs any request of its day")
}

func (f *inspectFlags) validate() error {
	if f.keep < 1 || f.keep > inspectMaxKeep {
		return fmt.Errorf("--inspect-keep %d: give a number of requests from 1 to %d", f.keep, inspectMaxKeep)
	}
	return nil
}

// inspector is the http.Handler in front of the API: requests under
// inspectPrefix get the page, every other request is answered by api and
// recorded.
type inspector struct {
	api      http.Handler
	cred     tc3.Credentials
	now      func() time.Time
	addr     *net.TCPAddr
	keep     int
	showKeys bool
	mux      *http.ServeMux

	mu        sync.Mutex
	seq       int
	entries   []*inspectEntry // oldest first, at most keep
	kept      int             // body bytes of the raw requests still held
	forgotten int             // entries dropped for keep
}

// inspectEntry is one recorded request: its rendered view, and the request
// itself for re-checks while the memory budget allows.
type inspectEntry struct {
	view    *inspectView
	req     *rawRequest // nil once dropped for inspectKeptBytes
	arrived time.Time
}

// newInspector wraps api; addr is the address serve listens on.
func newInspector(api http.Handler, cred tc3.Credentials, now func() time.Time, addr net.Addr, f inspectFlags) *inspector {
	in := &inspector{api: api, cred: cred, now: now, keep: f.keep, showKeys: f.showKeys, mux: http.NewServeMux()}
	in.addr, _ = addr.(*net.TCPAddr)
	static, err := fs.Sub(inspectAssets, "inspect")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	files := http.StripPrefix(inspectPrefix+"static/", http.FileServerFS(static))
	in.mux.HandleFunc("GET /_inspect/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, static, "index.html")
	})
	in.mux.Handle("GET /_inspect/static/", files)
	in.mux.HandleFunc("GET /_inspect/api/requests", in.feed)
	in.mux.HandleFunc("GET /_inspect/api/requests/{id}", in.detail)
	in.mux.HandleFunc("POST /_inspect/api/requests/{id}/compare", in.compare)
	in.mux.HandleFunc("POST /_inspect/api/check", in.checkRaw)
	in.mux.HandleFunc("POST /_inspect/api/sign", in.sign)
	return in
}

func (in *inspector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/_inspect" || strings.HasPrefix(r.URL.Path, inspectPrefix):
		in.page(w, r)
	case r.Method == http.MethodGet && r.URL.Path == "/" && r.URL.RawQuery == "" && r.Header.Get("Authorization") == "" &&
		strings.Contains(r.Header.Get("Accept"), "text/html") && in.hostAllowed(r.Host):
		// A person opening http://ADDR/ in a browser: no API call looks like this.
		http.Redirect(w, r, inspectPrefix, http.StatusSeeOther)
	default:
		in.record(w, r)
	}
}

// page serves the inspector, after the Host and Origin checks.
func (in *inspector) page(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	if !in.hostAllowed(r.Host) {
		http.Error(w, fmt.Sprintf("tc3sign serve: the inspector answers only under the address it listens on (%s), not under Host %q: "+
			"a page reached under another name may be a DNS-rebinding attack; open http://%s%s", in.listenAddr(), truncateRunes(r.Host, 80), in.listenAddr(), inspectPrefix), http.StatusForbidden)
		return
	}
	if r.Method == http.MethodPost {
		if err := in.originAllowed(r); err != nil {
			writeInspectError(w, http.StatusForbidden, err.Error())
			return
		}
		if mediaType(r.Header.Get("Content-Type")) != "application/json" {
			writeInspectError(w, http.StatusUnsupportedMediaType, "the inspector's forms post application/json")
			return
		}
	}
	if r.URL.Path == "/_inspect" {
		http.Redirect(w, r, inspectPrefix, http.StatusMovedPermanently)
		return
	}
	in.mux.ServeHTTP(w, r)
}

func (in *inspector) listenAddr() string {
	if in.addr == nil {
		return "?"
	}
	return in.addr.String()
}

// hostAllowed reports whether host names the listening address: the same
// port, and either the listening IP, "localhost" when that IP is loopback,
// or any IP literal when serve listens on all addresses. A domain name is
// never allowed: that is how a DNS-rebinding page reaches a local server.
func (in *inspector) hostAllowed(host string) bool {
	if in.addr == nil {
		return false
	}
	h, port, err := net.SplitHostPort(host)
	if err != nil || port != strconv.Itoa(in.addr.Port) {
		return false
	}
	if strings.EqualFold(h, "localhost") {
		return in.addr.IP.IsLoopback() || in.addr.IP.IsUnspecified()
	}
	ip := net.ParseIP(h)
	if ip == nil {
		return false
	}
	return in.addr.IP.IsUnspecified() || ip.Equal(in.addr.IP)
}

// originAllowed refuses a form post sent by a page of another origin. A
// browser always sends Origin with a POST; tools such as curl send none,
// and are no cross-site threat.
func (in *inspector) originAllowed(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return fmt.Errorf("tc3sign serve: form post refused: sent from another site (Sec-Fetch-Site %s); use the page at http://%s%s", site, in.listenAddr(), inspectPrefix)
	}
	origin, ok := r.Header["Origin"]
	if !ok {
		return nil
	}
	u, err := url.Parse(strings.Join(origin, ""))
	if err != nil || u.Scheme != "http" || u.Path != "" || !in.hostAllowed(u.Host) {
		return fmt.Errorf("tc3sign serve: form post refused: Origin %q is not this page (http://%s); use the page at http://%s%s", truncateRunes(strings.Join(origin, ""), 80), in.listenAddr(), in.listenAddr(), inspectPrefix)
	}
	return nil
}

// answerRecorder passes an answer through and keeps its status and first
// inspectAnswerBytes.
type answerRecorder struct {
	http.ResponseWriter
	status    int
	body      bytes.Buffer
	truncated bool
}

func (a *answerRecorder) WriteHeader(code int) {
	if a.status == 0 {
		a.status = code
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *answerRecorder) Write(p []byte) (int, error) {
	if a.status == 0 {
		a.status = http.StatusOK
	}
	if room := inspectAnswerBytes - a.body.Len(); room > 0 {
		a.body.Write(p[:min(room, len(p))])
	}
	a.truncated = a.truncated || a.body.Len()+len(p) > inspectAnswerBytes
	return a.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection.
func (a *answerRecorder) Unwrap() http.ResponseWriter { return a.ResponseWriter }

// record answers an API request with api and keeps its view.
func (in *inspector) record(w http.ResponseWriter, r *http.Request) {
	arrived := in.now()
	// The body is read once here and handed on; api applies its own limit
	// to what follows, so reading one byte over the largest legal body is
	// enough to see what it sees. A body declared over the limit is not
	// read at all, as api does not read it.
	var body []byte
	if r.ContentLength <= tc3.MaxTC3BodyBytes {
		body, _ = io.ReadAll(io.LimitReader(r.Body, tc3.MaxTC3BodyBytes+1))
		r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
	}
	rec := &answerRecorder{ResponseWriter: w}
	in.api.ServeHTTP(rec, r)
	// The view is made before the handler returns (net/http sends the end
	// of the answer then), so a client that has its answer finds its
	// request listed. It takes milliseconds: verify's checks and search.
	req := requestFromHTTP(r, body)
	view := in.view(req, arrived, nil, nil)
	view.Status = rec.status
	view.Response = summarizeBody(rec.body.Bytes(), "application/json", "")
	if rec.truncated {
		view.Response += fmt.Sprintf("\n… (answer truncated at %d bytes)", inspectAnswerBytes)
	}
	var code string
	view.Answer, code = answerOf(rec.status, rec.body.Bytes())
	if view.Error != "" && code != "" {
		view.Verdict = code // not checkable here (a malformed Authorization): what serve answered
	}
	in.add(&inspectEntry{view: view, req: req, arrived: arrived})
}

// requestFromHTTP is the request as the inspector checks it. net/http has
// already joined, trimmed and canonicalised the headers, so the mistakes of
// header-name case and untrimmed values cannot be told from this capture
// ("tc3sign verify" on a raw capture can).
func requestFromHTTP(r *http.Request, body []byte) *rawRequest {
	req := &rawRequest{
		Method:     r.Method,
		Target:     r.RequestURI,
		Proto:      r.Proto,
		Path:       r.URL.EscapedPath(),
		RawQuery:   r.URL.RawQuery,
		Host:       r.Host,
		Body:       body,
		LineEnding: "CRLF",
	}
	if req.Path == "" {
		req.Path = "/"
	}
	req.Headers = append(req.Headers, rawHeader{Name: "Host", Value: r.Host, Raw: " " + r.Host})
	names := make([]string, 0, len(r.Header))
	for n := range r.Header {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		for _, v := range r.Header[n] {
			req.Headers = append(req.Headers, rawHeader{Name: n, Value: v, Raw: " " + v})
		}
	}
	return req
}

// add keeps an entry, forgetting the oldest past keep and dropping the
// oldest raw requests past inspectKeptBytes.
func (in *inspector) add(e *inspectEntry) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.seq++
	e.view.ID = in.seq
	in.entries = append(in.entries, e)
	if len(e.req.Body) > inspectKeptBytes { // alone over the budget
		e.req = nil
		e.view.Comparable = false
	} else {
		in.kept += len(e.req.Body)
	}
	for len(in.entries) > in.keep {
		if old := in.entries[0]; old.req != nil {
			in.kept -= len(old.req.Body)
		}
		in.entries[0] = nil
		in.entries = in.entries[1:]
		in.forgotten++
	}
	for _, old := range in.entries {
		if in.kept <= inspectKeptBytes {
			break
		}
		if old.req != nil && old != e {
			in.kept -= len(old.req.Body)
			old.req = nil
			old.view.Comparable = false
		}
	}
}

func (in *inspector) entry(idText string) *inspectEntry {
	id, err := strconv.Atoi(idText)
	if err != nil {
		return nil
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	for _, e := range in.entries {
		if e.view.ID == id {
			return e
		}
	}
	return nil
}

// inspectSummary is one row of the list.
type inspectSummary struct {
	ID              int    `json:"id"`
	Time            string `json:"time"` // RFC 3339, UTC, milliseconds
	Method          string `json:"method"`
	Host            string `json:"host"`
	Action          string `json:"action"`
	SignatureMethod string `json:"signature_method"`
	// Verdict is "accepted" or the gateway's error code.
	Verdict string `json:"verdict"`
	// Answer is the business answer: the Error.Code answered, the Result of
	// the liveness actions, or "OK" and the fields of the answer.
	Answer string `json:"answer,omitempty"`
	// Mistake names the mistake (or pair, joined with +) that reproduces
	// the client's signature.
	Mistake string `json:"mistake,omitempty"`
}

// inspectFinding is one check: the findings of verify, with the reason and
// the fix apart when tc3.Check gave them.
type inspectFinding struct {
	Status string `json:"status"` // ok, fail, info, warn
	Check  string `json:"check"`
	Code   string `json:"code,omitempty"`
	Reason string `json:"reason"`
	Fix    string `json:"fix,omitempty"`
}

// inspectView is the page's view of one request: the list row, the
// request and answer as shown (secrets masked, long fields as sizes), and
// the verify report.
type inspectView struct {
	inspectSummary
	Error      string           `json:"error,omitempty"` // why the request could not be checked at all
	Message    string           `json:"message,omitempty"`
	Target     string           `json:"target"`
	Headers    [][2]string      `json:"headers"`
	Body       string           `json:"body"`
	BodyBytes  int              `json:"body_bytes"`
	Status     int              `json:"status,omitempty"`
	Response   string           `json:"response,omitempty"`
	Findings   []inspectFinding `json:"findings"`
	Report     *report          `json:"report,omitempty"`
	Comparable bool             `json:"comparable"`
}

// view checks a request with checkRequest, as verify does, and renders it.
func (in *inspector) view(req *rawRequest, now time.Time, theirCR, theirSTS *string) *inspectView {
	v := &inspectView{
		inspectSummary: inspectSummary{
			Time:   now.UTC().Format("2006-01-02T15:04:05.000Z07:00"),
			Method: req.Method,
			Host:   req.Host,
			Action: actionOf(req),
		},
		BodyBytes:  len(req.Body),
		Findings:   []inspectFinding{},
		Comparable: true,
	}
	rep, err := checkRequest(req, in.cred, &verifyOptions{nowTime: now, theirCRv: theirCR, theirSTSv: theirSTS})
	if err != nil {
		v.Error = err.Error()
		v.Verdict = "unchecked"
		v.Comparable = false
	} else {
		in.maskReport(rep)
		v.Report = rep
		v.SignatureMethod = rep.SignatureMethod
		v.Verdict = "accepted"
		if rep.Verdict != "accepted" {
			v.Verdict, v.Message = rep.Code, headline(rep.Message)
		}
		v.Findings = joinFindings(rep)
		if len(rep.Diagnosis) > 0 {
			var ids []string
			for _, mk := range rep.Diagnosis[0].Mistakes {
				ids = append(ids, mk.ID)
			}
			v.Mistake = strings.Join(ids, "+")
		}
	}
	matches := rep != nil && rep.SignatureMatches != nil && *rep.SignatureMatches
	v.Headers = in.showHeaders(req, rep, matches)
	ct, _ := req.Get("Content-Type")
	v.Body = summarizeBody(maskParams(req.Body, ct, matches), ct, in.cred.Token)
	v.Target = req.Path // origin-form, also for a proxied (absolute-form) request
	if req.RawQuery != "" {
		v.Target += "?" + maskQuery(req.RawQuery, matches)
	}
	return v
}

// headline is the gateway's message as the page's verdict line shows it:
// a signature mismatch quotes our canonical request and string to sign,
// which the page shows below as blocks.
func headline(msg string) string {
	if before, _, ok := strings.Cut(msg, ". The server's "); ok && strings.HasSuffix(before, "signature does not match") {
		return before + ": compare your intermediates with ours, shown below"
	}
	return msg
}

// maskReport masks the token in what the report quotes of the request.
func (in *inspector) maskReport(rep *report) {
	t := in.cred.Token
	if t == "" {
		return
	}
	m := tc3.Mask(t)
	mask := func(s string) string {
		s = strings.ReplaceAll(s, t, m)
		s = strings.ReplaceAll(s, tc3.Escape(t), m)
		return strings.ReplaceAll(s, strings.ToLower(strings.TrimSpace(t)), m)
	}
	rep.CanonicalRequest, rep.StringToSign = mask(rep.CanonicalRequest), mask(rep.StringToSign)
	rep.Message, rep.FirstDifference = mask(rep.Message), mask(rep.FirstDifference)
	for i := range rep.Findings {
		rep.Findings[i].Message = mask(rep.Findings[i].Message)
	}
	for i := range rep.Comparisons {
		c := &rep.Comparisons[i]
		c.Diff, c.FirstDifference = mask(c.Diff), mask(c.FirstDifference)
	}
	for i := range rep.checks {
		rep.checks[i].Reason, rep.checks[i].Fix = mask(rep.checks[i].Reason), mask(rep.checks[i].Fix)
	}
}

// joinFindings is the report's findings with the reason and the fix of
// tc3.Check apart where the finding is tc3's.
func joinFindings(rep *report) []inspectFinding {
	out := make([]inspectFinding, 0, len(rep.Findings))
	used := make([]bool, len(rep.checks))
	for _, f := range rep.Findings {
		inf := inspectFinding{Status: f.Status, Check: f.Check, Code: f.Code, Reason: f.Message}
		for i, c := range rep.checks {
			if used[i] || c.Check != f.Check || c.Pass != (f.Status == "ok") {
				continue
			}
			used[i] = true
			if c.Fix != "" {
				inf.Fix = c.Fix
				if r, ok := strings.CutSuffix(f.Message, ": "+c.Fix); ok {
					inf.Reason = r
				} else if i := strings.Index(f.Message, ": "+c.Fix); i >= 0 {
					inf.Reason = f.Message[:i] + f.Message[i+len(": "+c.Fix):]
				}
			}
			break
		}
		out = append(out, inf)
	}
	return out
}

// showHeaders is the header list as the page shows it: the token masked,
// and of the Authorization signature what the report shows (a prefix when
// it is valid).
func (in *inspector) showHeaders(req *rawRequest, rep *report, matches bool) [][2]string {
	out := [][2]string{}
	for _, h := range req.Headers {
		v := h.Value
		switch strings.ToLower(h.Name) {
		case "x-tc-token":
			v = tc3.Mask(v)
		case "authorization":
			if i := strings.LastIndex(v, "Signature="); i >= 0 {
				sig := v[i+len("Signature="):]
				if matches || rep == nil {
					sig = sigPrefix(sig)
				}
				v = v[:i+len("Signature=")] + sig
			}
		}
		out = append(out, [2]string{h.Name, truncateRunes(v, 400)})
	}
	return out
}

// maskParams masks the v1 Token parameter, and a valid v1 Signature to its
// prefix, in a form body; other bodies are returned as they are.
func maskParams(body []byte, contentType string, matches bool) []byte {
	if mediaType(contentType) != "application/x-www-form-urlencoded" {
		return body
	}
	return []byte(maskQuery(string(body), matches))
}

// maskQuery masks the v1 secrets in a query string or form body.
func maskQuery(raw string, matches bool) string {
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		switch k {
		case "Token":
			dv, err := url.QueryUnescape(v)
			if err != nil {
				dv = v
			}
			parts[i] = k + "=" + url.QueryEscape(tc3.Mask(dv))
		case "Signature":
			if matches {
				parts[i] = k + "=" + sigPrefix(v)
			}
		}
	}
	return strings.Join(parts, "&")
}

// actionOf is X-TC-Action, or the v1 Action parameter.
func actionOf(req *rawRequest) string {
	if a, ok := req.Get("X-TC-Action"); ok {
		return a
	}
	raw := req.RawQuery
	if req.Method == http.MethodPost {
		raw = string(req.Body)
	}
	q, _ := url.ParseQuery(raw)
	return q.Get("Action")
}

// answerOf is the business answer of an API response, and its Error.Code
// when it is an error.
func answerOf(status int, body []byte) (answer, code string) {
	var doc struct {
		Response map[string]json.RawMessage
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Response == nil {
		return fmt.Sprintf("HTTP %d", status), ""
	}
	if raw, ok := doc.Response["Error"]; ok {
		var e struct{ Code string }
		json.Unmarshal(raw, &e)
		return e.Code, e.Code
	}
	if raw, ok := doc.Response["Result"]; ok {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return "Result " + s, ""
		}
	}
	var keys []string
	for k := range doc.Response {
		if k != "RequestId" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return truncateRunes("OK: "+strings.Join(keys, ", "), 80), ""
}

// summarizeBody is a body as the page shows it: JSON indented with every
// long string (an image, a video) replaced by its size, a form body with
// long values replaced likewise, anything else as text; then cut at
// inspectBodyView. token is masked wherever it appears.
func summarizeBody(body []byte, contentType, token string) string {
	if len(body) == 0 {
		return ""
	}
	var out string
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	switch {
	case dec.Decode(&v) == nil && !dec.More():
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(shortenJSON(v))
		out = strings.TrimSuffix(b.String(), "\n")
	case mediaType(contentType) == "application/x-www-form-urlencoded":
		parts := strings.Split(string(body), "&")
		for i, p := range parts {
			if k, val, ok := strings.Cut(p, "="); ok && len(val) >= inspectLongField {
				parts[i] = k + "=" + sizeOf(val)
			}
		}
		out = strings.Join(parts, "&")
	default:
		out = strings.ToValidUTF8(string(body), "\uFFFD")
	}
	if token != "" {
		out = strings.ReplaceAll(out, token, tc3.Mask(token))
	}
	if len(out) > inspectBodyView {
		cut := inspectBodyView
		for cut > 0 && !isRuneStart(out[cut]) {
			cut--
		}
		out = out[:cut] + fmt.Sprintf("\n… (%d more bytes not shown)", len(out)-cut)
	}
	return out
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// shortenJSON replaces every long string of a decoded JSON value by its size.
func shortenJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = shortenJSON(e)
		}
	case []any:
		for i, e := range t {
			t[i] = shortenJSON(e)
		}
	case string:
		if len(t) >= inspectLongField {
			return sizeOf(t)
		}
	}
	return v
}

// sizeOf describes a long value by its size, and by its decoded size when
// it is Base64 (how FaceID carries images and videos).
func sizeOf(s string) string {
	if raw, err := base64.StdEncoding.DecodeString(s); err == nil {
		return fmt.Sprintf("[%d characters: Base64 of %d bytes]", len(s), len(raw))
	}
	if u, err := url.QueryUnescape(s); err == nil {
		if raw, err := base64.StdEncoding.DecodeString(u); err == nil {
			return fmt.Sprintf("[%d characters: URL-encoded Base64 of %d bytes]", len(s), len(raw))
		}
	}
	return fmt.Sprintf("[%d characters]", len(s))
}

// feed is the list: GET api/requests?after=ID returns the summaries of the
// requests after ID, newest first.
func (in *inspector) feed(w http.ResponseWriter, r *http.Request) {
	after := 0
	if a := r.URL.Query().Get("after"); a != "" {
		n, err := strconv.Atoi(a)
		if err != nil || n < 0 {
			writeInspectError(w, http.StatusBadRequest, fmt.Sprintf("after=%q: give the id of the newest request already shown (0 for all)", truncateRunes(a, 20)))
			return
		}
		after = n
	}
	in.mu.Lock()
	doc := struct {
		Last      int              `json:"last"`
		Keep      int              `json:"keep"`
		Forgotten int              `json:"forgotten"`
		Listen    string           `json:"listen"`
		Requests  []inspectSummary `json:"requests"`
	}{Last: in.seq, Keep: in.keep, Forgotten: in.forgotten, Listen: in.listenAddr(), Requests: []inspectSummary{}}
	for i := len(in.entries) - 1; i >= 0; i-- {
		if e := in.entries[i]; e.view.ID > after {
			doc.Requests = append(doc.Requests, e.view.inspectSummary)
		}
	}
	in.mu.Unlock()
	writeInspectJSON(w, http.StatusOK, doc)
}

func (in *inspector) detail(w http.ResponseWriter, r *http.Request) {
	e := in.entry(r.PathValue("id"))
	if e == nil {
		writeInspectError(w, http.StatusNotFound, fmt.Sprintf("no request %s: it was never recorded or has been forgotten (serve keeps the last %d, --inspect-keep)", truncateRunes(r.PathValue("id"), 20), in.keep))
		return
	}
	in.mu.Lock()
	v := *e.view
	in.mu.Unlock()
	writeInspectJSON(w, http.StatusOK, &v)
}

// pasted are the client's own intermediates, pasted on the page.
type pasted struct {
	CanonicalRequest string `json:"canonical_request"`
	StringToSign     string `json:"string_to_sign"`
}

func (p *pasted) options() (cr, sts *string) {
	if p.CanonicalRequest != "" {
		cr = &p.CanonicalRequest
	}
	if p.StringToSign != "" {
		sts = &p.StringToSign
	}
	return cr, sts
}

// compare checks a recorded request again against the client's pasted
// canonical request and string to sign.
func (in *inspector) compare(w http.ResponseWriter, r *http.Request) {
	e := in.entry(r.PathValue("id"))
	if e == nil {
		writeInspectError(w, http.StatusNotFound, fmt.Sprintf("no request %s: it has been forgotten (serve keeps the last %d, --inspect-keep)", truncateRunes(r.PathValue("id"), 20), in.keep))
		return
	}
	var p pasted
	if !readInspectJSON(w, r, 2*maxTheirFile, &p) {
		return
	}
	if p.CanonicalRequest == "" && p.StringToSign == "" {
		writeInspectError(w, http.StatusBadRequest, "paste your canonical request, your string to sign, or both")
		return
	}
	in.mu.Lock()
	req := e.req
	in.mu.Unlock()
	if req == nil {
		writeInspectError(w, http.StatusGone, fmt.Sprintf("request %d is no longer held (the inspector keeps at most %d MiB of requests): capture it and use the raw-request form, or tc3sign verify --their-canonical-request", e.view.ID, inspectKeptBytes>>20))
		return
	}
	cr, sts := p.options()
	v := in.view(req, e.arrived, cr, sts)
	v.inspectSummary = e.view.inspectSummary
	v.Status, v.Response = e.view.Status, e.view.Response
	writeInspectJSON(w, http.StatusOK, v)
}

// rawCheck is the raw-request form.
type rawCheck struct {
	Raw string `json:"raw"`
	// Now is the server clock for the 5-minute window: "" for now,
	// "request" for the request's own timestamp (an old capture), or Unix
	// seconds.
	Now string `json:"now"`
	pasted
}

// checkRaw is the raw-request form: the request is parsed as verify parses
// a capture and checked, nothing is sent.
func (in *inspector) checkRaw(w http.ResponseWriter, r *http.Request) {
	var rc rawCheck
	if !readInspectJSON(w, r, 2*maxRawRequest+2*maxTheirFile, &rc) {
		return
	}
	req, err := parseRawRequest([]byte(rc.Raw))
	if err != nil {
		writeInspectError(w, http.StatusUnprocessableEntity, "cannot parse the request: "+err.Error())
		return
	}
	now := in.now()
	switch rc.Now {
	case "":
	case "request":
		ts, err := tc3.ParseTimestamp(timestampOf(req))
		if err != nil {
			writeInspectError(w, http.StatusUnprocessableEntity, "server clock: the request carries no valid timestamp (X-TC-Timestamp or the v1 Timestamp parameter) to judge it at; choose \"now\"")
			return
		}
		now = time.Unix(ts, 0)
	default:
		n, err := strconv.ParseInt(rc.Now, 10, 64)
		if err != nil || n <= 0 {
			writeInspectError(w, http.StatusBadRequest, fmt.Sprintf("server clock %q: give Unix time in seconds", truncateRunes(rc.Now, 20)))
			return
		}
		now = time.Unix(n, 0)
	}
	cr, sts := rc.options()
	v := in.view(req, now, cr, sts)
	v.Comparable = false // the form itself takes the intermediates
	writeInspectJSON(w, http.StatusOK, v)
}

// signForm is the signing form: the flags of "tc3sign sign" by name, and
// the payload.
type signForm struct {
	Flags   map[string]string `json:"flags"`
	Payload string            `json:"payload"`
}

// signFormFlags are the sign flags the form may set; credentials, output
// format and the show flags are serve's.
var signFormFlags = map[string]bool{
	"method": true, "host": true, "service": true, "action": true, "version": true, "region": true,
	"timestamp": true, "content-type": true, "signed-headers": true, "query": true,
	"signature-method": true, "nonce": true, "language": true, "path": true,
}

// sign signs a request the way "tc3sign sign" does (buildSigned, the same
// flags and checks) with serve's credentials and returns every
// intermediate: the sign --format json document, the curl line and the raw
// request. The token stays masked; derived keys only with
// --show-derived-keys.
func (in *inspector) sign(w http.ResponseWriter, r *http.Request) {
	var sf signForm
	if !readInspectJSON(w, r, 2*tc3.MaxTC3BodyBytes+64<<10, &sf) {
		return
	}
	var f signFlags
	fs := newFlagSet("sign")
	f.register(fs, false)
	names := make([]string, 0, len(sf.Flags))
	for n := range sf.Flags {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !signFormFlags[n] {
			writeInspectError(w, http.StatusBadRequest, fmt.Sprintf("field %q is not a signing field; use %s", truncateRunes(n, 40), strings.Join(sortedKeys(signFormFlags), ", ")))
			return
		}
		if sf.Flags[n] == "" {
			continue // an empty field keeps the flag's default
		}
		if err := fs.Set(n, sf.Flags[n]); err != nil {
			writeInspectError(w, http.StatusBadRequest, fmt.Sprintf("field %s: %v", n, err))
			return
		}
	}
	f.format = "json"
	f.showDerivedKeys = in.showKeys
	env := map[string]string{envSecretID: in.cred.SecretID, envSecretKy: in.cred.SecretKey}
	if in.cred.Token != "" {
		env[envToken] = in.cred.Token
	}
	c := &cli{
		ctx:    r.Context(),
		stdin:  strings.NewReader(sf.Payload),
		stdout: io.Discard,
		stderr: io.Discard,
		getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		now:    in.now,
	}
	if sf.Payload != "" {
		f.payload = "-"
	}
	s, err := c.buildSigned(&f)
	if err != nil {
		writeInspectError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	var doc bytes.Buffer
	if err := writeSignedJSON(&doc, s); err != nil {
		writeInspectError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeInspectJSON(w, http.StatusOK, struct {
		Signed            json.RawMessage `json:"signed"`
		Curl              string          `json:"curl"`
		HTTP              string          `json:"http"`
		DerivedKeysHidden bool            `json:"derived_keys_hidden"`
		TokenMasked       bool            `json:"token_masked"`
	}{doc.Bytes(), curlCommand(s), string(s.printedHTTP()), !s.showKeys, s.cred.Token != ""})
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// readInspectJSON decodes a form post of at most limit bytes, answering the
// error itself when it cannot.
func readInspectJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, limit))
	if err := dec.Decode(v); err != nil {
		writeInspectError(w, http.StatusBadRequest, fmt.Sprintf("the form data is not the expected JSON (at most %d bytes): %v", limit, err))
		return false
	}
	return true
}

func writeInspectJSON(w http.ResponseWriter, status int, v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "tc3sign serve: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func writeInspectError(w http.ResponseWriter, status int, msg string) {
	writeInspectJSON(w, status, struct {
		Error string `json:"error"`
	}{msg})
}
