package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"math/rand/v2"
	"net"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// newTestClient returns a client for s with tiny waits and a fixed seed.
func newTestClient(t testing.TB, s *faultServer, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Credentials:      credentials.Static(testCreds),
		Service:          "faceid",
		Host:             s.host(),
		Scheme:           "http",
		Region:           "ap-guangzhou",
		Language:         "en-US",
		MaxAttempts:      4,
		BaseWait:         time.Millisecond,
		MaxWait:          5 * time.Millisecond,
		MaxTotalWait:     time.Second,
		AttemptTimeout:   2 * time.Second,
		MaxResponseBytes: 64 << 10,
		Now:              s.clock.Now,
		Rand:             rand.NewPCG(1, 2),
		RetryableCode:    productCodes,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

var detectAuth = Call{Action: "DetectAuth", Version: "2018-03-01", Body: []byte(`{"RuleId":"1","CallId":"c1"}`)}

// checkAttempts asserts that the server saw want attempts, that every one
// carried a valid signature, and that timestamps are fresh and increasing.
func checkAttempts(t *testing.T, s *faultServer, want int) []seen {
	t.Helper()
	got := s.seen()
	if len(got) != want {
		t.Fatalf("server saw %d attempts, want %d: %+v", len(got), want, got)
	}
	for i, a := range got {
		switch {
		case a.fault == fDropBefore && a.problem == "":
			// headers checked: key, scope date, window; body never read
		case !a.verified:
			t.Errorf("attempt %d (%v): signature not verified: %s", i+1, a.fault, a.problem)
		}
		if i > 0 && a.ts <= got[i-1].ts {
			t.Errorf("attempt %d timestamp %d is not after attempt %d's %d: retries must re-sign", i+1, a.ts, i, got[i-1].ts)
		}
		if i > 0 && a.signature == got[i-1].signature {
			t.Errorf("attempt %d reused the previous signature", i+1)
		}
	}
	return got
}

// TestFaultMatrix runs every injected fault and records the retry matrix.
func TestFaultMatrix(t *testing.T) {
	type outcome struct {
		Attempts  int    // attempts the server saw
		Err       string // "" (success), "api", "http", "network"
		Code      string
		Status    int
		Sent      bool
		Timeout   bool
		Retryable bool
		// MaybeProcessed: a *MaybeProcessedError, the call may have run.
		MaybeProcessed bool
	}
	cases := []struct {
		name       string
		script     []fault
		idempotent bool
		want       outcome
	}{
		{"ok", []fault{fOK}, false, outcome{Attempts: 1}},
		{"drop before read, billable", []fault{fDropBefore, fOK}, false, outcome{Attempts: 1, Err: "network", Sent: true, MaybeProcessed: true}},
		{"drop before read, idempotent", []fault{fDropBefore, fOK}, true, outcome{Attempts: 2}},
		{"drop after read, billable", []fault{fDropAfter, fOK}, false, outcome{Attempts: 1, Err: "network", Sent: true, MaybeProcessed: true}},
		{"drop after read, idempotent", []fault{fDropAfter, fOK}, true, outcome{Attempts: 2}},
		// A 5xx can follow a call the backend processed: a billable call
		// stops at the first one.
		{"502 and 503 html then ok, billable", []fault{f502HTML, f503HTML, fOK}, false, outcome{Attempts: 1, Err: "http", Status: 502, MaybeProcessed: true}},
		{"502 and 503 html then ok, idempotent", []fault{f502HTML, f503HTML, fOK}, true, outcome{Attempts: 3}},
		{"502 html always, billable", []fault{f502HTML, f502HTML, f502HTML, f502HTML}, false, outcome{Attempts: 1, Err: "http", Status: 502, MaybeProcessed: true}},
		{"502 html always, idempotent", []fault{f502HTML, f502HTML, f502HTML, f502HTML}, true, outcome{Attempts: 4, Err: "http", Status: 502, Retryable: true}},
		{"429 retry-after then ok", []fault{f429, fOK}, false, outcome{Attempts: 2}},
		{"RequestLimitExceeded twice then ok", []fault{fRateLimit, fRateLimit, fOK}, false, outcome{Attempts: 3}},
		{"RequestLimitExceeded always", []fault{fRateLimit, fRateLimit, fRateLimit, fRateLimit}, false, outcome{Attempts: 4, Err: "api", Code: "RequestLimitExceeded", Status: 200, Retryable: true}},
		{"RequestLimitExceeded.UinLimitExceeded then ok", []fault{fRateLimitSub, fOK}, false, outcome{Attempts: 2}},
		{"InternalError then ok, billable", []fault{fInternal, fOK}, false, outcome{Attempts: 1, Err: "api", Code: "InternalError", Status: 200, MaybeProcessed: true}},
		{"InternalError then ok, idempotent", []fault{fInternal, fOK}, true, outcome{Attempts: 2}},
		{"FaceID engine error then ok, billable", []fault{fFaceIDRetry, fOK}, false, outcome{Attempts: 1, Err: "api", Code: "FailedOperation.DetectEngineSystemError", Status: 200, MaybeProcessed: true}},
		{"FaceID engine error then ok, idempotent", []fault{fFaceIDRetry, fOK}, true, outcome{Attempts: 2}},
		{"stall, billable", []fault{fStall, fOK}, false, outcome{Attempts: 1, Err: "network", Sent: true, Timeout: true, MaybeProcessed: true}},
		{"stall, idempotent", []fault{fStall, fOK}, true, outcome{Attempts: 2}},
		{"stall mid-body, billable", []fault{fStallBody, fOK}, false, outcome{Attempts: 1, Err: "network", Sent: true, Timeout: true, MaybeProcessed: true}},
		{"truncated body, billable", []fault{fTruncated, fOK}, false, outcome{Attempts: 1, Err: "network", Sent: true, MaybeProcessed: true}},
		{"truncated body, idempotent", []fault{fTruncated, fOK}, true, outcome{Attempts: 2}},
		{"truncated json, billable", []fault{fBadJSON, fOK}, false, outcome{Attempts: 1, Err: "http", Status: 200, MaybeProcessed: true}},
		{"truncated json, idempotent", []fault{fBadJSON, fOK}, true, outcome{Attempts: 2}},
		// A body over MaxResponseBytes will not shrink: never retried.
		{"oversized body, billable", []fault{fOversized, fOK}, false, outcome{Attempts: 1, Err: "http", Status: 200, MaybeProcessed: true}},
		{"oversized body, idempotent", []fault{fOversized, fOK}, true, outcome{Attempts: 1, Err: "http", Status: 200}},
		{"oversized chunked body, billable", []fault{fOversizedChunked, fOK}, false, outcome{Attempts: 1, Err: "http", Status: 200, MaybeProcessed: true}},
		{"oversized chunked body, idempotent", []fault{fOversizedChunked, fOK}, true, outcome{Attempts: 1, Err: "http", Status: 200}},
		{"SignatureExpire once", []fault{fSigExpire, fOK}, false, outcome{Attempts: 2}},
		{"SignatureExpire always", []fault{fSigExpire, fSigExpire, fSigExpire}, false, outcome{Attempts: 2, Err: "api", Code: "AuthFailure.SignatureExpire", Status: 200}},
		{"SignatureFailure", []fault{fAuth, fOK}, true, outcome{Attempts: 1, Err: "api", Code: "AuthFailure.SignatureFailure", Status: 200}},
		{"parameter error", []fault{fParam, fOK}, true, outcome{Attempts: 1, Err: "api", Code: "InvalidParameterValue.RuleIdNotExist", Status: 200}},
		{"quota", []fault{fQuota, fOK}, true, outcome{Attempts: 1, Err: "api", Code: "FailedOperation.RequestLimitExceeded", Status: 200}},
		{"501, idempotent", []fault{f501, fOK}, true, outcome{Attempts: 1, Err: "http", Status: 501}},
		{"501, billable", []fault{f501, fOK}, false, outcome{Attempts: 1, Err: "http", Status: 501, MaybeProcessed: true}},
		{"gzip", []fault{fGzip}, false, outcome{Attempts: 1}},
		{"deflate", []fault{fDeflate}, false, outcome{Attempts: 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFaultServer(t, newFakeClock(), tc.script...)
			s.oversize = 100 << 10
			c := newTestClient(t, s, func(c *Config) { c.AttemptTimeout = 300 * time.Millisecond })
			call := detectAuth
			call.Idempotent = tc.idempotent
			start := time.Now()
			resp, err := c.Call(context.Background(), call)
			elapsed := time.Since(start)
			checkAttempts(t, s, tc.want.Attempts)

			got := outcome{Attempts: len(s.seen())}
			var ae *APIError
			var he *HTTPError
			var ne *NetworkError
			clientAttempts := 0
			switch {
			case err == nil:
				clientAttempts = resp.Attempts
				if resp.RequestId == "" || !json.Valid(resp.Raw) || !strings.Contains(string(resp.Raw), `"Echo":"DetectAuth"`) {
					t.Errorf("bad response %+v raw %s", resp, resp.Raw)
				}
			case errors.As(err, &ae):
				got.Err, got.Code, got.Status, clientAttempts = "api", ae.Code, ae.HTTPStatus, ae.Attempts
				if ae.Action != "DetectAuth" || ae.RequestId == "" {
					t.Errorf("APIError lacks Action or RequestId: %+v", ae)
				}
			case errors.As(err, &he):
				got.Err, got.Status, clientAttempts = "http", he.HTTPStatus, he.Attempts
			case errors.As(err, &ne):
				got.Err, got.Sent, got.Timeout, clientAttempts = "network", ne.Sent, ne.Timeout, ne.Attempts
			default:
				t.Fatalf("untyped error %T: %v", err, err)
			}
			got.Retryable = IsRetryable(err)
			got.MaybeProcessed = MaybeProcessed(err)
			if got.MaybeProcessed {
				var mp *MaybeProcessedError
				errors.As(err, &mp)
				if mp.Retryable() || mp.Attempts != tc.want.Attempts || mp.RequestId != RequestID(mp.Err) ||
					!strings.Contains(err.Error(), "may have been processed") || !strings.Contains(err.Error(), "before repeating it") {
					t.Errorf("MaybeProcessedError %+v: %v", mp, err)
				}
			}
			// Every error's own Retryable agrees with IsRetryable, so a
			// caller who asks the inner error does not bill twice either.
			for _, r := range []interface{ Retryable() bool }{ae, he, ne} {
				if r != nil && !reflect.ValueOf(r).IsNil() && r.Retryable() != got.Retryable && !(ne != nil && ne.permanent) {
					t.Errorf("%T.Retryable() = %v, IsRetryable = %v", r, r.Retryable(), got.Retryable)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("outcome (-want +got):\n%s\nerr: %v", diff, err)
			}
			if clientAttempts != tc.want.Attempts {
				t.Errorf("client counted %d attempts, server saw %d", clientAttempts, tc.want.Attempts)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "transport: DetectAuth: ") {
				t.Errorf("error %q does not start with \"transport: DetectAuth: \"", err)
			}
			if elapsed > 2*time.Second {
				t.Errorf("took %v: waits are not capped", elapsed)
			}
			t.Logf("%s -> %d attempt(s) -> %v", tc.name, got.Attempts, errOrOK(err))
		})
	}
}

func errOrOK(err error) string {
	if err == nil {
		return "success"
	}
	return err.Error()
}

func TestHTMLErrorMessage(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), f502HTML)
	c := newTestClient(t, s, func(c *Config) { c.MaxAttempts = 1 })
	_, err := c.Call(context.Background(), detectAuth)
	want := `transport: DetectAuth: HTTP 502 Bad Gateway: body is not a JSON API response (syntax error at byte 1) (Content-Type text/html): ` +
		`body starts "<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>" (attempt 1)` +
		`; the call may have been processed, and billed, so it was not resent (it is not marked Idempotent): find out whether it ran before repeating it, or accept a second charge`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

// TestTruncatedJSONHidesBody: a 2xx JSON body may carry personal data, so
// its content stays out of the error.
func TestTruncatedJSONHidesBody(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fBadJSON)
	c := newTestClient(t, s, nil)
	_, err := c.Call(context.Background(), detectAuth)
	var he *HTTPError
	if !errors.As(err, &he) || he.Snippet != "" || strings.Contains(err.Error(), "Echo") {
		t.Fatalf("err = %v", err)
	}
}

