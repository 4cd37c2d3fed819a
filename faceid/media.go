package faceid

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Media limits, measured on the base64 text as FaceID measures them
// (https://cloud.tencent.com/document/product/1007/33464).
//
// The documentation writes "3M" and "8M" without saying whether M is 10^6 or 2^20 bytes.
// The client must never refuse what the gateway may accept (the official SDK sends an
// 8,388,608-byte video), so Validate reads them as binary: 3 MiB and 8 MiB. A field between
// the two readings goes out, and a refusal of it is the gateway's, with its own error code.
// The 10 MiB TC3 body limit is exact (https://cloud.tencent.com/document/product/1278/46710).
const (
	// MaxImageBase64Len is the longest base64 photo (ImageBase64) accepted: "3M" (3 MiB) after encoding.
	MaxImageBase64Len = 3 << 20
	// MaxVideoBase64Len is the longest base64 video (VideoBase64) accepted: "8M" (8 MiB) after encoding.
	MaxVideoBase64Len = 8 << 20
)

// maxMediaReaderBytes caps MediaReader: raw media larger than this cannot fit in a TC3 body
// (https://cloud.tencent.com/document/product/1278/46710) once base64 grows it by 4/3.
const maxMediaReaderBytes = bodyLimitTC3 / 4 * 3

type mediaKind uint8

const (
	mediaNone   mediaKind = iota // zero value: the field is absent
	mediaRaw                     // raw bytes, base64-encoded by us while building the body
	mediaBase64                  // an already-encoded, normalised and validated base64 string
)

// Media is a photo or video for a FaceID request field such as ImageBase64 or VideoBase64.
//
// It holds either raw bytes, which the body encoder base64-encodes straight into the request
// buffer, or a base64 string the caller already has, normalised and validated once. The zero
// Media means "field absent" and is left out of the request body.
//
// Media never prints its content: fmt verbs show only its kind and size, so a request logged by
// mistake does not leak a face.
type Media struct {
	kind mediaKind
	raw  []byte
	b64  string
	err  *Base64Error // set when MediaBase64 rejected the input; reported by Validate
}

// MediaBytes returns a Media for raw (not yet base64-encoded) bytes such as a JPEG or MP4 file.
//
// The slice is not copied: do not modify it until the request has been sent.
func MediaBytes(raw []byte) Media {
	return Media{kind: mediaRaw, raw: raw}
}

// MediaReader reads r to EOF once and returns the bytes as a Media.
//
// It refuses more than 7864320 bytes (7.5 MiB): their base64 form could not fit in the 10 MiB
// TC3 request body (https://cloud.tencent.com/document/product/1278/46710), so such media must go through a URL field.
func MediaReader(r io.Reader) (Media, error) {
	if r == nil {
		return Media{}, errors.New("faceid: MediaReader: nil reader")
	}
	raw, err := io.ReadAll(io.LimitReader(r, maxMediaReaderBytes+1))
	if err != nil {
		return Media{}, fmt.Errorf("faceid: MediaReader: %w", err)
	}
	if len(raw) > maxMediaReaderBytes {
		return Media{}, fmt.Errorf("faceid: MediaReader: media is over %d bytes; its base64 form cannot fit in the %d-byte TC3 body limit; send it through ImageUrl/VideoUrl or shrink it", maxMediaReaderBytes, bodyLimitTC3)
	}
	return Media{kind: mediaRaw, raw: raw}, nil
}

// MediaBase64 returns a Media for an already base64-encoded photo or video.
//
// It normalises s as FaceID asks (https://cloud.tencent.com/document/product/1007/33464): a leading data URI header such as
// "data:image/jpeg;base64," is removed, and so is every '\r' and '\n' (as written by
// `base64 -w 76`). The rest must be standard base64 with '=' padding (RFC 4648, not URL-safe,
// canonical padding bits). On failure the returned error is a *Base64Error, and the returned
// Media carries the same error so that Validate reports it with the field name if the caller
// uses it anyway.
func MediaBase64(s string) (Media, error) {
	n, err := normalizeBase64(s)
	if err != nil {
		return Media{kind: mediaBase64, err: err}, err
	}
	if n == "" {
		err := &Base64Error{Offset: len(s), Reason: "the value is empty"}
		return Media{kind: mediaBase64, err: err}, err
	}
	return Media{kind: mediaBase64, b64: n}, nil
}

