package faceid

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

// Tests of the element actions of elements_id.go, and the helpers elements_bank_test.go shares.

// validateCase is one Validate call: the errors wanted, by "Request.Field", with their text
// (nil: valid).
type validateCase struct {
	name string
	req  Request
	want map[string]string
}

func runValidateCases(t *testing.T, cases []validateCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == nil {
				want = map[string]string{}
			}
			if diff := cmp.Diff(want, fieldErrors(tt.req.Validate())); diff != "" {
				t.Errorf("Validate (-want +got):\n%s", diff)
			}
		})
	}
}

// resultOf returns the Result member of a response of this package.
func resultOf(resp any) string {
	rv := reflect.ValueOf(resp)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return "<nil response>"
	}
	return rv.Elem().FieldByName("Result").String()
}

// checkP2Results forces every documented Result of action on the stand-in and calls req
// through the client: the passing codes give a nil error, every other code a
// *VerificationError with the table's meaning, billing and retry class, and the response with
// the raw Result.
func checkP2Results(t *testing.T, action string, req Request) {
	t.Helper()
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, ok := LookupAction(action)
	if !ok || a.Family != FamilyP2 || a.Results == nil {
		t.Fatalf("%s: row %+v is not a P2 row with a code table", action, a)
	}
	codes := a.Results.Codes()
	if len(codes) == 0 {
		t.Fatalf("%s: empty code table", action)
	}
	for _, row := range codes {
		t.Run("Result "+row.Code, func(t *testing.T) {
			srv.SetResult(action, row.Code)
			resp, err := a.Call(context.Background(), c, req)
			if got := resultOf(resp); got != row.Code {
				t.Fatalf("response Result %q, want %q (err %v)", got, row.Code, err)
			}
			if row.Pass {
				if err != nil {
					t.Fatalf("err = %v, want nil for a passing code", err)
				}
				return
			}
			var ve *VerificationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %#v, want a *VerificationError", err)
			}
			want := VerificationError{Action: action, Family: FamilyP2, Result: row.Code, Meaning: row.Meaning, Billed: row.Billed, Retry: row.Retry}
			got := *ve
			got.Description, got.RequestId = "", ""
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("VerificationError (-want +got):\n%s", diff)
			}
			if ve.RequestId == "" || ve.Description == "" {
				t.Errorf("RequestId %q, Description %q: both must come from the answer", ve.RequestId, ve.Description)
			}
			if row.Retry == RetryUnknown {
				t.Errorf("code %s has no retry class", row.Code)
			}
		})
	}
	srv.SetResult(action, "")
}

// readExample decodes the Response object of testdata/responses/name into v.
func readExample(t *testing.T, name string, v any) {
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

// ---------------------------------------------------------------------------------------------
// IdCardVerification

func TestIdCardVerificationResults(t *testing.T) {
	checkP2Results(t, "IdCardVerification", &IdCardVerificationRequest{IdCard: faceidtest.SampleIdCard, Name: faceidtest.SampleName})
}

func TestIdCardVerificationRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	resp, err := c.IdCardVerification(ctx, &IdCardVerificationRequest{IdCard: faceidtest.SampleIdCard, Name: faceidtest.SampleName})
	if err != nil || resp.Result != "0" || resp.RequestId == "" {
		t.Fatalf("pass: resp %+v, err %v", resp, err)
	}
	rec := only(t, srv)
	checkRecorded(t, rec, "IdCardVerification", tc3.Algorithm)
	if sentBodyField(t, rec, "IdCard") != faceidtest.SampleIdCard || sentBodyField(t, rec, "Name") != faceidtest.SampleName {
		t.Errorf("sent body %s", rec.Body)
	}

	// The fixture inputs force their codes without SetResult.
	for id, code := range map[string]string{faceidtest.NameMismatchIdCard: "-1", faceidtest.NoRecordIdCard: "-5"} {
		resp, err = c.IdCardVerification(ctx, &IdCardVerificationRequest{IdCard: id, Name: faceidtest.SampleName})
		var ve *VerificationError
		if resp == nil || resp.Result != code || !errors.As(err, &ve) || ve.Result != code {
			t.Errorf("IdCard %s: resp %+v, err %v; want Result %s as a *VerificationError", id, resp, err, code)
		}
	}
	// A mismatch is a billed, final answer; no record is not billed and not worth retrying.
	_, err = c.IdCardVerification(ctx, &IdCardVerificationRequest{IdCard: faceidtest.NameMismatchIdCard, Name: faceidtest.SampleName})
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Billed != Billed || ve.Retry != RetryNever {
		t.Errorf("mismatch: %#v", err)
	}
}

