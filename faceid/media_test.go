package faceid

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// wrapLines breaks s into lines of n characters ending in eol, as `base64 -w n` does.
func wrapLines(s string, n int, eol string) string {
	var b strings.Builder
	for len(s) > n {
		b.WriteString(s[:n])
		b.WriteString(eol)
		s = s[n:]
	}
	b.WriteString(s)
	b.WriteString(eol)
	return b.String()
}

func TestNormalizeBase64(t *testing.T) {
	raw := []byte("a face, in jpeg, probably \xff\xd8\xff\xe0")
	std := base64.StdEncoding.EncodeToString(raw)
	tests := []struct {
		name       string
		in         string
		want       string
		wantOffset int // -1: no error
		wantReason string
	}{
		{"plain", std, std, -1, ""},
		{"empty", "", "", -1, ""},
		{"data uri jpeg", "data:image/jpeg;base64," + std, std, -1, ""},
		{"data uri png upper case", "DATA:image/png;BASE64," + std, std, -1, ""},
		{"data uri video", "data:video/mp4;base64," + std, std, -1, ""},
		{"wrapped LF 76", wrapLines(std+std+std, 76, "\n"), std + std + std, -1, ""},
		{"wrapped CRLF 76", wrapLines(std+std+std, 76, "\r\n"), std + std + std, -1, ""},
		{"data uri and CRLF", "data:image/jpeg;base64," + wrapLines(std, 10, "\r\n"), std, -1, ""},
		{"invalid char", "QUJD*EVG", "", 4, "character '*' is not in the base64 alphabet"},
		// The offset counts the caller's bytes: prefix and line breaks included.
		{"invalid char after line breaks", "data:x;base64,QUJD\r\nQU*D", "", 22, "character '*'"},
		{"url-safe alphabet", "QUJD-_==", "", 4, "URL-safe alphabet"},
		{"space", "QUJD QUJD", "", 4, "whitespace character ' '"},
		{"missing padding", "QUJDRA", "", 6, "length 6 is not a multiple of 4"},
		{"padding in the middle", "QQ==QUJD", "", 2, "'=' padding before the end"},
		{"too much padding", "Q===", "", 1, "'=' padding before the end"},
		{"non-canonical double pad", "QR==", "", 1, "non-zero bits before '=='"},
		{"non-canonical single pad", "QUJ=", "", 2, "non-zero bits before '='"},
		{"data uri not base64", "data:text/plain," + std, "", 0, "not \";base64,\"-encoded"},
		{"data uri without comma", "data:image/png;base64", "", 0, "without the ','"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := normalizeBase64(tt.in)
			if tt.wantOffset < 0 {
				if err != nil {
					t.Fatalf("normalizeBase64: %v", err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("normalised (-want +got):\n%s", diff)
				}
				return
			}
			if err == nil {
				t.Fatalf("normalizeBase64(%q) = %q, want an error", tt.in, got)
			}
			if err.Offset != tt.wantOffset || !strings.Contains(err.Reason, tt.wantReason) {
				t.Errorf("error = offset %d %q, want offset %d containing %q", err.Offset, err.Reason, tt.wantOffset, tt.wantReason)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "faceid: invalid base64 at byte ") || !strings.HasSuffix(msg, "; send standard base64 with padding, without a data: prefix") {
				t.Errorf("message %q lacks the prefix or the fix", msg)
			}
		})
	}
}

