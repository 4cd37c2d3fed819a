package faceid

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Validation: the rules every Validate method shares. A Validate method starts with
// newValidator(r), records the action's rules with the helpers below, and returns v.err(),
// which adds the checks every string member gets (valid UTF-8, no control characters).

// FieldError reports a request field that breaks a documented rule. Validate returns these,
// joined with errors.Join when there are several; errors.As finds the first.
type FieldError struct {
	Request string // request type, e.g. "DetectAuthRequest"
	Field   string // field path, e.g. "RuleId" or "IntentionQuestions[1].Question"
	msg     string
	err     error
}

func (e *FieldError) Error() string { return e.msg }

// Unwrap returns the underlying error, e.g. a *Base64Error.
func (e *FieldError) Unwrap() error { return e.err }

// validator collects FieldErrors for one request.
type validator struct {
	req  string        // request type name
	rv   reflect.Value // the request struct, for the string checks; invalid when nil
	errs []error
}

// newValidator starts the validation of r, a request that may be nil.
func newValidator[T any](r *T) *validator {
	v := &validator{req: reflect.TypeOf(r).Elem().Name()}
	if r != nil {
		v.rv = reflect.ValueOf(r).Elem()
	}
	return v
}

// fail records "faceid: <req>.<field> <text>".
func (v *validator) fail(field, format string, args ...any) {
	v.errs = append(v.errs, &FieldError{
		Request: v.req,
		Field:   field,
		msg:     "faceid: " + v.req + "." + field + " " + fmt.Sprintf(format, args...),
	})
}

// err returns the recorded errors, after checking every string member of the request,
// nested ones included, with text.
func (v *validator) err() error {
	if v.rv.IsValid() {
		v.walkStrings("", v.rv)
	}
	return errors.Join(v.errs...)
}

// walkStrings runs text on every string reachable from rv (struct fields by JSON name,
// pointers, slices and maps of strings). Media is base64 checked by media.
func (v *validator) walkStrings(path string, rv reflect.Value) {
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !rv.IsNil() {
			v.walkStrings(path, rv.Elem())
		}
	case reflect.String:
		v.text(path, rv.String())
	case reflect.Slice, reflect.Array:
		for i := 0; i < rv.Len(); i++ {
			v.walkStrings(fmt.Sprintf("%s[%d]", path, i), rv.Index(i))
		}
	case reflect.Struct:
		if rv.Type() == mediaType {
			return
		}
		t := rv.Type()
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			name := sf.Name
			if path != "" {
				name = path + "." + name
			}
			v.walkStrings(name, rv.Field(i))
		}
	}
}

// text is the check every string member goes through: encoding/json would silently replace
// invalid UTF-8 by U+FFFD, and a control character (a NUL, a line break) in a name or number is
// a mistake in the caller's data, never something to send.
func (v *validator) text(field, s string) {
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		v.fail(field, "is not valid UTF-8 (byte %d): convert it to UTF-8 before sending", i)
		return
	}
	for i, r := range s {
		if unicode.IsControl(r) {
			v.fail(field, "has the control character %U at byte %d: remove it (names, numbers and texts carry no control characters)", r, i)
			return
		}
	}
}

// name checks a person's name: present, and no white space at either end (the string checks
// of err cover UTF-8 and control characters). It is skipped when the field is encrypted.
func (v *validator) name(field, value string, enc *Encryption) {
	if enc.encrypts(field) {
		return
	}
	if value == "" {
		v.fail(field, "is required: set it to the person's name")
		return
	}
	if strings.TrimSpace(value) != value {
		v.fail(field, "has white space at the start or end: trim it")
	}
}

// idNumber checks a mainland resident ID-card number's shape: 18 characters, 17 digits and
// then a digit or an upper-case X. Tencent's pages ask for the upper-case X; they do not say
// the check digit is verified, so it is not computed here. It is skipped when the field is
// encrypted.
func (v *validator) idNumber(field, value string, enc *Encryption) {
	if enc.encrypts(field) {
		return
	}
	switch {
	case value == "":
		v.fail(field, "is required: set it to the person's 18-character ID-card number")
	case strings.ContainsRune(value, 'x'):
		v.fail(field, "contains a lower-case x: the ID-card check letter must be upper-case X")
	case len(value) != 18 || !allDigits(value[:17]) || !(isDigit(value[17]) || value[17] == 'X'):
		v.fail(field, "is not an ID-card number: use 18 characters, 17 digits and then a digit or X")
	}
}

