package faceid

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
