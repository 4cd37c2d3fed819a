package transport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Client sends signed API 3.0 calls for one service and host. It is safe
// for concurrent use; create one and reuse it, so connections are pooled.
type Client struct {
	creds     attemptCredentials
	service   string
	host      string
	scheme    string
	method    string
	sigMethod string
	// retryableCode is Config.RetryableCode.
	retryableCode func(string) bool
	region        string
	language      string
	baseURL       string // scheme://host/
	// carrierURL is baseURL parsed once; the carrier requests share it
	// and never change it.
	carrierURL *url.URL
	// rc runs the retry loop of every call; the call's state travels in
	// the request context (callStateKey).
	rc *retryablehttp.Client

	base        http.RoundTripper
	logger      *slog.Logger
	maxAttempts int
	baseWait    time.Duration
	maxWait     time.Duration
	maxTotal    time.Duration
	attemptTO   time.Duration
	maxResponse int64
	now         func() time.Time
	rnd         *jitter
	signer      *tc3.Signer

	freshAfter time.Duration // freshAfter; tests shorten it
	// live is the state the client's calls share; a pointer, so that a
	// copied Client value (a print, a test) shares it too.
	live *liveState
}

// liveState is what a Client learns from its calls.
type liveState struct {
	// lastActive is when an attempt of this client last finished an
	// exchange (time.Now, Unix nanoseconds): no pooled connection has been
	// idle for longer than time since then, as the pool hands out the most
	// recently used connection first.
	lastActive atomic.Int64
	// skew is the offset (server - local, nanoseconds) added to the clock
	// when signing, learned from AuthFailure.SignatureExpire answers.
	skew atomic.Int64
	// limits paces attempts per action after throttles; nil when
	// Config.DisableAdaptiveRateLimit.
	limits *limiters
}

// New returns a Client for cfg, with defaults filled in.
func New(cfg Config) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	c := &Client{
		creds:         attemptCredentials{p: cfg.Credentials},
		service:       cfg.Service,
		host:          strings.ToLower(cfg.Host),
		scheme:        cfg.Scheme,
		method:        cfg.Method,
		sigMethod:     cfg.SignatureMethod,
		retryableCode: cfg.RetryableCode,
		region:        cfg.Region,
		language:      cfg.Language,
		logger:        cfg.Logger,
		maxAttempts:   cfg.MaxAttempts,
		baseWait:      cfg.BaseWait,
		maxWait:       cfg.MaxWait,
		maxTotal:      cfg.MaxTotalWait,
		attemptTO:     cfg.AttemptTimeout,
		maxResponse:   cfg.MaxResponseBytes,
		now:           cfg.Now,
		rnd:           newJitter(cfg.Rand),
		signer:        tc3.NewSigner(64),
		freshAfter:    freshAfter,
		live:          new(liveState),
	}
	if !cfg.DisableAdaptiveRateLimit {
		c.live.limits = new(limiters)
	}
	if c.host == "" {
		c.host = c.service + ".tencentcloudapi.com"
	}
	if c.scheme == "" {
		c.scheme = "https"
	}
	if c.scheme == "http" && !isLoopback(c.host) {
		return nil, fmt.Errorf("transport: Config.Scheme \"http\" is only allowed for loopback test servers, not %s: use https", c.host)
	}
	if c.method == "" {
		c.method = http.MethodPost
	}
	if c.sigMethod == "" {
		c.sigMethod = tc3.Algorithm
	}
	if c.maxAttempts == 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.baseWait == 0 {
		c.baseWait = DefaultBaseWait
	}
	if c.maxWait == 0 {
		c.maxWait = DefaultMaxWait
	}
	if c.maxTotal == 0 {
		c.maxTotal = DefaultMaxTotalWait
	}
	if c.maxResponse == 0 {
		c.maxResponse = DefaultMaxResponseBytes
	}
	if c.now == nil {
		c.now = time.Now
	}
	c.creds.now = c.now
	if hc := cfg.HTTPClient; hc != nil {
		c.base = hc.Transport
		if c.base == nil {
			c.base = http.DefaultTransport
		}
		if c.attemptTO == 0 {
			c.attemptTO = hc.Timeout
		}
	} else {
		c.base = newDefaultTransport()
	}
	if c.attemptTO == 0 {
		c.attemptTO = DefaultAttemptTimeout
	}
	c.baseURL = c.scheme + "://" + c.host + "/"
	u, err := url.Parse(c.baseURL)
	if err != nil {
		return nil, fmt.Errorf("transport: Config.Host %q does not make a URL: %w", c.host, err)
	}
	c.carrierURL = u
	c.rc = &retryablehttp.Client{
		// An http.Client whose transport is callRoundTripper: it takes the
		// call's state from the request context and builds and signs every
		// attempt, the first included. It has no CloseIdleConnections, so
		// retryablehttp's habit of closing all idle connections after a
		// failure (https://github.com/hashicorp/go-retryablehttp/issues/98)
		// does not hit the shared pool.
		HTTPClient: &http.Client{
			Transport: callRoundTripper{},
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		},
		Logger:       nil, // its default logger writes every URL to stderr
		RetryWaitMin: c.baseWait,
		RetryWaitMax: c.maxWait,
		RetryMax:     c.maxAttempts - 1,
		CheckRetry:   checkRetry,
		// checkRetry waits before it says "retry", so that the wait can
		// depend on the call; retryablehttp then waits no longer.
		Backoff:      func(_, _ time.Duration, _ int, _ *http.Response) time.Duration { return 0 },
		ErrorHandler: errorHandler,
	}
	return c, nil
}

