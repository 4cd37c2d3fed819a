package faceidtest

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

// Element verification, phone: CheckPhoneAndName, PhoneVerification, PhoneVerificationCMCC,
// PhoneVerificationCTCC, PhoneVerificationCUCC, EncryptedPhoneVerification, MobileStatus,
// MobileNetworkTimeVerification. Every one answers a numeric Result (codeAnswer); SetResult
// forces any documented code, and the fixture numbers below force the answers that depend on
// the person's data.

func init() {
	register("CheckPhoneAndName", (*call).checkPhoneAndName)
	register("PhoneVerification", (*call).phoneVerification)
	register("PhoneVerificationCMCC", func(c *call) (map[string]any, *apiError) { return c.phoneVerificationCarrier(ispCMCC) })
	register("PhoneVerificationCTCC", func(c *call) (map[string]any, *apiError) { return c.phoneVerificationCarrier(ispCTCC) })
	register("PhoneVerificationCUCC", func(c *call) (map[string]any, *apiError) { return c.phoneVerificationCarrier(ispCUCC) })
	register("EncryptedPhoneVerification", (*call).encryptedPhoneVerification)
	register("MobileStatus", (*call).mobileStatus)
	register("MobileNetworkTimeVerification", (*call).mobileNetworkTime)
}

// Fixture mobile numbers. A well-formed number passes unless it is one of these, and every
// documented Result can be forced with SetResult.
const (
	// SamplePhone is a China Mobile number that passes every phone check (with SampleName and
	// SampleIdCard where the action takes them).
	SamplePhone = "13800138000"
	// PhoneMismatchSuffix: a number ending in these digits does not match the name (and ID
	// number): CheckPhoneAndName answers "1", the three-element checks "-4". It works for
	// every carrier, e.g. PhoneMismatchPhone (China Mobile), "18900000004" (China Telecom).
	PhoneMismatchSuffix = "0004"
	// PhoneNoRecordSuffix: a number ending in these digits has no record: CheckPhoneAndName
	// answers "-1", the three-element checks "-9".
	PhoneNoRecordSuffix = "0009"
	// PhoneMismatchPhone is a China Mobile number that does not match.
	PhoneMismatchPhone = "13800000004"
	// PhoneNoRecordPhone is a China Mobile number without a record.
	PhoneNoRecordPhone = "13800000009"
	// PhoneMismatchDetail is the ResultDetail PhoneVerification answers with Result "-4" in
	// VerifyMode "1".
	PhoneMismatchDetail = "PhoneIdCardMismatch"
)

// Carrier names as the phone checks answer them in Isp / ISP.
const (
	ispCMCC = "移动" // China Mobile
	ispCTCC = "电信" // China Telecom
	ispCUCC = "联通" // China Unicom
)

// carrierPrefixes maps the first three digits of a mainland mobile number to the carrier the
// number block was allocated to. It is the stand-in's fixture for the Isp answer and the
// per-carrier actions' "-13 number range unsupported"; the real service also follows numbers
// ported to another carrier, which a prefix cannot.
var carrierPrefixes = map[string]string{}

func init() {
	for isp, prefixes := range map[string]string{
		ispCMCC: "134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198",
		ispCUCC: "130 131 132 145 155 156 166 167 171 175 176 185 186 196",
		ispCTCC: "133 149 153 173 174 177 180 181 189 190 191 193 199",
	} {
		for _, p := range strings.Fields(prefixes) {
			carrierPrefixes[p] = isp
		}
	}
}

// carrierOf returns the fixture carrier of a plain number, "" when unknown.
func carrierOf(phone string) string {
	if len(phone) < 3 {
		return ""
	}
	return carrierPrefixes[phone[:3]]
}

// checkPhoneAndName answers CheckPhoneAndName
// (https://cloud.tencent.com/document/api/1007/31320).
func (c *call) checkPhoneAndName() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("Mobile", "Name")
	if err != nil {
		return nil, err
	}
	mobile, name := c.p.str("Mobile"), c.p.str("Name")
	code := "0"
	switch {
	case !enc["Mobile"] && !mobile11.MatchString(mobile):
		code = "-5"
	case !enc["Name"] && badPersonName(name):
		code = "-4"
	case strings.HasSuffix(mobile, PhoneMismatchSuffix):
		code = "1"
	case strings.HasSuffix(mobile, PhoneNoRecordSuffix):
		code = "-1"
	}
	return c.codeAnswer(code), nil
}

