package faceid

import (
	"context"
	"fmt"
	"log/slog"
)

// The PaaS actions of the second generation: ImageRecognitionV2 (the successor of
// ImageRecognition), CheckIdCardInformation and IdCardOCRVerification (an ID card read from a
// photo), DetectAIFakeFaces (AI-made and replayed faces).

// Media limits of these actions' pages, measured on the base64 text like MaxImageBase64Len.
const (
	// MaxIdCardImageBase64Len is CheckIdCardInformation's ImageBase64 limit, "7M" after base64
	// encoding (https://cloud.tencent.com/document/api/1007/47276).
	MaxIdCardImageBase64Len = 7 << 20
	// MaxFaceInputBase64Len is DetectAIFakeFaces' FaceInput limit, "10M" after base64 encoding
	// for images and videos alike; Tencent recommends at most 3M for an image and 8M for a
	// video (https://cloud.tencent.com/document/api/1007/101561).
	MaxFaceInputBase64Len = 10 << 20
)

// IdCardWarnConfig is the Config of CheckIdCardInformation and IdCardOCRVerification: which
// ID-card warnings to report in Warnings (and, for CheckIdCardInformation, to stop the
// comparison with Result FailedOperation.OcrWarningOccurred), and whether to score the image
// quality. Every switch is off by default.
//
// On the wire it is JSON inside a string, e.g. "Config":"{\"CopyWarn\":true}"
// (https://cloud.tencent.com/document/api/1007/47276); MarshalJSON and UnmarshalJSON do the
// double encoding.
type IdCardWarnConfig struct {
	// CopyWarn reports a photocopy (-9102).
	CopyWarn bool `json:"CopyWarn,omitempty"`
	// BorderCheckWarn reports a card cut off at the border (-9101).
	BorderCheckWarn bool `json:"BorderCheckWarn,omitempty"`
	// ReshootWarn reports a photo of a screen (-9103).
	ReshootWarn bool `json:"ReshootWarn,omitempty"`
	// DetectPsWarn reports an edited image (-9106).
	DetectPsWarn bool `json:"DetectPsWarn,omitempty"`
	// TempIdWarn reports a temporary ID card (-9104).
	TempIdWarn bool `json:"TempIdWarn,omitempty"`
	// Quality asks for the image quality score in Quality.
	Quality bool `json:"Quality,omitempty"`
}

// MarshalJSON encodes c as a JSON string that holds c's JSON object.
func (c IdCardWarnConfig) MarshalJSON() ([]byte, error) {
	type plain IdCardWarnConfig
	return marshalJSONString(plain(c))
}

// UnmarshalJSON decodes the JSON string and then the object inside it.
func (c *IdCardWarnConfig) UnmarshalJSON(data []byte) error {
	type plain IdCardWarnConfig
	*c = IdCardWarnConfig{} // members the object omits are zero, not left over
	return unmarshalJSONString("Config", data, (*plain)(c))
}

// ---------------------------------------------------------------------------------------------
// ImageRecognitionV2 (https://cloud.tencent.com/document/api/1007/102203)

// ImageRecognitionV2Request compares a photo with the ID-card authority's photo of IdCard and
// Name. It replaces ImageRecognition, which Tencent closed to new customers.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/102203
type ImageRecognitionV2Request struct {
	// IdCard is the ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name (UTF-8). Required.
	Name string `json:"Name"`
	// ImageBase64 is the photo (jpg/png), at most 3M after base64 encoding. Required.
	ImageBase64 Media `json:"ImageBase64"`
	// Optional is not used by this action.
	Optional *string `json:"Optional,omitempty"`
	// Encryption encrypts Name/IdCard.
	Encryption *Encryption `json:"Encryption,omitempty"`
	// Extra is echoed back in the response: 1 to 10 characters.
	Extra *string `json:"Extra,omitempty"`
}

