package tc3

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Signature method names, as sent in the SignatureMethod parameter (v1) and
// the Authorization header (TC3).
const (
	Algorithm  = "TC3-HMAC-SHA256" // the only v3 algorithm
	HmacSHA1   = "HmacSHA1"        // legacy v1, the server's default when SignatureMethod is absent
	HmacSHA256 = "HmacSHA256"      // legacy v1
	terminator = "tc3_request"
)

// Well-known payload hashes.
const (
	// EmptyPayloadHash is the SHA-256 of an empty body, which is what a GET signs.
	EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	// UnsignedPayloadHash is the SHA-256 of the literal "UNSIGNED-PAYLOAD", signed
	// when the X-TC-Content-SHA256: UNSIGNED-PAYLOAD header is sent.
	UnsignedPayloadHash = "438d4109ef0d676b8c2c7ed13cdfcb418e494d53b843d4634ce3b1085f07bb96"
)

// Header is one extra header to sign besides content-type and host, such as
// X-TC-Action. Its value is the one actually sent; signing lower-cases and trims it.
type Header struct {
	Name, Value string
}

// Input is everything a TC3-HMAC-SHA256 signature depends on.
//
// The CanonicalURI is always "/" in API 3.0
// (https://cloud.tencent.com/document/api/213/30654), so there is no path field.
type Input struct {
	Credentials Credentials
	// Service is the product, the first label of the product's host: "faceid".
	// It is never guessed from Host; see CheckService.
	Service string
	Method  string // "POST" or "GET"
	Host    string // the Host header exactly as sent
	// Query is the URL query exactly as sent, without "?". It is signed as is:
	// the gateway compares the bytes, not a re-encoding.
	Query string
	// ContentType is the Content-Type header exactly as sent.
	ContentType string
	// Headers are extra headers to sign, such as X-TC-Action. content-type and
	// host are always signed and must not be listed here.
	Headers []Header
	// Payload is the exact body sent. Ignored when PayloadHash is set.
	Payload []byte
	// PayloadHash is the lower-case hex SHA-256 of the body, for callers that
	// hash a large body once and sign it several times.
	PayloadHash string
	// Timestamp is the Unix time in seconds sent as X-TC-Timestamp.
	Timestamp int64
}

// Result holds every intermediate value of one TC3 signature, in the order
// Tencent's documentation lists them.
//
// The derived keys and the signature grant access for a day; formatting a
// Result with the fmt package redacts them. Read the fields directly to
// debug.
type Result struct {
	Timestamp              int64
	Date                   string // UTC date of Timestamp, YYYY-MM-DD
	PayloadHash            string
	CanonicalRequest       string
	HashedCanonicalRequest string
	CredentialScope        string // Date/service/tc3_request
	StringToSign           string
	SignedHeaders          string // content-type;host[;...]
	SecretDate             string // hex of HMAC("TC3"+SecretKey, Date)
	SecretService          string // hex of HMAC(SecretDate, Service)
	SecretSigning          string // hex of HMAC(SecretService, "tc3_request")
	Signature              string
	Authorization          string
	// Warnings are problems that do not stop signing but may make the
	// gateway refuse the call, such as a service that differs from the host.
	Warnings []string
}

// String prints the public intermediate values; keys and signature are redacted.
func (r Result) String() string {
	return fmt.Sprintf("tc3.Result{Date: %s, CredentialScope: %s, SignedHeaders: %s, PayloadHash: %s, HashedCanonicalRequest: %s, Signature: %s}",
		r.Date, r.CredentialScope, r.SignedHeaders, r.PayloadHash, r.HashedCanonicalRequest, Redact(r.Signature))
}

// GoString is String, so %#v redacts too.
func (r Result) GoString() string { return r.String() }

// Format makes every fmt verb print the redacted form.
func (r Result) Format(f fmt.State, _ rune) { io.WriteString(f, r.String()) }

// Signer signs requests, reusing derived keys through a bounded cache. A nil
// or zero Signer derives the keys for every request. A Signer is safe for
// concurrent use.
type Signer struct {
	cache *keyCache
}