func TestAPIErrorMessage(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fParam)
	c := newTestClient(t, s, nil)
	_, err := c.Call(context.Background(), detectAuth)
	want := "transport: DetectAuth: InvalidParameterValue.RuleIdNotExist: injected InvalidParameterValue.RuleIdNotExist (RequestId req-1795750620, attempt 1, HTTP 200)"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
	if got := ErrorCode(err); got != "InvalidParameterValue.RuleIdNotExist" {
		t.Errorf("ErrorCode = %q", got)
	}
	if got := RequestID(err); got != "req-1795750620" {
		t.Errorf("RequestID = %q", got)
	}
	if IsRetryable(err) {
		t.Error("parameter error reported retryable")
	}
}

// TestTimestampsFresh pins the clock and checks the exact timestamps the
// server saw: one fresh Now per attempt.
func TestTimestampsFresh(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fRateLimit, f503HTML, fSigExpire, fOK)
	c := newTestClient(t, s, nil)
	call := detectAuth
	call.Idempotent = true
	resp, err := c.Call(context.Background(), call)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Attempts != 4 {
		t.Errorf("Attempts = %d, want 4", resp.Attempts)
	}
	var ts []int64
	for _, a := range checkAttempts(t, s, 4) {
		ts = append(ts, a.ts)
	}
	if diff := cmp.Diff([]int64{t0, t0 + 1, t0 + 2, t0 + 3}, ts); diff != "" {
		t.Errorf("timestamps (-want +got):\n%s", diff)
	}
}