// IsZero reports whether m is the zero Media, which leaves its field out of the request.
func (m Media) IsZero() bool { return m.kind == mediaNone }

// EncodedLen returns the length of m's base64 form in bytes, the size FaceID's limits are
// measured on (https://cloud.tencent.com/document/product/1007/33464). It is 0 for the zero Media and for invalid input.
func (m Media) EncodedLen() int {
	switch m.kind {
	case mediaRaw:
		return base64.StdEncoding.EncodedLen(len(m.raw))
	case mediaBase64:
		return len(m.b64)
	}
	return 0
}

// Bytes returns the raw media bytes, decoding the base64 form if that is what m holds.
//
// For media made with MediaBytes or MediaReader it returns the held slice without copying.
func (m Media) Bytes() ([]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	switch m.kind {
	case mediaRaw:
		return m.raw, nil
	case mediaBase64:
		return base64.StdEncoding.Strict().DecodeString(m.b64)
	}
	return nil, nil
}

// Base64 returns m's base64 form as a new string.
//
// It allocates the whole encoded text; the body encoder does not use it, it writes the
// encoding straight into the request buffer.
func (m Media) Base64() (string, error) {
	if m.err != nil {
		return "", m.err
	}
	if m.kind == mediaRaw {
		return base64.StdEncoding.EncodeToString(m.raw), nil
	}
	return m.b64, nil
}

// String describes m without its content, so that logging a request never prints a face.
func (m Media) String() string {
	switch {
	case m.err != nil:
		return "faceid.Media(invalid base64)"
	case m.kind == mediaRaw:
		return fmt.Sprintf("faceid.Media(%d raw bytes, %d base64 bytes)", len(m.raw), m.EncodedLen())
	case m.kind == mediaBase64:
		return fmt.Sprintf("faceid.Media(%d base64 bytes)", len(m.b64))
	}
	return "faceid.Media(none)"
}

// MarshalJSON writes m as a JSON string holding its base64 form, or null for the zero Media.
//
// Request types do not go through it: their MarshalJSON uses the one-pass body encoder, which
// also leaves a zero Media out instead of writing null.
func (m Media) MarshalJSON() ([]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	if m.kind == mediaNone {
		return []byte("null"), nil
	}
	b := make([]byte, 0, m.EncodedLen()+2)
	b = append(b, '"')
	b = m.appendBase64(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string through MediaBase64; null gives the zero Media.
// It lets a test server decode request bodies into this package's request types.
func (m *Media) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*m = Media{}
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("faceid: media must be a JSON string: %w", err)
	}
	v, err := MediaBase64(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// appendBase64 appends m's base64 form to dst, encoding raw bytes in place in dst's spare
// capacity when there is enough (the body encoder sizes dst up front so there always is).
func (m Media) appendBase64(dst []byte) []byte {
	switch m.kind {
	case mediaRaw:
		n := len(dst)
		need := base64.StdEncoding.EncodedLen(len(m.raw))
		if cap(dst)-n < need {
			grown := make([]byte, n, n+need)
			copy(grown, dst)
			dst = grown
		}
		dst = dst[:n+need]
		base64.StdEncoding.Encode(dst[n:], m.raw)
		return dst
	case mediaBase64:
		return append(dst, m.b64...)
	}
	return dst
}

// Base64Error reports base64 media that FaceID would reject (https://cloud.tencent.com/document/product/1007/33464).
type Base64Error struct {
	// Offset is the byte offset of the problem in the string the caller passed (data URI header
	// and line breaks included).
	Offset int
	// Reason says what is wrong at Offset.
	Reason string
}

func (e *Base64Error) Error() string {
	return "faceid: " + e.detail()
}

// detail is the message without the package prefix, for use after a field name.
func (e *Base64Error) detail() string {
	return fmt.Sprintf("invalid base64 at byte %d: %s; send standard base64 with padding, without a data: prefix", e.Offset, e.Reason)
}

// base64Value maps a byte to its 6-bit value in the standard alphabet, or 0xFF.
var base64Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xFF
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = byte(i)
	}
	return t
}()

