package faceidtest

// Element verification, bank cards: BankCard2EVerification, BankCardVerification,
// BankCard4EVerification, CheckBankCardInformation. Each answers a numeric Result
// (codeAnswer); SetResult forces any documented code, and the fixture inputs below force the
// codes that depend on the card or the person.

func init() {
	register("BankCard2EVerification", (*call).bankCard2E)
	register("BankCardVerification", (*call).bankCard3E)
	register("BankCard4EVerification", (*call).bankCard4E)
	register("CheckBankCardInformation", (*call).checkBankCardInformation)
}

// Fixture bank cards. Any other card of 8 to 19 digits passes. NameMismatchIdCard
// (handlers.go) is, in BankCardVerification and BankCard4EVerification, a cardholder whose
// information is wrong, like WrongHolderBankCard.
const (
	// SampleBankCard is the card number of Tencent's examples
	// (https://cloud.tencent.com/document/api/1007/47837): CheckBankCardInformation answers it
	// as Tencent's example does.
	SampleBankCard = "6225768888888888"
	// UnverifiedBankCard answers "-1" (not verified) in the three verifications.
	UnverifiedBankCard = "6222000000000000017"
	// WrongHolderBankCard answers "cardholder information wrong": BankCard2EVerification
	// "-4", BankCardVerification "-5", BankCard4EVerification "-6".
	WrongHolderBankCard = "6222000000000000025"
	// LostBankCard answers "reported lost": BankCard2EVerification "-11",
	// BankCardVerification "-12", BankCard4EVerification "-13".
	LostBankCard = "6222000000000000033"
	// NoInfoBankCard answers CheckBankCardInformation "-1" (nothing found).
	NoInfoBankCard = "6222000000000000041"
	// UnknownBankCard answers CheckBankCardInformation "-3" (the card does not exist).
	UnknownBankCard = "6222000000000000058"
	// UnsupportedBankCard answers CheckBankCardInformation "-6" (kind of card not supported).
	UnsupportedBankCard = "6222000000000000066"
)

// CheckBankCardInformation's answers for a card it finds: SampleBankCard as Tencent's page
// answers it, any other card as the tccli example does (https://cloud.tencent.com/document/api/1007/47837).
const (
	SampleAccountBank  = "招商银行信用卡"
	SampleAccountType  = 2 // credit card
	DefaultAccountBank = "中国工商银行"
	DefaultAccountType = 1 // debit card
)

// badBankCard reports a card number the verification centre calls malformed: not 8 to 19
// digits (the PAN lengths of ISO/IEC 7812-1).
func badBankCard(v string) bool {
	if len(v) < 8 || len(v) > 19 {
		return true
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return true
		}
	}
	return false
}

// bankCardCodes are the codes of one bank-card verification that depend on the card: not
// verified, cardholder information wrong, reported lost.
type bankCardCodes struct{ unverified, wrongHolder, lost string }

// cardCode returns the code a fixture card forces, or "0".
func (b bankCardCodes) cardCode(card string) string {
	switch card {
	case UnverifiedBankCard:
		return b.unverified
	case WrongHolderBankCard:
		return b.wrongHolder
	case LostBankCard:
		return b.lost
	}
	return "0"
}

func (c *call) bankCard2E() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("Name", "BankCard")
	if err != nil {
		return nil, err
	}
	card := c.p.str("BankCard")
	switch {
	case !enc["Name"] && badPersonName(c.p.str("Name")):
		return c.codeAnswer("-2"), nil
	case !enc["BankCard"] && badBankCard(card):
		return c.codeAnswer("-3"), nil
	}
	return c.codeAnswer(bankCardCodes{"-1", "-4", "-11"}.cardCode(card)), nil
}

func (c *call) bankCard3E() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("Name", "IdCard", "BankCard")
	if err != nil {
		return nil, err
	}
	card, id := c.p.str("BankCard"), c.p.str("IdCard")
	switch {
	case !enc["Name"] && badPersonName(c.p.str("Name")):
		return c.codeAnswer("-2"), nil
	case !enc["IdCard"] && badIdNumber(id):
		return c.codeAnswer("-3"), nil
	case !enc["BankCard"] && badBankCard(card):
		return c.codeAnswer("-4"), nil
	case id == NameMismatchIdCard:
		return c.codeAnswer("-5"), nil
	}
	return c.codeAnswer(bankCardCodes{"-1", "-5", "-12"}.cardCode(card)), nil
}

func (c *call) bankCard4E() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("Name", "IdCard", "Phone", "BankCard")
	if err != nil {
		return nil, err
	}
	card, id, phone := c.p.str("BankCard"), c.p.str("IdCard"), c.p.str("Phone")
	switch {
	case !enc["Name"] && badPersonName(c.p.str("Name")):
		return c.codeAnswer("-2"), nil
	case !enc["IdCard"] && badIdNumber(id):
		return c.codeAnswer("-3"), nil
	case !enc["BankCard"] && badBankCard(card):
		return c.codeAnswer("-4"), nil
	case !enc["Phone"] && !mobile11.MatchString(phone):
		return c.codeAnswer("-5"), nil
	case id == NameMismatchIdCard:
		return c.codeAnswer("-6"), nil
	}
	return c.codeAnswer(bankCardCodes{"-1", "-6", "-13"}.cardCode(card)), nil
}

func (c *call) checkBankCardInformation() (map[string]any, *apiError) {
	enc, err := c.encryptedFields("BankCard")
	if err != nil {
		return nil, err
	}
	card := c.p.str("BankCard")
	code := "0"
	switch {
	case !enc["BankCard"] && badBankCard(card):
		code = "-5"
	case card == NoInfoBankCard:
		code = "-1"
	case card == UnknownBankCard:
		code = "-3"
	case card == UnsupportedBankCard:
		code = "-6"
	}
	ans := c.codeAnswer(code)
	ans["AccountBank"], ans["AccountType"] = "", 0
	if ans["Result"] == "0" {
		ans["AccountBank"], ans["AccountType"] = DefaultAccountBank, DefaultAccountType
		if card == SampleBankCard {
			ans["AccountBank"], ans["AccountType"] = SampleAccountBank, SampleAccountType
		}
	}
	return ans, nil
}
