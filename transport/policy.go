package transport

import (
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// codeClass is what the retry policy does with an API error code.
type codeClass int

const (
	codeNever    codeClass = iota // auth, parameter, quota and business errors, and unknown codes
	codeRetry                     // transient backend error: retry with backoff, idempotent calls only
	codeThrottle                  // rate limit, refused before the backend: retry with backoff, every call
	codeResign                    // AuthFailure.SignatureExpire: re-sign and retry once
)

// classifyCode sorts an API error code into a retry class, following
// the official SDKs' retry rules (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/ratelimitretry.go) and the codes'
// own descriptions: the common transient codes are built in, and
// productRetryable (Config.RetryableCode, may be nil) adds a product's own.
// Anything else is never retried: FailedOperation.RequestLimitExceeded is a
// quota, not a rate limit, and end-user results would only bill again.
func classifyCode(code string, productRetryable func(string) bool) codeClass {
	switch {
	case code == "RequestLimitExceeded", strings.HasPrefix(code, "RequestLimitExceeded."):
		return codeThrottle
	case code == "InternalError", strings.HasPrefix(code, "InternalError."):
		return codeRetry
	case code == "ServiceUnavailable", code == "ResourceUnavailable":
		return codeRetry
	case code == "AuthFailure.SignatureExpire":
		return codeResign
	case productRetryable != nil && productRetryable(code):
		return codeRetry
	}
	return codeNever
}

// retryableStatus reports whether an HTTP status without an API error code
// is worth retrying: 429 and 5xx except 501 (Not Implemented is final).
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500 && status != http.StatusNotImplemented
}

// parseRetryAfter reads a Retry-After header, in seconds or as an HTTP
// date; a date is measured against the response's Date header when there
// is one, so the client's clock skew does not matter. It returns 0 when
// absent or invalid.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0
	}
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		now = d
	}
	if d := at.Sub(now); d > 0 {
		return d
	}
	return 0
}

// jitter draws uniform random durations for full-jitter backoff from one
// source shared by all calls.
type jitter struct {
	mu sync.Mutex
	r  *rand.Rand // nil: the goroutine-safe global source
}

func newJitter(src rand.Source) *jitter {
	if src == nil {
		return &jitter{}
	}
	return &jitter{r: rand.New(src)}
}

// int64n returns a uniform value in [0, n); n must be > 0.
func (j *jitter) int64n(n int64) int64 {
	if j.r == nil {
		return rand.Int64N(n)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.r.Int64N(n)
}

// nonce returns a v1 Nonce: a random positive integer (https://cloud.tencent.com/document/api/1007/31325)
// of exactly ten digits that fits in an int32, so the size of a v1 request
// does not change from one attempt to the next.
func (j *jitter) nonce() int64 {
	const lo, hi = 1_000_000_000, 1<<31 - 1
	return lo + j.int64n(hi-lo+1)
}

// backoff returns the wait before retry number retry (1 for the first
// retry): full jitter, uniform in [0, min(maxWait, base*2^(retry-1))].
// Any base and maxWait work, math.MaxInt64 included: the doubling stops
// before it overflows.
func backoff(j *jitter, base, maxWait time.Duration, retry int) time.Duration {
	ceil := min(base, maxWait)
	for i := 1; i < retry && ceil < maxWait; i++ {
		if ceil > maxWait/2 {
			ceil = maxWait
			break
		}
		ceil *= 2
	}
	if ceil <= 0 {
		return 0
	}
	if ceil == math.MaxInt64 {
		return time.Duration(j.int64n(math.MaxInt64)) // [0, MaxInt64): one short of the top
	}
	return time.Duration(j.int64n(int64(ceil) + 1))
}
