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
// their size, numbers and booleans as they are.

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

// LogValue and Format of the request types print the redacted form. A new
// request type gets its pair here; TestRequestsLogRedacted checks every action.

func (r BankCard2EVerificationRequest) LogValue() slog.Value           { return slog.StringValue(redact(&r)) }
func (r BankCard2EVerificationRequest) Format(f fmt.State, _ rune)     { formatRedacted(f, &r) }
func (r BankCard4EVerificationRequest) LogValue() slog.Value           { return slog.StringValue(redact(&r)) }
func (r BankCard4EVerificationRequest) Format(f fmt.State, _ rune)     { formatRedacted(f, &r) }
func (r BankCardVerificationRequest) LogValue() slog.Value             { return slog.StringValue(redact(&r)) }
func (r BankCardVerificationRequest) Format(f fmt.State, _ rune)       { formatRedacted(f, &r) }
func (r CheckBankCardInformationRequest) LogValue() slog.Value         { return slog.StringValue(redact(&r)) }
func (r CheckBankCardInformationRequest) Format(f fmt.State, _ rune)   { formatRedacted(f, &r) }
func (r CheckIdCardInformationRequest) LogValue() slog.Value           { return slog.StringValue(redact(&r)) }
func (r CheckIdCardInformationRequest) Format(f fmt.State, _ rune)     { formatRedacted(f, &r) }
func (r CheckIdNameDateRequest) LogValue() slog.Value                  { return slog.StringValue(redact(&r)) }
func (r CheckIdNameDateRequest) Format(f fmt.State, _ rune)            { formatRedacted(f, &r) }
func (r CheckPhoneAndNameRequest) LogValue() slog.Value                { return slog.StringValue(redact(&r)) }
func (r CheckPhoneAndNameRequest) Format(f fmt.State, _ rune)          { formatRedacted(f, &r) }
func (r DetectAIFakeFacesRequest) LogValue() slog.Value                { return slog.StringValue(redact(&r)) }
func (r DetectAIFakeFacesRequest) Format(f fmt.State, _ rune)          { formatRedacted(f, &r) }
func (r DetectAuthRequest) LogValue() slog.Value                       { return slog.StringValue(redact(&r)) }
func (r DetectAuthRequest) Format(f fmt.State, _ rune)                 { formatRedacted(f, &r) }
func (r EncryptedPhoneVerificationRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r EncryptedPhoneVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }
func (r GetActionSequenceRequest) LogValue() slog.Value                { return slog.StringValue(redact(&r)) }
func (r GetActionSequenceRequest) Format(f fmt.State, _ rune)          { formatRedacted(f, &r) }
func (r GetDetectInfoEnhancedRequest) LogValue() slog.Value            { return slog.StringValue(redact(&r)) }
func (r GetDetectInfoEnhancedRequest) Format(f fmt.State, _ rune)      { formatRedacted(f, &r) }
func (r GetDetectInfoRequest) LogValue() slog.Value                    { return slog.StringValue(redact(&r)) }
func (r GetDetectInfoRequest) Format(f fmt.State, _ rune)              { formatRedacted(f, &r) }
func (r GetLiveCodeRequest) LogValue() slog.Value                      { return slog.StringValue(redact(&r)) }
func (r GetLiveCodeRequest) Format(f fmt.State, _ rune)                { formatRedacted(f, &r) }
func (r IdCardOCRVerificationRequest) LogValue() slog.Value            { return slog.StringValue(redact(&r)) }
func (r IdCardOCRVerificationRequest) Format(f fmt.State, _ rune)      { formatRedacted(f, &r) }
func (r IdCardVerificationRequest) LogValue() slog.Value               { return slog.StringValue(redact(&r)) }
func (r IdCardVerificationRequest) Format(f fmt.State, _ rune)         { formatRedacted(f, &r) }
func (r ImageRecognitionRequest) LogValue() slog.Value                 { return slog.StringValue(redact(&r)) }
func (r ImageRecognitionRequest) Format(f fmt.State, _ rune)           { formatRedacted(f, &r) }
func (r ImageRecognitionV2Request) LogValue() slog.Value               { return slog.StringValue(redact(&r)) }
func (r ImageRecognitionV2Request) Format(f fmt.State, _ rune)         { formatRedacted(f, &r) }
func (r LivenessCompareRequest) LogValue() slog.Value                  { return slog.StringValue(redact(&r)) }
func (r LivenessCompareRequest) Format(f fmt.State, _ rune)            { formatRedacted(f, &r) }
func (r LivenessRecognitionRequest) LogValue() slog.Value              { return slog.StringValue(redact(&r)) }
func (r LivenessRecognitionRequest) Format(f fmt.State, _ rune)        { formatRedacted(f, &r) }
func (r MinorsVerificationRequest) LogValue() slog.Value               { return slog.StringValue(redact(&r)) }
func (r MinorsVerificationRequest) Format(f fmt.State, _ rune)         { formatRedacted(f, &r) }
func (r MobileNetworkTimeVerificationRequest) LogValue() slog.Value {
	return slog.StringValue(redact(&r))
}
func (r MobileNetworkTimeVerificationRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }
func (r MobileStatusRequest) LogValue() slog.Value                        { return slog.StringValue(redact(&r)) }
func (r MobileStatusRequest) Format(f fmt.State, _ rune)                  { formatRedacted(f, &r) }
func (r PhoneVerificationCMCCRequest) LogValue() slog.Value               { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationCMCCRequest) Format(f fmt.State, _ rune)         { formatRedacted(f, &r) }
func (r PhoneVerificationCTCCRequest) LogValue() slog.Value               { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationCTCCRequest) Format(f fmt.State, _ rune)         { formatRedacted(f, &r) }
func (r PhoneVerificationCUCCRequest) LogValue() slog.Value               { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationCUCCRequest) Format(f fmt.State, _ rune)         { formatRedacted(f, &r) }
func (r PhoneVerificationRequest) LogValue() slog.Value                   { return slog.StringValue(redact(&r)) }
func (r PhoneVerificationRequest) Format(f fmt.State, _ rune)             { formatRedacted(f, &r) }