func TestNormalizeBase64Testdata(t *testing.T) {
	raw, err := os.ReadFile("testdata/media301.bin")
	if err != nil {
		t.Fatal(err)
	}
	want := base64.StdEncoding.EncodeToString(raw)
	// media301.b64 is `base64 -w 76` output; the other file adds a data URI header and CRLF.
	for _, name := range []string{"testdata/media301.b64", "testdata/media301-datauri-crlf.b64"} {
		in, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := MediaBase64(string(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := m.Base64()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s normalised (-want +got):\n%s", name, diff)
		}
		dec, err := m.Bytes()
		if err != nil || !bytes.Equal(dec, raw) {
			t.Errorf("%s: Bytes() = %d bytes, %v; want the raw file", name, len(dec), err)
		}
	}
}

func TestMediaBase64Errors(t *testing.T) {
	for _, in := range []string{"", "data:image/png;base64,", "\r\n"} {
		m, err := MediaBase64(in)
		var be *Base64Error
		if !errors.As(err, &be) || !strings.Contains(be.Reason, "empty") {
			t.Errorf("MediaBase64(%q) error = %v, want an empty-value *Base64Error", in, err)
		}
		if m.IsZero() {
			t.Errorf("MediaBase64(%q) returned the zero Media; it must carry the error", in)
		}
	}

	// An invalid value used anyway is reported by Validate with the field's name.
	bad, err := MediaBase64("QUJD*EVG")
	if err == nil {
		t.Fatal("want an error")
	}
	req := &LivenessCompareRequest{LivenessType: LivenessSilent, ImageUrl: Ptr("https://example.com/a.jpg"), VideoBase64: bad}
	verr := req.Validate()
	want := "faceid: LivenessCompareRequest.VideoBase64: invalid base64 at byte 4: character '*' is not in the base64 alphabet; send standard base64 with padding, without a data: prefix"
	if verr == nil || verr.Error() != want {
		t.Errorf("Validate() = %v\nwant %s", verr, want)
	}
	var fe *FieldError
	var be *Base64Error
	if !errors.As(verr, &fe) || fe.Field != "VideoBase64" || !errors.As(verr, &be) || be.Offset != 4 {
		t.Errorf("Validate() error does not unwrap to *FieldError{Field: VideoBase64} and *Base64Error: %#v", verr)
	}
	// The encoder refuses it too, with the same message.
	if _, err := encodeBody(req, 0); err == nil || err.Error() != want {
		t.Errorf("encodeBody error = %v\nwant %s", err, want)
	}
}

func TestMediaReader(t *testing.T) {
	raw := []byte("\x00\x01\x02 mp4 bytes")
	m, err := MediaReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := m.Bytes()
	if !bytes.Equal(got, raw) || m.EncodedLen() != base64.StdEncoding.EncodedLen(len(raw)) {
		t.Errorf("MediaReader: bytes %q, EncodedLen %d", got, m.EncodedLen())
	}

	if _, err := MediaReader(nil); err == nil {
		t.Error("MediaReader(nil): want an error")
	}
	if _, err := MediaReader(iotestErrReader{}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("MediaReader(failing) = %v, want the read error", err)
	}
	big := io.LimitReader(zeroReader{}, maxMediaReaderBytes+1)
	if _, err := MediaReader(big); err == nil || !strings.Contains(err.Error(), "TC3 body limit") {
		t.Errorf("MediaReader(7.5 MiB + 1) = %v, want the size error", err)
	}
	exact, err := MediaReader(io.LimitReader(zeroReader{}, maxMediaReaderBytes))
	if err != nil || exact.EncodedLen() != bodyLimitTC3 {
		t.Errorf("MediaReader(7.5 MiB) = EncodedLen %d, %v; want %d, nil", exact.EncodedLen(), err, bodyLimitTC3)
	}
}

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestMediaEncodedLen(t *testing.T) {
	b64, _ := MediaBase64("QUJDRA==")
	tests := []struct {
		name string
		m    Media
		want int
	}{
		{"zero", Media{}, 0},
		{"raw 0", MediaBytes(nil), 0},
		{"raw 1", MediaBytes([]byte{1}), 4},
		{"raw 3", MediaBytes([]byte{1, 2, 3}), 4},
		{"raw 4", MediaBytes([]byte{1, 2, 3, 4}), 8},
		{"raw 1 MiB", MediaBytes(make([]byte, 1<<20)), 1398104},
		{"base64", b64, 8},
	}
	for _, tt := range tests {
		if got := tt.m.EncodedLen(); got != tt.want {
			t.Errorf("%s: EncodedLen() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestMediaNeverPrinted keeps faces out of logs: fmt shows only sizes.
func TestMediaNeverPrinted(t *testing.T) {
	secret := "U0VDUkVURkFDRQ=="
	b64, _ := MediaBase64(secret)
	req := LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: b64, VideoBase64: MediaBytes([]byte("SECRETFACE"))}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, req)
		if strings.Contains(out, secret) || strings.Contains(out, "SECRETFACE") || strings.Contains(out, "U0VDUkVU") {
			t.Errorf("%s printed the media: %s", format, out)
		}
	}
	if got, want := b64.String(), "faceid.Media(16 base64 bytes)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestMediaJSON(t *testing.T) {
	m := MediaBytes([]byte("abc"))
	b, err := json.Marshal(m)
	if err != nil || string(b) != `"YWJj"` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	if b, _ := json.Marshal(Media{}); string(b) != "null" {
		t.Errorf("Marshal(zero) = %s, want null", b)
	}
	var back Media
	if err := json.Unmarshal([]byte(`"data:image/png;base64,YWJj"`), &back); err != nil {
		t.Fatal(err)
	}
	if s, _ := back.Base64(); s != "YWJj" {
		t.Errorf("Unmarshal gave %q", s)
	}
	if err := json.Unmarshal([]byte(`"YW*j"`), &back); err == nil {
		t.Error("Unmarshal of invalid base64: want an error")
	}
	if err := json.Unmarshal([]byte(`12`), &back); err == nil {
		t.Error("Unmarshal of a number: want an error")
	}
}

// FuzzNormalizeBase64 checks that normalising never panics, agrees with the standard library's
// strict decoder, yields valid base64 and is idempotent, and that raw bytes survive a round trip
// through a wrapped data URI.
func FuzzNormalizeBase64(f *testing.F) {
	f.Add("QUJD", []byte("abc"))
	f.Add("data:image/jpeg;base64,QUJD\r\nRA==\n", []byte{0xff, 0xd8})
	f.Add("QR==", []byte{})
	f.Add("QQ==QUJD", []byte{0})
	f.Add("-_==", []byte("\x00\x00\x00\x00"))
	f.Add("data:,", []byte("x"))
	f.Fuzz(func(t *testing.T, s string, raw []byte) {
		n, err := normalizeBase64(s)
		if err == nil {
			if strings.ContainsAny(n, "\r\n") {
				t.Fatalf("normalised %q still has a line break", n)
			}
			if _, derr := base64.StdEncoding.Strict().DecodeString(n); derr != nil {
				t.Fatalf("normalised %q does not decode: %v", n, derr)
			}
			again, err2 := normalizeBase64(n)
			if err2 != nil || again != n {
				t.Fatalf("not idempotent: %q -> %q, %v", n, again, err2)
			}
		} else if err.Offset < 0 || err.Offset > len(s) {
			t.Fatalf("offset %d outside the input of %d bytes", err.Offset, len(s))
		}
		// Oracle: without a data URI header, validity must match Strict decoding, which also
		// skips CR and LF.
		if start, perr := dataURIPrefixLen(s); perr == nil {
			_, derr := base64.StdEncoding.Strict().DecodeString(s[start:])
			if (derr == nil) != (err == nil) {
				t.Fatalf("normalizeBase64(%q) error %v, but strict decoding says %v", s, err, derr)
			}
		}

		enc := base64.StdEncoding.EncodeToString(raw)
		wrapped := "data:application/octet-stream;base64," + wrapLines(enc, 76, "\r\n")
		n2, err := normalizeBase64(wrapped)
		if err != nil || n2 != enc {
			t.Fatalf("round trip of %d bytes: %q, %v", len(raw), n2, err)
		}
		m := MediaBytes(raw)
		if m.EncodedLen() != len(enc) {
			t.Fatalf("EncodedLen %d, want %d", m.EncodedLen(), len(enc))
		}
		if got := string(m.appendBase64(nil)); got != enc {
			t.Fatalf("appendBase64 = %q, want %q", got, enc)
		}
	})
}

func TestMediaNormalisedOnTheWire(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	video, err := MediaBase64("data:video/mp4;base64," + wrap(mp4B64(), 16, "\r\n"))
	if err != nil {
		t.Fatalf("MediaBase64: %v", err)
	}
	image, err := MediaBase64("data:image/jpeg;base64," + wrap(jpegB64(), 76, "\n"))
	if err != nil {
		t.Fatalf("MediaBase64: %v", err)
	}
	resp, err := c.LivenessCompare(context.Background(), &LivenessCompareRequest{
		LivenessType: LivenessSilent, ImageBase64: image, VideoBase64: video,
	})
	if err != nil {
		t.Fatalf("LivenessCompare: %v", err)
	}
	if resp.Result != ResultSuccess {
		t.Errorf("Result %q", resp.Result)
	}
	rec := only(t, srv)
	for field, want := range map[string][]byte{"VideoBase64": faceidtest.SampleMP4(), "ImageBase64": faceidtest.SampleJPEG()} {
		sent, _ := sentBodyField(t, rec, field).(string)
		if strings.ContainsAny(sent, "\r\n:,") {
			t.Errorf("%s sent with a header or line breaks: %.60q", field, sent)
		}
		raw, err := base64.StdEncoding.Strict().DecodeString(sent)
		if err != nil || !bytes.Equal(raw, want) {
			t.Errorf("%s sent does not decode to the original bytes (err %v)", field, err)
		}
	}

	// An io.Reader works too.
	srv.Reset()
	m, err := MediaReader(bytes.NewReader(faceidtest.SampleMP4()))
	if err != nil {
		t.Fatal(err)
	}
	r := validLivenessRecognition()
	r.VideoBase64 = m
	if _, err := c.LivenessRecognition(context.Background(), r); err != nil {
		t.Fatalf("LivenessRecognition with MediaReader: %v", err)
	}
	if sent := sentBodyField(t, only(t, srv), "VideoBase64"); sent != mp4B64() {
		t.Errorf("MediaReader video sent wrongly")
	}
}

func TestInvalidBase64NamesTheField(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	for _, bad := range []string{
		"not base64!",
		strings.ReplaceAll(strings.ReplaceAll(mp4B64(), "+", "-"), "/", "_") + "-_",
		strings.TrimRight(mp4B64(), "="),
		"data:video/mp4," + mp4B64(),
		"data:video/mp4;base64,",
	} {
		m, err := MediaBase64(bad)
		var be *Base64Error
		if !errors.As(err, &be) {
			t.Errorf("MediaBase64(%.30q) = %v; want a *Base64Error", bad, err)
			continue
		}
		r := validLivenessCompare()
		r.VideoBase64 = m
		_, err = c.LivenessCompare(context.Background(), r)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "VideoBase64" || !strings.Contains(err.Error(), "VideoBase64") || !errors.As(err, &be) {
			t.Errorf("LivenessCompare with invalid VideoBase64 %.30q: %v; want a FieldError naming VideoBase64 wrapping the Base64Error", bad, err)
		}
		noSecret(t, err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests", n)
	}
}

func TestMediaSizeLimits(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	// Each within its own limit, together over the 10 MiB TC3 body.
	video := MediaBytes(make([]byte, 6_291_456)) // 8,388,608 bytes encoded: 8 MiB
	image := MediaBytes(make([]byte, 2_359_296)) // 3,145,728 bytes encoded: 3 MiB
	if video.EncodedLen() != 8<<20 || image.EncodedLen() != 3<<20 {
		t.Fatalf("encoded lengths %d, %d", video.EncodedLen(), image.EncodedLen())
	}
	_, err := c.LivenessCompare(ctx, &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: image, VideoBase64: video})
	noSecret(t, err)
	var tooBig *BodyTooLargeError
	if !errors.As(err, &tooBig) {
		t.Fatalf("err = %v; want a *BodyTooLargeError", err)
	}
	if tooBig.Limit != 10485760 || tooBig.Size <= 11_000_000 || !strings.Contains(err.Error(), "over the 10485760-byte") {
		t.Errorf("error %q (Size %d, Limit %d); want it to say the body is over the 10485760-byte limit", err, tooBig.Size, tooBig.Limit)
	}
	for _, alt := range []string{"ImageUrl", "VideoUrl"} {
		if !strings.Contains(err.Error(), alt) {
			t.Errorf("error %q does not suggest %s", err, alt)
		}
	}

	// One over a per-field limit is named.
	overVideo, err := MediaBase64(strings.Repeat("AAAA", 2_097_153)) // 8,388,612 bytes
	if err != nil {
		t.Fatal(err)
	}
	r := validLivenessRecognition()
	r.VideoBase64 = overVideo
	_, err = c.LivenessRecognition(ctx, r)
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "VideoBase64" || !strings.Contains(err.Error(), "8388608-byte limit") {
		t.Errorf("8,388,612-byte video: %v; want a FieldError naming VideoBase64 and the 8388608-byte limit", err)
	}
	ir := validImageRecognition()
	ir.ImageBase64 = MediaBytes(make([]byte, 2_359_299)) // 3,145,732 bytes encoded
	_, err = c.ImageRecognition(ctx, ir)
	if !errors.As(err, &fe) || fe.Field != "ImageBase64" || !strings.Contains(err.Error(), "3145728-byte limit") {
		t.Errorf("3,145,732-byte image: %v; want a FieldError naming ImageBase64 and the 3145728-byte limit", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests; oversize media must be refused before sending", n)
	}

	// A video through its Url keeps the body small.
	lc, err := c.LivenessCompare(ctx, &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: image, VideoUrl: Ptr("https://example.com/v.mp4")})
	if err == nil || errors.As(err, &tooBig) {
		// Zero bytes are not a JPEG: the stand-in refuses the photo, but only after it was sent.
		t.Errorf("LivenessCompare with VideoUrl: resp %v err %v; want the stand-in's refusal of the photo", lc, err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// ---------------------------------------------------------------------------
// Credentials
