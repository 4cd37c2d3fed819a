package faceidtest

import (
	"strings"
	"testing"
)

// elementCase is one call of an element action to the stand-in: either the Result it answers
// (and the AgeRange, etc., in extra) or the API error it refuses with.
type elementCase struct {
	name   string
	body   map[string]any
	result string         // the Result answered; "" when an error is expected
	extra  map[string]any // other members the answer must carry
	code   string         // the error code expected
	naming string         // a text the error message must contain
}

// runElementCases calls action with each case's body, and with SetResult unset.
func runElementCases(t *testing.T, action string, cases []elementCase) {
	t.Helper()
	s := newTestServer(t, Options{})
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			resp := callAPI(t, s, action, jsonBody(t, tt.body))
			code, msg := apiErr(resp)
			if tt.code != "" {
				if code != tt.code || !strings.Contains(msg, tt.naming) {
					t.Errorf("got %s %q, want %s naming %q", code, msg, tt.code, tt.naming)
				}
				return
			}
			if code != "" {
				t.Fatalf("error %s: %s", code, msg)
			}
			if resp["Result"] != tt.result {
				t.Errorf("Result %v, want %q (answer %v)", resp["Result"], tt.result, resp)
			}
			if d, _ := resp["Description"].(string); d == "" {
				t.Errorf("Description is empty: the documented meaning of %v is missing", resp["Result"])
			}
			for k, want := range tt.extra {
				if resp[k] != want {
					t.Errorf("%s = %v (%T), want %v (%T)", k, resp[k], resp[k], want, want)
				}
			}
		})
	}
}

