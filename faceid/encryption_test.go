package faceid

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// Field encryption, end to end: the client encrypts with the stand-in's public key, the
// stand-in (which does not import this package) decrypts with its private key and checks the
// plaintext, and encrypts its answer for the client to open.

const (
	encName   = "王五"
	encIdCard = "44030019900101123X"
)

// wire records every request and response body, to see what crossed the loopback.
type wire struct {
	mu   sync.Mutex
	seen [][]byte
}

func (w *wire) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(b))
		w.add(b)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		w.add(b)
	}
	return resp, err
}

func (w *wire) add(b []byte) { w.mu.Lock(); w.seen = append(w.seen, b); w.mu.Unlock() }

func (w *wire) all() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(bytes.Join(w.seen, []byte("\n")))
}

type encSetup struct {
	srv  *faceidtest.Server
	c    *Client
	wire *wire
	log  *bytes.Buffer
}

func newEncSetup(t *testing.T, key *rsa.PublicKey) *encSetup {
	t.Helper()
	srv := faceidtest.NewServer(faceidtest.Options{})
	t.Cleanup(srv.Close)
	w := &wire{}
	var logBuf bytes.Buffer
	c, err := NewClient(Config{
		Credentials:         credentials.Static(faceidtest.DefaultCredentials),
		Endpoint:            srv.URL,
		MaxWait:             5 * time.Millisecond,
		HTTPClient:          &http.Client{Transport: w},
		Logger:              slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		EncryptionPublicKey: key,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &encSetup{srv: srv, c: c, wire: w, log: &logBuf}
}

// keyOf returns the session key a context carries.
func keyOf(t *testing.T, ctx context.Context) *sessionKey {
	t.Helper()
	k, _ := ctx.Value(sessionCtxKey{}).(*sessionKey)
	if k == nil || len(k.key) != 32 || len(k.iv) != 16 {
		t.Fatalf("context carries no 32-byte key and 16-byte IV: %v", k)
	}
	return k
}

// noLeak fails when a key or a plaintext appears in the log, in the given texts (errors,
// formatted values), or on the wire (plaintext only; the wire carries ciphertext).
func (s *encSetup) noLeak(t *testing.T, k *sessionKey, plaintexts []string, texts ...string) {
	t.Helper()
	secrets := append([]string{string(k.key), base64.StdEncoding.EncodeToString(k.key)}, plaintexts...)
	for _, sec := range secrets {
		if strings.Contains(s.log.String(), sec) {
			t.Errorf("the log contains a secret %q", sec)
		}
		for _, txt := range texts {
			if strings.Contains(txt, sec) {
				t.Errorf("%q contains a secret %q", txt, sec)
			}
		}
	}
	for _, p := range plaintexts {
		if strings.Contains(s.wire.all(), p) {
			t.Errorf("the plaintext %q crossed the wire", p)
		}
	}
	if s.log.Len() == 0 {
		t.Error("no log lines: the leak check saw nothing")
	}
}

// The encrypted IdCard/Name round trip (IdCardOCRVerification, the IdCard+Name check of the
// PaaS flow): the stand-in answers the fixture codes of the plaintext, so it decrypted.
func TestEncryptFieldsRoundTrip(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	for _, tt := range []struct{ idCard, result string }{
		{encIdCard, "0"},
		{faceidtest.NameMismatchIdCard, "-1"},
		{faceidtest.NoRecordIdCard, "-5"},
	} {
		req := &IdCardOCRVerificationRequest{IdCard: Ptr(tt.idCard), Name: Ptr(encName)}
		ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
		if err != nil {
			t.Fatal(err)
		}
		k := keyOf(t, ctx)
		// The request now carries ciphertext and Tencent's Encryption block.
		e := req.Encryption
		iv, _ := base64.StdEncoding.DecodeString(e.Iv)
		if *req.IdCard == tt.idCard || *req.Name == encName || e.Algorithm != AlgorithmAES256CBC ||
			strings.Join(e.EncryptList, ",") != "IdCard,Name" || len(iv) != 16 || !bytes.Equal(iv, k.iv) || e.CiphertextBlob == "" {
			t.Fatalf("request after EncryptFields: IdCard %q Name %q Encryption %+v", *req.IdCard, *req.Name, e)
		}
		if got := decryptAESCBC(t, k.key, k.iv, *req.IdCard); got != tt.idCard {
			t.Errorf("IdCard ciphertext decrypts (independent AES-CBC) to %q", got)
		}
		resp, err := s.c.IdCardOCRVerification(ctx, req)
		if resp == nil || resp.Result != tt.result || (tt.result == "0") != (err == nil) {
			t.Fatalf("IdCard %s: resp %+v err %v; want Result %s", tt.idCard, resp, err, tt.result)
		}
		s.noLeak(t, k, []string{tt.idCard, encName}, fmt.Sprint(err), fmt.Sprint(ctx), fmt.Sprintf("%+v %#v", k, k))
	}
}

// The encrypted IdCardVerification round trip: the fixture codes answer only if the stand-in
// decrypted IdCard and Name; a malformed number is refused before it is encrypted.
func TestEncryptFieldsIdCardVerification(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	for _, tt := range []struct{ idCard, result string }{
		{encIdCard, "0"},
		{faceidtest.NameMismatchIdCard, "-1"},
		{faceidtest.NoRecordIdCard, "-5"},
	} {
		req := &IdCardVerificationRequest{IdCard: tt.idCard, Name: encName}
		ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
		if err != nil {
			t.Fatal(err)
		}
		if req.IdCard == tt.idCard || req.Name == encName {
			t.Fatalf("not encrypted: %+v", req)
		}
		resp, err := s.c.IdCardVerification(ctx, req)
		if resp == nil || resp.Result != tt.result || (tt.result == "0") != (err == nil) {
			t.Fatalf("IdCard %s: resp %+v err %v; want Result %s", tt.idCard, resp, err, tt.result)
		}
		s.noLeak(t, keyOf(t, ctx), []string{tt.idCard, encName}, fmt.Sprint(err))
	}
	_, err := s.c.EncryptFields(context.Background(), &IdCardVerificationRequest{IdCard: "44030019900101123x", Name: encName}, "IdCard", "Name")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "IdCard" {
		t.Errorf("lower-case x: %v", err)
	}
}

// decryptAESCBC is an independent opener for the test: crypto/cipher directly, PKCS #7 strip.
func decryptAESCBC(t *testing.T, key, iv []byte, b64 string) string {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw)%16 != 0 {
		t.Fatalf("ciphertext %q is not base64 blocks", b64)
	}
	block, _ := aes.NewCipher(key)
	cipher.NewCBCDecrypter(block, iv).CryptBlocks(raw, raw)
	return string(raw[:len(raw)-int(raw[len(raw)-1])])
}

// The P1 action too: the fixture ID number fails only if the stand-in read the plaintext.
func TestEncryptFieldsImageRecognitionV2(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	req := &ImageRecognitionV2Request{IdCard: faceidtest.LowSimilarityIdCard, Name: encName, ImageBase64: MediaBytes(faceidtest.SampleJPEG())}
	ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.c.ImageRecognitionV2(ctx, req)
	var ve *VerificationError
	if !errors.As(err, &ve) || resp.Result != CodeCompareLowSimilarity {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	s.noLeak(t, keyOf(t, ctx), []string{faceidtest.LowSimilarityIdCard, encName}, err.Error())
}

// An encrypted answer (EncryptedBody) is opened before the result is checked: the typed
// response holds the plaintext, and a failing Result is a *VerificationError.
func TestEncryptResponseCheckIdCardInformation(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	for _, result := range []string{ResultSuccess, CodeIdNameMisMatch} {
		s.srv.SetResult("CheckIdCardInformation", result)
		req := &CheckIdCardInformationRequest{ImageBase64: MediaBytes(faceidtest.SampleJPEG())}
		ctx, err := s.c.EncryptResponse(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if req.IsEncryptResponse == nil || !*req.IsEncryptResponse || strings.Join(req.Encryption.EncryptList, ",") != "EncryptionBody" {
			t.Fatalf("request after EncryptResponse: %+v %+v", req.IsEncryptResponse, req.Encryption)
		}
		resp, err := s.c.CheckIdCardInformation(ctx, req)
		if resp == nil || resp.Result != result || resp.IdNum != faceidtest.SampleIdCard || resp.Name != faceidtest.SampleName || resp.RequestId == "" || resp.EncryptedBody == "" {
			t.Fatalf("resp %+v err %v", resp, err)
		}
		if (result == ResultSuccess) != (err == nil) {
			t.Fatalf("Result %s: err %v", result, err)
		}
		// The answer crossed the wire encrypted.
		if !strings.Contains(s.wire.all(), `"EncryptedBody":"`) {
			t.Error("no EncryptedBody on the wire")
		}
		s.noLeak(t, keyOf(t, ctx), []string{faceidtest.SampleIdCard}, fmt.Sprint(err))
	}
}

// The encrypted GetDetectInfoEnhanced round trip: the flow's result comes back as
// EncryptedBody and is opened into Text.
func TestEncryptResponseGetDetectInfoEnhanced(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	ctx := context.Background()
	auth, err := s.c.DetectAuth(ctx, &DetectAuthRequest{RuleId: "1", IdCard: Ptr(encIdCard), Name: Ptr(encName)})
	if err != nil {
		t.Fatal(err)
	}
	req := &GetDetectInfoEnhancedRequest{BizToken: auth.BizToken, RuleId: "1", InfoType: Ptr(InfoTypeText)}
	ectx, err := s.c.EncryptResponse(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.c.GetDetectInfoEnhanced(ectx, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.EncryptedBody == "" || resp.Text == nil || resp.Text.IdCard != encIdCard || resp.Text.Name != encName {
		t.Fatalf("resp %+v Text %+v", resp, resp.Text)
	}
	if err := resp.Check(); err != nil {
		t.Errorf("Check after decryption: %v", err)
	}
	if strings.Contains(s.wire.all(), `"IdCard":"`+encIdCard+`","UseIDType"`) {
		t.Error("the answer's Text crossed the wire in clear")
	}
}

// Encrypting DetectAuth's Name and IdCard: the flow's answer carries the plaintext person, so
// the stand-in decrypted them.
func TestEncryptFieldsDetectAuth(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	req := &DetectAuthRequest{RuleId: "1", IdCard: Ptr(encIdCard), Name: Ptr(encName)}
	ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
	if err != nil {
		t.Fatal(err)
	}
	auth, err := s.c.DetectAuth(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.c.GetDetectInfoEnhanced(context.Background(), &GetDetectInfoEnhancedRequest{BizToken: auth.BizToken, RuleId: "1", InfoType: Ptr(InfoTypeText)})
	if err != nil || resp.Text == nil || resp.Text.IdCard != encIdCard {
		t.Fatalf("resp %+v err %v", resp, err)
	}
}

// DetectAIFakeFaces' whole-body encryption: the stand-in opens EncryptedBody and checks the
// media inside; the level check runs on the answer.
func TestEncryptBodyDetectAIFakeFaces(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	for _, tt := range []struct {
		level   string
		input   []byte
		typ     int64
		pass    bool
		apiCode string
	}{
		{"Low", faceidtest.SampleJPEG(), FaceInputImage, true, ""},
		{"High", faceidtest.SampleJPEG(), FaceInputImage, false, ""},
		{"Low", faceidtest.SampleMP4(), FaceInputImage, false, "FailedOperation.ImageDecodeFailed"},
	} {
		s.srv.SetResult("DetectAIFakeFaces", tt.level)
		req := &DetectAIFakeFacesRequest{FaceInput: MediaBytes(tt.input), FaceInputType: Ptr(tt.typ)}
		ctx, err := s.c.EncryptBody(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if !req.FaceInput.IsZero() || req.FaceInputType != nil || req.EncryptedBody == nil || strings.Join(req.Encryption.EncryptList, ",") != "EncryptionBody" {
			t.Fatalf("request after EncryptBody: %+v", req)
		}
		k := keyOf(t, ctx)
		if got := decryptAESCBC(t, k.key, k.iv, *req.EncryptedBody); !strings.HasPrefix(got, `{"FaceInput":"`) || !strings.HasSuffix(got, fmt.Sprintf(`"FaceInputType":%d}`, tt.typ)) {
			t.Fatalf("EncryptedBody holds %.40q...", got)
		}
		resp, err := s.c.DetectAIFakeFaces(ctx, req)
		var ae *transport.APIError
		var ve *VerificationError
		switch {
		case tt.apiCode != "":
			if !errors.As(err, &ae) || ae.Code != tt.apiCode {
				t.Errorf("%s: err %v; want %s", tt.level, err, tt.apiCode)
			}
		case tt.pass:
			if err != nil || string(resp.AttackRiskLevel) != tt.level {
				t.Errorf("%s: resp %+v err %v", tt.level, resp, err)
			}
		default:
			if !errors.As(err, &ve) || ve.Result != tt.level {
				t.Errorf("%s: err %v", tt.level, err)
			}
		}
	}
	if _, err := s.c.EncryptBody(context.Background(), &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)}); err == nil || !strings.Contains(err.Error(), "no empty EncryptedBody member") {
		t.Errorf("EncryptBody on an action without EncryptedBody: %v", err)
	}
}

// A key the stand-in cannot open, and a ciphertext changed on the way, get Tencent's
// FailedOperation.DecryptSystemError, naming the member and nothing of the data.
func TestEncryptWrongKeyAndTamper(t *testing.T) {
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	for name, setup := range map[string]func(t *testing.T) (*encSetup, *IdCardOCRVerificationRequest, context.Context){
		"Tencent's key, stand-in": func(t *testing.T) (*encSetup, *IdCardOCRVerificationRequest, context.Context) {
			s := newEncSetup(t, nil) // the default: Tencent's published key
			req := &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)}
			ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
			if err != nil {
				t.Fatal(err)
			}
			return s, req, ctx
		},
		"another key": func(t *testing.T) (*encSetup, *IdCardOCRVerificationRequest, context.Context) {
			s := newEncSetup(t, &other.PublicKey)
			req := &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)}
			ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
			if err != nil {
				t.Fatal(err)
			}
			return s, req, ctx
		},
		"tampered IdCard": func(t *testing.T) (*encSetup, *IdCardOCRVerificationRequest, context.Context) {
			s := newEncSetup(t, faceidtest.EncryptionPublicKey())
			req := &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)}
			ctx, err := s.c.EncryptFields(context.Background(), req, "IdCard", "Name")
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := base64.StdEncoding.DecodeString(*req.IdCard)
			raw[len(raw)-1] ^= 0x01 // the padding byte of the last block
			req.IdCard = Ptr(base64.StdEncoding.EncodeToString(raw))
			return s, req, ctx
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, req, ctx := setup(t)
			_, err := s.c.IdCardOCRVerification(ctx, req)
			var ae *transport.APIError
			if !errors.As(err, &ae) || ae.Code != "FailedOperation.DecryptSystemError" {
				t.Fatalf("err = %v; want FailedOperation.DecryptSystemError", err)
			}
			s.noLeak(t, keyOf(t, ctx), []string{encIdCard, encName}, err.Error())
		})
	}
	if TencentEncryptionPublicKey().N.BitLen() != 1024 {
		t.Errorf("Tencent's key is %d bits, want the published 1024", TencentEncryptionPublicKey().N.BitLen())
	}
}

