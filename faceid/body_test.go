package faceid

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var stringPtrType = reflect.TypeOf((*string)(nil))

// naiveMarshal is the reference encoding: json.Marshal of a mirror of req's struct, built with
// reflect.StructOf so it has no MarshalJSON, in which every Media field is an omitempty *string
// holding base64.StdEncoding.EncodeToString of the media.
func naiveMarshal(t testing.TB, req Request) []byte {
	t.Helper()
	v := reflect.ValueOf(req).Elem()
	fields := make([]reflect.StructField, v.NumField())
	for i := range fields {
		sf := v.Type().Field(i)
		fields[i] = reflect.StructField{Name: sf.Name, Type: sf.Type, Tag: sf.Tag}
		if sf.Type == mediaType {
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			fields[i].Type = stringPtrType
			fields[i].Tag = reflect.StructTag(`json:"` + name + `,omitempty"`)
		}
	}
	mirror := reflect.New(reflect.StructOf(fields)).Elem()
	for i := range fields {
		f := v.Field(i)
		if f.Type() == mediaType {
			m := f.Interface().(Media)
			if m.IsZero() {
				continue
			}
			raw, err := m.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			s := base64.StdEncoding.EncodeToString(raw)
			mirror.Field(i).Set(reflect.ValueOf(&s))
			continue
		}
		mirror.Field(i).Set(f)
	}
	b, err := json.Marshal(mirror.Interface())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bodyCases are requests of every type: fully set, minimal, with pointers to zero values and
// with base64-string media.
func bodyCases() map[string]Request {
	cases := map[string]Request{}
	for _, r := range fullRequests() {
		cases[r.Action()+" full"] = r
	}
	b64img, _ := MediaBase64("data:image/png;base64,iVBORw0K\r\nGgo=")
	b64vid, _ := MediaBase64("AAAAGGZ0eXBtcDQy")
	cases["DetectAuth minimal"] = &DetectAuthRequest{RuleId: "0"}
	cases["DetectAuth empty strings"] = &DetectAuthRequest{RuleId: "0", Extra: Ptr(""), Name: Ptr(""), IntentionQuestions: []IntentionQuestion{}}
	cases["DetectAuth base64 photo"] = &DetectAuthRequest{RuleId: "0", ImageBase64: b64img}
	cases["GetDetectInfo minimal"] = &GetDetectInfoRequest{BizToken: "t", RuleId: "r"}
	cases["GetDetectInfoEnhanced zeros"] = &GetDetectInfoEnhancedRequest{BizToken: "t", RuleId: "r", BestFramesCount: Ptr(uint64(0)), IsEncrypt: Ptr(false), Encryption: &Encryption{}}
	cases["GetActionSequence minimal"] = &GetActionSequenceRequest{}
	cases["ImageRecognition base64"] = &ImageRecognitionRequest{IdCard: "1", Name: "<&>", ImageBase64: b64img}
	cases["LivenessCompare urls"] = &LivenessCompareRequest{LivenessType: LivenessSilent, ImageUrl: Ptr("https://e.com/a?x=1&y=2"), VideoUrl: Ptr("https://e.com/v")}
	cases["LivenessCompare mixed"] = &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: b64img, VideoBase64: MediaBytes(make([]byte, 1000))}
	cases["LivenessCompare base64 video"] = &LivenessCompareRequest{LivenessType: LivenessAction, ValidateData: Ptr("1,2"), ImageBase64: MediaBytes([]byte{1, 2}), VideoBase64: b64vid}
	cases["LivenessCompare empty raw"] = &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: MediaBytes([]byte{}), VideoUrl: Ptr("https://e.com/v")}
	cases["LivenessRecognition minimal"] = &LivenessRecognitionRequest{IdCard: "1", Name: "n", LivenessType: LivenessSilent, VideoBase64: b64vid}
	return cases
}

// TestEncodeBodyMatchesNaive checks the one-pass encoder against json.Marshal with base64
// strings, as parsed JSON, for every Request type.
func TestEncodeBodyMatchesNaive(t *testing.T) {
	for name, req := range bodyCases() {
		t.Run(name, func(t *testing.T) {
			got, err := encodeBody(req, bodyLimitTC3)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != cap(got) {
				t.Errorf("body is %d bytes in a %d-byte buffer; it must be sized exactly up front", len(got), cap(got))
			}
			var gotV, wantV any
			if err := json.Unmarshal(got, &gotV); err != nil {
				t.Fatalf("body is not valid JSON: %v\n%s", err, got)
			}
			want := naiveMarshal(t, req)
			if err := json.Unmarshal(want, &wantV); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantV, gotV); diff != "" {
				t.Errorf("body (-naive +ours):\n%s", diff)
			}
			// The encoder keeps the struct's field order, so the bytes match too.
			if string(got) != string(want) {
				t.Errorf("bytes differ:\nnaive %s\nours  %s", want, got)
			}
		})
	}
}

