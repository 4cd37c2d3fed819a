package faceidtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/tc3"
)

var (
	jpegB64 = b64(SampleJPEG())
	mp4B64  = b64(SampleMP4())
)

// validBodies are minimal valid requests of the eight actions; DetectInfo
// bodies get their BizToken filled in.
func validBodies(token string) map[string]map[string]any {
	return map[string]map[string]any{
		"DetectAuth":            {"RuleId": "1", "IdCard": "11010119900101001X", "Name": "张三", "RedirectUrl": "https://example.com/cb?a=1&b=<2>", "Extra": "order-42"},
		"GetDetectInfo":         {"BizToken": token, "RuleId": "1", "InfoType": "0"},
		"GetDetectInfoEnhanced": {"BizToken": token, "RuleId": "1", "InfoType": "0", "BestFramesCount": 2},
		"GetActionSequence":     {},
		"GetLiveCode":           {},
		"ImageRecognition":      {"IdCard": "11010119900101001X", "Name": "张三", "ImageBase64": jpegB64},
		"LivenessCompare":       {"LivenessType": "SILENT", "ImageBase64": jpegB64, "VideoBase64": mp4B64},
		"LivenessRecognition":   {"IdCard": "11010119900101001X", "Name": "张三", "LivenessType": "LIP", "ValidateData": "1234", "VideoBase64": mp4B64},
		"ImageRecognitionV2":    {"IdCard": "11010119900101001X", "Name": "张三", "ImageBase64": jpegB64},
	}
}

func TestActionShapes(t *testing.T) {
	s := newTestServer(t, Options{})
	token := detectAuth(t, s, validBodies("")["DetectAuth"])
	bodies := validBodies(token)

	detectInfoText := map[string]any{
		"ErrCode": "number", "ErrMsg": "string", "IdCard": "string", "Name": "string",
		"OcrNation": "null", "OcrAddress": "null", "OcrBirth": "null", "OcrAuthority": "null",
		"OcrValidDate": "null", "OcrName": "null", "OcrIdCard": "null", "OcrGender": "null",
		"LiveStatus": "number", "LiveMsg": "string", "Comparestatus": "number", "Comparemsg": "string",
		"Sim": "string", "Location": "null", "Extra": "string",
		"Detail": map[string]any{"LivenessData": []any{map[string]any{
			"ErrCode": "number", "ErrMsg": "string", "ReqTime": "string", "IdCard": "string", "Name": "string",
		}}},
	}
	verification := map[string]any{
		"BestFrameBase64": "string", "Sim": "number", "Result": "string", "Description": "string",
		"BestFrameList": "[]", "RequestId": "string",
	}
	tests := []struct {
		action string
		want   map[string]any
	}{
		{"DetectAuth", map[string]any{"Url": "string", "BizToken": "string", "RequestId": "string"}},
		{"GetDetectInfo", map[string]any{"DetectInfo": "string", "RequestId": "string"}},
		{"GetDetectInfoEnhanced", map[string]any{
			"Text": map[string]any{
				"ErrCode": "number", "ErrMsg": "string", "IdCard": "string", "UseIDType": "number", "Name": "string",
				"OcrNation": "null", "OcrAddress": "null", "OcrBirth": "null", "OcrAuthority": "null",
				"OcrValidDate": "null", "OcrName": "null", "OcrIdCard": "null", "OcrGender": "null",
				"IdInfoFrom": "string", "LiveStatus": "number", "LiveMsg": "string", "Comparestatus": "number",
				"Comparemsg": "string", "Sim": "string", "Location": "null", "Extra": "string",
				"LivenessDetail": []any{map[string]any{
					"ReqTime": "string", "Seq": "string", "Idcard": "string", "Name": "string", "Sim": "string",
					"IsNeedCharge": "bool", "Errcode": "number", "Errmsg": "string", "Livestatus": "number",
					"Livemsg": "string", "Comparestatus": "number", "Comparemsg": "string",
					"CompareLibType": "string", "LivenessMode": "number",
				}},
				"LivenessInfoTag": "null", "Mobile": "string", "CompareLibType": "string", "LivenessMode": "number",
				"NFCRequestIds": "[]", "NFCBillingCounts": "number", "PassNo": "null", "VisaNum": "null",
				"LivenessActionSequence": "null",
			},
			"IdCardData": map[string]any{
				"OcrFront": "null", "OcrBack": "null", "ProcessedFrontImage": "null", "ProcessedBackImage": "null",
				"Avatar": "null", "WarnInfos": "null", "BackWarnInfos": "null",
			},
			"BestFrame":           map[string]any{"BestFrame": "string", "BestFrames": []any{"string"}},
			"VideoData":           map[string]any{"LivenessVideo": "string", "LivenessVideos": "null"},
			"Encryption":          map[string]any{"Algorithm": "string", "CiphertextBlob": "string", "EncryptList": "[]", "Iv": "string", "TagList": "[]"},
			"IntentionVerifyData": "null", "IntentionQuestionResult": "null", "IntentionActionResult": "null",
			"EncryptedBody": "string", "IsVerifyIntention": "bool", "IntentionVerifyType": "string",
			"RequestId": "string",
		}},
		{"GetActionSequence", map[string]any{"ActionSequence": "string", "RequestId": "string"}},
		{"GetLiveCode", map[string]any{"LiveCode": "string", "RequestId": "string"}},
		{"ImageRecognition", map[string]any{"Sim": "number", "Result": "string", "Description": "string", "RequestId": "string"}},
		{"LivenessCompare", verification},
		{"LivenessRecognition", verification},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			resp := mustOK(t, callAPI(t, s, tt.action, jsonBody(t, bodies[tt.action])))
			if diff := cmp.Diff(tt.want, shape(resp)); diff != "" {
				t.Errorf("shape (-want +got):\n%s", diff)
			}
			switch tt.action {
			case "DetectAuth":
				want := s.URL + "/verify?BizToken=" + resp["BizToken"].(string)
				if resp["Url"] != want {
					t.Errorf("Url %v, want %s", resp["Url"], want)
				}
			case "GetDetectInfo":
				var info map[string]any
				if err := json.Unmarshal([]byte(resp["DetectInfo"].(string)), &info); err != nil {
					t.Fatalf("DetectInfo is not JSON: %v", err)
				}
				want := map[string]any{
					"Text":       detectInfoText,
					"IdCardData": map[string]any{"OcrFront": "null", "OcrBack": "null"},
					"BestFrame":  map[string]any{"BestFrame": "string"},
					"VideoData":  map[string]any{"LivenessVideo": "string"},
				}
				if diff := cmp.Diff(want, shape(info)); diff != "" {
					t.Errorf("DetectInfo shape (-want +got):\n%s", diff)
				}
				text := info["Text"].(map[string]any)
				got := []any{text["Name"], text["IdCard"], text["Extra"], text["ErrCode"], text["Sim"]}
				if diff := cmp.Diff([]any{"张三", "11010119900101001X", "order-42", 0.0, "89.88"}, got); diff != "" {
					t.Errorf("Text Name, IdCard, Extra, ErrCode, Sim (-want +got):\n%s", diff)
				}
			case "GetActionSequence":
				if seq := resp["ActionSequence"]; seq != "1,2" && seq != "2,1" {
					t.Errorf("ActionSequence %v", seq)
				}
			case "GetLiveCode":
				if c := resp["LiveCode"].(string); len(c) != 4 || strings.Trim(c, "0123456789") != "" {
					t.Errorf("LiveCode %q", c)
				}
			case "ImageRecognition", "LivenessCompare", "LivenessRecognition":
				if resp["Result"] != "Success" || resp["Sim"] != PassSim || resp["Description"] != "成功" {
					t.Errorf("Result %v Sim %v Description %v", resp["Result"], resp["Sim"], resp["Description"])
				}
			}
		})
	}
}

