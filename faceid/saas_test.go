package faceid

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
)

func TestDecodeDetectInfoExamples(t *testing.T) {
	emptyText := &DetectInfoDocText{IdCard: "", Name: "", Extra: "", Detail: &DetectInfoDocDetail{LivenessData: []DetectInfoDocLiveness{}}}
	tests := []struct {
		file string
		want *DetectInfo
	}{
		// Tencent's example for InfoType "0": every section present, values null.
		{"getdetectinfo-all.json", &DetectInfo{
			Text:       emptyText,
			IdCardData: &DetectInfoIdCardData{},
			BestFrame:  &DetectInfoBestFrame{},
			VideoData:  &DetectInfoVideoData{},
		}},
		// InfoType "12": no BestFrame or VideoData sections.
		{"getdetectinfo-text-idcard.json", &DetectInfo{Text: emptyText, IdCardData: &DetectInfoIdCardData{}}},
		{"getdetectinfo-populated.json", &DetectInfo{
			Text: &DetectInfoDocText{
				ErrCode: Ptr(int64(0)), ErrMsg: "成功", IdCard: "11204416541220243X", Name: "韦小宝",
				OcrNation: "汉", OcrAddress: "北京市东城区景山前街4号紫禁城敬事房", OcrBirth: "1654/12/20", OcrAuthority: "北京市公安局",
				OcrValidDate: "2016.02.04-2026.02.04", OcrName: "韦小宝", OcrIdCard: "11204416541220243X", OcrGender: "男",
				LiveStatus: Ptr(int64(0)), LiveMsg: "成功", Comparestatus: Ptr(int64(0)), Comparemsg: "成功", Sim: "95.51",
				Extra: "order-42",
				Detail: &DetectInfoDocDetail{LivenessData: []DetectInfoDocLiveness{
					{ErrCode: Ptr(int64(0)), ErrMsg: "成功", ReqTime: "1730444265275", IdCard: "11204416541220243X", Name: "韦小宝"},
					{ErrCode: Ptr(int64(1001)), ErrMsg: "调用活体引擎失败", ReqTime: "1730444200000", IdCard: "11204416541220243X", Name: "韦小宝"},
				}},
			},
			IdCardData: &DetectInfoIdCardData{OcrFront: "/9j/front", OcrBack: "/9j/back"},
			BestFrame:  &DetectInfoBestFrame{BestFrame: "/9j/best"},
			VideoData:  &DetectInfoVideoData{LivenessVideo: "AAAAGGZ0eX"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var r GetDetectInfoResponse
			decodeEnvelope(t, tt.file, &r)
			raw := r.DetectInfo
			got, err := r.Decode()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(DetectInfo{}), cmpIgnoreRequestID); diff != "" {
				t.Errorf("Decode (-want +got):\n%s", diff)
			}
			if r.DetectInfo != raw || got.requestID != r.RequestId {
				t.Error("Decode changed the raw string or lost the RequestId")
			}
		})
	}
}

var cmpIgnoreRequestID = cmp.FilterPath(func(p cmp.Path) bool {
	return p.Last().String() == ".requestID"
}, cmp.Ignore())

func TestDecodeDetectInfoErrors(t *testing.T) {
	secret := "11204416541220243X"
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", "faceid: GetDetectInfoResponse.DetectInfo is empty"},
		{"syntax", `{"Text":{"IdCard":"` + secret + `"`, "faceid: GetDetectInfoResponse.DetectInfo is not the documented JSON object: "},
		{"type", `{"Text":{"ErrCode":"` + secret + `"}}`, "field Text.ErrCode: a JSON string where int64 was expected"},
		{"not an object", `"` + secret + `"`, "a JSON string where faceid.DetectInfo was expected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&GetDetectInfoResponse{DetectInfo: tt.in}).Decode()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Decode() = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("the error quotes the document: %v", err)
			}
		})
	}
	if _, err := (*GetDetectInfoResponse)(nil).Decode(); err == nil {
		t.Error("nil Decode: want an error")
	}
}