// normalizeBase64 strips a data URI header and every CR and LF from s, then checks that the rest
// is canonical, padded standard base64. It allocates only when s contains line breaks.
// The empty string is valid here; MediaBase64 rejects it separately.
//
// The common case, no line breaks, is checked in one pass over s: the check stops at the first
// byte outside the alphabet, and only then is s searched for line breaks to strip.
func normalizeBase64(s string) (string, *Base64Error) {
	start, err := dataURIPrefixLen(s)
	if err != nil {
		return "", err
	}
	body := s[start:]
	off, reason := checkBase64(body)
	if reason == "" {
		return body, nil
	}
	if strings.ContainsAny(body[off:], "\r\n") {
		var b strings.Builder
		b.Grow(len(body))
		b.WriteString(body[:off]) // no line break before off
		for i := off; i < len(body); i++ {
			if c := body[i]; c != '\r' && c != '\n' {
				b.WriteByte(c)
			}
		}
		body = b.String()
		off, reason = checkBase64(body)
	}
	if reason != "" {
		return "", &Base64Error{Offset: inputOffset(s, start, off), Reason: reason}
	}
	return body, nil
}

// dataURIPrefixLen returns the length of a leading "data:<mime>;base64," header, or 0.
// A data URI that is not base64-encoded is an error rather than silently invalid data.
func dataURIPrefixLen(s string) (int, *Base64Error) {
	if len(s) < 5 || !strings.EqualFold(s[:5], "data:") {
		return 0, nil
	}
	comma := strings.IndexByte(s, ',')
	if comma < 0 {
		return 0, &Base64Error{Offset: 0, Reason: `a "data:" header without the ',' that ends it`}
	}
	const marker = ";base64"
	head := s[:comma]
	if len(head) < len(marker) || !strings.EqualFold(head[len(head)-len(marker):], marker) {
		return 0, &Base64Error{Offset: 0, Reason: `a "data:" URI that is not ";base64,"-encoded`}
	}
	return comma + 1, nil
}

// inputOffset maps off, an offset in the normalised text, back to an offset in the caller's s.
func inputOffset(s string, start, off int) int {
	kept := 0
	for i := start; i < len(s); i++ {
		if s[i] == '\r' || s[i] == '\n' {
			continue
		}
		if kept == off {
			return i
		}
		kept++
	}
	return len(s)
}

// checkBase64 validates s as base64.StdEncoding.Strict() would decode it with no line breaks,
// without allocating. It returns the offset and a description of the first problem, or "".
func checkBase64(s string) (int, string) {
	n := len(s)
	// Fast scan, 8 bytes at a time: a valid byte maps to a value under 64, an invalid one to
	// 0xFF, so the OR of eight lookups has its top bit set only if one of them is invalid. The
	// byte loop below then starts at that block and finds it.
	start := 0
	for ; start+8 <= n; start += 8 {
		b := s[start : start+8]
		if (base64Value[b[0]]|base64Value[b[1]]|base64Value[b[2]]|base64Value[b[3]]|
			base64Value[b[4]]|base64Value[b[5]]|base64Value[b[6]]|base64Value[b[7]])&0x80 != 0 {
			break
		}
	}
	for i := start; i < n; i++ {
		c := s[i]
		if base64Value[c] != 0xFF {
			continue
		}
		if c == '=' {
			// Padding: one or two '=' ending a length that is a multiple of 4.
			if n%4 == 0 && (i == n-1 || (i == n-2 && s[n-1] == '=')) {
				break
			}
			return i, "'=' padding before the end of the data"
		}
		switch c {
		case '-', '_':
			return i, fmt.Sprintf("character %q belongs to the URL-safe alphabet; FaceID needs the standard one (+ and /)", c)
		case ' ', '\t', '\f', '\v':
			return i, fmt.Sprintf("whitespace character %q", c)
		}
		return i, fmt.Sprintf("character %q is not in the base64 alphabet", c)
	}
	if n%4 != 0 {
		return n, fmt.Sprintf("length %d is not a multiple of 4: '=' padding is missing or the data is truncated", n)
	}
	// Canonical form: the bits the padding leaves over must be zero (Strict decoding).
	switch {
	case n >= 4 && s[n-2] == '=':
		if base64Value[s[n-3]]&0x0F != 0 {
			return n - 3, "non-zero bits before '==' padding (not canonical base64)"
		}
	case n >= 4 && s[n-1] == '=':
		if base64Value[s[n-2]]&0x03 != 0 {
			return n - 2, "non-zero bits before '=' padding (not canonical base64)"
		}
	}
	return 0, ""
}
