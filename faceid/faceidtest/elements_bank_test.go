package faceidtest

import "testing"

func TestBankCard2EVerificationStandIn(t *testing.T) {
	ok := map[string]any{"Name": SampleName, "BankCard": SampleBankCard}
	runElementCases(t, "BankCard2EVerification", []elementCase{
		{name: "verified", body: ok, result: "0"},
		{name: "fixture not verified", body: with(ok, map[string]any{"BankCard": UnverifiedBankCard}), result: "-1"},
		{name: "name with a trailing space", body: with(ok, map[string]any{"Name": "张三 "}), result: "-2"},
		{name: "card with spaces", body: with(ok, map[string]any{"BankCard": "6225 7688 8888 8888"}), result: "-3"},
		{name: "card of 7 digits", body: with(ok, map[string]any{"BankCard": "6225768"}), result: "-3"},
		{name: "card of 20 digits", body: with(ok, map[string]any{"BankCard": "62257688888888888888"}), result: "-3"},
		{name: "card of 8 digits", body: with(ok, map[string]any{"BankCard": "62257688"}), result: "0"},
		{name: "fixture wrong holder", body: with(ok, map[string]any{"BankCard": WrongHolderBankCard}), result: "-4"},
		{name: "fixture lost card", body: with(ok, map[string]any{"BankCard": LostBankCard}), result: "-11"},
		{name: "encrypted card not checked", body: with(ok, map[string]any{"BankCard": "c2VjcmV0", "Encryption": encrypting("BankCard", "Name")}), result: "0"},
		{name: "the ID number is not a member here", body: with(ok, map[string]any{"Encryption": encrypting("IdCard")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "BankCard2EVerification encrypts only Name, BankCard"},
	})
}