func TestGetDetectInfoSections(t *testing.T) {
	s := newTestServer(t, Options{})
	// No Name/IdCard: the ID card was "read by OCR", so OCR fields and images are set.
	token := detectAuth(t, s, map[string]any{"RuleId": "7"})
	for _, tt := range []struct {
		infoType string
		want     []string
	}{
		{"", []string{"BestFrame", "IdCardData", "Text", "VideoData"}},
		{"1", []string{"Text"}},
		{"134", []string{"BestFrame", "Text", "VideoData"}},
		{"2", []string{"IdCardData"}},
	} {
		body := map[string]any{"BizToken": token, "RuleId": "7"}
		if tt.infoType != "" {
			body["InfoType"] = tt.infoType
		}
		resp := mustOK(t, callAPI(t, s, "GetDetectInfo", jsonBody(t, body)))
		var info map[string]map[string]any
		if err := json.Unmarshal([]byte(resp["DetectInfo"].(string)), &info); err != nil {
			t.Fatal(err)
		}
		var got []string
		for k := range info {
			got = append(got, k)
		}
		if diff := cmp.Diff(tt.want, got, cmpSorted); diff != "" {
			t.Errorf("InfoType %q sections (-want +got):\n%s", tt.infoType, diff)
		}
		if text := info["Text"]; text != nil && (text["Name"] != SampleName || text["OcrIdCard"] != SampleIdCard) {
			t.Errorf("InfoType %q: Text Name %v OcrIdCard %v, want the sample person", tt.infoType, text["Name"], text["OcrIdCard"])
		}
		if card := info["IdCardData"]; card != nil && card["OcrFront"] == nil {
			t.Errorf("InfoType %q: IdCardData.OcrFront is null for an OCR flow", tt.infoType)
		}
	}
	resp := callAPI(t, s, "GetDetectInfo", jsonBody(t, map[string]any{"BizToken": token, "RuleId": "7", "InfoType": "15"}))
	if code, msg := apiErr(resp); code != "InvalidParameterValue" || !strings.Contains(msg, "InfoType") {
		t.Errorf("InfoType 15: %s %s", code, msg)
	}
}

var cmpSorted = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

func TestRequiredFields(t *testing.T) {
	s := newTestServer(t, Options{})
	token := detectAuth(t, s, validBodies("")["DetectAuth"])
	bodies := validBodies(token)
	type tc struct {
		action  string
		remove  []string
		code    string
		mention string
	}
	var tests []tc
	for action := range handlers {
		for _, f := range schemas[action] {
			if f.required {
				tests = append(tests, tc{action, []string{f.name}, "MissingParameter", "`" + f.name + "`"})
			}
		}
	}
	// Conditionally required ("one of" rules of the action pages).
	tests = append(tests,
		tc{"LivenessCompare", []string{"ImageBase64"}, "MissingParameter", "`ImageBase64` or `ImageUrl`"},
		tc{"LivenessCompare", []string{"VideoBase64"}, "MissingParameter", "`VideoBase64` or `VideoUrl`"},
		tc{"LivenessRecognition", []string{"VideoBase64"}, "MissingParameter", "`VideoBase64` or `VideoUrl`"},
		tc{"LivenessRecognition", []string{"ValidateData"}, "MissingParameter", "`ValidateData`"},
	)
	if len(tests) < 16 { // the first eight actions alone have 12 required members and 4 conditional ones
		t.Fatalf("%d cases; the schema has at least 12 required fields plus 4 conditional ones", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.action+"/"+strings.Join(tt.remove, ","), func(t *testing.T) {
			body := map[string]any{}
			src, ok := bodies[tt.action]
			if !ok { // an action added later: its required members, each of its type
				src = minimalBody(tt.action)
			}
			for k, v := range src {
				body[k] = v
			}
			for _, k := range tt.remove {
				delete(body, k)
			}
			code, msg := apiErr(callAPI(t, s, tt.action, jsonBody(t, body)))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %s %q, want %s naming %s", code, msg, tt.code, tt.mention)
			}
			// An empty string is as good as missing (for string members: an empty string in
			// a number member is a type error).
			if _, isString := src[tt.remove[0]].(string); isString && len(tt.remove) == 1 && tt.mention == "`"+tt.remove[0]+"`" {
				body[tt.remove[0]] = ""
				code, msg = apiErr(callAPI(t, s, tt.action, jsonBody(t, body)))
				if code != tt.code || !strings.Contains(msg, tt.mention) {
					t.Errorf("empty: got %s %q, want %s naming %s", code, msg, tt.code, tt.mention)
				}
			}
		})
	}
}

func TestParameterErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name, action, body string
		code, mention      string
	}{
		{"wrong case", "ImageRecognition", `{"Idcard":"11010119900101001X","Name":"a","ImageBase64":"` + jpegB64 + `"}`, "UnknownParameter", "did you mean `IdCard`"},
		{"unknown", "GetLiveCode", `{"Foo":1}`, "UnknownParameter", "`Foo`"},
		{"nested unknown", "DetectAuth", `{"RuleId":"1","Config":{"Speed":1,"Sped":2}}`, "UnknownParameter", "`Config.Sped`"},
		{"number for string", "DetectAuth", `{"RuleId":1}`, "InvalidParameter", "`RuleId` must be a String, got a number"},
		{"string for uint", "GetDetectInfoEnhanced", `{"BizToken":"x","RuleId":"1","BestFramesCount":"2"}`, "InvalidParameter", "`BestFramesCount`"},
		{"negative uint", "GetDetectInfoEnhanced", `{"BizToken":"x","RuleId":"1","BestFramesCount":-1}`, "InvalidParameter", "`BestFramesCount`"},
		{"name too long", "DetectAuth", `{"RuleId":"1","Name":"` + strings.Repeat("名", 33) + `"}`, "InvalidParameterValue", "`Name` is 33 characters, over the limit of 32"},
		{"lower-case x", "DetectAuth", `{"RuleId":"1","IdCard":"11010119900101001x"}`, "InvalidParameterValue", "upper-case X"},
		{"id format", "ImageRecognition", `{"IdCard":"1234","Name":"a","ImageBase64":"` + jpegB64 + `"}`, "FailedOperation.IdFormatError", "`IdCard`"},
		{"too many questions", "DetectAuth", `{"RuleId":"1","IntentionQuestions":[` + strings.Repeat(`{"Question":"q","Answers":["a"]},`, 10) + `{"Question":"q","Answers":["a"]}]}`, "InvalidParameterValue", "`IntentionQuestions` has 11 elements"},
		{"question missing", "DetectAuth", `{"RuleId":"1","IntentionQuestions":[{"Answers":["a"]}]}`, "MissingParameter", "`IntentionQuestions.0.Question`"},
		{"encrypt field", "ImageRecognition", `{"IdCard":"c","Name":"a","ImageBase64":"` + jpegB64 + `","Encryption":{"EncryptList":["ImageBase64"],"CiphertextBlob":"b","Iv":"0123456789abcdef"}}`, "InvalidParameter.UnsupportEncryptField", "ImageBase64"},
		{"liveness type", "LivenessCompare", `{"LivenessType":"silent","ImageBase64":"` + jpegB64 + `","VideoBase64":"` + mp4B64 + `"}`, "InvalidParameterValue", "`LivenessType`"},
		{"optional", "LivenessCompare", `{"LivenessType":"SILENT","Optional":"{\"BestFrameNum\":11}","ImageBase64":"` + jpegB64 + `","VideoBase64":"` + mp4B64 + `"}`, "InvalidParameterValue", "BestFrameNum"},
		{"not JSON", "GetLiveCode", `{"a":`, "InvalidParameter", "not valid JSON"},
		{"empty body", "GetLiveCode", ``, "InvalidParameter", "body is empty"},
		{"array body", "GetLiveCode", `[1]`, "InvalidParameter", "the request body is an array, not an object"},
		{"not UTF-8", "DetectAuth", "{\"RuleId\":\"1\",\"Name\":\"\xd5\xc5\"}", "InvalidParameterValue", "`Name` is not valid UTF-8"},
		{"redirect", "DetectAuth", `{"RuleId":"1","RedirectUrl":"example.com/cb"}`, "InvalidParameterValue", "`RedirectUrl`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, tt.action, tt.body))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, tt.code, tt.mention)
			}
		})
	}
}

func TestMediaChecks(t *testing.T) {
	s := newTestServer(t, Options{})
	image := func(v string) string {
		return jsonBody(t, map[string]any{"IdCard": "11010119900101001X", "Name": "张三", "ImageBase64": v})
	}
	video := func(v string) string {
		return jsonBody(t, map[string]any{"LivenessType": "SILENT", "ImageBase64": jpegB64, "VideoBase64": v})
	}
	big := strings.Repeat("A", MaxImageBase64Len+4)
	tests := []struct {
		name, action, body string
		code, mention      string
	}{
		{"data URI", "ImageRecognition", image("data:image/jpeg;base64," + jpegB64), "InvalidParameterValue", `"data:image/jpeg;base64,"`},
		{"line break", "ImageRecognition", image(jpegB64[:76] + "\r\n" + jpegB64[76:]), "InvalidParameterValue", "line break"},
		{"URL-safe", "ImageRecognition", image(strings.NewReplacer("+", "-", "/", "_").Replace(b64([]byte{0xFF, 0xD8, 0xFF, 0xfb, 0xff, 0xfe}))), "InvalidParameterValue", "URL-safe"},
		{"no padding", "ImageRecognition", image(strings.TrimRight(b64(append(SampleJPEG()[:len(SampleJPEG())/3*3], 1)), "=")), "InvalidParameterValue", "padding"},
		{"space", "ImageRecognition", image("/9j/ 4AA"), "InvalidParameterValue", "%2B"},
		{"encoded twice", "ImageRecognition", image(b64([]byte(jpegB64))), "InvalidParameterValue", "encoded twice"},
		{"not an image", "ImageRecognition", image(mp4B64), "InvalidParameterValue", "not JPEG or PNG"},
		{"image too large", "ImageRecognition", image(big), "FailedOperation.LifePhotoSizeError", "over the 3145728-byte limit"},
		{"video too large", "LivenessCompare", video(strings.Repeat("A", MaxVideoBase64Len+4)), "FailedOperation.LipSizeError", "`VideoBase64` is 8388612 bytes"},
		{"not a video", "LivenessCompare", video(jpegB64), "FailedOperation.LipVideoInvalid", "not MP4, AVI or FLV"},
		{"PNG ok", "ImageRecognition", image(b64(SamplePNG())), "", ""},
		{"image URL", "LivenessCompare", jsonBody(t, map[string]any{"LivenessType": "SILENT", "ImageUrl": "https://example.com/a.jpg", "VideoUrl": "https://example.com/v.mp4"}), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, tt.action, tt.body))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, tt.code, tt.mention)
			}
		})
	}
}

