package faceid

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"runtime"
	"testing"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// The benchmarks of this file measure the client's own cost of a whole call, with the network
// replaced by a RoundTripper that answers from memory. Each one runs its floor first, as a
// sub-benchmark of the same run, and reports the call's time as a multiple of it (x-floor);
// the large ones also report the bytes allocated per call as a multiple of the body or answer
// (alloc-x-body, alloc-x-answer). `make bench-sdk` runs the same calls through the vendor SDK.

// benchClient is a Client whose every call is answered with answer.
func benchClient(b testing.TB, answer []byte) *Client {
	b.Helper()
	c, err := NewClient(Config{
		Credentials: credentials.Static(testCreds),
		HTTPClient:  &http.Client{Transport: faceidtest.NewCannedTransport(answer)},
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// nsPerOp is the time per iteration of a finished benchmark loop.
func nsPerOp(b *testing.B) float64 { return float64(b.Elapsed().Nanoseconds()) / float64(b.N) }

// allocMeter measures the bytes a benchmark loop allocates, for ratios testing does not report.
type allocMeter struct{ start uint64 }

func startAllocs() allocMeter {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return allocMeter{ms.TotalAlloc}
}

func (m allocMeter) perOp(b *testing.B) float64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.TotalAlloc-m.start) / float64(b.N)
}

// BenchmarkSmallCall is GetActionSequence through the Client, against the bare signing
// primitives: SHA-256 of the body, SHA-256 of a canonical request of the same length, one
// HMAC-SHA256 of a string to sign of the same length (key derivation cached, as the
// Client's signer caches it).
func BenchmarkSmallCall(b *testing.B) {
	var floor float64
	b.Run("floor=sign-primitives", func(b *testing.B) {
		res, err := tc3.Sign(&tc3.Input{
			Credentials: testCreds, Service: Service, Method: http.MethodPost,
			Host: "faceid.ap-guangzhou.tencentcloudapi.com", ContentType: "application/json",
			Payload: []byte("{}"), Timestamp: 1795750620,
		})
		if err != nil {
			b.Fatal(err)
		}
		body, cr, sts := []byte("{}"), []byte(res.CanonicalRequest), []byte(res.StringToSign)
		key := make([]byte, 32)
		var sink [32]byte
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sink = sha256.Sum256(body)
			sink = sha256.Sum256(cr)
			m := hmac.New(sha256.New, key)
			m.Write(sts)
			m.Sum(sink[:0])
		}
		floor = nsPerOp(b)
	})
	b.Run("faceid", func(b *testing.B) {
		c := benchClient(b, []byte(faceidtest.SmallAnswer))
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r, err := c.GetActionSequence(ctx, &GetActionSequenceRequest{})
			if err != nil || r.ActionSequence != "2,1" {
				b.Fatal(r, err)
			}
		}
		b.StopTimer()
		if floor > 0 {
			b.ReportMetric(nsPerOp(b)/floor, "x-floor")
		}
	})
}

// BenchmarkLivenessCompare sends a 6 MB video and a 1 MiB photo, as raw bytes and as base64
// strings the caller already holds, each next to its floor: for raw bytes, base64 into one
// buffer and one SHA-256; for base64 strings, one copy into a buffer and one SHA-256.
func BenchmarkLivenessCompare(b *testing.B) {
	video, image := faceidtest.BenchMedia()
	video64, image64 := base64.StdEncoding.EncodeToString(video), base64.StdEncoding.EncodeToString(image)
	bodyLen := len(`{"LivenessType":"SILENT","ImageBase64":"","VideoBase64":""}`) + len(video64) + len(image64)
	var sink [32]byte
	var floor float64

	b.Run("raw/floor=base64+sha256", func(b *testing.B) {
		b.SetBytes(int64(bodyLen))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			buf := make([]byte, bodyLen)
			base64.StdEncoding.Encode(buf, video)
			base64.StdEncoding.Encode(buf[len(video64):], image)
			sink = sha256.Sum256(buf)
		}
		floor = nsPerOp(b)
	})
	b.Run("raw/faceid", func(b *testing.B) {
		c := benchClient(b, []byte(faceidtest.LivenessAnswer))
		ctx := context.Background()
		b.SetBytes(int64(bodyLen))
		b.ReportAllocs()
		b.ResetTimer()
		m := startAllocs()
		for i := 0; i < b.N; i++ {
			r, err := c.LivenessCompare(ctx, &LivenessCompareRequest{
				LivenessType: LivenessSilent, ImageBase64: MediaBytes(image), VideoBase64: MediaBytes(video),
			})
			if err != nil || r.Result != "Success" {
				b.Fatal(r, err)
			}
		}
		b.StopTimer()
		b.ReportMetric(m.perOp(b)/float64(bodyLen), "alloc-x-body")
		if floor > 0 {
			b.ReportMetric(nsPerOp(b)/floor, "x-floor")
		}
	})
	b.Run("base64/floor=copy+sha256", func(b *testing.B) {
		b.SetBytes(int64(bodyLen))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			buf := make([]byte, 0, bodyLen)
			buf = append(buf, video64...)
			buf = append(buf, image64...)
			sink = sha256.Sum256(buf)
		}
		floor = nsPerOp(b)
	})
	b.Run("base64/faceid", func(b *testing.B) {
		c := benchClient(b, []byte(faceidtest.LivenessAnswer))
		ctx := context.Background()
		b.SetBytes(int64(bodyLen))
		b.ReportAllocs()
		b.ResetTimer()
		m := startAllocs()
		for i := 0; i < b.N; i++ {
			v, err := MediaBase64(video64)
			if err != nil {
				b.Fatal(err)
			}
			im, err := MediaBase64(image64)
			if err != nil {
				b.Fatal(err)
			}
			r, err := c.LivenessCompare(ctx, &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: im, VideoBase64: v})
			if err != nil || r.Result != "Success" {
				b.Fatal(r, err)
			}
		}
		b.StopTimer()
		b.ReportMetric(m.perOp(b)/float64(bodyLen), "alloc-x-body")
		if floor > 0 {
			b.ReportMetric(nsPerOp(b)/floor, "x-floor")
		}
	})
	_ = sink
}

