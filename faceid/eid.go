package faceid

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
)

// The eID flow (E证通): GetEidToken mints an EidToken and an H5 Url, the user runs the flow,
// CheckEidTokenStatus tells where it stands and GetEidResult fetches the result.

// GetEidTokenConfig configures an eID flow (https://cloud.tencent.com/document/api/1007/54089).
type GetEidTokenConfig struct {
	// InputType is how the identity is collected: "1" to "4" (default "1"); with "4" the
	// backend passes IdCard and Name.
	InputType *string `json:"InputType,omitempty"`
	// UseIntentionVerify turns intention verification on.
	UseIntentionVerify *bool `json:"UseIntentionVerify,omitempty"`
	// IntentionMode is "1" to "3" (default "1").
	IntentionMode *string `json:"IntentionMode,omitempty"`
	// IntentionVerifyText is read aloud in read-aloud mode; at most 120 characters.
	IntentionVerifyText *string `json:"IntentionVerifyText,omitempty"`
	// IntentionQuestions are the Q&A rounds (1–10).
	IntentionQuestions []IntentionQuestion `json:"IntentionQuestions,omitempty"`
	// IntentionActions are the nod rounds (1–10).
	IntentionActions []IntentionActionConfig `json:"IntentionActions,omitempty"`
	// IntentionRecognition turns intent matching on or off; on by default.
	IntentionRecognition *bool `json:"IntentionRecognition,omitempty"`
	// IsSupportHMTResidentPermitOCR accepts Hong Kong, Macao and Taiwan residence permits.
	IsSupportHMTResidentPermitOCR *bool `json:"IsSupportHMTResidentPermitOCR,omitempty"`
	// MouthOpenRecognition turns on mouth detection in Q&A mode; off by default.
	MouthOpenRecognition *bool `json:"MouthOpenRecognition,omitempty"`
	// Speed is the reading speed: 0 auto to 3.
	Speed *uint64 `json:"Speed,omitempty"`
}