// callStateKey is the context key of a call's *callState.
type callStateKey struct{}

// callOf returns the call state a request's context carries.
func callOf(ctx context.Context) *callState {
	st, _ := ctx.Value(callStateKey{}).(*callState)
	return st
}

// callRoundTripper is the transport of Client.rc: it runs an attempt of the
// call the request belongs to.
type callRoundTripper struct{}

func (callRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	st := callOf(req.Context())
	if st == nil {
		return nil, errors.New("transport: request without a call")
	}
	return st.RoundTrip(req)
}

// String describes the client without credentials.
func (c *Client) String() string {
	return "transport.Client{" + c.method + " " + c.baseURL + " " + c.service + " " + c.sigMethod + "}"
}

// GoString is String, so %#v cannot print the credentials either.
func (c *Client) GoString() string { return c.String() }

// Format makes every fmt verb print String.
func (c *Client) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// BodyLimit returns the largest request the client will send, in bytes:
// the POST body limit for its signature method, or the GET URL limit.
func (c *Client) BodyLimit() int {
	switch {
	case c.method == http.MethodGet:
		return MaxGETURLBytes
	case c.sigMethod != tc3.Algorithm:
		return MaxV1BodyBytes
	}
	return MaxTC3BodyBytes
}

// CloseIdleConnections closes the idle connections of the underlying
// transport. Failed calls do not do it (unlike plain go-retryablehttp,
// which drops every idle connection of the client on each failure).
func (c *Client) CloseIdleConnections() {
	if ci, ok := c.base.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// Call is one API action.
type Call struct {
	Action  string // e.g. "DetectAuth"
	Version string // e.g. "2018-03-01"
	// Region overrides Config.Region for this call.
	Region string
	// Body is the JSON request body, sent as is with TC3 POST (nil means
	// "{}"), flattened into parameters for GET and for v1.
	Body []byte
	// Idempotent marks a call safe to repeat after an ambiguous failure,
	// one where the request may have reached the backend but no usable
	// answer came back (a reset or timeout after writing, a 5xx, a
	// transient backend error code). FaceID verification calls are billed
	// per call, so the default is false: such a call is never resent once
	// it may have been processed.
	Idempotent bool
	// Result, if not nil, is a pointer to a struct that a successful
	// answer's inner object (the action's fields plus RequestId) is
	// decoded into with encoding/json, in the same pass that reads the
	// envelope, instead of being handed back in Response.Raw: a large
	// answer is then parsed once. Response.Raw is nil when Result was
	// filled; when the answer cannot be read that way (odd spellings,
	// a field of the wrong type), Result is left zero and Raw is set as
	// without Result.
	Result any
}

// Response is a successful API answer.
type Response struct {
	// RequestId identifies the call to Tencent support.
	RequestId string
	// Raw is the inner object of the envelope {"Response": {...}}, the
	// action's fields plus RequestId, for the caller to decode; nil when
	// Call.Result received them.
	Raw        json.RawMessage
	HTTPStatus int
	Attempts   int
}

// Call sends call, retrying where that is safe, and returns the API's
// answer. Errors are *APIError (the API said no), *HTTPError (no usable
// answer), *NetworkError, *SizeError (refused before sending), or, when ctx
// ends, an error that matches ctx.Err() with errors.Is and unwraps to the
// last attempt's error too. When a call not marked Idempotent fails after
// its request may have reached the backend, that error is wrapped in a
// *MaybeProcessedError: the call may have been processed and billed.
func (c *Client) Call(ctx context.Context, call Call) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, newCanceledError(ctx, call.Action, 0, nil)
	}
	st, err := c.newCallState(call)
	if err != nil {
		return nil, err
	}
	// The carrier request holds only the context, which carries st: the
	// body is built per attempt by RoundTrip, never rewound by
	// retryablehttp. It is built by hand rather than by
	// retryablehttp.NewRequestWithContext, which parses the constant base
	// URL again on every call.
	carrier := &http.Request{
		Method: c.method, URL: c.carrierURL, Host: c.carrierURL.Host,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{},
	}
	req := &retryablehttp.Request{Request: carrier.WithContext(context.WithValue(ctx, callStateKey{}, st))}
	resp, err := c.rc.Do(req)
	if resp != nil {
		resp.Body.Close()
	}
	if err == nil && st.result != nil {
		return st.result, nil
	}
	if ctx.Err() != nil {
		return nil, st.maybeProcessed(newCanceledError(ctx, call.Action, st.attempts, st.last), st.info.canceledAfterWrite)
	}
	if st.last != nil {
		return nil, st.maybeProcessed(st.last, false)
	}
	if err == nil {
		err = errors.New("no response")
	}
	return nil, fmt.Errorf("transport: %s: %w", call.Action, err)
}