// BenchmarkGetDetectInfo fetches the 9.3 MB InfoType "0" answer and decodes it to a typed
// DetectInfo, next to the floor: one unmarshal of the envelope, one of the document.
func BenchmarkGetDetectInfo(b *testing.B) {
	answer := faceidtest.DetectInfoAnswer()
	if len(answer) < 9_200_000 || len(answer) > 9_400_000 {
		b.Fatalf("answer is %d bytes, want about 9.3 MB", len(answer))
	}
	var floor float64
	b.Run("floor=2-unmarshals", func(b *testing.B) {
		b.SetBytes(int64(len(answer)))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			var env struct {
				Response struct {
					DetectInfo string
					RequestId  string
				}
			}
			if err := json.Unmarshal(answer, &env); err != nil {
				b.Fatal(err)
			}
			var d DetectInfo
			if err := json.Unmarshal([]byte(env.Response.DetectInfo), &d); err != nil {
				b.Fatal(err)
			}
			if len(d.VideoData.LivenessVideo) != faceidtest.DetectInfoVideoLen {
				b.Fatal(len(d.VideoData.LivenessVideo))
			}
		}
		floor = nsPerOp(b)
	})
	b.Run("faceid", func(b *testing.B) {
		c := benchClient(b, answer)
		ctx := context.Background()
		b.SetBytes(int64(len(answer)))
		b.ReportAllocs()
		b.ResetTimer()
		m := startAllocs()
		for i := 0; i < b.N; i++ {
			r, err := c.GetDetectInfo(ctx, &GetDetectInfoRequest{BizToken: benchBizToken, RuleId: "1", InfoType: &benchInfoType})
			if err != nil {
				b.Fatal(err)
			}
			d, err := r.Decode()
			if err != nil || len(d.VideoData.LivenessVideo) != faceidtest.DetectInfoVideoLen {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		b.ReportMetric(m.perOp(b)/float64(len(answer)), "alloc-x-answer")
		if floor > 0 {
			b.ReportMetric(nsPerOp(b)/floor, "x-floor")
		}
	})
}

var benchBizToken = "CE661F1A-0F1E-45BD-BE13-34C05CEA7681"

var benchInfoType = InfoTypeAll

// TestBenchAnswers keeps the canned answers honest: each decodes through the Client to the
// values put in, so the benchmarks measure successful calls.
func TestBenchAnswers(t *testing.T) {
	answer := faceidtest.DetectInfoAnswer()
	if n := len(answer); n < 9_200_000 || n > 9_400_000 {
		t.Fatalf("GetDetectInfo answer is %d bytes, want about 9.3 MB", n)
	}
	if n := len(faceidtest.SmallAnswer); n != 89 {
		t.Errorf("small answer is %d bytes, want 89", n)
	}
	c := benchClient(t, answer)
	r, err := c.GetDetectInfo(context.Background(), &GetDetectInfoRequest{BizToken: benchBizToken, RuleId: "1", InfoType: &benchInfoType})
	if err != nil {
		t.Fatal(err)
	}
	d, err := r.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if d.Text == nil || d.Text.Name != "张三" || len(d.VideoData.LivenessVideo) != faceidtest.DetectInfoVideoLen || len(d.IdCardData.OcrFront) != faceidtest.DetectInfoIdCardLen {
		t.Fatalf("decoded %+v", d.Text)
	}
	if r.RequestId != faceidtest.DetectInfoRequestId {
		t.Errorf("RequestId %q", r.RequestId)
	}
}
