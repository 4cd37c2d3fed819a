// Package tc3 signs Tencent Cloud API 3.0 requests with TC3-HMAC-SHA256 and
// with the legacy v1 HmacSHA1/HmacSHA256 methods.
//
// It is pure: no I/O, no clock, no global state. Every input (credentials,
// service, host, method, query, content type, extra signed headers, payload
// or payload hash, timestamp) is explicit, and [Sign] returns every
// intermediate value (canonical request, string to sign, derived keys) so a
// signature computed elsewhere can be compared step by step.
//
// The rules implemented here are Tencent's, from the signature v3 page
// (https://cloud.tencent.com/document/api/213/30654), the v1 page
// (https://cloud.tencent.com/document/api/1007/31325) and the request
// structure page (https://cloud.tencent.com/document/product/1278/46710).
//
// The gateway's checks of a received request live in one place, [Check]: it
// returns one [Finding] per rule (check name, pass or fail, the gateway's
// error code, the reason and the fix), and [Verify] is its first failure.
// tc3sign verify renders the findings; the faceidtest stand-in (and so
// tc3sign serve) answers with the first failure.
//
// Values that grant access (SecretKey, derived keys, token, signature) never
// appear in error strings, and the types that hold them redact them when
// formatted with the fmt package.
package tc3
