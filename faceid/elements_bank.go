package faceid

import (
	"context"
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
