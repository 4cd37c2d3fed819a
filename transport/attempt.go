package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// attempt makes one signed exchange. parent is the caller's context.
func (st *callState) attempt(parent context.Context, n int) (*Response, error) {
	c := st.c
	creds, err := c.creds.Credentials(parent)
	if err != nil {
		if parent.Err() != nil {
			st.info.canceled = true
			return nil, parent.Err()
		}
		st.info.local = true
		return nil, fmt.Errorf("transport: %s: credentials provider: %w", st.action, err)
	}

	var lim *limiter
	if c.live.limits != nil {
		lim = c.live.limits.get(st.action)
		if err := lim.acquire(parent); err != nil {
			st.info.canceled = true
			return nil, err
		}
	}

	ctx, cancel := context.WithTimeout(parent, c.attemptTO)
	defer cancel()
	tr := newAttemptTrace()
	ctx = httptrace.WithClientTrace(ctx, &tr.ct)

	// A fresh timestamp for every attempt: the official SDK signs once and
	// replays the stale signature on retries (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/netretry.go).
	now := c.now()
	st.info.localTime = now
	ts := now.Add(c.Skew()).Unix()
	var out *http.Request
	if c.sigMethod == tc3.Algorithm {
		out, err = st.buildTC3(ctx, creds, ts)
	} else {
		out, err = st.buildV1(ctx, creds, ts)
	}
	if err != nil {
		st.info.local = true
		return nil, err
	}

	c.preferFresh(st.idempotent)
	resp, err := c.base.RoundTrip(out)
	if err != nil {
		return nil, st.networkError(parent, ctx, tr, err, false)
	}
	defer resp.Body.Close()
	defer c.live.lastActive.Store(time.Now().UnixNano())
	st.info.status = resp.StatusCode
	body, rerr := readBody(resp, c.maxResponse)
	if rerr != nil {
		var he *HTTPError
		if errors.As(rerr, &he) {
			he.Action, he.Attempts, he.idempotent = st.action, n, st.idempotent
			he.HTTPStatus, he.Status = resp.StatusCode, resp.Status
			he.ContentType = resp.Header.Get("Content-Type")
			// Too large or corrupt: the server answered, so the call may
			// have run; retry only if safe (HTTPError.Retryable), and
			// never a body that is too large: it will not shrink.
			he.retryable = retryableStatus(resp.StatusCode)
			he.ambiguous = true
			return nil, he
		}
		return nil, st.networkError(parent, ctx, tr, rerr, true)
	}
	r, err := st.decode(resp, body, n)
	putBodyBuf(body) // decode keeps no reference to it
	if lim != nil {
		lim.update(throttled(err))
	}
	return r, err
}

// throttled reports an answer that says the gateway refused the attempt
// for its rate: RequestLimitExceeded* or HTTP 429.
func throttled(err error) bool {
	switch e := err.(type) {
	case *APIError:
		return classifyCode(e.Code, nil) == codeThrottle
	case *HTTPError:
		return e.HTTPStatus == http.StatusTooManyRequests
	}
	return false
}

// preferFresh makes a call that is not idempotent dial a new connection
// when every pooled one has been idle for longer than c.freshAfter: such a
// connection may be one the server or a middlebox is about to close, and a
// request lost that way could have been read, so it cannot be retried.
func (c *Client) preferFresh(idempotent bool) {
	if idempotent {
		return
	}
	last := c.live.lastActive.Load()
	if last == 0 || time.Duration(time.Now().UnixNano()-last) <= c.freshAfter {
		return
	}
	c.CloseIdleConnections()
}

// buildTC3 builds a TC3-HMAC-SHA256 request with the SDK's header set and
// signed headers content-type;host, as the official SDK sends them
// (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/client.go) and https://cloud.tencent.com/document/api/1007/31324 describes.
func (st *callState) buildTC3(ctx context.Context, creds tc3.Credentials, ts int64) (*http.Request, error) {
	c := st.c
	contentType := "application/json"
	if c.method == http.MethodGet {
		contentType = "application/x-www-form-urlencoded" // GET must send and sign it (3.1)
	}
	auth, err := c.signer.Authorization(&tc3.Input{
		Credentials: creds,
		Service:     c.service,
		Method:      c.method,
		Host:        c.host,
		Query:       st.query,
		ContentType: contentType,
		PayloadHash: st.payloadHash,
		Timestamp:   ts,
	})
	if err != nil {
		return nil, fmt.Errorf("transport: %s: signing: %w", st.action, err)
	}
	// The request is built field by field, as http.NewRequestWithContext
	// would build it, but without parsing the constant URL again for
	// every attempt; the header names are written in their canonical form
	// (as Header.Set would store them), each value in one shared backing
	// array.
	u := &st.url
	if st.query != "" {
		u = new(url.URL)
		*u = *c.carrierURL
		u.RawQuery = st.query
	}
	var hv headerValues
	h := make(http.Header, 8)
	hv.set(h, "Content-Type", contentType)
	hv.set(h, "X-Tc-Action", st.action)
	hv.set(h, "X-Tc-Version", st.version)
	hv.set(h, "X-Tc-Timestamp", strconv.FormatInt(ts, 10))
	if st.region != "" {
		hv.set(h, "X-Tc-Region", st.region)
	}
	if c.language != "" {
		hv.set(h, "X-Tc-Language", c.language)
	}
	if creds.Token != "" {
		hv.set(h, "X-Tc-Token", creds.Token) // not signed (4.1)
	}
	hv.set(h, "Authorization", auth)
	tmpl := http.Request{
		Method: c.method, URL: u, Host: strings.TrimSuffix(u.Host, ":"),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h,
	}
	if c.method != http.MethodGet {
		body := st.body
		tmpl.Body = io.NopCloser(bytes.NewReader(body))
		tmpl.ContentLength = int64(len(body))
		if st.idempotent { // noReplay clears it otherwise
			tmpl.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		}
	}
	out := tmpl.WithContext(ctx)
	st.noReplay(out)
	return out, nil
}

