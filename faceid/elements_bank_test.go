package faceid_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

// elementActions are the actions of elements_id.go and elements_bank.go.
var elementActions = []string{
	"IdCardVerification", "CheckIdNameDate", "MinorsVerification",
	"BankCard2EVerification",
}

// TestElementRetryClassesMatchSchema: each code's Retry is the one of its schema class
// (match: none; mismatch, answer, invalid_input, not_found, unsupported: RetryNever;
// unavailable: RetryBackoff; quota: RetryLater), which the shared table test does not compare.
func TestElementRetryClassesMatchSchema(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("faceidtest", "schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Actions map[string]struct {
			Result struct {
				Codes []struct{ Code, Class string }
			}
		}
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	retryOf := map[string]faceid.RetryClass{
		"match": faceid.RetryUnknown, "mismatch": faceid.RetryNever, "answer": faceid.RetryNever, "invalid_input": faceid.RetryNever,
		"not_found": faceid.RetryNever, "unsupported": faceid.RetryNever, "unavailable": faceid.RetryBackoff, "quota": faceid.RetryLater,
	}
	for _, name := range elementActions {
		a, ok := faceid.LookupAction(name)
		if !ok {
			t.Errorf("%s is not in the table", name)
			continue
		}
		codes := s.Actions[name].Result.Codes
		if len(codes) == 0 {
			t.Errorf("%s: no codes in schema.json", name)
		}
		for _, sc := range codes {
			want, known := retryOf[sc.Class]
			row, ok := a.Results.Lookup(sc.Code)
			if !known || !ok || row.Retry != want {
				t.Errorf("%s Result %s (class %s): Retry %v, want %v", name, sc.Code, sc.Class, row.Retry, want)
			}
		}
	}
}

// ---------------------------------------------------------------------------------------------
// BankCard2EVerification

func TestBankCard2EVerificationResults(t *testing.T) {
	checkP2Results(t, "BankCard2EVerification", &faceid.BankCard2EVerificationRequest{Name: faceidtest.SampleName, BankCard: faceidtest.SampleBankCard})
}

// bankCase is a fixture call of a bank-card verification and the answer it gets.
type bankCase struct {
	name   string
	req    faceid.Request
	code   string
	billed faceid.Billing
}

// runBankCases calls each case through the client and checks the typed answer.
func runBankCases(t *testing.T, action string, pass faceid.Request, cases []bankCase) {
	t.Helper()
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, _ := faceid.LookupAction(action)
	resp, err := a.Call(context.Background(), c, pass)
	if err != nil || resultOf(resp) != "0" {
		t.Fatalf("pass: resp %+v, err %v", resp, err)
	}
	checkRecorded(t, only(t, srv), action, tc3.Algorithm)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := a.Call(context.Background(), c, tt.req)
			var ve *faceid.VerificationError
			if got := resultOf(resp); got != tt.code {
				t.Fatalf("Result %s, want %s (err %v)", got, tt.code, err)
			}
			if !errors.As(err, &ve) || ve.Result != tt.code || ve.Billed != tt.billed || ve.Retry != faceid.RetryNever || ve.Meaning == "" {
				t.Errorf("err %#v, want a *VerificationError %s, %s, not worth retrying", err, tt.code, tt.billed)
			}
		})
	}
}

func TestBankCard2EVerificationRoundTrip(t *testing.T) {
	r := func(card string) *faceid.BankCard2EVerificationRequest {
		return &faceid.BankCard2EVerificationRequest{Name: faceidtest.SampleName, BankCard: card}
	}
	runBankCases(t, "BankCard2EVerification", r(faceidtest.SampleBankCard), []bankCase{
		{"not verified", r(faceidtest.UnverifiedBankCard), "-1", faceid.Billed},
		{"wrong holder", r(faceidtest.WrongHolderBankCard), "-4", faceid.Billed},
		{"reported lost", r(faceidtest.LostBankCard), "-11", faceid.Billed},
	})
}

// Tencent's examples (via tccli): "0" passes, "-4" (cardholder information wrong) is billed.
func TestBankCard2EVerificationExamples(t *testing.T) {
	var ok, holder faceid.BankCard2EVerificationResponse
	readExample(t, "bankcard2everification-verified.json", &ok)
	readExample(t, "bankcard2everification-wrongholder.json", &holder)
	if err := ok.Check(); err != nil {
		t.Errorf("verified example: %+v, Check %v", ok, err)
	}
	var ve *faceid.VerificationError
	if err := holder.Check(); !errors.As(err, &ve) || ve.Result != "-4" || ve.Description != "持卡人信息有误" || ve.Billed != faceid.Billed || ve.Meaning != "the cardholder information is wrong" {
		t.Errorf("wrong-holder example: Check %#v", err)
	}
}

func TestBankCard2EVerificationValidate(t *testing.T) {
	const req = "BankCard2EVerificationRequest"
	r := func(name, card string, enc *faceid.Encryption) *faceid.BankCard2EVerificationRequest {
		return &faceid.BankCard2EVerificationRequest{Name: name, BankCard: card, Encryption: enc}
	}
	const notCard = "is not a bank card number: use its 8 to 19 digits, without spaces or dashes"
	runValidateCases(t, []validateCase{
		{"valid", r("张三", faceidtest.SampleBankCard, nil), nil},
		{"nil", (*faceid.BankCard2EVerificationRequest)(nil), map[string]string{req + ".Name": "faceid: BankCard2EVerificationRequest.Name is required: the request is nil"}},
		{"empty", r("", "", nil), map[string]string{
			req + ".Name":     "faceid: BankCard2EVerificationRequest.Name is required: set it to the person's name",
			req + ".BankCard": "faceid: BankCard2EVerificationRequest.BankCard is required: set it to the bank card number",
		}},
		{"spaced card", r("张三", "6225 7688 8888 8888", nil), map[string]string{req + ".BankCard": "faceid: " + req + ".BankCard " + notCard}},
		{"dashed card", r("张三", "6225-7688-8888-8888", nil), map[string]string{req + ".BankCard": "faceid: " + req + ".BankCard " + notCard}},
		{"20 digits", r("张三", "62257688888888888888", nil), map[string]string{req + ".BankCard": "faceid: " + req + ".BankCard " + notCard}},
		{"encrypted card", r("张三", "c2VjcmV0==", encrypted("BankCard")), nil},
		{"IdCard is not encryptable here", r("张三", faceidtest.SampleBankCard, encrypted("IdCard")), map[string]string{
			req + ".Encryption.EncryptList[0]": `faceid: BankCard2EVerificationRequest.Encryption.EncryptList[0] is "IdCard", a field BankCard2EVerification does not encrypt: list only Name, BankCard`}},
	})
}