// threeElementCode is the Result of a three-element phone check of the person in the request
// (the fields enc names are ciphertext and not checked); carrier, when not "", is the only
// carrier the action serves.
func (c *call) threeElementCode(enc map[string]bool, carrier string) string {
	idCard, name, phone := c.p.str("IdCard"), c.p.str("Name"), c.p.str("Phone")
	switch {
	case !enc["Phone"] && !mobile11.MatchString(phone):
		return "-6"
	case !enc["IdCard"] && !idCard18.MatchString(idCard):
		return "-7"
	case !enc["Name"] && badPersonName(name):
		return "-8"
	case carrier != "" && !enc["Phone"] && carrierOf(phone) != carrier:
		return "-13"
	case strings.HasSuffix(phone, PhoneMismatchSuffix):
		return "-4"
	case strings.HasSuffix(phone, PhoneNoRecordSuffix):
		return "-9"
	}
	return "0"
}

// isp is the Isp answer for the request's Phone: "" when it is encrypted, malformed or not
// in a known block.
func (c *call) isp(enc map[string]bool) string {
	if phone := c.p.str("Phone"); !enc["Phone"] && mobile11.MatchString(phone) {
		return carrierOf(phone)
	}
	return ""
}

// phoneVerification answers PhoneVerification
// (https://cloud.tencent.com/document/api/1007/39765), whose field encryption is the flat
// members CiphertextBlob, EncryptList and Iv.
func (c *call) phoneVerification() (map[string]any, *apiError) {
	list := c.p.list("EncryptList")
	if (len(list) > 0) != (c.p.str("CiphertextBlob") != "") || (len(list) > 0) != (c.p.str("Iv") != "") {
		return nil, newError("InvalidParameter", "`CiphertextBlob`, `EncryptList` and `Iv` go together: set all three to encrypt fields, or none")
	}
	enc, err := c.encryptList("EncryptList", list, []string{"IdCard", "Name", "Phone"})
	if err != nil {
		return nil, err
	}
	// The flat members are an AES-256-CBC envelope (the action has no Algorithm member):
	// decrypted members are checked as plaintext, as with an Encryption block.
	s, err := envelope(c.p, "")
	if err != nil {
		return nil, err
	}
	if err := c.openFields(s, enc); err != nil {
		return nil, err
	}
	out := c.codeAnswer(c.threeElementCode(enc, ""))
	out["Isp"] = c.isp(enc)
	if out["Result"] == "-4" && c.p.str("VerifyMode") == "1" {
		out["ResultDetail"] = PhoneMismatchDetail
	}
	return out, nil
}

// phoneVerificationCarrier answers PhoneVerificationCMCC, PhoneVerificationCTCC and
// PhoneVerificationCUCC (https://cloud.tencent.com/document/api/1007/31320): a plain number
// of another carrier's block answers "-13".
func (c *call) phoneVerificationCarrier(carrier string) (map[string]any, *apiError) {
	enc, err := c.encryptedFields("IdCard", "Name", "Phone")
	if err != nil {
		return nil, err
	}
	out := c.codeAnswer(c.threeElementCode(enc, carrier))
	out["Isp"] = c.isp(enc)
	return out, nil
}

// digestHex is the hex length of the digests of EncryptedPhoneVerification's hashed modes.
var digestHex = map[string]int{"1": 32, "2": 64, "3": 64}

var lowerHex = regexp.MustCompile(`^[0-9a-f]+$`)

// phoneDigest returns the fixture number whose digest (MD5 in mode "1", SHA-256 in mode
// "2") h is, or "" (SM3 digests are not recognised: SetResult forces their answers).
func phoneDigest(mode, h string) string {
	for _, p := range []string{PhoneMismatchPhone, PhoneNoRecordPhone} {
		var sum []byte
		switch mode {
		case "1":
			s := md5.Sum([]byte(p))
			sum = s[:]
		case "2":
			s := sha256.Sum256([]byte(p))
			sum = s[:]
		}
		if sum != nil && hex.EncodeToString(sum) == h {
			return p
		}
	}
	return ""
}

