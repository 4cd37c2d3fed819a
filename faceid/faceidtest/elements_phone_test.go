package faceidtest

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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
		// SM4-GCM is not modelled: the members stay ciphertext and are not checked.
		{"Y2lwaGVy", "bmFtZQ==", map[string]any{"EncryptList": []any{"Mobile", "Name"}, "CiphertextBlob": "b", "Iv": "MDEyMzQ1Njc4OWFiY2RlZg==", "Algorithm": "SM4-GCM"}, "0"},
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
		{"IdCard", map[string]any{"EncryptList": []any{"Name", "IdCard"}, "CiphertextBlob": "b", "Iv": "0123456789abcdef"}, "InvalidParameter.UnsupportEncryptField", "`Encryption.EncryptList.1` is \"IdCard\": CheckPhoneAndName encrypts only Mobile and Name"},
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

// The three-element handlers answer the documented codes for bad inputs and fixture numbers
// (https://cloud.tencent.com/document/api/1007/39765).
func TestThreeElementHandlers(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tt := range []struct {
		action              string
		idCard, name, phone string
		wantResult, wantIsp string
	}{
		{"PhoneVerification", SampleIdCard, SampleName, SamplePhone, "0", ispCMCC},
		{"PhoneVerification", SampleIdCard, SampleName, "1380013800", "-6", ""},
		{"PhoneVerification", "11010119900101001x", SampleName, SamplePhone, "-7", ispCMCC},
		{"PhoneVerification", SampleIdCard, " 张三", SamplePhone, "-8", ispCMCC},
		{"PhoneVerification", SampleIdCard, SampleName, PhoneMismatchPhone, "-4", ispCMCC},
		{"PhoneVerification", SampleIdCard, SampleName, PhoneNoRecordPhone, "-9", ispCMCC},
		{"PhoneVerificationCMCC", SampleIdCard, SampleName, SamplePhone, "0", ispCMCC},
		{"PhoneVerificationCMCC", SampleIdCard, SampleName, "18600138000", "-13", ispCUCC},
		{"PhoneVerificationCTCC", SampleIdCard, SampleName, SamplePhone, "-13", ispCMCC},
		{"PhoneVerificationCTCC", SampleIdCard, SampleName, "18900000009", "-9", ispCTCC},
		{"PhoneVerificationCUCC", SampleIdCard, SampleName, "19200000000", "-13", ""},
		{"PhoneVerificationCUCC", SampleIdCard, SampleName, "18600000004", "-4", ispCUCC},
	} {
		resp := phoneAnswer(t, s, tt.action, map[string]any{"IdCard": tt.idCard, "Name": tt.name, "Phone": tt.phone})
		if resp["Result"] != tt.wantResult || resp["Isp"] != tt.wantIsp || resp["Description"] == "" {
			t.Errorf("%s %s/%s/%s: %v, want Result %s Isp %q", tt.action, tt.idCard, tt.name, tt.phone, resp, tt.wantResult, tt.wantIsp)
		}
		if _, ok := resp["ResultDetail"]; ok {
			t.Errorf("%s: ResultDetail without VerifyMode 1: %v", tt.action, resp)
		}
	}
	s.SetResult("PhoneVerification", "-4")
	resp := phoneAnswer(t, s, "PhoneVerification", map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "Phone": SamplePhone, "VerifyMode": "1"})
	if resp["Result"] != "-4" || resp["ResultDetail"] != PhoneMismatchDetail {
		t.Errorf("forced -4 in VerifyMode 1: %v", resp)
	}
}

// PhoneVerification's flat encryption members go together and name only its elements.
func TestPhoneVerificationEncryptionRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	base := func(extra map[string]any) string {
		body := map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "Phone": "cGhvbmU="}
		for k, v := range extra {
			body[k] = v
		}
		return jsonBody(t, body)
	}
	for _, tt := range []struct {
		name  string
		extra map[string]any
		code  string
		want  string
	}{
		{"list alone", map[string]any{"EncryptList": []any{"Phone"}}, "InvalidParameter", "go together"},
		{"no Iv", map[string]any{"EncryptList": []any{"Phone"}, "CiphertextBlob": "b"}, "InvalidParameter", "go together"},
		{"Mobile", map[string]any{"EncryptList": []any{"Mobile"}, "CiphertextBlob": "b", "Iv": "0123456789abcdef"}, "InvalidParameter.UnsupportEncryptField", "`EncryptList.0` is \"Mobile\""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, "PhoneVerification", base(tt.extra)))
			if code != tt.code || !strings.Contains(msg, tt.want) {
				t.Errorf("got %s %q, want %s with %q", code, msg, tt.code, tt.want)
			}
		})
	}
}