// GetEidTokenRequest mints an EidToken for one eID verification
// (https://cloud.tencent.com/document/api/1007/54089).
type GetEidTokenRequest struct {
	// MerchantId is the eID merchant ID of the console; call with the API keys of the account
	// that applied for it. Required.
	MerchantId string `json:"MerchantId"`
	// IdCard is the ID number: letters and digits, at most 32. Required when the flow does not
	// read the ID card itself (Config.InputType "4").
	IdCard *string `json:"IdCard,omitempty"`
	// Name is the person's name, at most 32 characters; required with IdCard.
	Name *string `json:"Name,omitempty"`
	// Extra is passed through to the result; at most 1024 characters.
	Extra *string `json:"Extra,omitempty"`
	// Config configures the flow.
	Config *GetEidTokenConfig `json:"Config,omitempty"`
	// RedirectUrl is where the H5 flow returns to, with the EidToken appended; at most 1024
	// characters.
	RedirectUrl *string `json:"RedirectUrl,omitempty"`
	// Encryption encrypts IdCard/Name.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// GetEidTokenResponse is GetEidToken's answer.
type GetEidTokenResponse struct {
	// EidToken identifies the flow. The user must run it within 600 seconds
	// (CheckEidTokenStatus then says "timeout"); GetEidResult fetches the result for 3 days.
	EidToken string `json:"EidToken"`
	// Url starts the H5 flow; hand it to one user.
	Url       string `json:"Url"`
	RequestId string `json:"RequestId"`
}

// eidIdCard is GetEidToken's IdCard rule: letters and digits only.
var eidIdCard = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// Action returns "GetEidToken".
func (*GetEidTokenRequest) Action() string { return "GetEidToken" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetEidTokenRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetEidTokenRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetEidTokenRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/54089.
func (r *GetEidTokenRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("MerchantId", "is required: the request is nil")
		return v.err()
	}
	v.required("MerchantId", r.MerchantId, "set it to the eID merchant ID from the FaceID console")
	if r.IdCard != nil && !r.Encryption.encrypts("IdCard") {
		v.idCard("IdCard", *r.IdCard, r.Encryption)
		if !eidIdCard.MatchString(*r.IdCard) {
			v.fail("IdCard", "must be letters and digits only (no spaces or dashes)")
		}
		v.maxChars("IdCard", *r.IdCard, 32)
	}
	if r.Name != nil && !r.Encryption.encrypts("Name") {
		v.name("Name", *r.Name, r.Encryption)
		v.maxChars("Name", *r.Name, 32)
	}
	if r.Extra != nil {
		v.maxChars("Extra", *r.Extra, 1024)
	}
	if r.RedirectUrl != nil {
		v.maxChars("RedirectUrl", *r.RedirectUrl, 1024)
		v.url("RedirectUrl", r.RedirectUrl)
	}
	v.encryption("Encryption", r.Encryption, true)
	if c := r.Config; c != nil {
		if c.InputType != nil {
			v.oneOf("Config.InputType", *c.InputType, "1", "2", "3", "4")
			if *c.InputType == "4" {
				if r.IdCard == nil {
					v.fail("IdCard", "is required with Config.InputType 4 (the backend passes the identity)")
				}
				if r.Name == nil {
					v.fail("Name", "is required with Config.InputType 4 (the backend passes the identity)")
				}
			}
		}
		if c.IntentionMode != nil {
			v.oneOf("Config.IntentionMode", *c.IntentionMode, "1", "2", "3")
		}
		if c.IntentionVerifyText != nil {
			v.maxChars("Config.IntentionVerifyText", *c.IntentionVerifyText, 120)
		}
		v.intention("Config.", c.IntentionQuestions, c.IntentionActions, 150)
		if c.Speed != nil && *c.Speed > 3 {
			v.fail("Config.Speed", "is %d: use 0 (auto) to 3", *c.Speed)
		}
	}
	return v.err()
}

// GetEidToken mints an EidToken and the H5 Url of one eID verification. Each call, a retry
// included, mints a new token. The action takes no Region (Tencent's page says it need not be
// sent): the Client's Region is sent and ignored, whatever it is.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/54089
func (c *Client) GetEidToken(ctx context.Context, req *GetEidTokenRequest) (*GetEidTokenResponse, error) {
	return call[GetEidTokenRequest, GetEidTokenResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// CheckEidTokenStatus (https://cloud.tencent.com/document/api/1007/58231)

// EidTokenStatus is where an eID flow stands.
type EidTokenStatus string

// EidTokenStatus values (https://cloud.tencent.com/document/api/1007/58231).
const (
	EidStatusInit     EidTokenStatus = "init"     // the user has not started
	EidStatusDoing    EidTokenStatus = "doing"    // the user is in the flow
	EidStatusFinished EidTokenStatus = "finished" // done: fetch the result with GetEidResult
	EidStatusTimeout  EidTokenStatus = "timeout"  // the token expired before the flow finished
)

// Pending reports whether the flow may still finish: poll again.
func (s EidTokenStatus) Pending() bool { return s == EidStatusInit || s == EidStatusDoing }

// CheckEidTokenStatusRequest asks where an eID flow stands.
type CheckEidTokenStatusRequest struct {
	// EidToken is GetEidTokenResponse.EidToken. Required.
	EidToken string `json:"EidToken"`
}

// CheckEidTokenStatusResponse is CheckEidTokenStatus's answer.
type CheckEidTokenStatusResponse struct {
	Status    EidTokenStatus `json:"Status"`
	RequestId string         `json:"RequestId"`
}

// checkEidTokenStatusLevels are CheckEidTokenStatus's documented Status values.
var checkEidTokenStatusLevels = newLevelTable("CheckEidTokenStatus", "Status",
	Level{Value: "init", Meaning: "the user has not started the flow yet: poll again", Accepted: true},
	Level{Value: "doing", Meaning: "the user is in the flow: poll again", Accepted: true},
	Level{Value: "finished", Meaning: "the flow is finished: fetch the result with GetEidResult", Pass: true},
	Level{Value: "timeout", Meaning: "the EidToken expired before the flow finished: start a new one with GetEidToken"},
)

// Action returns "CheckEidTokenStatus".
func (*CheckEidTokenStatusRequest) Action() string { return "CheckEidTokenStatus" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r CheckEidTokenStatusRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r CheckEidTokenStatusRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r CheckEidTokenStatusRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/58231.
func (r *CheckEidTokenStatusRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("EidToken", "is required: the request is nil")
		return v.err()
	}
	v.token("EidToken", r.EidToken, "GetEidTokenResponse.EidToken")
	return v.err()
}

// Check returns nil for "finished" and for the states of a running flow ("init", "doing":
// Status.Pending tells to poll again), and a *VerificationError for "timeout" (the user did
// not finish in time) or an undocumented Status.
func (r *CheckEidTokenStatusResponse) Check() error {
	if r == nil {
		return checkEidTokenStatusLevels.check("", "")
	}
	return checkEidTokenStatusLevels.check(string(r.Status), r.RequestId)
}

// CheckEidTokenStatus asks where an eID flow stands. A nil error with Status.Pending() means
// the user is not done yet (poll again; Tencent's guide suggests every second); "finished"
// means GetEidResult has the result. Status "timeout" (the token's 600 s ran out) is a
// *VerificationError, returned with the response.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/58231
func (c *Client) CheckEidTokenStatus(ctx context.Context, req *CheckEidTokenStatusRequest) (*CheckEidTokenStatusResponse, error) {
	return call[CheckEidTokenStatusRequest, CheckEidTokenStatusResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// GetEidResult (https://cloud.tencent.com/document/api/1007/54090)

// GetEidResultRequest fetches the result of an eID flow.
type GetEidResultRequest struct {
	// EidToken is GetEidTokenResponse.EidToken. Required.
	EidToken string `json:"EidToken"`
	// InfoType picks the sections: digits 0 (all), 1 text, 2 ID card, 3 best frame,
	// 5 intention read-aloud, 6 intention Q&A/nod (no 4); default "0".
	InfoType *string `json:"InfoType,omitempty"`
	// BestFramesCount asks for 0–3 extra frames (Tencent clamps larger values); InfoType must
	// include 3.
	BestFramesCount *uint64 `json:"BestFramesCount,omitempty"`
	// IsCutIdCardImage crops the ID-card photo; InfoType must include 2.
	IsCutIdCardImage *bool `json:"IsCutIdCardImage,omitempty"`
	// IsNeedIdCardAvatar extracts the ID-card portrait; InfoType must include 2.
	IsNeedIdCardAvatar *bool `json:"IsNeedIdCardAvatar,omitempty"`
}

// EidInfo is the eID identity, encrypted; only with the console's "return identity info"
// approval.
type EidInfo struct {
	EidCode  string `json:"EidCode"`
	EidSign  string `json:"EidSign"`
	DesKey   string `json:"DesKey"`
	UserInfo string `json:"UserInfo"`
}

// GetEidResultResponse is GetEidResult's answer; sections not asked for are nil. Check tells
// whether the person passed.
type GetEidResultResponse struct {
	Text                    *DetectInfoText          `json:"Text"`
	IdCardData              *DetectInfoIdCardData    `json:"IdCardData"`
	BestFrame               *DetectInfoBestFrame     `json:"BestFrame"`
	EidInfo                 *EidInfo                 `json:"EidInfo"`
	IntentionVerifyData     *IntentionVerifyData     `json:"IntentionVerifyData"`
	IntentionQuestionResult *IntentionQuestionResult `json:"IntentionQuestionResult"`
	IntentionActionResult   *IntentionActionResult   `json:"IntentionActionResult"`
	IsVerifyIntention       *bool                    `json:"IsVerifyIntention"`
	// IntentionVerifyType is "0" Q&A, "1" nod or "2" read-aloud.
	IntentionVerifyType string `json:"IntentionVerifyType"`
	RequestId           string `json:"RequestId"`
}

// Action returns "GetEidResult".
func (*GetEidResultRequest) Action() string { return "GetEidResult" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetEidResultRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetEidResultRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetEidResultRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/54090.
func (r *GetEidResultRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("EidToken", "is required: the request is nil")
		return v.err()
	}
	v.token("EidToken", r.EidToken, "GetEidTokenResponse.EidToken")
	wants := v.infoType(r.InfoType, '6')
	if r.InfoType != nil {
		for i := 0; i < len(*r.InfoType); i++ {
			if (*r.InfoType)[i] == '4' {
				v.fail("InfoType", "is %q: GetEidResult has no digit 4 (video); use 0, 1, 2, 3, 5 or 6", *r.InfoType)
				break
			}
		}
	}
	if r.BestFramesCount != nil && !wants('3') {
		v.fail("BestFramesCount", "needs InfoType to include 3 (best frame)")
	}
	if r.IsCutIdCardImage != nil && *r.IsCutIdCardImage && !wants('2') {
		v.fail("IsCutIdCardImage", "needs InfoType to include 2 (ID card)")
	}
	if r.IsNeedIdCardAvatar != nil && *r.IsNeedIdCardAvatar && !wants('2') {
		v.fail("IsNeedIdCardAvatar", "needs InfoType to include 2 (ID card)")
	}
	return v.err()
}

// Check returns nil only when Text.ErrCode is reported as 0 and, with intention verification
// on, the intention section of IntentionVerifyType passed, by the rules of
// GetDetectInfoEnhancedResponse.Check; otherwise a *VerificationError. A flow the user has
// not finished has no verdict (NoVerdict): poll CheckEidTokenStatus first.
func (r *GetEidResultResponse) Check() error {
	if r == nil {
		return &VerificationError{Action: "GetEidResult", Family: FamilyFlow, NoVerdict: true, Description: "no response"}
	}
	err := (&GetDetectInfoEnhancedResponse{
		Text: r.Text, IntentionVerifyData: r.IntentionVerifyData, IntentionQuestionResult: r.IntentionQuestionResult,
		IntentionActionResult: r.IntentionActionResult, IsVerifyIntention: r.IsVerifyIntention,
		IntentionVerifyType: r.IntentionVerifyType, RequestId: r.RequestId,
	}).Check()
	var ve *VerificationError
	if errors.As(err, &ve) {
		ve.Action = "GetEidResult"
	}
	return err
}

// GetEidResult fetches the result of an eID flow. A nil error means the result was fetched,
// not that the person passed: use the response's Check (a finished flow with a failing
// Text.ErrCode is a *VerificationError there). Fetching is not billed and may be repeated.
//
// The result can be fetched for 3 days after GetEidToken issued the token; after that the
// call fails with the API error InvalidParameterValue.BizTokenExpired (an unknown token gives
// InvalidParameterValue.BizTokenIllegal).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/54090
func (c *Client) GetEidResult(ctx context.Context, req *GetEidResultRequest) (*GetEidResultResponse, error) {
	return call[GetEidResultRequest, GetEidResultResponse](ctx, c, req)
}