func TestAuthFailures(t *testing.T) {
	temp := tc3.Credentials{SecretID: "AKIDtemporary0000000000000000000000", SecretKey: "temporarySecretKey000000000000", Token: "tokenEXAMPLE0123456789"}
	s := newTestServer(t, Options{Credentials: []tc3.Credentials{DefaultCredentials, temp}})
	body := `{}`
	ts := testNow.Unix()
	tests := []struct {
		name    string
		req     func() *http.Request
		code    string
		mention []string
	}{
		{"wrong key", func() *http.Request {
			c := DefaultCredentials
			c.SecretKey = "someOtherSecretKey00000000000000"
			return sign(t, tc3Request(t, s, "GetLiveCode", body), c, ts)
		}, "AuthFailure.SignatureFailure", []string{"signature does not match", "canonical request", "string to sign"}},
		{"body changed after signing", func() *http.Request {
			req := sign(t, tc3Request(t, s, "GetLiveCode", body), DefaultCredentials, ts)
			req.Body, req.GetBody, req.ContentLength = io.NopCloser(strings.NewReader(`{ }`)), nil, 3
			return req
		}, "AuthFailure.SignatureFailure", []string{"payload SHA-256", "over 3 body bytes"}},
		{"local date", func() *http.Request {
			// Signed at 23:59 UTC on the 26th, sent with a timestamp of the 27th.
			req := sign(t, tc3Request(t, s, "GetLiveCode", body), DefaultCredentials, time.Date(2026, 11, 26, 23, 59, 0, 0, time.UTC).Unix())
			req.Header.Set("X-TC-Timestamp", strconv.FormatInt(ts, 10))
			return req
		}, "AuthFailure.SignatureFailure", []string{"credential scope date 2026-11-26 differs from 2026-11-27"}},
		{"expired", func() *http.Request {
			return sign(t, tc3Request(t, s, "GetLiveCode", body), DefaultCredentials, ts-6*60)
		}, "AuthFailure.SignatureExpire", []string{"6m0s away from the server time " + strconv.FormatInt(ts, 10)}},
		{"future", func() *http.Request {
			return sign(t, tc3Request(t, s, "GetLiveCode", body), DefaultCredentials, ts+301)
		}, "AuthFailure.SignatureExpire", []string{"5m1s away"}},
		{"unknown SecretId", func() *http.Request {
			c := DefaultCredentials
			c.SecretID = "AKIDunknown"
			return sign(t, tc3Request(t, s, "GetLiveCode", body), c, ts)
		}, "AuthFailure.SecretIdNotFound", []string{"SecretId AKIDunknown is not known"}},
		{"token missing", func() *http.Request {
			req := sign(t, tc3Request(t, s, "GetLiveCode", body), temp, ts)
			req.Header.Del("X-TC-Token")
			return req
		}, "AuthFailure.TokenFailure", []string{"X-TC-Token"}},
		{"bad Authorization", func() *http.Request {
			req := sign(t, tc3Request(t, s, "GetLiveCode", body), DefaultCredentials, ts)
			req.Header.Set("Authorization", strings.Replace(req.Header.Get("Authorization"), "Credential=", "Credentials=", 1))
			return req
		}, "AuthFailure.InvalidAuthorization", []string{"Credential="}},
		{"wrong service", func() *http.Request {
			req := tc3Request(t, s, "GetLiveCode", body)
			if err := tc3.NewSigner(0).SignRequest(req, DefaultCredentials, "cvm", "", ts); err != nil {
				t.Fatal(err)
			}
			return req
		}, "AuthFailure.SignatureFailure", []string{`service "cvm" must be "faceid"`}},
		{"form content type on TC3 POST", func() *http.Request {
			req := tc3Request(t, s, "GetLiveCode", body)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return sign(t, req, DefaultCredentials, ts)
		}, "InvalidParameter", []string{"must use signature v1"}},
		{"v1 wrong key", func() *http.Request {
			c := DefaultCredentials
			c.SecretKey = "someOtherSecretKey00000000000000"
			return v1Request(t, s, http.MethodGet, tc3.HmacSHA256, "GetLiveCode", nil, c, ts)
		}, "AuthFailure.SignatureFailure", []string{"HmacSHA256 signature does not match", "GET" + s.Host + "/?Action=GetLiveCode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(do(t, s, tt.req()))
			if code != tt.code {
				t.Errorf("code %s, want %s (message %q)", code, tt.code, msg)
			}
			for _, m := range tt.mention {
				if !strings.Contains(msg, m) {
					t.Errorf("message %q does not mention %q", msg, m)
				}
			}
		})
	}
	// The temporary credentials work with their token.
	mustOK(t, do(t, s, sign(t, tc3Request(t, s, "GetLiveCode", body), temp, ts)))
}