// TestRetryAfterHonoured: a Retry-After below MaxWait is waited in full.
func TestRetryAfterHonoured(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), f429, fOK)
	c := newTestClient(t, s, func(c *Config) { c.MaxWait = 3 * time.Second; c.MaxTotalWait = 5 * time.Second })
	start := time.Now()
	if _, err := c.Call(context.Background(), detectAuth); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("returned after %v, before Retry-After: 1", d)
	}
	checkAttempts(t, s, 2)
}

// TestTotalWaitCap: each wait is Retry-After capped at MaxWait (20ms); a
// 50ms budget allows two waits, so three attempts.
func TestTotalWaitCap(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), f429, f429, f429, f429, f429)
	c := newTestClient(t, s, func(c *Config) {
		c.MaxAttempts = 10
		c.MaxWait = 20 * time.Millisecond
		c.MaxTotalWait = 50 * time.Millisecond
	})
	_, err := c.Call(context.Background(), detectAuth)
	var he *HTTPError
	if !errors.As(err, &he) || he.HTTPStatus != 429 || he.Attempts != 3 {
		t.Fatalf("err = %v, want HTTP 429 after 3 attempts", err)
	}
	checkAttempts(t, s, 3)
}

func TestMaxAttemptsOne(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fRateLimit, fOK)
	c := newTestClient(t, s, func(c *Config) { c.MaxAttempts = 1 })
	_, err := c.Call(context.Background(), detectAuth)
	if ErrorCode(err) != "RequestLimitExceeded" {
		t.Fatalf("err = %v", err)
	}
	checkAttempts(t, s, 1)
}