// NewSigner returns a Signer whose derived-key cache holds up to cacheSize
// (SecretKey, date, service) entries; cacheSize <= 0 disables the cache.
func NewSigner(cacheSize int) *Signer {
	if cacheSize <= 0 {
		return &Signer{}
	}
	return &Signer{cache: newKeyCache(cacheSize)}
}

// Sign computes a TC3-HMAC-SHA256 signature and returns every intermediate
// value. It derives the keys afresh; use a Signer on a hot path.
func Sign(in *Input) (*Result, error) {
	var s *Signer
	return s.Sign(in)
}

// Sign is the package-level Sign with this Signer's key cache.
func (s *Signer) Sign(in *Input) (*Result, error) {
	res := new(Result)
	if _, err := s.sign(in, res); err != nil {
		return nil, err
	}
	if err := CheckService(in.Service, in.Host); err != nil {
		res.Warnings = append(res.Warnings, err.Error())
	}
	return res, nil
}

// Authorization returns only the Authorization header value. It is the hot
// path: with a warm cache it costs two SHA-256 and one HMAC-SHA256 and
// allocates only the returned string.
func (s *Signer) Authorization(in *Input) (string, error) {
	return s.sign(in, nil)
}

// maxStackCanonical bounds the canonical request built without allocating;
// longer ones (long GET queries, many headers) spill to the heap.
const maxStackCanonical = 1024

// sign is the one pipeline behind Sign and Authorization. When res is
// non-nil it records every intermediate value.
func (s *Signer) sign(in *Input, res *Result) (string, error) {
	if err := validateInput(in); err != nil {
		return "", err
	}

	// Step 1: canonical request.
	var hdrs [8]canonicalHeader
	headers, err := canonicalHeaders(hdrs[:0], in)
	if err != nil {
		return "", err
	}
	var crBuf [maxStackCanonical]byte
	cr := append(crBuf[:0], in.Method...)
	cr = append(cr, "\n/\n"...)
	cr = append(cr, in.Query...)
	cr = append(cr, '\n')
	for _, h := range headers {
		cr = append(cr, h.name...)
		cr = append(cr, ':')
		cr = appendLowerTrimmed(cr, h.value)
		cr = append(cr, '\n')
	}
	cr = append(cr, '\n')
	shStart := len(cr)
	for i, h := range headers {
		if i > 0 {
			cr = append(cr, ';')
		}
		cr = append(cr, h.name...)
	}
	shEnd := len(cr)
	cr = append(cr, '\n')
	if in.PayloadHash != "" {
		cr = append(cr, in.PayloadHash...)
	} else {
		sum := sha256.Sum256(in.Payload)
		cr = hex.AppendEncode(cr, sum[:])
	}
	payloadHash := cr[len(cr)-sha256.Size*2:]
	crSum := sha256.Sum256(cr)

	// Step 2: string to sign (2.2). The date is the UTC date of the timestamp.
	var stsBuf [256]byte
	sts := append(stsBuf[:0], Algorithm...)
	sts = append(sts, '\n')
	sts = strconv.AppendInt(sts, in.Timestamp, 10)
	sts = append(sts, '\n')
	scopeStart := len(sts)
	sts = appendDate(sts, in.Timestamp)
	dateEnd := len(sts)
	sts = append(sts, '/')
	sts = append(sts, in.Service...)
	sts = append(sts, "/"+terminator...)
	scopeEnd := len(sts)
	sts = append(sts, '\n')
	sts = hex.AppendEncode(sts, crSum[:])
	date := sts[scopeStart:dateEnd]

	// Step 3: derived key and signature (2.3).
	var keys derivedKeys
	var sig [sha256.Size]byte
	if res != nil {
		keys = deriveKeys(in.Credentials.SecretKey, date, in.Service)
		sig = hmacSHA256(keys.signing[:], sts)
	} else {
		sig = s.signature(in.Credentials.SecretKey, in.Timestamp, date, in.Service, sts)
	}

	// Step 4: Authorization header (2.4).
	var authBuf [512]byte
	auth := append(authBuf[:0], Algorithm+" Credential="...)
	auth = append(auth, in.Credentials.SecretID...)
	auth = append(auth, '/')
	auth = append(auth, sts[scopeStart:scopeEnd]...)
	auth = append(auth, ", SignedHeaders="...)
	auth = append(auth, cr[shStart:shEnd]...)
	auth = append(auth, ", Signature="...)
	sigStart := len(auth)
	auth = hex.AppendEncode(auth, sig[:])
	authorization := string(auth)

	if res != nil {
		*res = Result{
			Timestamp:              in.Timestamp,
			Date:                   string(date),
			PayloadHash:            string(payloadHash),
			CanonicalRequest:       string(cr),
			HashedCanonicalRequest: hex.EncodeToString(crSum[:]),
			CredentialScope:        string(sts[scopeStart:scopeEnd]),
			StringToSign:           string(sts),
			SignedHeaders:          string(cr[shStart:shEnd]),
			SecretDate:             hex.EncodeToString(keys.date[:]),
			SecretService:          hex.EncodeToString(keys.service[:]),
			SecretSigning:          hex.EncodeToString(keys.signing[:]),
			Signature:              authorization[sigStart:],
			Authorization:          authorization,
		}
	}
	return authorization, nil
}

