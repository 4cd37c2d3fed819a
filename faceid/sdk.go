package faceid

import (
	"context"
	"fmt"
	"log/slog"
)

// The app SDK flow: GetFaceIdToken mints a FaceIdToken for Tencent's HuiYan SDK in the app,
// the SDK runs liveness and face comparison on the phone, and GetFaceIdResult fetches the
// result with the same token.

// CompareLib values of GetFaceIdToken (https://cloud.tencent.com/document/api/1007/49198).
const (
	CompareLibBusiness = "BUSINESS" // compare with the ID-card authority's photo: IdCard and Name required
	CompareLibLocal    = "LOCAL"    // compare with your own photo: ImageBase64 required
)

// MaxFaceIdTokenImageLen is the limit of GetFaceIdTokenRequest.ImageBase64: "8MB" of base64
// text on https://cloud.tencent.com/document/api/1007/49198, read as 10^6 bytes per MB (the
// smaller reading, so an image we accept is never refused for its size).
const MaxFaceIdTokenImageLen = 8_000_000

// faceIdTokenRegions are the regions GetFaceIdToken accepts
// (https://cloud.tencent.com/document/api/1007/49198, the Region row).
var faceIdTokenRegions = []string{"ap-beijing", "ap-chengdu", "ap-guangzhou", "ap-shanghai"}

// GetFaceIdTokenRequest mints a FaceIdToken for one app-SDK verification
// (https://cloud.tencent.com/document/api/1007/49198).
type GetFaceIdTokenRequest struct {
	// CompareLib is CompareLibBusiness (the authority's photo of IdCard) or CompareLibLocal
	// (ImageBase64). Required.
	CompareLib string `json:"CompareLib"`
	// IdCard is the ID-card number; required with CompareLibBusiness. A check letter must be
	// upper-case X.
	IdCard *string `json:"IdCard,omitempty"`
	// Name is the person's name; required with CompareLibBusiness.
	Name *string `json:"Name,omitempty"`
	// ImageBase64 is the photo to compare with; required with CompareLibLocal, at most
	// MaxFaceIdTokenImageLen bytes of base64.
	ImageBase64 Media `json:"ImageBase64,omitempty"`
	// Meta is the SDK's meta data, passed through unchanged.
	Meta *string `json:"Meta,omitempty"`
	// Extra is passed through and returned by GetFaceIdResult; at most 1000 characters.
	Extra *string `json:"Extra,omitempty"`
	// UseCos makes GetFaceIdResult return COS URLs instead of base64 media.
	UseCos *bool `json:"UseCos,omitempty"`
	// Encryption encrypts IdCard/Name.
	Encryption *Encryption `json:"Encryption,omitempty"`
	// RuleId is the console's business-flow ID, where one is configured.
	RuleId *string `json:"RuleId,omitempty"`
	// MetaData comes from the HuiYan SDK; pass it unmodified.
	MetaData *string `json:"MetaData,omitempty"`
}

// GetFaceIdTokenResponse is GetFaceIdToken's answer.
type GetFaceIdTokenResponse struct {
	// FaceIdToken starts the app SDK. It is valid for 10 minutes and for one verification
	// (https://cloud.tencent.com/document/api/1007/49198); GetFaceIdResult fetches its result
	// for 3 days.
	FaceIdToken string `json:"FaceIdToken"`
	// ClientConfig goes to the app SDK unchanged; it may be absent.
	ClientConfig string `json:"ClientConfig"`
	RequestId    string `json:"RequestId"`
}