// TestConnectionRefused: nothing listens, so nothing is ever sent, and
// even a billable call is retried.
func TestConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, err := New(Config{Credentials: credentials.Static(testCreds), Service: "faceid", Host: addr, Scheme: "http",
		MaxAttempts: 3, BaseWait: time.Millisecond, MaxWait: time.Millisecond, Rand: rand.NewPCG(1, 2)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Call(context.Background(), detectAuth)
	var ne *NetworkError
	if !errors.As(err, &ne) || ne.Sent || ne.Attempts != 3 || !ne.Retryable() {
		t.Fatalf("err = %#v (%v), want an unsent NetworkError after 3 attempts", ne, err)
	}
	if !strings.Contains(err.Error(), "could not send the request") || !strings.Contains(err.Error(), "refused") {
		t.Errorf("message %q does not explain the failure", err)
	}
}

// TestDialFailuresThenSuccess uses the caller's own http.Client, whose
// dialer fails twice: the custom transport is kept, and the call retried.
func TestDialFailuresThenSuccess(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	var dials atomic.Int32
	tr := http.DefaultTransport.(*http.Transport).Clone()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= 2 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connect: connection refused (injected)")}
		}
		return d.DialContext(ctx, network, addr)
	}
	c := newTestClient(t, s, func(c *Config) { c.HTTPClient = &http.Client{Transport: tr} })
	resp, err := c.Call(context.Background(), detectAuth)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Attempts != 3 {
		t.Errorf("Attempts = %d, want 3", resp.Attempts)
	}
	checkAttempts(t, s, 1)
}