func TestCommonParameters(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := testNow.Unix()
	tests := []struct {
		name          string
		edit          func(*http.Request)
		code, mention string
	}{
		{"unknown action", func(r *http.Request) { r.Header.Set("X-TC-Action", "DetectAuthorize") }, "InvalidAction", `"DetectAuthorize"`},
		{"action case", func(r *http.Request) { r.Header.Set("X-TC-Action", "getlivecode") }, "InvalidAction", `did you mean "GetLiveCode"`},
		{"other faceid action, validated by the schema", func(r *http.Request) { r.Header.Set("X-TC-Action", "GetWeChatBillDetails") }, "MissingParameter", "`Date`"},
		{"no action", func(r *http.Request) { r.Header.Del("X-TC-Action") }, "MissingParameter", "X-TC-Action"},
		{"no version", func(r *http.Request) { r.Header.Del("X-TC-Version") }, "MissingParameter", "X-TC-Version"},
		{"wrong version", func(r *http.Request) { r.Header.Set("X-TC-Version", "2017-03-12") }, "NoSuchVersion", `"2017-03-12"`},
		{"junk region", func(r *http.Request) { r.Header.Set("X-TC-Region", "guangzhou") }, "UnsupportedRegion", `"guangzhou"`},
		{"fsi region", func(r *http.Request) { r.Header.Set("X-TC-Region", "ap-shanghai-fsi") }, "", ""},
		{"no region", func(r *http.Request) { r.Header.Del("X-TC-Region") }, "", ""},
		{"language", func(r *http.Request) { r.Header.Set("X-TC-Language", "fr-FR") }, "InvalidParameterValue", "zh-CN or en-US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tc3Request(t, s, "GetLiveCode", `{}`)
			tt.edit(req)
			code, msg := apiErr(do(t, s, sign(t, req, DefaultCredentials, ts)))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, tt.code, tt.mention)
			}
		})
	}
}

func TestV1AndGET(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := testNow.Unix()
	business := map[string]string{"IdCard": "11010119900101001X", "Name": "张 三", "LivenessType": "SILENT", "VideoBase64": mp4B64, "Optional": `{"BestFrameNum":2}`}
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		for _, sm := range []string{tc3.HmacSHA1, tc3.HmacSHA256} {
			t.Run(method+"/"+sm, func(t *testing.T) {
				resp := mustOK(t, do(t, s, v1Request(t, s, method, sm, "LivenessRecognition", business, DefaultCredentials, ts)))
				if resp["Result"] != "Success" || len(resp["BestFrameList"].([]any)) != 2 {
					t.Errorf("Result %v, BestFrameList %d", resp["Result"], len(resp["BestFrameList"].([]any)))
				}
			})
		}
	}
	t.Run("TC3 GET flattened", func(t *testing.T) {
		params := map[string]string{
			"RuleId": "1", "Name": "张三", "IdCard": "11010119900101001X",
			"IntentionQuestions.0.Question": "q?", "IntentionQuestions.0.Answers.0": "是",
			"IntentionQuestions.0.Answers.1": "", "Config.IntentionRecognition": "false", "Config.Speed": "2",
		}
		token := mustOK(t, do(t, s, sign(t, tc3GetRequest(t, s, "DetectAuth", params), DefaultCredentials, ts)))["BizToken"].(string)
		resp := mustOK(t, do(t, s, sign(t, tc3GetRequest(t, s, "GetDetectInfoEnhanced", map[string]string{"BizToken": token, "RuleId": "1", "InfoType": "16", "IsCutIdCardImage": "true"}), DefaultCredentials, ts)))
		if resp["IsVerifyIntention"] != true || resp["IntentionVerifyType"] != "0" || resp["IntentionQuestionResult"] == nil {
			t.Errorf("intention: %v %v %v", resp["IsVerifyIntention"], resp["IntentionVerifyType"], resp["IntentionQuestionResult"])
		}
	})
	t.Run("TC3 GET errors", func(t *testing.T) {
		for _, tt := range []struct {
			params        map[string]string
			code, mention string
		}{
			{map[string]string{"RuleId": "1", "Config.Speed": "fast"}, "InvalidParameter", "`Config.Speed` must be a Integer (unsigned), got fast"},
			{map[string]string{"RuleId": "1", "Config.IntentionRecognition": "yes"}, "InvalidParameter", "`Config.IntentionRecognition` must be a Boolean"},
			{map[string]string{"RuleId": "1", "IntentionActions.1.Text": "x"}, "InvalidParameter", "no `IntentionActions.0`"},
			{map[string]string{"RuleId": "1", "Name": "a", "Name.0": "b"}, "InvalidParameter", "both as a value and as a structure"},
		} {
			code, msg := apiErr(do(t, s, sign(t, tc3GetRequest(t, s, "DetectAuth", tt.params), DefaultCredentials, ts)))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("%v: got %s %q, want %s containing %q", tt.params, code, msg, tt.code, tt.mention)
			}
		}
	})
	t.Run("v1 unknown parameter", func(t *testing.T) {
		code, msg := apiErr(do(t, s, v1Request(t, s, http.MethodPost, tc3.HmacSHA1, "GetLiveCode", map[string]string{"Name": "x"}, DefaultCredentials, ts)))
		if code != "UnknownParameter" || !strings.Contains(msg, "`Name`") {
			t.Errorf("got %s %q", code, msg)
		}
	})
}

