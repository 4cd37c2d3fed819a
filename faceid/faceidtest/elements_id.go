package faceidtest

import (
	"strings"
	"time"
)

// Element verification, ID data: IdCardVerification, CheckIdNameDate, MinorsVerification.
// Each answers a numeric Result (codeAnswer); SetResult forces any documented code, and the
// fixture inputs below force the codes that depend on the person.

func init() {
	register("IdCardVerification", (*call).idCardVerification)
	register("CheckIdNameDate", (*call).checkIdNameDate)
}

// Fixture inputs of the ID element actions. NameMismatchIdCard (handlers.go) is the person
// whose name does not match the ID number here too: IdCardVerification and CheckIdNameDate
// "-1".
const (
	// NoRecordIdCard is an ID number the authority has no record of: IdCardVerification "-5",
	// CheckIdNameDate "-7".
	NoRecordIdCard = "110101199003070050"
	// InvalidIdentityIdCard is an identity the authority reports as not valid:
	// CheckIdNameDate "-5".
	InvalidIdentityIdCard = "110101199003070068"
)

// elementEncryption checks the Encryption block of an element action and returns the fields it
// encrypts; allowed are the fields the action's page lets the caller encrypt (Tencent answers
// InvalidParameter.UnsupportEncryptField for any other).
func (c *call) elementEncryption(allowed ...string) (map[string]bool, *apiError) {
	enc := c.p.obj("Encryption")
	if enc == nil {
		return map[string]bool{}, nil
	}
	out := map[string]bool{}
	for i, e := range enc.list("EncryptList") {
		name, _ := e.(string)
		ok := false
		for _, a := range allowed {
			ok = ok || name == a
		}
		if !ok {
			return nil, newError("InvalidParameter.UnsupportEncryptField", "`Encryption.EncryptList.%d` is %q: %s encrypts only %s", i, name, c.action, strings.Join(allowed, ", "))
		}
		out[name] = true
	}
	if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
		return nil, err
	}
	return out, nil
}

// badIdNumber reports an ID number the authority would call invalid: not 18 characters of 17
// digits and a digit or upper-case X. The check digit is not computed: Tencent's own examples
// (11204416541220243X) do not carry a valid one.
func badIdNumber(v string) bool { return !idCard18.MatchString(v) }

// badPersonName reports a name the authority would call invalid: white space at either end
// (the schema check already refused empty names and control characters).
func badPersonName(v string) bool { return strings.TrimSpace(v) != v || v == "" }

func (c *call) idCardVerification() (map[string]any, *apiError) {
	enc, err := c.elementEncryption("Name", "IdCard")
	if err != nil {
		return nil, err
	}
	id := c.p.str("IdCard")
	switch {
	case !enc["IdCard"] && badIdNumber(id):
		return c.codeAnswer("-2"), nil
	case !enc["Name"] && badPersonName(c.p.str("Name")):
		return c.codeAnswer("-3"), nil
	case id == NameMismatchIdCard:
		return c.codeAnswer("-1"), nil
	case id == NoRecordIdCard:
		return c.codeAnswer("-5"), nil
	}
	return c.codeAnswer("0"), nil
}

// validDate reports a YYYYMMDD day of the calendar; longTerm admits "00000000" (valid for
// life, https://cloud.tencent.com/document/api/1007/60075).
func validDate(v string, longTerm bool) bool {
	if longTerm && v == "00000000" {
		return true
	}
	if len(v) != 8 {
		return false
	}
	_, err := time.Parse("20060102", v)
	return err == nil
}

func (c *call) checkIdNameDate() (map[string]any, *apiError) {
	enc, err := c.elementEncryption("Name", "IdCard")
	if err != nil {
		return nil, err
	}
	id := c.p.str("IdCard")
	switch {
	case !enc["IdCard"] && badIdNumber(id):
		return c.codeAnswer("-2"), nil
	case !enc["Name"] && badPersonName(c.p.str("Name")):
		return c.codeAnswer("-3"), nil
	case !validDate(c.p.str("ValidityBegin"), false) || !validDate(c.p.str("ValidityEnd"), true):
		return c.codeAnswer("-4"), nil
	case id == NameMismatchIdCard:
		return c.codeAnswer("-1"), nil
	case id == InvalidIdentityIdCard:
		return c.codeAnswer("-5"), nil
	case id == NoRecordIdCard:
		return c.codeAnswer("-7"), nil
	}
	return c.codeAnswer("0"), nil
}