// TestNoSuchHost: a host that does not resolve is not retried.
func TestNoSuchHost(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	tr := http.DefaultTransport.(*http.Transport).Clone()
	var dials atomic.Int32
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: "faceid.example", IsNotFound: true}}
	}
	c := newTestClient(t, s, func(c *Config) { c.HTTPClient = &http.Client{Transport: tr} })
	_, err := c.Call(context.Background(), detectAuth)
	var ne *NetworkError
	if !errors.As(err, &ne) || ne.Sent || ne.Attempts != 1 || IsRetryable(err) || dials.Load() != 1 {
		t.Fatalf("err = %v after %d dials, want one unsent, non-retryable attempt", err, dials.Load())
	}
}

// TestUserTLSClient: the caller's TLS configuration keeps working, and an
// untrusted certificate is not retried.
func TestUserTLSClient(t *testing.T) {
	s2 := newTLSFaultServer(t, newFakeClock())
	c := newTestClient(t, s2, func(c *Config) { c.Scheme = "https"; c.HTTPClient = s2.srv.Client() })
	if _, err := c.Call(context.Background(), detectAuth); err != nil {
		t.Fatal(err)
	}
	checkAttempts(t, s2, 1)

	untrusting := newTestClient(t, s2, func(c *Config) { c.Scheme = "https"; c.AttemptTimeout = time.Minute })
	_, err := untrusting.Call(context.Background(), detectAuth)
	var ne *NetworkError
	if !errors.As(err, &ne) || ne.Sent || ne.Attempts != 1 || IsRetryable(err) {
		t.Fatalf("err = %v, want one unsent, non-retryable attempt", err)
	}
	checkAttempts(t, s2, 1)
}

