package faceid

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

func eidToken(t *testing.T, c *Client, idCard string) string {
	t.Helper()
	resp, err := c.GetEidToken(context.Background(), &GetEidTokenRequest{MerchantId: "0NSJ2104150000000001", IdCard: Ptr(idCard), Name: Ptr("张三"), Extra: Ptr("order-9")})
	if err != nil {
		t.Fatalf("GetEidToken: %v", err)
	}
	if resp.EidToken == "" || !strings.Contains(resp.Url, resp.EidToken) {
		t.Fatalf("GetEidToken: %+v", resp)
	}
	return resp.EidToken
}

func eidStatus(t *testing.T, c *Client, tok string) (EidTokenStatus, error) {
	t.Helper()
	resp, err := c.CheckEidTokenStatus(context.Background(), &CheckEidTokenStatusRequest{EidToken: tok})
	if resp == nil {
		t.Fatalf("CheckEidTokenStatus: no response: %v", err)
	}
	return resp.Status, err
}

// The eID lifecycle through client -> stand-in -> typed answer: issued (init), opened
// (doing), both without error; the result before the end has no verdict; finished, the
// result passes; past 600 s unused, timeout is an error; after 3 days BizTokenExpired.
func TestEidLifecycle(t *testing.T) {
	clk := newTestClock()
	srv := newServer(t, faceidtest.Options{Now: clk.Now})
	// GetEidToken takes no Region: a region other actions refuse is sent and ignored.
	c := newClient(t, srv, func(cfg *Config) { cfg.Now = clk.Now; cfg.Region = "ap-hongkong" })
	ctx := context.Background()

	tok := eidToken(t, c, "11010119900101001X")
	if st, err := eidStatus(t, c, tok); st != EidStatusInit || err != nil || !st.Pending() {
		t.Errorf("issued: %q, %v; want init, nil", st, err)
	}
	if err := srv.BeginToken(tok); err != nil {
		t.Fatal(err)
	}
	if st, err := eidStatus(t, c, tok); st != EidStatusDoing || err != nil || !st.Pending() {
		t.Errorf("opened: %q, %v; want doing, nil", st, err)
	}
	resp, err := c.GetEidResult(ctx, &GetEidResultRequest{EidToken: tok, InfoType: Ptr("1")})
	if err != nil {
		t.Fatal(err)
	}
	var ve *VerificationError
	if err := resp.Check(); !errors.As(err, &ve) || !ve.NoVerdict || ve.Action != "GetEidResult" {
		t.Errorf("unfinished Check = %v, want no verdict", err)
	}
	if err := srv.CompleteToken(tok); err != nil {
		t.Fatal(err)
	}
	if st, err := eidStatus(t, c, tok); st != EidStatusFinished || err != nil || st.Pending() {
		t.Errorf("finished: %q, %v", st, err)
	}
	resp, err = c.GetEidResult(ctx, &GetEidResultRequest{EidToken: tok, InfoType: Ptr("13")})
	if err != nil {
		t.Fatal(err)
	}
	if err := resp.Check(); err != nil || resp.Text.Extra != "order-9" || resp.BestFrame == nil || resp.IdCardData != nil || resp.EidInfo == nil {
		t.Errorf("finished: Check %v, response %+v", err, resp)
	}

	late := eidToken(t, c, "11010119900101001X")
	clk.Advance(600*time.Second + time.Second)
	st, err := eidStatus(t, c, late)
	if st != EidStatusTimeout || !errors.As(err, &ve) || ve.Result != "timeout" || ve.Family != FamilyLevel {
		t.Errorf("unused after 600 s: %q, %v; want timeout as a *VerificationError", st, err)
	}
	clk.Advance(3 * 24 * time.Hour)
	if _, err := c.GetEidResult(ctx, &GetEidResultRequest{EidToken: tok}); apiCode(err) != "InvalidParameterValue.BizTokenExpired" {
		t.Errorf("after 3 days: %v", err)
	}
	if _, err := c.CheckEidTokenStatus(ctx, &CheckEidTokenStatusRequest{EidToken: "E4A1B5C0-0000-4000-8000-000000000000"}); apiCode(err) != "InvalidParameterValue.BizTokenIllegal" {
		t.Errorf("unknown token: %v", err)
	}
}

