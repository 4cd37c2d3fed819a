package faceid

import (
	"context"
	"fmt"
	"reflect"
	"sort"
)

// Request is implemented by every request type of this package: the typed parameters of one
// action.
type Request interface {
	// Action is the X-TC-Action value of the request.
	Action() string
	// Validate checks the documented rules of the action's parameters before anything is sent:
	// required members, lengths, shapes and values, and that every string is valid UTF-8
	// without control characters. It returns *FieldError values, joined by errors.Join.
	Validate() error
}

// Flow groups the actions the way Tencent's documentation does.
type Flow string

// Flows of FaceID 2018-03-01.
const (
	FlowSaaS     Flow = "saas"     // DetectAuth: Tencent's H5 page runs the verification
	FlowPaaS     Flow = "paas"     // the app sends its own photos and videos
	FlowElements Flow = "elements" // element verification: ID, phone and bank-card data, no face
	FlowEID      Flow = "eid"      // the eID flow
	FlowSDK      Flow = "sdk"      // the mobile SDK flow
	FlowNFC      Flow = "nfc"      // reading the ID card's chip
	FlowBilling  Flow = "billing"  // account information
)

// Family is how an action reports an answer that did not pass although the call itself
// succeeded (HTTP 200, no Error object). For the families P1, P2 and Level the Client method
// turns such an answer into a *VerificationError, so a nil error means the person or the
// elements passed; the response is returned in both cases.
type Family int

const (
	// FamilyNone: the action returns data (a token, a code, a URL) and has no verdict.
	FamilyNone Family = iota
	// FamilyP1: Result is "Success" or a FailedOperation.* code, with Description.
	FamilyP1
	// FamilyP2: Result is a numeric code with Description; each action has its own table of
	// codes, and some non-passing codes are billed answers.
	FamilyP2
	// FamilyLevel: the answer is an enumeration or a level, exposed typed; the action's doc
	// comment says which values are an error and why.
	FamilyLevel
	// FamilyFlow: the result of a verification flow, fetched again and again. A nil error
	// means the result was fetched; the response's Check (or its decoded document's Check)
	// gives the verdict, because a flow may be unfinished and the sections present depend on
	// InfoType.
	FamilyFlow
)

// String returns "none", "P1", "P2", "level" or "flow".
func (f Family) String() string {
	switch f {
	case FamilyP1:
		return "P1"
	case FamilyP2:
		return "P2"
	case FamilyLevel:
		return "level"
	case FamilyFlow:
		return "flow"
	}
	return "none"
}

// Action describes one FaceID action: what the client, the command line and the tests need to
// know of it. Actions and LookupAction return copies of the one table of this package.
type Action struct {
	// Name is the X-TC-Action value, e.g. "DetectAuth".
	Name string
	// Flow is the integration flow the action belongs to.
	Flow Flow
	// Billable reports whether a retry after an ambiguous failure (a timeout, a reset
	// connection, a 5xx without an answer) could bill twice. The client never resends such a
	// call once it may have reached the backend; it returns the transport's typed error.
	Billable bool
	// Family is how the action reports an answer that did not pass.
	Family Family
	// Media lists the request fields that carry base64 media (type Media), in field order.
	Media []string
	// DocURL is Tencent's public page of the action.
	DocURL string
	// Summary is one line for help texts.
	Summary string
	// Deprecated is non-empty when Tencent closed the action to new customers; it names the
	// replacement.
	Deprecated string
	// Regions are the only regions Tencent's page lets the action be called in; empty means
	// any. The call path refuses another Config.Region before anything is sent.
	Regions []string
	// Results is the documented Result codes of a FamilyP2 action (nil otherwise): what each
	// code means for this action, whether it is billed, whether a retry can help.
	Results *ResultTable
	// Levels is the documented values of a FamilyLevel action's answer (nil otherwise).
	Levels *LevelTable

	newRequest  func() Request
	newResponse func() any
	invoke      func(ctx context.Context, c *Client, req Request) (any, error)
}

// NewRequest returns a new zero request of the action, e.g. a *DetectAuthRequest.
func (a Action) NewRequest() Request { return a.newRequest() }

// NewResponse returns a new zero response of the action, e.g. a *DetectAuthResponse.
func (a Action) NewResponse() any { return a.newResponse() }

// Call calls the action with req, which must be of the action's request type (as made by
// NewRequest). It returns what the typed Client method returns: the response (nil when the
// call failed before an answer) and the error.
func (a Action) Call(ctx context.Context, c *Client, req Request) (any, error) {
	return a.invoke(ctx, c, req)
}

