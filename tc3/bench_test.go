package tc3

import (
	"crypto/hmac"
	"crypto/sha256"
	"testing"
)

// smallBody is a 30-byte FaceID body, the common case on the hot path.
var smallBody = []byte(`{"RuleId":"1","InfoType":"10"}`)

func benchInput(payload []byte) *Input {
	return &Input{
		Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"},
		Service:     "faceid", Method: "POST", Host: "faceid.tencentcloudapi.com",
		ContentType: "application/json", Payload: payload, Timestamp: 1795750620,
	}
}

// BenchmarkSignSmallBaseline is the work no signer can avoid: SHA-256 of the
// body, SHA-256 of a canonical request of the same length, one HMAC-SHA256
// of a string to sign of the same length. BenchmarkSignSmallWarm is measured
// against it.
func BenchmarkSignSmallBaseline(b *testing.B) {
	res, err := Sign(benchInput(smallBody))
	if err != nil {
		b.Fatal(err)
	}
	cr, sts := []byte(res.CanonicalRequest), []byte(res.StringToSign)
	key := make([]byte, 32)
	b.ReportAllocs()
	b.SetBytes(int64(len(smallBody)))
	for i := 0; i < b.N; i++ {
		bodySum := sha256.Sum256(smallBody)
		crSum := sha256.Sum256(cr)
		m := hmac.New(sha256.New, key)
		m.Write(sts)
		_ = m.Sum(nil)
		_, _ = bodySum, crSum
	}
}

// BenchmarkSignSmallWarm signs a 30-byte body with the derived key cached.
func BenchmarkSignSmallWarm(b *testing.B) {
	s := NewSigner(16)
	in := benchInput(smallBody)
	if _, err := s.Authorization(in); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(smallBody)))
	for i := 0; i < b.N; i++ {
		if _, err := s.Authorization(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignSmallCold signs a 30-byte body deriving the key every time.
func BenchmarkSignSmallCold(b *testing.B) {
	var s *Signer
	in := benchInput(smallBody)
	b.ReportAllocs()
	b.SetBytes(int64(len(smallBody)))
	for i := 0; i < b.N; i++ {
		if _, err := s.Authorization(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignSmallFullResult is Sign with every intermediate recorded, the
// debugging path.
func BenchmarkSignSmallFullResult(b *testing.B) {
	in := benchInput(smallBody)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Sign(in); err != nil {
			b.Fatal(err)
		}
	}
}

var big = make([]byte, 8<<20)

// BenchmarkSign8MiBBaseline is one SHA-256 over 8 MiB, what BenchmarkSign8MiB
// is measured against.
func BenchmarkSign8MiBBaseline(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(big)))
	for i := 0; i < b.N; i++ {
		_ = sha256.Sum256(big)
	}
}

// BenchmarkSign8MiB signs an 8 MiB body (warm cache): the body hash dominates.
func BenchmarkSign8MiB(b *testing.B) {
	s := NewSigner(16)
	in := benchInput(big)
	b.ReportAllocs()
	b.SetBytes(int64(len(big)))
	for i := 0; i < b.N; i++ {
		if _, err := s.Authorization(in); err != nil {
			b.Fatal(err)
		}
	}
}
