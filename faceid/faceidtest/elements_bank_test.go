package faceidtest

import "testing"

func TestBankCard2EVerificationStandIn(t *testing.T) {
	ok := map[string]any{"Name": SampleName, "BankCard": SampleBankCard}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "BankCard", "Name")
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
		{name: "encrypted fixture lost card", body: map[string]any{"BankCard": seal(LostBankCard), "Name": seal(SampleName), "Encryption": enc}, result: "-11"},
		{name: "encrypted spaced card", body: map[string]any{"BankCard": seal("6225 7688 8888 8888"), "Name": seal(SampleName), "Encryption": enc}, result: "-3"},
		{name: "the ID number is not a member here", body: with(ok, map[string]any{"Encryption": encrypting("IdCard")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "BankCard2EVerification encrypts only Name and BankCard"},
	})
}

func TestBankCardVerificationStandIn(t *testing.T) {
	ok := map[string]any{"IdCard": SampleIdCard, "Name": SampleName, "BankCard": SampleBankCard}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "IdCard", "BankCard")
	runElementCases(t, "BankCardVerification", []elementCase{
		{name: "verified", body: ok, result: "0"},
		{name: "CertType 0", body: with(ok, map[string]any{"CertType": 0}), result: "0"},
		{name: "fixture not verified", body: with(ok, map[string]any{"BankCard": UnverifiedBankCard}), result: "-1"},
		{name: "name with a leading space", body: with(ok, map[string]any{"Name": " 张三"}), result: "-2"},
		{name: "lower-case x", body: with(ok, map[string]any{"IdCard": "11010119900101001x"}), result: "-3"},
		{name: "card with letters", body: with(ok, map[string]any{"BankCard": "6225A68888888888"}), result: "-4"},
		{name: "fixture wrong holder card", body: with(ok, map[string]any{"BankCard": WrongHolderBankCard}), result: "-5"},
		{name: "fixture mismatching person", body: with(ok, map[string]any{"IdCard": NameMismatchIdCard}), result: "-5"},
		{name: "fixture lost card", body: with(ok, map[string]any{"BankCard": LostBankCard}), result: "-12"},
		{name: "CertType 1", body: with(ok, map[string]any{"CertType": 1}), code: "InvalidParameterValue", naming: "`CertType`"},
		{name: "encrypted fixture mismatching person", body: with(ok, map[string]any{"IdCard": seal(NameMismatchIdCard), "BankCard": seal(SampleBankCard), "Encryption": enc}), result: "-5"},
		{name: "Phone is not a member here", body: with(ok, map[string]any{"Encryption": encrypting("Phone")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "BankCardVerification encrypts only Name, IdCard and BankCard"},
	})
}

func TestBankCard4EVerificationStandIn(t *testing.T) {
	ok := map[string]any{"Name": SampleName, "BankCard": SampleBankCard, "Phone": "13900000099", "IdCard": SampleIdCard}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "Phone", "BankCard")
	runElementCases(t, "BankCard4EVerification", []elementCase{
		{name: "verified", body: ok, result: "0"},
		{name: "fixture not verified", body: with(ok, map[string]any{"BankCard": UnverifiedBankCard}), result: "-1"},
		{name: "name with a trailing space", body: with(ok, map[string]any{"Name": "张三 "}), result: "-2"},
		{name: "ID of 17 characters", body: with(ok, map[string]any{"IdCard": "11010119900101001"}), result: "-3"},
		{name: "card with dashes", body: with(ok, map[string]any{"BankCard": "6225-7688-8888-8888"}), result: "-4"},
		{name: "phone with +86", body: with(ok, map[string]any{"Phone": "+8613900000099"}), result: "-5"},
		{name: "phone of 10 digits", body: with(ok, map[string]any{"Phone": "1390000009"}), result: "-5"},
		{name: "fixture mismatching person", body: with(ok, map[string]any{"IdCard": NameMismatchIdCard}), result: "-6"},
		{name: "fixture wrong holder card", body: with(ok, map[string]any{"BankCard": WrongHolderBankCard}), result: "-6"},
		{name: "fixture lost card", body: with(ok, map[string]any{"BankCard": LostBankCard}), result: "-13"},
		{name: "encrypted phone with +86", body: with(ok, map[string]any{"Phone": seal("+8613900000099"), "BankCard": seal(SampleBankCard), "Encryption": enc}), result: "-5"},
		{name: "encrypted fixture lost card", body: with(ok, map[string]any{"Phone": seal("13900000099"), "BankCard": seal(LostBankCard), "Encryption": enc}), result: "-13"},
		{name: "CertType is not a member here", body: with(ok, map[string]any{"Encryption": encrypting("CertType")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "BankCard4EVerification encrypts only Name, IdCard, Phone and BankCard"},
	})
}

func TestCheckBankCardInformationStandIn(t *testing.T) {
	ok := map[string]any{"BankCard": SampleBankCard}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "BankCard")
	found := func(bank string, kind float64) map[string]any {
		return map[string]any{"AccountBank": bank, "AccountType": kind}
	}
	runElementCases(t, "CheckBankCardInformation", []elementCase{
		{name: "Tencent's example card", body: ok, result: "0", extra: found("招商银行信用卡", 2)},
		{name: "another card", body: with(ok, map[string]any{"BankCard": "6222020200112233445"}), result: "0", extra: found("中国工商银行", 1)},
		{name: "fixture nothing found", body: with(ok, map[string]any{"BankCard": NoInfoBankCard}), result: "-1", extra: found("", 0)},
		{name: "fixture no such card", body: with(ok, map[string]any{"BankCard": UnknownBankCard}), result: "-3", extra: found("", 0)},
		{name: "card with spaces", body: with(ok, map[string]any{"BankCard": "6225 7688 8888 8888"}), result: "-5", extra: found("", 0)},
		{name: "fixture unsupported kind", body: with(ok, map[string]any{"BankCard": UnsupportedBankCard}), result: "-6"},
		{name: "encrypted example card", body: map[string]any{"BankCard": seal(SampleBankCard), "Encryption": enc}, result: "0", extra: found("招商银行信用卡", 2)},
		{name: "encrypted fixture no such card", body: map[string]any{"BankCard": seal(UnknownBankCard), "Encryption": enc}, result: "-3", extra: found("", 0)},
		{name: "Name is not a member here", body: with(ok, map[string]any{"Encryption": encrypting("Name")}),
			code: "InvalidParameter.UnsupportEncryptField", naming: "CheckBankCardInformation encrypts only BankCard"},
	})
}
