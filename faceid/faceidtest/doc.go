// Package faceidtest is a stand-in for the Tencent Cloud FaceID endpoint
// (API 3.0, faceid 2018-03-01), for tests, demos and integration tests.
//
// Like net/http/httptest, [NewServer] starts a real HTTP server on a
// loopback port; [NewHandler] gives the bare http.Handler. It validates the
// parameters of all 38 actions of faceid 2018-03-01 against schema.json, a
// copy of Tencent's published API metadata (schema.README.md names the source
// and its date), and answers the actions that have a handler (each flow file
// registers its actions; see "The flow files" below). It does not import
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
// # The flow files
//
// One file per flow registers its handlers in its init function; the
// fixture inputs that force a documented answer without [Handler.SetResult]
// are exported constants at the top of each file:
//
//   - saas.go: DetectAuth, GetDetectInfo, GetDetectInfoEnhanced; the person is
//     the Name and IdCard given to DetectAuth, or [SampleName] and
//     [SampleIdCard], and the fixture ID numbers of handlers.go apply.
//   - paas.go: GetActionSequence, GetLiveCode, ImageRecognition,
//     LivenessCompare, LivenessRecognition; fixtures [LowSimilarityIdCard],
//     [LivenessFailIdCard], [NameMismatchIdCard] (handlers.go), media
//     [SampleJPEG], [SamplePNG], [SampleMP4] (media.go).
//   - paas_v2.go: ImageRecognitionV2, CheckIdCardInformation,
//     IdCardOCRVerification, DetectAIFakeFaces; the same fixture ID numbers,
//     and [NoRecordIdCard] for IdCardOCRVerification.
//   - elements_id.go: IdCardVerification, CheckIdNameDate, MinorsVerification;
//     fixtures [NameMismatchIdCard], [NoRecordIdCard], [InvalidIdentityIdCard],
//     [MinorIdCard], [MinorsMinorMobile], [MinorsNoDataMobile].
//   - elements_phone.go: CheckPhoneAndName, PhoneVerification,
//     PhoneVerificationCMCC/CTCC/CUCC, EncryptedPhoneVerification,
//     MobileStatus, MobileNetworkTimeVerification; fixtures [SamplePhone],
//     [PhoneMismatchSuffix], [PhoneNoRecordSuffix], [PhoneMismatchPhone],
//     [PhoneNoRecordPhone], [SuspendedMobile], [CancelledMobile],
//     [TenureUnknownMobile]; the carrier follows the number's prefix.
//   - elements_bank.go: BankCard2EVerification, BankCardVerification,
//     BankCard4EVerification, CheckBankCardInformation; fixtures
//     [SampleBankCard], [UnverifiedBankCard], [WrongHolderBankCard],
//     [LostBankCard], [NoInfoBankCard], [UnknownBankCard],
//     [UnsupportedBankCard].
//   - eid.go, sdk.go, nfc.go, risk.go, billing.go (with tokens.go, the
//     tokens they share): the eID, SDK, NFC, risk-token and billing flows;
//     their answers follow the tokens the server minted and the server's
//     clock (Options.Now).
//
// Outside the flows, canned.go holds the fixed answers and media of the client
// benchmarks ([SmallAnswer], [LivenessAnswer], ...).
//
// The element handlers decrypt AES-256-CBC members with the stand-in's key
// ([EncryptionPublicKey], encryption.go) and check the plaintext; SM4-GCM is
// not modelled, and such members stay ciphertext, unchecked.
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