// The phone handlers decrypt the encrypted members (an Encryption block, or PhoneVerification's
// flat CiphertextBlob, EncryptList and Iv) and check the plaintext: the fixture numbers answer
// their codes, a malformed plaintext its format code, and a ciphertext that does not decrypt
// is refused with FailedOperation.DecryptSystemError.
func TestPhoneHandlersDecrypt(t *testing.T) {
	s := newTestServer(t, Options{})
	flat := func(enc map[string]any) map[string]any {
		return map[string]any{"EncryptList": enc["EncryptList"], "CiphertextBlob": enc["CiphertextBlob"], "Iv": enc["Iv"]}
	}
	for _, tt := range []struct {
		action string
		plain  map[string]any // the members; those in list are sent encrypted
		list   []string
		flat   bool // PhoneVerification's flat envelope
		want   map[string]any
	}{
		{"CheckPhoneAndName", map[string]any{"Mobile": PhoneMismatchPhone, "Name": SampleName}, []string{"Mobile", "Name"}, false, map[string]any{"Result": "1"}},
		{"CheckPhoneAndName", map[string]any{"Mobile": "1380013800", "Name": SampleName}, []string{"Mobile"}, false, map[string]any{"Result": "-5"}},
		{"CheckPhoneAndName", map[string]any{"Mobile": SamplePhone, "Name": " 张三"}, []string{"Name"}, false, map[string]any{"Result": "-4"}},
		{"PhoneVerification", map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "Phone": PhoneNoRecordPhone}, []string{"Phone", "IdCard"}, true, map[string]any{"Result": "-9", "Isp": ispCMCC}},
		{"PhoneVerification", map[string]any{"IdCard": "1101011990010100", "Name": SampleName, "Phone": SamplePhone}, []string{"IdCard"}, true, map[string]any{"Result": "-7"}},
		{"PhoneVerificationCTCC", map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "Phone": SamplePhone}, []string{"Phone"}, false, map[string]any{"Result": "-13", "Isp": ispCMCC}},
		{"PhoneVerificationCMCC", map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "Phone": PhoneMismatchPhone}, []string{"IdCard", "Name", "Phone"}, false, map[string]any{"Result": "-4", "Isp": ispCMCC}},
		{"MobileStatus", map[string]any{"Mobile": SuspendedMobile}, []string{"Mobile"}, false, map[string]any{"Result": "0", "StatusCode": 1.0}},
		{"MobileStatus", map[string]any{"Mobile": "+8613800138000"}, []string{"Mobile"}, false, map[string]any{"Result": "-2"}},
		{"MobileNetworkTimeVerification", map[string]any{"Mobile": TenureUnknownMobile}, []string{"Mobile"}, false, map[string]any{"Result": "-3"}},
	} {
		t.Run(tt.action, func(t *testing.T) {
			enc, seal := testEnvelope(t, EncryptionPublicKey(), tt.list...)
			body := map[string]any{}
			for k, v := range tt.plain {
				body[k] = v
			}
			for _, f := range tt.list {
				body[f] = seal(tt.plain[f].(string))
			}
			if tt.flat {
				for k, v := range flat(enc) {
					body[k] = v
				}
			} else {
				body["Encryption"] = enc
			}
			resp := phoneAnswer(t, s, tt.action, body)
			for k, v := range tt.want {
				if resp[k] != v {
					t.Errorf("%v: %s = %v, want %v (answer %v)", tt.plain, k, resp[k], v, resp)
				}
			}

			// The same request with a ciphertext that does not decrypt: one byte short of
			// whole AES blocks.
			raw, _ := base64.StdEncoding.DecodeString(body[tt.list[0]].(string))
			body[tt.list[0]] = b64(raw[:len(raw)-1])
			code, msg := apiErr(callAPI(t, s, tt.action, jsonBody(t, body)))
			if code != "FailedOperation.DecryptSystemError" || !strings.Contains(msg, "`"+tt.list[0]+"`") {
				t.Errorf("undecryptable %s: %s %q, want FailedOperation.DecryptSystemError naming it", tt.list[0], code, msg)
			}
		})
	}
}

