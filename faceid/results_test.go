package faceid

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A P2 table as an action file writes it: rows from the action's Tencent page (here
// BankCard2EVerification's, https://cloud.tencent.com/document/api/1007/35776, a part of it).
var testP2 = newResultTable("BankCard2EVerification",
	ResultCode{Code: "0", Meaning: "verified", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "not verified", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "name failed format check", Billed: NotBilled},
	ResultCode{Code: "-16", Meaning: "verification centre busy", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-17", Meaning: "attempt limit reached, retry next day", Billed: NotBilled, Retry: RetryLater},
)

func TestResultTableCheck(t *testing.T) {
	tests := []struct {
		result string
		want   *VerificationError // nil = passed
		msg    string
	}{
		{"0", nil, ""},
		{"-1", &VerificationError{Action: "BankCard2EVerification", Family: FamilyP2, Result: "-1", Description: "认证未通过", Meaning: "not verified", Billed: Billed, Retry: RetryNever, RequestId: "r"},
			"faceid: BankCard2EVerification: the elements did not pass verification: Result -1 (认证未通过): not verified; billed; retrying gives the same answer; RequestId r"},
		{"-2", &VerificationError{Action: "BankCard2EVerification", Family: FamilyP2, Result: "-2", Description: "认证未通过", Meaning: "name failed format check", Billed: NotBilled, Retry: RetryNever, RequestId: "r"},
			"faceid: BankCard2EVerification: the elements did not pass verification: Result -2 (认证未通过): name failed format check; not billed; retrying gives the same answer; RequestId r"},
		{"-16", &VerificationError{Action: "BankCard2EVerification", Family: FamilyP2, Result: "-16", Description: "认证未通过", Meaning: "verification centre busy", Billed: NotBilled, Retry: RetryBackoff, RequestId: "r"},
			"faceid: BankCard2EVerification: the elements did not pass verification: Result -16 (认证未通过): verification centre busy; not billed; the verification did not complete on Tencent's side and may be retried (billable); RequestId r"},
		{"-17", &VerificationError{Action: "BankCard2EVerification", Family: FamilyP2, Result: "-17", Description: "认证未通过", Meaning: "attempt limit reached, retry next day", Billed: NotBilled, Retry: RetryLater, RequestId: "r"},
			"faceid: BankCard2EVerification: the elements did not pass verification: Result -17 (认证未通过): attempt limit reached, retry next day; not billed; a limit was reached: retry later (the next day), not automatically; RequestId r"},
		{"-99", &VerificationError{Action: "BankCard2EVerification", Family: FamilyP2, Result: "-99", Description: "认证未通过", RequestId: "r"},
			"faceid: BankCard2EVerification: the elements did not pass verification: Result -99 (认证未通过): not a value Tencent documents for this action; RequestId r"},
		{"", &VerificationError{Action: "BankCard2EVerification", Family: FamilyP2, Description: "认证未通过", RequestId: "r"}, ""},
	}
	for _, tt := range tests {
		t.Run("Result "+tt.result, func(t *testing.T) {
			err := testP2.check(tt.result, "认证未通过", "r")
			if tt.want == nil {
				if err != nil {
					t.Fatalf("check = %v, want nil", err)
				}
				return
			}
			var ve *VerificationError
			if !errors.As(err, &ve) {
				t.Fatalf("check = %v, want a *VerificationError", err)
			}
			if diff := cmp.Diff(tt.want, ve); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if tt.msg != "" && ve.Error() != tt.msg {
				t.Errorf("message\n got %s\nwant %s", ve.Error(), tt.msg)
			}
			if ve.Retryable() != (ve.Retry == RetryBackoff) {
				t.Errorf("Retryable() = %v with Retry %v", ve.Retryable(), ve.Retry)
			}
		})
	}
	if c, ok := testP2.Lookup("-1"); !ok || c.Meaning != "not verified" || len(testP2.Codes()) != 5 {
		t.Errorf("Lookup/Codes: %+v %v %d", c, ok, len(testP2.Codes()))
	}
}

func TestResultTableDuplicatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a duplicate code did not panic")
		}
	}()
	newResultTable("X", ResultCode{Code: "0"}, ResultCode{Code: "0"})
}

// A level table as DetectAIFakeFaces would write it: High is an error, Low and Mid pass.
var testLevels = newLevelTable("DetectAIFakeFaces", "AttackRiskLevel",
	Level{Value: "Low", Meaning: "no attack found", Pass: true},
	Level{Value: "Mid", Meaning: "a suspected attack", Pass: true},
	Level{Value: "High", Meaning: "an attack"},
)

func TestLevelTableCheck(t *testing.T) {
	for _, v := range []string{"Low", "Mid"} {
		if err := testLevels.check(v, "r"); err != nil {
			t.Errorf("check(%s) = %v, want nil", v, err)
		}
	}
	tests := map[string]string{
		"High": "faceid: DetectAIFakeFaces: the person did not pass verification: Result High: AttackRiskLevel High: an attack; retrying gives the same answer; RequestId r",
		"":     "faceid: DetectAIFakeFaces: the person did not pass verification: the response carried no result value: not a value Tencent documents for this action; RequestId r",
		"Top":  "faceid: DetectAIFakeFaces: the person did not pass verification: Result Top: not a value Tencent documents for this action; RequestId r",
	}
	for v, want := range tests {
		err := testLevels.check(v, "r")
		var ve *VerificationError
		if !errors.As(err, &ve) || ve.Family != FamilyLevel || ve.Result != v {
			t.Fatalf("check(%q) = %#v", v, err)
		}
		if ve.Error() != want {
			t.Errorf("check(%q)\n got %s\nwant %s", v, ve.Error(), want)
		}
	}
	if l, ok := testLevels.Lookup("High"); !ok || l.Pass {
		t.Errorf("Lookup(High) = %+v, %v", l, ok)
	}
}

func TestFamilyAndBillingStrings(t *testing.T) {
	got := []string{FamilyNone.String(), FamilyP1.String(), FamilyP2.String(), FamilyLevel.String(), FamilyFlow.String(),
		BilledUnknown.String(), Billed.String(), NotBilled.String(), RetryLater.String()}
	want := []string{"none", "P1", "P2", "level", "flow", "unknown", "billed", "not billed", "later"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Error(diff)
	}
}

// Outside the element checks a failing P2 or level answer is about a person, and the error
// says so: GetFaceIdResult's codes and eID's timeout are not "elements".
func TestVerificationErrorSubject(t *testing.T) {
	for action, want := range map[string]string{
		"GetFaceIdResult":     "faceid: GetFaceIdResult: the person did not pass verification: ",
		"CheckEidTokenStatus": "faceid: CheckEidTokenStatus: the person did not pass verification: ",
		"IdCardVerification":  "faceid: IdCardVerification: the elements did not pass verification: ",
	} {
		err := &VerificationError{Action: action, Family: FamilyP2, Result: "-1"}
		if got := err.Error(); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want the prefix %q", action, got, want)
		}
	}
}
