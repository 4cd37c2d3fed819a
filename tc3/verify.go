package tc3

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Request size limits of API 3.0 (tc3-signing.md section 3.2; KB and MB are
// 1024-based, as the SDK code that implemented them counts).
const (
	MaxGETURLBytes  = 32 * 1024        // a GET request's URL, v1 or TC3
	MaxV1BodyBytes  = 1 * 1024 * 1024  // a v1 (HmacSHA1/HmacSHA256) POST body
	MaxTC3BodyBytes = 10 * 1024 * 1024 // a TC3-HMAC-SHA256 POST body
)

// MaxSkew is how far X-TC-Timestamp may be from the server's clock before the
// gateway answers AuthFailure.SignatureExpire (tc3-signing.md 3.3).
const MaxSkew = 5 * time.Minute

// VerifyError is why the gateway would refuse a request: Code is the error
// code it answers with (tc3-signing.md sections 7 and 9), Message says what
// differed and how to fix it.
type VerifyError struct {
	Code    string
	Message string
}

func (e *VerifyError) Error() string { return "tc3: " + e.Code + ": " + e.Message }

func verifyErr(code, format string, args ...any) *VerifyError {
	return &VerifyError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Authorization is a parsed TC3 Authorization header.
type Authorization struct {
	Algorithm     string
	SecretID      string
	Date          string // from the credential scope
	Service       string
	Terminator    string // "tc3_request"
	SignedHeaders []string
	Signature     string
}

// String prints the parsed header without its signature.
func (a Authorization) String() string {
	return "tc3.Authorization{Credential: " + a.SecretID + "/" + a.CredentialScope() + ", SignedHeaders: " + strings.Join(a.SignedHeaders, ";") + ", Signature: " + Redact(a.Signature) + "}"
}

// GoString is String, so %#v redacts too.
func (a Authorization) GoString() string { return a.String() }

// Format makes every fmt verb print the redacted form.
func (a Authorization) Format(f fmt.State, _ rune) { io.WriteString(f, a.String()) }

// CredentialScope is Date/Service/Terminator as it appeared in the header.
func (a *Authorization) CredentialScope() string {
	return a.Date + "/" + a.Service + "/" + a.Terminator
}

// ParseAuthorization parses "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request,
// SignedHeaders=a;b, Signature=HEX" (tc3-signing.md 2.4). Errors are
// *VerifyError with code AuthFailure.InvalidAuthorization, naming the part
// that is wrong.
func ParseAuthorization(v string) (*Authorization, error) {
	bad := func(format string, args ...any) error {
		return verifyErr("AuthFailure.InvalidAuthorization", format, args...)
	}
	alg, rest, ok := strings.Cut(v, " ")
	if !ok {
		return nil, bad("Authorization must be \"%s Credential=..., SignedHeaders=..., Signature=...\"", Algorithm)
	}
	if alg != Algorithm {
		return nil, bad("algorithm %q is not %s", alg, Algorithm)
	}
	a := &Authorization{Algorithm: alg}
	parts := strings.Split(rest, ",")
	if len(parts) != 3 {
		return nil, bad("Authorization has %d comma-separated parts, want Credential=, SignedHeaders= and Signature=", len(parts))
	}
	want := []string{"Credential=", "SignedHeaders=", "Signature="}
	for i, p := range parts {
		p = strings.TrimLeft(p, " ")
		if !strings.HasPrefix(p, want[i]) {
			return nil, bad("part %d is %q, want it to start with %q (order Credential, SignedHeaders, Signature, separated by \", \")", i+1, truncate(p, 40), want[i])
		}
		parts[i] = strings.TrimSpace(p[len(want[i]):])
	}
	cred := strings.Split(parts[0], "/")
	if len(cred) != 4 {
		return nil, bad("Credential=%s must be SecretId/YYYY-MM-DD/service/tc3_request", parts[0])
	}
	a.SecretID, a.Date, a.Service, a.Terminator = cred[0], cred[1], cred[2], cred[3]
	if a.SecretID == "" {
		return nil, bad("Credential has an empty SecretId")
	}
	if _, err := time.Parse(time.DateOnly, a.Date); err != nil {
		return nil, bad("credential scope date %q is not YYYY-MM-DD", a.Date)
	}
	if a.Terminator != terminator {
		return nil, bad("credential scope ends in %q, want %q", a.Terminator, terminator)
	}
	if parts[1] == "" {
		return nil, bad("SignedHeaders is empty; it must contain at least content-type;host")
	}
	a.SignedHeaders = strings.Split(parts[1], ";")
	a.Signature = parts[2]
	if len(a.Signature) != 64 {
		return nil, bad("Signature must be 64 hex characters, got %d", len(a.Signature))
	}
	return a, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// VerifyOptions configure Verify.
type VerifyOptions struct {
	// Credentials returns the credentials of a SecretId, or false when the
	// SecretId is unknown (AuthFailure.SecretIdNotFound). A non-empty Token
	// must then be presented with the request (AuthFailure.TokenFailure).
	Credentials func(secretID string) (Credentials, bool)
	// Service is the product the server stands for; the credential scope must
	// name it. Empty requires the first label of the Host, and accepts any
	// service for IP addresses and single-label hosts (local test servers).
	Service string
	// Now is the server's clock for the 5-minute window.
	Now time.Time
}

// Verified describes a request whose signature checks out.
type Verified struct {
	SignatureMethod string // TC3-HMAC-SHA256, HmacSHA1 or HmacSHA256
	SecretID        string
	// Action, Version, Region and Language are the common parameters, from the
	// X-TC-* headers (TC3) or the parameters (v1).
	Action, Version, Region, Language string
	// Params are the v1 parameters (nil for TC3).
	Params map[string]string
	// Result is our TC3 computation (nil for v1).
	Result *Result
}

// String describes the verified request; the v1 Token and Signature
// parameters and the TC3 derived keys are redacted.
func (v Verified) String() string {
	return fmt.Sprintf("tc3.Verified{SignatureMethod: %s, SecretID: %s, Action: %s, Version: %s, Region: %s, %d params}",
		v.SignatureMethod, v.SecretID, v.Action, v.Version, v.Region, len(v.Params))
}

// GoString is String, so %#v redacts too.
func (v Verified) GoString() string { return v.String() }

// Format makes every fmt verb print the redacted form.
func (v Verified) Format(f fmt.State, _ rune) { io.WriteString(f, v.String()) }

// GETURLBytes is the size Tencent's 32 KB GET limit applies to: the length
// of the whole URL, https://host/path?query, as the SDK's checkRequestSize
// measured it (tc3-signing.md 3.2). requestURI is the path and query.
func GETURLBytes(host, requestURI string) int {
	return len("https://") + len(host) + len(requestURI)
}

// Verify checks a received request as the API 3.0 gateway does: size limits,
// content type per signature method, timestamp window, SecretId, token, and
// the signature (TC3 when an Authorization header is present, v1 otherwise),
// compared in constant time. body is the request body already read. When
// the request is at fault the error is a *VerifyError carrying the code the
// gateway would answer; a misconfigured opts gives a plain error.
func Verify(r *http.Request, body []byte, opts VerifyOptions) (*Verified, error) {
	// Configuration mistakes of the verifier, not of the request: plain errors.
	if opts.Credentials == nil {
		return nil, fmt.Errorf("tc3: VerifyOptions.Credentials is nil: pass a lookup from SecretId to Credentials")
	}
	if opts.Now.IsZero() {
		return nil, fmt.Errorf("tc3: VerifyOptions.Now is zero: pass the server's clock (time.Now()), which the 5-minute window is checked against")
	}
	if r == nil || r.URL == nil {
		return nil, fmt.Errorf("tc3: nil request")
	}
	if r.Method != "GET" && r.Method != "POST" {
		return nil, verifyErr("UnsupportedProtocol", "method %s is not supported: only GET and POST", r.Method)
	}
	if r.Method == "GET" {
		if n := GETURLBytes(r.Host, r.URL.RequestURI()); n > MaxGETURLBytes {
			return nil, verifyErr("RequestSizeLimitExceeded", "GET URL is %d bytes, over the %d-byte limit: use POST", n, MaxGETURLBytes)
		}
	} else if len(body) > MaxTC3BodyBytes {
		return nil, verifyErr("RequestSizeLimitExceeded", "body is %d bytes, over the %d-byte limit of TC3-HMAC-SHA256", len(body), MaxTC3BodyBytes)
	}
	if r.Header.Get("Authorization") != "" {
		return verifyTC3(r, body, opts)
	}
	return verifyV1(r, body, opts)
}

func verifyTC3(r *http.Request, body []byte, opts VerifyOptions) (*Verified, error) {
	auth, err := ParseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return nil, err
	}
	mediaType := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]))
	switch {
	case r.Method == "GET" && mediaType != "application/x-www-form-urlencoded":
		return nil, verifyErr("InvalidParameter", "a GET must send Content-Type application/x-www-form-urlencoded, got %q", r.Header.Get("Content-Type"))
	case r.Method == "POST" && mediaType == "application/x-www-form-urlencoded":
		return nil, verifyErr("InvalidParameter", "a POST with Content-Type application/x-www-form-urlencoded must use signature v1 (HmacSHA1/HmacSHA256); TC3-HMAC-SHA256 POSTs send application/json")
	case r.Method == "POST" && mediaType != "application/json" && mediaType != "multipart/form-data":
		return nil, verifyErr("InvalidParameter", "Content-Type %q is not supported: TC3-HMAC-SHA256 POSTs send application/json", r.Header.Get("Content-Type"))
	}
	tsText := r.Header.Get("X-TC-Timestamp")
	if tsText == "" {
		return nil, verifyErr("MissingParameter", "the X-TC-Timestamp header is missing: send the Unix time in seconds that was signed")
	}
	ts, err := strconv.ParseInt(tsText, 10, 64)
	if err != nil || ts <= 0 {
		return nil, verifyErr("InvalidParameter", "X-TC-Timestamp %q is not a Unix time in seconds", truncate(tsText, 20))
	}
	if err := checkSkew(ts, opts.Now); err != nil {
		return nil, err
	}
	cred, ok := opts.Credentials(auth.SecretID)
	if !ok {
		return nil, verifyErr("AuthFailure.SecretIdNotFound", "SecretId %s is not known: check it was copied whole, without spaces", auth.SecretID)
	}
	if err := checkToken(cred.Token, r.Header.Get("X-TC-Token")); err != nil {
		return nil, err
	}
	if want := utcDate(ts); auth.Date != want {
		return nil, verifyErr("AuthFailure.SignatureFailure", "credential scope date %s differs from %s, the UTC date of X-TC-Timestamp %d: compute the date in UTC, not local time", auth.Date, want, ts)
	}
	if opts.Service != "" && auth.Service != opts.Service {
		return nil, verifyErr("AuthFailure.SignatureFailure", "credential scope service %q must be %q, the product of host %s", auth.Service, opts.Service, r.Host)
	}
	if opts.Service == "" && CheckService(auth.Service, r.Host) != nil {
		label, _, _ := strings.Cut(r.Host, ".")
		return nil, verifyErr("AuthFailure.SignatureFailure", "credential scope service %q must be %q, the first label of host %s", auth.Service, label, r.Host)
	}
	in := Input{
		Credentials: cred,
		Service:     auth.Service,
		Method:      r.Method,
		Host:        r.Host,
		Query:       r.URL.RawQuery,
		ContentType: r.Header.Get("Content-Type"),
		Timestamp:   ts,
	}
	var hasCT, hasHost bool
	for i, name := range auth.SignedHeaders {
		switch name {
		case "content-type":
			hasCT = true
		case "host":
			hasHost = true
		default:
			if name != strings.ToLower(name) || (i > 0 && name <= auth.SignedHeaders[i-1]) {
				return nil, verifyErr("AuthFailure.SignatureFailure", "SignedHeaders %s must be lower-case and sorted", strings.Join(auth.SignedHeaders, ";"))
			}
			if len(r.Header.Values(name)) == 0 {
				return nil, verifyErr("AuthFailure.SignatureFailure", "signed header %s is not in the request", name)
			}
			in.Headers = append(in.Headers, Header{Name: name, Value: strings.Join(r.Header.Values(name), ",")})
		}
	}
	if !hasCT || !hasHost {
		return nil, verifyErr("AuthFailure.SignatureFailure", "SignedHeaders %s must include content-type and host", strings.Join(auth.SignedHeaders, ";"))
	}
	if r.Header.Get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD" {
		in.PayloadHash = UnsignedPayloadHash
	} else {
		in.Payload = body
	}
	res, err := Sign(&in)
	if err != nil {
		return nil, verifyErr("AuthFailure.SignatureFailure", "the request cannot be signed: %v", err)
	}
	if res.SignedHeaders != strings.Join(auth.SignedHeaders, ";") {
		return nil, verifyErr("AuthFailure.SignatureFailure", "SignedHeaders %s must be sorted: %s", strings.Join(auth.SignedHeaders, ";"), res.SignedHeaders)
	}
	if !hmac.Equal([]byte(res.Signature), []byte(auth.Signature)) {
		return nil, verifyErr("AuthFailure.SignatureFailure",
			"signature does not match. The server's canonical request is %q and its string to sign is %q: compare them with yours (payload SHA-256 %s over %d body bytes)",
			res.CanonicalRequest, res.StringToSign, res.PayloadHash, len(body))
	}
	return &Verified{
		SignatureMethod: Algorithm,
		SecretID:        auth.SecretID,
		Action:          r.Header.Get("X-TC-Action"),
		Version:         r.Header.Get("X-TC-Version"),
		Region:          r.Header.Get("X-TC-Region"),
		Language:        r.Header.Get("X-TC-Language"),
		Result:          res,
	}, nil
}