// A tampered, truncated or foreign EncryptedBody gets a clear error, never a panic, and the
// error carries no plaintext.
func TestOpenAnswerTampered(t *testing.T) {
	k := &sessionKey{key: []byte("0123456789abcdefghijklmnopqrstuv"), iv: []byte("fedcba9876543210")}
	other := &sessionKey{key: []byte("vutsrqponmlkjihgfedcba9876543210"), iv: k.iv}
	plain := `{"Result":"Success","IdNum":"` + encIdCard + `","Name":"` + encName + `"}`
	good := k.seal([]byte(plain))
	raw, _ := base64.StdEncoding.DecodeString(good)
	flipped := append([]byte(nil), raw...)
	flipped[len(flipped)-1] ^= 0xff
	req := &CheckIdCardInformationRequest{}
	for _, tt := range []struct {
		name, body string
		key        *sessionKey
		want       string
	}{
		{"good", good, k, ""},
		{"flipped padding", base64.StdEncoding.EncodeToString(flipped), k, "corrupt"},
		{"truncated", base64.StdEncoding.EncodeToString(raw[:len(raw)-3]), k, "whole number"},
		{"not base64", "%%%", k, "base64"},
		{"another key", good, other, "EncryptedBody"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.key.req = req
			ctx := context.WithValue(context.Background(), sessionCtxKey{}, tt.key)
			out := &CheckIdCardInformationResponse{EncryptedBody: tt.body, RequestId: "rid"}
			err := openAnswer(ctx, req, out)
			if tt.want == "" {
				if err != nil || out.IdNum != encIdCard || out.Result != ResultSuccess || out.RequestId != "rid" {
					t.Fatalf("err %v out %+v", err, out)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v; want one mentioning %q", err, tt.want)
			}
			if strings.Contains(err.Error(), encIdCard) || strings.Contains(err.Error(), string(tt.key.key)) {
				t.Errorf("error %q carries the plaintext or the key", err)
			}
		})
	}
	// Another request's context does not open this answer.
	ctx := context.WithValue(context.Background(), sessionCtxKey{}, &sessionKey{req: &CheckIdCardInformationRequest{}, key: k.key, iv: k.iv})
	out := &CheckIdCardInformationResponse{EncryptedBody: good}
	if err := openAnswer(ctx, req, out); err != nil || out.IdNum != "" {
		t.Errorf("a key of another request opened the answer: %v %+v", err, out)
	}
}

