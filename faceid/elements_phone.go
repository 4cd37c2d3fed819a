package faceid

import (
	"context"
	"fmt"
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

// encryptList checks that an EncryptList names only fields the action lets the caller
// encrypt. (The Encryption block's other rules are validator.encryption's.)
func (v *validator) encryptList(field string, list []string, allowed ...string) {
	for i, f := range list {
		ok := false
		for _, a := range allowed {
			if f == a {
				ok = true
			}
		}
		if !ok {
			v.fail(fmt.Sprintf("%s[%d]", field, i), "is %q: this action encrypts only %s", f, strings.Join(allowed, ", "))
		}
	}
}

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
	if r.Encryption != nil {
		v.encryptList("Encryption.EncryptList", r.Encryption.EncryptList, "Mobile", "Name")
	}
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