// headerValues hands out the one-element value slices of a request's
// headers from one backing array.
type headerValues struct{ vals []string }

// set sets h[key] (key already in canonical form) to v.
func (hv *headerValues) set(h http.Header, key, v string) {
	if hv.vals == nil {
		hv.vals = make([]string, 0, 8)
	}
	hv.vals = append(hv.vals, v)
	n := len(hv.vals)
	h[key] = hv.vals[n-1 : n : n]
}

// noReplay stops net/http from silently re-sending a request of a call
// that is not idempotent, under our retry policy and even with MaxAttempts
// 1. net/http replays in two places:
//
//   - HTTP/1.1: http.Transport retries a request on a reused connection
//     after a network error "if the request is idempotent and either has
//     no body or has its Request.GetBody defined", and counts every GET as
//     idempotent (https://pkg.go.dev/net/http#Transport); an API 3.0 GET
//     may be a billable verification.
//   - HTTP/2: after a stream reset with REFUSED_STREAM, a PROTOCOL_ERROR
//     from the peer, or a GOAWAY, the HTTP/2 transport sends the request
//     again on a new stream, whatever the method, when it has no body or
//     Request.GetBody is set; http.NewRequest sets GetBody for a
//     *bytes.Reader or *strings.Reader body. A proxy can reset a stream
//     after the backend processed the call.
//
// Clearing GetBody and giving a GET a non-nil empty body opts out of both;
// net/http sees the GET body is empty and sends none. A failure that
// happened before the request was written still reaches our policy, which
// retries it.
func (st *callState) noReplay(out *http.Request) {
	if st.idempotent {
		return
	}
	if out.Body == nil || out.Body == http.NoBody {
		out.Body = io.NopCloser(emptyReader{})
		out.ContentLength = 0
	}
	out.GetBody = nil
}

// emptyReader is an io.Reader with nothing in it that net/http does not
// recognise as http.NoBody.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }

// networkError classifies a failed exchange. Only a failure that happened
// before the request was written is safe to retry for any call; anything
// later may have reached the server.
func (st *callState) networkError(parent, ctx context.Context, tr *attemptTrace, err error, afterHeaders bool) error {
	if parent.Err() != nil {
		st.info.canceled = true
		st.info.canceledAfterWrite = afterHeaders || tr.wrote.Load()
		return parent.Err()
	}
	ne := &NetworkError{
		Action:     st.action,
		Attempts:   st.attempts,
		Sent:       true,
		Timeout:    ctx.Err() == context.DeadlineExceeded,
		Err:        err,
		idempotent: st.idempotent,
	}
	if ne.Timeout {
		ne.Err = fmt.Errorf("attempt timeout %v: %w", st.c.attemptTO, err)
	}
	if !afterHeaders {
		switch {
		case isCertError(err):
			ne.Sent, ne.permanent = false, true
		case isDialError(err):
			ne.Sent = false
			var dns *net.DNSError
			ne.permanent = errors.As(err, &dns) && dns.IsNotFound // no such host: retrying will not help
		case tr.gotConn.Load() && !tr.wrote.Load():
			// The connection was up but the request was never fully
			// written, so the server cannot have acted on it.
			ne.Sent = false
		case !tr.gotConn.Load():
			// No connection: with net/http's transport every failure
			// here happens before writing (dial, proxy, TLS handshake,
			// waiting for a pooled connection). A custom transport that
			// does not report connections is assumed to have sent.
			_, std := st.c.base.(*http.Transport)
			ne.Sent = !std
		}
	}
	return ne
}

// attemptTrace records, from net/http's client trace hooks, whether the
// attempt got a connection and wrote the whole request. The hooks may run
// on the transport's goroutines, hence the atomics.
type attemptTrace struct {
	gotConn atomic.Bool
	wrote   atomic.Bool
	ct      httptrace.ClientTrace // the hooks that set them
}

func newAttemptTrace() *attemptTrace {
	t := new(attemptTrace)
	t.ct.GotConn = t.onGotConn
	t.ct.WroteRequest = t.onWroteRequest
	return t
}

func (t *attemptTrace) onGotConn(httptrace.GotConnInfo) { t.gotConn.Store(true) }

func (t *attemptTrace) onWroteRequest(info httptrace.WroteRequestInfo) {
	if info.Err == nil {
		t.wrote.Store(true)
	}
}

func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && (op.Op == "dial" || op.Op == "proxyconnect") {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// isCertError reports a certificate the client does not trust: repeating
// the call cannot fix it.
func isCertError(err error) bool {
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci)
}
