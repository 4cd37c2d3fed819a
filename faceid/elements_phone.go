package faceid

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
)

// Element verification, phone: the checks of a mainland mobile number against the carriers'
// records (CheckPhoneAndName, PhoneVerification and its per-carrier and hashed variants) and
// the queries of a number's state (MobileStatus, MobileNetworkTimeVerification). Every one of
// them is billable, and all report their answer as a numeric Result (family P2).
//
// Tencent's pages: the FaceID API index https://cloud.tencent.com/document/api/1007/31320
// (CheckPhoneAndName, PhoneVerificationCMCC/CTCC/CUCC, EncryptedPhoneVerification are listed
// there), https://cloud.tencent.com/document/api/1007/39765 (PhoneVerification),
// https://cloud.tencent.com/document/api/1007/40545 (MobileStatus),
// https://cloud.tencent.com/document/api/1007/40546 (MobileNetworkTimeVerification).

// threeElements checks the IdCard, Name and Phone of the three-element phone checks; each is
// skipped when enc encrypts it.
func (v *validator) threeElements(idCard, name, phone string, enc *Encryption) {
	v.idNumber("IdCard", idCard, enc)
	v.name("Name", name, enc)
	v.phone("Phone", phone, enc)
}

// ---------------------------------------------------------------------------------------------
// CheckPhoneAndName (https://cloud.tencent.com/document/api/1007/31320)

