package faceid

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"
)

// TestRequestsLogRedacted: every request type, and Media, logged through
// slog's JSON and text handlers (as a value and a pointer) or formatted with
// any fmt verb, shows neither the face image nor the name or ID number.
func TestRequestsLogRedacted(t *testing.T) {
	face := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, []byte("SECRETFACEPIXELS-0123456789")...)
	faceB64 := base64.StdEncoding.EncodeToString(face)
	const name, id = "王秘密", "11010119900101001X"
	media := MediaBytes(face)
	mediaB64, err := MediaBase64(faceB64)
	if err != nil {
		t.Fatal(err)
	}
	values := []any{
		media, mediaB64,
		DetectAuthRequest{RuleId: "1", IdCard: Ptr(id), Name: Ptr(name), ImageBase64: media},
		GetDetectInfoRequest{BizToken: id, RuleId: "1"},
		GetDetectInfoEnhancedRequest{BizToken: id, RuleId: "1"},
		GetActionSequenceRequest{ActionType: Ptr(id)},
		GetLiveCodeRequest{},
		ImageRecognitionRequest{IdCard: id, Name: name, ImageBase64: media},
		LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: mediaB64, VideoBase64: media},
		LivenessRecognitionRequest{IdCard: id, Name: name, LivenessType: LivenessSilent, VideoBase64: media},
	}
	var out bytes.Buffer
	logs := []*slog.Logger{
		slog.New(slog.NewJSONHandler(&out, nil)),
		slog.New(slog.NewTextHandler(&out, nil)),
	}
	for _, v := range values {
		for _, l := range logs {
			l.Info("request", "req", v)
			l.Info("request", slog.Any("req", v))
			l.Info("request", "req", ptrTo(v))
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%o", "%b", "%e", "%10.3v"} {
			fmt.Fprintf(&out, verb+"\n", v)
			fmt.Fprintf(&out, verb+"\n", ptrTo(v))
		}
		fmt.Fprintln(&out, v, ptrTo(v))
	}
	text := out.String()
	for _, secret := range []string{name, id, faceB64, faceB64[:16], "SECRETFACE", hex.EncodeToString(face[:6]), strings.ToUpper(hex.EncodeToString(face[:6])),
		"255 216 255", fmt.Sprint(face[:4]), "\\xff\\xd8", hex.EncodeToString([]byte(name)), hex.EncodeToString([]byte(id))} {
		if strings.Contains(text, secret) {
			i := strings.Index(text, secret)
			t.Errorf("output contains %q: ...%s...", secret, text[max(0, i-120):min(len(text), i+40)])
		}
	}
	// The redacted form still says what the request is.
	if !strings.Contains(text, "faceid.ImageRecognitionRequest{IdCard:[18 bytes] Name:[9 bytes] ImageBase64:faceid.Media(31 raw bytes, 44 base64 bytes)}") {
		t.Errorf("no readable redacted form in:\n%.2000s", text)
	}
}

// ptrTo returns a pointer to a copy of v.
func ptrTo(v any) any {
	switch v := v.(type) {
	case Media:
		return &v
	case DetectAuthRequest:
		return &v
	case GetDetectInfoRequest:
		return &v
	case GetDetectInfoEnhancedRequest:
		return &v
	case GetActionSequenceRequest:
		return &v
	case GetLiveCodeRequest:
		return &v
	case ImageRecognitionRequest:
		return &v
	case LivenessCompareRequest:
		return &v
	case LivenessRecognitionRequest:
		return &v
	}
	panic(fmt.Sprintf("ptrTo %T", v))
}

// TestEveryRequestLogsRedacted fills every string and media field of every
// action's request with personal data, and checks that slog (JSON and
// text, value and pointer) and fmt (every verb) show none of it.
func TestEveryRequestLogsRedacted(t *testing.T) {
	face := append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, []byte("SECRETFACEPIXELS-0123456789")...)
	const secret = "PERSONALDATA"
	for _, a := range Actions() {
		req := a.NewRequest()
		if _, ok := req.(slog.LogValuer); !ok {
			t.Errorf("%T is not a slog.LogValuer: add its LogValue and Format next to its MarshalJSON, as every request type has", req)
			continue
		}
		if _, ok := req.(fmt.Formatter); !ok {
			t.Errorf("%T is not a fmt.Formatter: add its LogValue and Format next to its MarshalJSON, as every request type has", req)
			continue
		}
		fill(reflect.ValueOf(req).Elem(), secret, MediaBytes(face))
		value := reflect.ValueOf(req).Elem().Interface()
		var out bytes.Buffer
		for _, v := range []any{req, value} {
			slog.New(slog.NewJSONHandler(&out, nil)).Info("r", "req", v)
			slog.New(slog.NewTextHandler(&out, nil)).Info("r", "req", v)
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
				fmt.Fprintf(&out, verb+"\n", v)
			}
		}
		text := out.String()
		for _, bad := range []string{secret, hex.EncodeToString([]byte(secret)), "SECRETFACE", base64.StdEncoding.EncodeToString(face)[:16], "255 216 255"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: output contains %q:\n%.600s", a.Name, bad, text)
				break
			}
		}
	}
}

// fill sets every settable string (and *string) to s and every Media to m,
// recursing into structs, pointers to structs and slices of one element.
func fill(v reflect.Value, s string, m Media) {
	switch {
	case v.Type() == mediaType:
		v.Set(reflect.ValueOf(m))
	case v.Kind() == reflect.String:
		v.SetString(s)
	case v.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		fill(v.Elem(), s, m)
	case v.Kind() == reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), s, m)
			}
		}
	case v.Kind() == reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), s, m)
	}
}