func TestDetectInfoCheck(t *testing.T) {
	decode := func(file string) *DetectInfo {
		var r GetDetectInfoResponse
		decodeEnvelope(t, file, &r)
		d, err := r.Decode()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if err := decode("getdetectinfo-populated.json").Check(); err != nil {
		t.Errorf("populated example: Check() = %v, want nil", err)
	}
	// Tencent's example has ErrCode null: no verdict, so not a pass.
	err := decode("getdetectinfo-all.json").Check()
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Action != "GetDetectInfo" || ve.RequestId != "0f96cf39-a183-485c-ab29-8427ab81f9ae" || !strings.Contains(err.Error(), "ErrCode is null") {
		t.Errorf("null ErrCode: Check() = %v", err)
	}
	failed := &DetectInfo{Text: &DetectInfoDocText{ErrCode: Ptr(int64(-1)), ErrMsg: "比对失败", Sim: "40.00"}}
	if err := failed.Check(); !errors.As(err, &ve) || ve.Result != "ErrCode -1" || ve.Sim != 40 {
		t.Errorf("failed: Check() = %#v", err)
	}
	for _, d := range []*DetectInfo{nil, {}} {
		if err := d.Check(); !errors.As(err, &ve) {
			t.Errorf("%+v: Check() = %v, want a VerificationError", d, err)
		}
	}
}

func TestSaaSFlowRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	auth, err := c.DetectAuth(ctx, &DetectAuthRequest{
		RuleId:      ruleID,
		IdCard:      Ptr(personIdCard),
		Name:        Ptr(personName),
		Extra:       Ptr("order-42"),
		RedirectUrl: Ptr("https://example.com/done"),
	})
	if err != nil {
		t.Fatalf("DetectAuth: %v", err)
	}
	if auth.BizToken == "" || auth.RequestId == "" {
		t.Fatalf("DetectAuth: BizToken %q RequestId %q, want both", auth.BizToken, auth.RequestId)
	}
	if want := srv.URL + "/verify?BizToken=" + auth.BizToken; auth.Url != want {
		t.Errorf("DetectAuth Url = %q, want %q", auth.Url, want)
	}
	// The Url is live: the stand-in's verify page knows the token.
	page, err := http.Get(auth.Url)
	if err != nil {
		t.Fatal(err)
	}
	page.Body.Close()
	if page.StatusCode != http.StatusOK {
		t.Errorf("GET Url: status %d", page.StatusCode)
	}

	info, err := c.GetDetectInfo(ctx, &GetDetectInfoRequest{BizToken: auth.BizToken, RuleId: ruleID, InfoType: Ptr(InfoTypeAll)})
	if err != nil {
		t.Fatalf("GetDetectInfo: %v", err)
	}
	d, err := info.Decode()
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if d.Text == nil {
		t.Fatal("decoded DetectInfo has no Text")
	}
	if d.Text.Name != personName || d.Text.IdCard != personIdCard || d.Text.Extra != "order-42" {
		t.Errorf("decoded Text Name %q IdCard %q Extra %q; want what DetectAuth sent", d.Text.Name, d.Text.IdCard, d.Text.Extra)
	}
	if d.Text.ErrCode == nil || *d.Text.ErrCode != 0 || d.Text.Sim != "89.88" {
		t.Errorf("decoded Text ErrCode %v Sim %q, want 0 and 89.88", d.Text.ErrCode, d.Text.Sim)
	}
	if err := d.Check(); err != nil {
		t.Errorf("DetectInfo.Check: %v", err)
	}
	if d.BestFrame == nil || d.BestFrame.BestFrame != jpegB64() {
		t.Errorf("InfoType 0: BestFrame missing or not the sample JPEG")
	}
	if d.VideoData == nil || d.VideoData.LivenessVideo != mp4B64() {
		t.Errorf("InfoType 0: VideoData missing or not the sample MP4")
	}
	if info.DetectInfo == "" || !strings.HasPrefix(info.DetectInfo, "{") {
		t.Errorf("the raw DetectInfo string is not kept: %.40q", info.DetectInfo)
	}

	enh, err := c.GetDetectInfoEnhanced(ctx, &GetDetectInfoEnhancedRequest{BizToken: auth.BizToken, RuleId: ruleID, InfoType: Ptr(InfoTypeText)})
	if err != nil {
		t.Fatalf("GetDetectInfoEnhanced: %v", err)
	}
	if enh.Text == nil || enh.Text.Name != personName || enh.Text.IdCard != personIdCard || enh.Text.Extra != "order-42" {
		t.Fatalf("GetDetectInfoEnhanced Text = %+v, want what DetectAuth sent", enh.Text)
	}
	if sim, ok := enh.Text.Similarity(); !ok || sim <= 0 {
		t.Errorf("GetDetectInfoEnhanced Sim %q, want > 0", enh.Text.Sim)
	}
	if err := enh.Check(); err != nil {
		t.Errorf("GetDetectInfoEnhanced.Check: %v", err)
	}
	if enh.BestFrame != nil || enh.VideoData != nil {
		t.Errorf("InfoType 1 returned media sections")
	}

	reqs := srv.Requests()
	var got []string
	for _, r := range reqs {
		if r.Path == "/verify" {
			continue
		}
		checkRecorded(t, r, r.Action, tc3.Algorithm)
		if r.Region != DefaultRegion {
			t.Errorf("%s: Region %q, want %q", r.Action, r.Region, DefaultRegion)
		}
		got = append(got, r.Action)
	}
	if want := "DetectAuth GetDetectInfo GetDetectInfoEnhanced"; strings.Join(got, " ") != want {
		t.Errorf("server saw %v, want %s", got, want)
	}
}