// maybeProcessed wraps err in a *MaybeProcessedError when the call is not
// idempotent and its last attempt may have reached the backend: written
// and then lost (sent, or cancelled after writing), a 5xx or an unusable
// answer, or a transient backend error code.
func (st *callState) maybeProcessed(err error, sent bool) error {
	if st.idempotent {
		return err
	}
	var (
		ae *APIError
		he *HTTPError
		ne *NetworkError
	)
	switch {
	case sent:
	case errors.As(err, &ne):
		if !ne.Sent {
			return err
		}
	case errors.As(err, &he):
		if !he.mayHaveRun() {
			return err
		}
	case errors.As(err, &ae):
		if ae.class != codeRetry {
			return err
		}
	default:
		return err
	}
	return &MaybeProcessedError{Action: st.action, RequestId: RequestID(err), Attempts: st.attempts, Err: err}
}

// callState is one call in flight. Its fields are used by one goroutine
// at a time: retryablehttp runs CheckRetry, Backoff and the HTTP client
// (and so RoundTrip) one after the other on the caller's goroutine.
type callState struct {
	c          *Client
	action     string
	version    string
	region     string
	idempotent bool

	body        []byte            // TC3 POST body
	payloadHash string            // TC3: hex SHA-256 of body, computed once per call
	query       string            // TC3 GET query
	v1params    map[string]string // v1: flattened body and common parameters, without Timestamp and Nonce

	attempts int           // RoundTrip calls so far
	checks   int           // CheckRetry calls so far
	waited   time.Duration // sum of backoff waits so far
	wait     time.Duration // the wait CheckRetry chose, handed to Backoff
	resigned bool          // SignatureExpire already retried
	info     attemptInfo   // the current attempt, for the log line
	last     error         // the last attempt's error; nil after a success
	result   *Response
	okResp   http.Response // what RoundTrip hands retryablehttp for a success
	into     any           // Call.Result
	url      url.URL       // the attempts' URL, a copy of the client's
}

// attemptInfo is what the log line and the retry policy need from an attempt.
type attemptInfo struct {
	status     int
	code       string
	requestID  string
	duration   time.Duration
	retryAfter time.Duration
	canceled   bool // the caller's context ended during the attempt
	// canceledAfterWrite: the caller's context ended after the request
	// was written, so the backend may have processed it.
	canceledAfterWrite bool
	local              bool // the client refused before sending (size, credentials)
	// serverTime is the gateway's clock stated by a SignatureExpire
	// answer, localTime the client's when it arrived.
	serverTime, localTime time.Time
	hasServerTime         bool
}

