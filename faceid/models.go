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
// Facts cite the team's fact sheet shared/reference/faceid-api.md ("sheet") by section.
//
// # Field conventions
//
// JSON names are exactly the names Tencent prints, mixed case included (Comparestatus, Idcard,
// UseIDType, NFCRequestIds; sheet section 2).
//
// Requests: required fields are plain values. Optional fields are pointers (use Ptr): nil
// leaves the field out, a non-nil pointer is sent even when it points to "", 0 or false, as
// the official SDK does (sheet section 2, "Omission"). Optional slices are left out when empty.
// Photo and video fields are Media; the zero Media is left out.
//
// Responses: strings and arrays are plain values, because JSON null and "" or [] mean the same
// there. Numbers, booleans and nested objects are pointers, because null ("not reported") must
// not read as 0 or false: a status code of 0 means success in these responses, and a null one
// must never look like a pass (sheet sections 3 and 5).
package faceid

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Ptr returns a pointer to v, for the optional request fields.
func Ptr[T any](v T) *T { return &v }

// LivenessType selects the liveness mode of LivenessCompare and LivenessRecognition
// (sheet sections 4.7, 8 "Liveness modes").
type LivenessType string

const (
	// LivenessLip is lip-reading mode: get a code from GetLiveCode, have the user read it aloud,
	// and send the code as ValidateData.
	LivenessLip LivenessType = "LIP"
	// LivenessAction is action mode: get a sequence from GetActionSequence, have the user perform
	// it, and send the sequence as ValidateData.
	LivenessAction LivenessType = "ACTION"
	// LivenessSilent is silent mode: no ValidateData.
	LivenessSilent LivenessType = "SILENT"
)

// InfoType digits for GetDetectInfo and GetDetectInfoEnhanced (sheet sections 4.2, 4.3, 8).
// Combine them in one string, e.g. InfoTypeText+InfoTypeBestFrame.
const (
	InfoTypeAll       = "0" // everything, including several MB of images and video
	InfoTypeText      = "1" // the text result only
	InfoTypeIdCard    = "2" // ID-card images
	InfoTypeBestFrame = "3" // best frame(s)
	InfoTypeVideo     = "4" // liveness video
	InfoTypeReadAloud = "5" // intention read-aloud result (GetDetectInfoEnhanced only)
	InfoTypeIntention = "6" // intention Q&A / nod result (GetDetectInfoEnhanced only)
)

// ---------------------------------------------------------------------------------------------
// Nested types

// Encryption describes field encryption, in requests (Name/IdCard of DetectAuth,
// ImageRecognition and LivenessRecognition) and responses (GetDetectInfoEnhanced).
// Sheet section 5 and section 8 "Encryption".
type Encryption struct {
	// EncryptList names the encrypted fields, e.g. ["Name", "IdCard"]. Required when used to
	// encrypt request fields.
	EncryptList []string `json:"EncryptList,omitempty"`
	// CiphertextBlob is the encrypted symmetric key. Required when encrypting request fields.
	CiphertextBlob string `json:"CiphertextBlob,omitempty"`
	// Iv is the CBC initialisation vector (16 characters). Required when encrypting request fields.
	Iv string `json:"Iv,omitempty"`
	// Algorithm is "AES-256-CBC" (the default when empty) or "SM4-GCM".
	Algorithm string `json:"Algorithm,omitempty"`
	// TagList holds the SM4-GCM tags.
	TagList []string `json:"TagList,omitempty"`
}

// Encryption algorithms (sheet section 5).
const (
	AlgorithmAES256CBC = "AES-256-CBC"
	AlgorithmSM4GCM    = "SM4-GCM"
)

// IntentionQuestion is one Q&A round of DetectAuth intention verification.
type IntentionQuestion struct {
	// Question is read to the user; at most 250 characters.
	Question string `json:"Question"`
	// Answers are the accepted answers: at most 50, each at most 10 characters.
	Answers []string `json:"Answers"`
}

// IntentionActionConfig is one nod-to-confirm round of DetectAuth intention verification.
type IntentionActionConfig struct {
	// Text is shown to the user; at most 250 characters.
	Text string `json:"Text"`
}

// RuleIdConfig configures the intention-verification flow of DetectAuth (sheet section 5).
type RuleIdConfig struct {
	// IntentionRecognition turns intent matching on or off; on by default.
	IntentionRecognition *bool `json:"IntentionRecognition,omitempty"`
	// IntentionType is 0 for Q&A (IntentionQuestions) or 1 for nod (IntentionActions).
	IntentionType *int64 `json:"IntentionType,omitempty"`
	// MouthOpenRecognition turns on mouth detection in Q&A mode; off by default.
	MouthOpenRecognition *bool `json:"MouthOpenRecognition,omitempty"`
	// Speed is the reading speed: 0 auto, 1 1×, 2 1.2×, 3 1.5×.
	Speed *uint64 `json:"Speed,omitempty"`
}

// DetectInfoText is the final result and text information of a DetectAuth flow, as returned by
// GetDetectInfoEnhanced (sheet section 5, DetectInfoText).
//
// ErrCode is the verdict of the liveness and face comparison: only a reported 0 is a pass; see
// GetDetectInfoEnhancedResponse.Check.
type DetectInfoText struct {
	ErrCode   *int64  `json:"ErrCode"` // 0 = passed (liveness/face result only); nil = not reported
	ErrMsg    string  `json:"ErrMsg"`
	IdCard    string  `json:"IdCard"`
	UseIDType *uint64 `json:"UseIDType"` // 0 resident ID card, 1 HK/Macao/TW residence permit, 2 other
	Name      string  `json:"Name"`

	OcrNation    string `json:"OcrNation"`
	OcrAddress   string `json:"OcrAddress"`
	OcrBirth     string `json:"OcrBirth"` // YYYY/M/D
	OcrAuthority string `json:"OcrAuthority"`
	OcrValidDate string `json:"OcrValidDate"` // YYYY.MM.DD-YYYY.MM.DD
	OcrName      string `json:"OcrName"`
	OcrIdCard    string `json:"OcrIdCard"`
	OcrGender    string `json:"OcrGender"`
	IdInfoFrom   string `json:"IdInfoFrom"` // "NFC", "OCR", "手动输入" or "其他"

	LiveStatus    *int64 `json:"LiveStatus"`
	LiveMsg       string `json:"LiveMsg"`
	Comparestatus *int64 `json:"Comparestatus"`
	Comparemsg    string `json:"Comparemsg"`
	// Sim is the similarity "0.00"–"100.00": a string here, a number in the verification
	// actions (sheet section 5.1). Similarity parses it.
	Sim string `json:"Sim"`

	Location               string         `json:"Location"`
	Extra                  string         `json:"Extra"` // DetectAuth's Extra, echoed back
	LivenessDetail         []DetectDetail `json:"LivenessDetail"`
	LivenessInfoTag        []string       `json:"LivenessInfoTag"` // reject reasons "01"–"14"
	Mobile                 string         `json:"Mobile"`
	CompareLibType         string         `json:"CompareLibType"`
	LivenessMode           *uint64        `json:"LivenessMode"` // 0–5
	NFCRequestIds          []string       `json:"NFCRequestIds"`
	NFCBillingCounts       *int64         `json:"NFCBillingCounts"`
	PassNo                 string         `json:"PassNo"`
	VisaNum                string         `json:"VisaNum"`
	LivenessActionSequence string         `json:"LivenessActionSequence"` // e.g. "1,2": 1 mouth, 2 blink, 3 nod, 4 shake, 5 silent
}

