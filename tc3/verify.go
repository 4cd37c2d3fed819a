package tc3

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Request size limits of API 3.0 (https://cloud.tencent.com/document/product/1278/46710; KB and MB are 1024-based, as the
// SDK code that implemented them counted).
const (
	MaxGETURLBytes  = 32 * 1024        // a GET request's URL, v1 or TC3
	MaxV1BodyBytes  = 1 * 1024 * 1024  // a v1 (HmacSHA1/HmacSHA256) POST body
	MaxTC3BodyBytes = 10 * 1024 * 1024 // a TC3-HMAC-SHA256 POST body
)

// MaxSkew is how far X-TC-Timestamp may be from the server's clock before the
// gateway answers AuthFailure.SignatureExpire (https://cloud.tencent.com/document/product/1278/46710).
const MaxSkew = 5 * time.Minute

// VerifyError is why the gateway would refuse a request: Code is the error
// code it answers with (https://cloud.tencent.com/document/product/1778/111040), Message says what
// differed and how to fix it.
type VerifyError struct {
	Code    string
	Message string
	Check   string // the Finding.Check that failed
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
// SignedHeaders=a;b, Signature=HEX" (https://cloud.tencent.com/document/api/213/30654). Errors are
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
			// Name the part, never quote its value: it may be the signature.
			name, _, _ := strings.Cut(p, "=")
			return nil, bad("part %d is %q..., want it to start with %q (order Credential, SignedHeaders, Signature, separated by \", \")", i+1, truncate(name, 40), want[i])
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
	if a.Signature == "" {
		return nil, bad("Signature is empty")
	}
	// Its length and case are checked by Check (signature-format), so that
	// a truncated signature is named rather than called unparseable.
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
	// name it. Empty requires the first label of the Host, and for IP
	// addresses and single-label hosts (local test servers) accepts any
	// product name but not a number such as "127" (see ServiceFinding).
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
// measured it. requestURI is the path and query.
func GETURLBytes(host, requestURI string) int {
	return len("https://") + len(host) + len(requestURI)
}

// Verify checks a received request as the API 3.0 gateway does (see Check
// for the list): it returns the first failed finding as a *VerifyError
// carrying the code the gateway would answer. A misconfigured opts gives a
// plain error.
func Verify(r *http.Request, body []byte, opts VerifyOptions) (*Verified, error) {
	v, fs, err := Check(r, body, opts)
	if err != nil {
		return nil, err
	}
	if f := FirstFailure(fs); f != nil {
		return nil, &VerifyError{Code: f.Code, Message: f.Message(), Check: f.Check}
	}
	return v, nil
}

func utcDate(ts int64) string { return time.Unix(ts, 0).UTC().Format(time.DateOnly) }

// PayloadHash returns the lower-case hex SHA-256 of body, the value to pass
// as Input.PayloadHash when one body is signed several times.
func PayloadHash(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}