// EncryptedPhoneVerification answers -8 (parameter error) for elements that do not fit
// EncryptionMode, and -7 for a bad plain ID number
// (https://cloud.tencent.com/document/api/1007/31320).
func TestEncryptedPhoneVerificationHandler(t *testing.T) {
	s := newTestServer(t, Options{})
	md5hex := strings.Repeat("0123456789abcdef", 2)
	sha := strings.Repeat("0123456789abcdef", 4)
	for _, tt := range []struct {
		name                string
		idCard, nm, phone   string
		mode, want, wantISP string
	}{
		{"plain", SampleIdCard, SampleName, SamplePhone, "0", "0", ispCMCC},
		{"plain bad phone", SampleIdCard, SampleName, "138", "0", "-8", ""},
		{"plain bad ID", "1101011990010100", SampleName, SamplePhone, "0", "-7", ispCMCC},
		{"plain bad name", SampleIdCard, "张三9", SamplePhone, "0", "-8", ispCMCC},
		{"MD5", md5hex, md5hex, md5hex, "1", "0", ""},
		{"MD5 mode, SHA-256 digests", sha, sha, sha, "1", "-8", ""},
		{"SHA-256 upper case", sha, sha, strings.ToUpper(sha), "2", "-8", ""},
		{"SM3", sha, sha, sha, "3", "0", ""},
		{"SM3 plain phone", sha, sha, SamplePhone, "3", "-8", ""},
	} {
		resp := phoneAnswer(t, s, "EncryptedPhoneVerification", map[string]any{"IdCard": tt.idCard, "Name": tt.nm, "Phone": tt.phone, "EncryptionMode": tt.mode})
		if resp["Result"] != tt.want || resp["ISP"] != tt.wantISP || resp["Description"] == "" {
			t.Errorf("%s: %v, want Result %s ISP %q", tt.name, resp, tt.want, tt.wantISP)
		}
	}
	code, msg := apiErr(callAPI(t, s, "EncryptedPhoneVerification", jsonBody(t, map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "Phone": SamplePhone, "EncryptionMode": "4"})))
	if code != "InvalidParameterValue" || !strings.Contains(msg, "`EncryptionMode`") {
		t.Errorf("mode 4: %s %q", code, msg)
	}
}

// MobileStatus and MobileNetworkTimeVerification answer the documented codes for a bad number
// and the fixture numbers; without a passing Result, StatusCode is 99 and Range empty, as in
// Tencent's example answers
// (https://cloud.tencent.com/document/api/1007/40545, https://cloud.tencent.com/document/api/1007/40546).
func TestMobileQueryHandlers(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, tt := range []struct {
		action, mobile string
		want           map[string]any
	}{
		{"MobileStatus", SamplePhone, map[string]any{"Result": "0", "Description": "success", "StatusCode": 0.0}},
		{"MobileStatus", SuspendedMobile, map[string]any{"Result": "0", "Description": "success", "StatusCode": 1.0}},
		{"MobileStatus", CancelledMobile, map[string]any{"Result": "0", "Description": "success", "StatusCode": 2.0}},
		{"MobileStatus", PhoneNoRecordPhone, map[string]any{"Result": "-1", "Description": "no result", "StatusCode": 99.0}},
		{"MobileStatus", "8613800138000", map[string]any{"Result": "-2", "Description": "bad phone number format", "StatusCode": 99.0}},
		{"MobileNetworkTimeVerification", SamplePhone, map[string]any{"Result": "0", "Description": "success", "Range": SampleRange}},
		{"MobileNetworkTimeVerification", PhoneNoRecordPhone, map[string]any{"Result": "-2", "Description": "number does not exist", "Range": ""}},
		{"MobileNetworkTimeVerification", TenureUnknownMobile, map[string]any{"Result": "-3", "Description": "number exists, tenure unknown", "Range": ""}},
		{"MobileNetworkTimeVerification", "1380013800", map[string]any{"Result": "-1", "Description": "bad phone number format", "Range": ""}},
	} {
		resp := phoneAnswer(t, s, tt.action, map[string]any{"Mobile": tt.mobile})
		delete(resp, "RequestId")
		if diff := cmp.Diff(tt.want, resp); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", tt.action, tt.mobile, diff)
		}
	}
	s.SetResult("MobileNetworkTimeVerification", "-0")
	resp := phoneAnswer(t, s, "MobileNetworkTimeVerification", map[string]any{"Mobile": SamplePhone})
	if resp["Result"] != "-0" || resp["Range"] != SampleRange {
		t.Errorf("forced -0: %v", resp)
	}
	s.SetResult("MobileStatus", "-4")
	resp = phoneAnswer(t, s, "MobileStatus", map[string]any{"Mobile": SamplePhone})
	if resp["Result"] != "-4" || resp["StatusCode"] != 99.0 {
		t.Errorf("forced -4: %v", resp)
	}
	code, msg := apiErr(callAPI(t, s, "MobileStatus", jsonBody(t, map[string]any{"Mobile": "Y2lwaGVy", "Encryption": map[string]any{"EncryptList": []any{"Phone"}, "CiphertextBlob": "b", "Iv": "MDEyMzQ1Njc4OWFiY2RlZg==", "Algorithm": "SM4-GCM"}})))
	if code != "InvalidParameter.UnsupportEncryptField" || !strings.Contains(msg, "MobileStatus encrypts only Mobile") {
		t.Errorf("encrypting Phone: %s %q", code, msg)
	}
}