// FuzzOpenAnswer: any EncryptedBody and Iv give a value or an error, never a panic.
func FuzzOpenAnswer(f *testing.F) {
	k := &sessionKey{key: []byte("0123456789abcdefghijklmnopqrstuv"), iv: []byte("fedcba9876543210")}
	f.Add(k.seal([]byte(`{"Result":"Success"}`)), "")
	f.Add("AAAAAAAAAAAAAAAAAAAAAA==", "ZmVkY2JhOTg3NjU0MzIxMA==")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, body, iv string) {
		req := &CheckIdCardInformationRequest{}
		k.req = req
		ctx := context.WithValue(context.Background(), sessionCtxKey{}, k)
		out := &CheckIdCardInformationResponse{EncryptedBody: body, Encryption: &Encryption{Iv: iv, EncryptList: []string{"Name", "Text.IdCard"}}, Name: body}
		_ = openAnswer(ctx, req, out)
	})
}

// The helpers refuse what they cannot do, naming it.
func TestEncryptRefusals(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		do     func() error
		substr string
	}{
		{"no Encryption member", func() error { _, err := s.c.EncryptFields(ctx, &GetLiveCodeRequest{}, "X"); return err }, "no Encryption member"},
		{"no fields", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)})
			return err
		}, "name the members"},
		{"unknown field", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)}, "Phone")
			return err
		}, `no string member "Phone"`},
		{"media field", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{ImageBase64: MediaBytes(faceidtest.SampleJPEG())}, "ImageBase64")
			return err
		}, `no string member "ImageBase64"`},
		{"nil field", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{ImageBase64: MediaBytes(faceidtest.SampleJPEG())}, "IdCard")
			return err
		}, "IdCard is nil"},
		{"twice", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)}, "Name", "Name")
			return err
		}, "named twice"},
		{"already encrypted", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName), Encryption: &Encryption{}}, "Name")
			return err
		}, "already set"},
		{"invalid plaintext", func() error {
			_, err := s.c.EncryptFields(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr("44030019900101123x"), Name: Ptr(encName)}, "IdCard")
			return err
		}, "upper-case X"},
		{"nil request", func() error {
			_, err := s.c.EncryptFields(ctx, (*IdCardOCRVerificationRequest)(nil), "IdCard")
			return err
		}, "non-nil request"},
		{"no encrypted answer", func() error {
			_, err := s.c.EncryptResponse(ctx, &IdCardOCRVerificationRequest{IdCard: Ptr(encIdCard), Name: Ptr(encName)})
			return err
		}, "no IsEncryptResponse member"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do()
			if err == nil || !strings.Contains(err.Error(), tt.substr) {
				t.Errorf("err = %v; want one mentioning %q", err, tt.substr)
			}
		})
	}
}

