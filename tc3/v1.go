package tc3

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"sort"
	"strconv"
	"strings"
)

// V1Input is everything a legacy v1 (HmacSHA1/HmacSHA256) signature depends on
// (https://cloud.tencent.com/document/api/1007/31325).
type V1Input struct {
	Credentials Credentials
	// SignatureMethod is HmacSHA1 or HmacSHA256. HmacSHA256 adds the
	// SignatureMethod parameter, without which the server checks HmacSHA1.
	SignatureMethod string
	Method          string // "GET" or "POST" (POST bodies are x-www-form-urlencoded)
	Host            string
	Path            string // "/" when empty
	// Params are every parameter except SecretId, Token and Signature:
	// Action, Version, Region, Timestamp, Nonce, Language and the flattened
	// business parameters (see FlattenJSON). A SignatureMethod parameter, if
	// present, must agree with SignatureMethod.
	Params map[string]string
}

// V1Result is a v1 signature with its string to sign and the parameters to send.
type V1Result struct {
	StringToSign string
	Signature    string            // standard base64
	Params       map[string]string // everything sent, Signature included
	// Encoded is Params encoded per RFC 3986 with upper-case hex, sorted: the
	// GET query or the POST x-www-form-urlencoded body.
	Encoded string
}

// String prints the string to sign; the signature is redacted.
func (r V1Result) String() string {
	return fmt.Sprintf("tc3.V1Result{StringToSign: %q, Signature: %s}", redactV1(r.StringToSign), Redact(r.Signature))
}

// GoString is String, so %#v redacts too.
func (r V1Result) GoString() string { return r.String() }

// Format makes every fmt verb print the redacted form.
func (r V1Result) Format(f fmt.State, _ rune) { io.WriteString(f, r.String()) }

// redactV1 hides a Token parameter in a v1 string to sign.
func redactV1(sts string) string {
	i := strings.Index(sts, "&Token=")
	if i < 0 {
		return sts
	}
	j := strings.IndexByte(sts[i+1:], '&')
	if j < 0 {
		return sts[:i] + "&Token=[redacted]"
	}
	return sts[:i] + "&Token=[redacted]" + sts[i+1+j:]
}

// SignV1 signs a legacy v1 request: it adds SecretId, Token (if any) and
// SignatureMethod (for HmacSHA256) to the parameters, signs
// METHOD+host+path+"?"+sorted raw k=v pairs, and returns the base64 signature.
func SignV1(in *V1Input) (*V1Result, error) {
	if in == nil {
		return nil, fmt.Errorf("tc3: nil V1Input")
	}
	if err := in.Credentials.Validate(); err != nil {
		return nil, err
	}
	newHash, err := v1Hash(in.SignatureMethod)
	if err != nil {
		return nil, err
	}
	if in.Method != "GET" && in.Method != "POST" {
		return nil, fmt.Errorf("tc3: Method %q is not supported: v1 accepts \"GET\" or \"POST\" (upper case)", in.Method)
	}
	if in.Host == "" || strings.ContainsAny(in.Host, " \t\r\n/") {
		return nil, fmt.Errorf("tc3: Host %q must be a bare host name, e.g. faceid.tencentcloudapi.com", in.Host)
	}
	params := make(map[string]string, len(in.Params)+4)
	for k, v := range in.Params {
		switch k {
		case "SecretId", "Token", "Signature":
			return nil, fmt.Errorf("tc3: parameter %s is set by SignV1 from Credentials: remove it from Params", k)
		case "SignatureMethod":
			if v != in.SignatureMethod {
				return nil, fmt.Errorf("tc3: parameter SignatureMethod=%q disagrees with V1Input.SignatureMethod %q", v, in.SignatureMethod)
			}
		}
		if k == "" {
			return nil, fmt.Errorf("tc3: empty parameter name in Params")
		}
		params[k] = v
	}
	params["SecretId"] = in.Credentials.SecretID
	if in.Credentials.Token != "" {
		params["Token"] = in.Credentials.Token
	}
	if in.SignatureMethod == HmacSHA256 {
		params["SignatureMethod"] = HmacSHA256
	}
	sts := V1StringToSign(in.Method, in.Host, in.Path, params)
	mac := hmac.New(newHash, []byte(in.Credentials.SecretKey))
	mac.Write([]byte(sts))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	params["Signature"] = sig
	return &V1Result{StringToSign: sts, Signature: sig, Params: params, Encoded: EncodeQuery(params)}, nil
}