func TestSizeLimits(t *testing.T) {
	s := newTestServer(t, Options{})
	ts := testNow.Unix()
	t.Run("v1 POST over 1 MiB", func(t *testing.T) {
		req := v1Request(t, s, http.MethodPost, tc3.HmacSHA256, "LivenessCompare", map[string]string{"LivenessType": "SILENT", "ImageBase64": jpegB64, "VideoBase64": b64(append(SampleMP4(), make([]byte, 800_000)...))}, DefaultCredentials, ts)
		code, msg := apiErr(do(t, s, req))
		want := "The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`."
		if code != "AuthFailure.SignatureFailure" || !strings.HasPrefix(msg, want) {
			t.Errorf("got %s %q", code, msg)
		}
	})
	t.Run("TC3 POST over 10 MiB", func(t *testing.T) {
		body := `{"LivenessType":"SILENT","VideoBase64":"` + strings.Repeat("A", tc3.MaxTC3BodyBytes) + `"}`
		code, msg := apiErr(do(t, s, sign(t, tc3Request(t, s, "LivenessCompare", body), DefaultCredentials, ts)))
		if code != "RequestSizeLimitExceeded" || !strings.Contains(msg, "10485760") {
			t.Errorf("got %s %q", code, msg)
		}
		recs := s.Requests()
		if last := recs[len(recs)-1]; last.ErrorCode != "RequestSizeLimitExceeded" || len(last.Body) > tc3.MaxTC3BodyBytes {
			t.Errorf("recorded %s with %d body bytes", last.ErrorCode, len(last.Body))
		}
	})
	t.Run("TC3 body without Content-Length", func(t *testing.T) {
		req := tc3Request(t, s, "LivenessCompare", "")
		payload := []byte(`{"LivenessType":"SILENT","VideoBase64":"` + strings.Repeat("A", tc3.MaxTC3BodyBytes) + `"}`)
		req.Body = io.NopCloser(bytes.NewReader(payload))
		req.ContentLength = -1
		req.GetBody = nil
		if err := tc3.NewSigner(0).SignRequest(req, DefaultCredentials, "faceid", tc3.PayloadHash(payload), ts); err != nil {
			t.Fatal(err)
		}
		if code, _ := apiErr(do(t, s, req)); code != "RequestSizeLimitExceeded" {
			t.Errorf("got %s", code)
		}
	})
	t.Run("GET URL over 32 KiB", func(t *testing.T) {
		req := sign(t, tc3GetRequest(t, s, "DetectAuth", map[string]string{"RuleId": "1", "Extra": strings.Repeat("a", 33_000)}), DefaultCredentials, ts)
		if code, msg := apiErr(do(t, s, req)); code != "RequestSizeLimitExceeded" || !strings.Contains(msg, "32768") {
			t.Errorf("got %s %q", code, msg)
		}
	})
}

