package transport

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Request size limits, checked before any byte of a request leaves the
// process (https://cloud.tencent.com/document/product/1278/46710: "GET 请求的请求包大小不得超过32KB。POST 请求使用签名方法
// v1（HmacSHA1、HmacSHA256）时不得超过1MB。POST 请求使用签名方法 v3（TC3-HMAC-SHA256）时最大支持10MB。",
// with KB = 1024 and MB = 1024 KB as in the SDK's sizelimit.go). Exported so a
// service package can check media sizes before it builds a body.
const (
	// MaxGETURLBytes (32768) bounds the full URL of a GET request (v1 or TC3).
	MaxGETURLBytes = tc3.MaxGETURLBytes
	// MaxV1BodyBytes (1048576) bounds the x-www-form-urlencoded body of a
	// v1 (HmacSHA1/HmacSHA256) POST, measured as encoded and sent.
	MaxV1BodyBytes = tc3.MaxV1BodyBytes
	// MaxTC3BodyBytes (10485760) bounds the JSON body of a TC3-HMAC-SHA256 POST.
	MaxTC3BodyBytes = tc3.MaxTC3BodyBytes
)

// SizeError reports a request refused before sending because it is over
// one of Tencent's request size limits. Nothing was sent.
type SizeError struct {
	Action          string
	Size            int64  // bytes of the body (POST) or of the URL (GET)
	Limit           int64  // one of MaxGETURLBytes, MaxV1BodyBytes, MaxTC3BodyBytes
	Method          string // "POST" or "GET"
	SignatureMethod string // tc3.Algorithm, tc3.HmacSHA256 or tc3.HmacSHA1
}

func (e *SizeError) Error() string {
	var b strings.Builder
	b.WriteString("transport: ")
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	size, limit := strconv.FormatInt(e.Size, 10), strconv.FormatInt(e.Limit, 10)
	switch {
	case e.Method == "GET":
		b.WriteString("request URL is " + size + " bytes, over the " + limit +
			"-byte limit for GET requests: use POST, which carries the parameters in the body")
	case e.SignatureMethod != tc3.Algorithm:
		b.WriteString("request body is " + size + " bytes, over the " + limit + "-byte limit for " +
			e.SignatureMethod + " POST requests: sign with TC3-HMAC-SHA256, which accepts up to " +
			strconv.Itoa(MaxTC3BodyBytes) + " bytes")
	default:
		b.WriteString("request body is " + size + " bytes, over the " + limit +
			"-byte limit for TC3-HMAC-SHA256 POST requests: send less, e.g. a smaller image or video, or a URL instead of Base64 data")
	}
	return b.String()
}

// APIError is an error answer from the API, the envelope
// {"Response":{"Error":{"Code","Message"},"RequestId"}} (https://cloud.tencent.com/document/api/1007/31324),
// usually with HTTP 200. Branch on Code, never on Message, which Tencent
// says may change at any time.
type APIError struct {
	Action     string
	Code       string
	Message    string
	RequestId  string
	HTTPStatus int
	Attempts   int // attempts made by the call, this one included

	class      codeClass // under the client's RetryableCode too
	idempotent bool      // the call was marked safe to repeat
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("transport: ")
	b.WriteString(e.Action)
	b.WriteString(": ")
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	b.WriteString(" (")
	if e.RequestId != "" {
		b.WriteString("RequestId ")
		b.WriteString(e.RequestId)
		b.WriteString(", ")
	}
	b.WriteString("attempt ")
	b.WriteString(strconv.Itoa(e.Attempts))
	b.WriteString(", HTTP ")
	b.WriteString(strconv.Itoa(e.HTTPStatus))
	b.WriteString(")")
	return b.String()
}

// Retryable reports whether repeating the call after a pause is safe and
// may succeed. RequestLimitExceeded and its sub-codes are refused by the
// gateway before the backend sees the call, so they are retryable for every
// call. Transient backend codes (InternalError, ServiceUnavailable, a
// product's "try again later" codes) come after the call reached the
// backend, which may have processed and billed it: they are retryable only
// for a call marked Idempotent. AuthFailure.SignatureExpire is retried once,
// re-signed, by the client itself; when it still reaches the caller the
// clock is wrong, so it is not reported as retryable.
func (e *APIError) Retryable() bool {
	cls := e.class
	if cls == codeNever {
		cls = classifyCode(e.Code, nil)
	}
	return cls == codeThrottle || cls == codeRetry && e.idempotent
}