// Similarity parses Sim; ok is false when Sim is empty or not a number.
func (t *DetectInfoText) Similarity() (sim float64, ok bool) {
	if t == nil {
		return 0, false
	}
	return parseSim(t.Sim)
}

func parseSim(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil
}

// DetectDetail is one attempt within a DetectAuth flow (sheet section 5, DetectDetail).
// Note the casing: Idcard, Errcode, Livestatus differ from DetectInfoText.
type DetectDetail struct {
	ReqTime        string  `json:"ReqTime"` // milliseconds since the epoch, as a string
	Seq            string  `json:"Seq"`
	Idcard         string  `json:"Idcard"`
	Name           string  `json:"Name"`
	Sim            string  `json:"Sim"` // a string here (sheet section 5.1)
	IsNeedCharge   *bool   `json:"IsNeedCharge"`
	Errcode        *int64  `json:"Errcode"`
	Errmsg         string  `json:"Errmsg"`
	Livestatus     *int64  `json:"Livestatus"`
	Livemsg        string  `json:"Livemsg"`
	Comparestatus  *int64  `json:"Comparestatus"`
	Comparemsg     string  `json:"Comparemsg"`
	CompareLibType string  `json:"CompareLibType"`
	LivenessMode   *uint64 `json:"LivenessMode"`
}

// DetectInfoIdCardData holds the ID-card images of a DetectAuth flow; every image field is
// base64 (decode with base64.StdEncoding).
type DetectInfoIdCardData struct {
	OcrFront            string  `json:"OcrFront"`
	OcrBack             string  `json:"OcrBack"`
	ProcessedFrontImage string  `json:"ProcessedFrontImage"`
	ProcessedBackImage  string  `json:"ProcessedBackImage"`
	Avatar              string  `json:"Avatar"`
	WarnInfos           []int64 `json:"WarnInfos"`     // front-side warnings, -9100 … -9107
	BackWarnInfos       []int64 `json:"BackWarnInfos"` // back-side warnings
}

// DetectInfoBestFrame holds the best frame (base64 JPEG) and, with BestFramesCount, extra frames.
type DetectInfoBestFrame struct {
	BestFrame  string   `json:"BestFrame"`
	BestFrames []string `json:"BestFrames"`
}

// DetectInfoVideoData holds the liveness video (base64) and, with IsReturnAllVideo, every
// retry's video as a COS path.
type DetectInfoVideoData struct {
	LivenessVideo  string            `json:"LivenessVideo"`
	LivenessVideos []VideoDetailData `json:"LivenessVideos"`
}

// VideoDetailData is one retry's video (a COS path, not base64).
type VideoDetailData struct {
	Seq   string `json:"Seq"`
	Video string `json:"Video"`
}

// IntentionVerifyData is the result of read-aloud intention verification.
type IntentionVerifyData struct {
	IntentionVerifyVideo     string `json:"IntentionVerifyVideo"`
	AsrResult                string `json:"AsrResult"`
	ErrorCode                *int64 `json:"ErrorCode"`
	ErrorMessage             string `json:"ErrorMessage"`
	IntentionVerifyBestFrame string `json:"IntentionVerifyBestFrame"`
	AsrResultSimilarity      string `json:"AsrResultSimilarity"` // marked disabled in the API metadata
	IntentionVerifyAudio     string `json:"IntentionVerifyAudio"`
}

// IntentionQuestionResult is the result of Q&A intention verification.
type IntentionQuestionResult struct {
	FinalResultDetailCode *int64   `json:"FinalResultDetailCode"`
	FinalResultMessage    string   `json:"FinalResultMessage"`
	Video                 string   `json:"Video"`
	ScreenShot            []string `json:"ScreenShot"`
	ResultCode            []string `json:"ResultCode"` // per round: "0" or "-1"
	AsrResult             []string `json:"AsrResult"`
	Audios                []string `json:"Audios"`
	FinalResultCode       string   `json:"FinalResultCode"` // "0", "-1" or "-2"
}

// IntentionActionResult is the result of nod-to-confirm intention verification.
type IntentionActionResult struct {
	FinalResultDetailCode *int64                        `json:"FinalResultDetailCode"`
	FinalResultMessage    string                        `json:"FinalResultMessage"`
	Details               []IntentionActionResultDetail `json:"Details"`
}

// IntentionActionResultDetail is one nod round's video and screenshots.
type IntentionActionResultDetail struct {
	Video      string   `json:"Video"`
	ScreenShot []string `json:"ScreenShot"`
}

// LivenessOptional is the Optional field of LivenessCompare and LivenessRecognition.
//
// On the wire it is JSON inside a string, e.g. "Optional":"{\"BestFrameNum\":2}" (sheet
// section 5.2); MarshalJSON and UnmarshalJSON do the double encoding.
type LivenessOptional struct {
	// BestFrameNum asks for extra best frames in BestFrameList: 2 to 10.
	BestFrameNum int `json:"BestFrameNum,omitempty"`
}

// MarshalJSON encodes o as a JSON string that holds o's JSON object.
func (o LivenessOptional) MarshalJSON() ([]byte, error) {
	type plain LivenessOptional
	inner, err := json.Marshal(plain(o))
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(inner))
}