func TestBusinessResults(t *testing.T) {
	s := newTestServer(t, Options{})
	person := func(idCard string) map[string]any {
		return map[string]any{"IdCard": idCard, "Name": "张三", "ImageBase64": jpegB64}
	}
	type outcome struct {
		Result, Description string
		Sim                 float64
	}
	get := func(resp map[string]any) outcome {
		mustOK(t, resp)
		return outcome{resp["Result"].(string), resp["Description"].(string), resp["Sim"].(float64)}
	}
	tests := []struct {
		name string
		resp func() map[string]any
		want outcome
	}{
		{"pass", func() map[string]any {
			return callAPI(t, s, "ImageRecognition", jsonBody(t, person("11010119900101001X")))
		}, outcome{"Success", "成功", PassSim}},
		{"low similarity", func() map[string]any {
			return callAPI(t, s, "ImageRecognition", jsonBody(t, person(LowSimilarityIdCard)))
		}, outcome{"FailedOperation.CompareLowSimilarity", "比对相似度未达到通过标准", LowSim}},
		{"fake photo", func() map[string]any {
			return callAPI(t, s, "ImageRecognition", jsonBody(t, person(LivenessFailIdCard)))
		}, outcome{"FailedOperation.LifePhotoDetectFake", "实人比对没通过", 0}},
		{"mismatch", func() map[string]any {
			return callAPI(t, s, "ImageRecognition", jsonBody(t, person(NameMismatchIdCard)))
		}, outcome{"FailedOperation.IdNameMisMatch", "姓名和身份证号不一致，请核实后重试", 0}},
		{"liveness fail", func() map[string]any {
			return callAPI(t, s, "LivenessRecognition", jsonBody(t, map[string]any{"IdCard": LivenessFailIdCard, "Name": "张三", "LivenessType": "SILENT", "VideoBase64": mp4B64}))
		}, outcome{"FailedOperation.SilentDetectFail", "实人检测失败", 0}},
		{"forced", func() map[string]any {
			s.SetResult("LivenessCompare", "FailedOperation.LipVoiceRecognize")
			defer s.SetResult("LivenessCompare", "")
			return callAPI(t, s, "LivenessCompare", jsonBody(t, validBodies("")["LivenessCompare"]))
		}, outcome{"FailedOperation.LipVoiceRecognize", "声音识别失败", 0}},
		{"restored", func() map[string]any {
			return callAPI(t, s, "LivenessCompare", jsonBody(t, validBodies("")["LivenessCompare"]))
		}, outcome{"Success", "成功", PassSim}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, get(tt.resp())); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("DetectAuth flow", func(t *testing.T) {
		text := func(token string) map[string]any {
			resp := mustOK(t, callAPI(t, s, "GetDetectInfo", jsonBody(t, map[string]any{"BizToken": token, "RuleId": "1", "InfoType": "1"})))
			var info struct{ Text map[string]any }
			if err := json.Unmarshal([]byte(resp["DetectInfo"].(string)), &info); err != nil {
				t.Fatal(err)
			}
			return info.Text
		}
		low := text(detectAuth(t, s, map[string]any{"RuleId": "1", "IdCard": LowSimilarityIdCard, "Name": "张三"}))
		if low["ErrCode"] == 0.0 || low["Comparemsg"] != "比对相似度未达到通过标准" || low["Sim"] != "26.04" {
			t.Errorf("low similarity flow: ErrCode %v Comparemsg %v Sim %v", low["ErrCode"], low["Comparemsg"], low["Sim"])
		}
		pass := detectAuth(t, s, map[string]any{"RuleId": "1", "IdCard": "11010119900101001X", "Name": "张三"})
		if got := text(pass)["ErrCode"]; got != 0.0 {
			t.Errorf("pass flow ErrCode %v", got)
		}
		s.SetResult("GetDetectInfo", "FailedOperation.LivessDetectFail")
		forced := text(pass)
		s.SetResult("GetDetectInfo", "")
		if forced["ErrCode"] == 0.0 || forced["LiveMsg"] != "活体检测没通过" {
			t.Errorf("forced flow: ErrCode %v LiveMsg %v", forced["ErrCode"], forced["LiveMsg"])
		}
	})
}

func TestBizTokens(t *testing.T) {
	clk := &clock{t: testNow}
	s := newTestServer(t, Options{Now: clk.Now})
	token := detectAuth(t, s, map[string]any{"RuleId": "3"})
	get := func(tok, rule string) (string, string) {
		req := tc3Request(t, s, "GetDetectInfoEnhanced", jsonBody(t, map[string]any{"BizToken": tok, "RuleId": rule, "InfoType": "1"}))
		return apiErr(do(t, s, sign(t, req, DefaultCredentials, clk.Now().Unix())))
	}
	for _, tt := range []struct {
		name, token, rule string
		at                time.Time
		code, mention     string
	}{
		{"fresh", token, "3", testNow, "", ""},
		{"unknown", "CE661F1A-0F1E-45BD-BE13-34C05CEA7681", "3", testNow, "InvalidParameterValue.BizTokenIllegal", "was not issued"},
		{"other rule", token, "4", testNow, "InvalidParameterValue.BizTokenIllegal", `RuleId "3", not "4"`},
		{"within 3 days", token, "3", testNow.Add(71 * time.Hour), "", ""},
		{"expired", token, "3", testNow.Add(73 * time.Hour), "InvalidParameterValue.BizTokenExpired", "72h"},
	} {
		clk.Set(tt.at)
		code, msg := get(tt.token, tt.rule)
		if code != tt.code || !strings.Contains(msg, tt.mention) {
			t.Errorf("%s: got %s %q, want %s containing %q", tt.name, code, msg, tt.code, tt.mention)
		}
	}
	clk.Set(testNow)
	// The Url of DetectAuth is served.
	resp, err := s.Client().Get(s.URL + "/verify?BizToken=" + token)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(page, []byte(token)) {
		t.Errorf("verify page: %d %s", resp.StatusCode, page)
	}
	// Reset forgets the tokens.
	s.Reset()
	if code, _ := get(token, "3"); code != "InvalidParameterValue.BizTokenIllegal" {
		t.Errorf("after Reset: %s", code)
	}
}

func TestInjectedFaults(t *testing.T) {
	s := newTestServer(t, Options{})
	liveCode := func() (string, string) { return apiErr(callAPI(t, s, "GetLiveCode", `{}`)) }

	t.Run("error code", func(t *testing.T) {
		s.InjectError("GetLiveCode", "RequestLimitExceeded", 2)
		s.InjectError("", "InternalError", 1)
		var got []string
		for i := 0; i < 3; i++ {
			code, _ := liveCode()
			got = append(got, code)
		}
		code, _ := apiErr(callAPI(t, s, "GetActionSequence", `{}`))
		got = append(got, code)
		code, _ = liveCode()
		got = append(got, code)
		if diff := cmp.Diff([]string{"RequestLimitExceeded", "RequestLimitExceeded", "InternalError", "", ""}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		// A bad signature does not consume an injected error.
		s.InjectError("", "InternalError", 1)
		bad := tc3Request(t, s, "GetLiveCode", `{}`)
		sign(t, bad, DefaultCredentials, testNow.Unix()-3600)
		if code, _ := apiErr(do(t, s, bad)); code != "AuthFailure.SignatureExpire" {
			t.Errorf("bad signature: %s", code)
		}
		if code, msg := liveCode(); code != "InternalError" || msg != "内部错误。" {
			t.Errorf("injected: %s %q", code, msg)
		}
	})

	t.Run("HTTP status", func(t *testing.T) {
		s.InjectHTTPStatus("GetLiveCode", http.StatusBadGateway, "", 1)
		s.InjectHTTPStatus("", http.StatusTooManyRequests, `{"message":"slow down"}`, 1)
		for _, want := range []struct {
			status      int
			ctype, body string
			retryAfter  string
		}{
			{502, "text/html; charset=utf-8", "502 Bad Gateway", ""},
			{429, "application/json", "slow down", "1"},
			{200, "application/json", "LiveCode", ""},
		} {
			resp, err := s.Client().Do(sign(t, tc3Request(t, s, "GetLiveCode", `{}`), DefaultCredentials, testNow.Unix()))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != want.status || resp.Header.Get("Content-Type") != want.ctype || !bytes.Contains(body, []byte(want.body)) || resp.Header.Get("Retry-After") != want.retryAfter {
				t.Errorf("got %d %q Retry-After %q %s, want %+v", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Retry-After"), body, want)
			}
		}
	})

	t.Run("latency", func(t *testing.T) {
		s.SetLatency(300 * time.Millisecond)
		defer s.SetLatency(0)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		req := sign(t, tc3Request(t, s, "GetLiveCode", `{}`), DefaultCredentials, testNow.Unix()).WithContext(ctx)
		if _, err := s.Client().Do(req); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("with a 50ms deadline: %v", err)
		}
		start := time.Now()
		mustOK(t, callAPI(t, s, "GetLiveCode", `{}`))
		if d := time.Since(start); d < 300*time.Millisecond {
			t.Errorf("answered after %s", d)
		}
	})

	t.Run("dropped connection", func(t *testing.T) {
		s.DropConnections(1)
		_, err := s.Client().Do(sign(t, tc3Request(t, s, "GetLiveCode", `{}`), DefaultCredentials, testNow.Unix()))
		if err == nil || !(errors.Is(err, io.EOF) || strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "reset")) {
			t.Errorf("dropped: %v", err)
		}
		mustOK(t, callAPI(t, s, "GetLiveCode", `{}`))
		recs := s.Requests()
		if r := recs[len(recs)-2]; !r.Dropped || r.HTTPStatus != 0 {
			t.Errorf("record of the dropped call: %+v", r)
		}
	})

	t.Run("unknown action panics", func(t *testing.T) {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "not an action the stand-in implements") {
				t.Errorf("recover() = %v", r)
			}
		}()
		s.InjectError("GetLivecode", "InternalError", 1)
	})
}

