package faceid

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

func riskToken(t *testing.T, c *Client) string {
	t.Helper()
	resp, err := c.GetFaceidRiskInfoToken(context.Background(), &GetFaceidRiskInfoTokenRequest{Extra: Ptr("session-3")})
	if err != nil || resp.FaceIdToken == "" {
		t.Fatalf("GetFaceidRiskInfoToken: %+v, %v", resp, err)
	}
	return resp.FaceIdToken
}

// Device risk through client -> stand-in: before the collection ran the level is -1 (an
// error: not assessed), after it low risk (nil); after 3 days BizTokenExpired.
func TestGetFaceIdRiskInfoLifecycle(t *testing.T) {
	clk := newTestClock()
	srv := newServer(t, faceidtest.Options{Now: clk.Now})
	c := newClient(t, srv, withClock(clk))
	ctx := context.Background()
	tok := riskToken(t, c)
	resp, err := c.GetFaceIdRiskInfo(ctx, &GetFaceIdRiskInfoRequest{FaceIdToken: tok})
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Result != "-1" || resp == nil || resp.DeviceInfoLevel == nil || *resp.DeviceInfoLevel != RiskUnknown {
		t.Errorf("before collection: %+v, %v", resp, err)
	}
	if err := srv.CompleteToken(tok); err != nil {
		t.Fatal(err)
	}
	resp, err = c.GetFaceIdRiskInfo(ctx, &GetFaceIdRiskInfoRequest{FaceIdToken: tok})
	if err != nil || *resp.DeviceInfoLevel != RiskLow || resp.Extra != "session-3" {
		t.Errorf("after collection: %+v, %v", resp, err)
	}
	clk.Advance(3*24*time.Hour + time.Second)
	if _, err := c.GetFaceIdRiskInfo(ctx, &GetFaceIdRiskInfoRequest{FaceIdToken: tok}); apiCode(err) != "InvalidParameterValue.BizTokenExpired" {
		t.Errorf("after 3 days: %v", err)
	}
}

// Every documented level reaches the caller typed: 1 and 2 without error, 3, 4 and -1 as
// *VerificationErrors naming the level.
func TestGetFaceIdRiskInfoLevels(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	tok := riskToken(t, c)
	if err := srv.CompleteToken(tok); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		level   RiskLevel
		wantErr bool
	}{{RiskLow, false}, {RiskMedium, false}, {RiskHigh, true}, {RiskAttack, true}, {RiskUnknown, true}} {
		v := strconv.FormatInt(int64(tt.level), 10)
		srv.SetResult("GetFaceIdRiskInfo", v)
		resp, err := c.GetFaceIdRiskInfo(context.Background(), &GetFaceIdRiskInfoRequest{FaceIdToken: tok})
		if resp == nil || resp.DeviceInfoLevel == nil || *resp.DeviceInfoLevel != tt.level {
			t.Fatalf("level %s: %+v", v, resp)
		}
		var ve *VerificationError
		if got := errors.As(err, &ve); got != tt.wantErr || (got && (ve.Result != v || ve.Family != FamilyLevel)) {
			t.Errorf("level %s: err = %v", v, err)
		}
	}
	// A camera level worse than the device level is an error too.
	if err := (&GetFaceIdRiskInfoResponse{DeviceInfoLevel: Ptr(RiskLow), CameraInfoLevel: Ptr(RiskAttack)}).Check(); err == nil {
		t.Error("CameraInfoLevel 4 passed")
	}
	if err := (&GetFaceIdRiskInfoResponse{}).Check(); err == nil {
		t.Error("an absent DeviceInfoLevel passed")
	}
}

func TestRiskValidate(t *testing.T) {
	if err := (*GetFaceidRiskInfoTokenRequest)(nil).Validate(); err != nil {
		t.Errorf("nil token request: %v", err)
	}
	long := make([]byte, 1001)
	for i := range long {
		long[i] = 'e'
	}
	if err := (&GetFaceidRiskInfoTokenRequest{Extra: Ptr(string(long))}).Validate(); err == nil || err.Error() != "faceid: GetFaceidRiskInfoTokenRequest.Extra is 1001 characters, over the 1000-character limit" {
		t.Errorf("long Extra: %v", err)
	}
	if err := (&GetFaceIdRiskInfoRequest{}).Validate(); err == nil || err.Error() != "faceid: GetFaceIdRiskInfoRequest.FaceIdToken is required: set it to GetFaceidRiskInfoTokenResponse.FaceIdToken" {
		t.Errorf("no token: %v", err)
	}
}
