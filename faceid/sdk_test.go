package faceid

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport"
)

// flowNow is the pinned stand-in clock of the device-flow tests.
var flowNow = time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC)

// testClock is a settable stand-in clock (Options.Now). The client signs with the same clock,
// so that the stand-in's 5-minute timestamp window still holds when the test moves it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time              { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Advance(d time.Duration)     { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }
func newTestClock() *testClock                   { return &testClock{t: flowNow} }
func withClock(clk *testClock) func(cfg *Config) { return func(cfg *Config) { cfg.Now = clk.Now } }

// sdkToken mints a FaceIdToken for p through the client.
func sdkToken(t *testing.T, c *Client, idCard string) string {
	t.Helper()
	resp, err := c.GetFaceIdToken(context.Background(), &GetFaceIdTokenRequest{CompareLib: CompareLibBusiness, IdCard: Ptr(idCard), Name: Ptr("张三"), Extra: Ptr("order-7")})
	if err != nil {
		t.Fatalf("GetFaceIdToken: %v", err)
	}
	if resp.FaceIdToken == "" {
		t.Fatalf("no FaceIdToken: %+v", resp)
	}
	return resp.FaceIdToken
}

// The SDK lifecycle through client -> stand-in -> typed answer: a token is issued, the SDK
// uses it, the result is fetched (pass, with the person and Extra echoed); before use there is
// no result; after 3 days the result is gone with BizTokenExpired; an unknown token gets
// BizTokenIllegal; an unused token past its 10 minutes answers Result 15.
func TestGetFaceIdResultLifecycle(t *testing.T) {
	clk := newTestClock()
	srv := newServer(t, faceidtest.Options{Now: clk.Now})
	c := newClient(t, srv, withClock(clk))
	ctx := context.Background()

	tok := sdkToken(t, c, "11010119900101001X")
	_, err := c.GetFaceIdResult(ctx, &GetFaceIdResultRequest{FaceIdToken: tok})
	if code := apiCode(err); code != "InvalidParameterValue.BizTokenIllegal" {
		t.Fatalf("before the SDK ran: err = %v, want BizTokenIllegal", err)
	}
	if err := srv.CompleteToken(tok); err != nil {
		t.Fatal(err)
	}
	if err := srv.CompleteToken(tok); err == nil {
		t.Error("a FaceIdToken was usable twice")
	}
	resp, err := c.GetFaceIdResult(ctx, &GetFaceIdResultRequest{FaceIdToken: tok, IsNeedBestFrame: Ptr(true)})
	if err != nil {
		t.Fatalf("GetFaceIdResult: %v", err)
	}
	want := &GetFaceIdResultResponse{IdCard: "11010119900101001X", Name: "张三", Result: "0", Description: "成功", Similarity: Ptr(faceidtest.PassSim), Extra: "order-7"}
	if diff := cmp.Diff(want, resp, cmpIgnoreFields("RequestId", "BestFrameBase64")); diff != "" {
		t.Errorf("response (-want +got):\n%s", diff)
	}
	if resp.BestFrameBase64 == "" || resp.VideoBase64 != "" {
		t.Errorf("BestFrameBase64 %q VideoBase64 %q: asked for the best frame only", resp.BestFrameBase64, resp.VideoBase64)
	}

	clk.Advance(3*24*time.Hour + time.Second)
	_, err = c.GetFaceIdResult(ctx, &GetFaceIdResultRequest{FaceIdToken: tok})
	if code := apiCode(err); code != "InvalidParameterValue.BizTokenExpired" {
		t.Errorf("after 3 days: err = %v, want BizTokenExpired", err)
	}
	_, err = c.GetFaceIdResult(ctx, &GetFaceIdResultRequest{FaceIdToken: "CE6613F1A-0F1E-45BD-BE13-34C05CEA76181"})
	if code := apiCode(err); code != "InvalidParameterValue.BizTokenIllegal" {
		t.Errorf("unknown token: err = %v, want BizTokenIllegal", err)
	}

	unused := sdkToken(t, c, "11010119900101001X")
	clk.Advance(10*time.Minute + time.Second)
	resp, err = c.GetFaceIdResult(ctx, &GetFaceIdResultRequest{FaceIdToken: unused})
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Result != "15" || ve.Billed != NotBilled || resp == nil || resp.Result != "15" {
		t.Errorf("unused token after 10 minutes: resp %+v, err %v; want Result 15, not billed", resp, err)
	}
}