// Action returns "GetFaceIdToken".
func (*GetFaceIdTokenRequest) Action() string { return "GetFaceIdToken" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetFaceIdTokenRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetFaceIdTokenRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetFaceIdTokenRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/49198.
func (r *GetFaceIdTokenRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("CompareLib", "is required: the request is nil")
		return v.err()
	}
	switch r.CompareLib {
	case "":
		v.fail("CompareLib", "is required: set it to CompareLibBusiness (the authority's photo) or CompareLibLocal (your ImageBase64)")
	case CompareLibBusiness:
		if r.IdCard == nil {
			v.fail("IdCard", "is required with CompareLib BUSINESS: set it to the person's ID-card number")
		} else {
			v.required("IdCard", *r.IdCard, "set it to the person's ID-card number (CompareLib BUSINESS)")
			v.idCard("IdCard", *r.IdCard, r.Encryption)
		}
		if r.Name == nil {
			v.fail("Name", "is required with CompareLib BUSINESS: set it to the person's name")
		} else {
			v.name("Name", *r.Name, r.Encryption)
		}
	case CompareLibLocal:
		if r.ImageBase64.IsZero() {
			v.fail("ImageBase64", "is required with CompareLib LOCAL: set the photo to compare with")
		}
	default:
		v.oneOf("CompareLib", r.CompareLib, CompareLibBusiness, CompareLibLocal)
	}
	v.media("ImageBase64", r.ImageBase64, MaxFaceIdTokenImageLen, "photo", "")
	if r.Extra != nil {
		v.maxChars("Extra", *r.Extra, 1000)
	}
	v.encryption("Encryption", r.Encryption, true)
	return v.err()
}