// encryptedPhoneVerification answers EncryptedPhoneVerification
// (https://cloud.tencent.com/document/api/1007/31320). In mode "0" the plain elements are
// checked like PhoneVerification's, except that a malformed number is a parameter error
// (-8): the action's table has no code of its own for it. In the hashed modes each element
// must be a lower-case hex digest of the mode's length (-8 otherwise), and the digests of
// PhoneMismatchPhone and PhoneNoRecordPhone answer -4 and -9.
func (c *call) encryptedPhoneVerification() (map[string]any, *apiError) {
	mode := c.p.str("EncryptionMode")
	code, isp := "0", ""
	if n := digestHex[mode]; n > 0 {
		for _, f := range []string{"IdCard", "Name", "Phone"} {
			if v := c.p.str(f); len(v) != n || !lowerHex.MatchString(v) {
				code = "-8"
			}
		}
		if code == "0" {
			switch phoneDigest(mode, c.p.str("Phone")) {
			case PhoneMismatchPhone:
				code = "-4"
			case PhoneNoRecordPhone:
				code = "-9"
			}
		}
	} else {
		code = c.threeElementCode(nil, "")
		if code == "-6" {
			code = "-8"
		}
		isp = c.isp(nil)
	}
	out := c.codeAnswer(code)
	out["ISP"] = isp
	return out, nil
}

// Fixture numbers of MobileStatus and MobileNetworkTimeVerification. Any other well-formed
// number is in service (StatusCode 0) with the tenure SampleRange; PhoneNoRecordPhone has no
// result (MobileStatus "-1") and does not exist (MobileNetworkTimeVerification "-2").
const (
	// SuspendedMobile answers StatusCode 1 (suspended).
	SuspendedMobile = "13800000001"
	// CancelledMobile answers StatusCode 2 (cancelled).
	CancelledMobile = "13800000002"
	// TenureUnknownMobile answers MobileNetworkTimeVerification "-3": the number exists, its
	// tenure is unknown.
	TenureUnknownMobile = "13800000003"
	// SampleRange is the tenure of every other number: 24 months or more.
	SampleRange = "[24,+)"
)

// mobileNumber checks the Mobile of MobileStatus and MobileNetworkTimeVerification and
// returns it, with whether it is ciphertext.
func (c *call) mobileNumber() (mobile string, encrypted bool, err *apiError) {
	enc, err := c.encryptedFields("Mobile")
	if err != nil {
		return "", false, err
	}
	return c.p.str("Mobile"), enc["Mobile"], nil
}

// mobileStatus answers MobileStatus (https://cloud.tencent.com/document/api/1007/40545).
// Without a state (a Result other than "0") StatusCode is 99, unknown, as in Tencent's
// example answer for a malformed number.
func (c *call) mobileStatus() (map[string]any, *apiError) {
	mobile, encrypted, err := c.mobileNumber()
	if err != nil {
		return nil, err
	}
	code, status := "0", int64(0)
	switch {
	case !encrypted && !mobile11.MatchString(mobile):
		code = "-2"
	case mobile == PhoneNoRecordPhone:
		code = "-1"
	case mobile == SuspendedMobile:
		status = 1
	case mobile == CancelledMobile:
		status = 2
	}
	out := c.codeAnswer(code)
	if out["Result"] != "0" {
		status = 99
	}
	out["StatusCode"] = status
	return out, nil
}

// mobileNetworkTime answers MobileNetworkTimeVerification
// (https://cloud.tencent.com/document/api/1007/40546): Range is empty unless the Result
// passes, as in Tencent's example answers. Its default success is "0", as in Tencent's
// example answer; SetResult forces the page's "-0".
func (c *call) mobileNetworkTime() (map[string]any, *apiError) {
	mobile, encrypted, err := c.mobileNumber()
	if err != nil {
		return nil, err
	}
	code := "0"
	switch {
	case !encrypted && !mobile11.MatchString(mobile):
		code = "-1"
	case mobile == PhoneNoRecordPhone:
		code = "-2"
	case mobile == TenureUnknownMobile:
		code = "-3"
	}
	out := c.codeAnswer(code)
	out["Range"] = ""
	switch out["Result"] {
	case "0":
		out["Description"] = "success"
		out["Range"] = SampleRange
	case "-0":
		out["Range"] = SampleRange
	}
	return out, nil
}
