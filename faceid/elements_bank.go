package faceid

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
)

// Element verification, bank cards: BankCard2EVerification (name + card), BankCardVerification
// (name + ID number + card), BankCard4EVerification (name + ID number + card + mobile number)
// and CheckBankCardInformation (the card's bank and kind). Each answers a numeric Result code
// (family P2); the three verifications share a run of billed answers about the card itself.

// bankCardAnswers are the billed answers about the card that the three bank-card verifications
// share, in the order of their codes: BankCard2EVerification numbers them from -5,
// BankCardVerification from -6, BankCard4EVerification from -7 (Tencent's pages
// https://cloud.tencent.com/document/api/1007/35776, .../33848, .../35775).
var bankCardAnswers = []string{
	"card-not-present payment is not enabled for this card",
	"the card has been confiscated",
	"the card number is invalid",
	"no issuing bank matches this card",
	"the card is not activated or is dormant",
	"the card is flagged as fraudulent or retained",
	"the card has been reported lost",
	"the card has expired",
	"the card is restricted",
	"the card's PIN retry limit is exceeded",
	"the issuing bank does not support this transaction",
}

// bankCardCodes returns the codes of bankCardAnswers numbered from first (a negative code),
// and abnormal, the code of "card status abnormal or wrong card number": all billed, all final.
func bankCardCodes(first int, abnormal string) []ResultCode {
	out := make([]ResultCode, 0, len(bankCardAnswers)+1)
	for i, m := range bankCardAnswers {
		out = append(out, ResultCode{Code: strconv.Itoa(first - i), Meaning: m, Billed: Billed, Retry: RetryNever})
	}
	return append(out, ResultCode{Code: abnormal, Meaning: "the card's status is abnormal or the card number is wrong", Billed: Billed, Retry: RetryNever})
}

// certType checks the CertType of the bank-card verifications: only 0, the mainland resident
// ID card, is supported.
func (v *validator) certType(t *int64) {
	if t != nil && *t != 0 {
		v.fail("CertType", "is %d: only 0 (the mainland resident ID card) is supported: leave it nil", *t)
	}
}

// ---------------------------------------------------------------------------------------------
// BankCard2EVerification (https://cloud.tencent.com/document/api/1007/35776)