func TestParseEncryptionPublicKey(t *testing.T) {
	k := TencentEncryptionPublicKey()
	b64 := base64.StdEncoding.EncodeToString([]byte(tencentPublicKeyPEM))
	if got, err := ParseEncryptionPublicKey([]byte(b64)); err != nil || !got.Equal(k) {
		t.Errorf("base64 of the PEM: %v", err)
	}
	if k.E != 65537 {
		t.Errorf("exponent %d", k.E)
	}
	for _, bad := range []string{"", "not a key", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"} {
		if _, err := ParseEncryptionPublicKey([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "faceid: ") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
	// The JSON form of an Encryption block is what Tencent's helper sends.
	b, _ := json.Marshal(Encryption{EncryptList: []string{"IdCard"}, CiphertextBlob: "b", Iv: "i", Algorithm: AlgorithmAES256CBC})
	if string(b) != `{"EncryptList":["IdCard"],"CiphertextBlob":"b","Iv":"i","Algorithm":"AES-256-CBC"}` {
		t.Errorf("Encryption JSON %s", b)
	}
}

// EncryptFields encrypts the named members before the call; the call opens an encrypted
// answer. Here against the stand-in, with its public key.
func ExampleClient_EncryptFields() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	c, err := NewClient(Config{
		Credentials:         credentials.Static(faceidtest.DefaultCredentials),
		Endpoint:            srv.URL,
		EncryptionPublicKey: faceidtest.EncryptionPublicKey(), // nil: Tencent's published key
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	req := &IdCardOCRVerificationRequest{IdCard: Ptr("11010119900101001X"), Name: Ptr("张三")}
	ctx, err := c.EncryptFields(context.Background(), req, "IdCard", "Name")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Encryption.EncryptList, req.Encryption.Algorithm, *req.IdCard != "11010119900101001X")
	resp, err := c.IdCardOCRVerification(ctx, req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.Result, resp.Description)
	// Output:
	// [IdCard Name] AES-256-CBC true
	// 0 name and ID match
}

// The encrypted GetFaceIdResult round trip: the app-SDK result comes back as EncryptedBody
// and is opened into the typed response, a failing Result still reaching the caller as a
// *VerificationError.
func TestEncryptResponseGetFaceIdResult(t *testing.T) {
	s := newEncSetup(t, faceidtest.EncryptionPublicKey())
	for _, tt := range []struct{ idCard, result string }{
		{faceidtest.SampleIdCard, "0"},
		{faceidtest.LowSimilarityIdCard, "2016"},
	} {
		tok := sdkToken(t, newClient(t, s.srv, nil), tt.idCard) // minted off the watched wire: it carries the ID in clear
		if err := s.srv.CompleteToken(tok); err != nil {
			t.Fatal(err)
		}
		req := &GetFaceIdResultRequest{FaceIdToken: tok}
		ctx, err := s.c.EncryptResponse(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.c.GetFaceIdResult(ctx, req)
		if resp == nil || resp.Result != tt.result || resp.IdCard != tt.idCard || resp.Extra != "order-7" || resp.EncryptedBody == "" || resp.RequestId == "" {
			t.Fatalf("%s: resp %+v err %v", tt.idCard, resp, err)
		}
		var ve *VerificationError
		if (tt.result == "0") != (err == nil) || (err != nil && (!errors.As(err, &ve) || ve.Result != tt.result)) {
			t.Fatalf("Result %s: err %v", tt.result, err)
		}
		if strings.Contains(s.wire.all(), `"IdCard":"`+tt.idCard) {
			t.Errorf("the ID number crossed the wire in clear")
		}
		s.noLeak(t, keyOf(t, ctx), []string{tt.idCard}, fmt.Sprint(err))
	}
}
