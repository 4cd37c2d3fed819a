package faceid

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// shared is a request type for the shared validators' tests: one field per validator.
type sharedRequest struct {
	IdCard   string
	Name     string
	Mobile   string
	BankCard string
	Kind     string
	Nested   *struct{ Text []string }
	Enc      *Encryption
}

func (*sharedRequest) Action() string { return "Shared" }

func (r *sharedRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	v.idNumber("IdCard", r.IdCard, r.Enc)
	v.name("Name", r.Name, r.Enc)
	v.phone("Mobile", r.Mobile, r.Enc)
	v.bankCard("BankCard", r.BankCard, r.Enc)
	if r.Kind != "" {
		v.oneOf("Kind", r.Kind, "MD5", "SHA256")
	}
	return v.err()
}

func validShared() *sharedRequest {
	return &sharedRequest{IdCard: "11010119900101001X", Name: "张三", Mobile: "13800138000", BankCard: "6222020200112233445"}
}

// TestSharedValidators: each shared rule refuses what it must, names the field and the fix,
// and passes the valid shapes.
func TestSharedValidators(t *testing.T) {
	tests := []struct {
		name string
		mod  func(r *sharedRequest)
		want map[string]string // field -> message; nil = valid
	}{
		{"valid", func(*sharedRequest) {}, nil},
		{"ID number with digit check", func(r *sharedRequest) { r.IdCard = "110101199003070017" }, nil},
		{"lower-case x", func(r *sharedRequest) { r.IdCard = "11010119900101001x" }, map[string]string{
			"sharedRequest.IdCard": "faceid: sharedRequest.IdCard contains a lower-case x: the ID-card check letter must be upper-case X"}},
		{"ID number too short", func(r *sharedRequest) { r.IdCard = "11010119900101001" }, map[string]string{
			"sharedRequest.IdCard": "faceid: sharedRequest.IdCard is not an ID-card number: use 18 characters, 17 digits and then a digit or X"}},
		{"X not last", func(r *sharedRequest) { r.IdCard = "1101011990010100X1" }, map[string]string{
			"sharedRequest.IdCard": "faceid: sharedRequest.IdCard is not an ID-card number: use 18 characters, 17 digits and then a digit or X"}},
		{"ID number missing", func(r *sharedRequest) { r.IdCard = "" }, map[string]string{
			"sharedRequest.IdCard": "faceid: sharedRequest.IdCard is required: set it to the person's 18-character ID-card number"}},
		{"name missing", func(r *sharedRequest) { r.Name = "" }, map[string]string{
			"sharedRequest.Name": "faceid: sharedRequest.Name is required: set it to the person's name"}},
		{"name padded", func(r *sharedRequest) { r.Name = " 张三" }, map[string]string{
			"sharedRequest.Name": "faceid: sharedRequest.Name has white space at the start or end: trim it"}},
		{"NUL in name", func(r *sharedRequest) { r.Name = "张\x00三" }, map[string]string{
			"sharedRequest.Name": "faceid: sharedRequest.Name has the control character U+0000 at byte 3: remove it (names, numbers and texts carry no control characters)"}},
		{"invalid UTF-8 name", func(r *sharedRequest) { r.Name = "\xd5\xc5" }, map[string]string{
			"sharedRequest.Name": "faceid: sharedRequest.Name is not valid UTF-8 (byte 0): convert it to UTF-8 before sending"}},
		{"phone with +86", func(r *sharedRequest) { r.Mobile = "+8613800138000" }, map[string]string{
			"sharedRequest.Mobile": "faceid: sharedRequest.Mobile is not a mobile number: use its 11 digits, without +86, spaces or dashes"}},
		{"phone 10 digits", func(r *sharedRequest) { r.Mobile = "1380013800" }, map[string]string{
			"sharedRequest.Mobile": "faceid: sharedRequest.Mobile is not a mobile number: use its 11 digits, without +86, spaces or dashes"}},
		{"bank card with spaces", func(r *sharedRequest) { r.BankCard = "6222 0202 0011 2233" }, map[string]string{
			"sharedRequest.BankCard": "faceid: sharedRequest.BankCard is not a bank card number: use its 8 to 19 digits, without spaces or dashes"}},
		{"bank card 20 digits", func(r *sharedRequest) { r.BankCard = "62220202001122334455" }, map[string]string{
			"sharedRequest.BankCard": "faceid: sharedRequest.BankCard is not a bank card number: use its 8 to 19 digits, without spaces or dashes"}},
		{"enumeration", func(r *sharedRequest) { r.Kind = "md5" }, map[string]string{
			"sharedRequest.Kind": `faceid: sharedRequest.Kind is "md5": use one of MD5, SHA256`}},
		{"nested control character", func(r *sharedRequest) { r.Nested = &struct{ Text []string }{[]string{"ok", "a\nb"}} }, map[string]string{
			"sharedRequest.Nested.Text[1]": "faceid: sharedRequest.Nested.Text[1] has the control character U+000A at byte 1: remove it (names, numbers and texts carry no control characters)"}},
		{"encrypted fields skip the shape rules", func(r *sharedRequest) {
			r.IdCard, r.Name, r.Mobile, r.BankCard = "ciphertext+/=", " c", "c", "c"
			r.Enc = &Encryption{EncryptList: []string{"IdCard", "Name", "Mobile", "BankCard"}}
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validShared()
			tt.mod(r)
			got := fieldErrors(r.Validate())
			want := tt.want
			if want == nil {
				want = map[string]string{}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
	if err := (*sharedRequest)(nil).Validate(); err == nil || !strings.Contains(err.Error(), "nil") {
		t.Errorf("nil request: %v", err)
	}
}

// TestEveryRequestChecksStrings: the string checks reach every request of the table through
// its own Validate, nested members included, so no action can skip them.
func TestEveryRequestChecksStrings(t *testing.T) {
	for i := range fullRequests() {
		req := fullRequests()[i] // fresh: the full requests share nested values
		t.Run(req.Action(), func(t *testing.T) {
			if err := req.Validate(); err != nil {
				t.Fatalf("valid request: %v", err)
			}
			field, ok := firstStringField(req)
			if !ok {
				t.Skip("no string field")
			}
			*field = "a\x00b"
			err := req.Validate()
			if err == nil || !strings.Contains(err.Error(), "control character U+0000") {
				t.Errorf("a NUL in a string field: Validate() = %v", err)
			}
		})
	}
}

// firstStringField returns the last string reachable in req (a nested one where there is
// one), to be overwritten.
func firstStringField(req Request) (*string, bool) {
	var found *string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.String:
			if v.CanAddr() && v.Type() == reflect.TypeOf("") {
				found = v.Addr().Interface().(*string)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == mediaType {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(req))
	return found, found != nil
}
