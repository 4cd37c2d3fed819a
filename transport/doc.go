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
//     (shared/reference/tc3-signing.md 10.1, 13). The body is hashed once
//     per call.
//   - The retry policy reads Tencent's error codes from HTTP-200 envelopes
//     (tc3-signing.md 8, 10.2): rate limits, internal errors and the
//     product's own "try again later" codes (Config.RetryableCode, which
//     package faceid fills) are retried with exponential backoff
//     and full jitter, capped per wait and in total; Retry-After is
//     honoured up to the per-wait cap; AuthFailure.SignatureExpire is
//     retried once. A failure after the request may have reached the
//     server is retried only for calls marked Idempotent, since FaceID
//     verification calls are billable. Auth, parameter, quota and business
//     errors are never retried.
//   - Requests over Tencent's size limits are refused before any byte is
//     sent (tc3-signing.md 3.2), and responses are read with a size cap.
//   - Logging is off unless a *slog.Logger is given, and never includes
//     credentials, signatures, the Authorization header or bodies.
//
// The package knows nothing of any product's fields; faceid sits on top.
package transport