func TestEncodeBodyLimit(t *testing.T) {
	// An 8M video plus a 3M photo, both at their own limits, is over 10 MiB of JSON.
	req := &LivenessCompareRequest{
		LivenessType: LivenessSilent,
		ImageBase64:  MediaBytes(make([]byte, 2_250_000)),
		VideoBase64:  MediaBytes(make([]byte, 6_000_000)),
	}
	if err := req.Validate(); err != nil {
		t.Fatalf("each medium is within its own limit, Validate() = %v", err)
	}
	full, err := encodeBody(req, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = encodeBody(req, bodyLimitTC3)
	var tl *BodyTooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("encodeBody = %v, want a *BodyTooLargeError", err)
	}
	want := "faceid: LivenessCompareRequest body is 11000059 bytes, over the 10485760-byte TC3 limit; send the media through ImageUrl/VideoUrl instead of base64, or shrink or recompress the media"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
	if tl.Size != len(full) {
		t.Errorf("reported size %d, real body %d", tl.Size, len(full))
	}

	// v1 limit, and a Request with no URL alternative.
	small := &DetectAuthRequest{RuleId: "1", ImageBase64: MediaBytes(make([]byte, 800_000))}
	_, err = encodeBody(small, bodyLimitV1)
	if err == nil || !strings.Contains(err.Error(), "over the 1048576-byte v1 (HmacSHA1/HmacSHA256) limit; shrink or recompress the media") {
		t.Errorf("v1: %v", err)
	}
	// Exactly at the limit passes.
	exact, _ := encodeBody(small, 0)
	if _, err := encodeBody(small, len(exact)); err != nil {
		t.Errorf("body of exactly the limit: %v", err)
	}
	if _, err := encodeBody(small, len(exact)-1); err == nil {
		t.Error("one byte over the limit: want an error")
	}
	if _, err := encodeBody((*LivenessCompareRequest)(nil), 0); err == nil {
		t.Error("nil Request: want an error")
	}
}

// TestEncodeBodyAllocations checks that a 6 MiB video and 1 MiB photo are encoded with about
// one body's worth of allocation: no intermediate base64 strings.
func TestEncodeBodyAllocations(t *testing.T) {
	req := benchRequest()
	body, err := encodeBody(req, bodyLimitTC3)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	body2, err := encodeBody(req, bodyLimitTC3)
	runtime.ReadMemStats(&after)
	if err != nil || len(body2) != len(body) {
		t.Fatal(err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; float64(alloc) > 1.05*float64(len(body)) {
		t.Errorf("encoding a %d-byte body allocated %d bytes, want at most 1.05x", len(body), alloc)
	}
}

// benchRequest is LivenessCompare with a 6 MiB raw video and a 1 MiB raw photo, random bytes.
func benchRequest() *LivenessCompareRequest {
	rng := rand.New(rand.NewPCG(1, 2))
	video := make([]byte, 6<<20)
	image := make([]byte, 1<<20)
	for _, b := range [][]byte{video, image} {
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
	}
	return &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: MediaBytes(image), VideoBase64: MediaBytes(video)}
}

var benchSink [32]byte

// BenchmarkLivenessCompareBody builds the body and hashes it once, as the client and the
// transport do per call.
func BenchmarkLivenessCompareBody(b *testing.B) {
	req := benchRequest()
	b.SetBytes(int64(len(req.VideoBase64.raw) + len(req.ImageBase64.raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body, err := encodeBody(req, bodyLimitTC3)
		if err != nil {
			b.Fatal(err)
		}
		benchSink = sha256.Sum256(body)
	}
}

// BenchmarkLivenessCompareBodyBaseline is the floor to compare with: only base64-encoding the
// same media, each into one buffer allocated for it, and one SHA-256 over the encoded bytes.
func BenchmarkLivenessCompareBodyBaseline(b *testing.B) {
	req := benchRequest()
	video, image := req.VideoBase64.raw, req.ImageBase64.raw
	b.SetBytes(int64(len(video) + len(image)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// The floor: encode each medium once into a buffer of its own (no
		// string copy), then hash the encoded bytes once.
		v := make([]byte, base64.StdEncoding.EncodedLen(len(video)))
		base64.StdEncoding.Encode(v, video)
		im := make([]byte, base64.StdEncoding.EncodedLen(len(image)))
		base64.StdEncoding.Encode(im, image)
		h := sha256.New()
		h.Write(v)
		h.Write(im)
		h.Sum(benchSink[:0])
	}
}

// BenchmarkLivenessCompareBodyNaive is what the one-pass encoder replaces: json.Marshal of the
// Request with base64 strings, then the hash.
func BenchmarkLivenessCompareBodyNaive(b *testing.B) {
	req := benchRequest()
	b.SetBytes(int64(len(req.VideoBase64.raw) + len(req.ImageBase64.raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchSink = sha256.Sum256(naiveMarshal(b, req))
	}
}
