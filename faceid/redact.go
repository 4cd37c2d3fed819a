package faceid

import (
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"strconv"
	"strings"
)

// Requests carry personal data: names, ID numbers, phone numbers and face
// images. Their MarshalJSON is the wire encoder, so a logger that encodes
// values as JSON (slog.JSONHandler) would print all of it, and fmt's %d
// would print a photo's bytes. Every request type and Media therefore
// implement slog.LogValuer and fmt.Formatter with one redacted form: the
// type, the fields that are set, strings as their length only, media as
// their size, numbers and booleans as they are. Each request type declares
// its pair next to its MarshalJSON; TestEveryRequestLogsRedacted checks that
// every action's request has them.

// redact describes v, a request struct (or pointer to one), without
// personal data.
func redact(v any) string {
	var b strings.Builder
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return "<nil>"
		}
		rv = rv.Elem()
	}
	b.WriteString("faceid.")
	b.WriteString(rv.Type().Name())
	redactValue(&b, rv)
	return b.String()
}

func redactValue(b *strings.Builder, v reflect.Value) {
	if v.Type() == mediaType {
		b.WriteString(v.Interface().(Media).String())
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		redactValue(b, v.Elem())
	case reflect.String:
		b.WriteString("[" + strconv.Itoa(v.Len()) + " bytes]")
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Slice, reflect.Array:
		b.WriteString("[" + strconv.Itoa(v.Len()) + " items]")
	case reflect.Map:
		b.WriteString("[" + strconv.Itoa(v.Len()) + " entries]")
	case reflect.Struct:
		b.WriteByte('{')
		first := true
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			if !first {
				b.WriteByte(' ')
			}
			first = false
			b.WriteString(f.Name)
			b.WriteByte(':')
			redactValue(b, v.Field(i))
		}
		b.WriteByte('}')
	default:
		b.WriteString("[" + v.Kind().String() + "]")
	}
}

// formatRedacted writes the redacted form for every verb.
func formatRedacted(f fmt.State, v any) { io.WriteString(f, redact(v)) }

// LogValue is the redacted form: logging m never prints its content.
func (m Media) LogValue() slog.Value { return slog.StringValue(m.String()) }

// Format makes every fmt verb (%d and %x included) print String.
func (m Media) Format(f fmt.State, _ rune) { io.WriteString(f, m.String()) }
