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
// (https://cloud.tencent.com/document/api/213/30654) and the v1 page
// (https://cloud.tencent.com/document/api/1007/31325); the team's fact sheet
// shared/reference/tc3-signing.md sections 2 and 5 cites them line by line.
//
// Values that grant access (SecretKey, derived keys, token, signature) never
// appear in error strings, and the types that hold them redact them when
// formatted with the fmt package.
package tc3