// ImageRecognitionV2Response is ImageRecognitionV2's answer. The method returns a
// *VerificationError unless Result is "Success"; the response is returned in both cases.
type ImageRecognitionV2Response struct {
	// Sim is the similarity 0–100; the pass threshold is fixed at 70. The verdict is Result.
	Sim *float64 `json:"Sim"`
	// Result is "Success" or a FailedOperation.* code.
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// Extra is the request's Extra.
	Extra     string `json:"Extra"`
	RequestId string `json:"RequestId"`
}

// Action returns "ImageRecognitionV2".
func (*ImageRecognitionV2Request) Action() string { return "ImageRecognitionV2" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r ImageRecognitionV2Request) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r ImageRecognitionV2Request) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r ImageRecognitionV2Request) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/102203.
func (r *ImageRecognitionV2Request) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	v.required("IdCard", r.IdCard, "set it to the person's ID-card number")
	v.idCard("IdCard", r.IdCard, r.Encryption)
	v.name("Name", r.Name, r.Encryption)
	if r.ImageBase64.IsZero() {
		v.fail("ImageBase64", "is required: set it with MediaBytes, MediaReader or MediaBase64")
	}
	v.media("ImageBase64", r.ImageBase64, MaxImageBase64Len, "photo", "")
	v.encryption("Encryption", r.Encryption, true)
	if r.Extra != nil {
		if *r.Extra == "" {
			v.fail("Extra", "is empty: leave it nil, or give 1 to 10 characters")
		}
		v.maxChars("Extra", *r.Extra, 10)
	}
	return v.err()
}

// Check returns nil only when Result is exactly "Success"; any other Result, an empty one
// included, gives a *VerificationError.
func (r *ImageRecognitionV2Response) Check() error {
	if r == nil {
		return checkResult("ImageRecognitionV2", "", "", "", nil)
	}
	return checkResult("ImageRecognitionV2", r.Result, r.Description, r.RequestId, r.Sim)
}

