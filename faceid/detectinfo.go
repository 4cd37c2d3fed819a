package faceid

import (
	"encoding/json"
	"errors"
	"fmt"
)

// DetectInfo is the JSON document inside GetDetectInfoResponse.DetectInfo (sheet sections 4.2
// and 5.2), decoded by GetDetectInfoResponse.Decode.
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
	// Sim is the similarity as a string, as in DetectInfoText (sheet section 5.1).
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
// (sheet section 5.2). r.DetectInfo is left as it is.
//
// The error never quotes the document: it holds names, ID numbers and face images.
func (r *GetDetectInfoResponse) Decode() (*DetectInfo, error) {
	if r == nil || r.DetectInfo == "" {
		return nil, errors.New("faceid: GetDetectInfoResponse.DetectInfo is empty: nothing to decode")
	}
	var d DetectInfo
	if err := json.Unmarshal([]byte(r.DetectInfo), &d); err != nil {
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
// flow (sheet section 3); otherwise a *VerificationError saying the person did not pass.
// A GetDetectInfo call without an API error only means the result was fetched.
func (d *DetectInfo) Check() error {
	const action = "GetDetectInfo"
	if d == nil || d.Text == nil {
		rid := ""
		if d != nil {
			rid = d.requestID
		}
		return &VerificationError{Action: action, RequestId: rid, Description: "the result has no Text section; ask for InfoType 1 (or 0)"}
	}
	t := d.Text
	return checkErrCode(action, d.requestID, &DetectInfoText{ErrCode: t.ErrCode, ErrMsg: t.ErrMsg, Sim: t.Sim})
}
