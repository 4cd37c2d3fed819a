package faceidtest

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// apiError is an answer in the error envelope.
type apiError struct {
	Code, Message string
}

func newError(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// kind is a JSON type of schema.json.
type kind int

const (
	kString kind = iota
	kBool
	kInt   // Integer (int64)
	kUint  // Integer (uint64)
	kFloat // Float (float64)
	kObject
	kArray
)

func (k kind) String() string {
	return [...]string{"String", "Boolean", "Integer", "Integer (unsigned)", "Float", "Object", "Array"}[k]
}

// field is one request member of the schema (schema.json), as the validator uses it.
type field struct {
	name     string
	kind     kind
	required bool
	obj      []field  // kObject: its fields; kArray of objects: the element's fields
	elem     kind     // kArray: the element kind
	maxRunes int      // strings (and string elements): longest value in characters, 0 = no limit
	minRunes int      // strings: shortest non-empty value in characters
	runes    int      // strings: exact length in characters, 0 = any
	minItems int      // arrays
	maxItems int      // arrays, 0 = no limit
	enum     []string // allowed values, as their JSON text ("LIP", "0"); nil = any
	media    bool     // base64 media: the handler checks it (line breaks included)
	hasRange bool
	min, max float64 // numbers, when hasRange
}

//go:embed schema.json
var schemaJSON []byte

// apiSchema is schema.json: Tencent's API metadata for faceid 2018-03-01 (see
// schema.README.md for the source and date).
type apiSchema struct {
	Version string                  `json:"version"`
	Actions map[string]schemaAction `json:"actions"`
	Objects map[string]schemaObject `json:"objects"`
}

type schemaAction struct {
	Flow          string          `json:"flow"`
	Request       string          `json:"request"`
	Response      string          `json:"response"`
	ResultPattern string          `json:"result_pattern"`
	Result        json.RawMessage `json:"result"`
	Docs          string          `json:"docs"`
}

type schemaObject struct {
	Kind    string         `json:"kind"`
	Members []schemaMember `json:"members"`
}

type schemaMember struct {
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Member      string         `json:"member"`
	Required    *bool          `json:"required"`
	Constraints map[string]any `json:"constraints"`
}

// relaxed lists request members whose nested required flags do not apply, as a Tencent page
// says: GetDetectInfoEnhanced's Encryption needs only Algorithm ("只需要设置Algorithm",
// https://cloud.tencent.com/document/api/1007/41957).
var relaxed = map[string]bool{
	"GetDetectInfoEnhancedRequest.Encryption": true,
}

// schema is the parsed schema.json; schemas holds each action's request members.
var (
	schema  = mustParseSchema(schemaJSON)
	schemas = requestFields(schema)
)

func mustParseSchema(b []byte) *apiSchema {
	var s apiSchema
	if err := json.Unmarshal(b, &s); err != nil {
		panic("faceidtest: schema.json: " + err.Error())
	}
	return &s
}

// requestFields converts every action's request object into fields.
func requestFields(s *apiSchema) map[string][]field {
	out := make(map[string][]field, len(s.Actions))
	for name, a := range s.Actions {
		out[name] = objectFields(s, a.Request, false)
	}
	return out
}

// objectFields converts one object's members; optional makes every member optional.
func objectFields(s *apiSchema, object string, optional bool) []field {
	o, ok := s.Objects[object]
	if !ok {
		panic("faceidtest: schema.json: no object " + object)
	}
	fs := make([]field, 0, len(o.Members))
	for _, m := range o.Members {
		f := field{name: m.Name, required: !optional && m.Required != nil && *m.Required}
		nestedOptional := optional || relaxed[object+"."+m.Name]
		var k kind
		switch m.Type {
		case "string":
			k = kString
		case "bool":
			k = kBool
		case "float":
			k = kFloat
		case "int":
			k = kInt
			if m.Member == "uint64" {
				k = kUint
			}
		case "object":
			k = kObject
			f.obj = objectFields(s, m.Member, nestedOptional)
		case "list":
			k = kArray
			f.elem = memberKind(m.Member)
			if f.elem == kObject {
				f.obj = objectFields(s, m.Member, nestedOptional)
			}
		default:
			panic("faceidtest: schema.json: " + object + "." + m.Name + ": unknown type " + m.Type)
		}
		f.kind = k
		c := m.Constraints
		_, f.media = c["base64"]
		f.maxRunes = intOf(c["max_len"])
		if f.maxRunes == 0 {
			f.maxRunes = intOf(c["item_max_len"])
		}
		f.minRunes = intOf(c["min_len"])
		f.runes = intOf(c["len"])
		f.minItems = intOf(c["min_items"])
		f.maxItems = intOf(c["max_items"])
		if e, ok := c["enum"].([]any); ok {
			for _, v := range e {
				f.enum = append(f.enum, fmt.Sprint(v))
			}
		}
		if r, ok := c["range"].([]any); ok && len(r) == 2 && c["clamped"] != true {
			f.hasRange = true
			f.min, _ = r[0].(float64)
			f.max, _ = r[1].(float64)
		}
		fs = append(fs, f)
	}
	return fs
}

// memberKind is the kind of a list element type.
func memberKind(member string) kind {
	switch member {
	case "string", "date":
		return kString
	case "int64":
		return kInt
	case "uint64":
		return kUint
	case "float":
		return kFloat
	case "bool":
		return kBool
	}
	return kObject
}

func intOf(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// commonParams are the common parameters of v1 requests (and of the TC3 GET
// query, where the official SDK drops them): they are not business fields.
var commonParams = map[string]bool{
	"Action": true, "Version": true, "Region": true, "Timestamp": true, "Nonce": true,
	"SecretId": true, "Signature": true, "SignatureMethod": true, "Token": true,
	"Language": true, "RequestClient": true,
}

// parseJSONBody decodes a TC3 POST body into a JSON object.
func parseJSONBody(body []byte) (map[string]any, *apiError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, newError("InvalidParameter", "the request body is empty: a TC3-HMAC-SHA256 POST sends the parameters as a JSON object ({} when the action has none)")
	}
	if !utf8.Valid(body) {
		// encoding/json would read invalid bytes as U+FFFD; find the member first.
		if path := invalidUTF8Member(body, ""); path != "" {
			return nil, newError("InvalidParameterValue", "parameter `%s` is not valid UTF-8: encode strings such as Name in UTF-8", path)
		}
		return nil, newError("InvalidParameter", "the request body is not valid UTF-8: encode strings such as Name in UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, newError("InvalidParameter", "the request body is not valid JSON: %v", err)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(body[off:])) > 0 {
		return nil, newError("InvalidParameter", "the request body has data after its JSON value, at byte %d", off)
	}
	m, ok := v.(map[string]any)
	if a, isArray := v.([]any); isArray && len(a) == 0 {
		// The PHP SDK encodes "no parameters" as [] (json_encode of an empty array);
		// the gateway reads it as {}.
		m, ok = map[string]any{}, true
	}
	if !ok {
		return nil, newError("InvalidParameter", "the request body is %s, not an object of parameters", jsonTypeName(v))
	}
	return m, nil
}

// invalidUTF8Member returns the path of the first string member of a JSON value whose raw
// bytes are not valid UTF-8 ("" when there is none or the JSON does not parse).
func invalidUTF8Member(raw []byte, path string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return ""
	}
	switch raw[0] {
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return ""
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p := invalidUTF8Member(m[k], join(path, k)); p != "" {
				return p
			}
		}
	case '[':
		var a []json.RawMessage
		if json.Unmarshal(raw, &a) != nil {
			return ""
		}
		for i, e := range a {
			if p := invalidUTF8Member(e, join(path, strconv.Itoa(i))); p != "" {
				return p
			}
		}
	case '"':
		if !utf8.Valid(raw) {
			if path == "" {
				return "(body)"
			}
			return path
		}
	}
	return ""
}

