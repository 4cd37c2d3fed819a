package faceidtest

import (
	"strings"
	"testing"
)

func TestGetEidTokenRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name, body, code, msg string
	}{
		{"unregistered", `{"MerchantId":"` + UnregisteredMerchantId + `"}`, "FailedOperation.UnregisteredEid", "not registered"},
		{"InputType 4", `{"MerchantId":"m","Config":{"InputType":"4"}}`, "InvalidParameter", "`IdCard` and `Name` are required with `Config.InputType` 4"},
		{"encrypt Extra", `{"MerchantId":"m","Encryption":{"EncryptList":["Extra"],"CiphertextBlob":"b","Iv":"0123456789abcdef"}}`, "InvalidParameter.UnsupportEncryptField", "encrypts only Name and IdCard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, "GetEidToken", tt.body))
			if code != tt.code || !strings.Contains(msg, tt.msg) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, tt.code, tt.msg)
			}
		})
	}
	tok := mustOK(t, callAPI(t, s, "GetEidToken", `{"MerchantId":"m"}`))["EidToken"].(string)
	if code, msg := apiErr(callAPI(t, s, "GetEidResult", `{"EidToken":"`+tok+`","InfoType":"4"}`)); code != "InvalidParameterValue" || !strings.Contains(msg, "no digit 4") {
		t.Errorf("InfoType 4: %s %q", code, msg)
	}
	if err := s.CompleteToken("nope"); err == nil {
		t.Error("CompleteToken of an unknown token")
	}
}