// HTTPError is a response that carries no usable API envelope: an HTML
// error page from a proxy or gateway, a status other than 200 without an
// error code, a body that is not JSON (truncated included), too large, or
// in an unknown encoding.
type HTTPError struct {
	Action      string
	HTTPStatus  int
	Status      string // e.g. "502 Bad Gateway"
	ContentType string
	// Reason says what is wrong with the response, e.g. "body is not JSON".
	Reason string
	// Snippet is the start of the body (about 200 bytes), with control
	// characters replaced, to show what the server sent. It is left empty
	// for a 2xx JSON body, which may hold personal data.
	Snippet   string
	RequestId string // when the body had one
	Attempts  int

	retryable  bool          // by status: 429, 5xx but 501
	ambiguous  bool          // a 2xx whose body was lost: the call may have run
	tooLarge   bool          // over MaxResponseBytes: a repeat gets the same answer
	idempotent bool          // the call was marked safe to repeat
	retryAfter time.Duration // from a Retry-After header, uncapped
}

func (e *HTTPError) Error() string {
	var b strings.Builder
	b.WriteString("transport: ")
	b.WriteString(e.Action)
	b.WriteString(": HTTP ")
	if e.Status != "" {
		b.WriteString(e.Status)
	} else {
		b.WriteString(strconv.Itoa(e.HTTPStatus))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	if e.ContentType != "" {
		b.WriteString(" (Content-Type ")
		b.WriteString(e.ContentType)
		b.WriteString(")")
	}
	if e.Snippet != "" {
		b.WriteString(": body starts ")
		b.WriteString(strconv.Quote(e.Snippet))
	}
	b.WriteString(" (")
	if e.RequestId != "" {
		b.WriteString("RequestId ")
		b.WriteString(e.RequestId)
		b.WriteString(", ")
	}
	b.WriteString("attempt ")
	b.WriteString(strconv.Itoa(e.Attempts))
	b.WriteString(")")
	return b.String()
}

// Retryable reports whether repeating the call is safe and may succeed:
// HTTP 429 (the request was refused), or, for a call marked Idempotent, a
// 5xx other than 501 or a 2xx whose body was lost. A 5xx can come from a
// load balancer after the backend processed and billed the call, so it is
// not retryable for a billable call. A body over MaxResponseBytes is never
// retryable: the answer will not shrink.
func (e *HTTPError) Retryable() bool {
	if e.tooLarge {
		return false
	}
	return e.HTTPStatus == http.StatusTooManyRequests || e.idempotent && (e.retryable || e.ambiguous)
}

// mayHaveRun reports whether the backend may have processed the call that
// got this response: any 5xx, and a 2xx whose body was unusable.
func (e *HTTPError) mayHaveRun() bool { return e.HTTPStatus >= 500 || e.ambiguous }

// NetworkError is a failure to get a complete response: the connection
// could not be made, broke, or the attempt timed out.
type NetworkError struct {
	Action   string
	Attempts int
	// Sent is false when the failure happened before the request was
	// fully written (dial error, connection refused), so the server cannot
	// have acted on it. When true the server may have processed the call.
	Sent bool
	// Timeout is true when the per-attempt timeout expired.
	Timeout bool
	Err     error

	idempotent bool
	permanent  bool // e.g. a TLS certificate the system does not trust
}

func (e *NetworkError) Error() string {
	var b strings.Builder
	b.WriteString("transport: ")
	b.WriteString(e.Action)
	switch {
	case !e.Sent:
		b.WriteString(": could not send the request")
	case e.Timeout:
		b.WriteString(": no complete response before the attempt timeout; the server may have processed the request")
	default:
		b.WriteString(": connection failed after the request was sent; the server may have processed it")
	}
	b.WriteString(" (attempt ")
	b.WriteString(strconv.Itoa(e.Attempts))
	if e.Sent && !e.idempotent {
		b.WriteString(", not retried: the call is not marked idempotent")
	}
	b.WriteString(")")
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *NetworkError) Unwrap() error { return e.Err }

// Retryable reports whether repeating the call is safe and may succeed:
// the request never reached the server, or it did and the call was marked
// idempotent.
func (e *NetworkError) Retryable() bool { return !e.permanent && (!e.Sent || e.idempotent) }

// MaybeProcessedError reports a call not marked Idempotent that failed
// after its request may have reached the backend: the connection broke or
// timed out after the request was written, a 5xx came back (a load
// balancer's 502 or 504 can follow a call the backend processed), the
// answer was unreadable or too large, or the API answered a transient
// backend error such as InternalError. The backend may have processed the
// call, and billed it. The client did not resend it, and IsRetryable says
// no: repeating it may bill twice. Err is the last attempt's error
// (*NetworkError, *HTTPError, *APIError, or one that matches ctx.Err()).
type MaybeProcessedError struct {
	Action    string
	RequestId string // when the server gave one; quote it to Tencent support
	Attempts  int
	Err       error
}

func (e *MaybeProcessedError) Error() string {
	var b strings.Builder
	b.WriteString("transport: ")
	b.WriteString(e.Action)
	b.WriteString(": ")
	if e.Err != nil {
		b.WriteString(strings.TrimPrefix(e.Err.Error(), "transport: "+e.Action+": "))
		b.WriteString("; ")
	}
	b.WriteString("the call may have been processed, and billed, so it was not resent (it is not marked Idempotent): find out whether it ran before repeating it")
	if e.RequestId != "" {
		b.WriteString(" (ask Tencent support about RequestId ")
		b.WriteString(e.RequestId)
		b.WriteString(")")
	}
	b.WriteString(", or accept a second charge")
	return b.String()
}

func (e *MaybeProcessedError) Unwrap() error { return e.Err }

// Retryable is always false: repeating the call may bill it twice.
func (e *MaybeProcessedError) Retryable() bool { return false }

// MaybeProcessed reports whether err, or an error it wraps, is a
// *MaybeProcessedError: a billable call that may have run although it failed.
func MaybeProcessed(err error) bool {
	var mp *MaybeProcessedError
	return errors.As(err, &mp)
}

// canceledError is returned when the caller's context ends the call. It
// unwraps to the context's error and to the last attempt's error, if any.
type canceledError struct {
	action   string
	attempts int
	ctxErr   error
	cause    error // context.Cause, when different from ctxErr
	last     error
}

func (e *canceledError) Error() string {
	s := "transport: " + e.action + ": " + e.ctxErr.Error()
	if e.cause != nil {
		s += " (" + e.cause.Error() + ")"
	}
	s += " after " + strconv.Itoa(e.attempts) + " attempt(s)"
	if e.last != nil {
		s += "; last error: " + e.last.Error()
	}
	return s
}

func (e *canceledError) Unwrap() []error {
	errs := []error{e.ctxErr}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	if e.last != nil {
		errs = append(errs, e.last)
	}
	return errs
}

func newCanceledError(ctx context.Context, action string, attempts int, last error) error {
	e := &canceledError{action: action, attempts: attempts, ctxErr: ctx.Err(), last: last}
	if c := context.Cause(ctx); c != nil && c != e.ctxErr {
		e.cause = c
	}
	return e
}

// IsRetryable reports whether err, or an error it wraps, says the call
// may succeed if repeated later: a retryable API code, a 429/5xx status,
// or a network failure that is safe to repeat. It is false for nil, for
// a cancelled context and for every error the client made itself.
func IsRetryable(err error) bool {
	if err == nil {
		return false
	}
	var ce *canceledError
	if errors.As(err, &ce) {
		return false
	}
	var r interface{ Retryable() bool }
	return errors.As(err, &r) && r.Retryable()
}

// ErrorCode returns the Tencent error code carried by err (an *APIError
// in its chain), or "" when there is none.
func ErrorCode(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// RequestID returns the RequestId carried by err, for support tickets, or
// "" when the server gave none.
func RequestID(err error) string {
	var mp *MaybeProcessedError
	if errors.As(err, &mp) && mp.RequestId != "" {
		return mp.RequestId
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.RequestId
	}
	var he *HTTPError
	if errors.As(err, &he) {
		return he.RequestId
	}
	return ""
}

// sanitize returns at most max bytes of s as valid UTF-8 on one line:
// control characters become spaces, runs of spaces collapse, and "..."
// marks a cut. It keeps server text readable inside an error message.
func sanitize(s []byte, max int) string {
	cut := false
	if len(s) > max {
		s = s[:max]
		cut = true
		// Do not split a rune.
		for i := 0; i < utf8.UTFMax && len(s) > 0; i++ {
			r, size := utf8.DecodeLastRune(s)
			if r != utf8.RuneError || size != 1 {
				break
			}
			s = s[:len(s)-1]
		}
	}
	var b strings.Builder
	b.Grow(len(s) + 3)
	space := false
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		if r == utf8.RuneError && size == 1 || !unicode.IsPrint(r) || unicode.IsSpace(r) {
			if r == utf8.RuneError && size == 1 {
				r = utf8.RuneError
			} else {
				r = ' '
			}
		}
		if r == ' ' {
			if space || b.Len() == 0 {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), " ")
	if cut {
		out += "..."
	}
	return out
}
