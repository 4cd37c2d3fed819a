package faceid

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// nfcRead runs GetNFCToken through the client and the SDK's read on the stand-in.
func nfcRead(t *testing.T, c *Client, srv *faceidtest.Server) string {
	t.Helper()
	resp, err := c.GetNFCToken(context.Background(), nil) // no members: nil is a valid request
	if err != nil || resp.Token == "" {
		t.Fatalf("GetNFCToken: %+v, %v", resp, err)
	}
	id, err := srv.ReadNFC(resp.Token, "张三", "11010119900101001X")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// ParseNfcData through client -> stand-in: the first query passes and bills, a second query
// of the same ReqId is answered again without a second charge, the eleventh query is refused
// (at most 10), an expired (5 minutes) or unknown ReqId answers ResultCode -1.
func TestParseNfcDataLifecycle(t *testing.T) {
	clk := newTestClock()
	srv := newServer(t, faceidtest.Options{Now: clk.Now})
	c := newClient(t, srv, withClock(clk))
	ctx := context.Background()
	id := nfcRead(t, c, srv)

	for i := 1; i <= 10; i++ {
		resp, err := c.ParseNfcData(ctx, &ParseNfcDataRequest{ReqId: id})
		if err != nil || resp.ResultCode != "0" || resp.IdNum != "11010119900101001X" || resp.Name != "张三" || resp.BirthDate != "19900101" {
			t.Fatalf("query %d: %+v, %v", i, resp, err)
		}
	}
	if n := srv.Billed("ParseNfcData"); n != 1 {
		t.Errorf("billed %d times for one ReqId, want 1", n)
	}
	_, err := c.ParseNfcData(ctx, &ParseNfcDataRequest{ReqId: id})
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Result != "-1" || !strings.Contains(ve.Description, "请求频率过高") {
		t.Errorf("11th query: %v", err)
	}

	id2 := nfcRead(t, c, srv)
	clk.Advance(5*time.Minute + time.Second)
	resp, err := c.ParseNfcData(ctx, &ParseNfcDataRequest{ReqId: id2})
	if !errors.As(err, &ve) || ve.Result != "-1" || ve.Billed != NotBilled || resp.ResultDescription != "reqId 已失效或不存在" {
		t.Errorf("expired ReqId: %+v, %v", resp, err)
	}
	if _, err := c.ParseNfcData(ctx, &ParseNfcDataRequest{ReqId: "ECBEC11E6-F05A-40DE-9CC3-C9EF119F55FE1"}); !errors.As(err, &ve) || ve.Result != "-1" {
		t.Errorf("unknown ReqId: %v", err)
	}
	if n := srv.Billed("ParseNfcData"); n != 1 {
		t.Errorf("billed %d, want 1: failures are not billed", n)
	}
}

// GetWxNFCResult: the read's data, billed once over repeated fetches; past 10 minutes the
// NFCToken is refused with FailedOperation.InvalidTokenParameter.
func TestGetWxNFCResultLifecycle(t *testing.T) {
	clk := newTestClock()
	srv := newServer(t, faceidtest.Options{Now: clk.Now})
	c := newClient(t, srv, withClock(clk))
	ctx := context.Background()
	id := nfcRead(t, c, srv)
	for i := 0; i < 2; i++ {
		resp, err := c.GetWxNFCResult(ctx, &GetWxNFCResultRequest{NFCToken: id})
		if err != nil || resp.ResultCode != "0" || resp.IdNum != "11010119900101001X" || resp.IdCardFrontImg == "" || resp.CheckMRTD == "" {
			t.Fatalf("fetch %d: %+v, %v", i, resp, err)
		}
	}
	if n := srv.Billed("GetWxNFCResult"); n != 1 {
		t.Errorf("billed %d, want 1", n)
	}
	clk.Advance(10*time.Minute + time.Second)
	if _, err := c.GetWxNFCResult(ctx, &GetWxNFCResultRequest{NFCToken: id}); apiCode(err) != "FailedOperation.InvalidTokenParameter" {
		t.Errorf("after 10 minutes: %v", err)
	}
}

// Every documented ResultCode of the NFC actions reaches the caller typed (SetResult).
func TestNFCResults(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	for _, action := range []string{"GetWxNFCResult", "ParseNfcData"} {
		a, _ := LookupAction(action)
		for _, row := range a.Results.Codes() {
			t.Run(action+" "+row.Code, func(t *testing.T) {
				srv.SetResult(action, row.Code)
				defer srv.SetResult(action, "")
				id := nfcRead(t, c, srv)
				var req Request = &GetWxNFCResultRequest{NFCToken: id}
				if action == "ParseNfcData" {
					req = &ParseNfcDataRequest{ReqId: id}
				}
				_, err := c.Call(context.Background(), req)
				var ve *VerificationError
				if row.Pass {
					if err != nil {
						t.Fatalf("err = %v", err)
					}
					return
				}
				if !errors.As(err, &ve) || ve.Result != row.Code || ve.Billed != row.Billed || ve.Retry != row.Retry || ve.Meaning != row.Meaning {
					t.Errorf("err = %#v", err)
				}
			})
		}
	}
}

func TestNFCValidate(t *testing.T) {
	for _, tt := range []struct {
		req  Request
		want string
	}{
		{&GetWxNFCResultRequest{}, "GetWxNFCResultRequest.NFCToken is required: set it to the id the front-end NFC SDK returned"},
		{&GetWxNFCResultRequest{NFCToken: "d102c9c8 5423"}, "GetWxNFCResultRequest.NFCToken has ' ' at byte 8"},
		{(*ParseNfcDataRequest)(nil), "ParseNfcDataRequest.ReqId is required"},
		{&ParseNfcDataRequest{ReqId: "ECBEC11E6\t"}, `ParseNfcDataRequest.ReqId has '\t' at byte 9`},
	} {
		if err := tt.req.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%T: err = %v, want %q", tt.req, err, tt.want)
		}
	}
	if err := (*GetNFCTokenRequest)(nil).Validate(); err != nil {
		t.Errorf("nil GetNFCTokenRequest: %v", err)
	}
}
