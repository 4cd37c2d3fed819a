package faceidtest

import "testing"

// A risk token answers -1 until the collection ran; a FaceIdToken of the SDK flow is not a
// risk token.
func TestRiskInfoStandIn(t *testing.T) {
	s := newTestServer(t, Options{})
	tok := mustOK(t, callAPI(t, s, "GetFaceidRiskInfoToken", `{"Extra":"x"}`))["FaceIdToken"].(string)
	got := mustOK(t, callAPI(t, s, "GetFaceIdRiskInfo", `{"FaceIdToken":"`+tok+`"}`))
	if got["DeviceInfoLevel"] != float64(-1) || got["Extra"] != "x" {
		t.Errorf("before collection: %v", got)
	}
	sdk := mustOK(t, callAPI(t, s, "GetFaceIdToken", `{"CompareLib":"BUSINESS","IdCard":"`+SampleIdCard+`","Name":"`+SampleName+`"}`))["FaceIdToken"].(string)
	if code, _ := apiErr(callAPI(t, s, "GetFaceIdRiskInfo", `{"FaceIdToken":"`+sdk+`"}`)); code != "InvalidParameterValue.BizTokenIllegal" {
		t.Errorf("SDK token as a risk token: %s", code)
	}
}