// Tencent's two examples of the page (via tccli): "0" passes, "-1" is a billed mismatch.
func TestIdCardVerificationExamples(t *testing.T) {
	var ok, mismatch IdCardVerificationResponse
	readExample(t, "idcardverification-match.json", &ok)
	readExample(t, "idcardverification-mismatch.json", &mismatch)
	if err := ok.Check(); err != nil || ok.Description != "姓名和身份证号一致" {
		t.Errorf("match example: %+v, Check %v", ok, err)
	}
	var ve *VerificationError
	if err := mismatch.Check(); !errors.As(err, &ve) || ve.Result != "-1" || ve.Billed != Billed || ve.RequestId != "80c7abb8-4563-4636-98c3-0499f1611a33" {
		t.Errorf("mismatch example: Check %#v", err)
	}
	var none *IdCardVerificationResponse
	if err := none.Check(); !errors.As(err, &ve) || ve.Meaning != "" {
		t.Errorf("nil response: Check %#v, want an undocumented-result error", err)
	}
}

func TestIdCardVerificationValidate(t *testing.T) {
	const req = "IdCardVerificationRequest"
	ok := func(mod func(r *IdCardVerificationRequest)) *IdCardVerificationRequest {
		r := &IdCardVerificationRequest{IdCard: faceidtest.SampleIdCard, Name: faceidtest.SampleName}
		mod(r)
		return r
	}
	runValidateCases(t, []validateCase{
		{"valid", ok(func(*IdCardVerificationRequest) {}), nil},
		{"nil", (*IdCardVerificationRequest)(nil), map[string]string{req + ".IdCard": "faceid: IdCardVerificationRequest.IdCard is required: the request is nil"}},
		{"empty", &IdCardVerificationRequest{}, map[string]string{
			req + ".IdCard": "faceid: IdCardVerificationRequest.IdCard is required: set it to the person's 18-character ID-card number",
			req + ".Name":   "faceid: IdCardVerificationRequest.Name is required: set it to the person's name",
		}},
		{"lower-case x", ok(func(r *IdCardVerificationRequest) { r.IdCard = "11010119900101001x" }), map[string]string{
			req + ".IdCard": "faceid: IdCardVerificationRequest.IdCard contains a lower-case x: the ID-card check letter must be upper-case X"}},
		{"17 digits", ok(func(r *IdCardVerificationRequest) { r.IdCard = "11010119900101001" }), map[string]string{
			req + ".IdCard": "faceid: IdCardVerificationRequest.IdCard is not an ID-card number: use 18 characters, 17 digits and then a digit or X"}},
		{"name with spaces", ok(func(r *IdCardVerificationRequest) { r.Name = " 张三" }), map[string]string{
			req + ".Name": "faceid: IdCardVerificationRequest.Name has white space at the start or end: trim it"}},
		{"line break in the name", ok(func(r *IdCardVerificationRequest) { r.Name = "张\n三" }), map[string]string{
			req + ".Name": "faceid: IdCardVerificationRequest.Name has the control character U+000A at byte 3: remove it (names, numbers and texts carry no control characters)"}},
		{"encrypted fields skip the shape checks", ok(func(r *IdCardVerificationRequest) {
			r.IdCard, r.Name, r.Encryption = "x0Zy==", " cipher", encrypted("IdCard", "Name")
		}), nil},
		{"a field the action does not encrypt", ok(func(r *IdCardVerificationRequest) { r.Encryption = encrypted("Name", "Phone") }), map[string]string{
			req + ".Encryption.EncryptList[1]": `faceid: IdCardVerificationRequest.Encryption.EncryptList[1] is "Phone", a field IdCardVerification does not encrypt: list only Name, IdCard`}},
		{"Encryption without keys", ok(func(r *IdCardVerificationRequest) {
			r.Encryption = &Encryption{EncryptList: []string{"Name"}}
		}), map[string]string{
			req + ".Encryption.CiphertextBlob": "faceid: IdCardVerificationRequest.Encryption.CiphertextBlob is required: set it to the encrypted symmetric key",
			req + ".Encryption.Iv":             "faceid: IdCardVerificationRequest.Encryption.Iv is required: set it to the CBC initialisation vector",
		}},
	})
}

// ---------------------------------------------------------------------------------------------
// CheckIdNameDate

func validCheckIdNameDate() *CheckIdNameDateRequest {
	return &CheckIdNameDateRequest{Name: faceidtest.SampleName, IdCard: faceidtest.SampleIdCard, ValidityBegin: "20160204", ValidityEnd: "20360204"}
}

