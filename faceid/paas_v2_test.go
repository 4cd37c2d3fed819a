package faceid

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// p1Results returns "Success" and every failure Result schema.json documents for a P1 action
// (its error list's FailedOperation codes and the codes its page adds).
func p1Results(t *testing.T, action string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("faceidtest", "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Actions map[string]struct {
			Result struct {
				FailureCodes []string `json:"failure_codes"`
				ExtraCodes   []string `json:"extra_codes"`
			} `json:"result"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	r := s.Actions[action].Result
	out := append([]string{ResultSuccess}, r.FailureCodes...)
	out = append(out, r.ExtraCodes...)
	if len(out) < 10 {
		t.Fatalf("%s: only %d results in schema.json", action, len(out))
	}
	return out
}

func validImageRecognitionV2() *ImageRecognitionV2Request {
	return &ImageRecognitionV2Request{IdCard: personIdCard, Name: personName, ImageBase64: MediaBytes(faceidtest.SampleJPEG())}
}

func validCheckIdCardInformation() *CheckIdCardInformationRequest {
	return &CheckIdCardInformationRequest{ImageBase64: MediaBytes(faceidtest.SampleJPEG())}
}

// Every documented Result of the two P1 actions reaches the caller as the right typed outcome,
// through client -> stand-in -> typed answer.
func TestPaaSV2P1Results(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	type answer struct {
		result, requestID string
		sim               *float64
	}
	calls := map[string]func() (answer, error){
		"ImageRecognitionV2": func() (answer, error) {
			r, err := c.ImageRecognitionV2(ctx, validImageRecognitionV2())
			if r == nil {
				return answer{}, err
			}
			return answer{r.Result, r.RequestId, r.Sim}, err
		},
		"CheckIdCardInformation": func() (answer, error) {
			r, err := c.CheckIdCardInformation(ctx, validCheckIdCardInformation())
			if r == nil {
				return answer{}, err
			}
			return answer{r.Result, r.RequestId, r.Sim}, err
		},
	}
	for action, call := range calls {
		for _, result := range p1Results(t, action) {
			t.Run(action+"/"+result, func(t *testing.T) {
				srv.Reset()
				srv.SetResult(action, result)
				got, err := call()
				if got.result != result || got.requestID == "" || got.sim == nil {
					t.Fatalf("response %+v, err %v; want Result %s with RequestId and Sim", got, err, result)
				}
				if result == ResultSuccess {
					if err != nil {
						t.Fatalf("err = %v, want nil", err)
					}
					return
				}
				var ve *VerificationError
				if !errors.As(err, &ve) || ve.Action != action || ve.Result != result || ve.RequestId != got.requestID || ve.Sim != *got.sim {
					t.Fatalf("err = %#v; want a VerificationError with Result %s", err, result)
				}
				if !strings.Contains(err.Error(), "did not pass") {
					t.Errorf("error %q does not say the person did not pass", err)
				}
			})
		}
	}
}

// Every documented Result of IdCardOCRVerification reaches the caller as the right typed
// outcome, through client -> stand-in -> typed answer.
func TestIdCardOCRVerificationResults(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, _ := LookupAction("IdCardOCRVerification")
	if n := len(a.Results.Codes()); n != 8 {
		t.Fatalf("%d codes; Tencent's page documents 8 (0 to -7)", n)
	}
	for _, row := range a.Results.Codes() {
		t.Run("Result "+row.Code, func(t *testing.T) {
			srv.SetResult("IdCardOCRVerification", row.Code)
			resp, err := c.IdCardOCRVerification(context.Background(), &IdCardOCRVerificationRequest{IdCard: Ptr(personIdCard), Name: Ptr(personName)})
			if resp == nil || resp.Result != row.Code || resp.Description == "" || resp.IdCard != personIdCard || resp.Name != personName {
				t.Fatalf("resp = %+v, err %v", resp, err)
			}
			if row.Pass {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			var ve *VerificationError
			if !errors.As(err, &ve) || ve.Result != row.Code || ve.Billed != row.Billed || ve.Retry != row.Retry || ve.Meaning != row.Meaning || ve.Family != FamilyP2 {
				t.Errorf("err = %#v", err)
			}
		})
	}
	// The billing and retry classes of Tencent's table, spelled out once.
	want := map[string]string{"0": "billed", "-1": "billed/never", "-2": "not billed/never", "-3": "not billed/never",
		"-4": "not billed/backoff", "-5": "not billed/never", "-6": "not billed/backoff", "-7": "not billed/later"}
	got := map[string]string{}
	for _, row := range a.Results.Codes() {
		s := row.Billed.String()
		switch row.Retry {
		case RetryNever:
			s += "/never"
		case RetryBackoff:
			s += "/backoff"
		case RetryLater:
			s += "/later"
		}
		got[row.Code] = s
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("classes (-want +got):\n%s", diff)
	}
}

// The fixture inputs force their Result without SetResult; a photo input is read as the
// sample card.
func TestIdCardOCRVerificationFixtures(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	for idCard, want := range map[string]string{personIdCard: "0", faceidtest.NameMismatchIdCard: "-1", faceidtest.NoRecordIdCard: "-5"} {
		resp, err := c.IdCardOCRVerification(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr(idCard), Name: Ptr(personName)})
		if resp == nil || resp.Result != want || (want == "0") != (err == nil) {
			t.Errorf("IdCard %s: resp %+v err %v; want Result %s", idCard, resp, err, want)
		}
		if resp != nil && (resp.Sex != "" || resp.Portrait != "") {
			t.Errorf("IdCard %s: Sex %q Portrait %d bytes; filled only for a photo", idCard, resp.Sex, len(resp.Portrait))
		}
	}
	resp, err := c.IdCardOCRVerification(ctx, &IdCardOCRVerificationRequest{
		ImageBase64: MediaBytes(faceidtest.SampleJPEG()),
		Config:      &IdCardWarnConfig{CopyWarn: true, ReshootWarn: true, Quality: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.IdCard != faceidtest.SampleIdCard || resp.Name != faceidtest.SampleName || resp.Sex == "" || resp.Portrait == "" || resp.Quality == nil {
		t.Errorf("photo input: %+v", resp)
	}
	// The stand-in fires every warning turned on; Config reached it as a JSON string.
	if resp.Warnings != "-9102|-9103" {
		t.Errorf("Warnings %q, want -9102|-9103", resp.Warnings)
	}
	if cfg := sentBodyField(t, srv.Requests()[len(srv.Requests())-1], "Config"); cfg != `{"CopyWarn":true,"ReshootWarn":true,"Quality":true}` {
		t.Errorf("Config on the wire: %#v", cfg)
	}
}

func TestImageRecognitionV2RoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	req := validImageRecognitionV2()
	req.Extra = Ptr("order-42")
	resp, err := c.ImageRecognitionV2(context.Background(), req)
	if err != nil || resp.Result != ResultSuccess || resp.Extra != "order-42" || *resp.Sim != faceidtest.PassSim {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	checkRecorded(t, only(t, srv), "ImageRecognitionV2", "TC3-HMAC-SHA256")
	// The fixture ID numbers fail without SetResult.
	req.IdCard = faceidtest.LowSimilarityIdCard
	resp, err = c.ImageRecognitionV2(context.Background(), req)
	var ve *VerificationError
	if !errors.As(err, &ve) || resp.Result != CodeCompareLowSimilarity || ve.Sim != faceidtest.LowSim {
		t.Errorf("LowSimilarityIdCard: resp %+v err %v", resp, err)
	}
	// A photo has no video: the liveness fixture fails as a fake photo, a code of this action.
	req.IdCard = faceidtest.LivenessFailIdCard
	resp, err = c.ImageRecognitionV2(context.Background(), req)
	if !errors.As(err, &ve) || resp.Result != "FailedOperation.LifePhotoDetectFake" {
		t.Errorf("LivenessFailIdCard: resp %+v err %v", resp, err)
	}
}

func TestCheckIdCardInformationRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	resp, err := c.CheckIdCardInformation(ctx, validCheckIdCardInformation())
	if err != nil || resp.IdNum != faceidtest.SampleIdCard || resp.Name != faceidtest.SampleName || resp.Portrait == "" || resp.Warnings != "" {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	// A warning turned on in Config stops the comparison: Tencent's page documents
	// FailedOperation.OcrWarningOccurred with the codes in Warnings.
	srv.SetResult("CheckIdCardInformation", "FailedOperation.OcrWarningOccurred")
	resp, err = c.CheckIdCardInformation(ctx, &CheckIdCardInformationRequest{
		ImageUrl: Ptr("https://example.com/card.jpg"),
		Config:   &IdCardWarnConfig{BorderCheckWarn: true},
	})
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Result != "FailedOperation.OcrWarningOccurred" || resp.Warnings != "-9101" {
		t.Errorf("warning: resp %+v err %v", resp, err)
	}
}

// Every documented AttackRiskLevel reaches the caller typed: Low and Mid pass, High is an error.
func TestDetectAIFakeFacesLevels(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, _ := LookupAction("DetectAIFakeFaces")
	for _, tt := range []struct {
		level   AttackRiskLevel
		pass    bool
		details int
	}{
		{AttackRiskLow, true, 0},
		{AttackRiskMid, true, 1},
		{AttackRiskHigh, false, 1},
	} {
		t.Run(string(tt.level), func(t *testing.T) {
			if l, ok := a.Levels.Lookup(string(tt.level)); !ok || l.Pass != tt.pass {
				t.Fatalf("level table row %+v %v", l, ok)
			}
			srv.SetResult("DetectAIFakeFaces", string(tt.level))
			resp, err := c.DetectAIFakeFaces(context.Background(), &DetectAIFakeFacesRequest{
				FaceInput: MediaBytes(faceidtest.SampleJPEG()), FaceInputType: Ptr(FaceInputImage),
			})
			if resp == nil || resp.AttackRiskLevel != tt.level || len(resp.AttackRiskDetailList) != tt.details || resp.ExtraInfo == nil {
				t.Fatalf("resp %+v err %v", resp, err)
			}
			if tt.pass {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			var ve *VerificationError
			if !errors.As(err, &ve) || ve.Family != FamilyLevel || ve.Result != "High" || ve.Retry != RetryNever || !strings.Contains(ve.Meaning, "blocking") {
				t.Errorf("err = %#v", err)
			}
		})
	}
	// A video goes through as FaceInputType 2.
	srv.SetResult("DetectAIFakeFaces", "")
	resp, err := c.DetectAIFakeFaces(context.Background(), &DetectAIFakeFacesRequest{
		FaceInput: MediaBytes(faceidtest.SampleMP4()), FaceInputType: Ptr(FaceInputVideo),
	})
	if err != nil || resp.AttackRiskLevel != AttackRiskLow {
		t.Errorf("video: resp %+v err %v", resp, err)
	}
}

// Validate names the field and the fix, before anything is sent.
func TestPaaSV2Validate(t *testing.T) {
	jpeg := MediaBytes(faceidtest.SampleJPEG())
	enc := &Encryption{EncryptList: []string{"IdCard", "Name"}, CiphertextBlob: "blob", Iv: "aXZpdml2aXZpdml2aXZpdg=="}
	big := func(n int) Media { return MediaBytes(make([]byte, n/4*3+3)) }
	tests := []struct {
		name  string
		req   Request
		field string // "" = valid
		fix   string
	}{
		{"V2 valid", validImageRecognitionV2(), "", ""},
		{"V2 nil", (*ImageRecognitionV2Request)(nil), "IdCard", "nil"},
		{"V2 lower-case x", &ImageRecognitionV2Request{IdCard: "44030019900101123x", Name: personName, ImageBase64: jpeg}, "IdCard", "upper-case X"},
		{"V2 name spaces", &ImageRecognitionV2Request{IdCard: personIdCard, Name: " 李四", ImageBase64: jpeg}, "Name", "trim"},
		{"V2 no image", &ImageRecognitionV2Request{IdCard: personIdCard, Name: personName}, "ImageBase64", "MediaBytes"},
		{"V2 image 3M", &ImageRecognitionV2Request{IdCard: personIdCard, Name: personName, ImageBase64: big(MaxImageBase64Len + 4)}, "ImageBase64", "3M"},
		{"V2 Extra long", &ImageRecognitionV2Request{IdCard: personIdCard, Name: personName, ImageBase64: jpeg, Extra: Ptr("12345678901")}, "Extra", "10-character"},
		{"V2 Extra empty", &ImageRecognitionV2Request{IdCard: personIdCard, Name: personName, ImageBase64: jpeg, Extra: Ptr("")}, "Extra", "1 to 10"},
		{"V2 encrypted x allowed", &ImageRecognitionV2Request{IdCard: "x+/=", Name: " c ", ImageBase64: jpeg, Encryption: enc}, "", ""},

		{"Check valid url", &CheckIdCardInformationRequest{ImageUrl: Ptr("https://example.com/a.jpg")}, "", ""},
		{"Check nothing", &CheckIdCardInformationRequest{}, "ImageBase64", "ImageUrl"},
		{"Check 7M ok", &CheckIdCardInformationRequest{ImageBase64: big(MaxImageBase64Len + 4)}, "", ""},
		{"Check over 7M", &CheckIdCardInformationRequest{ImageBase64: big(MaxIdCardImageBase64Len + 4)}, "ImageBase64", "7M"},
		{"Check bad url", &CheckIdCardInformationRequest{ImageUrl: Ptr("card.jpg")}, "ImageUrl", "absolute"},
		{"Check encrypt response without key", &CheckIdCardInformationRequest{ImageBase64: jpeg, IsEncryptResponse: Ptr(true)}, "Encryption", "key"},

		{"OCR elements", &IdCardOCRVerificationRequest{IdCard: Ptr(personIdCard), Name: Ptr(personName)}, "", ""},
		{"OCR photo", &IdCardOCRVerificationRequest{ImageBase64: jpeg, Config: &IdCardWarnConfig{CopyWarn: true}}, "", ""},
		{"OCR nothing", &IdCardOCRVerificationRequest{}, "IdCard", "ImageBase64"},
		{"OCR IdCard alone", &IdCardOCRVerificationRequest{IdCard: Ptr(personIdCard)}, "Name", "both"},
		{"OCR Name alone", &IdCardOCRVerificationRequest{Name: Ptr(personName)}, "IdCard", "both"},
		{"OCR 17 digits", &IdCardOCRVerificationRequest{IdCard: Ptr("44030019900101123"), Name: Ptr(personName)}, "IdCard", "18 characters"},
		{"OCR lower-case x", &IdCardOCRVerificationRequest{IdCard: Ptr("44030019900101123x"), Name: Ptr(personName)}, "IdCard", "upper-case X"},
		{"OCR encrypted skipped", &IdCardOCRVerificationRequest{IdCard: Ptr("bXlpZA=="), Name: Ptr("bmFtZQ=="), Encryption: enc}, "", ""},
		{"OCR Config without photo", &IdCardOCRVerificationRequest{IdCard: Ptr(personIdCard), Name: Ptr(personName), Config: &IdCardWarnConfig{}}, "Config", "photo"},
		{"OCR keys missing", &IdCardOCRVerificationRequest{IdCard: Ptr("a"), Name: Ptr("b"), Encryption: &Encryption{EncryptList: []string{"IdCard", "Name"}}}, "Encryption.CiphertextBlob", "symmetric key"},

		{"AI image", &DetectAIFakeFacesRequest{FaceInput: jpeg, FaceInputType: Ptr(FaceInputImage)}, "", ""},
		{"AI no input", &DetectAIFakeFacesRequest{FaceInputType: Ptr(FaceInputImage)}, "FaceInput", "MediaBytes"},
		{"AI no type", &DetectAIFakeFacesRequest{FaceInput: jpeg}, "FaceInputType", "FaceInputImage (1)"},
		{"AI type 3", &DetectAIFakeFacesRequest{FaceInput: jpeg, FaceInputType: Ptr(int64(3))}, "FaceInputType", "FaceInputVideo (2)"},
		{"AI over 10M", &DetectAIFakeFacesRequest{FaceInput: big(MaxFaceInputBase64Len + 4), FaceInputType: Ptr(FaceInputVideo)}, "FaceInput", "10M"},
		{"AI encrypted body", &DetectAIFakeFacesRequest{Encryption: enc, EncryptedBody: Ptr("Y2lwaGVy")}, "", ""},
		{"AI body without key", &DetectAIFakeFacesRequest{EncryptedBody: Ptr("Y2lwaGVy")}, "Encryption", "key"},
		{"AI key without body", &DetectAIFakeFacesRequest{Encryption: enc}, "EncryptedBody", "encrypted {FaceInput"},
		{"AI both", &DetectAIFakeFacesRequest{Encryption: enc, EncryptedBody: Ptr("Y2lwaGVy"), FaceInput: jpeg}, "FaceInput", "inside EncryptedBody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.req.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !strings.Contains(err.Error(), tt.fix) {
				t.Fatalf("Validate() = %v; want a FieldError on %s mentioning %q", err, tt.field, tt.fix)
			}
		})
	}
}

// A request Validate refuses never reaches the stand-in.
func TestPaaSV2RefusedBeforeSending(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	_, err := c.IdCardOCRVerification(context.Background(), &IdCardOCRVerificationRequest{IdCard: Ptr("44030019900101123x"), Name: Ptr(personName)})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "IdCard" || len(srv.Requests()) != 0 {
		t.Errorf("err %v, %d requests", err, len(srv.Requests()))
	}
}

// Config travels as a JSON string holding the object, both ways (the helpers paas.go shares
// with LivenessOptional): decoding replaces the whole value, and a malformed inner object is
// an error naming Config.
func TestIdCardWarnConfigJSONString(t *testing.T) {
	b, err := json.Marshal(IdCardWarnConfig{CopyWarn: true})
	if err != nil || string(b) != `"{\"CopyWarn\":true}"` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	c := IdCardWarnConfig{Quality: true}
	if err := json.Unmarshal([]byte(`"{\"ReshootWarn\":true}"`), &c); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(IdCardWarnConfig{ReshootWarn: true}, c); diff != "" {
		t.Errorf("Unmarshal (-want +got):\n%s", diff)
	}
	for _, in := range []string{`{"CopyWarn":true}`, `"{\"CopyWarn\":1}"`} {
		if err := json.Unmarshal([]byte(in), &c); err == nil || !strings.Contains(err.Error(), "faceid: Config ") {
			t.Errorf("Unmarshal(%s) = %v, want an error naming Config", in, err)
		}
	}
}