// GetFaceIdToken mints a FaceIdToken for one app-SDK verification: hand it to the HuiYan SDK
// in the app (with ClientConfig), then fetch the result with GetFaceIdResult. The token is
// valid for 10 minutes and one verification; each call, a retry included, mints a new one.
//
// Tencent accepts this action only in ap-beijing, ap-chengdu, ap-guangzhou and ap-shanghai:
// with another Config.Region the call is refused before anything is sent (the row's Regions).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/49198
func (c *Client) GetFaceIdToken(ctx context.Context, req *GetFaceIdTokenRequest) (*GetFaceIdTokenResponse, error) {
	return call[GetFaceIdTokenRequest, GetFaceIdTokenResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// GetFaceIdResult (https://cloud.tencent.com/document/api/1007/49199)

// GetFaceIdResultRequest fetches the result of an app-SDK verification
// (https://cloud.tencent.com/document/api/1007/49199).
type GetFaceIdResultRequest struct {
	// FaceIdToken is GetFaceIdTokenResponse.FaceIdToken. Required.
	FaceIdToken string `json:"FaceIdToken"`
	// IsNeedVideo returns the verification video (VideoBase64).
	IsNeedVideo *bool `json:"IsNeedVideo,omitempty"`
	// IsNeedBestFrame returns the best frame (BestFrameBase64).
	IsNeedBestFrame *bool `json:"IsNeedBestFrame,omitempty"`
	// IsEncryptResponse encrypts the whole answer into EncryptedBody.
	IsEncryptResponse *bool `json:"IsEncryptResponse,omitempty"`
	// Encryption asks for the sensitive answer fields encrypted; only Algorithm is needed.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// GetFaceIdResultResponse is GetFaceIdResult's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type GetFaceIdResultResponse struct {
	IdCard string `json:"IdCard"`
	Name   string `json:"Name"`
	// Result is the verification's numeric code: "0" passed (GetFaceIdResult's Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// Similarity is 0–100; nil when not reported.
	Similarity *float64 `json:"Similarity"`
	// VideoBase64 and BestFrameBase64 are base64 media, or COS URLs with UseCos.
	VideoBase64     string `json:"VideoBase64"`
	BestFrameBase64 string `json:"BestFrameBase64"`
	// Extra is GetFaceIdToken's Extra, echoed back.
	Extra string `json:"Extra"`
	// DeviceInfoTag, RiskInfoTag, LivenessInfoTag and DeviceInfoLevel ("1" safe to "4" high
	// risk) come with the plus edition only.
	DeviceInfoTag   string      `json:"DeviceInfoTag"`
	RiskInfoTag     string      `json:"RiskInfoTag"`
	LivenessInfoTag string      `json:"LivenessInfoTag"`
	DeviceInfoLevel string      `json:"DeviceInfoLevel"`
	Encryption      *Encryption `json:"Encryption"`
	// EncryptedBody is the whole answer, encrypted, when IsEncryptResponse was set; with a
	// context from Client.EncryptResponse the call decrypts it into this response.
	EncryptedBody     string `json:"EncryptedBody"`
	IdCardFrontBase64 string `json:"IdCardFrontBase64"`
	RequestId         string `json:"RequestId"`
}

// Action returns "GetFaceIdResult".
func (*GetFaceIdResultRequest) Action() string { return "GetFaceIdResult" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetFaceIdResultRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetFaceIdResultRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetFaceIdResultRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/49199.
func (r *GetFaceIdResultRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("FaceIdToken", "is required: the request is nil")
		return v.err()
	}
	v.token("FaceIdToken", r.FaceIdToken, "GetFaceIdTokenResponse.FaceIdToken")
	v.encryption("Encryption", r.Encryption, false)
	return v.err()
}

// token checks a token or request ID handed out by Tencent: present, and printable ASCII
// without white space (the documented tokens are UUID-like; one copied with quotes, spaces or
// a line break is a caller's mistake, refused here instead of answered as an unknown token).
func (v *validator) token(field, value, from string) {
	if value == "" {
		v.fail(field, "is required: set it to %s", from)
		return
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c <= ' ' || c > '~' || c == '"' || c == '\'' {
			v.fail(field, "has %q at byte %d: a token is printable ASCII without spaces or quotes; set it to %s exactly", rune(c), i, from)
			return
		}
	}
}

// getFaceIdResultResults are the documented Result codes of the app-SDK verification and
// whether Tencent bills them (https://cloud.tencent.com/document/product/1007/101997, cited by
// https://cloud.tencent.com/document/api/1007/49199). Fetching the result is not billed; the
// billing is that of the verification. Retry says whether a new verification can help:
// fetching again always gives the same answer.
var getFaceIdResultResults = newResultTable("GetFaceIdResult",
	ResultCode{Code: "0", Meaning: "the person passed liveness and face comparison", Pass: true, Billed: Billed},
	ResultCode{Code: "2", Meaning: "wrong call method (check the integration)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "3", Meaning: "wrong call method (check the integration)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "17", Meaning: "wrong call method (check the integration)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "4", Meaning: "service error: start a new verification later", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "7", Meaning: "service error: start a new verification later", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "8", Meaning: "service error: start a new verification later", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "14", Meaning: "the verification was already completed with this token", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "15", Meaning: "the FaceIdToken expired before the verification ran (valid 10 minutes)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "18", Meaning: "the rate limit was exceeded", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "19", Meaning: "the validity period was exceeded", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "1001", Meaning: "the liveness engine timed out", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "1003", Meaning: "face verification failed", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "1004", Meaning: "face verification failed", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "1005", Meaning: "face verification failed", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "1007", Meaning: "liveness failed (risk control)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "1202", Meaning: "the lighting was too poor", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "2001", Meaning: "the comparison engine timed out", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "2002", Meaning: "the name is malformed", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "2003", Meaning: "the ID number is malformed", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "2004", Meaning: "no usable photo could be taken from the video", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "2005", Meaning: "the identity was not found in the authority's records", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "2006", Meaning: "the name and the ID number do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2007", Meaning: "the authority has no photo of this person", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2009", Meaning: "the authority's photo is of too low a resolution", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2011", Meaning: "not the same person (suspected non-live)", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2012", Meaning: "several faces in the video", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2013", Meaning: "the face is not fully visible", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2014", Meaning: "the video's resolution is too low", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2015", Meaning: "not the same person (the comparison failed)", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2016", Meaning: "the similarity is below the threshold", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "2017", Meaning: "the authority's source is being upgraded", Billed: NotBilled, Retry: RetryLater},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means and whether it was billed.
func (r *GetFaceIdResultResponse) Check() error {
	if r == nil {
		return getFaceIdResultResults.check("", "no response", "")
	}
	return getFaceIdResultResults.check(r.Result, r.Description, r.RequestId)
}

// GetFaceIdResult fetches the result of an app-SDK verification. A nil error means the person
// passed (Result "0"); a finished verification with another Result gives a
// *VerificationError (with the response) saying what the code means and whether Tencent
// billed the verification. Fetching is not billed and may be repeated.
//
// The result can be fetched for 3 days after GetFaceIdToken issued the token; after that the
// call fails with the API error InvalidParameterValue.BizTokenExpired (a token Tencent does not
// know gives InvalidParameterValue.BizTokenIllegal). Region is not needed by this action.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/49199
func (c *Client) GetFaceIdResult(ctx context.Context, req *GetFaceIdResultRequest) (*GetFaceIdResultResponse, error) {
	return call[GetFaceIdResultRequest, GetFaceIdResultResponse](ctx, c, req)
}