// UnmarshalJSON decodes the JSON string and then the object inside it.
func (o *LivenessOptional) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("faceid: Optional must be a JSON string holding a JSON object: %w", err)
	}
	type plain LivenessOptional
	var p plain
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return fmt.Errorf("faceid: Optional does not hold a JSON object: %w", err)
	}
	*o = LivenessOptional(p)
	return nil
}

// ---------------------------------------------------------------------------------------------
// DetectAuth (sheet section 4.1)

// DetectAuthRequest starts a FaceID verification flow (DetectAuth, sheet section 4.1).
//
// Whether IdCard and Name are needed depends on how RuleId is configured in the console.
type DetectAuthRequest struct {
	// RuleId is the business-flow ID created in the FaceID console. Required.
	RuleId string `json:"RuleId"`
	// TerminalType is not needed by this API.
	TerminalType *string `json:"TerminalType,omitempty"`
	// IdCard is the ID-card number; a check letter must be upper-case X. Required or not by the
	// RuleId's console configuration.
	IdCard *string `json:"IdCard,omitempty"`
	// Name is the person's name, at most 32 characters. Required or not by the RuleId's console
	// configuration.
	Name *string `json:"Name,omitempty"`
	// RedirectUrl is where the WeChat H5 flow returns to; at most 1024 characters.
	RedirectUrl *string `json:"RedirectUrl,omitempty"`
	// Extra is passed through and echoed in the results (DetectInfoText.Extra); at most 1024
	// characters. Put your own order or session ID here to tie results back.
	Extra *string `json:"Extra,omitempty"`
	// ImageBase64 is a comparison photo (jpg/png), at most 3M after base64 encoding.
	ImageBase64 Media `json:"ImageBase64,omitempty"`
	// Encryption encrypts Name/IdCard.
	Encryption *Encryption `json:"Encryption,omitempty"`
	// IntentionVerifyText is the text to read aloud in read-aloud intention mode; at most 120
	// characters.
	IntentionVerifyText *string `json:"IntentionVerifyText,omitempty"`
	// IntentionQuestions are the Q&A intention rounds (1–10).
	IntentionQuestions []IntentionQuestion `json:"IntentionQuestions,omitempty"`
	// IntentionActions are the nod-to-confirm intention rounds (1–10).
	IntentionActions []IntentionActionConfig `json:"IntentionActions,omitempty"`
	// Config configures the intention flow.
	Config *RuleIdConfig `json:"Config,omitempty"`
}

// DetectAuthResponse is DetectAuth's answer.
//
// Every DetectAuth call, a retry included, mints a new BizToken (sheet section 8): keep the
// BizToken of the Url you actually hand to the user, and fetch the result with GetDetectInfo or
// GetDetectInfoEnhanced using that BizToken and the same RuleId.
type DetectAuthResponse struct {
	// Url starts the flow in WeChat H5. It belongs to this BizToken only: hand it to one user,
	// do not cache or reuse it; it stops working when the BizToken expires.
	Url string `json:"Url"`
	// BizToken identifies the flow. It is valid for 7200 s to run the flow; results can be
	// fetched repeatedly for 3 days after it was issued (sheet sections 4.1, 4.2, 8).
	BizToken  string `json:"BizToken"`
	RequestId string `json:"RequestId"`
}

// ---------------------------------------------------------------------------------------------
// GetDetectInfo (sheet section 4.2)

// GetDetectInfoRequest fetches the result of a DetectAuth flow as one JSON document in a string
// (sheet section 4.2). GetDetectInfoEnhanced returns the same data already structured.
type GetDetectInfoRequest struct {
	// BizToken is DetectAuthResponse.BizToken. Required.
	BizToken string `json:"BizToken"`
	// RuleId is the RuleId the BizToken was created with. Required.
	RuleId string `json:"RuleId"`
	// InfoType picks the sections to return: digits 0 (all), 1 text, 2 ID-card images, 3 best
	// frame, 4 video, combined like "134"; default "0". The default returns several MB of
	// images and video: ask for InfoTypeText unless you need the media (sheet section 8).
	InfoType *string `json:"InfoType,omitempty"`
}

// GetDetectInfoResponse is GetDetectInfo's answer.
type GetDetectInfoResponse struct {
	// DetectInfo is a JSON document inside a string (sheet section 5.2); Decode parses it.
	DetectInfo string `json:"DetectInfo"`
	RequestId  string `json:"RequestId"`
}

// ---------------------------------------------------------------------------------------------
// GetDetectInfoEnhanced (sheet section 4.3)

// GetDetectInfoEnhancedRequest fetches the result of a DetectAuth flow, structured and with
// intention-verification results (sheet section 4.3).
type GetDetectInfoEnhancedRequest struct {
	// BizToken is DetectAuthResponse.BizToken. Required.
	BizToken string `json:"BizToken"`
	// RuleId is the RuleId the BizToken was created with. Required.
	RuleId string `json:"RuleId"`
	// InfoType picks the sections: digits 0 (all), 1 text, 2 ID card, 3 best frame, 4 video,
	// 5 intention read-aloud, 6 intention Q&A/nod; default "0". Ask only for what you need:
	// "0" returns several MB (sheet section 8). The response's Check needs 1, and with
	// intention verification on also 5 (read-aloud) or 6 (Q&A, nod).
	InfoType *string `json:"InfoType,omitempty"`
	// BestFramesCount asks for 0–10 extra self-captured frames; InfoType must include 3.
	BestFramesCount *uint64 `json:"BestFramesCount,omitempty"`
	// IsCutIdCardImage crops the ID-card photo; InfoType must include 2.
	IsCutIdCardImage *bool `json:"IsCutIdCardImage,omitempty"`
	// IsNeedIdCardAvatar extracts the ID-card portrait; InfoType must include 2.
	IsNeedIdCardAvatar *bool `json:"IsNeedIdCardAvatar,omitempty"`
	// Deprecated: IsEncrypt is deprecated by Tencent; use Encryption.
	IsEncrypt *bool `json:"IsEncrypt,omitempty"`
	// Encryption encrypts the sensitive response fields (Text.IdCard, Name, OcrIdCard, OcrName);
	// only Algorithm is needed.
	Encryption *Encryption `json:"Encryption,omitempty"`
	// IsEncryptResponse encrypts the whole response into EncryptedBody.
	IsEncryptResponse *bool `json:"IsEncryptResponse,omitempty"`
	// IsReturnAllVideo returns every retry's video; needs the COS data-storage service.
	IsReturnAllVideo *bool `json:"IsReturnAllVideo,omitempty"`
}

