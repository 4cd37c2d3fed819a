package faceid

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
)

// The PaaS flow: the liveness and face-comparison actions an app calls with its own media.

// LivenessType selects the liveness mode of LivenessCompare and LivenessRecognition
// (https://cloud.tencent.com/document/api/1007/31819).
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

// LivenessOptional is the Optional field of LivenessCompare and LivenessRecognition.
//
// On the wire it is JSON inside a string, e.g. "Optional":"{\"BestFrameNum\":2}" (Tencent's
// page: https://cloud.tencent.com/document/api/1007/31819); MarshalJSON and UnmarshalJSON do the double encoding.
type LivenessOptional struct {
	// BestFrameNum asks for extra best frames in BestFrameList: 2 to 10.
	BestFrameNum int `json:"BestFrameNum,omitempty"`
}

// MarshalJSON encodes o as a JSON string that holds o's JSON object.
func (o LivenessOptional) MarshalJSON() ([]byte, error) {
	type plain LivenessOptional
	return marshalJSONString(plain(o))
}

// UnmarshalJSON decodes the JSON string and then the object inside it.
func (o *LivenessOptional) UnmarshalJSON(data []byte) error {
	type plain LivenessOptional
	*o = LivenessOptional{} // members the object omits are zero, not left over
	return unmarshalJSONString("Optional", data, (*plain)(o))
}

// marshalJSONString encodes v as a JSON string that holds v's JSON object: the wire form of
// the members Tencent's pages type as a string of JSON (Optional, Config). v must not have
// this MarshalJSON itself (pass a method-less conversion), or it would recurse.
func marshalJSONString(v any) ([]byte, error) {
	inner, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(inner))
}

// unmarshalJSONString decodes a JSON string holding a JSON object into v (a method-less
// conversion, as for marshalJSONString); member names the field in the error.
func unmarshalJSONString(member string, data []byte, v any) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("faceid: %s must be a JSON string holding a JSON object: %w", member, err)
	}
	if err := json.Unmarshal([]byte(s), v); err != nil {
		return fmt.Errorf("faceid: %s does not hold a JSON object of its members: %w", member, err)
	}
	return nil
}

// ---------------------------------------------------------------------------------------------
// GetActionSequence, GetLiveCode (https://cloud.tencent.com/document/api/1007/31822)

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
// ImageRecognition (https://cloud.tencent.com/document/api/1007/31820)

// ImageRecognitionRequest compares a photo with the ID-card record of IdCard and Name.
//
// Deprecated: Tencent closed ImageRecognition to new customers ("该接口已停止接入"); new
// integrations must use ImageRecognitionV2 (Tencent doc 1007/102203, https://cloud.tencent.com/document/api/1007/31820).
// ImageRecognition is a billable verification: a retry after an ambiguous failure may bill
// twice.
type ImageRecognitionRequest struct {
	// IdCard is the ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name (UTF-8). Required.
	Name string `json:"Name"`
	// ImageBase64 is the photo (jpg/png), at most 3M after base64 encoding. Required.
	ImageBase64 Media `json:"ImageBase64"`
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
	// Result is "Success" or a FailedOperation.* code.
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Check returns nil only when Result is exactly "Success".
//
// ImageRecognition reports a failed verification inside a successful response: HTTP 200, no
// Error object, and Result set to a FailedOperation.* code. So a call that
// returned no error does not mean the person passed; any other Result, an empty one included,
// gives a *VerificationError.
func (r *ImageRecognitionResponse) Check() error {
	if r == nil {
		return checkResult("ImageRecognition", "", "", "", nil)
	}
	return checkResult("ImageRecognition", r.Result, r.Description, r.RequestId, r.Sim)
}

// ---------------------------------------------------------------------------------------------
// LivenessCompare (https://cloud.tencent.com/document/api/1007/31819)

// LivenessCompareRequest runs liveness detection on a video and compares the face with a photo.
//
// Tencent keeps LivenessCompare for existing users; new users should use VideoLivenessCompare
// . It is a billable verification: a retry after an ambiguous failure may bill
// twice. An 8M video plus a 3M photo is over the 10 MiB TC3 body limit: send one of them through
// its Url field (https://cloud.tencent.com/document/product/1007/33464).
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
	// Result is "Success" or a FailedOperation.* code.
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
// FailedOperation.SilentDetectFail. So a call that returned no error does not
// mean the person passed; any other Result, an empty one included, gives a *VerificationError.
func (r *LivenessCompareResponse) Check() error {
	if r == nil {
		return checkResult("LivenessCompare", "", "", "", nil)
	}
	return checkResult("LivenessCompare", r.Result, r.Description, r.RequestId, r.Sim)
}

// ---------------------------------------------------------------------------------------------
// LivenessRecognition (https://cloud.tencent.com/document/api/1007/31818)

// LivenessRecognitionRequest runs liveness detection on a video and compares the face with the
// ID-card record of IdCard and Name. It is a billable verification: a retry after an ambiguous
// failure may bill twice.
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
	// Result is "Success" or a FailedOperation.* code.
	Result        string   `json:"Result"`
	Description   string   `json:"Description"`
	BestFrameList []string `json:"BestFrameList"`
	RequestId     string   `json:"RequestId"`
}

