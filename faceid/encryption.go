package faceid

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Field encryption: the sensitive members of a request (a name, an ID number, a phone number)
// travel encrypted with a key made for the one request, and Tencent can encrypt its answer
// with the same key.
//
// The scheme is that of Tencent's guide "敏感数据加密指引"
// (https://cloud.tencent.com/document/product/1007/47180) and of Tencent's own helper that the
// guide links to (https://github.com/TencentCloud/faceid-api-crypto-golang), for the
// AES-256-CBC algorithm:
//
//   - the key is 32 random characters (letters and digits, as Tencent's helper makes it: the
//     server reads the key from the RSA plaintext, so ASCII keeps it intact), used as the
//     32-byte AES-256 key; the IV is 16 random bytes;
//   - each protected member is replaced by the standard base64 of its AES-256-CBC ciphertext
//     (PKCS #7 padding), all members of a request with the same key and IV;
//   - Encryption.CiphertextBlob is the standard base64 of the key encrypted with Tencent's
//     RSA public key (PKCS #1 v1.5 padding), Encryption.Iv the standard base64 of the IV,
//     Encryption.EncryptList the names of the encrypted members, Encryption.Algorithm
//     "AES-256-CBC";
//   - an encrypted answer (IsEncryptResponse) carries EncryptedBody, the standard base64 of
//     the AES-256-CBC ciphertext of the answer's JSON, under the request's key and the IV of
//     the answer's Encryption.Iv; its EncryptList is ["EncryptionBody"], as in a request that
//     only asks for an encrypted answer.
//
// The SM4-GCM variant (SM2 key wrapping) needs SM2 and SM4, which the standard library does
// not have; it is not implemented (the Algorithm constant stays, for callers who encrypt
// themselves).

// tencentPublicKeyPEM is the RSA public key Tencent publishes for FaceID's AES-256-CBC field
// encryption, as given (base64 of this PEM) in Tencent's helper
// https://github.com/TencentCloud/faceid-api-crypto-golang (faceid/crypto.go, rsaKey), the
// helper of https://cloud.tencent.com/document/product/1007/47180.
const tencentPublicKeyPEM = `-----BEGIN RSA PUBLIC KEY-----
MIGJAoGBAMRJoaUkZN1d5Mp8F5V6itXmSLNM5Z771afayoI49SndkFtsspHS402Z
EUUPQfqbuZk/VuSh59LtA/fBKzb4BP5bV8aqogVhG4e/q+NDkwlaq0i31HwLyBla
EojE/EEHpXBsuEkVTbKEy5elRq9toL7IZ80i+H2mtfU5CPsar+R3AgMBAAE=
-----END RSA PUBLIC KEY-----
`

// TencentEncryptionPublicKey returns Tencent's published RSA public key for field encryption,
// the default of Config.EncryptionPublicKey.
func TencentEncryptionPublicKey() *rsa.PublicKey {
	k, err := ParseEncryptionPublicKey([]byte(tencentPublicKeyPEM))
	if err != nil {
		panic("faceid: the built-in Tencent public key does not parse: " + err.Error())
	}
	return k
}

// ParseEncryptionPublicKey parses an RSA public key in PEM form, PKCS #1 ("RSA PUBLIC KEY")
// or PKIX ("PUBLIC KEY"), or the standard base64 of such a PEM (the form Tencent's helper
// keeps it in).
func ParseEncryptionPublicKey(data []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(data)
	if block == nil {
		raw, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(data)))
		if err == nil {
			block, _ = pem.Decode(raw)
		}
	}
	if block == nil {
		return nil, errors.New("faceid: the encryption public key is not PEM (-----BEGIN RSA PUBLIC KEY----- or -----BEGIN PUBLIC KEY-----), nor base64 of a PEM")
	}
	switch block.Type {
	case "RSA PUBLIC KEY":
		k, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("faceid: the encryption public key: %w", err)
		}
		return k, nil
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("faceid: the encryption public key: %w", err)
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("faceid: the encryption public key is a %T, not RSA (SM2 keys are for SM4-GCM, which this package does not implement)", k)
		}
		return rk, nil
	}
	return nil, fmt.Errorf("faceid: the encryption public key is a PEM %q block: want \"RSA PUBLIC KEY\" or \"PUBLIC KEY\"", block.Type)
}

