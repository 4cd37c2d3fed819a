package transport

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestClassifyCode(t *testing.T) {
	cases := map[string]codeClass{
		"RequestLimitExceeded":                              codeThrottle,
		"RequestLimitExceeded.IPLimitExceeded":              codeThrottle,
		"RequestLimitExceeded.UinLimitExceeded":             codeThrottle,
		"RequestLimitExceeded.GlobalRegionUinLimitExceeded": codeThrottle,
		"InternalError":                                     codeRetry,
		"InternalError.UnKnown":                             codeRetry,
		"ServiceUnavailable":                                codeRetry,
		"ResourceUnavailable":                               codeRetry,
		"FailedOperation.DetectEngineSystemError":           codeRetry, // through productCodes
		"FailedOperation.DownLoadTimeoutError":              codeRetry,
		"FailedOperation.CompareLibServiceUnavailable":      codeRetry,
		"FailedOperation.DbError":                           codeNever, // not in productCodes
		"AuthFailure.SignatureExpire":                       codeResign,
		"AuthFailure.SignatureFailure":                      codeNever,
		"AuthFailure.SecretIdNotFound":                      codeNever,
		"FailedOperation.RequestLimitExceeded":              codeNever, // a quota, not a rate
		"FailedOperation.IdentityAuthLimitExceeded":         codeNever,
		"FailedOperation.LivessDetectFail":                  codeNever,
		"FailedOperation.CompareLowSimilarity":              codeNever,
		"InvalidParameterValue.BizTokenExpired":             codeNever,
		"UnauthorizedOperation.Arrears":                     codeNever,
		"LimitExceeded":                                     codeNever,
		"RequestSizeLimitExceeded":                          codeNever,
		"RequestLimitExceededX":                             codeNever,
		"":                                                  codeNever,
	}
	for code, want := range cases {
		if got := classifyCode(code, productCodes); got != want {
			t.Errorf("classifyCode(%q) = %d, want %d", code, got, want)
		}
	}
}

