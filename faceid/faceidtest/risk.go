package faceidtest

import (
	"strconv"
	"time"
)

// Device risk: GetFaceidRiskInfoToken, the SDK's collection (CompleteToken),
// GetFaceIdRiskInfo.

func init() {
	register("GetFaceidRiskInfoToken", (*call).getFaceidRiskInfoToken)
	register("GetFaceIdRiskInfo", (*call).getFaceIdRiskInfo)
}

// riskInfoFetchTTL is how long GetFaceIdRiskInfo answers for a token
// (https://cloud.tencent.com/document/api/1007/104582).
const riskInfoFetchTTL = 3 * 24 * time.Hour

func (c *call) getFaceidRiskInfoToken() (map[string]any, *apiError) {
	return map[string]any{"FaceIdToken": c.issue(kindRisk, &deviceToken{extra: c.p.str("Extra")})}, nil
}

// getFaceIdRiskInfo answers DeviceInfoLevel 1 (low risk) for a token whose collection ran
// (SetResult forces another documented level, which the camera level follows), and -1 (no
// level obtained) before it ran.
func (c *call) getFaceIdRiskInfo() (map[string]any, *apiError) {
	t, err := c.lookupToken("FaceIdToken", kindRisk, riskInfoFetchTTL)
	if err != nil {
		return nil, err
	}
	c.h.mu.Lock()
	done := !t.done.IsZero()
	c.h.mu.Unlock()
	level := "-1"
	if done {
		level = c.forced("1")
	}
	n, _ := strconv.ParseInt(level, 10, 64)
	tag := ""
	if n >= 3 {
		tag = "02_03"
	}
	return map[string]any{
		"DeviceInfoTag": tag, "DeviceInfoLevel": n, "OpenId": "DB1904203FA986234030BDFAB",
		"CameraInfoLevel": n, "CameraInfoTag": tag, "Extra": t.extra,
	}, nil
}