func (c *Client) newCallState(call Call) (*callState, error) {
	if call.Action == "" {
		return nil, fmt.Errorf("transport: Call.Action is empty: set it to the API name, e.g. DetectAuth")
	}
	if err := checkParam("Call.Action", call.Action); err != nil {
		return nil, err
	}
	if call.Version == "" {
		return nil, fmt.Errorf("transport: %s: Call.Version is empty: set it to the API version, e.g. 2018-03-01 for faceid", call.Action)
	}
	if err := checkParam("Call.Version", call.Version); err != nil {
		return nil, err
	}
	if err := checkParam("Call.Region", call.Region); err != nil {
		return nil, err
	}
	if call.Result != nil {
		if rv := reflect.ValueOf(call.Result); rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("transport: %s: Call.Result is a %T: pass a non-nil pointer to a struct", call.Action, call.Result)
		}
	}
	st := &callState{
		c:          c,
		action:     call.Action,
		version:    call.Version,
		region:     call.Region,
		idempotent: call.Idempotent,
		into:       call.Result,
		url:        *c.carrierURL,
	}
	if st.region == "" {
		st.region = c.region
	}
	body := call.Body
	if len(body) == 0 {
		body = []byte("{}")
	}
	if c.sigMethod != tc3.Algorithm {
		return st, st.prepareV1(body)
	}
	if c.method == http.MethodGet {
		flat, err := tc3.FlattenJSON(body)
		if err != nil {
			return nil, fmt.Errorf("transport: %s: flattening the body into GET parameters: %w", call.Action, err)
		}
		st.query = tc3.EncodeQuery(flat)
		st.payloadHash = tc3.EmptyPayloadHash
		if n := tc3.GETURLBytes(c.host, "/?"+st.query); n > MaxGETURLBytes {
			return nil, &SizeError{Action: call.Action, Size: int64(n), Limit: MaxGETURLBytes, Method: http.MethodGet, SignatureMethod: c.sigMethod}
		}
		return st, nil
	}
	if len(body) > MaxTC3BodyBytes {
		return nil, &SizeError{Action: call.Action, Size: int64(len(body)), Limit: MaxTC3BodyBytes, Method: http.MethodPost, SignatureMethod: c.sigMethod}
	}
	st.body = body
	sum := sha256.Sum256(body) // once per call; every attempt signs this hash
	var hexSum [2 * sha256.Size]byte
	hex.Encode(hexSum[:], sum[:])
	st.payloadHash = string(hexSum[:])
	return st, nil
}

// RoundTrip runs one attempt: it reads the credentials, signs with a fresh
// timestamp, sends, and reads and classifies the response. It is this
// call's http.RoundTripper, so retryablehttp invokes it once per attempt,
// the first included (https://github.com/hashicorp/go-retryablehttp/blob/v0.7.8/client.go). It returns an error
// for every outcome but success; the typed error is kept in st.last.
func (st *callState) RoundTrip(req *http.Request) (*http.Response, error) {
	st.attempts++
	st.info = attemptInfo{}
	start := time.Now()
	resp, err := st.attempt(req.Context(), st.attempts)
	st.info.duration = time.Since(start)
	if st.info.canceled {
		// Keep the previous attempt's error: the caller gets it along
		// with the context's.
		return nil, err
	}
	st.last = err
	if err != nil {
		return nil, err
	}
	st.result = resp
	st.okResp = http.Response{
		Status:     "200 OK",
		StatusCode: http.StatusOK,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Body:       http.NoBody, // no Header: nobody reads this response, Call drops it
		Request:    req,
	}
	return &st.okResp, nil
}

// checkRetry is the retry policy (retryablehttp's CheckRetry). It sees the
// typed outcome of the attempt RoundTrip just made, decides, chooses the
// wait, writes the attempt's log line, and waits before a retry: ctx is the
// carrier request's, which holds the call's state. A wait cut short by the
// end of ctx ends the call.
func checkRetry(ctx context.Context, _ *http.Response, doErr error) (bool, error) {
	st := callOf(ctx)
	if st == nil {
		return false, errors.New("transport: request without a call")
	}
	retry := st.checkRetry(ctx, doErr)
	if !retry || st.wait <= 0 {
		return retry, nil
	}
	t := time.NewTimer(st.wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false, nil
	case <-t.C:
		return true, nil
	}
}

func (st *callState) checkRetry(ctx context.Context, doErr error) bool {
	st.checks++
	if st.checks != st.attempts {
		// The HTTP client failed before calling RoundTrip; nothing was sent.
		st.attempts = st.checks
		st.last = &NetworkError{Action: st.action, Attempts: st.attempts, Err: doErr, permanent: true}
	}
	retry, why := st.decide(ctx)
	st.log(ctx, retry, why)
	return retry
}