// phone checks a mainland mobile number: 11 digits, no +86 prefix, no spaces or dashes. It is
// skipped when the field is encrypted.
func (v *validator) phone(field, value string, enc *Encryption) {
	if enc.encrypts(field) {
		return
	}
	switch {
	case value == "":
		v.fail(field, "is required: set it to the 11-digit mobile number")
	case len(value) != 11 || !allDigits(value):
		v.fail(field, "is not a mobile number: use its 11 digits, without +86, spaces or dashes")
	}
}

// Bank card numbers: digits only, within the PAN lengths of ISO/IEC 7812-1 (at most 19; the
// shortest in use is 8).
const (
	minBankCardDigits = 8
	maxBankCardDigits = 19
)

// bankCard checks a bank card number: digits only, 8 to 19 of them. It is skipped when the
// field is encrypted.
func (v *validator) bankCard(field, value string, enc *Encryption) {
	if enc.encrypts(field) {
		return
	}
	switch {
	case value == "":
		v.fail(field, "is required: set it to the bank card number")
	case !allDigits(value) || len(value) < minBankCardDigits || len(value) > maxBankCardDigits:
		v.fail(field, "is not a bank card number: use its %d to %d digits, without spaces or dashes", minBankCardDigits, maxBankCardDigits)
	}
}

// oneOf checks an optional enumerated value.
func (v *validator) oneOf(field, value string, allowed ...string) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	v.fail(field, "is %q: use one of %s", value, strings.Join(allowed, ", "))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func (v *validator) required(field, value, fix string) {
	if value == "" {
		v.fail(field, "is required: %s", fix)
	}
}

// maxChars checks a length in characters (runes), as Tencent's pages count them.
func (v *validator) maxChars(field, value string, max int) {
	if n := utf8.RuneCountInString(value); n > max {
		v.fail(field, "is %d characters, over the %d-character limit", n, max)
	}
}

// media checks a Media field: valid base64, not empty, within the size limit.
func (v *validator) media(field string, m Media, limit int, what, alt string) {
	if m.IsZero() {
		return
	}
	if m.err != nil {
		v.errs = append(v.errs, mediaFieldError(v.req, field, m.err))
		return
	}
	n := m.EncodedLen()
	if n == 0 {
		v.fail(field, "is set but empty: leave it zero to omit it, or set the %s", what)
		return
	}
	if n > limit {
		fix := "shrink or recompress the " + what
		if alt != "" {
			fix = "send the " + what + " through " + alt + " instead, or " + fix
		}
		v.fail(field, "is %d bytes after base64 encoding, over the %d-byte limit (\"%s\" in the Tencent docs); %s", n, limit, mbText(limit), fix)
	}
}

func mbText(limit int) string { return strconv.Itoa(limit>>20) + "M" }

// mediaFieldError names the field in a base64 error: "faceid: <req>.<field>: invalid base64 …".
func mediaFieldError(req, field string, err *Base64Error) error {
	return &FieldError{Request: req, Field: field, msg: "faceid: " + req + "." + field + ": " + err.detail(), err: err}
}

// url checks an optional URL field: an absolute http or https URL.
func (v *validator) url(field string, s *string) {
	if s == nil {
		return
	}
	u, err := url.Parse(*s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail(field, "must be an absolute http or https URL Tencent can download from")
	}
}

// idCard checks the ID-card rule of the action pages: a check letter is upper-case X.
// It is skipped when the field is encrypted, since the value is then ciphertext.
func (v *validator) idCard(field, value string, enc *Encryption) {
	if enc.encrypts("IdCard") {
		return
	}
	if strings.ContainsRune(value, 'x') {
		v.fail(field, "contains a lower-case x: the ID-card check letter must be upper-case X")
	}
}

func (e *Encryption) encrypts(field string) bool {
	if e == nil {
		return false
	}
	for _, f := range e.EncryptList {
		if f == field {
			return true
		}
	}
	return false
}

