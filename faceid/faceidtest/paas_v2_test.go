package faceidtest

import (
	"strings"
	"testing"
)

// The handlers' own refusals: what schema.json cannot express.
func TestPaaSV2Refusals(t *testing.T) {
	s := newTestServer(t, Options{})
	jpeg := b64(SampleJPEG())
	mp4 := b64(SampleMP4())
	tests := []struct {
		name, action, body string
		code, mention      string
	}{
		{"V2 lower-case x", "ImageRecognitionV2", `{"IdCard":"11010119900101001x","Name":"a","ImageBase64":"` + jpeg + `"}`, "FailedOperation.IdFormatError", "upper-case X"},
		{"V2 not an image", "ImageRecognitionV2", `{"IdCard":"11010119900101001X","Name":"a","ImageBase64":"` + mp4 + `"}`, "InvalidParameterValue", "not JPEG or PNG"},
		{"V2 Extra too long", "ImageRecognitionV2", `{"IdCard":"11010119900101001X","Name":"a","ImageBase64":"` + jpeg + `","Extra":"12345678901"}`, "InvalidParameterValue", "`Extra`"},
		{"Check no image", "CheckIdCardInformation", `{}`, "InvalidParameter", "`ImageBase64` or `ImageUrl`"},
		{"Check not an image", "CheckIdCardInformation", `{"ImageBase64":"` + mp4 + `"}`, "FailedOperation.ImageDecodeFailed", "`ImageBase64`"},
		{"Check over 7M", "CheckIdCardInformation", `{"ImageBase64":"` + strings.Repeat("A", maxIdCardImageBase64Len+4) + `"}`, "FailedOperation.ImageSizeTooLarge", "7340032-byte"},
		{"Check url wins", "CheckIdCardInformation", `{"ImageBase64":"` + jpeg + `","ImageUrl":"card.jpg"}`, "InvalidParameterValue", "`ImageUrl`"},
		{"Check Config not JSON", "CheckIdCardInformation", `{"ImageBase64":"` + jpeg + `","Config":"CopyWarn"}`, "InvalidParameter", "`Config`"},
		{"Check Config not bool", "CheckIdCardInformation", `{"ImageBase64":"` + jpeg + `","Config":"{\"CopyWarn\":1}"}`, "InvalidParameter", "CopyWarn"},
		{"OCR nothing", "IdCardOCRVerification", `{}`, "InvalidParameter", "`IdCard` and `Name`, `ImageBase64` or `ImageUrl`"},
		{"OCR IdCard alone", "IdCardOCRVerification", `{"IdCard":"11010119900101001X"}`, "InvalidParameter", "together"},
		{"OCR image over 3M", "IdCardOCRVerification", `{"ImageBase64":"` + strings.Repeat("A", MaxImageBase64Len+4) + `"}`, "FailedOperation.ImageSizeTooLarge", "3145728-byte"},
		{"OCR base64 wins over url", "IdCardOCRVerification", `{"ImageBase64":"` + mp4 + `","ImageUrl":"https://example.com/a.jpg"}`, "FailedOperation.ImageDecodeFailed", "`ImageBase64`"},
		{"OCR encrypt other field", "IdCardOCRVerification", `{"IdCard":"a","Name":"b","Encryption":{"EncryptList":["ImageBase64"],"CiphertextBlob":"b","Iv":"0123456789abcdef"}}`, "InvalidParameter.UnsupportEncryptField", "ImageBase64"},
		{"AI nothing", "DetectAIFakeFaces", `{}`, "InvalidParameter", "`FaceInput` and `FaceInputType`"},
		{"AI type 3", "DetectAIFakeFaces", `{"FaceInput":"` + jpeg + `","FaceInputType":3}`, "InvalidParameterValue", "`FaceInputType`"},
		{"AI video as image", "DetectAIFakeFaces", `{"FaceInput":"` + mp4 + `","FaceInputType":1}`, "FailedOperation.ImageDecodeFailed", "`FaceInput`"},
		{"AI image as video", "DetectAIFakeFaces", `{"FaceInput":"` + jpeg + `","FaceInputType":2}`, "FailedOperation.VideoDecodeFailed", "`FaceInput`"},
		{"AI over 10M", "DetectAIFakeFaces", `{"FaceInput":"` + strings.Repeat("A", maxFaceInputBase64Len+4) + `","FaceInputType":2}`, "RequestSizeLimitExceeded", "over 10485760 bytes"}, // a 10 MiB field cannot fit in the 10 MiB body
		{"AI body without key", "DetectAIFakeFaces", `{"EncryptedBody":"Y2lwaGVy"}`, "InvalidParameter", "both `Encryption` and `EncryptedBody`"},
		{"AI body and plain", "DetectAIFakeFaces", `{"EncryptedBody":"Y2lwaGVy","FaceInputType":1,"Encryption":{"EncryptList":["EncryptionBody"],"CiphertextBlob":"b","Iv":"0123456789abcdef"}}`, "InvalidParameter", "inside `EncryptedBody`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, tt.action, tt.body))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %s %q, want %s naming %s", code, msg, tt.code, tt.mention)
			}
		})
	}
}

// IdCardOCRVerification answers malformed elements with its Result codes, not an Error: -2 for
// the ID number, -3 for the name (Tencent's table).
func TestIdCardOCRVerificationCodes(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tt := range []struct{ body, result string }{
		{`{"IdCard":"11010119900101001X","Name":"张三"}`, "0"},
		{`{"IdCard":"1101011990010100","Name":"张三"}`, "-2"},
		{`{"IdCard":"11010119900101001X","Name":" 张三"}`, "-3"},
		{`{"IdCard":"` + NameMismatchIdCard + `","Name":"张三"}`, "-1"},
		{`{"IdCard":"` + NoRecordIdCard + `","Name":"张三"}`, "-5"},
	} {
		resp := mustOK(t, callAPI(t, s, "IdCardOCRVerification", tt.body))
		if resp["Result"] != tt.result || resp["Description"] == "" {
			t.Errorf("%s: Result %v Description %v, want %s", tt.body, resp["Result"], resp["Description"], tt.result)
		}
	}
}
