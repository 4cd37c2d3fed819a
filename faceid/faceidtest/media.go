package faceidtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sync"
)

// Media limits, measured on the base64 text (https://cloud.tencent.com/document/product/1007/33464). The
// documentation writes "3M" and "8M"; the stand-in reads them as binary,
// 3 MiB and 8 MiB, the larger reading, as the client does: what the gateway
// may accept is not refused here either.
const (
	MaxImageBase64Len = 3 << 20 // ImageBase64 (DetectAuth, ImageRecognition, LivenessCompare)
	MaxVideoBase64Len = 8 << 20 // VideoBase64 (LivenessCompare, LivenessRecognition)
)

type mediaKind int

const (
	mediaImage mediaKind = iota + 1 // jpg, png
	mediaVideo                      // mp4, avi, flv
)

// mediaRule is how one action answers bad media in one field.
type mediaRule struct {
	kind mediaKind
	// sizeCode answers media that is empty or over the limit; formatCode
	// answers decoded bytes that are not of a documented format.
	sizeCode, formatCode string
	// limit is the longest base64 text accepted; 0 means the kind's usual limit
	// (MaxImageBase64Len, MaxVideoBase64Len). Actions with other limits (7M,
	// 10M) set it from their page.
	limit int
}

// checkMedia validates a base64 media field as the FaceID guide asks:
// standard alphabet, '=' padding, no data URI prefix, no line breaks
// (https://cloud.tencent.com/document/product/1007/33464). It returns the decoded bytes or an API error
// naming the field and what is wrong with it.
func checkMedia(field, s string, rule mediaRule) ([]byte, *apiError) {
	limit, what := MaxImageBase64Len, "an image"
	if rule.kind == mediaVideo {
		limit, what = MaxVideoBase64Len, "a video"
	}
	if rule.limit > 0 {
		limit = rule.limit
	}
	bad := func(format string, args ...any) *apiError {
		return newError("InvalidParameterValue", "`%s` is not standard padded base64 (RFC 4648): %s", field, fmt.Sprintf(format, args...))
	}
	if len(s) > 5 && (s[:5] == "data:" || s[:5] == "DATA:") {
		end := bytes.IndexByte([]byte(s[:min(len(s), 64)]), ',')
		prefix := s[:min(len(s), 40)]
		if end >= 0 {
			prefix = s[:end+1]
		}
		return nil, newError("InvalidParameterValue", "`%s` starts with the data URI header %q: remove it and send only the base64 text", field, prefix)
	}
	if len(s) > limit {
		return nil, newError(rule.sizeCode, "`%s` is %d bytes after base64 encoding, over the %d-byte limit for %s (%s): shrink or recompress it", field, len(s), limit, what, limitName(rule.kind))
	}
	pad := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
			if pad > 0 {
				return nil, bad("'=' padding at byte %d is followed by more data at byte %d", i-pad, i)
			}
		case c == '=':
			pad++
			if pad > 2 {
				return nil, bad("more than two '=' at byte %d", i)
			}
		case c == '\r' || c == '\n':
			return nil, bad("line break (%q) at byte %d of %d: remove every \\r and \\n", c, i, len(s))
		case c == ' ':
			return nil, bad("space at byte %d of %d: a '+' sent unencoded in a query or form body is read as a space; percent-encode it as %%2B", i, len(s))
		case c == '-' || c == '_':
			return nil, bad("%q at byte %d is the URL-safe alphabet: use the standard one ('+' and '/')", c, i)
		default:
			return nil, bad("character %q at byte %d is not in the base64 alphabet", c, i)
		}
	}
	if len(s)%4 != 0 {
		return nil, bad("its length %d is not a multiple of 4: add the '=' padding", len(s))
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, bad("%v", err)
	}
	if len(raw) == 0 {
		return nil, newError(rule.sizeCode, "`%s` decodes to 0 bytes: send %s", field, what)
	}
	if !isMedia(raw, rule.kind) {
		hint := ""
		if looksBase64(raw) {
			hint = ": they are base64 text themselves, so the media was encoded twice"
		}
		formats := "JPEG or PNG"
		if rule.kind == mediaVideo {
			formats = "MP4, AVI or FLV"
		}
		return nil, newError(rule.formatCode, "`%s` decodes to %d bytes that are not %s (first bytes % x)%s. Sample media: faceidtest.SampleJPEG, SamplePNG, SampleMP4", field, len(raw), formats, raw[:min(len(raw), 8)], hint)
	}
	return raw, nil
}

func limitName(k mediaKind) string {
	if k == mediaVideo {
		return "8M, the action's Tencent page"
	}
	return "3M, the action's Tencent page"
}

// isMedia reports whether raw starts like a documented format: jpg/png for
// images, mp4/avi/flv for videos (https://cloud.tencent.com/document/product/1007/33464).
func isMedia(raw []byte, k mediaKind) bool {
	if k == mediaImage {
		return bytes.HasPrefix(raw, []byte{0xFF, 0xD8, 0xFF}) ||
			bytes.HasPrefix(raw, []byte("\x89PNG\r\n\x1a\n"))
	}
	return len(raw) >= 8 && string(raw[4:8]) == "ftyp" ||
		len(raw) >= 12 && string(raw[:4]) == "RIFF" && string(raw[8:12]) == "AVI " ||
		bytes.HasPrefix(raw, []byte("FLV\x01"))
}

func looksBase64(raw []byte) bool {
	if len(raw) < 8 {
		return false
	}
	for _, c := range raw[:min(len(raw), 64)] {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

var samples struct {
	once      sync.Once
	jpeg, png []byte
}

func makeSamples() {
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	for y := 0; y < 16; y++ {
		for x := 0; x < 16; x++ {
			img.SetGray(x, y, color.Gray{Y: uint8(x*16 + y)})
		}
	}
	var j, p bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 75}); err != nil {
		panic(err)
	}
	if err := png.Encode(&p, img); err != nil {
		panic(err)
	}
	samples.jpeg, samples.png = j.Bytes(), p.Bytes()
}

// SampleJPEG returns a small valid JPEG (a 16x16 grey gradient), raw bytes
// to base64-encode into ImageBase64. Each call returns a fresh copy.
func SampleJPEG() []byte {
	samples.once.Do(makeSamples)
	return bytes.Clone(samples.jpeg)
}

// SamplePNG returns a small valid PNG, raw bytes for ImageBase64.
func SamplePNG() []byte {
	samples.once.Do(makeSamples)
	return bytes.Clone(samples.png)
}

// SampleMP4 returns the smallest byte string the stand-in accepts as an MP4
// video (an ftyp box and a free box), raw bytes for VideoBase64. It is not a
// playable video; the stand-in only checks the container signature.
func SampleMP4() []byte {
	return []byte{
		0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1',
		0, 0, 0, 0x08, 'f', 'r', 'e', 'e',
	}
}

func sampleJPEGBase64() string { return base64.StdEncoding.EncodeToString(SampleJPEG()) }