func TestGetDetectInfoUnknownToken(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	_, err := c.GetDetectInfo(context.Background(), &GetDetectInfoRequest{BizToken: "NOT-A-TOKEN", RuleId: ruleID})
	var ae *transport.APIError
	if !errors.As(err, &ae) || ae.Code != CodeBizTokenIllegal {
		t.Fatalf("err = %v, want *transport.APIError %s", err, CodeBizTokenIllegal)
	}
	noSecret(t, err)
}

func TestDetectFlowFailureIsNotAPass(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	auth, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: ruleID, Name: Ptr(personName), IdCard: Ptr(personIdCard)})
	if err != nil {
		t.Fatal(err)
	}
	srv.SetResult("GetDetectInfo", "FailedOperation.SilentDetectFail")
	srv.SetResult("GetDetectInfoEnhanced", CodeCompareLowSimilarity)

	info, err := c.GetDetectInfo(ctx, &GetDetectInfoRequest{BizToken: auth.BizToken, RuleId: ruleID, InfoType: Ptr("1")})
	if err != nil {
		t.Fatalf("GetDetectInfo: %v (fetching a failed result is not a call error)", err)
	}
	d, err := info.Decode()
	if err != nil {
		t.Fatal(err)
	}
	var ve *VerificationError
	if err := d.Check(); !errors.As(err, &ve) || ve.RequestId != info.RequestId {
		t.Errorf("DetectInfo.Check = %v; want a *VerificationError with the RequestId", err)
	}

	enh, err := c.GetDetectInfoEnhanced(ctx, &GetDetectInfoEnhancedRequest{BizToken: auth.BizToken, RuleId: ruleID, InfoType: Ptr("1")})
	if err != nil {
		t.Fatalf("GetDetectInfoEnhanced: %v", err)
	}
	if err := enh.Check(); !errors.As(err, &ve) || ve.Sim != faceidtest.LowSim {
		t.Errorf("GetDetectInfoEnhanced.Check = %v; want a *VerificationError with Sim %v", err, faceidtest.LowSim)
	}
	// Asking without the Text section is not a pass either.
	enh, err = c.GetDetectInfoEnhanced(ctx, &GetDetectInfoEnhancedRequest{BizToken: auth.BizToken, RuleId: ruleID, InfoType: Ptr("3")})
	if err != nil {
		t.Fatal(err)
	}
	if err := enh.Check(); !errors.As(err, &ve) {
		t.Errorf("Check without Text = %v; want a *VerificationError", err)
	}
}
