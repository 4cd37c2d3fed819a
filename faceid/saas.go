package faceid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"unsafe"
)

// The SaaS flow: DetectAuth starts a verification in Tencent's H5 page, GetDetectInfo and
// GetDetectInfoEnhanced fetch its result.

// InfoType digits for GetDetectInfo and GetDetectInfoEnhanced (https://cloud.tencent.com/document/api/1007/31331).
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
// DetectAuth (https://cloud.tencent.com/document/api/1007/31816)

// DetectAuthRequest starts a FaceID verification flow (DetectAuth, https://cloud.tencent.com/document/api/1007/31816).
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
// Every DetectAuth call, a retry included, mints a new BizToken: keep the
// BizToken of the Url you actually hand to the user, and fetch the result with GetDetectInfo or
// GetDetectInfoEnhanced using that BizToken and the same RuleId.
type DetectAuthResponse struct {
	// Url starts the flow in WeChat H5. It belongs to this BizToken only: hand it to one user,
	// do not cache or reuse it; it stops working when the BizToken expires.
	Url string `json:"Url"`
	// BizToken identifies the flow. It is valid for 7200 s to run the flow; results can be
	// fetched repeatedly for 3 days after it was issued (https://cloud.tencent.com/document/api/1007/31816).
	BizToken  string `json:"BizToken"`
	RequestId string `json:"RequestId"`
}

// ---------------------------------------------------------------------------------------------
// GetDetectInfo (https://cloud.tencent.com/document/api/1007/31331)

// GetDetectInfoRequest fetches the result of a DetectAuth flow as one JSON document in a string
// (https://cloud.tencent.com/document/api/1007/31331). GetDetectInfoEnhanced returns the same data already structured.
type GetDetectInfoRequest struct {
	// BizToken is DetectAuthResponse.BizToken. Required.
	BizToken string `json:"BizToken"`
	// RuleId is the RuleId the BizToken was created with. Required.
	RuleId string `json:"RuleId"`
	// InfoType picks the sections to return: digits 0 (all), 1 text, 2 ID-card images, 3 best
	// frame, 4 video, combined like "134"; default "0". The default returns several MB of
	// images and video: ask for InfoTypeText unless you need the media.
	InfoType *string `json:"InfoType,omitempty"`
}

// GetDetectInfoResponse is GetDetectInfo's answer.
type GetDetectInfoResponse struct {
	// DetectInfo is a JSON document inside a string; Decode parses it.
	DetectInfo string `json:"DetectInfo"`
	RequestId  string `json:"RequestId"`
}

// ---------------------------------------------------------------------------------------------
// GetDetectInfoEnhanced (https://cloud.tencent.com/document/api/1007/41957)

// GetDetectInfoEnhancedRequest fetches the result of a DetectAuth flow, structured and with
// intention-verification results (https://cloud.tencent.com/document/api/1007/41957).
type GetDetectInfoEnhancedRequest struct {
	// BizToken is DetectAuthResponse.BizToken. Required.
	BizToken string `json:"BizToken"`
	// RuleId is the RuleId the BizToken was created with. Required.
	RuleId string `json:"RuleId"`
	// InfoType picks the sections: digits 0 (all), 1 text, 2 ID card, 3 best frame, 4 video,
	// 5 intention read-aloud, 6 intention Q&A/nod; default "0". Ask only for what you need:
	// "0" returns several MB. The response's Check needs 1, and with
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
	// opaque encrypted string, not JSON.
	EncryptedBody string `json:"EncryptedBody"`
	// IsVerifyIntention reports whether intention verification was enabled.
	IsVerifyIntention *bool `json:"IsVerifyIntention"`
	// IntentionVerifyType is "0" Q&A, "1" nod or "2" read-aloud.
	IntentionVerifyType string `json:"IntentionVerifyType"`
	RequestId           string `json:"RequestId"`
}

// Check returns nil only when Text.ErrCode is reported as 0, the pass value of a DetectAuth
// flow, and, when IsVerifyIntention is true, the intention verification
// passed too; otherwise a *VerificationError saying the person did not pass.
//
// A response without an API error only means the result was fetched, not that the person
// passed. Tencent documents no single pass value for intention results, so Check is strict and
// reads the section of IntentionVerifyType: Q&A ("0") passes on
// IntentionQuestionResult.FinalResultCode "0", nod ("1") on
// IntentionActionResult.FinalResultDetailCode 0, read-aloud ("2") on
// IntentionVerifyData.ErrorCode 0. A missing section, a null code or an unknown type fails:
// ask for InfoType 5/6 to get the sections.
func (r *GetDetectInfoEnhancedResponse) Check() error {
	if r == nil {
		return &VerificationError{Action: "GetDetectInfoEnhanced", Family: FamilyFlow, NoVerdict: true, Description: "no response"}
	}
	if err := checkErrCode("GetDetectInfoEnhanced", r.RequestId, r.Text); err != nil {
		return err
	}
	if r.IsVerifyIntention == nil || !*r.IsVerifyIntention {
		return nil
	}
	fail := func(result, why string) error {
		return &VerificationError{Action: "GetDetectInfoEnhanced", Family: FamilyFlow, NoVerdict: result == "", Result: result, Description: "intention verification: " + why, RequestId: r.RequestId}
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
		return &VerificationError{Action: action, Family: FamilyFlow, NoVerdict: true, RequestId: requestID, Description: "the answer has no Text section, so it carries no verdict: the flow has no result yet (the user has not finished it), or InfoType left out 1 (the text result)"}
	}
	sim, _ := t.Similarity()
	if t.ErrCode == nil {
		return &VerificationError{Action: action, Family: FamilyFlow, NoVerdict: true, RequestId: requestID, Description: "Text.ErrCode is null: the flow has no verdict yet (not finished, or not started)", Sim: sim}
	}
	if *t.ErrCode != 0 {
		return &VerificationError{Action: action, Family: FamilyFlow, Result: "ErrCode " + strconv.FormatInt(*t.ErrCode, 10), Description: t.ErrMsg, RequestId: requestID, Sim: sim}
	}
	return nil
}