func TestRequestsRecordedWithoutSecrets(t *testing.T) {
	temp := tc3.Credentials{SecretID: "AKIDtemporary0000000000000000000000", SecretKey: "temporarySecretKey000000000000", Token: "tokenEXAMPLE0123456789"}
	var logs bytes.Buffer
	s := newTestServer(t, Options{Credentials: []tc3.Credentials{temp}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ts := testNow.Unix()

	tc3Req := sign(t, tc3Request(t, s, "ImageRecognition", jsonBody(t, validBodies("")["ImageRecognition"])), temp, ts)
	authValue := tc3Req.Header.Get("Authorization")
	mustOK(t, do(t, s, tc3Req))
	v1Get := v1Request(t, s, http.MethodGet, tc3.HmacSHA256, "GetLiveCode", nil, temp, ts)
	v1Sig := v1Get.URL.Query().Get("Signature")
	mustOK(t, do(t, s, v1Get))
	v1Post := v1Request(t, s, http.MethodPost, tc3.HmacSHA1, "GetActionSequence", nil, temp, ts)
	mustOK(t, do(t, s, v1Post))
	bad := tc3Request(t, s, "GetLiveCode", `{}`)
	sign(t, bad, temp, ts-3600)
	do(t, s, bad)

	recs := s.Requests()
	type summary struct {
		Action, SignatureMethod, SecretID, Method, ErrorCode, Result string
		Timestamp                                                    int64
		HTTPStatus                                                   int
	}
	var got []summary
	for _, r := range recs {
		got = append(got, summary{r.Action, r.SignatureMethod, r.SecretID, r.Method, r.ErrorCode, r.Result, r.Timestamp, r.HTTPStatus})
		if r.RequestID == "" || r.Time != testNow {
			t.Errorf("RequestID %q Time %v", r.RequestID, r.Time)
		}
	}
	want := []summary{
		{"ImageRecognition", "TC3-HMAC-SHA256", temp.SecretID, "POST", "", "Success", ts, 200},
		{"GetLiveCode", "HmacSHA256", temp.SecretID, "GET", "", "", ts, 200},
		{"GetActionSequence", "HmacSHA1", temp.SecretID, "POST", "", "", ts, 200},
		{"GetLiveCode", "TC3-HMAC-SHA256", temp.SecretID, "POST", "AuthFailure.SignatureExpire", "", ts - 3600, 200},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Requests (-want +got):\n%s", diff)
	}
	if !bytes.Contains(recs[0].Body, []byte(`"ImageBase64"`)) || recs[0].Header.Get("X-TC-Action") != "ImageRecognition" {
		t.Errorf("TC3 body or header not recorded: %s %v", recs[0].Body, recs[0].Header)
	}
	dump := fmt.Sprintf("%+v", recs) + logs.String()
	for name, secret := range map[string]string{
		"SecretKey": temp.SecretKey, "Token": temp.Token, "Authorization": authValue,
		"v1 Signature": v1Sig, "escaped v1 Signature": tc3.Escape(v1Sig), "signature hex": authValue[len(authValue)-64:],
	} {
		if strings.Contains(dump, secret) {
			t.Errorf("Requests() or the log contain the %s", name)
		}
	}
	for _, s := range []string{"Token=[redacted]", "Signature=[redacted]"} {
		if !strings.Contains(dump, s) {
			t.Errorf("no %s in the records", s)
		}
	}
	if strings.Contains(logs.String(), "ImageBase64") || !strings.Contains(logs.String(), "error_code=AuthFailure.SignatureExpire") {
		t.Errorf("log: %s", logs.String())
	}
}

func TestConcurrentUse(t *testing.T) {
	s := newTestServer(t, Options{})
	done := make(chan struct{})
	for i := 0; i < 8; i++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := 0; j < 10; j++ {
				callAPI(t, s, "GetLiveCode", `{}`)
				s.Requests()
			}
		}()
	}
	for i := 0; i < 8; i++ {
		<-done
	}
	if n := len(s.Requests()); n != 80 {
		t.Errorf("%d requests recorded, want 80", n)
	}
}

// The handler holds real key pairs under tc3sign serve: formatting it or
// its Server shows SecretIds only.
func TestHandlerFormatRedacts(t *testing.T) {
	cred := tc3.Credentials{SecretID: "AKIDFORMAT", SecretKey: "FORMATSECRETKEYdoNotPrint", Token: "FORMATTOKENdoNotPrint"}
	s := NewServer(Options{Credentials: []tc3.Credentials{cred}})
	defer s.Close()
	var out string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
		out += fmt.Sprintf(verb+"\n", s.Handler) + fmt.Sprintf(verb+"\n", s) + fmt.Sprintf(verb+"\n", *s)
	}
	if strings.Contains(out, cred.SecretKey) || strings.Contains(out, cred.Token) {
		t.Errorf("formatted handler reveals a secret:\n%s", out)
	}
	if !strings.Contains(out, "AKIDFORMAT") {
		t.Errorf("formatted handler lost the SecretId:\n%s", out)
	}
}