func TestCheckIdNameDateResults(t *testing.T) {
	checkP2Results(t, "CheckIdNameDate", validCheckIdNameDate())
}

func TestCheckIdNameDateRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	req := validCheckIdNameDate()
	req.ValidityEnd = ValidityLongTerm
	resp, err := c.CheckIdNameDate(ctx, req)
	if err != nil || resp.Result != "0" || resp.RequestId == "" {
		t.Fatalf("pass: resp %+v, err %v", resp, err)
	}
	rec := only(t, srv)
	checkRecorded(t, rec, "CheckIdNameDate", tc3.Algorithm)
	if sentBodyField(t, rec, "ValidityBegin") != "20160204" || sentBodyField(t, rec, "ValidityEnd") != "00000000" {
		t.Errorf("sent body %s", rec.Body)
	}
	tests := []struct {
		idCard string
		code   string
		billed Billing
	}{
		{faceidtest.NameMismatchIdCard, "-1", Billed},
		{faceidtest.InvalidIdentityIdCard, "-5", NotBilled},
		{faceidtest.NoRecordIdCard, "-7", NotBilled},
	}
	for _, tt := range tests {
		req := validCheckIdNameDate()
		req.IdCard = tt.idCard
		resp, err := c.CheckIdNameDate(ctx, req)
		var ve *VerificationError
		if resp == nil || resp.Result != tt.code || !errors.As(err, &ve) || ve.Result != tt.code || ve.Billed != tt.billed || ve.Retry != RetryNever {
			t.Errorf("IdCard %s: resp %+v, err %#v; want Result %s, %s, not worth retrying", tt.idCard, resp, err, tt.code, tt.billed)
		}
	}
}

// Tencent's example (via tccli): "0" passes.
func TestCheckIdNameDateExample(t *testing.T) {
	var r CheckIdNameDateResponse
	readExample(t, "checkidnamedate-match.json", &r)
	if err := r.Check(); err != nil || r.RequestId != "8695c53f-776f-4ff5-a66d-84e67b352d20" {
		t.Errorf("example: %+v, Check %v", r, err)
	}
}

func TestCheckIdNameDateValidate(t *testing.T) {
	const req = "CheckIdNameDateRequest"
	ok := func(mod func(r *CheckIdNameDateRequest)) *CheckIdNameDateRequest {
		r := validCheckIdNameDate()
		mod(r)
		return r
	}
	notDate := func(field, value string, longTerm bool) string {
		hint := "YYYYMMDD, e.g. 20160204"
		if longTerm {
			hint += `, or "00000000" for a card valid for life`
		}
		return "faceid: " + req + "." + field + " is \"" + value + "\", not a date: use " + hint
	}
	runValidateCases(t, []validateCase{
		{"valid", ok(func(*CheckIdNameDateRequest) {}), nil},
		{"valid for life", ok(func(r *CheckIdNameDateRequest) { r.ValidityEnd = "00000000" }), nil},
		{"leap day", ok(func(r *CheckIdNameDateRequest) { r.ValidityBegin = "20160229" }), nil},
		{"nil", (*CheckIdNameDateRequest)(nil), map[string]string{req + ".Name": "faceid: CheckIdNameDateRequest.Name is required: the request is nil"}},
		{"empty", &CheckIdNameDateRequest{}, map[string]string{
			req + ".Name":          "faceid: CheckIdNameDateRequest.Name is required: set it to the person's name",
			req + ".IdCard":        "faceid: CheckIdNameDateRequest.IdCard is required: set it to the person's 18-character ID-card number",
			req + ".ValidityBegin": "faceid: CheckIdNameDateRequest.ValidityBegin is required: set it to the date printed on the ID card, as YYYYMMDD, e.g. 20160204",
			req + ".ValidityEnd":   `faceid: CheckIdNameDateRequest.ValidityEnd is required: set it to the date printed on the ID card, as YYYYMMDD, e.g. 20160204, or "00000000" for a card valid for life`,
		}},
		{"dates with dots, as printed", ok(func(r *CheckIdNameDateRequest) { r.ValidityBegin, r.ValidityEnd = "2016.02.04", "2036.02.04" }), map[string]string{
			req + ".ValidityBegin": notDate("ValidityBegin", "2016.02.04", false),
			req + ".ValidityEnd":   notDate("ValidityEnd", "2036.02.04", true),
		}},
		{"long term as text", ok(func(r *CheckIdNameDateRequest) { r.ValidityEnd = "长期" }), map[string]string{req + ".ValidityEnd": notDate("ValidityEnd", "长期", true)}},
		{"00000000 is not a begin date", ok(func(r *CheckIdNameDateRequest) { r.ValidityBegin = "00000000" }), map[string]string{
			req + ".ValidityBegin": `faceid: CheckIdNameDateRequest.ValidityBegin is "00000000", not a day of the calendar: use YYYYMMDD, e.g. 20160204`}},
		{"30 February", ok(func(r *CheckIdNameDateRequest) { r.ValidityEnd = "20360230" }), map[string]string{
			req + ".ValidityEnd": `faceid: CheckIdNameDateRequest.ValidityEnd is "20360230", not a day of the calendar: use YYYYMMDD, e.g. 20160204, or "00000000" for a card valid for life`}},
		{"lower-case x", ok(func(r *CheckIdNameDateRequest) { r.IdCard = "11010119900101001x" }), map[string]string{
			req + ".IdCard": "faceid: CheckIdNameDateRequest.IdCard contains a lower-case x: the ID-card check letter must be upper-case X"}},
		{"encrypted name and ID", ok(func(r *CheckIdNameDateRequest) {
			r.Name, r.IdCard, r.Encryption = " c", "c", encrypted("Name", "IdCard")
		}), nil},
		{"dates are not encryptable", ok(func(r *CheckIdNameDateRequest) { r.Encryption = encrypted("ValidityBegin") }), map[string]string{
			req + ".Encryption.EncryptList[0]": `faceid: CheckIdNameDateRequest.Encryption.EncryptList[0] is "ValidityBegin", a field CheckIdNameDate does not encrypt: list only Name, IdCard`}},
	})
}