// BankCard2EVerificationRequest checks that a bank card belongs to a name (two elements).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/35776
type BankCard2EVerificationRequest struct {
	// Name is the cardholder's name. Required.
	Name string `json:"Name"`
	// BankCard is the card number, digits only. Required.
	BankCard string `json:"BankCard"`
	// Encryption encrypts Name and/or BankCard (the page allows no other field).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// BankCard2EVerificationResponse is BankCard2EVerification's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type BankCard2EVerificationResponse struct {
	// Result is the numeric code: "0" verified; "-1", "-4" to "-15" and "-18" are billed
	// answers; "-2", "-3", "-16" and "-17" are not billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "BankCard2EVerification".
func (*BankCard2EVerificationRequest) Action() string { return "BankCard2EVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r BankCard2EVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r BankCard2EVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r BankCard2EVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/35776.
func (r *BankCard2EVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Name", "is required: the request is nil")
		return v.err()
	}
	v.name("Name", r.Name, r.Encryption)
	v.bankCard("BankCard", r.BankCard, r.Encryption)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Name", "BankCard")
	return v.err()
}

// bankCard2EVerificationResults are BankCard2EVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/35776).
var bankCard2EVerificationResults = newResultTable("BankCard2EVerification", append([]ResultCode{
	{Code: "0", Meaning: "the name and the card are verified", Pass: true, Billed: Billed},
	{Code: "-1", Meaning: "the name and the card are not verified", Billed: Billed, Retry: RetryNever},
	{Code: "-2", Meaning: "the name failed the format check", Billed: NotBilled, Retry: RetryNever},
	{Code: "-3", Meaning: "the card number's format is wrong", Billed: NotBilled, Retry: RetryNever},
	{Code: "-4", Meaning: "the cardholder information is wrong", Billed: Billed, Retry: RetryNever},
	{Code: "-16", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	{Code: "-17", Meaning: "the number of verifications allowed today is used up: retry the next day", Billed: NotBilled, Retry: RetryLater},
}, bankCardCodes(-5, "-18")...)...)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *BankCard2EVerificationResponse) Check() error {
	if r == nil {
		return bankCard2EVerificationResults.check("", "no response", "")
	}
	return bankCard2EVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// BankCard2EVerification checks that BankCard belongs to Name. A nil error means it does
// (Result "0"); otherwise a *VerificationError (with the response) says what Result means:
// "-1", "-4" and the answers about the card ("-5" to "-15", "-18") are billed and final; the
// format errors "-2"/"-3", the busy centre "-16" and today's limit "-17" are not billed.
// Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/35776
func (c *Client) BankCard2EVerification(ctx context.Context, req *BankCard2EVerificationRequest) (*BankCard2EVerificationResponse, error) {
	return call[BankCard2EVerificationRequest, BankCard2EVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// BankCardVerification (https://cloud.tencent.com/document/api/1007/33848)

// BankCardVerificationRequest checks that a bank card was opened with a name and a mainland
// ID-card number (three elements).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/33848
type BankCardVerificationRequest struct {
	// IdCard is the ID-card number the account was opened with (18 characters; a check letter
	// must be upper-case X). Required.
	IdCard string `json:"IdCard"`
	// Name is the cardholder's name. Required.
	Name string `json:"Name"`
	// BankCard is the card number, digits only. Required.
	BankCard string `json:"BankCard"`
	// CertType is the kind of IdCard: only 0, the mainland resident ID card (the default), is
	// supported.
	CertType *int64 `json:"CertType,omitempty"`
	// Encryption encrypts Name, IdCard and/or BankCard (the page allows no other field).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// BankCardVerificationResponse is BankCardVerification's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type BankCardVerificationResponse struct {
	// Result is the numeric code: "0" verified; "-1", "-5" to "-16" and "-20" are billed
	// answers; "-2" to "-4" and "-17" to "-19" are not billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "BankCardVerification".
func (*BankCardVerificationRequest) Action() string { return "BankCardVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r BankCardVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r BankCardVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r BankCardVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/33848.
func (r *BankCardVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	v.idNumber("IdCard", r.IdCard, r.Encryption)
	v.name("Name", r.Name, r.Encryption)
	v.bankCard("BankCard", r.BankCard, r.Encryption)
	v.certType(r.CertType)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Name", "IdCard", "BankCard")
	return v.err()
}

// bankCardVerificationResults are BankCardVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/33848).
var bankCardVerificationResults = newResultTable("BankCardVerification", append([]ResultCode{
	{Code: "0", Meaning: "the name, the ID number and the card are verified", Pass: true, Billed: Billed},
	{Code: "-1", Meaning: "the name, the ID number and the card are not verified", Billed: Billed, Retry: RetryNever},
	{Code: "-2", Meaning: "the name failed the format check", Billed: NotBilled, Retry: RetryNever},
	{Code: "-3", Meaning: "the ID number is invalid", Billed: NotBilled, Retry: RetryNever},
	{Code: "-4", Meaning: "the card number's format is wrong", Billed: NotBilled, Retry: RetryNever},
	{Code: "-5", Meaning: "the cardholder information is wrong", Billed: Billed, Retry: RetryNever},
	{Code: "-17", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	{Code: "-18", Meaning: "the number of verifications allowed today is used up: retry the next day", Billed: NotBilled, Retry: RetryLater},
	{Code: "-19", Meaning: "the kind of ID document is not supported (only the second-generation resident ID card)", Billed: NotBilled, Retry: RetryNever},
}, bankCardCodes(-6, "-20")...)...)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *BankCardVerificationResponse) Check() error {
	if r == nil {
		return bankCardVerificationResults.check("", "no response", "")
	}
	return bankCardVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// BankCardVerification checks that BankCard was opened with Name and IdCard. A nil error means
// it was (Result "0"); otherwise a *VerificationError (with the response) says what Result
// means: "-1", "-5" and the answers about the card ("-6" to "-16", "-20") are billed and final;
// the format errors "-2" to "-4", the busy centre "-17", today's limit "-18" and the
// unsupported document "-19" are not billed. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/33848
func (c *Client) BankCardVerification(ctx context.Context, req *BankCardVerificationRequest) (*BankCardVerificationResponse, error) {
	return call[BankCardVerificationRequest, BankCardVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// BankCard4EVerification (https://cloud.tencent.com/document/api/1007/35775)

// BankCard4EVerificationRequest checks that a bank card was opened with a name, a mainland
// ID-card number and a mobile number (four elements).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/35775
type BankCard4EVerificationRequest struct {
	// Name is the cardholder's name. Required.
	Name string `json:"Name"`
	// BankCard is the card number, digits only. Required.
	BankCard string `json:"BankCard"`
	// Phone is the 11-digit mobile number the account was opened with. Required.
	Phone string `json:"Phone"`
	// IdCard is the ID-card number the account was opened with (18 characters; a check letter
	// must be upper-case X). Required.
	IdCard string `json:"IdCard"`
	// CertType is the kind of IdCard: only 0, the mainland resident ID card (the default), is
	// supported.
	CertType *int64 `json:"CertType,omitempty"`
	// Encryption encrypts Name, IdCard, Phone and/or BankCard (the page allows no other field).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// BankCard4EVerificationResponse is BankCard4EVerification's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type BankCard4EVerificationResponse struct {
	// Result is the numeric code: "0" verified; "-1", "-6" to "-17" and "-21" are billed
	// answers; "-2" to "-5" and "-18" to "-20" are not billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "BankCard4EVerification".
func (*BankCard4EVerificationRequest) Action() string { return "BankCard4EVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r BankCard4EVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r BankCard4EVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r BankCard4EVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/35775.
func (r *BankCard4EVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Name", "is required: the request is nil")
		return v.err()
	}
	v.name("Name", r.Name, r.Encryption)
	v.bankCard("BankCard", r.BankCard, r.Encryption)
	v.phone("Phone", r.Phone, r.Encryption)
	v.idNumber("IdCard", r.IdCard, r.Encryption)
	v.certType(r.CertType)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Name", "IdCard", "Phone", "BankCard")
	return v.err()
}

// bankCard4EVerificationResults are BankCard4EVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/35775).
var bankCard4EVerificationResults = newResultTable("BankCard4EVerification", append([]ResultCode{
	{Code: "0", Meaning: "the name, the ID number, the card and the mobile number are verified", Pass: true, Billed: Billed},
	{Code: "-1", Meaning: "the name, the ID number, the card and the mobile number are not verified", Billed: Billed, Retry: RetryNever},
	{Code: "-2", Meaning: "the name failed the format check", Billed: NotBilled, Retry: RetryNever},
	{Code: "-3", Meaning: "the ID number is invalid", Billed: NotBilled, Retry: RetryNever},
	{Code: "-4", Meaning: "the card number's format is wrong", Billed: NotBilled, Retry: RetryNever},
	{Code: "-5", Meaning: "the mobile number is invalid", Billed: NotBilled, Retry: RetryNever},
	{Code: "-6", Meaning: "the cardholder information is wrong", Billed: Billed, Retry: RetryNever},
	{Code: "-18", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	{Code: "-19", Meaning: "the number of verifications allowed today is used up: retry the next day", Billed: NotBilled, Retry: RetryLater},
	{Code: "-20", Meaning: "the kind of ID document is not supported (only the second-generation resident ID card)", Billed: NotBilled, Retry: RetryNever},
}, bankCardCodes(-7, "-21")...)...)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *BankCard4EVerificationResponse) Check() error {
	if r == nil {
		return bankCard4EVerificationResults.check("", "no response", "")
	}
	return bankCard4EVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// BankCard4EVerification checks that BankCard was opened with Name, IdCard and Phone. A nil
// error means it was (Result "0"); otherwise a *VerificationError (with the response) says
// what Result means: "-1", "-6" and the answers about the card ("-7" to "-17", "-21") are
// billed and final; the format errors "-2" to "-5", the busy centre "-18", today's limit "-19"
// and the unsupported document "-20" are not billed. Billed, so not resent after an ambiguous
// failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/35775
func (c *Client) BankCard4EVerification(ctx context.Context, req *BankCard4EVerificationRequest) (*BankCard4EVerificationResponse, error) {
	return call[BankCard4EVerificationRequest, BankCard4EVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// CheckBankCardInformation (https://cloud.tencent.com/document/api/1007/47837)

// CheckBankCardInformation's AccountType values: the kind of card.
const (
	BankCardDebit       int64 = 1 // 借记卡
	BankCardCredit      int64 = 2 // 贷记卡
	BankCardPrepaid     int64 = 3 // 预付费卡
	BankCardQuasiCredit int64 = 4 // 准贷记卡
)

// CheckBankCardInformationRequest looks up the issuing bank and the kind of a bank card.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/47837
type CheckBankCardInformationRequest struct {
	// BankCard is the card number, digits only. Required.
	BankCard string `json:"BankCard"`
	// Encryption encrypts BankCard (the page allows no other field).
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// CheckBankCardInformationResponse is CheckBankCardInformation's answer. The method returns a
// *VerificationError unless Result is "0" (found); the raw Result stays here.
type CheckBankCardInformationResponse struct {
	// Result is the numeric code: "0" found, "-1" nothing found, "-5" invalid card number (all
	// three billed), "-2", "-3", "-4" and "-6" not billed (see the method).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// AccountBank is the issuing bank, e.g. "招商银行信用卡".
	AccountBank string `json:"AccountBank"`
	// AccountType is the kind of card: BankCardDebit, BankCardCredit, BankCardPrepaid or
	// BankCardQuasiCredit.
	AccountType *int64 `json:"AccountType"`
	RequestId   string `json:"RequestId"`
}

// Action returns "CheckBankCardInformation".
func (*CheckBankCardInformationRequest) Action() string { return "CheckBankCardInformation" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r CheckBankCardInformationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r CheckBankCardInformationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r CheckBankCardInformationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/47837.
func (r *CheckBankCardInformationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("BankCard", "is required: the request is nil")
		return v.err()
	}
	v.bankCard("BankCard", r.BankCard, r.Encryption)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "BankCard")
	return v.err()
}

// checkBankCardInformationResults are CheckBankCardInformation's documented Result codes
// (https://cloud.tencent.com/document/api/1007/47837).
var checkBankCardInformationResults = newResultTable("CheckBankCardInformation",
	ResultCode{Code: "0", Meaning: "the card was found: AccountBank and AccountType describe it", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "no information was found for the card", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-3", Meaning: "the bank card does not exist", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-4", Meaning: "the number of queries allowed today is used up: retry the next day", Billed: NotBilled, Retry: RetryLater},
	ResultCode{Code: "-5", Meaning: "the card number is invalid", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "this kind of bank card is not supported yet", Billed: NotBilled, Retry: RetryNever},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *CheckBankCardInformationResponse) Check() error {
	if r == nil {
		return checkBankCardInformationResults.check("", "no response", "")
	}
	return checkBankCardInformationResults.check(r.Result, r.Description, r.RequestId)
}

// CheckBankCardInformation looks up BankCard's issuing bank and kind. A nil error means the
// card was found (Result "0"; AccountBank and AccountType are set); otherwise a
// *VerificationError (with the response) says what Result means: "-1" (nothing found) and
// "-5" (invalid number) are billed answers, "-2" (busy), "-3" (no such card), "-4" (today's
// limit) and "-6" (kind of card not supported) are not billed. Billed, so not resent after an
// ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/47837
func (c *Client) CheckBankCardInformation(ctx context.Context, req *CheckBankCardInformationRequest) (*CheckBankCardInformationResponse, error) {
	return call[CheckBankCardInformationRequest, CheckBankCardInformationResponse](ctx, c, req)
}