// V1SignatureMethod is the algorithm the server uses for a v1 request with
// these parameters: HmacSHA256 only when SignatureMethod says so exactly,
// HmacSHA1 otherwise.
func V1SignatureMethod(params map[string]string) string {
	if params["SignatureMethod"] == HmacSHA256 {
		return HmacSHA256
	}
	return HmacSHA1
}

// V1Signature computes the base64 v1 signature of a string to sign.
func V1Signature(method, secretKey, stringToSign string) (string, error) {
	newHash, err := v1Hash(method)
	if err != nil {
		return "", err
	}
	mac := hmac.New(newHash, []byte(secretKey))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

func v1Hash(method string) (func() hash.Hash, error) {
	switch method {
	case HmacSHA1:
		return sha1.New, nil
	case HmacSHA256:
		return sha256.New, nil
	}
	return nil, fmt.Errorf("tc3: unknown v1 signature method %q: use %q or %q (or %q with Sign)", method, HmacSHA1, HmacSHA256, Algorithm)
}

// V1StringToSign builds METHOD + host + path + "?" + k=v&... with the
// parameters sorted by name in byte order and raw (unencoded) values; the
// Signature parameter, if present, is left out.
func V1StringToSign(method, host, path string, params map[string]string) string {
	if path == "" {
		path = "/"
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(method)
	b.WriteString(host)
	b.WriteString(path)
	b.WriteByte('?')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(params[k])
	}
	return b.String()
}

// EncodeQuery encodes parameters as k=v&... sorted by name, with names and
// values percent-encoded per RFC 3986 (unreserved characters kept, upper-case
// hex, a space as %20). It is how we build every query we send, so the bytes
// we sign are the bytes we send.
func EncodeQuery(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(Escape(k))
		b.WriteByte('=')
		b.WriteString(Escape(params[k]))
	}
	return b.String()
}

// Escape percent-encodes s per RFC 3986: everything except A-Z a-z 0-9 - _ . ~
// becomes %XX with upper-case hex, bytes of UTF-8 one by one.
func Escape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hexUpper = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b = append(b, c)
		} else {
			b = append(b, '%', hexUpper[c>>4], hexUpper[c&15])
		}
	}
	return string(b)
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~'
}

// FlattenJSON turns a JSON object (a TC3 request body) into v1 parameters
// with the official SDK's flattening rules
// (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/http/request.go): nested
// objects become Parent.Child, arrays Name.0, Name.1...; booleans
// "true"/"false"; numbers as written; null is skipped; an empty string is
// dropped at the top level but kept inside arrays. Nested objects in arrays
// become Name.0.Child.
func FlattenJSON(body []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var top map[string]any
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("tc3: request body is not a JSON object: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("tc3: request body has data after the JSON object")
	}
	out := make(map[string]string, len(top))
	for k, v := range top {
		if s, ok := v.(string); ok && s == "" {
			continue // the SDK drops top-level empty strings for v1 and GET
		}
		if err := flatten(out, k, v); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// put sets out[name], refusing a name that two paths of the body flatten
// to, such as {"a.b":"1","a":{"b":"2"}}: either value would be a guess.
func put(out map[string]string, name, value string) error {
	if _, dup := out[name]; dup {
		return fmt.Errorf("tc3: two fields of the request body flatten to the parameter name %q (a key with a '.' in it and a nested object or array): rename the key", name)
	}
	out[name] = value
	return nil
}

func flatten(out map[string]string, prefix string, v any) error {
	switch v := v.(type) {
	case nil:
	case string:
		return put(out, prefix, v)
	case bool:
		return put(out, prefix, strconv.FormatBool(v))
	case json.Number:
		return put(out, prefix, v.String())
	case []any:
		for i, e := range v {
			if err := flatten(out, prefix+"."+strconv.Itoa(i), e); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && s == "" {
				continue
			}
			if err := flatten(out, prefix+"."+k, e); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("tc3: cannot flatten %s of type %T", prefix, v)
	}
	return nil
}