// ImageRecognitionV2 compares a photo with the ID-card authority's photo of IdCard and Name.
//
// The API answers HTTP 200 without an error when the person does not match (Result other than
// "Success"); this method turns that into a *VerificationError, so a nil error means the check
// passed. The response is returned in both cases, for Sim and Description. Billed, so not
// resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/102203
func (c *Client) ImageRecognitionV2(ctx context.Context, req *ImageRecognitionV2Request) (*ImageRecognitionV2Response, error) {
	return call[ImageRecognitionV2Request, ImageRecognitionV2Response](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// CheckIdCardInformation (https://cloud.tencent.com/document/api/1007/47276)

// CheckIdCardInformationRequest reads the portrait side of a mainland ID card by OCR and
// compares its name, number and portrait with the ID-card authority's record.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/47276
type CheckIdCardInformationRequest struct {
	// ImageBase64 is the photo of the card's portrait side (png/jpg/jpeg, no GIF), at most 7M
	// after base64 encoding. Set it or ImageUrl; ImageUrl wins when both are set (the opposite
	// of LivenessCompare).
	ImageBase64 Media `json:"ImageBase64,omitempty"`
	// ImageUrl is the photo's URL: at most 3M once downloaded and encoded, downloadable
	// within 3 s.
	ImageUrl *string `json:"ImageUrl,omitempty"`
	// Config turns on the warnings (and the quality score).
	Config *IdCardWarnConfig `json:"Config,omitempty"`
	// IsEncrypt encrypts the response's IdNum and Name (the older scheme; use Encryption).
	IsEncrypt *bool `json:"IsEncrypt,omitempty"`
	// IsEncryptResponse encrypts the whole response into EncryptedBody with the key of
	// Encryption.
	IsEncryptResponse *bool `json:"IsEncryptResponse,omitempty"`
	// Encryption carries the key the response is encrypted with.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// CheckIdCardInformationResponse is CheckIdCardInformation's answer. The method returns a
// *VerificationError unless Result is "Success"; the response is returned in both cases.
type CheckIdCardInformationResponse struct {
	// Sim is the similarity of the card's portrait with the authority's photo, 0–100.
	Sim *float64 `json:"Sim"`
	// Result is "Success" or a FailedOperation.* code; FailedOperation.OcrWarningOccurred
	// means a warning turned on in Config fired and the comparison was not made.
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// Name, Sex, Nation, Birth, Address and IdNum are read from the card.
	Name    string `json:"Name"`
	Sex     string `json:"Sex"`
	Nation  string `json:"Nation"`
	Birth   string `json:"Birth"`
	Address string `json:"Address"`
	IdNum   string `json:"IdNum"`
	// Portrait is the card's portrait, base64 JPEG.
	Portrait string `json:"Portrait"`
	// Warnings is the codes of the warnings that fired, joined by "|": -9101 border, -9102
	// photocopy, -9103 photo of a screen, -9104 temporary card, -9105 occlusion, -9106 edited,
	// -8001 blur.
	Warnings string `json:"Warnings"`
	// Quality is the image quality score when Config.Quality was set.
	Quality *float64 `json:"Quality"`
	// Encryption describes how the response was encrypted.
	Encryption *Encryption `json:"Encryption"`
	// EncryptedBody is the whole response, encrypted, when IsEncryptResponse was set.
	EncryptedBody string `json:"EncryptedBody"`
	RequestId     string `json:"RequestId"`
}

// Action returns "CheckIdCardInformation".
func (*CheckIdCardInformationRequest) Action() string { return "CheckIdCardInformation" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r CheckIdCardInformationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r CheckIdCardInformationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r CheckIdCardInformationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/47276.
func (r *CheckIdCardInformationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("ImageBase64", "is required: the request is nil")
		return v.err()
	}
	if r.ImageBase64.IsZero() && r.ImageUrl == nil {
		v.fail("ImageBase64", "is required: set ImageBase64 (MediaBytes, MediaReader or MediaBase64) or ImageUrl")
	}
	v.media("ImageBase64", r.ImageBase64, MaxIdCardImageBase64Len, "ID-card photo", "ImageUrl")
	v.url("ImageUrl", r.ImageUrl)
	if r.IsEncryptResponse != nil && *r.IsEncryptResponse && r.Encryption == nil {
		v.fail("Encryption", "is required with IsEncryptResponse: the response is encrypted with its key")
	}
	v.encryption("Encryption", r.Encryption, true)
	return v.err()
}

// Check returns nil only when Result is exactly "Success"; any other Result, an empty one and
// FailedOperation.OcrWarningOccurred included, gives a *VerificationError.
func (r *CheckIdCardInformationResponse) Check() error {
	if r == nil {
		return checkResult("CheckIdCardInformation", "", "", "", nil)
	}
	return checkResult("CheckIdCardInformation", r.Result, r.Description, r.RequestId, r.Sim)
}

// CheckIdCardInformation reads the ID card in the photo and checks it against the ID-card
// authority's record.
//
// The API answers HTTP 200 without an error when the card does not check out (Result other
// than "Success", e.g. FailedOperation.OcrWarningOccurred when a warning of Config fired);
// this method turns that into a *VerificationError, so a nil error means the check passed.
// The response is returned in both cases. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/47276
func (c *Client) CheckIdCardInformation(ctx context.Context, req *CheckIdCardInformationRequest) (*CheckIdCardInformationResponse, error) {
	return call[CheckIdCardInformationRequest, CheckIdCardInformationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// IdCardOCRVerification (https://cloud.tencent.com/document/api/1007/37980)

// IdCardOCRVerificationRequest checks that a name and an ID-card number belong together, given
// directly or read by OCR from a photo of the card. Give IdCard and Name, or ImageBase64, or
// ImageUrl; when several are given Tencent uses IdCard and Name first, then ImageBase64.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/37980
type IdCardOCRVerificationRequest struct {
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Set it
	// together with Name.
	IdCard *string `json:"IdCard,omitempty"`
	// Name is the person's name. Set it together with IdCard.
	Name *string `json:"Name,omitempty"`
	// ImageBase64 is a photo of the card's portrait side (png/jpg/jpeg, no GIF), at most 3M
	// after base64 encoding.
	ImageBase64 Media `json:"ImageBase64,omitempty"`
	// ImageUrl is the photo's URL: at most 3M once downloaded and encoded, downloadable within
	// 3 s.
	ImageUrl *string `json:"ImageUrl,omitempty"`
	// Encryption encrypts IdCard/Name.
	Encryption *Encryption `json:"Encryption,omitempty"`
	// Config turns on the warnings (and the quality score); only with a photo.
	Config *IdCardWarnConfig `json:"Config,omitempty"`
}

// IdCardOCRVerificationResponse is IdCardOCRVerification's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type IdCardOCRVerificationResponse struct {
	// Result is the numeric code, e.g. "0" or "-1" (IdCardOCRVerification's Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// Name and IdCard are the checked elements (read from the photo when one was sent).
	Name   string `json:"Name"`
	IdCard string `json:"IdCard"`
	// Sex, Nation, Birth and Address are filled only when the input was a photo.
	Sex     string `json:"Sex"`
	Nation  string `json:"Nation"`
	Birth   string `json:"Birth"`
	Address string `json:"Address"`
	// Portrait is the card's portrait, base64 JPEG (photo input).
	Portrait string `json:"Portrait"`
	// Warnings is the codes of the warnings of Config that fired, joined by "|": -9101
	// border, -9102 photocopy, -9103 photo of a screen, -9104 temporary card, -9105
	// occlusion, -9106 edited, -9107 glare, -9108 black-and-white copy, -9109 invalid
	// validity date, -8001 blur.
	Warnings string `json:"Warnings"`
	// Quality is the image quality score when Config.Quality was set.
	Quality   *float64 `json:"Quality"`
	RequestId string   `json:"RequestId"`
}

// Action returns "IdCardOCRVerification".
func (*IdCardOCRVerificationRequest) Action() string { return "IdCardOCRVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r IdCardOCRVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r IdCardOCRVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r IdCardOCRVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/37980.
func (r *IdCardOCRVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil; set IdCard and Name, or ImageBase64, or ImageUrl")
		return v.err()
	}
	elements := r.IdCard != nil || r.Name != nil
	switch {
	case elements && r.IdCard == nil:
		v.fail("IdCard", "is required with Name: set both, or neither and send a photo")
	case elements && r.Name == nil:
		v.fail("Name", "is required with IdCard: set both, or neither and send a photo")
	case elements:
		v.idNumber("IdCard", *r.IdCard, r.Encryption)
		v.name("Name", *r.Name, r.Encryption)
	case r.ImageBase64.IsZero() && r.ImageUrl == nil:
		v.fail("IdCard", "is required: set IdCard and Name, or ImageBase64, or ImageUrl")
	}
	v.media("ImageBase64", r.ImageBase64, MaxImageBase64Len, "ID-card photo", "ImageUrl")
	v.url("ImageUrl", r.ImageUrl)
	if r.Config != nil && r.ImageBase64.IsZero() && r.ImageUrl == nil {
		v.fail("Config", "applies only to a photo: send ImageBase64 or ImageUrl, or leave Config nil")
	}
	v.encryption("Encryption", r.Encryption, true)
	return v.err()
}

// idCardOCRVerificationResults are IdCardOCRVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/37980).
var idCardOCRVerificationResults = newResultTable("IdCardOCRVerification",
	ResultCode{Code: "0", Meaning: "the name and the ID number match", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "the name and the ID number do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the ID number is wrong (length or check digit)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-3", Meaning: "the name is wrong (length or format)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-4", Meaning: "the ID database failed", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-5", Meaning: "the ID database has no record of this number", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "the authority's system is being upgraded", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-7", Meaning: "the daily limit for this ID number is reached", Billed: NotBilled, Retry: RetryLater},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *IdCardOCRVerificationResponse) Check() error {
	if r == nil {
		return idCardOCRVerificationResults.check("", "no response", "")
	}
	return idCardOCRVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// IdCardOCRVerification checks that the name and the ID number (given, or read from the photo)
// belong together. A nil error means they do; otherwise a *VerificationError (with the
// response) says what Result means, whether it was billed ("0" and "-1" are) and whether a
// retry can help. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/37980
func (c *Client) IdCardOCRVerification(ctx context.Context, req *IdCardOCRVerificationRequest) (*IdCardOCRVerificationResponse, error) {
	return call[IdCardOCRVerificationRequest, IdCardOCRVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// DetectAIFakeFaces (https://cloud.tencent.com/document/api/1007/101561)

// FaceInputType says what DetectAIFakeFacesRequest.FaceInput holds.
type FaceInputType = int64

// FaceInput types.
const (
	FaceInputImage FaceInputType = 1 // a jpg/png photo
	FaceInputVideo FaceInputType = 2 // an mp4/avi/flv video, 2–5 s advised, at most 20 s
)

// DetectAIFakeFacesRequest asks whether the face in one photo or video is an attack: an
// AI-made or swapped face, a replayed screen, a batch template, a watermark. Send FaceInput and
// FaceInputType, or (whole-body encryption) Encryption and EncryptedBody holding them.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/101561
type DetectAIFakeFacesRequest struct {
	// FaceInput is the photo or video, at most 10M after base64 encoding. Required unless
	// the body is encrypted.
	FaceInput Media `json:"FaceInput,omitempty"`
	// FaceInputType is FaceInputImage or FaceInputVideo. Required with FaceInput.
	FaceInputType *int64 `json:"FaceInputType,omitempty"`
	// Encryption carries the key of EncryptedBody.
	Encryption *Encryption `json:"Encryption,omitempty"`
	// EncryptedBody is {"FaceInput":...,"FaceInputType":...} encrypted with the key of
	// Encryption.
	EncryptedBody *string `json:"EncryptedBody,omitempty"`
}

// AttackRiskLevel is DetectAIFakeFaces' verdict.
type AttackRiskLevel string

// Attack risk levels.
const (
	AttackRiskLow  AttackRiskLevel = "Low"
	AttackRiskMid  AttackRiskLevel = "Mid"
	AttackRiskHigh AttackRiskLevel = "High"
)

// AttackRiskDetail is one kind of attack suspected, e.g. "SuspectedSynthesisImage".
type AttackRiskDetail struct {
	// Type is SuspectedSpoofingAttack, SuspectedSynthesisImage, SuspectedSynthesisVideo,
	// SuspectedAnomalyAttack, SuspectedAdversarialAttack, SuspectedBlackIndustry or
	// SuspectedWatermark.
	Type string `json:"Type"`
}

// ExtraInfo is DetectAIFakeFaces' extra information.
type ExtraInfo struct {
	// RetrievalLivenessExtraInfo lists the attack templates the face was matched against.
	RetrievalLivenessExtraInfo []RetrievalLivenessExtraInfo `json:"RetrievalLivenessExtraInfo"`
}

// RetrievalLivenessExtraInfo is one match against a known attack template.
type RetrievalLivenessExtraInfo struct {
	HitGroup string `json:"HitGroup"`
	// SimilarityScore is in [0, 2]; below 0.6 the template was hit.
	SimilarityScore *float64 `json:"SimilarityScore"`
	HitTemplate     string   `json:"HitTemplate"`
}

// DetectAIFakeFacesResponse is DetectAIFakeFaces' answer. The method returns a
// *VerificationError for AttackRiskLevel High (and for a level Tencent does not document).
type DetectAIFakeFacesResponse struct {
	AttackRiskLevel AttackRiskLevel `json:"AttackRiskLevel"`
	// AttackRiskDetailList names the suspected attacks for High and Mid; empty otherwise.
	AttackRiskDetailList []AttackRiskDetail `json:"AttackRiskDetailList"`
	ExtraInfo            *ExtraInfo         `json:"ExtraInfo"`
	RequestId            string             `json:"RequestId"`
}

// Action returns "DetectAIFakeFaces".
func (*DetectAIFakeFacesRequest) Action() string { return "DetectAIFakeFaces" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r DetectAIFakeFacesRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r DetectAIFakeFacesRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r DetectAIFakeFacesRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/101561.
func (r *DetectAIFakeFacesRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("FaceInput", "is required: the request is nil")
		return v.err()
	}
	if r.Encryption != nil || r.EncryptedBody != nil {
		switch {
		case r.Encryption == nil:
			v.fail("Encryption", "is required with EncryptedBody: it carries the key the body is encrypted with")
		case r.EncryptedBody == nil || *r.EncryptedBody == "":
			v.fail("EncryptedBody", "is required with Encryption: set it to the encrypted {FaceInput, FaceInputType}")
		}
		if !r.FaceInput.IsZero() || r.FaceInputType != nil {
			v.fail("FaceInput", "must be empty when the body is encrypted: FaceInput and FaceInputType go inside EncryptedBody")
		}
		v.encryption("Encryption", r.Encryption, true)
		return v.err()
	}
	if r.FaceInput.IsZero() {
		v.fail("FaceInput", "is required: set it with MediaBytes, MediaReader or MediaBase64 (or encrypt the body)")
	}
	what := "photo or video"
	switch {
	case r.FaceInputType == nil:
		v.fail("FaceInputType", "is required: set it to FaceInputImage (1) or FaceInputVideo (2)")
	case *r.FaceInputType == FaceInputImage:
		what = "photo"
	case *r.FaceInputType == FaceInputVideo:
		what = "video"
	default:
		v.fail("FaceInputType", "is %d: use FaceInputImage (1) or FaceInputVideo (2)", *r.FaceInputType)
	}
	v.media("FaceInput", r.FaceInput, MaxFaceInputBase64Len, what, "")
	return v.err()
}

// detectAIFakeFacesLevels are DetectAIFakeFaces' documented AttackRiskLevel values
// (https://cloud.tencent.com/document/api/1007/101561).
var detectAIFakeFacesLevels = newLevelTable("DetectAIFakeFaces", "AttackRiskLevel",
	Level{Value: "Low", Meaning: "no sign of an attack", Pass: true},
	Level{Value: "Mid", Meaning: "some signs of an attack; Tencent advises passing it", Pass: true},
	Level{Value: "High", Meaning: "an attack is likely; Tencent advises blocking it"},
)

// Check returns nil for AttackRiskLevel Low and Mid; High, an undocumented or an empty level
// gives a *VerificationError.
func (r *DetectAIFakeFacesResponse) Check() error {
	if r == nil {
		return detectAIFakeFacesLevels.check("", "")
	}
	return detectAIFakeFacesLevels.check(string(r.AttackRiskLevel), r.RequestId)
}

// DetectAIFakeFaces asks whether the face in the photo or video is an attack (AI-made or
// swapped face, replayed screen, template, watermark).
//
// AttackRiskLevel High is an error (a *VerificationError, with the response): Tencent's page
// advises blocking High and passing Mid and Low, so a nil error means the face may be accepted.
// Mid passes because Tencent advises passing it; a caller stricter than Tencent's advice reads
// resp.AttackRiskLevel and AttackRiskDetailList itself. A level Tencent does not document is an
// error too. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/101561
func (c *Client) DetectAIFakeFaces(ctx context.Context, req *DetectAIFakeFacesRequest) (*DetectAIFakeFacesResponse, error) {
	return call[DetectAIFakeFacesRequest, DetectAIFakeFacesResponse](ctx, c, req)
}