// encryptionBody is the EncryptList entry of a whole-body encryption (Tencent's helper).
const encryptionBody = "EncryptionBody"

// sessionKey is the key of one request: kept in the context returned by the Encrypt methods,
// used by the call to open the answer. It never prints its key.
type sessionKey struct {
	req any // the request it was made for
	key []byte
	iv  []byte
}

// String keeps the key out of any formatting of the context that carries it.
func (k *sessionKey) String() string { return "faceid.sessionKey(redacted)" }

// GoString keeps the key out of %#v.
func (k *sessionKey) GoString() string { return k.String() }

type sessionCtxKey struct{}

// newSession makes a fresh key and IV and wraps the key with the client's public key.
func (c *Client) newSession(req any) (*sessionKey, *Encryption, error) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	k := &sessionKey{req: req, key: make([]byte, 0, 32), iv: make([]byte, aes.BlockSize)}
	var buf [64]byte
	for len(k.key) < 32 {
		if _, err := rand.Read(buf[:]); err != nil {
			return nil, nil, fmt.Errorf("faceid: encrypting: no random bytes: %w", err)
		}
		for _, b := range buf {
			if b < 248 && len(k.key) < 32 { // 248 = 4 × 62: no bias
				k.key = append(k.key, alphabet[b%62])
			}
		}
	}
	if _, err := rand.Read(k.iv); err != nil {
		return nil, nil, fmt.Errorf("faceid: encrypting: no random bytes: %w", err)
	}
	// PKCS #1 v1.5 on purpose: Tencent's scheme wraps the key with PKCS #1 v1.5 (https://cloud.tencent.com/document/product/1007/47180); OAEP would not decrypt on Tencent's side.
	blob, err := rsa.EncryptPKCS1v15(rand.Reader, c.encKey, k.key)
	if err != nil {
		return nil, nil, fmt.Errorf("faceid: encrypting: wrapping the key with the public key: %w", err)
	}
	return k, &Encryption{
		CiphertextBlob: base64.StdEncoding.EncodeToString(blob),
		Iv:             base64.StdEncoding.EncodeToString(k.iv),
		Algorithm:      AlgorithmAES256CBC,
	}, nil
}

// seal encrypts plain with the session's key and IV, PKCS #7 padded.
func (k *sessionKey) seal(plain []byte) string {
	block, _ := aes.NewCipher(k.key) // 32 bytes: cannot fail
	n := aes.BlockSize - len(plain)%aes.BlockSize
	buf := make([]byte, len(plain)+n)
	copy(buf, plain)
	for i := len(plain); i < len(buf); i++ {
		buf[i] = byte(n)
	}
	cipher.NewCBCEncrypter(block, k.iv).CryptBlocks(buf, buf)
	return base64.StdEncoding.EncodeToString(buf)
}

// errOpen is the one error of a ciphertext that does not decrypt: it says what to check and
// nothing of the data.
var errOpen = errors.New("does not decrypt with this request's key: the ciphertext is corrupt, or was encrypted with another key")

// open decrypts the base64 text s with the session's key and iv.
func (k *sessionKey) open(s string, iv []byte) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errors.New("is not standard base64")
	}
	if len(raw) == 0 || len(raw)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("is %d bytes, not a whole number of %d-byte AES blocks", len(raw), aes.BlockSize)
	}
	block, _ := aes.NewCipher(k.key)
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(raw, raw)
	n := int(raw[len(raw)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, errOpen
	}
	for _, b := range raw[len(raw)-n:] {
		if int(b) != n {
			return nil, errOpen
		}
	}
	return raw[:len(raw)-n], nil
}