func TestRetryableStatus(t *testing.T) {
	var got []int
	for _, s := range []int{200, 301, 400, 403, 404, 413, 429, 500, 501, 502, 503, 504, 599} {
		if retryableStatus(s) {
			got = append(got, s)
		}
	}
	if diff := cmp.Diff([]int{429, 500, 502, 503, 504, 599}, got); diff != "" {
		t.Errorf("retryable statuses (-want +got):\n%s", diff)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	h := func(kv ...string) http.Header {
		hh := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			hh.Set(kv[i], kv[i+1])
		}
		return hh
	}
	cases := []struct {
		name string
		h    http.Header
		want time.Duration
	}{
		{"absent", h(), 0},
		{"seconds", h("Retry-After", "3"), 3 * time.Second},
		{"zero", h("Retry-After", "0"), 0},
		{"negative", h("Retry-After", "-5"), 0},
		{"huge", h("Retry-After", "999999999"), 24 * time.Hour},
		{"garbage", h("Retry-After", "soon"), 0},
		{"date", h("Retry-After", now.Add(90*time.Second).Format(http.TimeFormat)), 90 * time.Second},
		{"date vs server Date", h("Retry-After", now.Add(time.Hour+10*time.Second).Format(http.TimeFormat),
			"Date", now.Add(time.Hour).Format(http.TimeFormat)), 10 * time.Second},
		{"past date", h("Retry-After", now.Add(-time.Minute).Format(http.TimeFormat)), 0},
	}
	for _, tc := range cases {
		if got := parseRetryAfter(tc.h, now); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestBackoff: full jitter stays in [0, min(max, base*2^(retry-1))] and
// covers that range.
func TestBackoff(t *testing.T) {
	j := newJitter(rand.NewPCG(7, 7))
	base, maxWait := 100*time.Millisecond, time.Second
	for retry, ceil := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 4: 800 * time.Millisecond, 5: time.Second, 60: time.Second} {
		var lo, hi time.Duration = ceil, 0
		for i := 0; i < 2000; i++ {
			w := backoff(j, base, maxWait, retry)
			if w < 0 || w > ceil {
				t.Fatalf("retry %d: wait %v outside [0, %v]", retry, w, ceil)
			}
			lo, hi = min(lo, w), max(hi, w)
		}
		if lo > ceil/10 || hi < ceil*9/10 {
			t.Errorf("retry %d: waits span [%v, %v] of [0, %v]: not full jitter", retry, lo, hi, ceil)
		}
	}
	// A fixed seed gives a fixed sequence.
	a, b := newJitter(rand.NewPCG(1, 2)), newJitter(rand.NewPCG(1, 2))
	for i := 1; i < 10; i++ {
		if x, y := backoff(a, base, maxWait, i), backoff(b, base, maxWait, i); x != y {
			t.Fatalf("same seed, different waits %v %v", x, y)
		}
	}
	if n := newJitter(nil).nonce(); n < 1_000_000_000 || n > 1<<31-1 {
		t.Errorf("nonce %d is not ten digits in int32", n)
	}
}

func TestSanitize(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"plain", 200, "plain"},
		{"  a\r\n\tb  \x00c ", 200, "a b c"},
		{"<html>\n<body>", 200, "<html> <body>"},
		{"abcdef", 3, "abc..."},
		{"张三李四", 7, "张三..."}, // never splits a rune
		{"bad\xffutf8", 200, "bad\ufffdutf8"},
	}
	for _, tc := range cases {
		if got := sanitize([]byte(tc.in), tc.max); got != tc.want {
			t.Errorf("sanitize(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestReadBodyEncodings(t *testing.T) {
	body := `{"Response":{"RequestId":"r"}}`
	var gz, raw bytes.Buffer
	zw := gzip.NewWriter(&gz)
	io.WriteString(zw, body)
	zw.Close()
	fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
	io.WriteString(fw, body)
	fw.Close()
	resp := func(enc string, b []byte) *http.Response {
		return &http.Response{Header: http.Header{"Content-Encoding": {enc}}, Body: io.NopCloser(bytes.NewReader(b)), ContentLength: -1}
	}
	for _, tc := range []struct {
		name, enc string
		body      []byte
		max       int64
		want      string // body, or the HTTPError reason's start
	}{
		{"gzip", "gzip", gz.Bytes(), 1024, body},
		{"raw deflate", "deflate", raw.Bytes(), 1024, body},
		{"gzip bomb", "gzip", gz.Bytes(), 10, "body exceeds MaxResponseBytes (10)"},
		{"corrupt gzip", "gzip", []byte("not gzip at all"), 1024, "corrupt gzip body"},
		{"unknown", "br", []byte("x"), 1024, `unsupported Content-Encoding "br"`},
	} {
		got, err := readBody(resp(tc.enc, tc.body), tc.max)
		var he *HTTPError
		switch {
		case err == nil:
			if string(got) != tc.want {
				t.Errorf("%s: body %q", tc.name, got)
			}
		case errors.As(err, &he):
			if !strings.HasPrefix(he.Reason, tc.want) {
				t.Errorf("%s: reason %q, want %q", tc.name, he.Reason, tc.want)
			}
		default:
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestErrorHelpers: IsRetryable, ErrorCode and RequestID see through wrapping.
func TestErrorHelpers(t *testing.T) {
	api := &APIError{Action: "A", Code: "InternalError", RequestId: "r1", HTTPStatus: 200, Attempts: 4, idempotent: true}
	wrapped := fmt.Errorf("faceid: %w", api)
	if !IsRetryable(wrapped) || ErrorCode(wrapped) != "InternalError" || RequestID(wrapped) != "r1" {
		t.Errorf("helpers do not unwrap: %v %q %q", IsRetryable(wrapped), ErrorCode(wrapped), RequestID(wrapped))
	}
	if IsRetryable(nil) || IsRetryable(errors.New("x")) || ErrorCode(nil) != "" {
		t.Error("helpers on nil or plain errors")
	}
	if (&APIError{Code: "AuthFailure.SignatureExpire"}).Retryable() {
		t.Error("SignatureExpire reaching the caller means a wrong clock: not retryable")
	}
	// A transient backend code is retryable only for an idempotent call:
	// the backend may have processed a billable one. A rate limit is
	// refused before the backend, so it is retryable for every call.
	if (&APIError{Code: "InternalError"}).Retryable() || !(&APIError{Code: "RequestLimitExceeded.UinLimitExceeded"}).Retryable() {
		t.Error("APIError.Retryable: InternalError of a billable call, or a rate limit")
	}
	for _, he := range []*HTTPError{{HTTPStatus: 502, retryable: true}, {HTTPStatus: 200, ambiguous: true}, {HTTPStatus: 200, tooLarge: true, ambiguous: true, idempotent: true}} {
		if he.Retryable() {
			t.Errorf("%+v is retryable", he)
		}
	}
	if !(&HTTPError{HTTPStatus: 429, retryable: true}).Retryable() || !(&HTTPError{HTTPStatus: 502, retryable: true, idempotent: true}).Retryable() {
		t.Error("HTTPError.Retryable: 429, or 502 of an idempotent call")
	}
	mp := &MaybeProcessedError{Action: "A", RequestId: "r2", Err: &HTTPError{HTTPStatus: 502, retryable: true, idempotent: true}}
	if IsRetryable(fmt.Errorf("x: %w", mp)) || RequestID(mp) != "r2" || !MaybeProcessed(fmt.Errorf("x: %w", mp)) {
		t.Error("MaybeProcessedError helpers")
	}
	ne := &NetworkError{Sent: true, idempotent: true}
	if !ne.Retryable() || (&NetworkError{Sent: true}).Retryable() || !(&NetworkError{}).Retryable() {
		t.Error("NetworkError.Retryable")
	}
	he := &HTTPError{HTTPStatus: 200, ambiguous: true}
	if he.Retryable() {
		t.Error("a lost 200 on a billable call is not retryable")
	}
}

// TestBackoffExtremes: no setting of BaseWait and MaxWait makes backoff
// panic or leave [0, MaxWait], math.MaxInt64 included.
func TestBackoffExtremes(t *testing.T) {
	j := newJitter(rand.NewPCG(3, 4))
	huge := time.Duration(math.MaxInt64)
	for _, w := range [][2]time.Duration{{huge, huge}, {1, huge}, {huge, 1}, {huge / 2, huge}, {huge/2 + 1, huge}, {time.Hour, time.Second}, {1, 1}} {
		for retry := 1; retry <= 80; retry++ {
			got := backoff(j, w[0], w[1], retry)
			if got < 0 || got > w[1] {
				t.Fatalf("backoff(%v, %v, %d) = %v, outside [0, MaxWait]", w[0], w[1], retry, got)
			}
		}
	}
}

// TestExtremeWaitsThroughClient: math.MaxInt64 waits in a Config do not
// panic a call; the caller's deadline ends it.
func TestExtremeWaitsThroughClient(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fRateLimit, fRateLimit)
	c := newTestClient(t, s, func(c *Config) {
		c.BaseWait, c.MaxWait, c.MaxTotalWait = math.MaxInt64, math.MaxInt64, math.MaxInt64
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.Call(ctx, detectAuth)
	if ErrorCode(err) != "RequestLimitExceeded" {
		t.Fatalf("err = %v, want the RequestLimitExceeded", err)
	}
}
