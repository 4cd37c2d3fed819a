package faceidtest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"sync"
)

// Field encryption, as Tencent's encryption guide describes it
// (https://cloud.tencent.com/document/product/1007/47180): the request's members of
// Encryption.EncryptList are the base64 of their AES-256-CBC ciphertext (PKCS #7), under a
// key that Encryption.CiphertextBlob carries wrapped with RSA PKCS #1 v1.5, and the IV whose
// base64 is Encryption.Iv. The stand-in plays Tencent with a key pair of its own: a client
// that sets faceid.Config.EncryptionPublicKey to EncryptionPublicKey() encrypts for this
// stand-in. SM4-GCM (SM2 wrapping) is not modelled: such members stay ciphertext.

// standInKey is the stand-in's RSA key pair, made once per process (tests only).
var standInKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("faceidtest: generating the encryption key pair: " + err.Error())
	}
	return k
})

// EncryptionPublicKey is the public half of the stand-in's encryption key pair: set it as
// faceid.Config.EncryptionPublicKey to encrypt requests for the stand-in. Tencent's published
// key does not decrypt here (as a test key does not decrypt at Tencent).
func EncryptionPublicKey() *rsa.PublicKey { return &standInKey().PublicKey }

// session is the symmetric key of one encrypted request.
type session struct {
	key  []byte
	iv   []byte
	blob string // how the error texts name the CiphertextBlob member
}

// session returns the key of the request's Encryption, nil when there is none to read: no
// Encryption, no CiphertextBlob (GetDetectInfoEnhanced's Algorithm-only form), or SM4-GCM.
// A malformed Iv, or a CiphertextBlob the stand-in's private key does not open, is the
// caller's error, answered as Tencent does, naming the member and never its content.
func (c *call) session() (*session, *apiError) {
	enc := c.p.obj("Encryption")
	if enc == nil || enc.str("Algorithm") == "SM4-GCM" {
		return nil, nil
	}
	return envelope(enc, "Encryption.")
}

// envelope reads the key of the encryption members CiphertextBlob and Iv of p: an Encryption
// object, or a request that carries them flat (PhoneVerification); prefix is how the error
// texts name them ("Encryption." or "").
func envelope(p params, prefix string) (*session, *apiError) {
	iv, err := base64.StdEncoding.DecodeString(p.str("Iv"))
	if p.has("Iv") && (err != nil || len(iv) != aes.BlockSize) {
		return nil, newError("InvalidParameterValue", "`%sIv` must be the standard base64 of a 16-byte IV (24 characters)", prefix)
	}
	if p.str("CiphertextBlob") == "" {
		return nil, nil
	}
	blob, err := base64.StdEncoding.DecodeString(p.str("CiphertextBlob"))
	if err != nil {
		return nil, newError("FailedOperation.DecryptSystemError", "`%sCiphertextBlob` is not standard base64", prefix)
	}
	// PKCS #1 v1.5 on purpose: Tencent's scheme wraps the key with PKCS #1 v1.5 (https://cloud.tencent.com/document/product/1007/47180); the stand-in plays Tencent.
	key, err := rsa.DecryptPKCS1v15(nil, standInKey(), blob)
	if err != nil || len(key) != 32 {
		return nil, newError("FailedOperation.DecryptSystemError", "`%sCiphertextBlob` does not decrypt to a 32-byte AES-256 key with the stand-in's private key: wrap the key with faceidtest.EncryptionPublicKey()", prefix)
	}
	if len(iv) != aes.BlockSize {
		return nil, newError("InvalidParameterValue", "`%sIv` is required with CiphertextBlob: the standard base64 of a 16-byte IV", prefix)
	}
	return &session{key: key, iv: iv, blob: prefix + "CiphertextBlob"}, nil
}

// open decrypts the base64 ciphertext of member field.
func (s *session) open(field, text string) (string, *apiError) {
	fail := newError("FailedOperation.DecryptSystemError", "`%s` does not decrypt with the key of `%s` (AES-256-CBC, PKCS #7): it is corrupt, or encrypted with another key or IV", field, s.blob)
	raw, err := base64.StdEncoding.DecodeString(text)
	if err != nil || len(raw) == 0 || len(raw)%aes.BlockSize != 0 {
		return "", fail
	}
	block, _ := aes.NewCipher(s.key)
	cipher.NewCBCDecrypter(block, s.iv).CryptBlocks(raw, raw)
	n := int(raw[len(raw)-1])
	if n == 0 || n > aes.BlockSize {
		return "", fail
	}
	for _, b := range raw[len(raw)-n:] {
		if int(b) != n {
			return "", fail
		}
	}
	return string(raw[:len(raw)-n]), nil
}

// seal encrypts plain under the session key and iv.
func (s *session) seal(plain, iv []byte) string {
	block, _ := aes.NewCipher(s.key)
	n := aes.BlockSize - len(plain)%aes.BlockSize
	buf := make([]byte, len(plain)+n)
	copy(buf, plain)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(n)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
	return base64.StdEncoding.EncodeToString(buf)
}

// decryptFields replaces the encrypted members named in enc by their plaintext in the call's
// parameters, so that the handler checks the plaintext as Tencent does after decrypting, and
// removes them from enc; members it cannot decrypt (SM4-GCM) stay in enc.
func (c *call) decryptFields(enc map[string]bool) *apiError {
	s, err := c.session()
	if err != nil {
		return err
	}
	return c.openFields(s, enc)
}

// openFields is decryptFields with the session s (nil: nothing to decrypt).
func (c *call) openFields(s *session, enc map[string]bool) *apiError {
	if s == nil {
		return nil
	}
	for name := range enc {
		plain, err := s.open(name, c.p.str(name))
		if err != nil {
			return err
		}
		c.p[name] = plain
		delete(enc, name)
	}
	return nil
}

// encryptAnswer encrypts a whole answer into EncryptedBody when the request asked for it
// (IsEncryptResponse) with a key the stand-in can read; ok is false otherwise. The answer's
// Encryption carries a fresh IV, as the client must decrypt with the answer's Iv.
func (c *call) encryptAnswer(out map[string]any) (_ map[string]any, ok bool, _ *apiError) {
	if !c.p.boolean("IsEncryptResponse") {
		return out, false, nil
	}
	s, err := c.session()
	if err != nil || s == nil {
		return out, false, err
	}
	inner := make(map[string]any, len(out))
	for k, v := range out {
		if k != "Encryption" && k != "EncryptedBody" {
			inner[k] = v
		}
	}
	plain, jerr := json.Marshal(inner)
	if jerr != nil {
		return nil, false, newError("InternalError", "faceidtest: %s answer does not encode: %v", c.action, jerr)
	}
	iv := make([]byte, aes.BlockSize)
	if _, err := rand.Read(iv); err != nil {
		return nil, false, newError("InternalError", "faceidtest: no random IV: %v", err)
	}
	sealed := map[string]any{}
	for k := range out {
		sealed[k] = nil
	}
	sealed["Encryption"] = map[string]any{
		"Algorithm": "AES-256-CBC", "CiphertextBlob": c.p.obj("Encryption").str("CiphertextBlob"),
		"EncryptList": []any{"EncryptionBody"}, "Iv": base64.StdEncoding.EncodeToString(iv), "TagList": []any{},
	}
	sealed["EncryptedBody"] = s.seal(plain, iv)
	return sealed, true, nil
}
