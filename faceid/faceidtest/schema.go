package faceidtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// apiError is an answer in the error envelope.
type apiError struct {
	Code, Message string
}

func newError(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// kind is a JSON type of the reference sheet.
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

// field is one request field of the reference sheet (faceid-api.md sections
// 4 and 5), written out independently of package faceid's structs.
type field struct {
	name     string
	kind     kind
	required bool
	obj      []field // kObject: its fields; kArray of objects: the element's fields
	elem     kind    // kArray: the element kind
	maxRunes int     // strings (and string elements): longest value in characters, 0 = no limit
	minItems int     // arrays
	maxItems int     // arrays, 0 = no limit
}

func str(name string) field           { return field{name: name, kind: kString} }
func reqStr(name string) field        { return field{name: name, kind: kString, required: true} }
func strMax(name string, n int) field { return field{name: name, kind: kString, maxRunes: n} }
func boolean(name string) field       { return field{name: name, kind: kBool} }
func object(name string, fs ...field) field {
	return field{name: name, kind: kObject, obj: fs}
}

// encryptionIn is the Encryption object of requests that encrypt Name/IdCard.
var encryptionIn = object("Encryption",
	field{name: "EncryptList", kind: kArray, elem: kString, required: true, minItems: 1},
	reqStr("CiphertextBlob"), reqStr("Iv"), str("Algorithm"),
	field{name: "TagList", kind: kArray, elem: kString},
)

// encryptionOut is the Encryption object of GetDetectInfoEnhanced, where
// "only Algorithm is needed".
var encryptionOut = object("Encryption",
	field{name: "EncryptList", kind: kArray, elem: kString},
	str("CiphertextBlob"), str("Iv"), str("Algorithm"),
	field{name: "TagList", kind: kArray, elem: kString},
)

// schemas are the request fields of the eight actions, with the required
// flags of tccli api.json (faceid-api.md section 4).
var schemas = map[string][]field{
	"DetectAuth": {
		reqStr("RuleId"), str("TerminalType"), str("IdCard"), strMax("Name", 32),
		strMax("RedirectUrl", 1024), strMax("Extra", 1024), str("ImageBase64"), encryptionIn,
		strMax("IntentionVerifyText", 120),
		{name: "IntentionQuestions", kind: kArray, elem: kObject, minItems: 1, maxItems: 10, obj: []field{
			{name: "Question", kind: kString, required: true, maxRunes: 250},
			{name: "Answers", kind: kArray, elem: kString, required: true, maxItems: 50, maxRunes: 10},
		}},
		{name: "IntentionActions", kind: kArray, elem: kObject, minItems: 1, maxItems: 10, obj: []field{
			{name: "Text", kind: kString, required: true, maxRunes: 250},
		}},
		object("Config", boolean("IntentionRecognition"), field{name: "IntentionType", kind: kInt},
			boolean("MouthOpenRecognition"), field{name: "Speed", kind: kUint}),
	},
	"GetDetectInfo": {reqStr("BizToken"), reqStr("RuleId"), str("InfoType")},
	"GetDetectInfoEnhanced": {
		reqStr("BizToken"), reqStr("RuleId"), str("InfoType"),
		{name: "BestFramesCount", kind: kUint}, boolean("IsCutIdCardImage"), boolean("IsNeedIdCardAvatar"),
		boolean("IsEncrypt"), encryptionOut, boolean("IsEncryptResponse"), boolean("IsReturnAllVideo"),
	},
	"GetActionSequence": {str("ActionType")},
	"GetLiveCode":       {},
	"ImageRecognition":  {reqStr("IdCard"), reqStr("Name"), reqStr("ImageBase64"), str("Optional"), encryptionIn},
	"LivenessCompare": {
		reqStr("LivenessType"), str("ImageBase64"), str("ImageUrl"), str("ValidateData"),
		str("Optional"), str("VideoBase64"), str("VideoUrl"),
	},
	"LivenessRecognition": {
		reqStr("IdCard"), reqStr("Name"), reqStr("LivenessType"), str("VideoBase64"), str("VideoUrl"),
		str("ValidateData"), str("Optional"), encryptionIn,
	},
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
		i := 0
		for i < len(body) {
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return nil, newError("InvalidParameter", "the request body is not valid UTF-8 (byte %d): encode strings such as Name in UTF-8", i)
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
	if !ok {
		return nil, newError("InvalidParameter", "the request body is a JSON %s, not an object of parameters", jsonTypeName(v))
	}
	return m, nil
}

// unflatten turns flattened parameters (Foo.0.Bar=x, the v1 and TC3 GET
// encoding, tc3-signing.md 5.4) into a tree of maps, slices and strings.
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
			return nil, newError("InvalidParameter", "parameter `%s` is not valid UTF-8", k)
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
	out, err := arrays(root, "")
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
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
		if f.maxRunes > 0 && utf8.RuneCountInString(s) > f.maxRunes {
			return nil, newError("InvalidParameterValue", "parameter `%s` is %d characters, over the limit of %d", path, utf8.RuneCountInString(s), f.maxRunes)
		}
		return s, nil
	case kBool:
		if b, ok := v.(bool); ok && !flat {
			return b, nil
		}
		if s, ok := v.(string); ok && flat && (s == "true" || s == "false") {
			return s == "true", nil
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
		switch k {
		case kInt:
			if i, err := strconv.ParseInt(text, 10, 64); err == nil {
				return i, nil
			}
		case kUint:
			if u, err := strconv.ParseUint(text, 10, 64); err == nil {
				return u, nil
			}
		default:
			if x, err := strconv.ParseFloat(text, 64); err == nil && !math.IsInf(x, 0) {
				return x, nil
			}
		}
		return nil, newError("InvalidParameter", "parameter `%s` must be a %s, got %s", path, k, text)
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
			ef := field{name: f.name, kind: f.elem, obj: f.obj, maxRunes: f.maxRunes}
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