// TestContextCancelDuringBackoff: the wait is long, the cancel is prompt.
func TestContextCancelDuringBackoff(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	s.pick = func() fault { return fRateLimit }
	c := newTestClient(t, s, func(c *Config) {
		c.BaseWait = 10 * time.Second
		c.MaxWait = 10 * time.Second
		c.MaxTotalWait = time.Minute
		c.Rand = constSource(^uint64(0)) // jitter at its top: wait ~10s
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Call(ctx, detectAuth)
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancel took %v", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if ErrorCode(err) != "RequestLimitExceeded" {
		t.Errorf("the last attempt's error is lost: %v", err)
	}
	if IsRetryable(err) {
		t.Error("a cancelled call is reported retryable")
	}
	checkAttempts(t, s, 1)
}

// TestContextCancelDuringAttempt: a stalled attempt ends with the caller's cancel.
func TestContextCancelDuringAttempt(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fStall)
	c := newTestClient(t, s, func(c *Config) { c.AttemptTimeout = time.Minute })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Call(ctx, Call{Action: "GetDetectInfo", Version: "2018-03-01", Idempotent: true})
	if d := time.Since(start); d > time.Second {
		t.Errorf("cancel took %v", d)
	}
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "transport: GetDetectInfo: context canceled") {
		t.Fatalf("err = %v", err)
	}
	checkAttempts(t, s, 1)
}

// TestDeadlineBeforeNextAttempt: when the caller's deadline comes before
// the next attempt could start, the call ends now with the real error.
func TestDeadlineBeforeNextAttempt(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), f503HTML, fOK)
	c := newTestClient(t, s, func(c *Config) {
		c.BaseWait, c.MaxWait, c.MaxTotalWait = 10*time.Second, 10*time.Second, time.Minute
		c.Rand = constSource(^uint64(0))
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Call(ctx, detectAuth)
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("slept %v towards the deadline", d)
	}
	var he *HTTPError
	if !errors.As(err, &he) || he.HTTPStatus != 503 {
		t.Fatalf("err = %v, want the 503", err)
	}
}

func TestContextAlreadyDone(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	c := newTestClient(t, s, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Call(ctx, detectAuth); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	checkAttempts(t, s, 0)
}

// constSource is a rand.Source that always returns v.
type constSource uint64

func (c constSource) Uint64() uint64 { return uint64(c) }

// TestConnectionReuse: sequential calls share one connection, so bodies
// are read to the end and idle connections pooled.
func TestConnectionReuse(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fOK, fRateLimit, fOK, f503HTML, fOK, fGzip)
	c := newTestClient(t, s, nil)
	call := detectAuth
	call.Idempotent = true
	for i := 0; i < 4; i++ {
		if _, err := c.Call(context.Background(), call); err != nil {
			t.Fatal(err)
		}
	}
	s.mu.Lock()
	n := s.newConns
	s.mu.Unlock()
	if n != 1 {
		t.Errorf("%d connections for sequential calls, want 1", n)
	}
}

func TestTC3Headers(t *testing.T) {
	var got http.Header
	s := newFaultServer(t, newFakeClock())
	inner := s.srv.Config.Handler
	s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		inner.ServeHTTP(w, r)
	})
	c := newTestClient(t, s, nil)
	if _, err := c.Call(context.Background(), Call{Action: "DetectAuth", Version: "2018-03-01", Region: "ap-beijing", Body: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	checkAttempts(t, s, 1)
	want := map[string]string{
		"Content-Type":   "application/json",
		"X-Tc-Action":    "DetectAuth",
		"X-Tc-Version":   "2018-03-01",
		"X-Tc-Timestamp": "1795750620",
		"X-Tc-Region":    "ap-beijing",
		"X-Tc-Language":  "en-US",
		"X-Tc-Token":     testCreds.Token,
	}
	for k, v := range want {
		if got.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, got.Get(k), v)
		}
	}
	if !strings.HasPrefix(got.Get("Authorization"), "TC3-HMAC-SHA256 Credential="+testCreds.SecretID+"/2026-11-27/faceid/tc3_request, SignedHeaders=content-type;host, Signature=") {
		t.Errorf("Authorization = %q", got.Get("Authorization"))
	}
}