func verifyV1(r *http.Request, body []byte, opts VerifyOptions) (*Verified, error) {
	raw := r.URL.RawQuery
	if r.Method == "POST" {
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "application/x-www-form-urlencoded") {
			return nil, verifyErr("AuthFailure.InvalidAuthorization", "no Authorization header, and a v1 POST must send Content-Type application/x-www-form-urlencoded (got %q): sign with TC3-HMAC-SHA256 and send Authorization", ct)
		}
		if len(body) > MaxV1BodyBytes {
			// The gateway's own wording (tc3-signing.md 3.2, FaceID guide 1007/33464).
			return nil, verifyErr("AuthFailure.SignatureFailure", "The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`. (body %d bytes, v1 limit %d)", len(body), MaxV1BodyBytes)
		}
		raw = string(body)
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return nil, verifyErr("InvalidParameter", "parameters are not valid URL encoding: %v", err)
	}
	params := make(map[string]string, len(values))
	for k, v := range values {
		if len(v) > 1 {
			return nil, verifyErr("InvalidParameter", "parameter %s is given %d times", k, len(v))
		}
		params[k] = v[0]
	}
	for _, k := range []string{"Action", "Timestamp", "Nonce", "SecretId", "Signature"} {
		if params[k] == "" {
			return nil, verifyErr("MissingParameter", "the %s parameter is missing (no Authorization header, so this is read as a v1 request)", k)
		}
	}
	ts, err := strconv.ParseInt(params["Timestamp"], 10, 64)
	if err != nil || ts <= 0 {
		return nil, verifyErr("InvalidParameter", "Timestamp %q is not a Unix time in seconds", truncate(params["Timestamp"], 20))
	}
	if err := checkSkew(ts, opts.Now); err != nil {
		return nil, err
	}
	if sm := params["SignatureMethod"]; sm != "" && sm != HmacSHA1 && sm != HmacSHA256 {
		return nil, verifyErr("InvalidParameter", "SignatureMethod %q must be HmacSHA1 or HmacSHA256", sm)
	}
	cred, ok := opts.Credentials(params["SecretId"])
	if !ok {
		return nil, verifyErr("AuthFailure.SecretIdNotFound", "SecretId %s is not known: check it was copied whole, without spaces", params["SecretId"])
	}
	if err := checkToken(cred.Token, params["Token"]); err != nil {
		return nil, err
	}
	method := V1SignatureMethod(params)
	sts := V1StringToSign(r.Method, r.Host, r.URL.Path, params)
	want, err := V1Signature(method, cred.SecretKey, sts)
	if err != nil {
		return nil, verifyErr("AuthFailure.SignatureFailure", "%v", err)
	}
	if !hmac.Equal([]byte(want), []byte(params["Signature"])) {
		return nil, verifyErr("AuthFailure.SignatureFailure", "%s signature does not match. The server's string to sign is %q: sort parameters by name, use raw (decoded) values, and prefix METHOD+host+path+\"?\"", method, redactV1(sts))
	}
	return &Verified{
		SignatureMethod: method,
		SecretID:        params["SecretId"],
		Action:          params["Action"],
		Version:         params["Version"],
		Region:          params["Region"],
		Language:        params["Language"],
		Params:          params,
	}, nil
}

