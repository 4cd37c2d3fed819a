package faceid

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mediaComparer compares Media by content, so decoded base64 equals the raw bytes it came from.
var mediaComparer = cmp.Comparer(func(a, b Media) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	x, errA := a.Base64()
	y, errB := b.Base64()
	return errA == nil && errB == nil && x == y
})

// fullRequests returns one Request of each type with every field set, nested ones included.
func fullRequests() []Request {
	enc := &Encryption{EncryptList: []string{"Name", "IdCard"}, CiphertextBlob: "blob", Iv: "0123456789abcdef", Algorithm: AlgorithmAES256CBC, TagList: []string{"t"}}
	img := MediaBytes([]byte("\xff\xd8\xff\xe0 jpeg"))
	vid := MediaBytes([]byte("\x00\x00\x00\x18ftypmp42"))
	return []Request{
		&DetectAuthRequest{
			RuleId: "1", TerminalType: Ptr("H5"), IdCard: Ptr("enc-idcard"), Name: Ptr("enc-name"),
			RedirectUrl: Ptr("https://example.com/cb?a=1&b=<2>"), Extra: Ptr("order-42"), ImageBase64: img,
			Encryption: enc, IntentionVerifyText: Ptr("我同意"),
			IntentionQuestions: []IntentionQuestion{{Question: "您是否同意?", Answers: []string{"同意", "是"}}},
			IntentionActions:   []IntentionActionConfig{{Text: "请点头确认"}},
			Config:             &RuleIdConfig{IntentionRecognition: Ptr(false), IntentionType: Ptr(int64(0)), MouthOpenRecognition: Ptr(true), Speed: Ptr(uint64(0))},
		},
		&GetDetectInfoRequest{BizToken: "CE661F1A-0F1E-45BD-BE13-34C05CEA7681", RuleId: "0", InfoType: Ptr("134")},
		&GetDetectInfoEnhancedRequest{
			BizToken: "CE661F1A-0F1E-45BD-BE13-34C05CEA7681", RuleId: "0", InfoType: Ptr("0"),
			BestFramesCount: Ptr(uint64(2)), IsCutIdCardImage: Ptr(true), IsNeedIdCardAvatar: Ptr(true),
			IsEncrypt: Ptr(false), Encryption: &Encryption{Algorithm: AlgorithmSM4GCM},
			IsEncryptResponse: Ptr(false), IsReturnAllVideo: Ptr(false),
		},
		&GetActionSequenceRequest{ActionType: Ptr("")},
		&GetLiveCodeRequest{},
		&ImageRecognitionRequest{IdCard: "enc-idcard", Name: "enc-name", ImageBase64: img, Optional: Ptr(""), Encryption: enc},
		&LivenessCompareRequest{
			LivenessType: LivenessLip, ImageBase64: img, ImageUrl: Ptr("https://example.com/a.jpg"),
			ValidateData: Ptr("4392"), Optional: &LivenessOptional{BestFrameNum: 2},
			VideoBase64: vid, VideoUrl: Ptr("https://example.com/v.mp4"),
		},
		&LivenessRecognitionRequest{
			IdCard: "enc-idcard", Name: "enc-name", LivenessType: LivenessAction, VideoBase64: vid,
			VideoUrl: Ptr("https://example.com/v.mp4"), ValidateData: Ptr("2,1"),
			Optional: &LivenessOptional{BestFrameNum: 10}, Encryption: enc,
		},
	}
}

// docRequestKeys lists each Request's JSON names from the action's Tencent page, in the
// page's order; nested objects are listed under "<Field>.". (TestStructsMatchSchema holds
// every action of the table against schema.json; these pin the first eight by hand.)
var docRequestKeys = map[string][]string{
	"DetectAuth": {"RuleId", "TerminalType", "IdCard", "Name", "RedirectUrl", "Extra", "ImageBase64", "Encryption", "IntentionVerifyText", "IntentionQuestions", "IntentionActions", "Config",
		"Encryption.EncryptList", "Encryption.CiphertextBlob", "Encryption.Iv", "Encryption.Algorithm", "Encryption.TagList",
		"IntentionQuestions.Question", "IntentionQuestions.Answers", "IntentionActions.Text",
		"Config.IntentionRecognition", "Config.IntentionType", "Config.MouthOpenRecognition", "Config.Speed"},
	"GetDetectInfo":         {"BizToken", "RuleId", "InfoType"},
	"GetDetectInfoEnhanced": {"BizToken", "RuleId", "InfoType", "BestFramesCount", "IsCutIdCardImage", "IsNeedIdCardAvatar", "IsEncrypt", "Encryption", "IsEncryptResponse", "IsReturnAllVideo", "Encryption.Algorithm"},
	"GetActionSequence":     {"ActionType"},
	"GetLiveCode":           nil,
	"ImageRecognition": {"IdCard", "Name", "ImageBase64", "Optional", "Encryption",
		"Encryption.EncryptList", "Encryption.CiphertextBlob", "Encryption.Iv", "Encryption.Algorithm", "Encryption.TagList"},
	"LivenessCompare": {"LivenessType", "ImageBase64", "ImageUrl", "ValidateData", "Optional", "VideoBase64", "VideoUrl"},
	"LivenessRecognition": {"IdCard", "Name", "LivenessType", "VideoBase64", "VideoUrl", "ValidateData", "Optional", "Encryption",
		"Encryption.EncryptList", "Encryption.CiphertextBlob", "Encryption.Iv", "Encryption.Algorithm", "Encryption.TagList"},
}