// SignString signs an arbitrary string to sign with the key derived from
// secretKey, date (YYYY-MM-DD, not checked) and service, and returns the
// lower-case hex signature: step 3 of the signature v3 algorithm on its
// own (https://cloud.tencent.com/document/api/213/30654), for tools that compare with a string to sign built elsewhere.
func SignString(secretKey, date, service, stringToSign string) string {
	keys := deriveKeys(secretKey, []byte(date), service)
	sig := hmacSHA256(keys.signing[:], []byte(stringToSign))
	return hex.EncodeToString(sig[:])
}

// validateInput checks the inputs that would otherwise produce a signature
// the gateway must refuse, or a panic further down.
func validateInput(in *Input) error {
	if in == nil {
		return fmt.Errorf("tc3: nil Input")
	}
	if err := in.Credentials.Validate(); err != nil {
		return err
	}
	if err := checkService(in.Service); err != nil {
		return err
	}
	if in.Method != "GET" && in.Method != "POST" {
		return fmt.Errorf("tc3: Method %q is not supported: API 3.0 accepts \"POST\" or \"GET\" (upper case)", in.Method)
	}
	if in.Host == "" {
		return fmt.Errorf("tc3: empty Host: set it to the host the request is sent to, e.g. faceid.tencentcloudapi.com")
	}
	if containsAnyByte(in.Host, " \t\r\n/") {
		return fmt.Errorf("tc3: Host %q must be a bare host name (no scheme, path or spaces), e.g. faceid.tencentcloudapi.com", in.Host)
	}
	if in.ContentType == "" {
		return fmt.Errorf("tc3: empty ContentType: sign the Content-Type actually sent (application/json for POST, application/x-www-form-urlencoded for GET)")
	}
	if containsAnyByte(in.ContentType, "\r\n") {
		return fmt.Errorf("tc3: ContentType contains a line break: remove it")
	}
	if containsAnyByte(in.Query, " \r\n#") {
		return fmt.Errorf("tc3: Query must be the encoded query string as sent (no spaces, line breaks or '#'): encode it with EncodeQuery")
	}
	if in.Timestamp <= 0 {
		return fmt.Errorf("tc3: Timestamp %d is not a Unix time in seconds: use time.Now().Unix()", in.Timestamp)
	}
	if in.Timestamp > 253402300799 { // 9999-12-31T23:59:59Z; beyond it the date has 5 digits
		return fmt.Errorf("tc3: Timestamp %d is after year 9999: pass Unix seconds, not milliseconds", in.Timestamp)
	}
	if in.PayloadHash != "" && !isLowerHex64(in.PayloadHash) {
		return fmt.Errorf("tc3: PayloadHash must be 64 lower-case hex characters (hex.EncodeToString of sha256.Sum256 of the body), got %d characters", len(in.PayloadHash))
	}
	return nil
}

