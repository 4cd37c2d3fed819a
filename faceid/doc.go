// Package faceid is a client for Tencent Cloud FaceID (service faceid, version 2018-03-01),
// with typed requests and responses, their validation rules, base64 media handling and a
// one-pass body encoder. It sends through package transport and knows nothing of signing.
//
// Actions lists every action it implements, from one table (actions.go): per action whether a
// retry after an ambiguous failure could bill twice, how it reports an answer that did not
// pass (Family), its media fields and Tencent's page. The Client's methods are one line each
// into one call path (call.go). The files follow the flows: saas.go (DetectAuth and its
// results), paas.go (liveness and face comparison), types.go (nested types shared by several
// flows), results.go (the result families and VerificationError), validate.go (the shared
// validation rules).
//
// Two traps of the API are handled here. The verification actions answer HTTP 200 without an
// error when the person does not pass; their methods then return a *VerificationError, so a
// nil error means the check passed. And media must be standard padded base64 without a data:
// prefix or line breaks; Media normalises and validates it, or encodes raw bytes itself.
//
// Facts cite Tencent's public page of each action (Action.DocURL, and the doc comment of
// each Client method).
//
// # Field conventions
//
// JSON names are exactly the names Tencent prints, mixed case included (Comparestatus, Idcard,
// UseIDType, NFCRequestIds).
//
// Requests: required fields are plain values. Optional fields are pointers (use Ptr): nil
// leaves the field out, a non-nil pointer is sent even when it points to "", 0 or false, as
// the official SDK does. Optional slices are left out when empty.
// Photo and video fields are Media; the zero Media is left out.
//
// Responses: strings and arrays are plain values, because JSON null and "" or [] mean the same
// there. Numbers, booleans and nested objects are pointers, because null ("not reported") must
// not read as 0 or false: a status code of 0 means success in these responses, and a null one
// must never look like a pass.
package faceid
