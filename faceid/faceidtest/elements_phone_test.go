package faceidtest

import (
	"strings"
	"testing"
)

func init() {
	flowBodies["CheckPhoneAndName"] = map[string]any{"Mobile": SamplePhone, "Name": SampleName}
}

// phoneAnswer calls action with body and returns its Result, failing on an Error.
func phoneAnswer(t *testing.T, s *Server, action string, body map[string]any) map[string]any {
	t.Helper()
	return mustOK(t, callAPI(t, s, action, jsonBody(t, body)))
}

func TestCarrierOf(t *testing.T) {
	for phone, want := range map[string]string{
		"13800138000": ispCMCC, "18900000004": ispCTCC, "18600000000": ispCUCC, "19200000000": "", "1": "",
	} {
		if got := carrierOf(phone); got != want {
			t.Errorf("carrierOf(%s) = %q, want %q", phone, got, want)
		}
	}
}

// The stand-in's CheckPhoneAndName answers: the fixture numbers and bad inputs give the
// documented codes (https://cloud.tencent.com/document/api/1007/31320), with the code's
// meaning as Description.
func TestCheckPhoneAndNameHandler(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tt := range []struct {
		mobile, name string
		enc          map[string]any
		want         string
	}{
		{SamplePhone, SampleName, nil, "0"},
		{PhoneMismatchPhone, SampleName, nil, "1"},
		{PhoneNoRecordPhone, SampleName, nil, "-1"},
		{"+8613800138000", SampleName, nil, "-5"},
		{"1380013800", SampleName, nil, "-5"},
		{SamplePhone, " 张三", nil, "-4"},
		{SamplePhone, "张三1", nil, "-4"},
		{"Y2lwaGVy", "bmFtZQ==", map[string]any{"EncryptList": []any{"Mobile", "Name"}, "CiphertextBlob": "b", "Iv": "0123456789abcdef"}, "0"},
	} {
		body := map[string]any{"Mobile": tt.mobile, "Name": tt.name}
		if tt.enc != nil {
			body["Encryption"] = tt.enc
		}
		resp := phoneAnswer(t, s, "CheckPhoneAndName", body)
		if resp["Result"] != tt.want || resp["Description"] == "" {
			t.Errorf("%s/%s: %v, want Result %s", tt.mobile, tt.name, resp, tt.want)
		}
	}
	s.SetResult("CheckPhoneAndName", "-6")
	if resp := phoneAnswer(t, s, "CheckPhoneAndName", map[string]any{"Mobile": SamplePhone, "Name": SampleName}); resp["Result"] != "-6" || resp["Description"] != "daily limit reached, retry next day" {
		t.Errorf("SetResult -6: %v", resp)
	}
}

// An Encryption block of a phone action may name only the action's sensitive members, and
// needs its key and IV when it names any.
func TestPhoneEncryptionRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tt := range []struct {
		name string
		enc  map[string]any
		code string
		want string
	}{
		{"IdCard", map[string]any{"EncryptList": []any{"Name", "IdCard"}, "CiphertextBlob": "b", "Iv": "0123456789abcdef"}, "InvalidParameter.UnsupportEncryptField", "`Encryption.EncryptList.1` is \"IdCard\": CheckPhoneAndName encrypts only Mobile, Name"},
		{"no Iv", map[string]any{"EncryptList": []any{"Name"}, "CiphertextBlob": "b"}, "MissingParameter", "`Encryption.Iv`"},
		{"algorithm", map[string]any{"EncryptList": []any{"Name"}, "CiphertextBlob": "b", "Iv": "0123456789abcdef", "Algorithm": "DES"}, "InvalidParameterValue", "`Encryption.Algorithm`"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp := callAPI(t, s, "CheckPhoneAndName", jsonBody(t, map[string]any{"Mobile": SamplePhone, "Name": SampleName, "Encryption": tt.enc}))
			code, msg := apiErr(resp)
			if code != tt.code || !strings.Contains(msg, tt.want) {
				t.Errorf("got %s %q, want %s with %q", code, msg, tt.code, tt.want)
			}
		})
	}
}