// A finished eID flow with a failing verdict is an error from Check (fixture ID number).
func TestEidResultFailure(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	tok := eidToken(t, c, faceidtest.LowSimilarityIdCard)
	if err := srv.CompleteToken(tok); err != nil {
		t.Fatal(err)
	}
	resp, err := c.GetEidResult(context.Background(), &GetEidResultRequest{EidToken: tok, InfoType: Ptr("1")})
	if err != nil {
		t.Fatal(err)
	}
	var ve *VerificationError
	if err := resp.Check(); !errors.As(err, &ve) || ve.NoVerdict || ve.Result != "ErrCode 1" || ve.Action != "GetEidResult" || ve.Sim != faceidtest.LowSim {
		t.Errorf("Check = %#v", err)
	}
}

// Every documented Status reaches the caller typed: init and doing without error, finished
// without error, timeout as a *VerificationError.
func TestCheckEidTokenStatusLevels(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	tok := eidToken(t, c, "11010119900101001X")
	for _, st := range []EidTokenStatus{EidStatusInit, EidStatusDoing, EidStatusFinished, EidStatusTimeout} {
		srv.SetResult("CheckEidTokenStatus", string(st))
		got, err := eidStatus(t, c, tok)
		if got != st {
			t.Errorf("%s: Status %q", st, got)
		}
		var ve *VerificationError
		if wantErr := st == EidStatusTimeout; wantErr != errors.As(err, &ve) {
			t.Errorf("%s: err = %v", st, err)
		}
	}
}

func TestEidValidate(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"nil token", (*GetEidTokenRequest)(nil), "GetEidTokenRequest.MerchantId is required"},
		{"no MerchantId", &GetEidTokenRequest{}, "GetEidTokenRequest.MerchantId is required: set it to the eID merchant ID"},
		{"IdCard with dash", &GetEidTokenRequest{MerchantId: "m", IdCard: Ptr("1101-0119")}, "GetEidTokenRequest.IdCard must be letters and digits only"},
		{"IdCard lower x", &GetEidTokenRequest{MerchantId: "m", IdCard: Ptr("11010119900101001x")}, "IdCard contains a lower-case x"},
		{"long Name", &GetEidTokenRequest{MerchantId: "m", Name: Ptr(strings.Repeat("张", 33))}, "GetEidTokenRequest.Name is 33 characters, over the 32-character limit"},
		{"InputType 4 without identity", &GetEidTokenRequest{MerchantId: "m", Config: &GetEidTokenConfig{InputType: Ptr("4")}}, "GetEidTokenRequest.IdCard is required with Config.InputType 4"},
		{"bad InputType", &GetEidTokenRequest{MerchantId: "m", Config: &GetEidTokenConfig{InputType: Ptr("5")}}, `Config.InputType is "5": use one of 1, 2, 3, 4`},
		{"bad Speed", &GetEidTokenRequest{MerchantId: "m", Config: &GetEidTokenConfig{Speed: Ptr(uint64(4))}}, "Config.Speed is 4: use 0 (auto) to 3"},
		{"bad RedirectUrl", &GetEidTokenRequest{MerchantId: "m", RedirectUrl: Ptr("example.com/back")}, "RedirectUrl must be an absolute http or https URL"},
		{"valid token", &GetEidTokenRequest{MerchantId: "m", IdCard: Ptr("11010119900101001X"), Name: Ptr("张三"), Config: &GetEidTokenConfig{InputType: Ptr("4")}}, ""},
		{"status token", &CheckEidTokenStatusRequest{EidToken: "tok en"}, "CheckEidTokenStatusRequest.EidToken has ' ' at byte 3"},
		{"result InfoType 4", &GetEidResultRequest{EidToken: "t", InfoType: Ptr("14")}, `GetEidResultRequest.InfoType is "14": GetEidResult has no digit 4`},
		{"result frames without 3", &GetEidResultRequest{EidToken: "t", InfoType: Ptr("1"), BestFramesCount: Ptr(uint64(2))}, "BestFramesCount needs InfoType to include 3"},
		{"result valid", &GetEidResultRequest{EidToken: "t", InfoType: Ptr("1236"), BestFramesCount: Ptr(uint64(3)), IsCutIdCardImage: Ptr(true)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.req.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