// appendDate appends the UTC date of a Unix timestamp as YYYY-MM-DD, the
// credential-scope date (UTC, never local time: https://cloud.tencent.com/document/api/213/30654).
func appendDate(dst []byte, ts int64) []byte {
	y, m, d := time.Unix(ts, 0).UTC().Date()
	return append(dst, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10))
}

// containsAnyByte is strings.ContainsAny for ASCII sets, without building a set.
func containsAnyByte(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(chars, s[i]) >= 0 {
			return true
		}
	}
	return false
}

func isLowerHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func checkService(service string) error {
	if service == "" {
		return fmt.Errorf("tc3: empty Service: set it to the product name, the first label of its host (\"faceid\")")
	}
	for i := 0; i < len(service); i++ {
		c := service[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return fmt.Errorf("tc3: Service %q must be the lower-case product name, the first label of its host (\"faceid\")", service)
		}
	}
	return nil
}

// CheckService reports, as a warning-level error, a service that is not the
// first label of host: the gateway requires the scope's service to match the
// product domain (https://cloud.tencent.com/document/api/213/30654, "必须与调用的产品域名一致"). Hosts that are
// IP addresses or have no dot (local test servers) are not checked.
func CheckService(service, host string) error {
	h := host
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	label, _, ok := strings.Cut(h, ".")
	if !ok || label == "" || ('0' <= label[0] && label[0] <= '9') || strings.HasPrefix(h, "[") {
		return nil
	}
	if !strings.EqualFold(label, service) {
		return fmt.Errorf("tc3: warning: service %q differs from the host's first label %q (host %s): the gateway expects them to match", service, label, host)
	}
	return nil
}

type canonicalHeader struct {
	name  string // lower-case
	value string // as given; lower-cased and trimmed when written
}

// canonicalHeaders returns content-type, host and in.Headers sorted by
// lower-case name. Keys are lower-cased, and duplicates are refused.
func canonicalHeaders(dst []canonicalHeader, in *Input) ([]canonicalHeader, error) {
	dst = append(dst, canonicalHeader{"content-type", in.ContentType}, canonicalHeader{"host", in.Host})
	for _, h := range in.Headers {
		if !IsToken(h.Name) {
			return nil, fmt.Errorf("tc3: header name %q is not a valid HTTP token: use names like X-TC-Action", h.Name)
		}
		if strings.ContainsAny(h.Value, "\r\n") {
			return nil, fmt.Errorf("tc3: header %s value contains a line break: remove it", h.Name)
		}
		name := h.Name
		if !isLowerASCII(name) {
			name = strings.ToLower(name)
		}
		dst = append(dst, canonicalHeader{name, h.Value})
	}
	// Insertion sort: a handful of headers, no allocation.
	for i := 1; i < len(dst); i++ {
		for j := i; j > 0 && dst[j].name < dst[j-1].name; j-- {
			dst[j], dst[j-1] = dst[j-1], dst[j]
		}
	}
	for i := 1; i < len(dst); i++ {
		if dst[i].name == dst[i-1].name {
			return nil, fmt.Errorf("tc3: header %q is signed twice: content-type and host are always signed, list only the extra headers", dst[i].name)
		}
	}
	return dst, nil
}

// appendLowerTrimmed appends v trimmed of surrounding white space and lower-cased,
// as the canonical header rule says.
func appendLowerTrimmed(dst []byte, v string) []byte {
	v = strings.TrimSpace(v)
	for i := 0; i < len(v); i++ {
		if v[i] >= 0x80 {
			return append(dst, strings.ToLower(v)...)
		}
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return false
		}
	}
	return true
}

// IsToken reports whether s is an RFC 9110 token, the grammar of header
// names and methods.
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