func checkSkew(ts int64, now time.Time) error {
	d := now.Sub(time.Unix(ts, 0))
	if d > MaxSkew || d < -MaxSkew {
		return verifyErr("AuthFailure.SignatureExpire", "timestamp %d is %s away from the server time %d; the limit is %s: sync the clock and sign each attempt afresh", ts, d.Abs().Round(time.Second), now.Unix(), MaxSkew)
	}
	return nil
}

func checkToken(want, got string) error {
	if want == "" && got == "" {
		return nil
	}
	if want == "" {
		return verifyErr("AuthFailure.TokenFailure", "a token was sent with permanent credentials: send X-TC-Token only with temporary credentials")
	}
	if !hmac.Equal([]byte(want), []byte(got)) {
		if got == "" {
			return verifyErr("AuthFailure.TokenFailure", "temporary credentials need their token: send X-TC-Token (TC3) or the Token parameter (v1)")
		}
		return verifyErr("AuthFailure.TokenFailure", "the token does not belong to this SecretId")
	}
	return nil
}

func utcDate(ts int64) string { return time.Unix(ts, 0).UTC().Format(time.DateOnly) }

// PayloadHash returns the lower-case hex SHA-256 of body, the value to pass
// as Input.PayloadHash when one body is signed several times.
func PayloadHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}
