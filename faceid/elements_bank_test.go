package faceid

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

// elementActions are the actions of elements_id.go and elements_bank.go.
var elementActions = []string{
	"IdCardVerification", "CheckIdNameDate", "MinorsVerification",
	"BankCard2EVerification", "BankCardVerification", "BankCard4EVerification", "CheckBankCardInformation",
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
	retryOf := map[string]RetryClass{
		"match": RetryUnknown, "mismatch": RetryNever, "answer": RetryNever, "invalid_input": RetryNever,
		"not_found": RetryNever, "unsupported": RetryNever, "unavailable": RetryBackoff, "quota": RetryLater,
	}
	for _, name := range elementActions {
		a, ok := LookupAction(name)
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
	checkP2Results(t, "BankCard2EVerification", &BankCard2EVerificationRequest{Name: faceidtest.SampleName, BankCard: faceidtest.SampleBankCard})
}

// bankCase is a fixture call of a bank-card verification and the answer it gets.
type bankCase struct {
	name   string
	req    Request
	code   string
	billed Billing
}

// runBankCases calls each case through the client and checks the typed answer.
func runBankCases(t *testing.T, action string, pass Request, cases []bankCase) {
	t.Helper()
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, _ := LookupAction(action)
	resp, err := a.Call(context.Background(), c, pass)
	if err != nil || resultOf(resp) != "0" {
		t.Fatalf("pass: resp %+v, err %v", resp, err)
	}
	checkRecorded(t, only(t, srv), action, tc3.Algorithm)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := a.Call(context.Background(), c, tt.req)
			var ve *VerificationError
			if got := resultOf(resp); got != tt.code {
				t.Fatalf("Result %s, want %s (err %v)", got, tt.code, err)
			}
			if !errors.As(err, &ve) || ve.Result != tt.code || ve.Billed != tt.billed || ve.Retry != RetryNever || ve.Meaning == "" {
				t.Errorf("err %#v, want a *VerificationError %s, %s, not worth retrying", err, tt.code, tt.billed)
			}
		})
	}
}

func TestBankCard2EVerificationRoundTrip(t *testing.T) {
	r := func(card string) *BankCard2EVerificationRequest {
		return &BankCard2EVerificationRequest{Name: faceidtest.SampleName, BankCard: card}
	}
	runBankCases(t, "BankCard2EVerification", r(faceidtest.SampleBankCard), []bankCase{
		{"not verified", r(faceidtest.UnverifiedBankCard), "-1", Billed},
		{"wrong holder", r(faceidtest.WrongHolderBankCard), "-4", Billed},
		{"reported lost", r(faceidtest.LostBankCard), "-11", Billed},
	})
}

// Tencent's examples (via tccli): "0" passes, "-4" (cardholder information wrong) is billed.
func TestBankCard2EVerificationExamples(t *testing.T) {
	var ok, holder BankCard2EVerificationResponse
	readExample(t, "bankcard2everification-verified.json", &ok)
	readExample(t, "bankcard2everification-wrongholder.json", &holder)
	if err := ok.Check(); err != nil {
		t.Errorf("verified example: %+v, Check %v", ok, err)
	}
	var ve *VerificationError
	if err := holder.Check(); !errors.As(err, &ve) || ve.Result != "-4" || ve.Description != "持卡人信息有误" || ve.Billed != Billed || ve.Meaning != "the cardholder information is wrong" {
		t.Errorf("wrong-holder example: Check %#v", err)
	}
}