// Check returns nil only when Result is exactly "Success".
//
// LivenessRecognition reports a failed verification inside a successful response: HTTP 200, no
// Error object, and Result set to a FailedOperation.* code. So a call that
// returned no error does not mean the person passed; any other Result, an empty one included,
// gives a *VerificationError.
func (r *LivenessRecognitionResponse) Check() error {
	if r == nil {
		return checkResult("LivenessRecognition", "", "", "", nil)
	}
	return checkResult("LivenessRecognition", r.Result, r.Description, r.RequestId, r.Sim)
}

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

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetActionSequenceRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetActionSequenceRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetActionSequenceRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// MarshalJSON encodes the request as {}.
func (r GetLiveCodeRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetLiveCodeRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetLiveCodeRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r ImageRecognitionRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r ImageRecognitionRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r ImageRecognitionRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r LivenessCompareRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r LivenessCompareRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r LivenessCompareRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r LivenessRecognitionRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r LivenessRecognitionRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r LivenessRecognitionRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate accepts every GetActionSequenceRequest: it has no required fields.
func (r *GetActionSequenceRequest) Validate() error { return newValidator(r).err() }

// Validate accepts every GetLiveCodeRequest: it has no fields.
func (r *GetLiveCodeRequest) Validate() error { return newValidator(r).err() }

// Validate checks ImageRecognitionRequest against https://cloud.tencent.com/document/api/1007/31820.
func (r *ImageRecognitionRequest) Validate() error {
	v := newValidator(r)
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

// Validate checks LivenessCompareRequest against https://cloud.tencent.com/document/api/1007/31819.
// It does not check the total body size; the body encoder does, against the signing limit.
func (r *LivenessCompareRequest) Validate() error {
	v := newValidator(r)
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

// Validate checks LivenessRecognitionRequest against https://cloud.tencent.com/document/api/1007/31818.
func (r *LivenessRecognitionRequest) Validate() error {
	v := newValidator(r)
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

// GetActionSequence returns the actions the user must perform for LivenessCompare and
// LivenessRecognition in ACTION mode. A nil req is an empty request.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31822
func (c *Client) GetActionSequence(ctx context.Context, req *GetActionSequenceRequest) (*GetActionSequenceResponse, error) {
	return call[GetActionSequenceRequest, GetActionSequenceResponse](ctx, c, req)
}

// GetLiveCode returns the digits the user must read aloud for LIP mode. A nil req is an empty
// request.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31821
func (c *Client) GetLiveCode(ctx context.Context, req *GetLiveCodeRequest) (*GetLiveCodeResponse, error) {
	return call[GetLiveCodeRequest, GetLiveCodeResponse](ctx, c, req)
}

// ImageRecognition compares a photo with the ID-card authority's photo of IdCard and Name.
//
// The API answers HTTP 200 without an error when the person does not match (Result other than
// "Success"); this method turns that into a *VerificationError, so a nil error means the check
// passed. The response is returned in both cases, for Sim and Description. Not resent after
// an ambiguous failure: each call is billed.
//
// Deprecated: Tencent closed ImageRecognition to new customers; use ImageRecognitionV2
// (https://cloud.tencent.com/document/api/1007/102203).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31820
func (c *Client) ImageRecognition(ctx context.Context, req *ImageRecognitionRequest) (*ImageRecognitionResponse, error) {
	return call[ImageRecognitionRequest, ImageRecognitionResponse](ctx, c, req)
}

// LivenessCompare checks the liveness video and compares its best frame with the photo.
//
// The API answers HTTP 200 without an error when the person fails (Result other than
// "Success"); this method turns that into a *VerificationError, so a nil error means the check
// passed. The response is returned in both cases. Not resent after an ambiguous failure: each
// call is billed.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31819
func (c *Client) LivenessCompare(ctx context.Context, req *LivenessCompareRequest) (*LivenessCompareResponse, error) {
	return call[LivenessCompareRequest, LivenessCompareResponse](ctx, c, req)
}

// LivenessRecognition checks the liveness video and compares it with the ID-card authority's
// photo of IdCard and Name.
//
// The API answers HTTP 200 without an error when the person fails (Result other than
// "Success"); this method turns that into a *VerificationError, so a nil error means the check
// passed. The response is returned in both cases. Not resent after an ambiguous failure: each
// call is billed.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31818
func (c *Client) LivenessRecognition(ctx context.Context, req *LivenessRecognitionRequest) (*LivenessRecognitionResponse, error) {
	return call[LivenessRecognitionRequest, LivenessRecognitionResponse](ctx, c, req)
}