// jsonKeys returns the sorted key paths of a decoded JSON object, one level of nesting deep
// (array elements are merged under the array's name).
func jsonKeys(t *testing.T, body []byte) []string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, body)
	}
	set := map[string]bool{}
	for k, v := range m {
		set[k] = true
		var objs []map[string]any
		switch v := v.(type) {
		case map[string]any:
			objs = append(objs, v)
		case []any:
			for _, e := range v {
				if o, ok := e.(map[string]any); ok {
					objs = append(objs, o)
				}
			}
		}
		for _, o := range objs {
			for k2 := range o {
				set[k+"."+k2] = true
			}
		}
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}

// TestRequestJSONNames checks every Request field's JSON name against the pages, and that each
// fully set Request survives a marshal/unmarshal round trip.
func TestRequestJSONNames(t *testing.T) {
	for _, req := range fullRequests() {
		t.Run(req.Action(), func(t *testing.T) {
			if err := req.Validate(); err != nil {
				t.Fatalf("the full Request does not validate: %v", err)
			}
			body, err := json.Marshal(req)
			if err != nil {
				t.Fatal(err)
			}
			want, ok := docRequestKeys[req.Action()]
			if !ok {
				t.Fatalf("no documented keys for %s", req.Action())
			}
			if diff := cmp.Diff(sorted(want), jsonKeys(t, body)); diff != "" {
				t.Errorf("JSON names (-documented +got):\n%s", diff)
			}

			// Round trip through the default decoder (how a test server reads bodies).
			back := newLike(req)
			if err := json.Unmarshal(body, back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(req, back, mediaComparer); diff != "" {
				t.Errorf("round trip (-sent +decoded):\n%s", diff)
			}
		})
	}
}

// newLike returns a new zero Request of req's type.
func newLike(req Request) Request {
	switch req.(type) {
	case *DetectAuthRequest:
		return &DetectAuthRequest{}
	case *GetDetectInfoRequest:
		return &GetDetectInfoRequest{}
	case *GetDetectInfoEnhancedRequest:
		return &GetDetectInfoEnhancedRequest{}
	case *GetActionSequenceRequest:
		return &GetActionSequenceRequest{}
	case *GetLiveCodeRequest:
		return &GetLiveCodeRequest{}
	case *ImageRecognitionRequest:
		return &ImageRecognitionRequest{}
	case *LivenessCompareRequest:
		return &LivenessCompareRequest{}
	case *LivenessRecognitionRequest:
		return &LivenessRecognitionRequest{}
	}
	panic("unknown Request type")
}

// TestRequestBodyBytes pins exact bodies: the wire body tencentcloud-sdk-go sends
// (pointers to "" are sent, &<> escaped like the SDK), GetLiveCode's {} and Optional's
// JSON-in-a-string.
func TestRequestBodyBytes(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{
			"DetectAuth as the SDK sends it",
			&DetectAuthRequest{RuleId: "1", IdCard: Ptr("11010119900101001X"), Name: Ptr("张三"), RedirectUrl: Ptr("https://example.com/cb?a=1&b=<2>"), Extra: Ptr("")},
			`{"RuleId":"1","IdCard":"11010119900101001X","Name":"张三","RedirectUrl":"https://example.com/cb?a=1\u0026b=\u003c2\u003e","Extra":""}`,
		},
		{"GetDetectInfo derived vector payload", &DetectAuthRequest{RuleId: "0"}, `{"RuleId":"0"}`},
		{"GetLiveCode", &GetLiveCodeRequest{}, `{}`},
		{"GetActionSequence empty", &GetActionSequenceRequest{}, `{}`},
		{
			"LivenessCompare Optional",
			&LivenessCompareRequest{LivenessType: LivenessSilent, ImageUrl: Ptr("https://e.com/a.jpg"), VideoBase64: MediaBytes([]byte("abc")), Optional: &LivenessOptional{BestFrameNum: 2}},
			`{"LivenessType":"SILENT","ImageUrl":"https://e.com/a.jpg","Optional":"{\"BestFrameNum\":2}","VideoBase64":"YWJj"}`,
		},
		{
			"false and 0 are sent when set",
			&GetDetectInfoEnhancedRequest{BizToken: "b", RuleId: "r", BestFramesCount: Ptr(uint64(0)), IsEncrypt: Ptr(false)},
			`{"BizToken":"b","RuleId":"r","BestFramesCount":0,"IsEncrypt":false}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeBody(tt.req, bodyLimitTC3)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
			viaJSON, err := json.Marshal(tt.req)
			if err != nil || string(viaJSON) != tt.want {
				t.Errorf("json.Marshal = %s, %v; want the same body", viaJSON, err)
			}
		})
	}
}

func TestLivenessOptionalUnmarshal(t *testing.T) {
	var req LivenessCompareRequest
	if err := json.Unmarshal([]byte(`{"Optional":"{\"BestFrameNum\": 3}"}`), &req); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&LivenessOptional{BestFrameNum: 3}, req.Optional); diff != "" {
		t.Errorf("Optional (-want +got):\n%s", diff)
	}
	for _, in := range []string{`{"Optional":{"BestFrameNum":3}}`, `{"Optional":"nope"}`} {
		if err := json.Unmarshal([]byte(in), &req); err == nil {
			t.Errorf("Unmarshal(%s): want an error", in)
		}
	}
}

// fieldErrors returns the errors of a Validate error keyed by "Request.Field" ("?" for one
// that is not a *FieldError), several on one field joined by line breaks, in order.
func fieldErrors(err error) map[string]string {
	out := map[string]string{}
	var walk func(error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		k, msg := "?", err.Error()
		var fe *FieldError
		if errors.As(err, &fe) {
			k, msg = fe.Request+"."+fe.Field, fe.Error()
		}
		if out[k] != "" {
			out[k] += "\n" // a second error on the same field, in order
		}
		out[k] += msg
	}
	walk(err)
	return out
}

// TestValidateRequired drops each required field (tccli api.json `required`, and the
// one-of rules) from a valid Request and checks the error names it and says how to fix it.
func TestValidateRequired(t *testing.T) {
	tests := []struct {
		name  string
		req   Request
		field string
		want  string
	}{
		{"DetectAuth RuleId", &DetectAuthRequest{}, "DetectAuthRequest.RuleId",
			"faceid: DetectAuthRequest.RuleId is required: set it to the RuleId from the FaceID console"},
		{"GetDetectInfo BizToken", &GetDetectInfoRequest{RuleId: "0"}, "GetDetectInfoRequest.BizToken",
			"faceid: GetDetectInfoRequest.BizToken is required: set it to DetectAuthResponse.BizToken"},
		{"GetDetectInfo RuleId", &GetDetectInfoRequest{BizToken: "t"}, "GetDetectInfoRequest.RuleId",
			"faceid: GetDetectInfoRequest.RuleId is required: set it to the RuleId the BizToken was created with"},
		{"GetDetectInfoEnhanced BizToken", &GetDetectInfoEnhancedRequest{RuleId: "0"}, "GetDetectInfoEnhancedRequest.BizToken",
			"faceid: GetDetectInfoEnhancedRequest.BizToken is required: set it to DetectAuthResponse.BizToken"},
		{"GetDetectInfoEnhanced RuleId", &GetDetectInfoEnhancedRequest{BizToken: "t"}, "GetDetectInfoEnhancedRequest.RuleId",
			"faceid: GetDetectInfoEnhancedRequest.RuleId is required: set it to the RuleId the BizToken was created with"},
		{"ImageRecognition IdCard", &ImageRecognitionRequest{Name: "n", ImageBase64: MediaBytes([]byte{1})}, "ImageRecognitionRequest.IdCard",
			"faceid: ImageRecognitionRequest.IdCard is required: set it to the person's ID-card number"},
		{"ImageRecognition Name", &ImageRecognitionRequest{IdCard: "1", ImageBase64: MediaBytes([]byte{1})}, "ImageRecognitionRequest.Name",
			"faceid: ImageRecognitionRequest.Name is required: set it to the person's name"},
		{"ImageRecognition ImageBase64", &ImageRecognitionRequest{IdCard: "1", Name: "n"}, "ImageRecognitionRequest.ImageBase64",
			"faceid: ImageRecognitionRequest.ImageBase64 is required: set it with MediaBytes, MediaReader or MediaBase64"},
		{"LivenessCompare LivenessType", &LivenessCompareRequest{ImageUrl: Ptr("https://e.com/a"), VideoUrl: Ptr("https://e.com/v")}, "LivenessCompareRequest.LivenessType",
			"faceid: LivenessCompareRequest.LivenessType is required: set it to LivenessLip, LivenessAction or LivenessSilent"},
		{"LivenessCompare image", &LivenessCompareRequest{LivenessType: LivenessSilent, VideoUrl: Ptr("https://e.com/v")}, "LivenessCompareRequest.ImageBase64",
			"faceid: LivenessCompareRequest.ImageBase64 is required: set ImageBase64 (MediaBytes, MediaReader or MediaBase64) or ImageUrl"},
		{"LivenessCompare video", &LivenessCompareRequest{LivenessType: LivenessSilent, ImageUrl: Ptr("https://e.com/a")}, "LivenessCompareRequest.VideoBase64",
			"faceid: LivenessCompareRequest.VideoBase64 is required: set VideoBase64 (MediaBytes, MediaReader or MediaBase64) or VideoUrl"},
		{"LivenessRecognition IdCard", &LivenessRecognitionRequest{Name: "n", LivenessType: LivenessSilent, VideoUrl: Ptr("https://e.com/v")}, "LivenessRecognitionRequest.IdCard",
			"faceid: LivenessRecognitionRequest.IdCard is required: set it to the person's ID-card number"},
		{"LivenessRecognition Name", &LivenessRecognitionRequest{IdCard: "1", LivenessType: LivenessSilent, VideoUrl: Ptr("https://e.com/v")}, "LivenessRecognitionRequest.Name",
			"faceid: LivenessRecognitionRequest.Name is required: set it to the person's name"},
		{"LivenessRecognition LivenessType", &LivenessRecognitionRequest{IdCard: "1", Name: "n", VideoUrl: Ptr("https://e.com/v")}, "LivenessRecognitionRequest.LivenessType",
			"faceid: LivenessRecognitionRequest.LivenessType is required: set it to LivenessLip, LivenessAction or LivenessSilent"},
		{"LivenessRecognition video", &LivenessRecognitionRequest{IdCard: "1", Name: "n", LivenessType: LivenessSilent}, "LivenessRecognitionRequest.VideoBase64",
			"faceid: LivenessRecognitionRequest.VideoBase64 is required: set VideoBase64 (MediaBytes, MediaReader or MediaBase64) or VideoUrl"},
		{"LIP needs ValidateData", &LivenessCompareRequest{LivenessType: LivenessLip, ImageUrl: Ptr("https://e.com/a"), VideoUrl: Ptr("https://e.com/v")}, "LivenessCompareRequest.ValidateData",
			"faceid: LivenessCompareRequest.ValidateData is required with LivenessType LIP: set it to the LiveCode from GetLiveCode"},
		{"ACTION needs ValidateData", &LivenessRecognitionRequest{IdCard: "1", Name: "n", LivenessType: LivenessAction, VideoUrl: Ptr("https://e.com/v")}, "LivenessRecognitionRequest.ValidateData",
			"faceid: LivenessRecognitionRequest.ValidateData is required with LivenessType ACTION: set it to the ActionSequence from GetActionSequence"},
		{"Encryption keys", &ImageRecognitionRequest{IdCard: "1", Name: "n", ImageBase64: MediaBytes([]byte{1}), Encryption: &Encryption{EncryptList: []string{"Name"}, Iv: "0123456789abcdef"}}, "ImageRecognitionRequest.Encryption.CiphertextBlob",
			"faceid: ImageRecognitionRequest.Encryption.CiphertextBlob is required: set it to the encrypted symmetric key"},
		{"IntentionQuestion Answers", &DetectAuthRequest{RuleId: "1", IntentionQuestions: []IntentionQuestion{{Question: "q"}}}, "DetectAuthRequest.IntentionQuestions[0].Answers",
			"faceid: DetectAuthRequest.IntentionQuestions[0].Answers is required: list the accepted answers"},
		{"IntentionAction Text", &DetectAuthRequest{RuleId: "1", IntentionActions: []IntentionActionConfig{{}}}, "DetectAuthRequest.IntentionActions[0].Text",
			"faceid: DetectAuthRequest.IntentionActions[0].Text is required: set the text shown to the user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := fieldErrors(tt.req.Validate())
			if diff := cmp.Diff(map[string]string{tt.field: tt.want}, errs); diff != "" {
				t.Errorf("Validate errors (-want +got):\n%s", diff)
			}
		})
	}
	for _, req := range []Request{(*DetectAuthRequest)(nil), (*GetDetectInfoRequest)(nil), (*GetDetectInfoEnhancedRequest)(nil), (*ImageRecognitionRequest)(nil), (*LivenessCompareRequest)(nil), (*LivenessRecognitionRequest)(nil)} {
		if err := req.Validate(); err == nil || !strings.HasPrefix(err.Error(), "faceid: ") {
			t.Errorf("%T(nil).Validate() = %v, want a faceid error", req, err)
		}
	}
}

// TestValidateRules covers the conditional and range rules of the action pages.
func TestValidateRules(t *testing.T) {
	okVideo := func(r *LivenessCompareRequest) *LivenessCompareRequest {
		if r.ImageBase64.IsZero() && r.ImageUrl == nil {
			r.ImageUrl = Ptr("https://e.com/a.jpg")
		}
		if r.VideoBase64.IsZero() && r.VideoUrl == nil {
			r.VideoUrl = Ptr("https://e.com/v.mp4")
		}
		return r
	}
	tests := []struct {
		name      string
		req       Request
		wantField string // "" = valid
		wantText  string
	}{
		{"IdCard lower-case x", &DetectAuthRequest{RuleId: "1", IdCard: Ptr("11010119900101001x")}, "DetectAuthRequest.IdCard", "must be upper-case X"},
		{"IdCard x allowed when encrypted", &DetectAuthRequest{RuleId: "1", IdCard: Ptr("xx=="), Encryption: &Encryption{EncryptList: []string{"IdCard"}, CiphertextBlob: "b", Iv: "i"}}, "", ""},
		{"ImageRecognition lower-case x", &ImageRecognitionRequest{IdCard: "1x", Name: "n", ImageBase64: MediaBytes([]byte{1})}, "ImageRecognitionRequest.IdCard", "upper-case X"},
		{"Name 32 chars ok", &DetectAuthRequest{RuleId: "1", Name: Ptr(strings.Repeat("韦", 32))}, "", ""},
		{"Name 33 chars", &DetectAuthRequest{RuleId: "1", Name: Ptr(strings.Repeat("韦", 33))}, "DetectAuthRequest.Name", "is 33 characters, over the 32-character limit"},
		{"Extra 1025", &DetectAuthRequest{RuleId: "1", Extra: Ptr(strings.Repeat("e", 1025))}, "DetectAuthRequest.Extra", "over the 1024-character limit"},
		{"RedirectUrl 1025", &DetectAuthRequest{RuleId: "1", RedirectUrl: Ptr(strings.Repeat("u", 1025))}, "DetectAuthRequest.RedirectUrl", "over the 1024-character limit"},
		{"IntentionVerifyText 121", &DetectAuthRequest{RuleId: "1", IntentionVerifyText: Ptr(strings.Repeat("字", 121))}, "DetectAuthRequest.IntentionVerifyText", "over the 120-character limit"},
		{"11 questions", &DetectAuthRequest{RuleId: "1", IntentionQuestions: make11Questions()}, "DetectAuthRequest.IntentionQuestions", "has 11 rounds"},
		{"answer too long", &DetectAuthRequest{RuleId: "1", IntentionQuestions: []IntentionQuestion{{Question: "q", Answers: []string{"12345678901"}}}}, "DetectAuthRequest.IntentionQuestions[0].Answers[0]", "over the 10-character limit"},
		{"Config IntentionType 2", &DetectAuthRequest{RuleId: "1", Config: &RuleIdConfig{IntentionType: Ptr(int64(2))}}, "DetectAuthRequest.Config.IntentionType", "use 0 (Q&A) or 1 (nod)"},
		{"Config Speed 4", &DetectAuthRequest{RuleId: "1", Config: &RuleIdConfig{Speed: Ptr(uint64(4))}}, "DetectAuthRequest.Config.Speed", "use 0 (auto) to 3"},
		{"DetectAuth photo 3M ok", &DetectAuthRequest{RuleId: "1", ImageBase64: MediaBytes(make([]byte, 2_250_000))}, "", ""},
		{"DetectAuth photo 3 MiB ok", &DetectAuthRequest{RuleId: "1", ImageBase64: MediaBytes(make([]byte, 2_359_296))}, "", ""},
		{"DetectAuth photo over 3M", &DetectAuthRequest{RuleId: "1", ImageBase64: MediaBytes(make([]byte, 2_359_297))}, "DetectAuthRequest.ImageBase64",
			"faceid: DetectAuthRequest.ImageBase64 is 3145732 bytes after base64 encoding, over the 3145728-byte limit (\"3M\" in the Tencent docs); shrink or recompress the photo"},
		{"LivenessCompare video over 8M", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, VideoBase64: MediaBytes(make([]byte, 6_291_457))}), "LivenessCompareRequest.VideoBase64",
			"faceid: LivenessCompareRequest.VideoBase64 is 8388612 bytes after base64 encoding, over the 8388608-byte limit (\"8M\" in the Tencent docs); send the video through VideoUrl instead, or shrink or recompress the video"},
		{"set but empty media", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: MediaBytes(nil)}), "LivenessCompareRequest.ImageBase64", "is set but empty"},
		{"SILENT with ValidateData", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, ValidateData: Ptr("1,2")}), "LivenessCompareRequest.ValidateData", "must be empty with LivenessType SILENT"},
		{"SILENT with empty ValidateData", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, ValidateData: Ptr("")}), "", ""},
		{"unknown LivenessType", okVideo(&LivenessCompareRequest{LivenessType: "silent"}), "LivenessCompareRequest.LivenessType", `is "silent": use LIP, ACTION or SILENT`},
		{"bad VideoUrl", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, VideoUrl: Ptr("/tmp/v.mp4")}), "LivenessCompareRequest.VideoUrl", "absolute http or https URL"},
		{"both image forms allowed", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: MediaBytes([]byte{1}), ImageUrl: Ptr("https://e.com/a.jpg")}), "", ""},
		{"BestFrameNum 1", okVideo(&LivenessCompareRequest{LivenessType: LivenessSilent, Optional: &LivenessOptional{BestFrameNum: 1}}), "LivenessCompareRequest.Optional.BestFrameNum", "use 2 to 10"},
		{"BestFrameNum 11", &LivenessRecognitionRequest{IdCard: "1", Name: "n", LivenessType: LivenessSilent, VideoUrl: Ptr("https://e.com/v"), Optional: &LivenessOptional{BestFrameNum: 11}}, "LivenessRecognitionRequest.Optional.BestFrameNum", "use 2 to 10"},
		{"InfoType digit 5 on GetDetectInfo", &GetDetectInfoRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("15")}, "GetDetectInfoRequest.InfoType", `is "15": use digits 0 to 4`},
		{"InfoType 5 on Enhanced", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("156")}, "", ""},
		{"InfoType empty string", &GetDetectInfoRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("")}, "GetDetectInfoRequest.InfoType", "is empty"},
		{"BestFramesCount needs 3", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("1"), BestFramesCount: Ptr(uint64(2))}, "GetDetectInfoEnhancedRequest.BestFramesCount", "needs InfoType to include 3"},
		{"BestFramesCount with default InfoType", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", BestFramesCount: Ptr(uint64(2))}, "", ""},
		{"BestFramesCount 11", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("3"), BestFramesCount: Ptr(uint64(11))}, "GetDetectInfoEnhancedRequest.BestFramesCount", "use 0 to 10"},
		{"IsCutIdCardImage needs 2", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("13"), IsCutIdCardImage: Ptr(true)}, "GetDetectInfoEnhancedRequest.IsCutIdCardImage", "needs InfoType to include 2"},
		{"IsNeedIdCardAvatar needs 2", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", InfoType: Ptr("1"), IsNeedIdCardAvatar: Ptr(true)}, "GetDetectInfoEnhancedRequest.IsNeedIdCardAvatar", "needs InfoType to include 2"},
		{"Enhanced Encryption needs only Algorithm", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", Encryption: &Encryption{Algorithm: AlgorithmAES256CBC}}, "", ""},
		{"unknown Algorithm", &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "0", Encryption: &Encryption{Algorithm: "AES-128-ECB"}}, "GetDetectInfoEnhancedRequest.Encryption.Algorithm", `use "AES-256-CBC" (the default) or "SM4-GCM"`},
		{"GetActionSequence anything", &GetActionSequenceRequest{}, "", ""},
		{"GetLiveCode", &GetLiveCodeRequest{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := fieldErrors(tt.req.Validate())
			if tt.wantField == "" {
				if len(errs) != 0 {
					t.Fatalf("Validate() = %v, want nil", errs)
				}
				return
			}
			msg, ok := errs[tt.wantField]
			if !ok || len(errs) != 1 {
				t.Fatalf("Validate() = %v, want exactly one error on %s", errs, tt.wantField)
			}
			if !strings.Contains(msg, tt.wantText) || !strings.HasPrefix(msg, "faceid: "+tt.wantField+" ") {
				t.Errorf("error %q\nwant prefix %q and text %q", msg, "faceid: "+tt.wantField, tt.wantText)
			}
		})
	}
}

func make11Questions() []IntentionQuestion {
	qs := make([]IntentionQuestion, 11)
	for i := range qs {
		qs[i] = IntentionQuestion{Question: "q", Answers: []string{"a"}}
	}
	return qs
}

// TestValidateJoinsErrors reports every broken rule at once.
func TestValidateJoinsErrors(t *testing.T) {
	err := (&LivenessRecognitionRequest{LivenessType: LivenessLip}).Validate()
	got := fieldErrors(err)
	want := []string{"LivenessRecognitionRequest.IdCard", "LivenessRecognitionRequest.Name", "LivenessRecognitionRequest.ValidateData", "LivenessRecognitionRequest.VideoBase64"}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	if diff := cmp.Diff(want, sorted(keys)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "IdCard" {
		t.Errorf("errors.As gives %+v, want the first error (IdCard)", fe)
	}
}

// docResponseKeys lists the response and nested out-type JSON names of the action pages.
var docResponseKeys = map[string][]string{
	"DetectAuthResponse":            {"Url", "BizToken", "RequestId"},
	"GetDetectInfoResponse":         {"DetectInfo", "RequestId"},
	"GetDetectInfoEnhancedResponse": {"Text", "IdCardData", "BestFrame", "VideoData", "Encryption", "IntentionVerifyData", "IntentionQuestionResult", "IntentionActionResult", "EncryptedBody", "IsVerifyIntention", "IntentionVerifyType", "RequestId"},
	"GetActionSequenceResponse":     {"ActionSequence", "RequestId"},
	"GetLiveCodeResponse":           {"LiveCode", "RequestId"},
	"ImageRecognitionResponse":      {"Sim", "Result", "Description", "RequestId"},
	"LivenessCompareResponse":       {"BestFrameBase64", "Sim", "Result", "Description", "BestFrameList", "RequestId"},
	"LivenessRecognitionResponse":   {"BestFrameBase64", "Sim", "Result", "Description", "BestFrameList", "RequestId"},
	"DetectInfoText": {"ErrCode", "ErrMsg", "IdCard", "UseIDType", "Name", "OcrNation", "OcrAddress", "OcrBirth", "OcrAuthority", "OcrValidDate", "OcrName", "OcrIdCard", "OcrGender", "IdInfoFrom",
		"LiveStatus", "LiveMsg", "Comparestatus", "Comparemsg", "Sim", "Location", "Extra", "LivenessDetail", "LivenessInfoTag", "Mobile", "CompareLibType", "LivenessMode", "NFCRequestIds", "NFCBillingCounts", "PassNo", "VisaNum", "LivenessActionSequence"},
	"DetectDetail":                {"ReqTime", "Seq", "Idcard", "Name", "Sim", "IsNeedCharge", "Errcode", "Errmsg", "Livestatus", "Livemsg", "Comparestatus", "Comparemsg", "CompareLibType", "LivenessMode"},
	"DetectInfoIdCardData":        {"OcrFront", "OcrBack", "ProcessedFrontImage", "ProcessedBackImage", "Avatar", "WarnInfos", "BackWarnInfos"},
	"DetectInfoBestFrame":         {"BestFrame", "BestFrames"},
	"DetectInfoVideoData":         {"LivenessVideo", "LivenessVideos"},
	"VideoDetailData":             {"Seq", "Video"},
	"IntentionVerifyData":         {"IntentionVerifyVideo", "AsrResult", "ErrorCode", "ErrorMessage", "IntentionVerifyBestFrame", "AsrResultSimilarity", "IntentionVerifyAudio"},
	"IntentionQuestionResult":     {"FinalResultDetailCode", "FinalResultMessage", "Video", "ScreenShot", "ResultCode", "AsrResult", "Audios", "FinalResultCode"},
	"IntentionActionResult":       {"FinalResultDetailCode", "FinalResultMessage", "Details"},
	"IntentionActionResultDetail": {"Video", "ScreenShot"},
	// The GetDetectInfo document (https://cloud.tencent.com/document/api/1007/31331).
	"DetectInfo": {"Text", "IdCardData", "BestFrame", "VideoData"},
	"DetectInfoDocText": {"ErrCode", "ErrMsg", "IdCard", "Name", "OcrNation", "OcrAddress", "OcrBirth", "OcrAuthority", "OcrValidDate", "OcrName", "OcrIdCard", "OcrGender",
		"LiveStatus", "LiveMsg", "Comparestatus", "Comparemsg", "Sim", "Location", "Extra", "Detail"},
	"DetectInfoDocDetail":   {"LivenessData"},
	"DetectInfoDocLiveness": {"ErrCode", "ErrMsg", "ReqTime", "IdCard", "Name"},
}

func TestResponseJSONNames(t *testing.T) {
	types := map[string]any{
		"DetectAuthResponse": DetectAuthResponse{}, "GetDetectInfoResponse": GetDetectInfoResponse{},
		"GetDetectInfoEnhancedResponse": GetDetectInfoEnhancedResponse{}, "GetActionSequenceResponse": GetActionSequenceResponse{},
		"GetLiveCodeResponse": GetLiveCodeResponse{}, "ImageRecognitionResponse": ImageRecognitionResponse{},
		"LivenessCompareResponse": LivenessCompareResponse{}, "LivenessRecognitionResponse": LivenessRecognitionResponse{},
		"DetectInfoText": DetectInfoText{}, "DetectDetail": DetectDetail{}, "DetectInfoIdCardData": DetectInfoIdCardData{},
		"DetectInfoBestFrame": DetectInfoBestFrame{}, "DetectInfoVideoData": DetectInfoVideoData{}, "VideoDetailData": VideoDetailData{},
		"IntentionVerifyData": IntentionVerifyData{}, "IntentionQuestionResult": IntentionQuestionResult{},
		"IntentionActionResult": IntentionActionResult{}, "IntentionActionResultDetail": IntentionActionResultDetail{},
		"DetectInfo": DetectInfo{}, "DetectInfoDocText": DetectInfoDocText{}, "DetectInfoDocDetail": DetectInfoDocDetail{},
		"DetectInfoDocLiveness": DetectInfoDocLiveness{},
	}
	if len(types) != len(docResponseKeys) {
		t.Fatalf("%d types for %d documented entries", len(types), len(docResponseKeys))
	}
	for name, v := range types {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		var got []string
		for k := range m {
			got = append(got, k)
		}
		if diff := cmp.Diff(sorted(docResponseKeys[name]), sorted(got)); diff != "" {
			t.Errorf("%s JSON names (-documented +got):\n%s", name, diff)
		}
	}
}

// decodeEnvelope reads a {"Response": {...}} example from testdata/responses.
func decodeEnvelope(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "responses", name))
	if err != nil {
		t.Fatal(err)
	}
	env := struct{ Response any }{Response: v}
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// TestCheck is the business-result trap of the P1 actions: only Result "Success" passes.
func TestCheck(t *testing.T) {
	sim := func(f float64) *float64 { return &f }
	tests := []struct {
		name string
		err  error
		want *VerificationError // nil: passed
		msg  string
	}{
		{"LivenessCompare Success", (&LivenessCompareResponse{Result: "Success", Sim: sim(89.88)}).Check(), nil, ""},
		{"LivenessCompare FailedOperation", (&LivenessCompareResponse{Result: "FailedOperation.SilentDetectFail", Description: "实人检测失败", Sim: sim(0), RequestId: "rid"}).Check(),
			&VerificationError{Action: "LivenessCompare", Result: "FailedOperation.SilentDetectFail", Description: "实人检测失败", RequestId: "rid"},
			"faceid: LivenessCompare: the person did not pass verification: Result FailedOperation.SilentDetectFail (实人检测失败); Sim 0; RequestId rid"},
		{"LivenessCompare empty Result", (&LivenessCompareResponse{Sim: sim(99), RequestId: "rid"}).Check(),
			&VerificationError{Action: "LivenessCompare", RequestId: "rid", Sim: 99},
			`faceid: LivenessCompare: the person did not pass verification: the response carried no Result, which is not "Success"; Sim 99; RequestId rid`},
		{"lower-case success", (&LivenessRecognitionResponse{Result: "success"}).Check(), &VerificationError{Action: "LivenessRecognition", Result: "success"}, ""},
		{"Success with a space", (&ImageRecognitionResponse{Result: "Success "}).Check(), &VerificationError{Action: "ImageRecognition", Result: "Success "}, ""},
		{"unknown Result", (&ImageRecognitionResponse{Result: "0", Sim: sim(100)}).Check(), &VerificationError{Action: "ImageRecognition", Result: "0", Sim: 100}, ""},
		{"nil response", (*LivenessCompareResponse)(nil).Check(), &VerificationError{Action: "LivenessCompare"}, ""},
		{"ImageRecognition nil", (*ImageRecognitionResponse)(nil).Check(), &VerificationError{Action: "ImageRecognition"}, ""},
		{"LivenessRecognition nil", (*LivenessRecognitionResponse)(nil).Check(), &VerificationError{Action: "LivenessRecognition"}, ""},
		{"service-side failure", (&LivenessRecognitionResponse{Result: "FailedOperation.LivessSystemError", Description: "调用活体引擎接口出错。", RequestId: "r2"}).Check(),
			&VerificationError{Action: "LivenessRecognition", Result: "FailedOperation.LivessSystemError", Description: "调用活体引擎接口出错。", RequestId: "r2"},
			"faceid: LivenessRecognition: the person did not pass verification: Result FailedOperation.LivessSystemError (调用活体引擎接口出错。); the verification did not complete on Tencent's side and may be retried (billable); Sim 0; RequestId r2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == nil {
				if tt.err != nil {
					t.Fatalf("Check() = %v, want nil", tt.err)
				}
				return
			}
			var ve *VerificationError
			if !errors.As(tt.err, &ve) {
				t.Fatalf("Check() = %v, want a *VerificationError", tt.err)
			}
			if diff := cmp.Diff(tt.want, ve); diff != "" {
				t.Errorf("VerificationError (-want +got):\n%s", diff)
			}
			if tt.msg != "" && ve.Error() != tt.msg {
				t.Errorf("message\n got %s\nwant %s", ve.Error(), tt.msg)
			}
			if !strings.Contains(ve.Error(), "did not pass") {
				t.Errorf("message %q does not say the person did not pass", ve.Error())
			}
		})
	}
}

// TestCheckExamples runs Check on Tencent's own result examples.
func TestCheckExamples(t *testing.T) {
	tests := []struct {
		file       string
		resp       interface{ Check() error }
		wantResult string // "" = passed
	}{
		{"livenesscompare-silentdetectfail.json", &LivenessCompareResponse{}, "FailedOperation.SilentDetectFail"},
		{"livenesscompare-success.json", &LivenessCompareResponse{}, ""},
		{"livenessrecognition-lipvoicerecognize.json", &LivenessRecognitionResponse{}, "FailedOperation.LipVoiceRecognize"},
		{"imagerecognition-success.json", &ImageRecognitionResponse{}, ""},
		{"imagerecognitionv2-comparelowsimilarity.json", &ImageRecognitionResponse{}, "FailedOperation.CompareLowSimilarity"},
		{"getdetectinfoenhanced-success.json", &GetDetectInfoEnhancedResponse{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			decodeEnvelope(t, tt.file, tt.resp)
			err := tt.resp.Check()
			if tt.wantResult == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				return
			}
			var ve *VerificationError
			if !errors.As(err, &ve) || ve.Result != tt.wantResult || ve.RequestId == "" || ve.Retryable() {
				t.Errorf("Check() = %#v, want a non-retryable VerificationError with Result %s and a RequestId", err, tt.wantResult)
			}
		})
	}
}

func TestGetDetectInfoEnhancedExample(t *testing.T) {
	var r GetDetectInfoEnhancedResponse
	decodeEnvelope(t, "getdetectinfoenhanced-success.json", &r)
	zero, one := int64(0), uint64(1)
	want := &DetectDetail{
		ReqTime: "1730444265275", Seq: "1f330eea-f5db-4726-a7b4-38cdf1aefb02", Idcard: "11204416541220243X", Name: "韦小宝",
		Sim: "95.51", IsNeedCharge: Ptr(true), Errcode: &zero, Errmsg: "成功", Livestatus: &zero, Livemsg: "成功",
		Comparestatus: &zero, Comparemsg: "成功", CompareLibType: "权威库", LivenessMode: &one,
	}
	if r.Text == nil || len(r.Text.LivenessDetail) != 1 {
		t.Fatalf("Text = %+v", r.Text)
	}
	if diff := cmp.Diff(want, &r.Text.LivenessDetail[0]); diff != "" {
		t.Errorf("LivenessDetail[0] (-want +got):\n%s", diff)
	}
	if s, ok := r.Text.Similarity(); !ok || s != 95.51 {
		t.Errorf("Similarity() = %v, %v", s, ok)
	}
	if r.IntentionActionResult != nil || r.IntentionVerifyData == nil || r.IntentionVerifyData.ErrorCode != nil {
		t.Errorf("null handling: IntentionActionResult %v, IntentionVerifyData %+v", r.IntentionActionResult, r.IntentionVerifyData)
	}
	if r.IsVerifyIntention == nil || *r.IsVerifyIntention || len(r.BestFrame.BestFrames) != 4 {
		t.Errorf("IsVerifyIntention %v, BestFrames %d", r.IsVerifyIntention, len(r.BestFrame.BestFrames))
	}
}

func TestGetDetectInfoEnhancedCheck(t *testing.T) {
	code := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		resp *GetDetectInfoEnhancedResponse
		want string // "" = passed
	}{
		{"ErrCode 0", &GetDetectInfoEnhancedResponse{Text: &DetectInfoText{ErrCode: code(0)}}, ""},
		{"ErrCode null", &GetDetectInfoEnhancedResponse{Text: &DetectInfoText{}, RequestId: "r"}, "no verdict: Text.ErrCode is null"},
		{"ErrCode 1001", &GetDetectInfoEnhancedResponse{Text: &DetectInfoText{ErrCode: code(1001), ErrMsg: "调用活体引擎失败", Sim: "12.5"}}, "Result ErrCode 1001 (调用活体引擎失败); Sim 12.5"},
		{"no Text", &GetDetectInfoEnhancedResponse{}, "no verdict: the answer has no Text section"},
		{"nil", nil, "no verdict: no response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.resp.Check()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check() = %v", err)
				}
				return
			}
			var ve *VerificationError
			noVerdict := strings.Contains(tt.want, "no verdict")
			if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "did not pass") == noVerdict || ve.NoVerdict != noVerdict {
				t.Errorf("Check() = %v, want a VerificationError containing %q", err, tt.want)
			}
		})
	}
}

func TestCodeRetryClass(t *testing.T) {
	tests := map[string]RetryClass{
		"FailedOperation.CompareSystemError":           RetryBackoff,
		"FailedOperation.LivessSystemError":            RetryBackoff,
		"FailedOperation.LipNetFailed":                 RetryBackoff,
		"FailedOperation.DownLoadTimeoutError":         RetryBackoff,
		"FailedOperation.IdPhotoSystemNoanswer":        RetryBackoff,
		"FailedOperation.CompareLibServiceUnavailable": RetryBackoff,
		"FailedOperation.SilentDetectFail":             RetryNever,
		"FailedOperation.LivessDetectFake":             RetryNever,
		"FailedOperation.LipVoiceLow":                  RetryNever,
		"FailedOperation.ActionCloseEye":               RetryNever,
		"FailedOperation.LifePhotoSizeError":           RetryNever,
		"FailedOperation.CompareLowSimilarity":         RetryNever,
		"FailedOperation.RequestLimitExceeded":         RetryNever,
		"FailedOperation.IdentityAuthLimitExceeded":    RetryNever,
		"InvalidParameterValue.BizTokenExpired":        RetryNever,
		"InvalidParameter.UnsupportEncryptField":       RetryNever,
		"UnauthorizedOperation.Arrears":                RetryNever,
		"RequestLimitExceeded":                         RetryUnknown, // common code: the transport's call
		"InternalError":                                RetryUnknown,
		"Success":                                      RetryUnknown,
		"":                                             RetryUnknown,
	}
	for code, want := range tests {
		if got := CodeRetryClass(code); got != want {
			t.Errorf("CodeRetryClass(%q) = %v, want %v", code, got, want)
		}
	}
}

// With intention verification on, GetDetectInfoEnhanced passes only when
// the intention section of its type passed too.
func TestGetDetectInfoEnhancedCheckIntention(t *testing.T) {
	zero, one := int64(0), int64(1)
	yes := true
	ok := &DetectInfoText{ErrCode: &zero}
	tests := []struct {
		name string
		resp GetDetectInfoEnhancedResponse
		pass bool
	}{
		{"no intention", GetDetectInfoEnhancedResponse{Text: ok}, true},
		{"qa passed", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "0", IntentionQuestionResult: &IntentionQuestionResult{FinalResultCode: "0"}}, true},
		{"qa failed", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "0", IntentionQuestionResult: &IntentionQuestionResult{FinalResultCode: "-1"}}, false},
		{"qa missing", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "0"}, false},
		{"nod passed", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "1", IntentionActionResult: &IntentionActionResult{FinalResultDetailCode: &zero}}, true},
		{"nod failed", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "1", IntentionActionResult: &IntentionActionResult{FinalResultDetailCode: &one}}, false},
		{"nod null", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "1", IntentionActionResult: &IntentionActionResult{}}, false},
		{"read-aloud passed", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "2", IntentionVerifyData: &IntentionVerifyData{ErrorCode: &zero}}, true},
		{"read-aloud failed", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "2", IntentionVerifyData: &IntentionVerifyData{ErrorCode: &one}}, false},
		{"unknown type", GetDetectInfoEnhancedResponse{Text: ok, IsVerifyIntention: &yes, IntentionVerifyType: "9"}, false},
		{"liveness failed", GetDetectInfoEnhancedResponse{Text: &DetectInfoText{ErrCode: &one}, IsVerifyIntention: &yes, IntentionVerifyType: "0", IntentionQuestionResult: &IntentionQuestionResult{FinalResultCode: "0"}}, false},
	}
	for _, tt := range tests {
		err := tt.resp.Check()
		if (err == nil) != tt.pass {
			t.Errorf("%s: Check() = %v, want pass %v", tt.name, err, tt.pass)
		}
		var ve *VerificationError
		if err != nil && !errors.As(err, &ve) {
			t.Errorf("%s: error %T, want *VerificationError", tt.name, err)
		}
	}
}
