package faceidtest

import (
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
)

// mobile11 is the shape of a mainland mobile number.
var mobile11 = regexp.MustCompile(`^1[0-9]{10}$`)

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

// phoneEncryption checks the Encryption object of a phone action, whose EncryptList may name
// only the members in allowed, and returns the names it encrypts. (The schema check has
// already required EncryptList, CiphertextBlob and a 16-character Iv.)
func (c *call) phoneEncryption(allowed ...string) (map[string]bool, *apiError) {
	enc := c.p.obj("Encryption")
	if enc == nil {
		return nil, nil
	}
	out := map[string]bool{}
	for i, e := range enc.list("EncryptList") {
		name, _ := e.(string)
		if !contains(allowed, name) {
			return nil, newError("InvalidParameter.UnsupportEncryptField", "`Encryption.EncryptList.%d` is %q: %s encrypts only %s", i, name, c.action, strings.Join(allowed, ", "))
		}
		out[name] = true
	}
	if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
		return nil, err
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// badName reports a name the carriers' format check refuses: empty, white space at either
// end, or digits.
func badName(name string) bool {
	return name == "" || strings.TrimSpace(name) != name || strings.ContainsAny(name, "0123456789")
}

// checkPhoneAndName answers CheckPhoneAndName
// (https://cloud.tencent.com/document/api/1007/31320).
func (c *call) checkPhoneAndName() (map[string]any, *apiError) {
	enc, err := c.phoneEncryption("Mobile", "Name")
	if err != nil {
		return nil, err
	}
	mobile, name := c.p.str("Mobile"), c.p.str("Name")
	code := "0"
	switch {
	case !enc["Mobile"] && !mobile11.MatchString(mobile):
		code = "-5"
	case !enc["Name"] && badName(name):
		code = "-4"
	case strings.HasSuffix(mobile, PhoneMismatchSuffix):
		code = "1"
	case strings.HasSuffix(mobile, PhoneNoRecordSuffix):
		code = "-1"
	}
	return c.codeAnswer(code), nil
}