// decide applies the retry matrix to the last attempt and, when retrying,
// sets st.wait. why explains a refusal to retry a retryable error.
func (st *callState) decide(ctx context.Context) (retry bool, why string) {
	c := st.c
	if ctx.Err() != nil || st.info.canceled || st.last == nil || st.info.local {
		return false, ""
	}
	var wait time.Duration
	switch e := st.last.(type) {
	case *APIError:
		switch classifyCode(e.Code, c.retryableCode) {
		case codeResign:
			// The next attempt carries a fresh timestamp; once is enough:
			// a second expiry means the clock is still wrong (https://cloud.tencent.com/document/api/1007/31324).
			if st.resigned {
				return false, "signature expired twice: check the clock"
			}
			st.resigned = true
			if st.info.hasServerTime {
				c.learnSkew(ctx, st.info.serverTime, st.info.localTime)
			}
		case codeThrottle:
			wait = backoff(c.rnd, c.baseWait, c.maxWait, st.attempts)
		case codeRetry:
			if !st.idempotent {
				return false, "the call may have been processed and is not marked Idempotent"
			}
			wait = backoff(c.rnd, c.baseWait, c.maxWait, st.attempts)
		default:
			return false, ""
		}
	case *HTTPError:
		if !e.Retryable() {
			if e.mayHaveRun() && !st.idempotent {
				return false, "the call may have been processed and is not marked Idempotent"
			}
			return false, ""
		}
		wait = backoff(c.rnd, c.baseWait, c.maxWait, st.attempts)
	case *NetworkError:
		if !e.Retryable() {
			return false, ""
		}
		wait = backoff(c.rnd, c.baseWait, c.maxWait, st.attempts)
	default:
		return false, ""
	}
	if st.attempts >= c.maxAttempts {
		return false, "attempts exhausted"
	}
	// Retry-After is honoured, but never beyond MaxWait (retryablehttp
	// #247: uncapped, a server can park the client for hours).
	if ra := st.info.retryAfter; ra > 0 {
		wait = max(wait, min(ra, c.maxWait))
	}
	remaining := c.maxTotal - st.waited
	if remaining <= 0 || st.info.retryAfter > 0 && min(st.info.retryAfter, c.maxWait) > remaining {
		return false, "total wait budget spent"
	}
	wait = min(wait, remaining)
	// Do not sleep into the caller's deadline (retryablehttp #292).
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= wait {
		return false, "context deadline before the next attempt"
	}
	st.wait = wait
	st.waited += wait
	return true, ""
}

// errorHandler replaces retryablehttp's "giving up after N attempt(s)"
// with the HTTP client's error; Call prefers the last attempt's typed
// error, which it picks from the call's state.
func errorHandler(resp *http.Response, err error, _ int) (*http.Response, error) {
	if resp != nil {
		resp.Body.Close()
	}
	return nil, err
}

// log writes the attempt's line: action, attempt, status, code, RequestId,
// duration, and for failures the decision. Never headers, credentials,
// signatures or bodies.
func (st *callState) log(ctx context.Context, retry bool, why string) {
	l := st.c.logger
	if l == nil {
		return
	}
	level := slog.LevelDebug
	if st.last != nil || st.info.canceled {
		level = slog.LevelWarn
	}
	if !l.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, 10)
	attrs = append(attrs,
		slog.String("action", st.action),
		slog.Int("attempt", st.attempts),
		slog.Int("status", st.info.status),
		slog.String("code", st.info.code),
		slog.String("request_id", st.info.requestID),
		slog.Duration("duration", st.info.duration),
	)
	msg := "tencentcloud call"
	switch {
	case st.info.canceled:
		attrs = append(attrs, slog.String("error", ctx.Err().Error()))
		msg = "tencentcloud call canceled"
	case st.last != nil:
		attrs = append(attrs, slog.String("error", st.last.Error()), slog.Bool("retry", retry))
		if retry {
			attrs = append(attrs, slog.Duration("wait", st.wait))
		} else if why != "" {
			attrs = append(attrs, slog.String("gave_up", why))
		}
		msg = "tencentcloud call failed"
	}
	l.LogAttrs(ctx, level, msg, attrs...)
}