func TestBankCard2EVerificationValidate(t *testing.T) {
	const req = "BankCard2EVerificationRequest"
	r := func(name, card string, enc *Encryption) *BankCard2EVerificationRequest {
		return &BankCard2EVerificationRequest{Name: name, BankCard: card, Encryption: enc}
	}
	const notCard = "is not a bank card number: use its 8 to 19 digits, without spaces or dashes"
	runValidateCases(t, []validateCase{
		{"valid", r("张三", faceidtest.SampleBankCard, nil), nil},
		{"nil", (*BankCard2EVerificationRequest)(nil), map[string]string{req + ".Name": "faceid: BankCard2EVerificationRequest.Name is required: the request is nil"}},
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

// ---------------------------------------------------------------------------------------------
// BankCardVerification

func bank3E(id, card string) *BankCardVerificationRequest {
	return &BankCardVerificationRequest{IdCard: id, Name: faceidtest.SampleName, BankCard: card}
}

func TestBankCardVerificationResults(t *testing.T) {
	checkP2Results(t, "BankCardVerification", bank3E(faceidtest.SampleIdCard, faceidtest.SampleBankCard))
}

func TestBankCardVerificationRoundTrip(t *testing.T) {
	pass := bank3E(faceidtest.SampleIdCard, faceidtest.SampleBankCard)
	pass.CertType = Ptr(int64(0))
	runBankCases(t, "BankCardVerification", pass, []bankCase{
		{"not verified", bank3E(faceidtest.SampleIdCard, faceidtest.UnverifiedBankCard), "-1", Billed},
		{"wrong holder card", bank3E(faceidtest.SampleIdCard, faceidtest.WrongHolderBankCard), "-5", Billed},
		{"mismatching person", bank3E(faceidtest.NameMismatchIdCard, faceidtest.SampleBankCard), "-5", Billed},
		{"reported lost", bank3E(faceidtest.SampleIdCard, faceidtest.LostBankCard), "-12", Billed},
	})
}

func TestBankCardVerificationValidate(t *testing.T) {
	const req = "BankCardVerificationRequest"
	r := func(mod func(*BankCardVerificationRequest)) *BankCardVerificationRequest {
		x := bank3E(faceidtest.SampleIdCard, faceidtest.SampleBankCard)
		mod(x)
		return x
	}
	runValidateCases(t, []validateCase{
		{"valid", r(func(*BankCardVerificationRequest) {}), nil},
		{"CertType 0", r(func(x *BankCardVerificationRequest) { x.CertType = Ptr(int64(0)) }), nil},
		{"nil", (*BankCardVerificationRequest)(nil), map[string]string{req + ".IdCard": "faceid: BankCardVerificationRequest.IdCard is required: the request is nil"}},
		{"empty", &BankCardVerificationRequest{}, map[string]string{
			req + ".IdCard":   "faceid: BankCardVerificationRequest.IdCard is required: set it to the person's 18-character ID-card number",
			req + ".Name":     "faceid: BankCardVerificationRequest.Name is required: set it to the person's name",
			req + ".BankCard": "faceid: BankCardVerificationRequest.BankCard is required: set it to the bank card number",
		}},
		{"CertType 1", r(func(x *BankCardVerificationRequest) { x.CertType = Ptr(int64(1)) }), map[string]string{
			req + ".CertType": "faceid: BankCardVerificationRequest.CertType is 1: only 0 (the mainland resident ID card) is supported: leave it nil"}},
		{"lower-case x and a spaced card", r(func(x *BankCardVerificationRequest) {
			x.IdCard, x.BankCard = "11010119900101001x", "6225 7688 8888 8888"
		}), map[string]string{
			req + ".IdCard":   "faceid: BankCardVerificationRequest.IdCard contains a lower-case x: the ID-card check letter must be upper-case X",
			req + ".BankCard": "faceid: BankCardVerificationRequest.BankCard is not a bank card number: use its 8 to 19 digits, without spaces or dashes",
		}},
		// Tencent's own example sends " 6226090210146748" with a leading space; we refuse it.
		{"leading space in the card", r(func(x *BankCardVerificationRequest) { x.BankCard = " 6226090210146748" }), map[string]string{
			req + ".BankCard": "faceid: BankCardVerificationRequest.BankCard is not a bank card number: use its 8 to 19 digits, without spaces or dashes"}},
		{"encrypted", r(func(x *BankCardVerificationRequest) {
			x.IdCard, x.Name, x.BankCard, x.Encryption = "c", " c", "c", encrypted("IdCard", "Name", "BankCard")
		}), nil},
		{"Phone is not encryptable here", r(func(x *BankCardVerificationRequest) { x.Encryption = encrypted("Phone") }), map[string]string{
			req + ".Encryption.EncryptList[0]": `faceid: BankCardVerificationRequest.Encryption.EncryptList[0] is "Phone", a field BankCardVerification does not encrypt: list only Name, IdCard, BankCard`}},
	})
}

// ---------------------------------------------------------------------------------------------
// BankCard4EVerification

func bank4E(id, card, phone string) *BankCard4EVerificationRequest {
	return &BankCard4EVerificationRequest{Name: faceidtest.SampleName, BankCard: card, Phone: phone, IdCard: id}
}

func TestBankCard4EVerificationResults(t *testing.T) {
	checkP2Results(t, "BankCard4EVerification", bank4E(faceidtest.SampleIdCard, faceidtest.SampleBankCard, "13900000099"))
}

func TestBankCard4EVerificationRoundTrip(t *testing.T) {
	runBankCases(t, "BankCard4EVerification", bank4E(faceidtest.SampleIdCard, faceidtest.SampleBankCard, "13900000099"), []bankCase{
		{"not verified", bank4E(faceidtest.SampleIdCard, faceidtest.UnverifiedBankCard, "13900000099"), "-1", Billed},
		{"wrong holder card", bank4E(faceidtest.SampleIdCard, faceidtest.WrongHolderBankCard, "13900000099"), "-6", Billed},
		{"mismatching person", bank4E(faceidtest.NameMismatchIdCard, faceidtest.SampleBankCard, "13900000099"), "-6", Billed},
		{"reported lost", bank4E(faceidtest.SampleIdCard, faceidtest.LostBankCard, "13900000099"), "-13", Billed},
	})
}

// Tencent's examples (via tccli): "0" passes, "-6" (cardholder information wrong) is billed.
func TestBankCard4EVerificationExamples(t *testing.T) {
	var ok, holder BankCard4EVerificationResponse
	readExample(t, "bankcard4everification-verified.json", &ok)
	readExample(t, "bankcard4everification-wrongholder.json", &holder)
	if err := ok.Check(); err != nil {
		t.Errorf("verified example: %+v, Check %v", ok, err)
	}
	var ve *VerificationError
	if err := holder.Check(); !errors.As(err, &ve) || ve.Result != "-6" || ve.Description != "持卡人信息有误" || ve.Billed != Billed || ve.Meaning != "the cardholder information is wrong" {
		t.Errorf("wrong-holder example: Check %#v", err)
	}
}

func TestBankCard4EVerificationValidate(t *testing.T) {
	const req = "BankCard4EVerificationRequest"
	r := func(mod func(*BankCard4EVerificationRequest)) *BankCard4EVerificationRequest {
		x := bank4E(faceidtest.SampleIdCard, faceidtest.SampleBankCard, "13900000099")
		mod(x)
		return x
	}
	runValidateCases(t, []validateCase{
		{"valid", r(func(*BankCard4EVerificationRequest) {}), nil},
		{"nil", (*BankCard4EVerificationRequest)(nil), map[string]string{req + ".Name": "faceid: BankCard4EVerificationRequest.Name is required: the request is nil"}},
		{"empty", &BankCard4EVerificationRequest{}, map[string]string{
			req + ".Name":     "faceid: BankCard4EVerificationRequest.Name is required: set it to the person's name",
			req + ".BankCard": "faceid: BankCard4EVerificationRequest.BankCard is required: set it to the bank card number",
			req + ".Phone":    "faceid: BankCard4EVerificationRequest.Phone is required: set it to the 11-digit mobile number",
			req + ".IdCard":   "faceid: BankCard4EVerificationRequest.IdCard is required: set it to the person's 18-character ID-card number",
		}},
		{"+86 phone", r(func(x *BankCard4EVerificationRequest) { x.Phone = "+86 139 0000 0099" }), map[string]string{
			req + ".Phone": "faceid: BankCard4EVerificationRequest.Phone is not a mobile number: use its 11 digits, without +86, spaces or dashes"}},
		// Tencent's tccli example sends the card number as Phone and IdCard; we refuse both.
		{"card number as phone and ID", r(func(x *BankCard4EVerificationRequest) {
			x.Phone, x.IdCard = "6222222222222222222", "6222222222222222222"
		}), map[string]string{
			req + ".Phone":  "faceid: BankCard4EVerificationRequest.Phone is not a mobile number: use its 11 digits, without +86, spaces or dashes",
			req + ".IdCard": "faceid: BankCard4EVerificationRequest.IdCard is not an ID-card number: use 18 characters, 17 digits and then a digit or X",
		}},
		{"CertType 2", r(func(x *BankCard4EVerificationRequest) { x.CertType = Ptr(int64(2)) }), map[string]string{
			req + ".CertType": "faceid: BankCard4EVerificationRequest.CertType is 2: only 0 (the mainland resident ID card) is supported: leave it nil"}},
		{"all four encrypted", r(func(x *BankCard4EVerificationRequest) {
			x.Name, x.BankCard, x.Phone, x.IdCard, x.Encryption = "c ", "c", "c", "c", encrypted("Name", "BankCard", "Phone", "IdCard")
		}), nil},
		{"Mobile is not a member here", r(func(x *BankCard4EVerificationRequest) { x.Encryption = encrypted("Mobile") }), map[string]string{
			req + ".Encryption.EncryptList[0]": `faceid: BankCard4EVerificationRequest.Encryption.EncryptList[0] is "Mobile", a field BankCard4EVerification does not encrypt: list only Name, IdCard, Phone, BankCard`}},
	})
}

// ---------------------------------------------------------------------------------------------
// CheckBankCardInformation

func TestCheckBankCardInformationResults(t *testing.T) {
	checkP2Results(t, "CheckBankCardInformation", &CheckBankCardInformationRequest{BankCard: faceidtest.SampleBankCard})
}

func TestCheckBankCardInformationRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	resp, err := c.CheckBankCardInformation(ctx, &CheckBankCardInformationRequest{BankCard: faceidtest.SampleBankCard})
	if err != nil || resp.Result != "0" || resp.AccountBank != faceidtest.SampleAccountBank || resp.AccountType == nil || *resp.AccountType != BankCardCredit {
		t.Fatalf("found: resp %+v, err %v", resp, err)
	}
	rec := only(t, srv)
	checkRecorded(t, rec, "CheckBankCardInformation", tc3.Algorithm)
	if sentBodyField(t, rec, "BankCard") != faceidtest.SampleBankCard {
		t.Errorf("sent body %s", rec.Body)
	}
	tests := []struct {
		card   string
		code   string
		billed Billing
	}{
		{faceidtest.NoInfoBankCard, "-1", Billed},
		{faceidtest.UnknownBankCard, "-3", NotBilled},
		{faceidtest.UnsupportedBankCard, "-6", NotBilled},
	}
	for _, tt := range tests {
		resp, err := c.CheckBankCardInformation(ctx, &CheckBankCardInformationRequest{BankCard: tt.card})
		var ve *VerificationError
		if resp == nil || resp.Result != tt.code || resp.AccountBank != "" || !errors.As(err, &ve) || ve.Billed != tt.billed || ve.Retry != RetryNever {
			t.Errorf("card %s: resp %+v, err %#v; want Result %s, %s", tt.card, resp, err, tt.code, tt.billed)
		}
	}
}

// Tencent's example (tccli): found, a debit card of ICBC.
func TestCheckBankCardInformationExample(t *testing.T) {
	var r CheckBankCardInformationResponse
	readExample(t, "checkbankcardinformation-found.json", &r)
	if err := r.Check(); err != nil || r.AccountBank != "中国工商银行" || r.AccountType == nil || *r.AccountType != BankCardDebit {
		t.Errorf("example: %+v, Check %v", r, err)
	}
}

func TestCheckBankCardInformationValidate(t *testing.T) {
	const req = "CheckBankCardInformationRequest"
	runValidateCases(t, []validateCase{
		{"valid", &CheckBankCardInformationRequest{BankCard: faceidtest.SampleBankCard}, nil},
		{"nil", (*CheckBankCardInformationRequest)(nil), map[string]string{req + ".BankCard": "faceid: CheckBankCardInformationRequest.BankCard is required: the request is nil"}},
		{"empty", &CheckBankCardInformationRequest{}, map[string]string{
			req + ".BankCard": "faceid: CheckBankCardInformationRequest.BankCard is required: set it to the bank card number"}},
		{"7 digits", &CheckBankCardInformationRequest{BankCard: "6225768"}, map[string]string{
			req + ".BankCard": "faceid: CheckBankCardInformationRequest.BankCard is not a bank card number: use its 8 to 19 digits, without spaces or dashes"}},
		{"NUL in the card", &CheckBankCardInformationRequest{BankCard: "62257688\x0088888888"}, map[string]string{
			req + ".BankCard": "faceid: CheckBankCardInformationRequest.BankCard is not a bank card number: use its 8 to 19 digits, without spaces or dashes\n" +
				"faceid: CheckBankCardInformationRequest.BankCard has the control character U+0000 at byte 8: remove it (names, numbers and texts carry no control characters)"}},
		{"encrypted", &CheckBankCardInformationRequest{BankCard: "c2VjcmV0==", Encryption: encrypted("BankCard")}, nil},
		{"Name is not encryptable here", &CheckBankCardInformationRequest{BankCard: faceidtest.SampleBankCard, Encryption: encrypted("BankCard", "Name")}, map[string]string{
			req + ".Encryption.EncryptList[1]": `faceid: CheckBankCardInformationRequest.Encryption.EncryptList[1] is "Name", a field CheckBankCardInformation does not encrypt: list only BankCard`}},
	})
}

// Field encryption reaches the element actions: EncryptFields seals the members, the stand-in
// decrypts them with its key and answers for the plaintext (the fixtures still apply), and the
// plaintext never goes on the wire.
func TestElementActionsEncryptFields(t *testing.T) {
	runEncryptFieldsCases(t, []encryptFieldsCase{
		{"BankCard4EVerification lost card", bank4E(faceidtest.SampleIdCard, faceidtest.LostBankCard, "13900000099"), []string{"Phone", "BankCard", "IdCard"},
			[]string{"13900000099", faceidtest.LostBankCard, faceidtest.SampleIdCard}, "-13"},
		{"BankCard2EVerification pass", &BankCard2EVerificationRequest{Name: faceidtest.SampleName, BankCard: faceidtest.SampleBankCard}, []string{"Name", "BankCard"},
			[]string{faceidtest.SampleName, faceidtest.SampleBankCard}, "0"},
		{"MinorsVerification minor's mobile", &MinorsVerificationRequest{Type: MinorsByMobile, Mobile: Ptr(faceidtest.MinorsMinorMobile)}, []string{"Mobile"},
			[]string{faceidtest.MinorsMinorMobile}, "-1"},
		{"CheckIdNameDate no record", &CheckIdNameDateRequest{Name: faceidtest.SampleName, IdCard: faceidtest.NoRecordIdCard, ValidityBegin: "20160204", ValidityEnd: ValidityLongTerm}, []string{"IdCard"},
			[]string{faceidtest.NoRecordIdCard}, "-7"},
		{"CheckBankCardInformation example card", &CheckBankCardInformationRequest{BankCard: faceidtest.SampleBankCard}, []string{"BankCard"},
			[]string{faceidtest.SampleBankCard}, "0"},
	})
}

// encryptFieldsCase is one EncryptFields round trip of an element action: the request in
// plaintext, the members to encrypt, the plaintexts that must not go on the wire, and the
// Result the stand-in answers once it has decrypted them.
type encryptFieldsCase struct {
	name   string
	req    Request
	fields []string
	plain  []string
	code   string
}

// runEncryptFieldsCases runs each case against a stand-in whose key the client encrypts for.
func runEncryptFieldsCases(t *testing.T, tests []encryptFieldsCase) {
	t.Helper()
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, func(cfg *Config) { cfg.EncryptionPublicKey = faceidtest.EncryptionPublicKey() })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Reset()
			ctx, err := c.EncryptFields(context.Background(), tt.req, tt.fields...)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Call(ctx, tt.req)
			if got := resultOf(resp); got != tt.code || (tt.code == "0") != (err == nil) {
				t.Fatalf("Result %s err %v, want %s", got, err, tt.code)
			}
			rec := only(t, srv)
			for _, p := range tt.plain {
				if strings.Contains(string(rec.Body), p) {
					t.Errorf("the body sent carries the plaintext %q", p)
				}
			}
		})
	}
}
