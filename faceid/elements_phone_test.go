package faceid_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// testResultCodes forces every documented Result of action on the stand-in with SetResult and
// checks that do (a call of the typed Client method) returns the raw Result and the right
// typed outcome: nil for the passing codes, otherwise a *VerificationError with the table's
// meaning, billing and retry class.
func testResultCodes(t *testing.T, action string, do func(c *faceid.Client) (result string, err error)) {
	t.Helper()
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	a, ok := faceid.LookupAction(action)
	if !ok || a.Results == nil {
		t.Fatalf("%s: no row with a result table", action)
	}
	codes := a.Results.Codes()
	if len(codes) < 6 {
		t.Fatalf("%s: %d codes, Tencent documents at least 6", action, len(codes))
	}
	for _, row := range codes {
		t.Run("Result "+row.Code, func(t *testing.T) {
			srv.SetResult(action, row.Code)
			defer srv.SetResult(action, "")
			got, err := do(c)
			if got != row.Code {
				t.Fatalf("Result = %q, want %q (err %v)", got, row.Code, err)
			}
			if row.Pass {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				return
			}
			var ve *faceid.VerificationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %#v, want a *VerificationError", err)
			}
			want := faceid.VerificationError{Action: action, Family: faceid.FamilyP2, Result: row.Code, Meaning: row.Meaning, Billed: row.Billed, Retry: row.Retry}
			gotVE := *ve
			gotVE.Description, gotVE.RequestId = "", ""
			if diff := cmp.Diff(want, gotVE); diff != "" {
				t.Errorf("VerificationError (-want +got):\n%s", diff)
			}
			if ve.Description == "" || ve.RequestId == "" {
				t.Errorf("Description %q, RequestId %q: want both from the answer", ve.Description, ve.RequestId)
			}
			if ve.Retryable() != (row.Retry == faceid.RetryBackoff) {
				t.Errorf("Retryable() = %v for Retry %v", ve.Retryable(), row.Retry)
			}
			if !strings.Contains(err.Error(), row.Meaning) || !strings.Contains(err.Error(), row.Billed.String()) {
				t.Errorf("Error() = %q, want the meaning %q and %q", err, row.Meaning, row.Billed)
			}
		})
	}
}

// fieldCase is one Validate case: the request, and the field and text of the error wanted
// ("" field: no error).
type fieldCase struct {
	name  string
	req   faceid.Request
	field string
	text  string
}

// testValidate runs fieldCases: each must fail naming field with text, or pass.
func testValidate(t *testing.T, cases []fieldCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.req.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error on %s", tt.field)
			}
			for _, fe := range fieldErrors(err) {
				if fe.Field == tt.field && strings.Contains(fe.Error(), tt.text) {
					return
				}
			}
			t.Errorf("Validate() = %v\nwant an error on %s containing %q", err, tt.field, tt.text)
		})
	}
}

// fieldErrors flattens the *FieldError values of a joined error.
func fieldErrors(err error) []*faceid.FieldError {
	var out []*faceid.FieldError
	var fe *faceid.FieldError
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, fieldErrors(e)...)
		}
	} else if errors.As(err, &fe) {
		out = append(out, fe)
	}
	return out
}

// encrypted is an Encryption block that encrypts fields.
func encrypted(fields ...string) *faceid.Encryption {
	return &faceid.Encryption{EncryptList: fields, CiphertextBlob: "blob", Iv: "0123456789abcdef"}
}

// ---------------------------------------------------------------------------------------------
// CheckPhoneAndName

func TestCheckPhoneAndNameValidate(t *testing.T) {
	ok := func(mod func(r *faceid.CheckPhoneAndNameRequest)) *faceid.CheckPhoneAndNameRequest {
		r := &faceid.CheckPhoneAndNameRequest{Mobile: faceidtest.SamplePhone, Name: faceidtest.SampleName}
		mod(r)
		return r
	}
	testValidate(t, []fieldCase{
		{"valid", ok(func(*faceid.CheckPhoneAndNameRequest) {}), "", ""},
		{"nil", (*faceid.CheckPhoneAndNameRequest)(nil), "Mobile", "is required"},
		{"no mobile", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Mobile = "" }), "Mobile", "is required: set it to the 11-digit mobile number"},
		{"+86", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Mobile = "+8613800138000" }), "Mobile", "without +86"},
		{"spaces", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Mobile = "138 0013 8000" }), "Mobile", "use its 11 digits"},
		{"10 digits", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Mobile = "1380013800" }), "Mobile", "use its 11 digits"},
		{"no name", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Name = "" }), "Name", "is required"},
		{"spaced name", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Name = " 张三" }), "Name", "trim it"},
		{"line break", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Name = "张\n三" }), "Name", "control character"},
		{"encrypted mobile skipped", ok(func(r *faceid.CheckPhoneAndNameRequest) {
			r.Mobile, r.Encryption = "Q2lwaGVydGV4dA==", encrypted("Mobile")
		}), "", ""},
		{"encrypted name skipped", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Name, r.Encryption = "Q2lwaGVy", encrypted("Name") }), "", ""},
		{"encrypts IdCard", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Encryption = encrypted("Name", "IdCard") }), "Encryption.EncryptList[1]", "encrypts only Mobile, Name"},
		{"no Iv", ok(func(r *faceid.CheckPhoneAndNameRequest) { r.Encryption = encrypted("Name"); r.Encryption.Iv = "" }), "Encryption.Iv", "is required"},
	})
}

func TestCheckPhoneAndNameResults(t *testing.T) {
	testResultCodes(t, "CheckPhoneAndName", func(c *faceid.Client) (string, error) {
		resp, err := c.CheckPhoneAndName(context.Background(), &faceid.CheckPhoneAndNameRequest{Mobile: faceidtest.SamplePhone, Name: faceidtest.SampleName})
		if resp == nil {
			return "", err
		}
		return resp.Result, err
	})
}

// The fixture numbers force the person-dependent answers without SetResult; the default
// answer passes with the documented meaning of "0".
func TestCheckPhoneAndNameFixtures(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	for _, tt := range []struct {
		mobile, name, want string
	}{
		{faceidtest.SamplePhone, faceidtest.SampleName, "0"},
		{faceidtest.PhoneMismatchPhone, faceidtest.SampleName, "1"},
		{"18900000004", faceidtest.SampleName, "1"},
		{faceidtest.PhoneNoRecordPhone, faceidtest.SampleName, "-1"},
		{faceidtest.SamplePhone, "张三3", "-4"},
	} {
		resp, err := c.CheckPhoneAndName(context.Background(), &faceid.CheckPhoneAndNameRequest{Mobile: tt.mobile, Name: tt.name})
		if resp == nil || resp.Result != tt.want {
			t.Fatalf("%s/%s: resp %+v, err %v; want Result %s", tt.mobile, tt.name, resp, err, tt.want)
		}
		if (err == nil) != (tt.want == "0") {
			t.Errorf("%s: err = %v", tt.mobile, err)
		}
		if resp.RequestId == "" || resp.Description == "" {
			t.Errorf("%s: RequestId %q Description %q", tt.mobile, resp.RequestId, resp.Description)
		}
	}
	// An encrypted Mobile is not checked for its shape by the stand-in either.
	resp, err := c.CheckPhoneAndName(context.Background(), &faceid.CheckPhoneAndNameRequest{Mobile: "Y2lwaGVy", Name: faceidtest.SampleName, Encryption: encrypted("Mobile")})
	if err != nil || resp.Result != "0" {
		t.Errorf("encrypted Mobile: %+v, %v", resp, err)
	}
}
