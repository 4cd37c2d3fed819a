package faceid

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
)

// Device risk: GetFaceidRiskInfoToken mints a FaceIdToken for the SDK's device-risk
// collection, and GetFaceIdRiskInfo fetches the device's and the camera's risk levels.

// GetFaceidRiskInfoTokenRequest mints a token for device-risk collection
// (https://cloud.tencent.com/document/api/1007/104581).
type GetFaceidRiskInfoTokenRequest struct {
	// Meta is the SDK's meta data, passed through unchanged.
	Meta *string `json:"Meta,omitempty"`
	// Extra is passed through and returned by GetFaceIdRiskInfo; at most 1000 characters.
	Extra *string `json:"Extra,omitempty"`
}

// GetFaceidRiskInfoTokenResponse is GetFaceidRiskInfoToken's answer.
type GetFaceidRiskInfoTokenResponse struct {
	// FaceIdToken starts the SDK's collection; valid 10 minutes, one use.
	FaceIdToken string `json:"FaceIdToken"`
	RequestId   string `json:"RequestId"`
}

// Action returns "GetFaceidRiskInfoToken".
func (*GetFaceidRiskInfoTokenRequest) Action() string { return "GetFaceidRiskInfoToken" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetFaceidRiskInfoTokenRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetFaceidRiskInfoTokenRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetFaceidRiskInfoTokenRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/104581. A nil
// request is valid (no member is required).
func (r *GetFaceidRiskInfoTokenRequest) Validate() error {
	v := newValidator(r)
	if r != nil && r.Extra != nil {
		v.maxChars("Extra", *r.Extra, 1000)
	}
	return v.err()
}

// GetFaceidRiskInfoToken mints a FaceIdToken for the SDK's device-risk collection; fetch the
// result with GetFaceIdRiskInfo. Not billed; each call mints a new token.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/104581
func (c *Client) GetFaceidRiskInfoToken(ctx context.Context, req *GetFaceidRiskInfoTokenRequest) (*GetFaceidRiskInfoTokenResponse, error) {
	return call[GetFaceidRiskInfoTokenRequest, GetFaceidRiskInfoTokenResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// GetFaceIdRiskInfo (https://cloud.tencent.com/document/api/1007/104582)

// RiskLevel is a device or camera-fingerprint risk level of GetFaceIdRiskInfo.
type RiskLevel int64

// RiskLevel values (https://cloud.tencent.com/document/api/1007/104582).
const (
	RiskLow     RiskLevel = 1
	RiskMedium  RiskLevel = 2
	RiskHigh    RiskLevel = 3
	RiskAttack  RiskLevel = 4
	RiskUnknown RiskLevel = -1 // no level could be obtained
)

// GetFaceIdRiskInfoRequest fetches the risk of a device-risk token.
type GetFaceIdRiskInfoRequest struct {
	// FaceIdToken is GetFaceidRiskInfoTokenResponse.FaceIdToken. Required.
	FaceIdToken string `json:"FaceIdToken"`
}

// GetFaceIdRiskInfoResponse is GetFaceIdRiskInfo's answer.
type GetFaceIdRiskInfoResponse struct {
	// DeviceInfoTag lists the device's risks, e.g. "01_03": 01 rooted or jailbroken,
	// 02 injection, 03 emulator, 04 risky operation, 05 camera hijacked, 06 fraud-farm device.
	DeviceInfoTag string `json:"DeviceInfoTag"`
	// DeviceInfoLevel is the device's risk level; nil when not reported.
	DeviceInfoLevel *RiskLevel `json:"DeviceInfoLevel"`
	// OpenId identifies the device.
	OpenId string `json:"OpenId"`
	// CameraInfoLevel is the camera fingerprint's risk level; nil when not reported.
	CameraInfoLevel *RiskLevel `json:"CameraInfoLevel"`
	// CameraInfoTag lists the camera fingerprint's risks (same tags); empty = none.
	CameraInfoTag string `json:"CameraInfoTag"`
	// Extra is GetFaceidRiskInfoToken's Extra, echoed back.
	Extra     string `json:"Extra"`
	RequestId string `json:"RequestId"`
}

// getFaceIdRiskInfoLevels are the documented risk levels. Tencent's page gives the scale but
// no verdict: this package fails high risk, attack and an unobtained level, and returns low
// and medium without error (inspect the level to be stricter).
var getFaceIdRiskInfoLevels = newLevelTable("GetFaceIdRiskInfo", "DeviceInfoLevel",
	Level{Value: "1", Meaning: "low risk", Accepted: true},
	Level{Value: "2", Meaning: "medium risk", Accepted: true},
	Level{Value: "3", Meaning: "high risk"},
	Level{Value: "4", Meaning: "an attack"},
	Level{Value: "-1", Meaning: "no risk level could be obtained"},
)

// cameraRiskLevels are the same levels for CameraInfoLevel.
var cameraRiskLevels = newLevelTable("GetFaceIdRiskInfo", "CameraInfoLevel",
	Level{Value: "1", Meaning: "low risk", Accepted: true},
	Level{Value: "2", Meaning: "medium risk", Accepted: true},
	Level{Value: "3", Meaning: "high risk"},
	Level{Value: "4", Meaning: "an attack"},
	Level{Value: "-1", Meaning: "no risk level could be obtained"},
)

// Action returns "GetFaceIdRiskInfo".
func (*GetFaceIdRiskInfoRequest) Action() string { return "GetFaceIdRiskInfo" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetFaceIdRiskInfoRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetFaceIdRiskInfoRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetFaceIdRiskInfoRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/104582.
func (r *GetFaceIdRiskInfoRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("FaceIdToken", "is required: the request is nil")
		return v.err()
	}
	v.token("FaceIdToken", r.FaceIdToken, "GetFaceidRiskInfoTokenResponse.FaceIdToken")
	return v.err()
}

// Check returns nil when DeviceInfoLevel is low or medium risk and CameraInfoLevel, when
// reported, is too; a high risk, an attack, an unobtained (-1), absent or undocumented
// DeviceInfoLevel gives a *VerificationError.
func (r *GetFaceIdRiskInfoResponse) Check() error {
	if r == nil {
		return getFaceIdRiskInfoLevels.check("", "")
	}
	if err := getFaceIdRiskInfoLevels.check(levelText(r.DeviceInfoLevel), r.RequestId); err != nil {
		return err
	}
	if r.CameraInfoLevel != nil {
		return cameraRiskLevels.check(levelText(r.CameraInfoLevel), r.RequestId)
	}
	return nil
}

func levelText(l *RiskLevel) string {
	if l == nil {
		return ""
	}
	return strconv.FormatInt(int64(*l), 10)
}

// GetFaceIdRiskInfo fetches the device and camera-fingerprint risk collected with a
// GetFaceidRiskInfoToken token. A nil error means low or medium risk; high risk (3) and
// attack (4) are *VerificationErrors, since they are the levels to block, and so is -1 (no
// level obtained), since an unassessed device is not a pass. The response comes with the
// error.
//
// The result can be fetched for 3 days after the token was issued; after that the call fails
// with the API error InvalidParameterValue.BizTokenExpired (an unknown token gives
// InvalidParameterValue.BizTokenIllegal). Region is not needed by this action.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/104582
func (c *Client) GetFaceIdRiskInfo(ctx context.Context, req *GetFaceIdRiskInfoRequest) (*GetFaceIdRiskInfoResponse, error) {
	return call[GetFaceIdRiskInfoRequest, GetFaceIdRiskInfoResponse](ctx, c, req)
}
