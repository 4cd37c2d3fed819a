package faceid

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Element verification, ID data: IdCardVerification (name + ID number), CheckIdNameDate (name +
// ID number + the card's validity dates) and MinorsVerification (adult or minor, by mobile
// number or by name + ID number). No face, no media: the elements are held against the
// authority's records, and each action answers a numeric Result code (family P2).

// ValidityLongTerm is the ValidityEnd of an ID card valid for life ("长期"), as
// CheckIdNameDate's page asks for it (https://cloud.tencent.com/document/api/1007/60075).
const ValidityLongTerm = "00000000"

// date checks a YYYYMMDD date: 8 digits that name a day of the calendar. longTerm admits
// ValidityLongTerm.
func (v *validator) date(field, value string, longTerm bool) {
	hint := "YYYYMMDD, e.g. 20160204"
	if longTerm {
		hint += `, or "00000000" for a card valid for life`
	}
	switch {
	case value == "":
		v.fail(field, "is required: set it to the date printed on the ID card, as %s", hint)
	case longTerm && value == ValidityLongTerm:
	case len(value) != 8 || !allDigits(value):
		v.fail(field, "is %q, not a date: use %s", value, hint)
	default:
		if _, err := time.Parse("20060102", value); err != nil {
			v.fail(field, "is %q, not a day of the calendar: use %s", value, hint)
		}
	}
}

// ---------------------------------------------------------------------------------------------
// IdCardVerification (https://cloud.tencent.com/document/api/1007/33188)

// IdCardVerificationRequest checks that a name and a mainland ID-card number belong together
// (two-element check against the authority's records).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/33188
type IdCardVerificationRequest struct {
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// Encryption encrypts Name and/or IdCard (the page allows no other field).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// IdCardVerificationResponse is IdCardVerification's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type IdCardVerificationResponse struct {
	// Result is the numeric code: "0" match, "-1" mismatch (both billed), "-2" to "-7" not
	// billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "IdCardVerification".
func (*IdCardVerificationRequest) Action() string { return "IdCardVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r IdCardVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r IdCardVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r IdCardVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/33188.
func (r *IdCardVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	v.idNumber("IdCard", r.IdCard, r.Encryption)
	v.name("Name", r.Name, r.Encryption)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Name", "IdCard")
	return v.err()
}

// idCardVerificationResults are IdCardVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/33188).
var idCardVerificationResults = newResultTable("IdCardVerification",
	ResultCode{Code: "0", Meaning: "the name and the ID number match", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "the name and the ID number do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the ID number is invalid (length or check digit)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-3", Meaning: "the name is invalid (length or format)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-4", Meaning: "the ID-card database service failed", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-5", Meaning: "the ID-card database has no record of this ID number", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "the authority's comparison system is being upgraded: try again later", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-7", Meaning: "the number of checks allowed today is used up", Billed: NotBilled, Retry: RetryLater},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *IdCardVerificationResponse) Check() error {
	if r == nil {
		return idCardVerificationResults.check("", "no response", "")
	}
	return idCardVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// IdCardVerification checks that Name and IdCard belong together. A nil error means they do
// (Result "0"); otherwise a *VerificationError (with the response) says what Result means:
// "-1" is a billed mismatch, "-2" to "-7" are not billed (bad input, no record, the authority
// unavailable, today's limit reached). Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/33188
func (c *Client) IdCardVerification(ctx context.Context, req *IdCardVerificationRequest) (*IdCardVerificationResponse, error) {
	return call[IdCardVerificationRequest, IdCardVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// CheckIdNameDate (https://cloud.tencent.com/document/api/1007/60075)

// CheckIdNameDateRequest checks a name, a mainland ID-card number and the card's validity dates
// against the authority's records (three elements).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/60075
type CheckIdNameDateRequest struct {
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// ValidityBegin is the first day of the card's validity, YYYYMMDD (e.g. "20160204").
	// Required.
	ValidityBegin string `json:"ValidityBegin"`
	// ValidityEnd is the last day of the card's validity, YYYYMMDD, or ValidityLongTerm
	// ("00000000") for a card valid for life. Required.
	ValidityEnd string `json:"ValidityEnd"`
	// Encryption encrypts Name and/or IdCard (the page allows no other field; the dates are
	// always sent in the clear).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// CheckIdNameDateResponse is CheckIdNameDate's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type CheckIdNameDateResponse struct {
	// Result is the numeric code: "0" match, "-1" mismatch (both billed), "-2" to "-8" not
	// billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "CheckIdNameDate".
func (*CheckIdNameDateRequest) Action() string { return "CheckIdNameDate" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r CheckIdNameDateRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r CheckIdNameDateRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r CheckIdNameDateRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/60075: the ID
// number's shape, the name, and both dates as YYYYMMDD days of the calendar ("00000000" only
// for ValidityEnd).
func (r *CheckIdNameDateRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Name", "is required: the request is nil")
		return v.err()
	}
	v.name("Name", r.Name, r.Encryption)
	v.idNumber("IdCard", r.IdCard, r.Encryption)
	v.date("ValidityBegin", r.ValidityBegin, false)
	v.date("ValidityEnd", r.ValidityEnd, true)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Name", "IdCard")
	return v.err()
}

// checkIdNameDateResults are CheckIdNameDate's documented Result codes
// (https://cloud.tencent.com/document/api/1007/60075).
var checkIdNameDateResults = newResultTable("CheckIdNameDate",
	ResultCode{Code: "0", Meaning: "the name, the ID number and the validity dates match", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "the name, the ID number and the validity dates do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the ID number is invalid (length or check digit)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-3", Meaning: "the name is invalid (length or format)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-4", Meaning: "the validity dates are invalid (length or format)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-5", Meaning: "the identity information is not valid", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "the ID-card database service failed", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-7", Meaning: "the ID-card database has no record of this ID number", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-8", Meaning: "the number of checks allowed today is used up: retry the next day", Billed: NotBilled, Retry: RetryLater},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *CheckIdNameDateResponse) Check() error {
	if r == nil {
		return checkIdNameDateResults.check("", "no response", "")
	}
	return checkIdNameDateResults.check(r.Result, r.Description, r.RequestId)
}

// CheckIdNameDate checks Name, IdCard and the card's validity dates together. A nil error
// means they match (Result "0"); otherwise a *VerificationError (with the response) says what
// Result means: "-1" is a billed mismatch, "-2" to "-8" are not billed (bad input, invalid
// identity, no record, the database unavailable, today's limit reached). Billed, so not resent
// after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/60075
func (c *Client) CheckIdNameDate(ctx context.Context, req *CheckIdNameDateRequest) (*CheckIdNameDateResponse, error) {
	return call[CheckIdNameDateRequest, CheckIdNameDateResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// MinorsVerification (https://cloud.tencent.com/document/api/1007/39766)

// MinorsVerification's Type values.
const (
	// MinorsByMobile checks the person behind Mobile (Tencent's trusted-model data).
	MinorsByMobile = "0"
	// MinorsByNameIdCard checks Name and IdCard against the authority's records.
	MinorsByNameIdCard = "1"
)

// MinorsVerification's AgeRange values: [a,b) in years, b "+" for no upper bound.
const (
	AgeRangeUnder8 = "[0,8)"
	AgeRange8To16  = "[8,16)"
	AgeRange16To18 = "[16,18)"
	AgeRangeAdult  = "[18,+)"
)

// MinorsVerificationRequest asks whether a person is real and at least 18 years old, by mobile
// number (Type "0") or by name and ID-card number (Type "1").
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/39766
type MinorsVerificationRequest struct {
	// Type is MinorsByMobile ("0": check Mobile) or MinorsByNameIdCard ("1": check Name and
	// IdCard). Required.
	Type string `json:"Type"`
	// Mobile is the 11-digit mobile number; required with Type "0". Tencent's page: the check
	// covers only the numbers of Tencent's trusted model, whatever the carrier's real-name
	// registration; a number outside it answers "-2", and the page advises sending Name and
	// IdCard too.
	Mobile *string `json:"Mobile,omitempty"`
	// IdCard is the 18-character ID-card number; required with Type "1".
	IdCard *string `json:"IdCard,omitempty"`
	// Name is the person's name; required with Type "1".
	Name *string `json:"Name,omitempty"`
	// Encryption encrypts Name, IdCard and/or Mobile (the page allows no other field).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// MinorsVerificationResponse is MinorsVerification's answer. The method returns a
// *VerificationError unless Result is "0" (an adult); the raw Result stays here.
type MinorsVerificationResponse struct {
	// Result is the numeric code: "0" adult, "-1" minor, "-3" name and ID mismatch (all three
	// billed), "-2" and "-4" to "-8" not billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// AgeRange is the age bracket, one of AgeRangeUnder8, AgeRange8To16, AgeRange16To18 and
	// AgeRangeAdult.
	AgeRange  string `json:"AgeRange"`
	RequestId string `json:"RequestId"`
}

// Action returns "MinorsVerification".
func (*MinorsVerificationRequest) Action() string { return "MinorsVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r MinorsVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r MinorsVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r MinorsVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/39766: Type, the
// members Type requires, and the shape of every member given (Type "0" may carry Name and
// IdCard too).
func (r *MinorsVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Type", "is required: the request is nil")
		return v.err()
	}
	switch r.Type {
	case "":
		v.fail("Type", `is required: set it to "0" (MinorsByMobile) to check Mobile or "1" (MinorsByNameIdCard) to check Name and IdCard`)
	case MinorsByMobile:
		if r.Mobile == nil {
			v.fail("Mobile", `is required with Type "0": set it to the 11-digit mobile number, or use Type "1" with Name and IdCard`)
		}
	case MinorsByNameIdCard:
		if r.IdCard == nil {
			v.fail("IdCard", `is required with Type "1": set it to the person's 18-character ID-card number`)
		}
		if r.Name == nil {
			v.fail("Name", `is required with Type "1": set it to the person's name`)
		}
	default:
		v.oneOf("Type", r.Type, MinorsByMobile, MinorsByNameIdCard)
	}
	if r.Mobile != nil {
		v.phone("Mobile", *r.Mobile, r.Encryption)
	}
	if r.IdCard != nil {
		v.idNumber("IdCard", *r.IdCard, r.Encryption)
	}
	if r.Name != nil {
		v.name("Name", *r.Name, r.Encryption)
	}
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Name", "IdCard", "Mobile")
	return v.err()
}

// minorsVerificationResults are MinorsVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/39766).
var minorsVerificationResults = newResultTable("MinorsVerification",
	ResultCode{Code: "0", Meaning: "the person is an adult (18 or over)", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "the person is a minor (under 18; AgeRange says how old)", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the mobile number is not in the data Tencent's model covers: check by Name and IdCard instead", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-3", Meaning: "the name and the ID number do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-4", Meaning: "the ID number is invalid (length or check digit)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-5", Meaning: "the name is invalid (length or format)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "the authority's data service failed", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-7", Meaning: "no identity record was found", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-8", Meaning: "the authority's data source is being upgraded: try again later", Billed: NotBilled, Retry: RetryBackoff},
)

// Check returns nil only for Result "0" (an adult); any other Result, an unknown or empty one
// included, gives a *VerificationError saying what the code means, whether it was billed and
// whether a retry can help.
func (r *MinorsVerificationResponse) Check() error {
	if r == nil {
		return minorsVerificationResults.check("", "no response", "")
	}
	return minorsVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// MinorsVerification asks whether the person is a real adult. A nil error means Result "0":
// 18 or over. A minor is Result "-1", a billed answer that is not a pass: the method returns a
// *VerificationError for it (with the response, whose AgeRange gives the bracket), as it does
// for the billed "-3" (name and ID mismatch) and for the not-billed codes (no data for the
// mobile number, bad input, the authority unavailable). Billed, so not resent after an
// ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/39766
func (c *Client) MinorsVerification(ctx context.Context, req *MinorsVerificationRequest) (*MinorsVerificationResponse, error) {
	return call[MinorsVerificationRequest, MinorsVerificationResponse](ctx, c, req)
}
