package faceidtest

import (
	"time"
)

// Element verification, ID data: IdCardVerification, CheckIdNameDate, MinorsVerification.
// Each answers a numeric Result (codeAnswer); SetResult forces any documented code, and the
// fixture inputs below force the codes that depend on the person.

func init() {
	register("IdCardVerification", (*call).idCardVerification)
	register("CheckIdNameDate", (*call).checkIdNameDate)
	register("MinorsVerification", (*call).minorsVerification)
}

// Fixture inputs of the ID element actions. NameMismatchIdCard (handlers.go) is the person
// whose name does not match the ID number here too: IdCardVerification and CheckIdNameDate
// "-1", MinorsVerification "-3". MinorsVerification by ID number computes the age from the
// birth date in the number (digits 7 to 14) at the server's clock.
const (
	// NoRecordIdCard is an ID number the authority has no record of: IdCardVerification and
	// IdCardOCRVerification "-5", CheckIdNameDate "-7", MinorsVerification "-7".
	NoRecordIdCard = "110101199003070050"
	// InvalidIdentityIdCard is an identity the authority reports as not valid:
	// CheckIdNameDate "-5".
	InvalidIdentityIdCard = "110101199003070068"
	// MinorIdCard is a person born on 1 January 2018: MinorsVerification answers "-1" (a minor)
	// until 2036, with the AgeRange of the server's date.
	MinorIdCard = "110101201801010012"

	// MinorsMinorMobile is a mobile number whose holder is a minor: MinorsVerification "-1",
	// AgeRange "[0,8)" (Tencent's example answer).
	MinorsMinorMobile = "13900000017"
	// MinorsNoDataMobile is a mobile number outside the data of Tencent's model:
	// MinorsVerification "-2". Any other 11-digit number belongs to an adult.
	MinorsNoDataMobile = "13900000025"
)

// badIdNumber reports an ID number the authority would call invalid: not 18 characters of 17
// digits and a digit or upper-case X. The check digit is not computed: Tencent's own examples
// (11204416541220243X) do not carry a valid one.
func badIdNumber(v string) bool { return !idCard18.MatchString(v) }

func (c *call) idCardVerification() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("Name", "IdCard")
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
	enc, err := c.encryptedFields("Name", "IdCard")
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

// ageRange is MinorsVerification's AgeRange for a person born on birth, at now.
func ageRange(birth, now time.Time) string {
	age := now.Year() - birth.Year()
	if now.Month() < birth.Month() || now.Month() == birth.Month() && now.Day() < birth.Day() {
		age--
	}
	switch {
	case age < 8:
		return "[0,8)"
	case age < 16:
		return "[8,16)"
	case age < 18:
		return "[16,18)"
	}
	return "[18,+)"
}

func (c *call) minorsVerification() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("Name", "IdCard", "Mobile")
	if err != nil {
		return nil, err
	}
	code, age := "0", "[18,+)"
	switch c.p.str("Type") {
	case "0":
		mobile := c.p.str("Mobile")
		if mobile == "" {
			return nil, newError("MissingParameter", "the parameter `Mobile` is required when `Type` is 0 (check by mobile number)")
		}
		if !enc["Mobile"] && !mobile11.MatchString(mobile) {
			return nil, newError("InvalidParameter", "`Mobile` %q is not an 11-digit mobile number", mobile)
		}
		switch mobile {
		case MinorsMinorMobile:
			code, age = "-1", "[0,8)"
		case MinorsNoDataMobile:
			code, age = "-2", ""
		}
	default: // "1"; the schema admits no other value
		id, name := c.p.str("IdCard"), c.p.str("Name")
		for _, m := range []string{"IdCard", "Name"} {
			if c.p.str(m) == "" {
				return nil, newError("MissingParameter", "the parameter `%s` is required when `Type` is 1 (check by name and ID number)", m)
			}
		}
		var birth time.Time
		if !enc["IdCard"] {
			b, perr := time.Parse("20060102", id[min(6, len(id)):min(14, len(id))])
			if badIdNumber(id) || perr != nil || b.After(c.now) {
				return c.withAge(c.codeAnswer("-4"), ""), nil
			}
			birth = b
		}
		switch {
		case !enc["Name"] && badPersonName(name):
			code, age = "-5", ""
		case id == NameMismatchIdCard:
			code, age = "-3", ""
		case id == NoRecordIdCard:
			code, age = "-7", ""
		case !birth.IsZero():
			if age = ageRange(birth, c.now); age != "[18,+)" {
				code = "-1"
			}
		}
	}
	return c.withAge(c.codeAnswer(code), age), nil
}

// withAge adds AgeRange to a MinorsVerification answer: age for the computed code, the
// documented bracket of a code forced by SetResult ("0" an adult, "-1" a minor of 16 or 17),
// and "" for the codes that carry no age.
func (c *call) withAge(ans map[string]any, age string) map[string]any {
	switch ans["Result"] {
	case "0":
		age = "[18,+)"
	case "-1":
		if age == "" || age == "[18,+)" {
			age = "[16,18)"
		}
	default:
		age = ""
	}
	ans["AgeRange"] = age
	return ans
}
