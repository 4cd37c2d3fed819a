package faceid

import (
	"strconv"
	"strings"
)

// Nested types shared by several flows, and the helpers of the field conventions.

// Ptr returns a pointer to v, for the optional request fields.
func Ptr[T any](v T) *T { return &v }

// Encryption describes field encryption, in requests (the encrypted members, e.g. Name and
// IdCard) and responses (GetDetectInfoEnhanced, CheckIdCardInformation). Client.EncryptFields,
// EncryptResponse and EncryptBody fill it
// (https://cloud.tencent.com/document/product/1007/47180).
type Encryption struct {
	// EncryptList names the encrypted fields, e.g. ["Name", "IdCard"]. Required when used to
	// encrypt request fields.
	EncryptList []string `json:"EncryptList,omitempty"`
	// CiphertextBlob is the encrypted symmetric key. Required when encrypting request fields.
	CiphertextBlob string `json:"CiphertextBlob,omitempty"`
	// Iv is the standard base64 of the 16-byte CBC initialisation vector (24 characters, as
	// Tencent's crypto helper sends it). Required when encrypting request fields.
	Iv string `json:"Iv,omitempty"`
	// Algorithm is "AES-256-CBC" (the default when empty) or "SM4-GCM".
	Algorithm string `json:"Algorithm,omitempty"`
	// TagList holds the SM4-GCM tags.
	TagList []string `json:"TagList,omitempty"`
}

// Encryption algorithms.
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

// RuleIdConfig configures the intention-verification flow of DetectAuth.
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
// GetDetectInfoEnhanced.
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
	// actions. Similarity parses it.
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

// DetectDetail is one attempt within a DetectAuth flow.
// Note the casing: Idcard, Errcode, Livestatus differ from DetectInfoText.
type DetectDetail struct {
	ReqTime        string  `json:"ReqTime"` // milliseconds since the epoch, as a string
	Seq            string  `json:"Seq"`
	Idcard         string  `json:"Idcard"`
	Name           string  `json:"Name"`
	Sim            string  `json:"Sim"` // a string here
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