// CheckPhoneAndNameRequest checks that a mobile number is registered to a name (two-element
// check against the carrier's records).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// CheckPhoneAndName)
type CheckPhoneAndNameRequest struct {
	// Mobile is the 11-digit mainland mobile number, without +86. Required.
	Mobile string `json:"Mobile"`
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// Encryption encrypts Mobile and/or Name.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// CheckPhoneAndNameResponse is CheckPhoneAndName's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type CheckPhoneAndNameResponse struct {
	// Result is the numeric code: "0" match, "1" mismatch, negative codes for no answer
	// (CheckPhoneAndName's Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "CheckPhoneAndName".
func (*CheckPhoneAndNameRequest) Action() string { return "CheckPhoneAndName" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r CheckPhoneAndNameRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r CheckPhoneAndNameRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r CheckPhoneAndNameRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/31320
// (CheckPhoneAndName): an 11-digit Mobile, a trimmed Name, and an Encryption block that
// encrypts only Mobile and Name.
func (r *CheckPhoneAndNameRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Mobile", "is required: the request is nil")
		return v.err()
	}
	v.phone("Mobile", r.Mobile, r.Encryption)
	v.name("Name", r.Name, r.Encryption)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Mobile", "Name")
	return v.err()
}

// checkPhoneAndNameResults are CheckPhoneAndName's documented Result codes
// (https://cloud.tencent.com/document/api/1007/31320). Unlike the three-element checks, the
// mismatch is the positive code 1, and -1 means no record.
var checkPhoneAndNameResults = newResultTable("CheckPhoneAndName",
	ResultCode{Code: "0", Meaning: "the name and the mobile number match", Pass: true, Billed: Billed},
	ResultCode{Code: "1", Meaning: "the name and the mobile number do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-1", Meaning: "the carrier has no record of the number", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the verification engine failed with an unknown error", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-3", Meaning: "the verification engine's service failed", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-4", Meaning: "the name failed the format check", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-5", Meaning: "the mobile number is not valid", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "the daily limit of verifications is reached: retry the next day", Billed: NotBilled, Retry: RetryLater},
	ResultCode{Code: "-13", Meaning: "the number's range is not supported", Billed: NotBilled, Retry: RetryNever},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *CheckPhoneAndNameResponse) Check() error {
	if r == nil {
		return checkPhoneAndNameResults.check("", "no response", "")
	}
	return checkPhoneAndNameResults.check(r.Result, r.Description, r.RequestId)
}

// CheckPhoneAndName checks that Mobile is registered to Name. A nil error means it is;
// otherwise a *VerificationError (with the response) says what Result means: "1" is a billed
// mismatch. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// CheckPhoneAndName)
func (c *Client) CheckPhoneAndName(ctx context.Context, req *CheckPhoneAndNameRequest) (*CheckPhoneAndNameResponse, error) {
	return call[CheckPhoneAndNameRequest, CheckPhoneAndNameResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// PhoneVerification (https://cloud.tencent.com/document/api/1007/39765)

// VerifyMode values of PhoneVerification (https://cloud.tencent.com/document/api/1007/39765).
const (
	// PhoneVerifySimple is the default mode: Result only.
	PhoneVerifySimple = "0"
	// PhoneVerifyDetailed adds ResultDetail when Result is -4; it is priced differently
	// (https://cloud.tencent.com/document/product/1007/84321).
	PhoneVerifyDetailed = "1"
)

// ResultDetail values of PhoneVerification in PhoneVerifyDetailed mode: which of the three
// elements did not match (https://cloud.tencent.com/document/api/1007/39765).
const (
	PhoneIdCardMismatch     = "PhoneIdCardMismatch"     // the number and the ID number do not match
	PhoneNameMismatch       = "PhoneNameMismatch"       // the number and the name do not match
	PhoneNameIdCardMismatch = "PhoneNameIdCardMismatch" // neither the name nor the ID number match the number
	NameIdCardMismatch      = "NameIdCardMismatch"      // the name and the ID number do not match
	OtherMismatch           = "OtherMismatch"           // some other mismatch
)

// PhoneVerificationRequest checks that a mobile number, a name and an ID-card number belong
// together, with whichever carrier the number is on (three-element check).
//
// Unlike the other element checks, its field encryption is three flat fields (CiphertextBlob,
// EncryptList, Iv), not an Encryption block; set all three or none.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/39765
type PhoneVerificationRequest struct {
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// Phone is the 11-digit mainland mobile number, without +86. Required.
	Phone string `json:"Phone"`
	// VerifyMode is PhoneVerifySimple (the default) or PhoneVerifyDetailed.
	VerifyMode *string `json:"VerifyMode,omitempty"`
	// CiphertextBlob is the encrypted symmetric key, with EncryptList and Iv.
	CiphertextBlob *string `json:"CiphertextBlob,omitempty"`
	// EncryptList names the encrypted fields: any of "IdCard", "Name", "Phone".
	EncryptList []string `json:"EncryptList,omitempty"`
	// Iv is the CBC initialisation vector (16 characters), with CiphertextBlob and EncryptList.
	Iv *string `json:"Iv,omitempty"`
}

// PhoneVerificationResponse is PhoneVerification's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type PhoneVerificationResponse struct {
	// Result is the numeric code, e.g. "0" or "-4" (PhoneVerification's Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// Isp is the carrier: "移动" (China Mobile), "电信" (China Telecom), "联通" (China Unicom)
	// or "".
	Isp string `json:"Isp"`
	// ResultDetail says which elements did not match (PhoneIdCardMismatch etc.), in
	// PhoneVerifyDetailed mode when Result is "-4"; empty otherwise.
	ResultDetail string `json:"ResultDetail"`
	RequestId    string `json:"RequestId"`
}

// Action returns "PhoneVerification".
func (*PhoneVerificationRequest) Action() string { return "PhoneVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r PhoneVerificationRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r PhoneVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/39765: the three
// elements' shapes (skipped for the fields EncryptList names), VerifyMode "0" or "1", and
// CiphertextBlob, EncryptList and Iv together.
func (r *PhoneVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	var enc *Encryption
	if len(r.EncryptList) > 0 {
		enc = &Encryption{EncryptList: r.EncryptList}
	}
	v.threeElements(r.IdCard, r.Name, r.Phone, enc)
	if r.VerifyMode != nil {
		v.oneOf("VerifyMode", *r.VerifyMode, PhoneVerifySimple, PhoneVerifyDetailed)
	}
	blob, iv := r.CiphertextBlob != nil && *r.CiphertextBlob != "", r.Iv != nil && *r.Iv != ""
	if blob || iv || len(r.EncryptList) > 0 {
		if len(r.EncryptList) == 0 {
			v.fail("EncryptList", "is required with CiphertextBlob and Iv: list the encrypted fields, e.g. [\"Phone\"]")
		}
		if !blob {
			v.fail("CiphertextBlob", "is required with EncryptList and Iv: set it to the encrypted symmetric key")
		}
		if !iv {
			v.fail("Iv", "is required with EncryptList and CiphertextBlob: set it to the CBC initialisation vector")
		}
	}
	v.encryptsOnly("", enc, "IdCard", "Name", "Phone")
	return v.err()
}

// phoneVerificationResults are PhoneVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/39765).
var phoneVerificationResults = newResultTable("PhoneVerification",
	ResultCode{Code: "0", Meaning: "the mobile number, the name and the ID number match", Pass: true, Billed: Billed},
	ResultCode{Code: "-4", Meaning: "the three elements do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-6", Meaning: "the mobile number is not valid", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-7", Meaning: "the ID number is not valid", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-8", Meaning: "the name failed the format check", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-9", Meaning: "the carrier has no record", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-11", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-12", Meaning: "the daily limit of verifications is reached: retry the next day", Billed: NotBilled, Retry: RetryLater},
	ResultCode{Code: "-13", Meaning: "the number's range is not supported", Billed: NotBilled, Retry: RetryNever},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *PhoneVerificationResponse) Check() error {
	if r == nil {
		return phoneVerificationResults.check("", "no response", "")
	}
	return phoneVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// PhoneVerification checks that Phone, Name and IdCard belong together. A nil error means
// they do; otherwise a *VerificationError (with the response, whose ResultDetail says more in
// PhoneVerifyDetailed mode) says what Result means. Billed, so not resent after an ambiguous
// failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/39765
func (c *Client) PhoneVerification(ctx context.Context, req *PhoneVerificationRequest) (*PhoneVerificationResponse, error) {
	return call[PhoneVerificationRequest, PhoneVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// PhoneVerificationCMCC, PhoneVerificationCTCC, PhoneVerificationCUCC
// (https://cloud.tencent.com/document/api/1007/31320): the three-element check with one
// carrier only. They share their fields and their table of codes: -13 answers a number the
// carrier does not serve, and none of them documents a daily limit.

// carrierResults is the code table of the per-carrier checks, named for action.
func carrierResults(action string) *ResultTable {
	return newResultTable(action,
		ResultCode{Code: "0", Meaning: "the mobile number, the name and the ID number match", Pass: true, Billed: Billed},
		ResultCode{Code: "-4", Meaning: "the number is registered, but the name or the ID number differ", Billed: Billed, Retry: RetryNever},
		ResultCode{Code: "-6", Meaning: "the mobile number is not valid", Billed: NotBilled, Retry: RetryNever},
		ResultCode{Code: "-7", Meaning: "the ID number is not valid", Billed: NotBilled, Retry: RetryNever},
		ResultCode{Code: "-8", Meaning: "the name failed the format check", Billed: NotBilled, Retry: RetryNever},
		ResultCode{Code: "-9", Meaning: "the carrier has no record", Billed: NotBilled, Retry: RetryNever},
		ResultCode{Code: "-11", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
		ResultCode{Code: "-13", Meaning: "the number's range is not supported (not this carrier's number)", Billed: NotBilled, Retry: RetryNever},
	)
}

// The per-carrier code tables (https://cloud.tencent.com/document/api/1007/31320).
var (
	phoneVerificationCMCCResults = carrierResults("PhoneVerificationCMCC")
	phoneVerificationCTCCResults = carrierResults("PhoneVerificationCTCC")
	phoneVerificationCUCCResults = carrierResults("PhoneVerificationCUCC")
)

// validateCarrier is the Validate of the per-carrier checks: the three elements (skipped for
// encrypted fields) and an Encryption block that encrypts only them.
func validateCarrier(v *validator, idCard, name, phone string, enc *Encryption) error {
	v.threeElements(idCard, name, phone, enc)
	v.encryption("Encryption", enc, true)
	v.encryptsOnly("Encryption", enc, "IdCard", "Name", "Phone")
	return v.err()
}

// PhoneVerificationCMCCRequest checks that a China Mobile number, a name and an ID-card
// number belong together (three-element check with China Mobile only).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// PhoneVerificationCMCC)
type PhoneVerificationCMCCRequest struct {
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// Phone is the 11-digit mobile number, without +86. Required.
	Phone string `json:"Phone"`
	// Encryption encrypts any of IdCard, Name, Phone.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// PhoneVerificationCMCCResponse is PhoneVerificationCMCC's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type PhoneVerificationCMCCResponse struct {
	// Result is the numeric code, e.g. "0" or "-4" (PhoneVerificationCMCC's Action.Results).
	Result string `json:"Result"`
	// Isp is the carrier, "移动" for a China Mobile number.
	Isp         string `json:"Isp"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "PhoneVerificationCMCC".
func (*PhoneVerificationCMCCRequest) Action() string { return "PhoneVerificationCMCC" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r PhoneVerificationCMCCRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r PhoneVerificationCMCCRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationCMCCRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/31320
// (PhoneVerificationCMCC). It does not check that Phone is a China Mobile number: numbers
// move between carriers, so only the carrier knows (Result -13).
func (r *PhoneVerificationCMCCRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	return validateCarrier(v, r.IdCard, r.Name, r.Phone, r.Encryption)
}

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *PhoneVerificationCMCCResponse) Check() error {
	if r == nil {
		return phoneVerificationCMCCResults.check("", "no response", "")
	}
	return phoneVerificationCMCCResults.check(r.Result, r.Description, r.RequestId)
}

// PhoneVerificationCMCC checks Phone, Name and IdCard with China Mobile. A nil error means
// they belong together; otherwise a *VerificationError (with the response) says what Result
// means. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// PhoneVerificationCMCC)
func (c *Client) PhoneVerificationCMCC(ctx context.Context, req *PhoneVerificationCMCCRequest) (*PhoneVerificationCMCCResponse, error) {
	return call[PhoneVerificationCMCCRequest, PhoneVerificationCMCCResponse](ctx, c, req)
}

// PhoneVerificationCTCCRequest checks that a China Telecom number, a name and an ID-card
// number belong together (three-element check with China Telecom only).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// PhoneVerificationCTCC)
type PhoneVerificationCTCCRequest struct {
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// Phone is the 11-digit mobile number, without +86. Required.
	Phone string `json:"Phone"`
	// Encryption encrypts any of IdCard, Name, Phone.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// PhoneVerificationCTCCResponse is PhoneVerificationCTCC's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type PhoneVerificationCTCCResponse struct {
	// Result is the numeric code, e.g. "0" or "-4" (PhoneVerificationCTCC's Action.Results).
	Result string `json:"Result"`
	// Isp is the carrier, "电信" for a China Telecom number.
	Isp         string `json:"Isp"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "PhoneVerificationCTCC".
func (*PhoneVerificationCTCCRequest) Action() string { return "PhoneVerificationCTCC" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r PhoneVerificationCTCCRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r PhoneVerificationCTCCRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationCTCCRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/31320
// (PhoneVerificationCTCC). It does not check that Phone is a China Telecom number: numbers
// move between carriers, so only the carrier knows (Result -13).
func (r *PhoneVerificationCTCCRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	return validateCarrier(v, r.IdCard, r.Name, r.Phone, r.Encryption)
}

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *PhoneVerificationCTCCResponse) Check() error {
	if r == nil {
		return phoneVerificationCTCCResults.check("", "no response", "")
	}
	return phoneVerificationCTCCResults.check(r.Result, r.Description, r.RequestId)
}

// PhoneVerificationCTCC checks Phone, Name and IdCard with China Telecom. A nil error means
// they belong together; otherwise a *VerificationError (with the response) says what Result
// means. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// PhoneVerificationCTCC)
func (c *Client) PhoneVerificationCTCC(ctx context.Context, req *PhoneVerificationCTCCRequest) (*PhoneVerificationCTCCResponse, error) {
	return call[PhoneVerificationCTCCRequest, PhoneVerificationCTCCResponse](ctx, c, req)
}

// PhoneVerificationCUCCRequest checks that a China Unicom number, a name and an ID-card
// number belong together (three-element check with China Unicom only).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// PhoneVerificationCUCC)
type PhoneVerificationCUCCRequest struct {
	// IdCard is the 18-character ID-card number; a check letter must be upper-case X. Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name. Required.
	Name string `json:"Name"`
	// Phone is the 11-digit mobile number, without +86. Required.
	Phone string `json:"Phone"`
	// Encryption encrypts any of IdCard, Name, Phone.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// PhoneVerificationCUCCResponse is PhoneVerificationCUCC's answer. The method returns a
// *VerificationError unless Result is "0"; the raw Result stays here.
type PhoneVerificationCUCCResponse struct {
	// Result is the numeric code, e.g. "0" or "-4" (PhoneVerificationCUCC's Action.Results).
	Result string `json:"Result"`
	// Isp is the carrier, "联通" for a China Unicom number.
	Isp         string `json:"Isp"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

// Action returns "PhoneVerificationCUCC".
func (*PhoneVerificationCUCCRequest) Action() string { return "PhoneVerificationCUCC" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r PhoneVerificationCUCCRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r PhoneVerificationCUCCRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationCUCCRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/31320
// (PhoneVerificationCUCC). It does not check that Phone is a China Unicom number: numbers
// move between carriers, so only the carrier knows (Result -13).
func (r *PhoneVerificationCUCCRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	return validateCarrier(v, r.IdCard, r.Name, r.Phone, r.Encryption)
}

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *PhoneVerificationCUCCResponse) Check() error {
	if r == nil {
		return phoneVerificationCUCCResults.check("", "no response", "")
	}
	return phoneVerificationCUCCResults.check(r.Result, r.Description, r.RequestId)
}

// PhoneVerificationCUCC checks Phone, Name and IdCard with China Unicom. A nil error means
// they belong together; otherwise a *VerificationError (with the response) says what Result
// means. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// PhoneVerificationCUCC)
func (c *Client) PhoneVerificationCUCC(ctx context.Context, req *PhoneVerificationCUCCRequest) (*PhoneVerificationCUCCResponse, error) {
	return call[PhoneVerificationCUCCRequest, PhoneVerificationCUCCResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// EncryptedPhoneVerification (https://cloud.tencent.com/document/api/1007/31320)

// EncryptionMode values of EncryptedPhoneVerification: how IdCard, Name and Phone are sent
// (https://cloud.tencent.com/document/api/1007/31320, EncryptedPhoneVerification).
const (
	// PhoneEncryptionPlain sends the three elements as they are.
	PhoneEncryptionPlain = "0"
	// PhoneEncryptionMD5 sends each element's MD5 digest, 32 lower-case hex digits.
	PhoneEncryptionMD5 = "1"
	// PhoneEncryptionSHA256 sends each element's SHA-256 digest, 64 lower-case hex digits.
	PhoneEncryptionSHA256 = "2"
	// PhoneEncryptionSM3 sends each element's SM3 digest, 64 lower-case hex digits.
	PhoneEncryptionSM3 = "3"
)

// phoneDigestLen is the hex length of the digest each hashed EncryptionMode takes, and its
// name for the error texts.
var phoneDigestLen = map[string]struct {
	n    int
	name string
}{
	PhoneEncryptionMD5:    {32, "MD5"},
	PhoneEncryptionSHA256: {64, "SHA-256"},
	PhoneEncryptionSM3:    {64, "SM3"},
}

// digest checks that value is the hex digest mode takes: the right number of hex digits, in
// lower case (what hex.EncodeToString gives). A value that still looks like the plain element
// is named as such, since sending it would be refused (Result -8) or, worse, compared as a
// digest.
func (v *validator) digest(field, value, mode string, plain func(string) bool) {
	d := phoneDigestLen[mode]
	hexDigits, upper := true, false
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case isDigit(c) || c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			upper = true
		default:
			hexDigits = false
		}
	}
	switch {
	case value == "":
		v.fail(field, "is required: set it to the %s digest of the plain value (EncryptionMode %q)", d.name, mode)
	case plain(value):
		v.fail(field, "looks like the plain value, but EncryptionMode %q takes its %s digest: hash it (%d lower-case hex digits), or set EncryptionMode \"0\"", mode, d.name, d.n)
	case len(value) != d.n || !hexDigits:
		v.fail(field, "is not the %s digest EncryptionMode %q takes: send %d hex digits, e.g. hex.EncodeToString of the digest", d.name, mode, d.n)
	case upper:
		v.fail(field, "has upper-case hex digits: send the %s digest in lower case, as hex.EncodeToString gives it", d.name)
	}
}

// EncryptedPhoneVerificationRequest is the three-element phone check (number, name, ID-card
// number) whose elements may be sent as MD5, SHA-256 or SM3 digests instead of plain text.
// Hash the elements exactly as they would be sent plain (an ID number with its upper-case X,
// a trimmed name in UTF-8).
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// EncryptedPhoneVerification)
type EncryptedPhoneVerificationRequest struct {
	// IdCard is the ID-card number, or its digest (EncryptionMode). Required.
	IdCard string `json:"IdCard"`
	// Name is the person's name, or its digest (EncryptionMode). Required.
	Name string `json:"Name"`
	// Phone is the 11-digit mobile number, or its digest (EncryptionMode). Required.
	Phone string `json:"Phone"`
	// EncryptionMode is PhoneEncryptionPlain, PhoneEncryptionMD5, PhoneEncryptionSHA256 or
	// PhoneEncryptionSM3. Required.
	EncryptionMode string `json:"EncryptionMode"`
}

// EncryptedPhoneVerificationResponse is EncryptedPhoneVerification's answer. The method
// returns a *VerificationError unless Result is "0"; the raw Result stays here.
type EncryptedPhoneVerificationResponse struct {
	// Result is the numeric code, e.g. "0" or "-4" (EncryptedPhoneVerification's
	// Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// ISP is the carrier: "移动", "联通", "电信" or "" (upper-case ISP in this action, Isp in
	// the others).
	ISP       string `json:"ISP"`
	RequestId string `json:"RequestId"`
}

// Action returns "EncryptedPhoneVerification".
func (*EncryptedPhoneVerificationRequest) Action() string { return "EncryptedPhoneVerification" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r EncryptedPhoneVerificationRequest) MarshalJSON() ([]byte, error) {
	return encodeBody(&r, 0)
}

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r EncryptedPhoneVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r EncryptedPhoneVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/31320
// (EncryptedPhoneVerification): EncryptionMode "0" to "3"; in mode "0" the plain elements'
// shapes, in the hashed modes each element a digest of the mode's length (32 hex digits for
// MD5, 64 for SHA-256 and SM3).
func (r *EncryptedPhoneVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("IdCard", "is required: the request is nil")
		return v.err()
	}
	switch r.EncryptionMode {
	case "":
		v.fail("EncryptionMode", "is required: set it to %q (plain), %q (MD5), %q (SHA-256) or %q (SM3)", PhoneEncryptionPlain, PhoneEncryptionMD5, PhoneEncryptionSHA256, PhoneEncryptionSM3)
	case PhoneEncryptionPlain:
		v.threeElements(r.IdCard, r.Name, r.Phone, nil)
	case PhoneEncryptionMD5, PhoneEncryptionSHA256, PhoneEncryptionSM3:
		v.digest("IdCard", r.IdCard, r.EncryptionMode, func(s string) bool { return len(s) == 18 && allDigits(s[:17]) })
		v.digest("Name", r.Name, r.EncryptionMode, func(s string) bool { return !allHex(s) })
		v.digest("Phone", r.Phone, r.EncryptionMode, func(s string) bool { return len(s) == 11 && allDigits(s) })
	default:
		v.oneOf("EncryptionMode", r.EncryptionMode, PhoneEncryptionPlain, PhoneEncryptionMD5, PhoneEncryptionSHA256, PhoneEncryptionSM3)
	}
	return v.err()
}

// allHex reports whether s is hex digits only (either case); a name that is not is plain
// text, not a digest.
func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// encryptedPhoneVerificationResults are EncryptedPhoneVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/31320). There is no code for a malformed
// number here: -8 covers every parameter error, a digest of the wrong shape included.
var encryptedPhoneVerificationResults = newResultTable("EncryptedPhoneVerification",
	ResultCode{Code: "0", Meaning: "the mobile number, the name and the ID number match", Pass: true, Billed: Billed},
	ResultCode{Code: "-4", Meaning: "the three elements do not match", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-7", Meaning: "the ID number is not valid", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-8", Meaning: "a parameter is wrong (e.g. an element that does not fit EncryptionMode)", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-9", Meaning: "the carrier has no record", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-11", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
)

// Check returns nil only for Result "0"; any other Result, an unknown or empty one included,
// gives a *VerificationError saying what the code means, whether it was billed and whether a
// retry can help.
func (r *EncryptedPhoneVerificationResponse) Check() error {
	if r == nil {
		return encryptedPhoneVerificationResults.check("", "no response", "")
	}
	return encryptedPhoneVerificationResults.check(r.Result, r.Description, r.RequestId)
}

// EncryptedPhoneVerification checks that Phone, Name and IdCard belong together, sent plain
// or hashed. A nil error means they do; otherwise a *VerificationError (with the response)
// says what Result means. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/31320 (the FaceID API index,
// EncryptedPhoneVerification)
func (c *Client) EncryptedPhoneVerification(ctx context.Context, req *EncryptedPhoneVerificationRequest) (*EncryptedPhoneVerificationResponse, error) {
	return call[EncryptedPhoneVerificationRequest, EncryptedPhoneVerificationResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// MobileStatus (https://cloud.tencent.com/document/api/1007/40545)

// StatusCode values of MobileStatus: the state of the number on its carrier's network
// (https://cloud.tencent.com/document/api/1007/40545).
const (
	MobileStatusNormal       int64 = 0  // in service
	MobileStatusSuspended    int64 = 1  // suspended (停机)
	MobileStatusCancelled    int64 = 2  // cancelled (销号)
	MobileStatusNotInService int64 = 4  // not on the network
	MobileStatusUnusable     int64 = 5  // on the network but not usable
	MobileStatusUnknown      int64 = 99 // the carrier does not know
)

// MobileStatusRequest asks for the state of a mobile number.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/40545
type MobileStatusRequest struct {
	// Mobile is the 11-digit mainland mobile number, without +86. Required.
	Mobile string `json:"Mobile"`
	// Encryption encrypts Mobile.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// MobileStatusResponse is MobileStatus's answer: the number's StatusCode when Result is "0".
type MobileStatusResponse struct {
	// Result is the numeric code of the query, "0" when the state was found (MobileStatus's
	// Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// StatusCode is the number's state, one of the MobileStatus* constants, with Result "0".
	StatusCode *int64 `json:"StatusCode"`
	RequestId  string `json:"RequestId"`
}

// Action returns "MobileStatus".
func (*MobileStatusRequest) Action() string { return "MobileStatus" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r MobileStatusRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r MobileStatusRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r MobileStatusRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/40545: an 11-digit
// Mobile (unless encrypted) and an Encryption block that encrypts only Mobile.
func (r *MobileStatusRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Mobile", "is required: the request is nil")
		return v.err()
	}
	v.phone("Mobile", r.Mobile, r.Encryption)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Mobile")
	return v.err()
}

// mobileStatusResults are MobileStatus's documented Result codes
// (https://cloud.tencent.com/document/api/1007/40545). Only "0", the found state, is billed.
var mobileStatusResults = newResultTable("MobileStatus",
	ResultCode{Code: "0", Meaning: "the number's state was found (StatusCode)", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "the carrier has no result for the number", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the mobile number's format is wrong", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-3", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-4", Meaning: "the daily limit of queries is reached: retry the next day", Billed: NotBilled, Retry: RetryLater},
	ResultCode{Code: "-13", Meaning: "the number's range is not supported", Billed: NotBilled, Retry: RetryNever},
)

// Check returns nil only for Result "0" with a StatusCode; any other Result, an unknown or
// empty one included, gives a *VerificationError saying what the code means, whether it was
// billed and whether a retry can help. A Result "0" without StatusCode is an error too: the
// query was answered (and billed) without the state it asked for.
func (r *MobileStatusResponse) Check() error {
	if r == nil {
		return mobileStatusResults.check("", "no response", "")
	}
	if err := mobileStatusResults.check(r.Result, r.Description, r.RequestId); err != nil {
		return err
	}
	if r.StatusCode == nil {
		return fmt.Errorf("faceid: MobileStatus: Result %s without a StatusCode (billed; RequestId %s): report it to Tencent support", r.Result, r.RequestId)
	}
	return nil
}

// MobileStatus asks for the state of Mobile. A nil error means the carrier answered a state:
// read StatusCode. A suspended, cancelled or unknown number is a successful, billed answer and
// not an error, since the action reports a state rather than verifying one; whether a state
// is acceptable is the caller's policy. Otherwise a *VerificationError (with the response)
// says why no state came back (no result, a bad number, busy, the daily limit). Billed, so
// not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/40545
func (c *Client) MobileStatus(ctx context.Context, req *MobileStatusRequest) (*MobileStatusResponse, error) {
	return call[MobileStatusRequest, MobileStatusResponse](ctx, c, req)
}

// ---------------------------------------------------------------------------------------------
// MobileNetworkTimeVerification (https://cloud.tencent.com/document/api/1007/40546)

// MobileNetworkTimeVerificationRequest asks how long a mobile number has been on its
// carrier's network.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/40546
type MobileNetworkTimeVerificationRequest struct {
	// Mobile is the 11-digit mainland mobile number, without +86. Required.
	Mobile string `json:"Mobile"`
	// Encryption encrypts Mobile.
	Encryption *Encryption `json:"Encryption,omitempty"`
}

// MobileNetworkTimeVerificationResponse is MobileNetworkTimeVerification's answer: the
// tenure Range when Result is "-0" (or "0").
type MobileNetworkTimeVerificationResponse struct {
	// Result is the numeric code: "-0" (the page) or "0" (Tencent's example answer) when the
	// tenure was found (MobileNetworkTimeVerification's Action.Results).
	Result      string `json:"Result"`
	Description string `json:"Description"`
	// Range is the tenure in months as "[a,b)": at least a and less than b months; b is "+"
	// for no upper bound. ParseTenureRange reads it.
	Range     string `json:"Range"`
	RequestId string `json:"RequestId"`
}

// Action returns "MobileNetworkTimeVerification".
func (*MobileNetworkTimeVerificationRequest) Action() string {
	return "MobileNetworkTimeVerification"
}

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r MobileNetworkTimeVerificationRequest) MarshalJSON() ([]byte, error) {
	return encodeBody(&r, 0)
}

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r MobileNetworkTimeVerificationRequest) LogValue() slog.Value {
	return slog.StringValue(redact(&r))
}
func (r MobileNetworkTimeVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/api/1007/40546: an 11-digit
// Mobile (unless encrypted) and an Encryption block that encrypts only Mobile.
func (r *MobileNetworkTimeVerificationRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Mobile", "is required: the request is nil")
		return v.err()
	}
	v.phone("Mobile", r.Mobile, r.Encryption)
	v.encryption("Encryption", r.Encryption, true)
	v.encryptsOnly("Encryption", r.Encryption, "Mobile")
	return v.err()
}

// mobileNetworkTimeResults are MobileNetworkTimeVerification's documented Result codes
// (https://cloud.tencent.com/document/api/1007/40546). The page gives success as "-0";
// Tencent's example answer has "0", which Check accepts as the same code. -2 and -3 are
// billed answers without a tenure.
var mobileNetworkTimeResults = newResultTable("MobileNetworkTimeVerification",
	ResultCode{Code: "-0", Meaning: "the number's tenure was found (Range)", Pass: true, Billed: Billed},
	ResultCode{Code: "-1", Meaning: "the mobile number's format is wrong", Billed: NotBilled, Retry: RetryNever},
	ResultCode{Code: "-2", Meaning: "the number does not exist", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-3", Meaning: "the number exists, but its tenure is unknown", Billed: Billed, Retry: RetryNever},
	ResultCode{Code: "-4", Meaning: "the verification centre is busy", Billed: NotBilled, Retry: RetryBackoff},
	ResultCode{Code: "-5", Meaning: "the daily limit of queries is reached: retry the next day", Billed: NotBilled, Retry: RetryLater},
	ResultCode{Code: "-13", Meaning: "the number's range is not supported", Billed: NotBilled, Retry: RetryNever},
)

// Check returns nil only for Result "-0" or "0" with a Range; any other Result, an unknown or
// empty one included, gives a *VerificationError saying what the code means, whether it was
// billed and whether a retry can help. A passing Result without Range is an error too: the
// query was answered (and billed) without the tenure it asked for.
func (r *MobileNetworkTimeVerificationResponse) Check() error {
	if r == nil {
		return mobileNetworkTimeResults.check("", "no response", "")
	}
	result := r.Result
	if result == "0" {
		result = "-0"
	}
	if err := mobileNetworkTimeResults.check(result, r.Description, r.RequestId); err != nil {
		return err
	}
	if r.Range == "" {
		return fmt.Errorf("faceid: MobileNetworkTimeVerification: Result %s without a Range (billed; RequestId %s): report it to Tencent support", r.Result, r.RequestId)
	}
	return nil
}

// MobileNetworkTimeVerification asks how long Mobile has been on the network. A nil error
// means the tenure was found: read Range (ParseTenureRange). -2 (the number does not exist)
// and -3 (it exists, tenure unknown) are billed answers, but they carry no tenure, so they are
// a *VerificationError: the caller asked for a range and did not get one, and errors.As plus
// Result tells the two apart. The other codes (bad number, busy, the daily limit) are not
// billed. Billed, so not resent after an ambiguous failure.
//
// Tencent's page: https://cloud.tencent.com/document/api/1007/40546
func (c *Client) MobileNetworkTimeVerification(ctx context.Context, req *MobileNetworkTimeVerificationRequest) (*MobileNetworkTimeVerificationResponse, error) {
	return call[MobileNetworkTimeVerificationRequest, MobileNetworkTimeVerificationResponse](ctx, c, req)
}

// TenureRange is a parsed MobileNetworkTimeVerification Range: the number has been on the
// network for at least MinMonths and less than MaxMonths months. MaxMonths is -1 when the
// range has no upper bound ("[24,+)").
type TenureRange struct {
	MinMonths int
	MaxMonths int
}

// maxTenureMonths bounds the numbers ParseTenureRange accepts (a thousand years): a longer
// "tenure" is a malformed answer, not a number to overflow on.
const maxTenureMonths = 12_000

// ParseTenureRange reads a Range of the form "[a,b)" in months, b being "+" for no upper
// bound (https://cloud.tencent.com/document/api/1007/40546), e.g. "[6,12)" or "[24,+)".
func ParseTenureRange(s string) (TenureRange, error) {
	bad := func(why string) (TenureRange, error) {
		return TenureRange{}, fmt.Errorf("faceid: Range %q is not a tenure range [a,b) in months: %s", s, why)
	}
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, ")") {
		return bad("it must start with [ and end with )")
	}
	lo, hi, ok := strings.Cut(s[1:len(s)-1], ",")
	if !ok {
		return bad("it has no comma")
	}
	months := func(p string) (int, bool) {
		if !allDigits(p) || len(p) > 5 {
			return 0, false
		}
		n := 0
		for i := 0; i < len(p); i++ {
			n = n*10 + int(p[i]-'0')
		}
		return n, n <= maxTenureMonths
	}
	r := TenureRange{MaxMonths: -1}
	var okLo bool
	if r.MinMonths, okLo = months(lo); !okLo {
		return bad("the lower bound is not a number of months")
	}
	if hi != "+" {
		var okHi bool
		if r.MaxMonths, okHi = months(hi); !okHi {
			return bad("the upper bound is neither a number of months nor +")
		}
		if r.MaxMonths <= r.MinMonths {
			return bad("the upper bound is not above the lower one")
		}
	}
	return r, nil
}
