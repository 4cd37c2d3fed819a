// Package faceidtest is a stand-in for the Tencent Cloud FaceID endpoint
// (API 3.0, faceid 2018-03-01), for tests, demos and integration tests.
//
// Like net/http/httptest, [NewServer] starts a real HTTP server on a
// loopback port; [NewHandler] gives the bare http.Handler. It validates the
// parameters of all 38 actions of faceid 2018-03-01 against schema.json, a
// copy of Tencent's published API metadata (schema.README.md names the source
// and its date), and answers the actions that have a handler (see the flow
// files: saas.go, paas.go; each registers its actions). It does not import
// package faceid, on purpose: a field-name mistake in the client's structs
// then shows up as an UnknownParameter or MissingParameter answer instead of
// passing a round trip.
//
// # What it checks
//
// Every request is checked as the API gateway does, with [tc3.Verify]: body
// size limits (10 MiB for TC3 POST, 1 MiB for v1 POST, 32 KiB for a GET
// URL), Content-Type per signature method, the 5-minute timestamp window
// against Options.Now, the SecretId, the token of temporary credentials,
// and the signature (TC3-HMAC-SHA256 with its Authorization format,
// credential scope date and service, signed headers and payload hash; or
// legacy v1 HmacSHA1/HmacSHA256, GET query or POST form), compared in
// constant time. Then X-TC-Action (v1: Action) must be an action of
// schema.json (InvalidAction), X-TC-Version must be 2018-03-01 (MissingParameter,
// NoSuchVersion), a region must look like one (UnsupportedRegion), and the
// parameters (JSON body for TC3 POST, flattened Foo.0.Bar query or form for
// TC3 GET and v1) must match the action: unknown names (UnknownParameter,
// with a "did you mean" for wrong case), required fields (MissingParameter),
// types (InvalidParameter), documented lengths and enumerations, invalid
// UTF-8 and control characters in strings (InvalidParameterValue, naming the
// member), base64 media (standard alphabet, '=' padding, no
// data URI header, no line breaks, at most 3M for images and 8M for videos
// after encoding, JPEG/PNG images and MP4/AVI/FLV videos, see [SampleJPEG]
// and [SampleMP4]). An action of schema.json without a handler is validated
// and then answered InvalidAction. Every answer is held against the action's
// response object in schema.json; an undocumented member is InternalError.
//
// Every refusal is HTTP 200 with the API's error envelope,
//
//	{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"..."},"RequestId":"..."}}
//
// whose Message names what differed: for a bad TC3 signature it quotes the
// server's canonical request and string to sign.
//
// # What it answers
//
// Accepted calls get the documented response shape with a fresh RequestId.
// DetectAuth mints a BizToken and a Url pointing at the server's own
// /verify page; GetDetectInfo answers the DetectInfo JSON string (Text,
// IdCardData, BestFrame, VideoData as InfoType asks) for the Name and
// IdCard given to DetectAuth, GetDetectInfoEnhanced the structured form. An
// unknown BizToken is InvalidParameterValue.BizTokenIllegal; one older than
// three days is InvalidParameterValue.BizTokenExpired.
//
// ImageRecognition, LivenessCompare and LivenessRecognition answer
// Result "Success" with Sim [PassSim], unless told otherwise: the fixture ID
// numbers ([LowSimilarityIdCard], [LivenessFailIdCard], [NameMismatchIdCard])
// and [Handler.SetResult] make them answer HTTP 200, no Error, and a
// FailedOperation.* Result with a low Sim: the business-result trap a
// client must not report as a pass.
//
// # Faults and recording
//
// [Handler.InjectError], [Handler.InjectHTTPStatus], [Handler.SetLatency] and
// [Handler.DropConnections] make the next calls fail the ways a real
// deployment does; [Handler.Requests] returns what the server saw, without
// the Authorization header, tokens or v1 signatures.
//
// # Credentials
//
// By default the server accepts only [DefaultCredentials], a made-up key
// pair that is valid nowhere else; Options.Credentials replaces it.
package faceidtest
