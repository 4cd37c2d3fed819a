package faceid

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Request body limits (https://cloud.tencent.com/document/product/1278/46710), from tc3, their one home. The transport
// enforces them; faceid checks early so it can name the media fields at fault.
const (
	bodyLimitTC3 = tc3.MaxTC3BodyBytes // POST signed with TC3-HMAC-SHA256
	bodyLimitV1  = tc3.MaxV1BodyBytes  // POST signed with HmacSHA1/HmacSHA256 (v1)
)

var mediaType = reflect.TypeOf(Media{})

// bodyField is one top-level field of a request struct, resolved once per type.
type bodyField struct {
	index     int
	name      string // Go field name, for error messages
	key       string // `"JSONName":`
	omitEmpty bool
	media     bool
	urlAlt    string // for a media field, the sibling URL field that avoids the body limit
}

// bodyPlan is the field list of one request type.
type bodyPlan struct {
	typeName string
	fields   []bodyField
}

var bodyPlans sync.Map // reflect.Type -> *bodyPlan

// planFor returns the cached field plan of request struct type t.
func planFor(t reflect.Type) *bodyPlan {
	if p, ok := bodyPlans.Load(t); ok {
		return p.(*bodyPlan)
	}
	p := &bodyPlan{typeName: t.Name()}
	goNames := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		goNames[t.Field(i).Name] = true
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		key, _ := json.Marshal(name)
		f := bodyField{
			index:     i,
			name:      sf.Name,
			key:       string(key) + ":",
			omitEmpty: strings.Contains(","+opts+",", ",omitempty,"),
			media:     sf.Type == mediaType,
		}
		if f.media {
			if alt := strings.TrimSuffix(sf.Name, "Base64") + "Url"; alt != sf.Name+"Url" && goNames[alt] {
				f.urlAlt = alt
			}
		}
		p.fields = append(p.fields, f)
	}
	actual, _ := bodyPlans.LoadOrStore(t, p)
	return actual.(*bodyPlan)
}

// BodyTooLargeError reports a request whose JSON body is over the signing method's size limit.
// It is returned before anything is sent (https://cloud.tencent.com/document/product/1278/46710).
type BodyTooLargeError struct {
	Request string // request type, e.g. "LivenessCompareRequest"
	// Action, SignatureMethod and Method are those of the call, set by the Client ("" when
	// the body was encoded without one).
	Action          string
	SignatureMethod string // tc3.Algorithm, tc3.HmacSHA256 or tc3.HmacSHA1
	Method          string // "POST" or "GET"
	Size            int    // body size in bytes
	Limit           int    // limit in bytes
	// URLFields lists the request's URL fields that carry media outside the body, if any.
	URLFields []string
}

func (e *BodyTooLargeError) Error() string {
	fix := "shrink or recompress the media"
	if len(e.URLFields) > 0 {
		fix = "send the media through " + strings.Join(e.URLFields, "/") + " instead of base64, or " + fix
	}
	if e.Action == "" {
		limit := fmt.Sprintf("%d-byte", e.Limit)
		switch e.Limit {
		case bodyLimitTC3:
			limit += " TC3"
		case bodyLimitV1:
			limit += " v1 (HmacSHA1/HmacSHA256)"
		}
		return fmt.Sprintf("faceid: %s body is %d bytes, over the %s limit; %s", e.Request, e.Size, limit, fix)
	}
	switch {
	case e.Method == "GET":
		return fmt.Sprintf("faceid: %s: the request is %d bytes, over the %d-byte URL limit of a GET; send it as POST (the default), or %s", e.Action, e.Size, e.Limit, fix)
	case e.SignatureMethod != "" && e.SignatureMethod != tc3.Algorithm:
		return fmt.Sprintf("faceid: %s: the request body is %d bytes, over the %d-byte limit of %s (v1) signing; sign with %s instead (the default, up to %d bytes), or %s", e.Action, e.Size, e.Limit, e.SignatureMethod, tc3.Algorithm, bodyLimitTC3, fix)
	}
	return fmt.Sprintf("faceid: %s: the request body is %d bytes, over the %d-byte limit of a %s POST; %s", e.Action, e.Size, e.Limit, tc3.Algorithm, fix)
}

// encodeBody builds req's JSON body in one pass into one buffer sized up front.
//
// Small fields go through encoding/json; Media fields are base64-encoded straight from the raw
// bytes into the buffer, so a multi-megabyte video is never held as a separate base64 string,
// marshalled as a JSON string or copied again. The result parses to the same JSON as
// json.Marshal of the request with the media as base64 strings, zero Media fields left out.
//
// If limit > 0 and the body would be longer, it returns a *BodyTooLargeError before allocating
// the body. encodeBody does not call Validate: callers run it first, so that the per-field
// rules report before the size does; an invalid Media is still refused here.
func encodeBody(req Request, limit int) ([]byte, error) {
	rv := reflect.ValueOf(req)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, fmt.Errorf("faceid: nil %s", rv.Type().Elem().Name())
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("faceid: cannot encode %s as a request body", rv.Type())
	}
	plan := planFor(rv.Type())

	// First pass: marshal the small fields and add up the size.
	type piece struct {
		f     *bodyField
		small []byte
		media Media
	}
	var pieceBuf [16]piece
	pieces := pieceBuf[:0]
	size := 2 // {}
	for i := range plan.fields {
		f := &plan.fields[i]
		fv := rv.Field(f.index)
		if f.media {
			m := fv.Interface().(Media)
			if m.IsZero() {
				continue
			}
			if m.err != nil {
				return nil, mediaFieldError(plan.typeName, f.name, m.err)
			}
			pieces = append(pieces, piece{f: f, media: m})
			size += len(f.key) + 2 + m.EncodedLen()
		} else {
			if f.omitEmpty && isEmptyValue(fv) {
				continue
			}
			b, err := json.Marshal(fv.Interface())
			if err != nil {
				return nil, fmt.Errorf("faceid: %s.%s: %w", plan.typeName, f.name, err)
			}
			pieces = append(pieces, piece{f: f, small: b})
			size += len(f.key) + len(b)
		}
		if len(pieces) > 1 {
			size++ // comma
		}
	}
	if limit > 0 && size > limit {
		e := &BodyTooLargeError{Request: plan.typeName, Size: size, Limit: limit}
		for _, f := range plan.fields {
			if f.urlAlt != "" {
				e.URLFields = append(e.URLFields, f.urlAlt)
			}
		}
		return nil, e
	}

	// Second pass: write everything into one buffer of exactly that size.
	buf := make([]byte, 0, size)
	buf = append(buf, '{')
	for i, p := range pieces {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, p.f.key...)
		if p.f.media {
			buf = append(buf, '"')
			buf = p.media.appendBase64(buf)
			buf = append(buf, '"')
		} else {
			buf = append(buf, p.small...)
		}
	}
	buf = append(buf, '}')
	return buf, nil
}

// isEmptyValue is encoding/json's omitempty test, so encodeBody omits exactly what
// json.Marshal would.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