// requestStruct returns the struct req points to and its Encryption member.
func requestStruct(op string, req Request) (reflect.Value, reflect.Value, error) {
	rv := reflect.ValueOf(req)
	if req == nil || rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, reflect.Value{}, fmt.Errorf("faceid: %s needs a non-nil request", op)
	}
	rv = rv.Elem()
	enc, ok := member(rv, "Encryption")
	if !ok || enc.Type() != reflect.TypeOf((*Encryption)(nil)) {
		return reflect.Value{}, reflect.Value{}, fmt.Errorf("faceid: %s: %s has no Encryption member: the action takes no encrypted fields", op, rv.Type().Name())
	}
	if !enc.IsNil() {
		return reflect.Value{}, reflect.Value{}, fmt.Errorf("faceid: %s: %s.Encryption is already set: encrypt a request once, from its plaintext", op, rv.Type().Name())
	}
	return rv, enc, nil
}

// flatEnvelope reports whether req carries its field encryption as the flat members
// CiphertextBlob, EncryptList and Iv instead of an Encryption block (PhoneVerification,
// https://cloud.tencent.com/document/api/1007/39765), and returns its struct and a function
// that fills those members from e. It refuses a request whose members are already set.
func flatEnvelope(op string, req Request) (reflect.Value, func(e *Encryption), bool, error) {
	rv := reflect.ValueOf(req)
	if req == nil || rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, nil, false, nil
	}
	rv = rv.Elem()
	blob, okB := member(rv, "CiphertextBlob")
	list, okL := member(rv, "EncryptList")
	iv, okI := member(rv, "Iv")
	strPtr := reflect.TypeOf((*string)(nil))
	if !okB || !okL || !okI || blob.Type() != strPtr || iv.Type() != strPtr || list.Type() != reflect.TypeOf([]string(nil)) {
		return reflect.Value{}, nil, false, nil
	}
	if !blob.IsNil() || !iv.IsNil() || list.Len() > 0 {
		return reflect.Value{}, nil, true, fmt.Errorf("faceid: %s: %s's CiphertextBlob, EncryptList or Iv is already set: encrypt a request once, from its plaintext", op, rv.Type().Name())
	}
	set := func(e *Encryption) {
		blob.Set(reflect.ValueOf(Ptr(e.CiphertextBlob)))
		iv.Set(reflect.ValueOf(Ptr(e.Iv)))
		list.Set(reflect.ValueOf(e.EncryptList))
	}
	return rv, set, true, nil
}