func TestTC3GET(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fRateLimit, fOK)
	c := newTestClient(t, s, func(c *Config) { c.Method = http.MethodGet })
	resp, err := c.Call(context.Background(), Call{Action: "GetDetectInfo", Version: "2018-03-01",
		Body: []byte(`{"RuleId":"1","BizToken":"a b/c+d=é","CallId":"g1","Nested":{"List":[1,true,"x"]}}`)})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Attempts != 2 {
		t.Errorf("Attempts = %d", resp.Attempts)
	}
	for _, a := range checkAttempts(t, s, 2) {
		if a.callID != "g1" {
			t.Errorf("CallId %q did not travel in the query", a.callID)
		}
	}
}

func TestV1(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		for _, sig := range []string{tc3.HmacSHA1, tc3.HmacSHA256} {
			t.Run(method+" "+sig, func(t *testing.T) {
				s := newFaultServer(t, newFakeClock(), fInternal, f503HTML, fOK)
				c := newTestClient(t, s, func(c *Config) { c.Method = method; c.SignatureMethod = sig })
				resp, err := c.Call(context.Background(), Call{Action: "DetectAuth", Version: "2018-03-01", Idempotent: true,
					Body: []byte(`{"RuleId":"1","CallId":"v1call","Name":"张 三","Extra":"a&b=c","List":[{"K":"v"}]}`)})
				if err != nil {
					t.Fatal(err)
				}
				if resp.Attempts != 3 {
					t.Errorf("Attempts = %d", resp.Attempts)
				}
				got := checkAttempts(t, s, 3)
				nonces := map[string]bool{}
				for _, a := range got {
					if a.callID != "v1call" || a.action != "DetectAuth" {
						t.Errorf("params lost: %+v", a)
					}
					if len(a.nonce) != 10 || nonces[a.nonce] {
						t.Errorf("nonce %q is not a fresh 10-digit value", a.nonce)
					}
					nonces[a.nonce] = true
				}
			})
		}
	}
}

// TestGETNotReplayed: net/http re-sends a GET on a reused connection that
// breaks; for a call not marked idempotent that must not happen.
func TestGETNotReplayed(t *testing.T) {
	for _, sig := range []string{tc3.Algorithm, tc3.HmacSHA256} {
		t.Run(sig, func(t *testing.T) {
			s := newFaultServer(t, newFakeClock(), fOK, fDropAfter, fOK)
			c := newTestClient(t, s, func(c *Config) { c.Method = http.MethodGet; c.SignatureMethod = sig })
			if _, err := c.Call(context.Background(), detectAuth); err != nil {
				t.Fatal(err)
			}
			_, err := c.Call(context.Background(), detectAuth) // on the pooled connection
			var ne *NetworkError
			if !errors.As(err, &ne) || !ne.Sent || ne.Attempts != 1 {
				t.Fatalf("err = %v, want one sent attempt", err)
			}
			checkAttempts(t, s, 2)
		})
	}
}

func TestV1ReservedField(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	c := newTestClient(t, s, func(c *Config) { c.SignatureMethod = tc3.HmacSHA256 })
	_, err := c.Call(context.Background(), Call{Action: "DetectAuth", Version: "2018-03-01", Body: []byte(`{"Nonce":"1"}`)})
	if err == nil || !strings.Contains(err.Error(), `"Nonce"`) {
		t.Fatalf("err = %v", err)
	}
	checkAttempts(t, s, 0)
}

func TestCredentialsPerAttempt(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fRateLimit, fOK)
	var n atomic.Int32
	c := newTestClient(t, s, func(c *Config) {
		c.Credentials = credentials.ProviderFunc(func(context.Context) (credentials.Credentials, error) {
			n.Add(1)
			return credentials.Credentials{SecretID: testCreds.SecretID, SecretKey: testCreds.SecretKey, Token: testCreds.Token}, nil
		})
	})
	if _, err := c.Call(context.Background(), detectAuth); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 {
		t.Errorf("provider asked %d times for 2 attempts", n.Load())
	}

	failing := newTestClient(t, s, func(c *Config) {
		c.Credentials = credentials.ProviderFunc(func(context.Context) (credentials.Credentials, error) {
			return credentials.Credentials{}, errors.New("metadata service down")
		})
	})
	_, err := failing.Call(context.Background(), detectAuth)
	if err == nil || !strings.Contains(err.Error(), "credentials provider: metadata service down") {
		t.Fatalf("err = %v", err)
	}
	checkAttempts(t, s, 2)
}

