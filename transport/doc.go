// Package transport sends signed Tencent Cloud API 3.0 calls over HTTP: it
// is the one place where a call meets the network.
//
// Given a service, host, action, version, region, signature method,
// credentials and a JSON body, [Client.Call] sends the call and returns the
// inner object of the {"Response": {...}} envelope, or a typed error. It is
// built on github.com/hashicorp/go-retryablehttp, configured rather than
// forked:
//
//   - Every attempt, the first included, is built and signed afresh by a
//     per-call http.RoundTripper, with a new X-TC-Timestamp (or v1
//     Timestamp and Nonce). The official SDK replays the first signature,
//     so a long backoff can end in AuthFailure.SignatureExpire
//     (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/netretry.go). The body is hashed once
//     per call.
//   - The retry policy reads Tencent's error codes from the API's error
//     envelopes (HTTP 200 with {"Response":{"Error":...}}) and never bills a
//     call twice. A call is billable unless Call.Idempotent says it is safe
//     to repeat (FaceID's verification calls are charged per call). A
//     billable call is retried only when it provably was not processed:
//     the connection failed before the whole request was written, HTTP
//     429, or RequestLimitExceeded* (refused by the gateway before the
//     backend). After any failure that may have reached the backend (a
//     reset or timeout after writing, a 5xx, an HTTP/2 stream reset, an
//     unreadable answer, InternalError and the product's transient codes,
//     Config.RetryableCode) it ends with a *MaybeProcessedError that says
//     so, with the RequestId; IsRetryable and every error's Retryable say
//     no. net/http's own replays (HTTP/1.1 idempotent requests, HTTP/2
//     after a stream reset) are switched off for billable calls, and a
//     billable call dials afresh rather than reuse a connection idle long
//     enough for the server to be closing it. Idempotent calls retry those
//     failures with exponential backoff and full jitter, capped per wait
//     and in total; Retry-After is honoured up to the per-wait cap.
//   - AuthFailure.SignatureExpire is retried once: the client learns its
//     clock's offset from the gateway's answer (the server time in the
//     message, or the Date header), signs with the corrected clock, keeps
//     the offset for its later calls and logs the skew once, at warning
//     level.
//   - An adaptive rate limiter per action (the AWS SDKs' adaptive retry
//     mode) paces a Client's attempts once the gateway throttles them, so
//     concurrent callers do not retry in waves; see limiter.go. On by
//     default; Config.DisableAdaptiveRateLimit.
//   - Auth, parameter, quota and business errors are never retried, nor an
//     answer over MaxResponseBytes: it will not shrink.
//   - Requests over Tencent's size limits are refused before any byte is
//     sent (https://cloud.tencent.com/document/product/1278/46710), and responses are read with a size cap.
//   - Logging is off unless a *slog.Logger is given, and never includes
//     credentials, signatures, the Authorization header or bodies.
//
// The package knows nothing of any product's fields; faceid sits on top.
package transport