// member finds the struct field with JSON name name.
func member(rv reflect.Value, name string) (reflect.Value, bool) {
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		jn, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if jn == "" {
			jn = sf.Name
		}
		if sf.IsExported() && jn == name {
			return rv.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// EncryptFields encrypts the named string members of req in place (JSON names, e.g. "IdCard",
// "Name") with a fresh key and IV, fills req.Encryption (EncryptList, CiphertextBlob, Iv,
// Algorithm AES-256-CBC) with the key wrapped by Config.EncryptionPublicKey (PhoneVerification:
// its flat members CiphertextBlob, EncryptList and Iv, AES-256-CBC being its only algorithm),
// and returns a
// context that carries the key: call the action with it, and an encrypted answer
// (EncryptedBody, or members listed in the answer's Encryption) is decrypted into the typed
// response before its result is checked.
//
// req is validated first, in plaintext, so a malformed value is refused naming the member
// before it becomes ciphertext. The key lives only in the returned context and belongs to req
// alone. Scheme: https://cloud.tencent.com/document/product/1007/47180.
func (c *Client) EncryptFields(ctx context.Context, req Request, fields ...string) (context.Context, error) {
	rv, set, flat, err := flatEnvelope("EncryptFields", req)
	if err != nil {
		return ctx, err
	}
	if !flat {
		var enc reflect.Value
		if rv, enc, err = requestStruct("EncryptFields", req); err != nil {
			return ctx, err
		}
		set = func(e *Encryption) { enc.Set(reflect.ValueOf(e)) }
	}
	if len(fields) == 0 {
		return ctx, errors.New("faceid: EncryptFields: name the members to encrypt, e.g. \"IdCard\", \"Name\" (EncryptResponse asks for an encrypted answer only)")
	}
	if err := req.Validate(); err != nil {
		return ctx, err
	}
	targets := make([]reflect.Value, len(fields))
	for i, f := range fields {
		fv, ok := member(rv, f)
		if fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.String {
			if fv.IsNil() {
				return ctx, fmt.Errorf("faceid: EncryptFields: %s.%s is nil: there is nothing to encrypt", rv.Type().Name(), f)
			}
			fv = fv.Elem()
		}
		switch {
		case !ok || fv.Kind() != reflect.String || f == "Encryption" || flat && (f == "CiphertextBlob" || f == "Iv"):
			return ctx, fmt.Errorf("faceid: EncryptFields: %s has no string member %q: name members by their JSON names, e.g. \"IdCard\"", rv.Type().Name(), f)
		case fv.String() == "":
			return ctx, fmt.Errorf("faceid: EncryptFields: %s.%s is empty: there is nothing to encrypt", rv.Type().Name(), f)
		}
		for _, g := range fields[:i] {
			if g == f {
				return ctx, fmt.Errorf("faceid: EncryptFields: %q is named twice", f)
			}
		}
		targets[i] = fv
	}
	k, e, err := c.newSession(req)
	if err != nil {
		return ctx, err
	}
	for _, fv := range targets {
		fv.SetString(k.seal([]byte(fv.String())))
	}
	e.EncryptList = append([]string(nil), fields...)
	set(e)
	return context.WithValue(ctx, sessionCtxKey{}, k), nil
}

// EncryptResponse asks for an encrypted answer: it fills req.Encryption with a fresh key
// (EncryptList ["EncryptionBody"]), sets req.IsEncryptResponse, and returns a context that
// carries the key; the call then decrypts the answer's EncryptedBody into the typed response
// before its result is checked. For CheckIdCardInformation, GetDetectInfoEnhanced and the
// other actions with IsEncryptResponse. Scheme:
// https://cloud.tencent.com/document/product/1007/47180.
func (c *Client) EncryptResponse(ctx context.Context, req Request) (context.Context, error) {
	rv, enc, err := requestStruct("EncryptResponse", req)
	if err != nil {
		return ctx, err
	}
	flag, ok := member(rv, "IsEncryptResponse")
	if !ok || flag.Type() != reflect.TypeOf((*bool)(nil)) {
		return ctx, fmt.Errorf("faceid: EncryptResponse: %s has no IsEncryptResponse member: the action does not answer encrypted", rv.Type().Name())
	}
	k, e, err := c.newSession(req)
	if err != nil {
		return ctx, err
	}
	e.EncryptList = []string{encryptionBody}
	enc.Set(reflect.ValueOf(e))
	flag.Set(reflect.ValueOf(Ptr(true)))
	return context.WithValue(ctx, sessionCtxKey{}, k), nil
}

// EncryptBody encrypts a whole request, for the actions with an EncryptedBody request member
// (DetectAIFakeFaces): req is validated in plaintext, its members other than Encryption and
// EncryptedBody are encoded as JSON, encrypted into EncryptedBody and cleared, and
// req.Encryption gets EncryptList ["EncryptionBody"] and the wrapped key. It returns a context
// that carries the key, as EncryptFields does. Scheme:
// https://cloud.tencent.com/document/product/1007/47180.
func (c *Client) EncryptBody(ctx context.Context, req Request) (context.Context, error) {
	rv, enc, err := requestStruct("EncryptBody", req)
	if err != nil {
		return ctx, err
	}
	body, ok := member(rv, "EncryptedBody")
	if !ok || body.Type() != reflect.TypeOf((*string)(nil)) || !body.IsNil() {
		return ctx, fmt.Errorf("faceid: EncryptBody: %s has no empty EncryptedBody member: the action takes no encrypted body", rv.Type().Name())
	}
	if err := req.Validate(); err != nil {
		return ctx, err
	}
	raw, err := encodeBody(req, 0)
	if err != nil {
		return ctx, err
	}
	k, e, err := c.newSession(req)
	if err != nil {
		return ctx, err
	}
	sealed := k.seal(raw) // Encryption and EncryptedBody are nil, so not in raw
	for i := 0; i < rv.NumField(); i++ {
		if rv.Type().Field(i).IsExported() {
			rv.Field(i).SetZero()
		}
	}
	body.Set(reflect.ValueOf(&sealed))
	e.EncryptList = []string{encryptionBody}
	enc.Set(reflect.ValueOf(e))
	return context.WithValue(ctx, sessionCtxKey{}, k), nil
}

// openAnswer decrypts an encrypted answer into out (a *Resp) when ctx carries the key of req:
// the whole EncryptedBody, or the string members the answer's Encryption.EncryptList names
// (dotted paths for nested ones, e.g. "Text.IdCard"). It is the hook of call.
func openAnswer(ctx context.Context, req any, out any) error {
	k, _ := ctx.Value(sessionCtxKey{}).(*sessionKey)
	if k == nil || k.req != req {
		return nil
	}
	rv := reflect.ValueOf(out).Elem()
	iv := k.iv
	var list []string
	if ev, ok := member(rv, "Encryption"); ok && ev.Type() == reflect.TypeOf((*Encryption)(nil)) && !ev.IsNil() {
		e := ev.Interface().(*Encryption)
		if e.Iv != "" {
			b, err := base64.StdEncoding.DecodeString(e.Iv)
			if err != nil || len(b) != aes.BlockSize {
				return errors.New("decrypting the answer: its Encryption.Iv is not the base64 of a 16-byte IV")
			}
			iv = b
		}
		list = e.EncryptList
	}
	if bv, ok := member(rv, "EncryptedBody"); ok && bv.Kind() == reflect.String && bv.String() != "" {
		plain, err := k.open(bv.String(), iv)
		if err != nil {
			return fmt.Errorf("decrypting the answer: EncryptedBody %w", err)
		}
		var wrapped struct{ Response json.RawMessage }
		if json.Unmarshal(plain, &wrapped) == nil && len(wrapped.Response) > 0 {
			plain = wrapped.Response
		}
		// The envelope's RequestId, Encryption and EncryptedBody stay as received.
		keep := map[string]reflect.Value{}
		for _, name := range []string{"RequestId", "Encryption", "EncryptedBody"} {
			if fv, ok := member(rv, name); ok {
				keep[name] = reflect.ValueOf(fv.Interface())
			}
		}
		if err := json.Unmarshal(plain, out); err != nil {
			return fmt.Errorf("decrypting the answer: EncryptedBody does not hold the answer's JSON: %w", redactJSONError(err))
		}
		for name, v := range keep {
			if fv, _ := member(rv, name); name != "RequestId" || fv.String() == "" {
				fv.Set(v)
			}
		}
		return nil
	}
	for _, path := range list {
		if path == encryptionBody {
			continue
		}
		fv, ok := rv, true
		for _, part := range strings.Split(path, ".") {
			for fv.Kind() == reflect.Pointer && !fv.IsNil() {
				fv = fv.Elem()
			}
			if fv.Kind() != reflect.Struct {
				ok = false
				break
			}
			if fv, ok = member(fv, part); !ok {
				break
			}
		}
		if !ok || fv.Kind() != reflect.String {
			return fmt.Errorf("decrypting the answer: Encryption.EncryptList names %q, which is not a string member of the answer", path)
		}
		if fv.String() == "" {
			continue
		}
		plain, err := k.open(fv.String(), iv)
		if err != nil {
			return fmt.Errorf("decrypting the answer: %s %w", path, err)
		}
		fv.SetString(string(plain))
	}
	return nil
}