func TestConfigErrors(t *testing.T) {
	good := Config{Credentials: credentials.Static(testCreds), Service: "faceid"}
	cases := []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"no credentials", func(c *Config) { c.Credentials = nil }, "Credentials is nil"},
		{"no service", func(c *Config) { c.Service = "" }, "Service is empty"},
		{"service case", func(c *Config) { c.Service = "FaceID" }, "lower-case"},
		{"host with scheme", func(c *Config) { c.Host = "https://faceid.tencentcloudapi.com" }, "Config.Scheme"},
		{"host with path", func(c *Config) { c.Host = "faceid.tencentcloudapi.com/x" }, "bare host"},
		{"plain http remote", func(c *Config) { c.Scheme = "http" }, "loopback"},
		{"plain http remote host", func(c *Config) { c.Scheme = "http"; c.Host = "example.com" }, "loopback"},
		{"scheme", func(c *Config) { c.Scheme = "ftp" }, "Scheme"},
		{"method", func(c *Config) { c.Method = "post" }, "upper case"},
		{"signature method", func(c *Config) { c.SignatureMethod = "TC3" }, "SignatureMethod"},
		{"region", func(c *Config) { c.Region = "ap guangzhou" }, "Region"},
		{"negative", func(c *Config) { c.MaxWait = -1 }, "negative"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.mod(&cfg)
			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "transport: ") {
				t.Errorf("err = %v, want it to mention %q", err, tc.want)
			}
		})
	}
	for _, host := range []string{"127.0.0.1:8080", "localhost:1", "[::1]:9"} {
		cfg := good
		cfg.Scheme, cfg.Host = "http", host
		if _, err := New(cfg); err != nil {
			t.Errorf("http on %s: %v", host, err)
		}
	}
	c, err := New(good)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.String(); got != "transport.Client{POST https://faceid.tencentcloudapi.com/ faceid TC3-HMAC-SHA256}" {
		t.Errorf("String = %s", got)
	}
}

// TestFormattingRedacts: printing the config, the provider or the client
// with any verb never shows the key or the token.
func TestFormattingRedacts(t *testing.T) {
	cfg := Config{Credentials: credentials.Static(testCreds), Service: "faceid"}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for _, v := range []any{cfg, &cfg, cfg.Credentials, c, *c} {
			out.WriteString(fmt.Sprintf(verb, v))
		}
	}
	for _, secret := range []string{testCreds.SecretKey, testCreds.Token} {
		if strings.Contains(out.String(), secret) {
			t.Fatalf("formatted output contains a secret: %s", out.String())
		}
	}
}

func TestCallErrors(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	c := newTestClient(t, s, nil)
	for _, call := range []Call{
		{Version: "2018-03-01"},
		{Action: "DetectAuth"},
		{Action: "Detect Auth", Version: "2018-03-01"},
		{Action: "DetectAuth", Version: "2018-03-01", Region: "a/b"},
	} {
		if _, err := c.Call(context.Background(), call); err == nil || !strings.HasPrefix(err.Error(), "transport: ") {
			t.Errorf("%+v: err = %v", call, err)
		}
	}
	checkAttempts(t, s, 0)
}

// productCodes stands for a product's RetryableCode, as package faceid sets it.
func productCodes(code string) bool {
	switch code {
	case "FailedOperation.DetectEngineSystemError", "FailedOperation.DownLoadTimeoutError", "FailedOperation.CompareLibServiceUnavailable":
		return true
	}
	return false
}