// GetDetectInfoEnhancedResponse is GetDetectInfoEnhanced's answer. Sections not asked for by
// InfoType are nil. Check tells whether the person passed.
type GetDetectInfoEnhancedResponse struct {
	Text                    *DetectInfoText          `json:"Text"`
	IdCardData              *DetectInfoIdCardData    `json:"IdCardData"`
	BestFrame               *DetectInfoBestFrame     `json:"BestFrame"`
	VideoData               *DetectInfoVideoData     `json:"VideoData"`
	Encryption              *Encryption              `json:"Encryption"`
	IntentionVerifyData     *IntentionVerifyData     `json:"IntentionVerifyData"`
	IntentionQuestionResult *IntentionQuestionResult `json:"IntentionQuestionResult"`
	IntentionActionResult   *IntentionActionResult   `json:"IntentionActionResult"`
	// EncryptedBody is the whole response, encrypted, when IsEncryptResponse was set. It is an
	// opaque encrypted string, not JSON (sheet section 5.2).
	EncryptedBody string `json:"EncryptedBody"`
	// IsVerifyIntention reports whether intention verification was enabled.
	IsVerifyIntention *bool `json:"IsVerifyIntention"`
	// IntentionVerifyType is "0" Q&A, "1" nod or "2" read-aloud.
	IntentionVerifyType string `json:"IntentionVerifyType"`
	RequestId           string `json:"RequestId"`
}

// Check returns nil only when Text.ErrCode is reported as 0, the pass value of a DetectAuth
// flow (sheet section 3), and, when IsVerifyIntention is true, the intention verification
// passed too; otherwise a *VerificationError saying the person did not pass.
//
// A response without an API error only means the result was fetched, not that the person
// passed. The sheet gives no single pass value for intention results, so Check is strict and
// reads the section of IntentionVerifyType: Q&A ("0") passes on
// IntentionQuestionResult.FinalResultCode "0", nod ("1") on
// IntentionActionResult.FinalResultDetailCode 0, read-aloud ("2") on
// IntentionVerifyData.ErrorCode 0. A missing section, a null code or an unknown type fails:
// ask for InfoType 5/6 to get the sections.
func (r *GetDetectInfoEnhancedResponse) Check() error {
	if r == nil {
		return &VerificationError{Action: "GetDetectInfoEnhanced", Result: "", Description: "no response"}
	}
	if err := checkErrCode("GetDetectInfoEnhanced", r.RequestId, r.Text); err != nil {
		return err
	}
	if r.IsVerifyIntention == nil || !*r.IsVerifyIntention {
		return nil
	}
	fail := func(result, why string) error {
		return &VerificationError{Action: "GetDetectInfoEnhanced", Result: result, Description: "intention verification: " + why, RequestId: r.RequestId}
	}
	switch r.IntentionVerifyType {
	case "0":
		q := r.IntentionQuestionResult
		if q == nil {
			return fail("", "no IntentionQuestionResult; ask for InfoType 6")
		}
		if q.FinalResultCode != "0" {
			return fail("FinalResultCode "+strconv.Quote(q.FinalResultCode), q.FinalResultMessage)
		}
	case "1":
		a := r.IntentionActionResult
		if a == nil || a.FinalResultDetailCode == nil {
			return fail("", "no IntentionActionResult.FinalResultDetailCode; ask for InfoType 6")
		}
		if *a.FinalResultDetailCode != 0 {
			return fail("FinalResultDetailCode "+strconv.FormatInt(*a.FinalResultDetailCode, 10), a.FinalResultMessage)
		}
	case "2":
		d := r.IntentionVerifyData
		if d == nil || d.ErrorCode == nil {
			return fail("", "no IntentionVerifyData.ErrorCode; ask for InfoType 5")
		}
		if *d.ErrorCode != 0 {
			return fail("ErrorCode "+strconv.FormatInt(*d.ErrorCode, 10), d.ErrorMessage)
		}
	default:
		return fail("", "unknown IntentionVerifyType "+strconv.Quote(r.IntentionVerifyType)+": inspect the intention sections yourself")
	}
	return nil
}

// checkErrCode is the DetectAuth-flow verdict: only a reported ErrCode of 0 passes.
func checkErrCode(action, requestID string, t *DetectInfoText) error {
	if t == nil {
		return &VerificationError{Action: action, RequestId: requestID, Description: "the response has no Text section; ask for InfoType 1 (or 0)"}
	}
	sim, _ := t.Similarity()
	if t.ErrCode == nil {
		return &VerificationError{Action: action, RequestId: requestID, Description: "Text.ErrCode is null: the flow has no verdict (not finished, or not started)", Sim: sim}
	}
	if *t.ErrCode != 0 {
		return &VerificationError{Action: action, Result: "ErrCode " + strconv.FormatInt(*t.ErrCode, 10), Description: t.ErrMsg, RequestId: requestID, Sim: sim}
	}
	return nil
}

// ---------------------------------------------------------------------------------------------
// GetActionSequence, GetLiveCode (sheet sections 4.4, 4.5)

// GetActionSequenceRequest asks for the action sequence of ACTION liveness mode.
type GetActionSequenceRequest struct {
	// ActionType is not needed by default.
	ActionType *string `json:"ActionType,omitempty"`
}

// GetActionSequenceResponse carries the sequence to pass as ValidateData with LivenessAction.
type GetActionSequenceResponse struct {
	// ActionSequence is e.g. "2,1" or "1,2": 1 open mouth, 2 close eyes.
	ActionSequence string `json:"ActionSequence"`
	RequestId      string `json:"RequestId"`
}

// GetLiveCodeRequest asks for the digit code of LIP liveness mode. It has no fields; the body
// is {}.
type GetLiveCodeRequest struct{}

// GetLiveCodeResponse carries the code to pass as ValidateData with LivenessLip.
type GetLiveCodeResponse struct {
	LiveCode  string `json:"LiveCode"`
	RequestId string `json:"RequestId"`
}

// ---------------------------------------------------------------------------------------------
// ImageRecognition (sheet section 4.6)