// Every documented Result of GetFaceIdResult reaches the caller as the right typed outcome;
// the fixture ID numbers force 2006, 2016 and 1007 without SetResult.
func TestGetFaceIdResultResults(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, _ := LookupAction("GetFaceIdResult")
	run := func(t *testing.T, idCard string, row ResultCode) {
		tok := sdkToken(t, c, idCard)
		if err := srv.CompleteToken(tok); err != nil {
			t.Fatal(err)
		}
		resp, err := c.GetFaceIdResult(context.Background(), &GetFaceIdResultRequest{FaceIdToken: tok})
		if resp == nil || resp.Result != row.Code {
			t.Fatalf("resp = %+v, err = %v", resp, err)
		}
		if row.Pass {
			if err != nil {
				t.Fatalf("err = %v, want nil", err)
			}
			return
		}
		var ve *VerificationError
		if !errors.As(err, &ve) || ve.Result != row.Code || ve.Billed != row.Billed || ve.Retry != row.Retry || ve.Meaning != row.Meaning {
			t.Errorf("err = %#v", err)
		}
	}
	for _, row := range a.Results.Codes() {
		t.Run("Result "+row.Code, func(t *testing.T) {
			srv.SetResult("GetFaceIdResult", row.Code)
			defer srv.SetResult("GetFaceIdResult", "")
			run(t, "11010119900101001X", row)
		})
	}
	for idCard, code := range map[string]string{faceidtest.NameMismatchIdCard: "2006", faceidtest.LowSimilarityIdCard: "2016", faceidtest.LivenessFailIdCard: "1007"} {
		t.Run("fixture "+code, func(t *testing.T) {
			row, _ := a.Results.Lookup(code)
			run(t, idCard, row)
		})
	}
}