// unflatten turns flattened parameters (Foo.0.Bar=x, the v1 and TC3 GET
// encoding, https://cloud.tencent.com/document/api/1007/31325) into a tree of maps, slices and strings.
func unflatten(params map[string]string) (map[string]any, *apiError) {
	root := map[string]any{}
	keys := make([]string, 0, len(params))
	for k := range params {
		if !commonParams[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !utf8.ValidString(params[k]) {
			return nil, newError("InvalidParameterValue", "parameter `%s` is not valid UTF-8", k)
		}
		parts := strings.Split(k, ".")
		cur := root
		for i, p := range parts {
			if p == "" {
				return nil, newError("InvalidParameter", "parameter name %q has an empty segment", k)
			}
			if i == len(parts)-1 {
				if _, dup := cur[p].(map[string]any); dup {
					return nil, newError("InvalidParameter", "parameter `%s` is given both as a value and as a structure (`%s.*`)", k, k)
				}
				cur[p] = params[k]
				break
			}
			next, ok := cur[p].(map[string]any)
			if !ok {
				if _, isLeaf := cur[p].(string); isLeaf {
					return nil, newError("InvalidParameter", "parameter `%s` is given both as a value and as a structure (`%s`)", strings.Join(parts[:i+1], "."), k)
				}
				next = map[string]any{}
				cur[p] = next
			}
			cur = next
		}
	}
	// The root is the parameter object, never an array, even when every name is numeric
	// ("0=x" is an unknown parameter `0`); only nested levels become arrays.
	for k, v := range root {
		c, err := arrays(v, k)
		if err != nil {
			return nil, err
		}
		root[k] = c
	}
	return root, nil
}

// arrays turns maps whose keys are all 0..n-1 into slices.
func arrays(v any, path string) (any, *apiError) {
	m, ok := v.(map[string]any)
	if !ok {
		return v, nil
	}
	numeric := len(m) > 0
	for k := range m {
		if _, err := strconv.Atoi(k); err != nil || (len(k) > 1 && k[0] == '0') {
			numeric = false
			break
		}
	}
	for k, e := range m {
		c, err := arrays(e, join(path, k))
		if err != nil {
			return nil, err
		}
		m[k] = c
	}
	if !numeric {
		return m, nil
	}
	s := make([]any, len(m))
	for i := range s {
		e, ok := m[strconv.Itoa(i)]
		if !ok {
			return nil, newError("InvalidParameter", "array `%s` has %d elements but no `%s`: indices start at 0 and have no gaps", path, len(m), join(path, strconv.Itoa(i)))
		}
		s[i] = e
	}
	return s, nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// validate checks a request object against its fields: unknown names,
// missing required fields, types and the documented lengths. flat says the
// values came from a query or form (strings everywhere). It returns the
// object with typed values: string, bool, int64, uint64, float64, nested
// map[string]any and []any.
func validate(action string, fs []field, obj map[string]any, path string, flat bool) (map[string]any, *apiError) {
	names := make([]string, 0, len(obj))
	for k := range obj {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if findField(fs, k) == nil {
			msg := fmt.Sprintf("%s has no parameter `%s`", action, join(path, k))
			for _, f := range fs {
				if strings.EqualFold(f.name, k) {
					msg += fmt.Sprintf(": did you mean `%s`? Names are case-sensitive", join(path, f.name))
				}
			}
			return nil, newError("UnknownParameter", "%s", msg)
		}
	}
	out := make(map[string]any, len(obj))
	for _, f := range fs {
		v, ok := obj[f.name]
		if !ok || v == nil {
			if f.required {
				where := action
				if path != "" {
					where = "`" + path + "`"
				}
				return nil, newError("MissingParameter", "the required parameter `%s` of %s is missing", join(path, f.name), where)
			}
			continue
		}
		tv, err := checkValue(action, f, f.kind, v, join(path, f.name), flat)
		if err != nil {
			return nil, err
		}
		if f.required && tv == "" {
			return nil, newError("MissingParameter", "the required parameter `%s` of %s is an empty string", join(path, f.name), action)
		}
		out[f.name] = tv
	}
	return out, nil
}

func findField(fs []field, name string) *field {
	for i := range fs {
		if fs[i].name == name {
			return &fs[i]
		}
	}
	return nil
}

func checkValue(action string, f field, k kind, v any, path string, flat bool) (any, *apiError) {
	typeErr := func() *apiError {
		got := jsonTypeName(v)
		if flat {
			if _, ok := v.(string); ok {
				got = fmt.Sprintf("%q", v)
			} else {
				got = "a structure"
			}
		}
		return newError("InvalidParameter", "parameter `%s` must be a %s, got %s", path, k, got)
	}
	switch k {
	case kString:
		s, ok := v.(string)
		if !ok {
			return nil, typeErr()
		}
		for i, r := range s {
			if unicode.IsControl(r) && !f.media {
				return nil, newError("InvalidParameterValue", "parameter `%s` has the control character %U at byte %d", path, r, i)
			}
		}
		n := utf8.RuneCountInString(s)
		if f.maxRunes > 0 && n > f.maxRunes {
			return nil, newError("InvalidParameterValue", "parameter `%s` is %d characters, over the limit of %d", path, n, f.maxRunes)
		}
		if f.minRunes > 0 && n < f.minRunes && s != "" {
			return nil, newError("InvalidParameterValue", "parameter `%s` is %d characters, under the minimum of %d", path, n, f.minRunes)
		}
		if f.runes > 0 && n != f.runes {
			return nil, newError("InvalidParameterValue", "parameter `%s` is %d characters; it must be exactly %d", path, n, f.runes)
		}
		if s != "" { // "" of a required member is MissingParameter; of an optional one, the default
			if err := checkEnum(f, s, path); err != nil {
				return nil, err
			}
		}
		return s, nil
	case kBool:
		if b, ok := v.(bool); ok && !flat {
			return b, nil
		}
		// Flattened parameters spell booleans as the SDKs do: "true"/"false", and the
		// Python SDK's "True"/"False" (str(bool)), which the gateway accepts.
		if s, ok := v.(string); ok && flat {
			switch s {
			case "true", "True":
				return true, nil
			case "false", "False":
				return false, nil
			}
		}
		return nil, typeErr()
	case kInt, kUint, kFloat:
		var text string
		switch n := v.(type) {
		case json.Number:
			if flat {
				return nil, typeErr()
			}
			text = n.String()
		case string:
			if !flat {
				return nil, typeErr()
			}
			text = n
		default:
			return nil, typeErr()
		}
		var out any
		var x float64
		switch k {
		case kInt:
			if i, err := strconv.ParseInt(text, 10, 64); err == nil {
				out, x = i, float64(i)
			}
		case kUint:
			if u, err := strconv.ParseUint(text, 10, 64); err == nil {
				out, x = u, float64(u)
			}
		default:
			if f, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(f, 0) {
				out, x = f, f
			}
		}
		if out == nil {
			return nil, newError("InvalidParameter", "parameter `%s` must be a %s, got %s", path, k, text)
		}
		if f.hasRange && (x < f.min || x > f.max) {
			return nil, newError("InvalidParameterValue", "parameter `%s` is %s: it must be from %g to %g", path, text, f.min, f.max)
		}
		if err := checkEnum(f, fmt.Sprint(out), path); err != nil {
			return nil, err
		}
		return out, nil
	case kObject:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, typeErr()
		}
		return validate(action, f.obj, m, path, flat)
	case kArray:
		a, ok := v.([]any)
		if !ok {
			return nil, typeErr()
		}
		if len(a) < f.minItems {
			return nil, newError("InvalidParameterValue", "array `%s` has %d elements; it needs at least %d", path, len(a), f.minItems)
		}
		if f.maxItems > 0 && len(a) > f.maxItems {
			return nil, newError("InvalidParameterValue", "array `%s` has %d elements, over the limit of %d", path, len(a), f.maxItems)
		}
		out := make([]any, len(a))
		for i, e := range a {
			ep := path + "." + strconv.Itoa(i)
			if e == nil {
				return nil, newError("InvalidParameter", "element `%s` is null", ep)
			}
			ef := field{name: f.name, kind: f.elem, obj: f.obj, maxRunes: f.maxRunes, enum: f.enum}
			tv, err := checkValue(action, ef, f.elem, e, ep, flat)
			if err != nil {
				return nil, err
			}
			out[i] = tv
		}
		return out, nil
	}
	return nil, typeErr()
}

// checkEnum refuses a value the member's documented enumeration does not list.
func checkEnum(f field, v, path string) *apiError {
	if f.enum == nil {
		return nil
	}
	for _, e := range f.enum {
		if v == e {
			return nil
		}
	}
	return newError("InvalidParameterValue", "parameter `%s` is %q: it must be one of %s", path, v, strings.Join(f.enum, ", "))
}

func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, float64:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// params is a validated request with typed accessors.
type params map[string]any

func (p params) str(name string) string {
	s, _ := p[name].(string)
	return s
}

func (p params) has(name string) bool { _, ok := p[name]; return ok }

func (p params) boolean(name string) bool {
	b, _ := p[name].(bool)
	return b
}

func (p params) uint(name string) uint64 {
	u, _ := p[name].(uint64)
	return u
}

func (p params) obj(name string) params {
	m, _ := p[name].(map[string]any)
	return m
}

func (p params) list(name string) []any {
	a, _ := p[name].([]any)
	return a
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