// encryptsOnly checks that an Encryption block lists only fields the action's page says may be
// encrypted; Tencent answers InvalidParameter.UnsupportEncryptField for any other. Each
// element action names its own set (IdCardVerification: Name and IdCard;
// BankCard4EVerification: Name, IdCard, Phone and BankCard; ...). field is the block's path,
// "Encryption", or "" for PhoneVerification's flat EncryptList.
func (v *validator) encryptsOnly(field string, e *Encryption, allowed ...string) {
	if e == nil {
		return
	}
	if field != "" {
		field += "."
	}
	action := strings.TrimSuffix(v.req, "Request")
	for i, f := range e.EncryptList {
		ok := false
		for _, a := range allowed {
			ok = ok || f == a
		}
		if !ok {
			v.fail(field+"EncryptList["+strconv.Itoa(i)+"]", "is %q, a field %s does not encrypt: list only %s", f, action, strings.Join(allowed, ", "))
		}
	}
}

// encryption checks an Encryption block used to encrypt request fields:
// EncryptList, CiphertextBlob and Iv are required, Algorithm must be a known one.
func (v *validator) encryption(field string, e *Encryption, keysRequired bool) {
	if e == nil {
		return
	}
	if keysRequired {
		if len(e.EncryptList) == 0 {
			v.fail(field+".EncryptList", "is required when Encryption is set: list the encrypted fields, e.g. [\"Name\",\"IdCard\"]")
		}
		v.required(field+".CiphertextBlob", e.CiphertextBlob, "set it to the encrypted symmetric key")
		v.required(field+".Iv", e.Iv, "set it to the CBC initialisation vector")
	}
	switch e.Algorithm {
	case "", AlgorithmAES256CBC, AlgorithmSM4GCM:
	default:
		v.fail(field+".Algorithm", "is %q: use %q (the default) or %q", e.Algorithm, AlgorithmAES256CBC, AlgorithmSM4GCM)
	}
}

// livenessType checks LivenessType and its ValidateData rule.
func (v *validator) livenessType(t LivenessType, validateData *string) {
	vd := ""
	if validateData != nil {
		vd = *validateData
	}
	switch t {
	case "":
		v.fail("LivenessType", "is required: set it to LivenessLip, LivenessAction or LivenessSilent")
	case LivenessLip:
		if vd == "" {
			v.fail("ValidateData", "is required with LivenessType LIP: set it to the LiveCode from GetLiveCode")
		}
	case LivenessAction:
		if vd == "" {
			v.fail("ValidateData", "is required with LivenessType ACTION: set it to the ActionSequence from GetActionSequence")
		}
	case LivenessSilent:
		if vd != "" {
			v.fail("ValidateData", "must be empty with LivenessType SILENT: leave it nil")
		}
	default:
		v.fail("LivenessType", "is %q: use LIP, ACTION or SILENT", string(t))
	}
}

// optional checks LivenessOptional's BestFrameNum range, 2–10 (https://cloud.tencent.com/document/api/1007/31819).
func (v *validator) optional(o *LivenessOptional) {
	if o == nil {
		return
	}
	if o.BestFrameNum != 0 && (o.BestFrameNum < 2 || o.BestFrameNum > 10) {
		v.fail("Optional.BestFrameNum", "is %d: use 2 to 10, or leave Optional nil", o.BestFrameNum)
	}
}

// infoType checks InfoType digits and returns whether digit d is requested ("0", empty and
// nil ask for everything).
func (v *validator) infoType(s *string, maxDigit byte) func(d byte) bool {
	if s == nil || *s == "" {
		if s != nil {
			v.fail("InfoType", "is empty: leave it nil for the default \"0\", or give digits such as \"1\"")
		}
		return func(byte) bool { return true }
	}
	for i := 0; i < len(*s); i++ {
		if c := (*s)[i]; c < '0' || c > maxDigit {
			v.fail("InfoType", "is %q: use digits 0 to %c, e.g. \"1\" for the text result only", *s, maxDigit)
			return func(byte) bool { return true }
		}
	}
	return func(d byte) bool { return strings.IndexByte(*s, d) >= 0 || strings.IndexByte(*s, '0') >= 0 }
}