// ---------------------------------------------------------------------------------------------
// MinorsVerification

func TestMinorsVerificationResults(t *testing.T) {
	checkP2Results(t, "MinorsVerification", &MinorsVerificationRequest{Type: MinorsByMobile, Mobile: Ptr("13900000099")})
}

func TestMinorsVerificationRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	resp, err := c.MinorsVerification(ctx, &MinorsVerificationRequest{Type: MinorsByNameIdCard, IdCard: Ptr(faceidtest.SampleIdCard), Name: Ptr(faceidtest.SampleName)})
	if err != nil || resp.Result != "0" || resp.AgeRange != AgeRangeAdult || resp.RequestId == "" {
		t.Fatalf("adult: resp %+v, err %v", resp, err)
	}
	rec := only(t, srv)
	checkRecorded(t, rec, "MinorsVerification", tc3.Algorithm)
	if sentBodyField(t, rec, "Type") != "1" || sentBodyField(t, rec, "Mobile") != nil {
		t.Errorf("sent body %s: Type must be \"1\" and Mobile omitted", rec.Body)
	}

	// A minor is a billed answer, and an error: the caller cannot mistake it for a pass.
	tests := []struct {
		name   string
		req    *MinorsVerificationRequest
		code   string
		age    string
		billed Billing
	}{
		{"minor by mobile", &MinorsVerificationRequest{Type: MinorsByMobile, Mobile: Ptr(faceidtest.MinorsMinorMobile)}, "-1", AgeRangeUnder8, Billed},
		{"mobile without data", &MinorsVerificationRequest{Type: MinorsByMobile, Mobile: Ptr(faceidtest.MinorsNoDataMobile)}, "-2", "", NotBilled},
		{"minor by ID", &MinorsVerificationRequest{Type: MinorsByNameIdCard, IdCard: Ptr(faceidtest.MinorIdCard), Name: Ptr("李小")}, "-1", AgeRange8To16, Billed},
		{"name mismatch", &MinorsVerificationRequest{Type: MinorsByNameIdCard, IdCard: Ptr(faceidtest.NameMismatchIdCard), Name: Ptr("李小")}, "-3", "", Billed},
		{"no record", &MinorsVerificationRequest{Type: MinorsByNameIdCard, IdCard: Ptr(faceidtest.NoRecordIdCard), Name: Ptr("李小")}, "-7", "", NotBilled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.MinorsVerification(ctx, tt.req)
			var ve *VerificationError
			if resp == nil || resp.Result != tt.code || resp.AgeRange != tt.age {
				t.Fatalf("resp %+v, want Result %s AgeRange %q", resp, tt.code, tt.age)
			}
			if !errors.As(err, &ve) || ve.Result != tt.code || ve.Billed != tt.billed || ve.Retry != RetryNever {
				t.Errorf("err %#v, want a *VerificationError %s, %s, not worth retrying", err, tt.code, tt.billed)
			}
		})
	}
}

