package faceidtest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// testEnvelope encrypts like a client of Tencent's scheme, for the stand-in's key: it returns
// the Encryption object and a function sealing a member.
func testEnvelope(t *testing.T, pub *rsa.PublicKey, list ...string) (map[string]any, func(string) string) {
	t.Helper()
	key := []byte("abcdefghijklmnopqrstuvwxyz012345")
	iv := make([]byte, 16)
	if _, err := rand.Read(iv); err != nil {
		t.Fatal(err)
	}
	// PKCS #1 v1.5 on purpose: Tencent's scheme is PKCS #1 v1.5.
	blob, err := rsa.EncryptPKCS1v15(rand.Reader, pub, key)
	if err != nil {
		t.Fatal(err)
	}
	items := []any{}
	for _, l := range list {
		items = append(items, l)
	}
	enc := map[string]any{"EncryptList": items, "CiphertextBlob": b64(blob), "Iv": b64(iv), "Algorithm": "AES-256-CBC"}
	seal := func(s string) string {
		block, _ := aes.NewCipher(key)
		n := 16 - len(s)%16
		buf := []byte(s + strings.Repeat(string(rune(n)), n))
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
		return b64(buf)
	}
	return enc, seal
}

// The stand-in decrypts the members and checks the plaintext as Tencent does: a malformed
// ID number is Result -2 even when it arrives encrypted.
func TestEncryptedMembersDecryptedAndChecked(t *testing.T) {
	s := newTestServer(t, Options{})
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "IdCard", "Name")
	for _, tt := range []struct{ idCard, name, result string }{
		{"11010119900101001X", "张三", "0"},
		{"1101011990010100", "张三", "-2"},
		{"11010119900101001X", " 张三", "-3"},
		{NameMismatchIdCard, "张三", "-1"},
	} {
		body := jsonBody(t, map[string]any{"IdCard": seal(tt.idCard), "Name": seal(tt.name), "Encryption": enc})
		resp := mustOK(t, callAPI(t, s, "IdCardOCRVerification", body))
		if resp["Result"] != tt.result {
			t.Errorf("%q %q: Result %v, want %s", tt.idCard, tt.name, resp["Result"], tt.result)
		}
		if resp["IdCard"] == tt.idCard {
			t.Errorf("the answer echoes the decrypted IdCard")
		}
	}
}

func TestEncryptionRefusals(t *testing.T) {
	s := newTestServer(t, Options{})
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "IdCard", "Name")
	foreign, fseal := testEnvelope(t, &other.PublicKey, "IdCard", "Name")
	badIv := map[string]any{}
	for k, v := range enc {
		badIv[k] = v
	}
	badIv["Iv"] = "0123456789abcdef" // 16 characters, not the base64 of 16 bytes
	tampered := seal("11010119900101001X")
	raw, _ := base64.StdEncoding.DecodeString(tampered)
	raw[len(raw)-1] ^= 0xff
	for _, tt := range []struct {
		name string
		body map[string]any
		code string
		want string
	}{
		{"foreign key", map[string]any{"IdCard": fseal("11010119900101001X"), "Name": fseal("张三"), "Encryption": foreign}, "FailedOperation.DecryptSystemError", "`Encryption.CiphertextBlob`"},
		{"tampered member", map[string]any{"IdCard": b64(raw), "Name": seal("张三"), "Encryption": enc}, "FailedOperation.DecryptSystemError", "`IdCard`"},
		{"plaintext member", map[string]any{"IdCard": "11010119900101001X", "Name": seal("张三"), "Encryption": enc}, "FailedOperation.DecryptSystemError", "`IdCard`"},
		{"Iv not base64 of 16 bytes", map[string]any{"IdCard": seal("11010119900101001X"), "Name": seal("张三"), "Encryption": badIv}, "InvalidParameterValue", "`Encryption.Iv`"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, "IdCardOCRVerification", jsonBody(t, tt.body)))
			if code != tt.code || !strings.Contains(msg, tt.want) {
				t.Fatalf("got %s %q, want %s naming %s", code, msg, tt.code, tt.want)
			}
			if strings.Contains(msg, "11010119900101001X") || strings.Contains(msg, "张三") {
				t.Errorf("the message carries plaintext: %s", msg)
			}
		})
	}
	// SM4-GCM is not modelled: the members stay ciphertext, unchecked.
	sm4 := map[string]any{"EncryptList": []any{"IdCard", "Name"}, "CiphertextBlob": "c20y", "Iv": "aXZpdml2aXZpdml2", "Algorithm": "SM4-GCM"}
	resp := mustOK(t, callAPI(t, s, "IdCardOCRVerification", jsonBody(t, map[string]any{"IdCard": "Y2lwaGVy", "Name": "Y2lwaGVy", "Encryption": sm4})))
	if resp["Result"] != "0" {
		t.Errorf("SM4-GCM: %v", resp)
	}
}

// DetectAIFakeFaces' whole-body encryption: the stand-in opens EncryptedBody and checks the
// FaceInput inside.
func TestDetectAIFakeFacesEncryptedBody(t *testing.T) {
	s := newTestServer(t, Options{})
	enc, seal := testEnvelope(t, EncryptionPublicKey(), "EncryptionBody")
	inner := func(input string, typ int) string {
		b, _ := json.Marshal(map[string]any{"FaceInput": input, "FaceInputType": typ})
		return seal(string(b))
	}
	resp := mustOK(t, callAPI(t, s, "DetectAIFakeFaces", jsonBody(t, map[string]any{"Encryption": enc, "EncryptedBody": inner(b64(SampleJPEG()), 1)})))
	if resp["AttackRiskLevel"] != "Low" {
		t.Errorf("encrypted image: %v", resp)
	}
	code, msg := apiErr(callAPI(t, s, "DetectAIFakeFaces", jsonBody(t, map[string]any{"Encryption": enc, "EncryptedBody": inner(b64(SampleJPEG()), 2)})))
	if code != "FailedOperation.VideoDecodeFailed" || !strings.Contains(msg, "`FaceInput`") {
		t.Errorf("encrypted image sent as a video: %s %s", code, msg)
	}
	code, _ = apiErr(callAPI(t, s, "DetectAIFakeFaces", jsonBody(t, map[string]any{"Encryption": enc, "EncryptedBody": seal("not json")})))
	if code != "InvalidParameter" {
		t.Errorf("EncryptedBody of no JSON: %s", code)
	}
}