// GetFaceIdToken is refused before sending outside its four regions, and sent in each of them.
func TestGetFaceIdTokenRegions(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	req := &GetFaceIdTokenRequest{CompareLib: CompareLibLocal, ImageBase64: MediaBytes([]byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0})}
	for _, region := range []string{"ap-beijing", "ap-chengdu", "ap-guangzhou", "ap-shanghai"} {
		c := newClient(t, srv, func(cfg *Config) { cfg.Region = region })
		if _, err := c.GetFaceIdToken(context.Background(), req); err != nil {
			t.Errorf("%s: %v", region, err)
		}
	}
	srv.Reset()
	c := newClient(t, srv, func(cfg *Config) { cfg.Region = "ap-hongkong" })
	_, err := c.GetFaceIdToken(context.Background(), req)
	if err == nil || !strings.Contains(err.Error(), "GetFaceIdToken accepts only the regions ap-beijing, ap-chengdu, ap-guangzhou, ap-shanghai") || !strings.Contains(err.Error(), "Config.Region") {
		t.Errorf("err = %v", err)
	}
	// The generic path the command line takes (Client.Call, Action.Call) refuses it too.
	a, _ := LookupAction("GetFaceIdToken")
	if _, err := a.Call(context.Background(), c, req); err == nil || !strings.Contains(err.Error(), "accepts only the regions") {
		t.Errorf("Action.Call: err = %v", err)
	}
	if _, err := c.Call(context.Background(), req); err == nil || !strings.Contains(err.Error(), "accepts only the regions") {
		t.Errorf("Client.Call: err = %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestGetFaceIdTokenValidate(t *testing.T) {
	tests := []struct {
		name string
		req  *GetFaceIdTokenRequest
		want string // "" = valid
	}{
		{"nil", nil, "GetFaceIdTokenRequest.CompareLib is required"},
		{"no CompareLib", &GetFaceIdTokenRequest{}, "GetFaceIdTokenRequest.CompareLib is required: set it to CompareLibBusiness"},
		{"bad CompareLib", &GetFaceIdTokenRequest{CompareLib: "local"}, `GetFaceIdTokenRequest.CompareLib is "local": use one of BUSINESS, LOCAL`},
		{"business without IdCard", &GetFaceIdTokenRequest{CompareLib: CompareLibBusiness, Name: Ptr("张三")}, "GetFaceIdTokenRequest.IdCard is required with CompareLib BUSINESS"},
		{"business without Name", &GetFaceIdTokenRequest{CompareLib: CompareLibBusiness, IdCard: Ptr("11010119900101001X")}, "GetFaceIdTokenRequest.Name is required with CompareLib BUSINESS"},
		{"lower-case x", &GetFaceIdTokenRequest{CompareLib: CompareLibBusiness, IdCard: Ptr("11010119900101001x"), Name: Ptr("张三")}, "IdCard contains a lower-case x: the ID-card check letter must be upper-case X"},
		{"encrypted IdCard skipped", &GetFaceIdTokenRequest{CompareLib: CompareLibBusiness, IdCard: Ptr("c2VjcmV0eA=="), Name: Ptr("张三"), Encryption: &Encryption{EncryptList: []string{"IdCard"}, CiphertextBlob: "blob", Iv: "0123456789abcdef"}}, ""},
		{"local without image", &GetFaceIdTokenRequest{CompareLib: CompareLibLocal}, "GetFaceIdTokenRequest.ImageBase64 is required with CompareLib LOCAL"},
		{"long Extra", &GetFaceIdTokenRequest{CompareLib: CompareLibLocal, ImageBase64: MediaBytes([]byte{1}), Extra: Ptr(strings.Repeat("e", 1001))}, "GetFaceIdTokenRequest.Extra is 1001 characters, over the 1000-character limit"},
		{"valid business", &GetFaceIdTokenRequest{CompareLib: CompareLibBusiness, IdCard: Ptr("11010119900101001X"), Name: Ptr("张三")}, ""},
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

func TestGetFaceIdResultValidate(t *testing.T) {
	for _, tt := range []struct{ token, want string }{
		{"", "GetFaceIdResultRequest.FaceIdToken is required: set it to GetFaceIdTokenResponse.FaceIdToken"},
		{" CE661F1A-0F1E", `GetFaceIdResultRequest.FaceIdToken has ' ' at byte 0: a token is printable ASCII without spaces or quotes`},
		{`"CE661F1A"`, `GetFaceIdResultRequest.FaceIdToken has '"' at byte 0`},
		{"CE661F1A-0F1E\n", `has '\n' at byte 13`},
	} {
		err := (&GetFaceIdResultRequest{FaceIdToken: tt.token}).Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.token, err, tt.want)
		}
	}
	if err := (&GetFaceIdResultRequest{FaceIdToken: "CE661F1A-0F1E-45BD-BE13-34C05CEA7681", Encryption: &Encryption{Algorithm: AlgorithmSM4GCM}}).Validate(); err != nil {
		t.Errorf("Algorithm-only Encryption: %v", err)
	}
}

// apiCode is the API error code of err, "" when err is not an *transport.APIError.
func apiCode(err error) string {
	var ae *transport.APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// cmpIgnoreFields ignores struct fields by name.
func cmpIgnoreFields(names ...string) cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		for _, n := range names {
			if p.Last().String() == "."+n {
				return true
			}
		}
		return false
	}, cmp.Ignore())
}