// Tencent's examples (via tccli): a minor by mobile ("-1", "[0,8)") and an adult by ID.
func TestMinorsVerificationExamples(t *testing.T) {
	var minor, adult MinorsVerificationResponse
	readExample(t, "minorsverification-minor.json", &minor)
	readExample(t, "minorsverification-adult.json", &adult)
	if err := adult.Check(); err != nil || adult.AgeRange != AgeRangeAdult {
		t.Errorf("adult example: %+v, Check %v", adult, err)
	}
	var ve *VerificationError
	err := minor.Check()
	if minor.AgeRange != AgeRangeUnder8 || !errors.As(err, &ve) || ve.Result != "-1" || ve.Description != "未成年" || ve.Billed != Billed {
		t.Errorf("minor example: %+v, Check %#v", minor, err)
	}
	const want = "faceid: MinorsVerification: the elements did not pass verification: Result -1 (未成年): the person is a minor (under 18; AgeRange says how old); billed; retrying gives the same answer; RequestId c163d210-ed9e-44d0-a4c4-d6bbc1bf6f27"
	if err == nil || err.Error() != want {
		t.Errorf("minor example error:\n got %v\nwant %s", err, want)
	}
}

func TestMinorsVerificationValidate(t *testing.T) {
	const req = "MinorsVerificationRequest"
	p := Ptr[string]
	runValidateCases(t, []validateCase{
		{"by mobile", &MinorsVerificationRequest{Type: "0", Mobile: p("13900000099")}, nil},
		{"by mobile with name and ID as well", &MinorsVerificationRequest{Type: "0", Mobile: p("13900000099"), Name: p("张三"), IdCard: p(faceidtest.SampleIdCard)}, nil},
		{"by name and ID", &MinorsVerificationRequest{Type: "1", Name: p("张三"), IdCard: p(faceidtest.SampleIdCard)}, nil},
		{"nil", (*MinorsVerificationRequest)(nil), map[string]string{req + ".Type": "faceid: MinorsVerificationRequest.Type is required: the request is nil"}},
		{"no Type", &MinorsVerificationRequest{Mobile: p("13900000099")}, map[string]string{
			req + ".Type": `faceid: MinorsVerificationRequest.Type is required: set it to "0" (MinorsByMobile) to check Mobile or "1" (MinorsByNameIdCard) to check Name and IdCard`}},
		{"Type as a word", &MinorsVerificationRequest{Type: "mobile", Mobile: p("13900000099")}, map[string]string{
			req + ".Type": `faceid: MinorsVerificationRequest.Type is "mobile": use one of 0, 1`}},
		{"Type 0 without Mobile", &MinorsVerificationRequest{Type: "0", Name: p("张三"), IdCard: p(faceidtest.SampleIdCard)}, map[string]string{
			req + ".Mobile": `faceid: MinorsVerificationRequest.Mobile is required with Type "0": set it to the 11-digit mobile number, or use Type "1" with Name and IdCard`}},
		{"Type 1 without Name and IdCard", &MinorsVerificationRequest{Type: "1", Mobile: p("13900000099")}, map[string]string{
			req + ".IdCard": `faceid: MinorsVerificationRequest.IdCard is required with Type "1": set it to the person's 18-character ID-card number`,
			req + ".Name":   `faceid: MinorsVerificationRequest.Name is required with Type "1": set it to the person's name`,
		}},
		{"+86 mobile", &MinorsVerificationRequest{Type: "0", Mobile: p("+8613900000099")}, map[string]string{
			req + ".Mobile": "faceid: MinorsVerificationRequest.Mobile is not a mobile number: use its 11 digits, without +86, spaces or dashes"}},
		{"empty mobile", &MinorsVerificationRequest{Type: "0", Mobile: p("")}, map[string]string{
			req + ".Mobile": "faceid: MinorsVerificationRequest.Mobile is required: set it to the 11-digit mobile number"}},
		{"lower-case x with Type 0 too", &MinorsVerificationRequest{Type: "0", Mobile: p("13900000099"), IdCard: p("11010119900101001x")}, map[string]string{
			req + ".IdCard": "faceid: MinorsVerificationRequest.IdCard contains a lower-case x: the ID-card check letter must be upper-case X"}},
		{"encrypted mobile", &MinorsVerificationRequest{Type: "0", Mobile: p("c2VjcmV0"), Encryption: encrypted("Mobile")}, nil},
		{"Type is not encryptable", &MinorsVerificationRequest{Type: "0", Mobile: p("13900000099"), Encryption: encrypted("Type")}, map[string]string{
			req + ".Encryption.EncryptList[0]": `faceid: MinorsVerificationRequest.Encryption.EncryptList[0] is "Type", a field MinorsVerification does not encrypt: list only Name, IdCard, Mobile`}},
	})
}