// with returns a copy of body with the members of set changed (a nil value deletes).
func with(body map[string]any, set map[string]any) map[string]any {
	out := make(map[string]any, len(body)+len(set))
	for k, v := range body {
		out[k] = v
	}
	for k, v := range set {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out
}

// encrypting is an SM4-GCM Encryption block: the stand-in does not model SM2/SM4, so the
// members it names stay ciphertext and unchecked. AES-256-CBC envelopes are decrypted and
// checked as plaintext (encryption_test.go).
func encrypting(fields ...string) map[string]any {
	list := make([]any, len(fields))
	for i, f := range fields {
		list[i] = f
	}
	return map[string]any{"EncryptList": list, "CiphertextBlob": "blob", "Iv": "0123456789abcdef", "Algorithm": "SM4-GCM"}
}

func TestIdCardVerificationStandIn(t *testing.T) {
	ok := map[string]any{"IdCard": SampleIdCard, "Name": SampleName}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "IdCard", "Name")
	runElementCases(t, "IdCardVerification", []elementCase{
		{name: "match", body: ok, result: "0"},
		{name: "fixture mismatch", body: with(ok, map[string]any{"IdCard": NameMismatchIdCard}), result: "-1"},
		{name: "lower-case x", body: with(ok, map[string]any{"IdCard": "11010119900101001x"}), result: "-2"},
		{name: "17 characters", body: with(ok, map[string]any{"IdCard": "11010119900101001"}), result: "-2"},
		{name: "15-digit first-generation number", body: with(ok, map[string]any{"IdCard": "110101900101001"}), result: "-2"},
		{name: "name with a trailing space", body: with(ok, map[string]any{"Name": "张三 "}), result: "-3"},
		{name: "name with a digit", body: with(ok, map[string]any{"Name": "张三3"}), result: "-3"},
		{name: "fixture no record", body: with(ok, map[string]any{"IdCard": NoRecordIdCard}), result: "-5"},
		{name: "encrypted, decrypted, passes", body: map[string]any{"IdCard": seal(SampleIdCard), "Name": seal(SampleName), "Encryption": enc}, result: "0"},
		{name: "encrypted fixture mismatch", body: map[string]any{"IdCard": seal(NameMismatchIdCard), "Name": seal(SampleName), "Encryption": enc}, result: "-1"},
		{name: "encrypted lower-case x", body: map[string]any{"IdCard": seal("11010119900101001x"), "Name": seal(SampleName), "Encryption": enc}, result: "-2"},
		{name: "ciphertext without a key the stand-in opens", body: with(ok, map[string]any{"Encryption": with(encrypting("Name"), map[string]any{"Iv": "MDEyMzQ1Njc4OWFiY2RlZg==", "Algorithm": "AES-256-CBC"})}),
			code: "FailedOperation.DecryptSystemError", naming: "`Encryption.CiphertextBlob`"},
		{name: "a field the action does not encrypt", body: with(ok, map[string]any{"Encryption": encrypting("Name", "Phone")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "`Encryption.EncryptList.1` is \"Phone\""},
		{name: "unknown algorithm", body: with(ok, map[string]any{"Encryption": with(encrypting("Name"), map[string]any{"Algorithm": "DES"})}),
			code: "InvalidParameterValue", naming: "`Encryption.Algorithm`"},
	})
}

func TestCheckIdNameDateStandIn(t *testing.T) {
	ok := map[string]any{"Name": SampleName, "IdCard": SampleIdCard, "ValidityBegin": "20160204", "ValidityEnd": "20360204"}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "IdCard")
	runElementCases(t, "CheckIdNameDate", []elementCase{
		{name: "match", body: ok, result: "0"},
		{name: "valid for life", body: with(ok, map[string]any{"ValidityEnd": "00000000"}), result: "0"},
		{name: "fixture mismatch", body: with(ok, map[string]any{"IdCard": NameMismatchIdCard}), result: "-1"},
		{name: "lower-case x", body: with(ok, map[string]any{"IdCard": "11010119900101001x"}), result: "-2"},
		{name: "name with a leading space", body: with(ok, map[string]any{"Name": " 张三"}), result: "-3"},
		{name: "begin with dashes", body: with(ok, map[string]any{"ValidityBegin": "2016-02-04"}), result: "-4"},
		{name: "begin not a day", body: with(ok, map[string]any{"ValidityBegin": "20160230"}), result: "-4"},
		{name: "begin 00000000", body: with(ok, map[string]any{"ValidityBegin": "00000000"}), result: "-4"},
		{name: "end as text", body: with(ok, map[string]any{"ValidityEnd": "长期"}), result: "-4"},
		{name: "fixture invalid identity", body: with(ok, map[string]any{"IdCard": InvalidIdentityIdCard}), result: "-5"},
		{name: "fixture no record", body: with(ok, map[string]any{"IdCard": NoRecordIdCard}), result: "-7"},
		{name: "encrypted fixture no record", body: with(ok, map[string]any{"IdCard": seal(NoRecordIdCard), "Encryption": enc}), result: "-7"},
		{name: "encrypted 17 characters", body: with(ok, map[string]any{"IdCard": seal("11010119900101001"), "Encryption": enc}), result: "-2"},
		{name: "dates are never encrypted", body: with(ok, map[string]any{"Encryption": encrypting("ValidityEnd")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "CheckIdNameDate encrypts only Name and IdCard"},
		{name: "dates required", body: with(ok, map[string]any{"ValidityEnd": nil}), code: "MissingParameter", naming: "`ValidityEnd`"},
	})
}

func TestMinorsVerificationStandIn(t *testing.T) {
	byMobile := map[string]any{"Type": "0", "Mobile": "13900000099"}
	byID := map[string]any{"Type": "1", "IdCard": SampleIdCard, "Name": SampleName}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "Mobile", "IdCard")
	runElementCases(t, "MinorsVerification", []elementCase{
		{name: "mobile of an adult", body: byMobile, result: "0", extra: map[string]any{"AgeRange": "[18,+)"}},
		{name: "fixture minor mobile", body: with(byMobile, map[string]any{"Mobile": MinorsMinorMobile}), result: "-1", extra: map[string]any{"AgeRange": "[0,8)"}},
		{name: "fixture mobile without data", body: with(byMobile, map[string]any{"Mobile": MinorsNoDataMobile}), result: "-2", extra: map[string]any{"AgeRange": ""}},
		{name: "mobile with +86", body: with(byMobile, map[string]any{"Mobile": "+8613900000099"}), code: "InvalidParameter", naming: "`Mobile`"},
		{name: "11 digits, not a mobile number", body: with(byMobile, map[string]any{"Mobile": "23900000099"}), code: "InvalidParameter", naming: "`Mobile`"},
		{name: "Type 0 without Mobile", body: with(byMobile, map[string]any{"Mobile": nil}), code: "MissingParameter", naming: "`Mobile` is required when `Type` is 0"},
		{name: "encrypted fixture minor mobile", body: with(byMobile, map[string]any{"Mobile": seal(MinorsMinorMobile), "IdCard": seal(SampleIdCard), "Encryption": enc}), result: "-1", extra: map[string]any{"AgeRange": "[0,8)"}},
		{name: "encrypted +86 mobile", body: with(byMobile, map[string]any{"Mobile": seal("+8613900000099"), "IdCard": seal(SampleIdCard), "Encryption": enc}), code: "InvalidParameter", naming: "`Mobile`"},
		{name: "encrypted minor's ID", body: with(byID, map[string]any{"Mobile": seal("13900000099"), "IdCard": seal(MinorIdCard), "Encryption": enc}), result: "-1", extra: map[string]any{"AgeRange": "[8,16)"}},
		{name: "adult by ID (born 1990)", body: byID, result: "0", extra: map[string]any{"AgeRange": "[18,+)"}},
		{name: "minor by ID (born 2018, 8 in 2026)", body: with(byID, map[string]any{"IdCard": MinorIdCard}), result: "-1", extra: map[string]any{"AgeRange": "[8,16)"}},
		{name: "17 on the day before the 18th birthday", body: with(byID, map[string]any{"IdCard": "110101200811280011"}), result: "-1", extra: map[string]any{"AgeRange": "[16,18)"}},
		{name: "18 on the birthday", body: with(byID, map[string]any{"IdCard": "110101200811270011"}), result: "0", extra: map[string]any{"AgeRange": "[18,+)"}},
		{name: "under 8", body: with(byID, map[string]any{"IdCard": "110101202001010011"}), result: "-1", extra: map[string]any{"AgeRange": "[0,8)"}},
		{name: "fixture name mismatch", body: with(byID, map[string]any{"IdCard": NameMismatchIdCard}), result: "-3", extra: map[string]any{"AgeRange": ""}},
		{name: "lower-case x", body: with(byID, map[string]any{"IdCard": "11010119900101001x"}), result: "-4"},
		{name: "birth date 19901301", body: with(byID, map[string]any{"IdCard": "110101199013010011"}), result: "-4"},
		{name: "born after today", body: with(byID, map[string]any{"IdCard": "110101202701010011"}), result: "-4"},
		{name: "name with a trailing space", body: with(byID, map[string]any{"Name": "张三 "}), result: "-5"},
		{name: "fixture no record", body: with(byID, map[string]any{"IdCard": NoRecordIdCard}), result: "-7"},
		{name: "Type 1 without Name", body: with(byID, map[string]any{"Name": nil}), code: "MissingParameter", naming: "`Name` is required when `Type` is 1"},
		{name: "Type 2", body: with(byID, map[string]any{"Type": "2"}), code: "InvalidParameterValue", naming: "`Type`"},
		{name: "a field the action does not encrypt", body: with(byID, map[string]any{"Encryption": encrypting("Type")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "MinorsVerification encrypts only Name, IdCard and Mobile"},
	})
}

// A code forced by SetResult carries the AgeRange that goes with it.
func TestMinorsVerificationForcedAgeRange(t *testing.T) {
	s := newTestServer(t, Options{})
	body := jsonBody(t, map[string]any{"Type": "1", "IdCard": SampleIdCard, "Name": SampleName})
	for code, age := range map[string]string{"0": "[18,+)", "-1": "[16,18)", "-3": "", "-6": "", "-8": ""} {
		s.SetResult("MinorsVerification", code)
		resp := mustOK(t, callAPI(t, s, "MinorsVerification", body))
		if resp["Result"] != code || resp["AgeRange"] != age {
			t.Errorf("SetResult %s: Result %v AgeRange %v, want %s %q", code, resp["Result"], resp["AgeRange"], code, age)
		}
	}
}