// ImageRecognitionRequest compares a photo with the ID-card record of IdCard and Name.
//
// Deprecated: Tencent closed ImageRecognition to new customers ("该接口已停止接入"); new
// integrations must use ImageRecognitionV2 (Tencent doc 1007/102203, sheet section 4.6).
// ImageRecognition is a billable verification: a retry after an ambiguous failure may bill
// twice (sheet section 8).
type ImageRecognitionRequest struct {
	// IdCard is the ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name (UTF-8). Required.
	Name string `json:"Name"`
	// ImageBase64 is the photo (jpg/png), at most 3M after base64 encoding. Required.
	ImageBase64 Media `json:"ImageBase64,omitempty"`
	// Optional is not needed.
	Optional *string `json:"Optional,omitempty"`
	// Encryption encrypts Name/IdCard.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// ImageRecognitionResponse is ImageRecognition's answer. Call Check: a response without an API
// error does not mean the person passed.
type ImageRecognitionResponse struct {
	// Sim is the similarity 0–100; Tencent suggests treating ≥ 70 as the same person. The
	// verdict is Result, not Sim.
	Sim *float64 `json:"Sim"`
	// Result is "Success" or a FailedOperation.* code (sheet section 3).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Check returns nil only when Result is exactly "Success".
//
// ImageRecognition reports a failed verification inside a successful response: HTTP 200, no
// Error object, and Result set to a FailedOperation.* code (sheet section 3). So a call that
// returned no error does not mean the person passed; any other Result, an empty one included,
// gives a *VerificationError.
func (r *ImageRecognitionResponse) Check() error {
	if r == nil {
		return checkResult("ImageRecognition", "", "", "", nil)
	}
	return checkResult("ImageRecognition", r.Result, r.Description, r.RequestId, r.Sim)
}

// ---------------------------------------------------------------------------------------------
// LivenessCompare (sheet section 4.7)

// LivenessCompareRequest runs liveness detection on a video and compares the face with a photo.
//
// Tencent keeps LivenessCompare for existing users; new users should use VideoLivenessCompare
// (sheet section 8). It is a billable verification: a retry after an ambiguous failure may bill
// twice. An 8M video plus a 3M photo is over the 10 MiB TC3 body limit: send one of them through
// its Url field (sheet section 7).
type LivenessCompareRequest struct {
	// LivenessType is LivenessLip, LivenessAction or LivenessSilent. Required.
	LivenessType LivenessType `json:"LivenessType"`
	// ImageBase64 is the photo (jpg/png), at most 3M after base64 encoding. Set it or ImageUrl;
	// ImageBase64 wins when both are set.
	ImageBase64 Media `json:"ImageBase64,omitempty"`
	// ImageUrl is the photo's URL (at most 3M once downloaded and encoded); it keeps the photo
	// out of the request body.
	ImageUrl *string `json:"ImageUrl,omitempty"`
	// ValidateData is the code from GetLiveCode (LIP) or the sequence from GetActionSequence
	// (ACTION); leave it nil for SILENT.
	ValidateData *string `json:"ValidateData,omitempty"`
	// Optional asks for extra best frames.
	Optional *LivenessOptional `json:"Optional,omitempty"`
	// VideoBase64 is the video (mp4/avi/flv), at most 8M after base64 encoding. Set it or
	// VideoUrl; VideoBase64 wins when both are set.
	VideoBase64 Media `json:"VideoBase64,omitempty"`
	// VideoUrl is the video's URL; Tencent must be able to download it within 4 s. It keeps the
	// video out of the request body.
	VideoUrl *string `json:"VideoUrl,omitempty"`
}

// LivenessCompareResponse is LivenessCompare's answer. Call Check: a response without an API
// error does not mean the person passed.
type LivenessCompareResponse struct {
	// BestFrameBase64 is the best frame, base64 JPEG (may be empty).
	BestFrameBase64 string `json:"BestFrameBase64"`
	// Sim is the similarity 0–100 (the pass threshold is fixed at 70). The verdict is Result.
	Sim *float64 `json:"Sim"`
	// Result is "Success" or a FailedOperation.* code (sheet section 3).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// BestFrameList holds the extra best frames asked for by Optional.BestFrameNum, base64 JPEG.
	BestFrameList []string `json:"BestFrameList"`
	RequestId     string   `json:"RequestId"`
}

// Check returns nil only when Result is exactly "Success".
//
// LivenessCompare reports a failed verification inside a successful response: HTTP 200, no
// Error object, and Result set to a FailedOperation.* code such as
// FailedOperation.SilentDetectFail (sheet section 3). So a call that returned no error does not
// mean the person passed; any other Result, an empty one included, gives a *VerificationError.
func (r *LivenessCompareResponse) Check() error {
	if r == nil {
		return checkResult("LivenessCompare", "", "", "", nil)
	}
	return checkResult("LivenessCompare", r.Result, r.Description, r.RequestId, r.Sim)
}

// ---------------------------------------------------------------------------------------------
// LivenessRecognition (sheet section 4.8)

// LivenessRecognitionRequest runs liveness detection on a video and compares the face with the
// ID-card record of IdCard and Name. It is a billable verification: a retry after an ambiguous
// failure may bill twice (sheet section 8).
type LivenessRecognitionRequest struct {
	// IdCard is the ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name (UTF-8). Required.
	Name string `json:"Name"`
	// LivenessType is LivenessLip, LivenessAction or LivenessSilent. Required.
	LivenessType LivenessType `json:"LivenessType"`
	// VideoBase64 is the video (mp4/avi/flv), at most 8M after base64 encoding. Set it or
	// VideoUrl.
	VideoBase64 Media `json:"VideoBase64,omitempty"`
	// VideoUrl is the video's URL; Tencent must be able to download it within 4 s.
	VideoUrl *string `json:"VideoUrl,omitempty"`
	// ValidateData is the code from GetLiveCode (LIP) or the sequence from GetActionSequence
	// (ACTION); leave it nil for SILENT.
	ValidateData *string `json:"ValidateData,omitempty"`
	// Optional asks for extra best frames.
	Optional *LivenessOptional `json:"Optional,omitempty"`
	// Encryption encrypts Name/IdCard.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// LivenessRecognitionResponse is LivenessRecognition's answer, the same shape as
// LivenessCompareResponse. Call Check: a response without an API error does not mean the
// person passed.
type LivenessRecognitionResponse struct {
	BestFrameBase64 string   `json:"BestFrameBase64"`
	Sim             *float64 `json:"Sim"`
	// Result is "Success" or a FailedOperation.* code (sheet section 3).
	Result        string   `json:"Result"`
	Description   string   `json:"Description"`
	BestFrameList []string `json:"BestFrameList"`
	RequestId     string   `json:"RequestId"`
}

// Check returns nil only when Result is exactly "Success".
//
// LivenessRecognition reports a failed verification inside a successful response: HTTP 200, no
// Error object, and Result set to a FailedOperation.* code (sheet section 3). So a call that
// returned no error does not mean the person passed; any other Result, an empty one included,
// gives a *VerificationError.
func (r *LivenessRecognitionResponse) Check() error {
	if r == nil {
		return checkResult("LivenessRecognition", "", "", "", nil)
	}
	return checkResult("LivenessRecognition", r.Result, r.Description, r.RequestId, r.Sim)
}

// ---------------------------------------------------------------------------------------------
// The business-result trap (sheet section 3)

// VerificationError reports a verification the person did not pass although the API call
// itself succeeded (HTTP 200, no Error object; sheet section 3). Use errors.As to get it.
type VerificationError struct {
	Action string // e.g. "LivenessCompare"
	// Result is the business result code, e.g. "FailedOperation.SilentDetectFail"; for the
	// DetectAuth-flow results it is "ErrCode <n>". Empty when the response carried none.
	Result      string
	Description string  // Tencent's text for the result
	RequestId   string  // quote it to Tencent support
	Sim         float64 // similarity 0–100, 0 when not reported
}

func (e *VerificationError) Error() string {
	var b strings.Builder
	b.WriteString("faceid: ")
	b.WriteString(e.Action)
	b.WriteString(": the person did not pass verification: ")
	switch {
	case e.Result == "" && e.Description != "":
		b.WriteString(e.Description)
	case e.Result == "":
		b.WriteString(`the response carried no Result, which is not "Success"`)
	default:
		fmt.Fprintf(&b, "Result %s", e.Result)
		if e.Description != "" {
			fmt.Fprintf(&b, " (%s)", e.Description)
		}
	}
	if e.Retryable() {
		b.WriteString("; the verification did not complete on Tencent's side and may be retried (billable)")
	}
	fmt.Fprintf(&b, "; Sim %g", e.Sim)
	if e.RequestId != "" {
		b.WriteString("; RequestId ")
		b.WriteString(e.RequestId)
	}
	return b.String()
}

// Retryable reports whether Result is a service-side failure worth retrying with backoff
// (tc3-signing.md section 10.2), as opposed to a verdict on the person or their media. A retry
// is a new billable verification.
func (e *VerificationError) Retryable() bool {
	return CodeRetryClass(e.Result) == RetryBackoff
}

// checkResult is the verdict of the verification actions: only "Success" passes.
func checkResult(action, result, description, requestID string, sim *float64) error {
	if result == ResultSuccess {
		return nil
	}
	e := &VerificationError{Action: action, Result: result, Description: description, RequestId: requestID}
	if sim != nil {
		e.Sim = *sim
	}
	return e
}

// ---------------------------------------------------------------------------------------------
// Actions

// Action returns "DetectAuth".
func (*DetectAuthRequest) Action() string { return "DetectAuth" }

// Action returns "GetDetectInfo".
func (*GetDetectInfoRequest) Action() string { return "GetDetectInfo" }

// Action returns "GetDetectInfoEnhanced".
func (*GetDetectInfoEnhancedRequest) Action() string { return "GetDetectInfoEnhanced" }

// Action returns "GetActionSequence".
func (*GetActionSequenceRequest) Action() string { return "GetActionSequence" }

// Action returns "GetLiveCode".
func (*GetLiveCodeRequest) Action() string { return "GetLiveCode" }

// Action returns "ImageRecognition".
func (*ImageRecognitionRequest) Action() string { return "ImageRecognition" }

// Action returns "LivenessCompare".
func (*LivenessCompareRequest) Action() string { return "LivenessCompare" }

// Action returns "LivenessRecognition".
func (*LivenessRecognitionRequest) Action() string { return "LivenessRecognition" }

// ---------------------------------------------------------------------------------------------
// JSON encoding of requests

// MarshalJSON encodes the request with the one-pass body encoder, leaving out nil and zero
// optional fields; json.Marshal then copies the result once more, so a client should build
// bodies with the encoder directly.
func (r DetectAuthRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetDetectInfoRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetDetectInfoEnhancedRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetActionSequenceRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request as {}.
func (r GetLiveCodeRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r ImageRecognitionRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r LivenessCompareRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r LivenessRecognitionRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// ---------------------------------------------------------------------------------------------
// Validation

// FieldError reports a request field that breaks a rule from the sheet. Validate returns
// these, joined with errors.Join when there are several; errors.As finds the first.
type FieldError struct {
	Request string // request type, e.g. "DetectAuthRequest"
	Field   string // field path, e.g. "RuleId" or "IntentionQuestions[1].Question"
	msg     string
	err     error
}

func (e *FieldError) Error() string { return e.msg }

// Unwrap returns the underlying error, e.g. a *Base64Error.
func (e *FieldError) Unwrap() error { return e.err }

// validator collects FieldErrors for one request.
type validator struct {
	req  string
	errs []error
}

// fail records "faceid: <req>.<field> <text>".
func (v *validator) fail(field, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{
		Request: v.req,
		Field:   field,
		msg:     "faceid: " + v.req + "." + field + " " + fmt.Sprintf(format, args...),
	})
}

func (v *validator) err() error { return errors.Join(v.errs...) }

func (v *validator) required(field, value, fix string) {
	if value == "" {
		v.fail(field, "is required: %s", fix)
	}
}

// maxChars checks a length in characters (runes), as the sheet counts them.
func (v *validator) maxChars(field, value string, max int) {
	if n := utf8.RuneCountInString(value); n > max {
		v.fail(field, "is %d characters, over the %d-character limit", n, max)
	}
}

// media checks a Media field: valid base64, not empty, within the size limit.
func (v *validator) media(field string, m Media, limit int, what, alt string) {
	if m.IsZero() {
		return
	}
	if m.err != nil {
		v.errs = append(v.errs, mediaFieldError(v.req, field, m.err))
		return
	}
	n := m.EncodedLen()
	if n == 0 {
		v.fail(field, "is set but empty: leave it zero to omit it, or set the %s", what)
		return
	}
	if n > limit {
		fix := "shrink or recompress the " + what
		if alt != "" {
			fix = "send the " + what + " through " + alt + " instead, or " + fix
		}
		v.fail(field, "is %d bytes after base64 encoding, over the %d-byte limit (\"%s\" in the Tencent docs, sheet section 7); %s", n, limit, mbText(limit), fix)
	}
}

func mbText(limit int) string { return strconv.Itoa(limit/1_000_000) + "M" }

// mediaFieldError names the field in a base64 error: "faceid: <req>.<field>: invalid base64 …".
func mediaFieldError(req, field string, err *Base64Error) error {
	return &FieldError{Request: req, Field: field, msg: "faceid: " + req + "." + field + ": " + err.detail(), err: err}
}

// url checks an optional URL field: an absolute http or https URL.
func (v *validator) url(field string, s *string) {
	if s == nil {
		return
	}
	u, err := url.Parse(*s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail(field, "must be an absolute http or https URL Tencent can download from")
	}
}

// idCard checks the ID-card rule of sheet section 7: a check letter is upper-case X.
// It is skipped when the field is encrypted, since the value is then ciphertext.
func (v *validator) idCard(field, value string, enc *Encryption) {
	if enc.encrypts("IdCard") {
		return
	}
	if strings.ContainsRune(value, 'x') {
		v.fail(field, "contains a lower-case x: the ID-card check letter must be upper-case X")
	}
}

func (e *Encryption) encrypts(field string) bool {
	if e == nil {
		return false
	}
	for _, f := range e.EncryptList {
		if f == field {
			return true
		}
	}
	return false
}

// encryption checks an Encryption block used to encrypt request fields (sheet section 5):
// EncryptList, CiphertextBlob and Iv are required, Algorithm must be a known one.
func (v *validator) encryption(field string, e *Encryption, keysRequired bool) {
	if e == nil {
		return
	}
	if keysRequired {
		if len(e.EncryptList) == 0 {
			v.fail(field+".EncryptList", "is required when Encryption is set: list the encrypted fields, e.g. [\"Name\",\"IdCard\"]")
		}
		v.required(field+".CiphertextBlob", e.CiphertextBlob, "set it to the encrypted symmetric key")
		v.required(field+".Iv", e.Iv, "set it to the CBC initialisation vector")
	}
	switch e.Algorithm {
	case "", AlgorithmAES256CBC, AlgorithmSM4GCM:
	default:
		v.fail(field+".Algorithm", "is %q: use %q (the default) or %q", e.Algorithm, AlgorithmAES256CBC, AlgorithmSM4GCM)
	}
}

// livenessType checks LivenessType and its ValidateData rule (sheet sections 7, 8).
func (v *validator) livenessType(t LivenessType, validateData *string) {
	vd := ""
	if validateData != nil {
		vd = *validateData
	}
	switch t {
	case "":
		v.fail("LivenessType", "is required: set it to LivenessLip, LivenessAction or LivenessSilent")
	case LivenessLip:
		if vd == "" {
			v.fail("ValidateData", "is required with LivenessType LIP: set it to the LiveCode from GetLiveCode")
		}
	case LivenessAction:
		if vd == "" {
			v.fail("ValidateData", "is required with LivenessType ACTION: set it to the ActionSequence from GetActionSequence")
		}
	case LivenessSilent:
		if vd != "" {
			v.fail("ValidateData", "must be empty with LivenessType SILENT: leave it nil")
		}
	default:
		v.fail("LivenessType", "is %q: use LIP, ACTION or SILENT", string(t))
	}
}

// optional checks LivenessOptional's BestFrameNum range, 2–10 (sheet section 4.7).
func (v *validator) optional(o *LivenessOptional) {
	if o == nil {
		return
	}
	if o.BestFrameNum != 0 && (o.BestFrameNum < 2 || o.BestFrameNum > 10) {
		v.fail("Optional.BestFrameNum", "is %d: use 2 to 10, or leave Optional nil", o.BestFrameNum)
	}
}

// infoType checks InfoType digits and returns whether digit d is requested ("0", empty and
// nil ask for everything).
func (v *validator) infoType(s *string, maxDigit byte) func(d byte) bool {
	if s == nil || *s == "" {
		if s != nil {
			v.fail("InfoType", "is empty: leave it nil for the default \"0\", or give digits such as \"1\"")
		}
		return func(byte) bool { return true }
	}
	for i := 0; i < len(*s); i++ {
		if c := (*s)[i]; c < '0' || c > maxDigit {
			v.fail("InfoType", "is %q: use digits 0 to %c, e.g. \"1\" for the text result only", *s, maxDigit)
			return func(byte) bool { return true }
		}
	}
	return func(d byte) bool { return strings.IndexByte(*s, d) >= 0 || strings.IndexByte(*s, '0') >= 0 }
}

// Validate checks DetectAuthRequest against sheet sections 4.1, 5 and 7.
func (r *DetectAuthRequest) Validate() error {
	v := &validator{req: "DetectAuthRequest"}
	if r == nil {
		v.fail("RuleId", "is required: the request is nil")
		return v.err()
	}
	v.required("RuleId", r.RuleId, "set it to the RuleId from the FaceID console")
	if r.IdCard != nil {
		v.idCard("IdCard", *r.IdCard, r.Encryption)
	}
	if r.Name != nil && !r.Encryption.encrypts("Name") {
		v.maxChars("Name", *r.Name, 32)
	}
	if r.RedirectUrl != nil {
		v.maxChars("RedirectUrl", *r.RedirectUrl, 1024)
	}
	if r.Extra != nil {
		v.maxChars("Extra", *r.Extra, 1024)
	}
	v.media("ImageBase64", r.ImageBase64, MaxImageBase64Len, "photo", "")
	v.encryption("Encryption", r.Encryption, true)
	if r.IntentionVerifyText != nil {
		v.maxChars("IntentionVerifyText", *r.IntentionVerifyText, 120)
	}
	if n := len(r.IntentionQuestions); n > 10 {
		v.fail("IntentionQuestions", "has %d rounds: use 1 to 10", n)
	}
	for i, q := range r.IntentionQuestions {
		f := fmt.Sprintf("IntentionQuestions[%d]", i)
		v.required(f+".Question", q.Question, "set the question to read to the user")
		v.maxChars(f+".Question", q.Question, 250)
		if len(q.Answers) == 0 {
			v.fail(f+".Answers", "is required: list the accepted answers")
		}
		if len(q.Answers) > 50 {
			v.fail(f+".Answers", "has %d answers: use at most 50", len(q.Answers))
		}
		for j, a := range q.Answers {
			v.maxChars(fmt.Sprintf("%s.Answers[%d]", f, j), a, 10)
		}
	}
	if n := len(r.IntentionActions); n > 10 {
		v.fail("IntentionActions", "has %d rounds: use 1 to 10", n)
	}
	for i, a := range r.IntentionActions {
		f := fmt.Sprintf("IntentionActions[%d].Text", i)
		v.required(f, a.Text, "set the text shown to the user")
		v.maxChars(f, a.Text, 250)
	}
	if c := r.Config; c != nil {
		if c.IntentionType != nil && *c.IntentionType != 0 && *c.IntentionType != 1 {
			v.fail("Config.IntentionType", "is %d: use 0 (Q&A) or 1 (nod)", *c.IntentionType)
		}
		if c.Speed != nil && *c.Speed > 3 {
			v.fail("Config.Speed", "is %d: use 0 (auto) to 3", *c.Speed)
		}
	}
	return v.err()
}

// Validate checks GetDetectInfoRequest against sheet section 4.2.
func (r *GetDetectInfoRequest) Validate() error {
	v := &validator{req: "GetDetectInfoRequest"}
	if r == nil {
		v.fail("BizToken", "is required: the request is nil")
		return v.err()
	}
	v.required("BizToken", r.BizToken, "set it to DetectAuthResponse.BizToken")
	v.required("RuleId", r.RuleId, "set it to the RuleId the BizToken was created with")
	v.infoType(r.InfoType, '4')
	return v.err()
}

// Validate checks GetDetectInfoEnhancedRequest against sheet sections 4.3 and 8.
func (r *GetDetectInfoEnhancedRequest) Validate() error {
	v := &validator{req: "GetDetectInfoEnhancedRequest"}
	if r == nil {
		v.fail("BizToken", "is required: the request is nil")
		return v.err()
	}
	v.required("BizToken", r.BizToken, "set it to DetectAuthResponse.BizToken")
	v.required("RuleId", r.RuleId, "set it to the RuleId the BizToken was created with")
	wants := v.infoType(r.InfoType, '6')
	if r.BestFramesCount != nil {
		if *r.BestFramesCount > 10 {
			v.fail("BestFramesCount", "is %d: use 0 to 10", *r.BestFramesCount)
		}
		if !wants('3') {
			v.fail("BestFramesCount", "needs InfoType to include 3 (best frame)")
		}
	}
	if r.IsCutIdCardImage != nil && *r.IsCutIdCardImage && !wants('2') {
		v.fail("IsCutIdCardImage", "needs InfoType to include 2 (ID card)")
	}
	if r.IsNeedIdCardAvatar != nil && *r.IsNeedIdCardAvatar && !wants('2') {
		v.fail("IsNeedIdCardAvatar", "needs InfoType to include 2 (ID card)")
	}
	v.encryption("Encryption", r.Encryption, false)
	return v.err()
}

// Validate accepts every GetActionSequenceRequest: it has no required fields.
func (r *GetActionSequenceRequest) Validate() error { return nil }

// Validate accepts every GetLiveCodeRequest: it has no fields.
func (r *GetLiveCodeRequest) Validate() error { return nil }

// Validate checks ImageRecognitionRequest against sheet sections 4.6 and 7.
func (r *ImageRecognitionRequest) Validate() error {
	v := &validator{req: "ImageRecognitionRequest"}
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	v.required("IdCard", r.IdCard, "set it to the person's ID-card number")
	v.idCard("IdCard", r.IdCard, r.Encryption)
	v.required("Name", r.Name, "set it to the person's name")
	if r.ImageBase64.IsZero() {
		v.fail("ImageBase64", "is required: set it with MediaBytes, MediaReader or MediaBase64")
	}
	v.media("ImageBase64", r.ImageBase64, MaxImageBase64Len, "photo", "")
	v.encryption("Encryption", r.Encryption, true)
	return v.err()
}

// Validate checks LivenessCompareRequest against sheet sections 4.7 and 7.
// It does not check the total body size; the body encoder does, against the signing limit.
func (r *LivenessCompareRequest) Validate() error {
	v := &validator{req: "LivenessCompareRequest"}
	if r == nil {
		v.fail("LivenessType", "is required: the request is nil")
		return v.err()
	}
	v.livenessType(r.LivenessType, r.ValidateData)
	if r.ImageBase64.IsZero() && r.ImageUrl == nil {
		v.fail("ImageBase64", "is required: set ImageBase64 (MediaBytes, MediaReader or MediaBase64) or ImageUrl")
	}
	v.media("ImageBase64", r.ImageBase64, MaxImageBase64Len, "photo", "ImageUrl")
	v.url("ImageUrl", r.ImageUrl)
	if r.VideoBase64.IsZero() && r.VideoUrl == nil {
		v.fail("VideoBase64", "is required: set VideoBase64 (MediaBytes, MediaReader or MediaBase64) or VideoUrl")
	}
	v.media("VideoBase64", r.VideoBase64, MaxVideoBase64Len, "video", "VideoUrl")
	v.url("VideoUrl", r.VideoUrl)
	v.optional(r.Optional)
	return v.err()
}

// Validate checks LivenessRecognitionRequest against sheet sections 4.8 and 7.
func (r *LivenessRecognitionRequest) Validate() error {
	v := &validator{req: "LivenessRecognitionRequest"}
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	v.required("IdCard", r.IdCard, "set it to the person's ID-card number")
	v.idCard("IdCard", r.IdCard, r.Encryption)
	v.required("Name", r.Name, "set it to the person's name")
	v.livenessType(r.LivenessType, r.ValidateData)
	if r.VideoBase64.IsZero() && r.VideoUrl == nil {
		v.fail("VideoBase64", "is required: set VideoBase64 (MediaBytes, MediaReader or MediaBase64) or VideoUrl")
	}
	v.media("VideoBase64", r.VideoBase64, MaxVideoBase64Len, "video", "VideoUrl")
	v.url("VideoUrl", r.VideoUrl)
	v.optional(r.Optional)
	v.encryption("Encryption", r.Encryption, true)
	return v.err()
}