// def completes a table row with the constructors and the call of its request and response
// types, and the Media fields read from the request type.
func def[Req, Resp any, PReq interface {
	*Req
	Request
}](a Action) *Action {
	a.newRequest = func() Request { return PReq(new(Req)) }
	a.newResponse = func() any { return new(Resp) }
	a.invoke = func(ctx context.Context, c *Client, r Request) (any, error) {
		req, ok := r.(PReq)
		if !ok && r != nil {
			return nil, fmt.Errorf("faceid: %s takes a %T, not a %T", a.Name, PReq(nil), r)
		}
		out, err := call[Req, Resp](ctx, c, req)
		if out == nil {
			return nil, err // not a typed nil in the interface
		}
		return out, err
	}
	t := reflect.TypeOf(new(Req)).Elem()
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Type == mediaType {
			a.Media = append(a.Media, t.Field(i).Name)
		}
	}
	return &a
}

// actionTable is the one list of actions: the Client's methods, the command line, the tests
// and the stand-in's schema check all read it. Adding an action adds one row here.
var actionTable = []*Action{
	// SaaS (saas.go)
	def[DetectAuthRequest, DetectAuthResponse](Action{
		Name: "DetectAuth", Flow: FlowSaaS, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31816",
		Summary: "start a SaaS flow: returns the Url for the user and a BizToken",
	}),
	def[GetDetectInfoRequest, GetDetectInfoResponse](Action{
		Name: "GetDetectInfo", Flow: FlowSaaS, Family: FamilyFlow,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31331",
		Summary: "fetch a SaaS flow's result as one JSON document (decoded too)",
	}),
	def[GetDetectInfoEnhancedRequest, GetDetectInfoEnhancedResponse](Action{
		Name: "GetDetectInfoEnhanced", Flow: FlowSaaS, Family: FamilyFlow,
		DocURL:  "https://cloud.tencent.com/document/api/1007/41957",
		Summary: "fetch a SaaS flow's structured result",
	}),

	// PaaS (paas.go)
	def[GetActionSequenceRequest, GetActionSequenceResponse](Action{
		Name: "GetActionSequence", Flow: FlowPaaS, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31822",
		Summary: "get the action sequence for ACTION liveness",
	}),
	def[GetLiveCodeRequest, GetLiveCodeResponse](Action{
		Name: "GetLiveCode", Flow: FlowPaaS, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31821",
		Summary: "get the digits for LIP liveness",
	}),
	def[ImageRecognitionRequest, ImageRecognitionResponse](Action{
		Name: "ImageRecognition", Flow: FlowPaaS, Billable: true, Family: FamilyP1,
		DocURL:     "https://cloud.tencent.com/document/api/1007/31820",
		Summary:    "compare a photo with the ID-card authority's photo (deprecated: ImageRecognitionV2)",
		Deprecated: "closed to new customers by Tencent; use ImageRecognitionV2",
	}),
	def[LivenessCompareRequest, LivenessCompareResponse](Action{
		Name: "LivenessCompare", Flow: FlowPaaS, Billable: true, Family: FamilyP1,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31819",
		Summary: "liveness video + compare with a photo",
	}),
	def[LivenessRecognitionRequest, LivenessRecognitionResponse](Action{
		Name: "LivenessRecognition", Flow: FlowPaaS, Billable: true, Family: FamilyP1,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31818",
		Summary: "liveness video + compare with the ID-card authority's photo",
	}),

	// Elements, ID (elements_id.go)
	def[IdCardVerificationRequest, IdCardVerificationResponse](Action{
		Name: "IdCardVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: idCardVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/33188",
		Summary: "check that a name and an ID-card number belong together",
	}),
	def[CheckIdNameDateRequest, CheckIdNameDateResponse](Action{
		Name: "CheckIdNameDate", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: checkIdNameDateResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/60075",
		Summary: "check a name, an ID-card number and the card's validity dates",
	}),
	def[MinorsVerificationRequest, MinorsVerificationResponse](Action{
		Name: "MinorsVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: minorsVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/39766",
		Summary: "tell whether a person is an adult, by mobile number or by name and ID number",
	}),

	// Elements, bank cards (elements_bank.go)
	def[BankCard2EVerificationRequest, BankCard2EVerificationResponse](Action{
		Name: "BankCard2EVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: bankCard2EVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/35776",
		Summary: "check that a bank card belongs to a name",
	}),
	def[BankCardVerificationRequest, BankCardVerificationResponse](Action{
		Name: "BankCardVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: bankCardVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/33848",
		Summary: "check that a bank card was opened with a name and an ID-card number",
	}),
	def[BankCard4EVerificationRequest, BankCard4EVerificationResponse](Action{
		Name: "BankCard4EVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: bankCard4EVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/35775",
		Summary: "check that a bank card was opened with a name, an ID-card number and a mobile number",
	}),
	def[CheckBankCardInformationRequest, CheckBankCardInformationResponse](Action{
		Name: "CheckBankCardInformation", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: checkBankCardInformationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/47837",
		Summary: "look up a bank card's issuing bank and kind",
	}),

	// Elements, phone (elements_phone.go)
	def[CheckPhoneAndNameRequest, CheckPhoneAndNameResponse](Action{
		Name: "CheckPhoneAndName", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: checkPhoneAndNameResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "check that a mobile number is registered to a name",
	}),
	def[PhoneVerificationRequest, PhoneVerificationResponse](Action{
		Name: "PhoneVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: phoneVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/39765",
		Summary: "check that a mobile number, a name and an ID number belong together (any carrier)",
	}),
	def[PhoneVerificationCMCCRequest, PhoneVerificationCMCCResponse](Action{
		Name: "PhoneVerificationCMCC", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: phoneVerificationCMCCResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "check a mobile number, a name and an ID number with China Mobile",
	}),
	def[PhoneVerificationCTCCRequest, PhoneVerificationCTCCResponse](Action{
		Name: "PhoneVerificationCTCC", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: phoneVerificationCTCCResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "check a mobile number, a name and an ID number with China Telecom",
	}),
	def[PhoneVerificationCUCCRequest, PhoneVerificationCUCCResponse](Action{
		Name: "PhoneVerificationCUCC", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: phoneVerificationCUCCResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "check a mobile number, a name and an ID number with China Unicom",
	}),
	def[EncryptedPhoneVerificationRequest, EncryptedPhoneVerificationResponse](Action{
		Name: "EncryptedPhoneVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: encryptedPhoneVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "check a mobile number, a name and an ID number sent plain or as MD5/SHA-256/SM3 digests",
	}),
	def[MobileStatusRequest, MobileStatusResponse](Action{
		Name: "MobileStatus", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: mobileStatusResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/40545",
		Summary: "query the state of a mobile number (in service, suspended, cancelled, ...)",
	}),
	def[MobileNetworkTimeVerificationRequest, MobileNetworkTimeVerificationResponse](Action{
		Name: "MobileNetworkTimeVerification", Flow: FlowElements, Billable: true, Family: FamilyP2,
		Results: mobileNetworkTimeResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/40546",
		Summary: "query how long a mobile number has been on the network (a range in months)",
	}),

	// PaaS, second generation (paas_v2.go)
	def[ImageRecognitionV2Request, ImageRecognitionV2Response](Action{
		Name: "ImageRecognitionV2", Flow: FlowPaaS, Billable: true, Family: FamilyP1,
		DocURL:  "https://cloud.tencent.com/document/api/1007/102203",
		Summary: "compare a photo with the ID-card authority's photo",
	}),
	def[CheckIdCardInformationRequest, CheckIdCardInformationResponse](Action{
		Name: "CheckIdCardInformation", Flow: FlowPaaS, Billable: true, Family: FamilyP1,
		DocURL:  "https://cloud.tencent.com/document/api/1007/47276",
		Summary: "read an ID card photo and check it against the authority's record",
	}),
	def[IdCardOCRVerificationRequest, IdCardOCRVerificationResponse](Action{
		Name: "IdCardOCRVerification", Flow: FlowPaaS, Billable: true, Family: FamilyP2,
		Results: idCardOCRVerificationResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/37980",
		Summary: "check a name and ID number, given or read from an ID card photo",
	}),
	def[DetectAIFakeFacesRequest, DetectAIFakeFacesResponse](Action{
		Name: "DetectAIFakeFaces", Flow: FlowPaaS, Billable: true, Family: FamilyLevel,
		Levels:  detectAIFakeFacesLevels,
		DocURL:  "https://cloud.tencent.com/document/api/1007/101561",
		Summary: "detect AI-made, swapped or replayed faces in a photo or video",
	}),

	// App SDK (sdk.go)
	def[GetFaceIdTokenRequest, GetFaceIdTokenResponse](Action{
		Name: "GetFaceIdToken", Flow: FlowSDK, Family: FamilyNone,
		Regions: faceIdTokenRegions,
		DocURL:  "https://cloud.tencent.com/document/api/1007/49198",
		Summary: "mint a FaceIdToken for the app SDK (10 minutes, one verification)",
	}),
	def[GetFaceIdResultRequest, GetFaceIdResultResponse](Action{
		Name: "GetFaceIdResult", Flow: FlowSDK, Family: FamilyP2,
		Results: getFaceIdResultResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/49199",
		Summary: "fetch an app-SDK verification's result (for 3 days)",
	}),

	// Device risk (risk.go)
	def[GetFaceidRiskInfoTokenRequest, GetFaceidRiskInfoTokenResponse](Action{
		Name: "GetFaceidRiskInfoToken", Flow: FlowSDK, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/104581",
		Summary: "mint a FaceIdToken for the SDK's device-risk collection",
	}),
	def[GetFaceIdRiskInfoRequest, GetFaceIdRiskInfoResponse](Action{
		Name: "GetFaceIdRiskInfo", Flow: FlowSDK, Family: FamilyLevel,
		Levels:  getFaceIdRiskInfoLevels,
		DocURL:  "https://cloud.tencent.com/document/api/1007/104582",
		Summary: "fetch a device's and its camera's risk levels (for 3 days)",
	}),

	// eID (eid.go)
	def[GetEidTokenRequest, GetEidTokenResponse](Action{
		Name: "GetEidToken", Flow: FlowEID, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/54089",
		Summary: "mint an EidToken and the H5 Url of an eID flow (600 s to run it)",
	}),
	def[CheckEidTokenStatusRequest, CheckEidTokenStatusResponse](Action{
		Name: "CheckEidTokenStatus", Flow: FlowEID, Family: FamilyLevel,
		Levels:  checkEidTokenStatusLevels,
		DocURL:  "https://cloud.tencent.com/document/api/1007/58231",
		Summary: "poll an eID flow: init, doing, finished or timeout",
	}),
	def[GetEidResultRequest, GetEidResultResponse](Action{
		Name: "GetEidResult", Flow: FlowEID, Family: FamilyFlow,
		DocURL:  "https://cloud.tencent.com/document/api/1007/54090",
		Summary: "fetch an eID flow's result (for 3 days)",
	}),

	// NFC (nfc.go)
	def[GetNFCTokenRequest, GetNFCTokenResponse](Action{
		Name: "GetNFCToken", Flow: FlowNFC, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "get a token for the front-end NFC SDK",
	}),
	// GetWxNFCResult and ParseNfcData bill once per read; fetching again is not billed again,
	// so they are not Billable in the table's sense (a retry cannot bill twice).
	def[GetWxNFCResultRequest, GetWxNFCResultResponse](Action{
		Name: "GetWxNFCResult", Flow: FlowNFC, Family: FamilyP2,
		Results: getWxNFCResultResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/132063",
		Summary: "fetch the ID-document data the NFC SDK read (NFCToken valid 10 minutes)",
	}),
	def[ParseNfcDataRequest, ParseNfcDataResponse](Action{
		Name: "ParseNfcData", Flow: FlowNFC, Family: FamilyP2,
		Results: parseNfcDataResults,
		DocURL:  "https://cloud.tencent.com/document/api/1007/74804",
		Summary: "parse the NFC data of a ReqId (valid 5 minutes, billed once per ReqId)",
	}),

	// Billing (billing.go)
	def[GetWeChatBillDetailsRequest, GetWeChatBillDetailsResponse](Action{
		Name: "GetWeChatBillDetails", Flow: FlowBilling, Family: FamilyNone,
		DocURL:  "https://cloud.tencent.com/document/api/1007/31320",
		Summary: "list a day's billing details of the WeChat channels, page by page",
	}),
}

// actionIndex finds a row by name. It is filled by init, not by an initializer, since the
// rows' calls refer to it.
var actionIndex map[string]*Action

func init() {
	actionIndex = make(map[string]*Action, len(actionTable))
	for _, a := range actionTable {
		if actionIndex[a.Name] != nil {
			panic("faceid: action " + a.Name + " is in the table twice")
		}
		actionIndex[a.Name] = a
	}
}

// Actions returns every action of the package, sorted by name.
func Actions() []Action {
	out := make([]Action, 0, len(actionTable))
	for _, a := range actionTable {
		b := *a
		b.Media = append([]string(nil), a.Media...)
		b.Regions = append([]string(nil), a.Regions...)
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LookupAction returns the action called name (exact case).
func LookupAction(name string) (Action, bool) {
	a, ok := actionIndex[name]
	if !ok {
		return Action{}, false
	}
	b := *a
	b.Media = append([]string(nil), a.Media...)
	b.Regions = append([]string(nil), a.Regions...)
	return b, true
}