// Action returns "DetectAuth".
func (*DetectAuthRequest) Action() string { return "DetectAuth" }

// Action returns "GetDetectInfo".
func (*GetDetectInfoRequest) Action() string { return "GetDetectInfo" }

// Action returns "GetDetectInfoEnhanced".
func (*GetDetectInfoEnhancedRequest) Action() string { return "GetDetectInfoEnhanced" }

// bodies with the encoder directly.
func (r DetectAuthRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r DetectAuthRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r DetectAuthRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetDetectInfoRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetDetectInfoRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetDetectInfoRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetDetectInfoEnhancedRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetDetectInfoEnhancedRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetDetectInfoEnhancedRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks DetectAuthRequest against https://cloud.tencent.com/document/api/1007/31816.
func (r *DetectAuthRequest) Validate() error {
	v := newValidator(r)
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
	v.intention("", r.IntentionQuestions, r.IntentionActions, 250)
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

// Validate checks GetDetectInfoRequest against https://cloud.tencent.com/document/api/1007/31331.
func (r *GetDetectInfoRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("BizToken", "is required: the request is nil")
		return v.err()
	}
	v.required("BizToken", r.BizToken, "set it to DetectAuthResponse.BizToken")
	v.required("RuleId", r.RuleId, "set it to the RuleId the BizToken was created with")
	v.infoType(r.InfoType, '4')
	return v.err()
}

// Validate checks GetDetectInfoEnhancedRequest against https://cloud.tencent.com/document/api/1007/41957.
func (r *GetDetectInfoEnhancedRequest) Validate() error {
	v := newValidator(r)
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

// DetectInfo is the JSON document inside GetDetectInfoResponse.DetectInfo (https://cloud.tencent.com/document/api/1007/31331), decoded by GetDetectInfoResponse.Decode.
//
// Sections that InfoType did not ask for are nil. Many values arrive as null; by this
// package's response convention null numbers stay nil and null strings read as "".
type DetectInfo struct {
	Text *DetectInfoDocText `json:"Text"`
	// IdCardData holds OcrFront and OcrBack (base64 images); the other fields of the shared
	// type are GetDetectInfoEnhanced's and stay empty here.
	IdCardData *DetectInfoIdCardData `json:"IdCardData"`
	// BestFrame holds BestFrame (base64 JPEG).
	BestFrame *DetectInfoBestFrame `json:"BestFrame"`
	// VideoData holds LivenessVideo (base64 video).
	VideoData *DetectInfoVideoData `json:"VideoData"`

	requestID string // from the response, for Check's error
}

// DetectInfoDocText is the Text section of the GetDetectInfo document. Its shape differs from
// GetDetectInfoEnhanced's DetectInfoText: attempts are under Detail.LivenessData.
type DetectInfoDocText struct {
	ErrCode *int64 `json:"ErrCode"` // 0 = passed (liveness/face result only); nil = not reported
	ErrMsg  string `json:"ErrMsg"`
	IdCard  string `json:"IdCard"`
	Name    string `json:"Name"`

	OcrNation    string `json:"OcrNation"`
	OcrAddress   string `json:"OcrAddress"`
	OcrBirth     string `json:"OcrBirth"`
	OcrAuthority string `json:"OcrAuthority"`
	OcrValidDate string `json:"OcrValidDate"`
	OcrName      string `json:"OcrName"`
	OcrIdCard    string `json:"OcrIdCard"`
	OcrGender    string `json:"OcrGender"`

	LiveStatus    *int64 `json:"LiveStatus"`
	LiveMsg       string `json:"LiveMsg"`
	Comparestatus *int64 `json:"Comparestatus"`
	Comparemsg    string `json:"Comparemsg"`
	// Sim is the similarity as a string, as in DetectInfoText.
	Sim      string `json:"Sim"`
	Location string `json:"Location"`
	// Extra is DetectAuth's Extra, echoed back.
	Extra  string               `json:"Extra"`
	Detail *DetectInfoDocDetail `json:"Detail"`
}

// DetectInfoDocDetail lists the attempts of the flow.
type DetectInfoDocDetail struct {
	LivenessData []DetectInfoDocLiveness `json:"LivenessData"`
}

// DetectInfoDocLiveness is one attempt in DetectInfoDocDetail.
type DetectInfoDocLiveness struct {
	ErrCode *int64 `json:"ErrCode"`
	ErrMsg  string `json:"ErrMsg"`
	ReqTime string `json:"ReqTime"`
	IdCard  string `json:"IdCard"`
	Name    string `json:"Name"`
}

// Decode parses the DetectInfo string, the one response field that holds JSON inside a string
// . r.DetectInfo is left as it is.
//
// The error never quotes the document: it holds names, ID numbers and face images.
func (r *GetDetectInfoResponse) Decode() (*DetectInfo, error) {
	if r == nil || r.DetectInfo == "" {
		return nil, errors.New("faceid: GetDetectInfoResponse.DetectInfo is empty: nothing to decode")
	}
	var d DetectInfo
	// The document is read in place rather than copied into a []byte first (9 MB for InfoType
	// "0"): json.Unmarshal only reads its input, and what it decodes (strings) is copied out of
	// it, so nothing writes to the string's bytes or keeps them.
	doc := unsafe.Slice(unsafe.StringData(r.DetectInfo), len(r.DetectInfo))
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, fmt.Errorf("faceid: GetDetectInfoResponse.DetectInfo is not the documented JSON object: %w", redactJSONError(err))
	}
	d.requestID = r.RequestId
	return &d, nil
}

// redactJSONError keeps a decoding error's position and type but drops any quoted input.
func redactJSONError(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("syntax error at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("field %s: a JSON %s where %s was expected (byte %d)", te.Field, te.Value, te.Type, te.Offset)
	}
	return errors.New("malformed JSON")
}

// Check returns nil only when Text.ErrCode is reported as 0, the pass value of a DetectAuth
// flow; otherwise a *VerificationError saying the person did not pass.
// A GetDetectInfo call without an API error only means the result was fetched.
func (d *DetectInfo) Check() error {
	const action = "GetDetectInfo"
	if d == nil || d.Text == nil {
		rid := ""
		if d != nil {
			rid = d.requestID
		}
		return &VerificationError{Action: action, Family: FamilyFlow, NoVerdict: true, RequestId: rid, Description: "the result has no Text section, so it carries no verdict: the flow has no result yet (the user has not finished it), or InfoType left out 1 (the text result)"}
	}
	t := d.Text
	return checkErrCode(action, d.requestID, &DetectInfoText{ErrCode: t.ErrCode, ErrMsg: t.ErrMsg, Sim: t.Sim})
}

// DetectAuth starts a SaaS verification flow and returns the Url to send the user to and the
// BizToken to fetch the result with GetDetectInfo or GetDetectInfoEnhanced. Every call, a
// retry included, mints a new BizToken.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31816
func (c *Client) DetectAuth(ctx context.Context, req *DetectAuthRequest) (*DetectAuthResponse, error) {
	return call[DetectAuthRequest, DetectAuthResponse](ctx, c, req)
}

// GetDetectInfo fetches the result of a DetectAuth flow. The result is a JSON document in
// DetectInfo; Decode parses it. A nil error means the result was fetched, not that the person
// passed: check the decoded document's Check.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31331
func (c *Client) GetDetectInfo(ctx context.Context, req *GetDetectInfoRequest) (*GetDetectInfoResponse, error) {
	return call[GetDetectInfoRequest, GetDetectInfoResponse](ctx, c, req)
}

// GetDetectInfoEnhanced fetches the structured result of a DetectAuth flow. A nil error means
// the result was fetched, not that the person passed: use the response's Check.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/41957
func (c *Client) GetDetectInfoEnhanced(ctx context.Context, req *GetDetectInfoEnhancedRequest) (*GetDetectInfoEnhancedResponse, error) {
	return call[GetDetectInfoEnhancedRequest, GetDetectInfoEnhancedResponse](ctx, c, req)
}

// intention checks the intention-verification rounds of DetectAuth and GetEidToken (whose
// Config carries the same members, prefix "Config."): 1 to 10 Q&A rounds of a question of at
// most 250 characters and 1 to 50 answers of at most 10, and 1 to 10 nod rounds whose text
// is at most actionTextMax characters (250 for DetectAuth, 150 for GetEidToken, as their pages
// say).
func (v *validator) intention(prefix string, questions []IntentionQuestion, actions []IntentionActionConfig, actionTextMax int) {
	if n := len(questions); n > 10 {
		v.fail(prefix+"IntentionQuestions", "has %d rounds: use 1 to 10", n)
	}
	for i, q := range questions {
		f := fmt.Sprintf("%sIntentionQuestions[%d]", prefix, i)
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
	if n := len(actions); n > 10 {
		v.fail(prefix+"IntentionActions", "has %d rounds: use 1 to 10", n)
	}
	for i, a := range actions {
		f := fmt.Sprintf("%sIntentionActions[%d].Text", prefix, i)
		v.required(f, a.Text, "set the text shown to the user")
		v.maxChars(f, a.Text, actionTextMax)
	}
}
