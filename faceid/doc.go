// Package faceid is a client for Tencent Cloud FaceID (service faceid, version 2018-03-01):
// DetectAuth, GetDetectInfo, GetDetectInfoEnhanced, GetActionSequence, GetLiveCode,
// ImageRecognition, LivenessCompare and LivenessRecognition, with typed requests and
// responses, their validation rules, base64 media handling and a one-pass body encoder. It
// sends through package transport and knows nothing of signing.
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
