package faceidtest

import (
	"strings"
	"testing"
	"time"
)

// The SDK handlers' own refusals, with the codes Tencent answers.
func TestGetFaceIdTokenRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name, body, code, msg string
	}{
		{"business without Name", `{"CompareLib":"BUSINESS","IdCard":"11010119900101001X"}`, "InvalidParameter", "`Name` is required with `CompareLib` BUSINESS"},
		{"lower-case x", `{"CompareLib":"BUSINESS","IdCard":"11010119900101001x","Name":"张三"}`, "InvalidParameter", "lower-case x"},
		{"local without image", `{"CompareLib":"LOCAL"}`, "InvalidParameter", "`ImageBase64` is required with `CompareLib` LOCAL"},
		{"bad CompareLib", `{"CompareLib":"local"}`, "InvalidParameterValue", "CompareLib"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, "GetFaceIdToken", tt.body))
			if code != tt.code || !strings.Contains(msg, tt.msg) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, tt.code, tt.msg)
			}
		})
	}
	t.Run("region", func(t *testing.T) {
		req := tc3Request(t, s, "GetFaceIdToken", `{"CompareLib":"LOCAL","ImageBase64":"/9j/4AAQ"}`)
		req.Header.Set("X-TC-Region", "ap-hongkong")
		code, msg := apiErr(do(t, s, sign(t, req, DefaultCredentials, testNow.Unix())))
		if code != "UnsupportedRegion" || !strings.Contains(msg, "ap-beijing, ap-chengdu, ap-guangzhou or ap-shanghai") {
			t.Errorf("got %s %q", code, msg)
		}
	})
}

// A token's result is there once the SDK ran, and for 3 days; each token is good for one
// verification.
func TestFaceIdTokenLifecycle(t *testing.T) {
	clk := &clock{t: testNow}
	s := newTestServer(t, Options{Now: clk.Now})
	resp := mustOK(t, callAPI(t, s, "GetFaceIdToken", `{"CompareLib":"BUSINESS","IdCard":"110101199003070033","Name":"李四"}`))
	tok := resp["FaceIdToken"].(string)
	body := `{"FaceIdToken":"` + tok + `"}`
	if code, _ := apiErr(callAPI(t, s, "GetFaceIdResult", body)); code != "InvalidParameterValue.BizTokenIllegal" {
		t.Errorf("before use: %s", code)
	}
	if err := s.CompleteToken(tok); err != nil {
		t.Fatal(err)
	}
	got := mustOK(t, callAPI(t, s, "GetFaceIdResult", body))
	if got["Result"] != "2006" || got["Name"] != "李四" || got["IdCard"] != "110101199003070033" {
		t.Errorf("NameMismatchIdCard: %v", got)
	}
	clk.Set(testNow.Add(72*time.Hour + time.Second))
	// The request is signed at testNow: keep the signature inside its window by signing anew.
	req := sign(t, tc3Request(t, s, "GetFaceIdResult", body), DefaultCredentials, clk.Now().Unix())
	if code, _ := apiErr(do(t, s, req)); code != "InvalidParameterValue.BizTokenExpired" {
		t.Errorf("after 3 days: %s", code)
	}
	s.Reset()
	if err := s.CompleteToken(tok); err == nil {
		t.Error("Reset kept the token")
	}
}
