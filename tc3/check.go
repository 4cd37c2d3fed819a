package tc3

import (
	"crypto/hmac"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Finding is the outcome of one of the gateway's checks on a request. The
// checks are the rules of Tencent Cloud API 3.0 signing
// (https://cloud.tencent.com/document/api/213/30654 for TC3-HMAC-SHA256,
// https://cloud.tencent.com/document/api/1007/31325 for v1, and the request
// structure page https://cloud.tencent.com/document/product/1278/46710).
type Finding struct {
	// Check names the rule: method, size, authorization, content-type,
	// path, body, timestamp, secret-id, token, scope-date, service,
	// signed-headers, signature-format, signature (TC3); method, size,
	// content-type, body, encoding, parameters, timestamp,
	// signature-method, secret-id, token, signature-format, signature (v1).
	Check string `json:"check"`
	Pass  bool   `json:"pass"`
	// Code is the error code the gateway answers when the check fails.
	Code string `json:"code,omitempty"`
	// Reason says what the request does; Fix what to change (failures only).
	Reason string `json:"reason"`
	Fix    string `json:"fix,omitempty"`
}

// Message is the reason and the fix in one sentence: the Error.Message a
// refusal carries.
func (f Finding) Message() string {
	if f.Fix == "" {
		return f.Reason
	}
	return f.Reason + ": " + f.Fix
}

// FirstFailure returns the first failed finding, or nil when every check
// passed: the one the gateway answers with.
func FirstFailure(fs []Finding) *Finding {
	for i := range fs {
		if !fs[i].Pass {
			return &fs[i]
		}
	}
	return nil
}

// Check runs the gateway's checks on a received request, in the gateway's
// order, and returns one finding per check it could make. A check whose
// inputs are missing (a signature when the SecretId is unknown, say) is left
// out rather than reported. Verified is non-nil only when every finding
// passed. The error is for a misconfigured opts only; everything wrong with
// the request is a failed Finding. body is the request body already read.
func Check(r *http.Request, body []byte, opts VerifyOptions) (*Verified, []Finding, error) {
	// Configuration mistakes of the verifier, not of the request: plain errors.
	if opts.Credentials == nil {
		return nil, nil, fmt.Errorf("tc3: VerifyOptions.Credentials is nil: pass a lookup from SecretId to Credentials")
	}
	if opts.Now.IsZero() {
		return nil, nil, fmt.Errorf("tc3: VerifyOptions.Now is zero: pass the server's clock (time.Now()), which the 5-minute window is checked against")
	}
	if r == nil || r.URL == nil {
		return nil, nil, fmt.Errorf("tc3: nil request")
	}
	c := &checker{r: r, body: body, opts: opts}
	if r.Method != "GET" && r.Method != "POST" {
		c.fail("method", "UnsupportedProtocol", fmt.Sprintf("method %s is not supported", r.Method), "send GET or POST")
		return nil, c.fs, nil
	}
	if r.Method == "GET" {
		if n := GETURLBytes(r.Host, r.URL.RequestURI()); n > MaxGETURLBytes {
			c.fail("size", "RequestSizeLimitExceeded", fmt.Sprintf("GET URL is %d bytes, over the %d-byte limit", n, MaxGETURLBytes), "use POST")
			return nil, c.fs, nil
		}
	} else if len(body) > MaxTC3BodyBytes {
		c.fail("size", "RequestSizeLimitExceeded", fmt.Sprintf("body is %d bytes, over the %d-byte limit of TC3-HMAC-SHA256", len(body), MaxTC3BodyBytes), "send large media by URL")
		return nil, c.fs, nil
	}
	var v *Verified
	if len(r.Header.Values("Authorization")) > 0 {
		v = c.tc3()
	} else {
		v = c.v1()
	}
	if FirstFailure(c.fs) != nil {
		return nil, c.fs, nil
	}
	return v, c.fs, nil
}

type checker struct {
	r    *http.Request
	body []byte
	opts VerifyOptions
	fs   []Finding
}

func (c *checker) pass(check, format string, args ...any) {
	c.fs = append(c.fs, Finding{Check: check, Pass: true, Reason: fmt.Sprintf(format, args...)})
}

func (c *checker) fail(check, code, reason, fix string) {
	c.fs = append(c.fs, Finding{Check: check, Code: code, Reason: reason, Fix: fix})
}

// single returns the one value of header name; ok is false (and a failed
// finding recorded) when the header is sent more than once: a proxy or the
// gateway may take either copy, so a request must carry one.
func (c *checker) single(check, code, name string) (string, bool) {
	vs := c.r.Header.Values(name)
	if len(vs) > 1 {
		c.fail(check, code, fmt.Sprintf("the %s header is sent %d times", name, len(vs)), "send it exactly once")
		return "", false
	}
	if len(vs) == 0 {
		return "", true
	}
	return vs[0], true
}

// noBody is the rule that a GET carries no body: its parameters are in the
// query and its payload hash is that of the empty string.
func (c *checker) noBody() {
	if c.r.Method == "GET" && len(c.body) > 0 {
		c.fail("body", "InvalidParameter", fmt.Sprintf("the GET carries a %d-byte body", len(c.body)), "send the parameters in the query and no body (a TC3 GET signs the SHA-256 of the empty payload), or use POST")
	}
}

// ParseTimestamp reads X-TC-Timestamp or the v1 Timestamp parameter: the
// exact decimal Unix time in seconds, as signed. A sign, leading zeros or
// spaces are refused: the value is signed as text, so "+1795750620" and
// "1795750620" are different requests.
func ParseTimestamp(s string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("tc3: the timestamp is empty")
	}
	if len(s) > 19 {
		return 0, fmt.Errorf("tc3: timestamp %q is too long", truncate(s, 24))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("tc3: timestamp %q is not a decimal number (byte %d is %q): send the Unix time in seconds as plain digits", truncate(s, 24), i, s[i])
		}
	}
	if s[0] == '0' {
		return 0, fmt.Errorf("tc3: timestamp %q has a leading zero: send the Unix time in seconds without padding", truncate(s, 24))
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("tc3: timestamp %q is out of range", truncate(s, 24))
	}
	return n, nil
}

// timestamp checks the timestamp's form and the 5-minute window.
func (c *checker) timestamp(name, text string) (int64, bool) {
	ts, err := ParseTimestamp(text)
	if err != nil {
		c.fail("timestamp", "InvalidParameter", fmt.Sprintf("%s %q is not the exact decimal Unix time in seconds (%s)", name, truncate(text, 24), strings.TrimPrefix(err.Error(), "tc3: ")), "send the Unix time in seconds as plain digits, the same text that was signed")
		return 0, false
	}
	d := c.opts.Now.Sub(time.Unix(ts, 0))
	if d > MaxSkew || d < -MaxSkew {
		reason := fmt.Sprintf("timestamp %d is %s away from the server time %d; the limit is %s", ts, d.Abs().Round(time.Second), c.opts.Now.Unix(), MaxSkew)
		fix := "sync the clock and sign each attempt afresh"
		if ts > 100_000_000_000 {
			fix = "it looks like milliseconds: send seconds"
		}
		c.fail("timestamp", "AuthFailure.SignatureExpire", reason, fix)
		return ts, false
	}
	c.pass("timestamp", "%s %d (%s) is %s from the server time", name, ts, time.Unix(ts, 0).UTC().Format(time.RFC3339), d.Abs().Round(time.Second))
	return ts, true
}

func (c *checker) credentials(id string) (Credentials, bool) {
	cred, ok := c.opts.Credentials(id)
	if !ok {
		c.fail("secret-id", "AuthFailure.SecretIdNotFound", fmt.Sprintf("SecretId %s is not known", id), "check it was copied whole, without spaces, and that the server is configured with the key pair the request was signed with")
		return cred, false
	}
	c.pass("secret-id", "SecretId %s is known", id)
	return cred, true
}

func (c *checker) token(want, got string, where string) bool {
	switch {
	case want == "" && got == "":
		return true
	case want == "":
		c.fail("token", "AuthFailure.TokenFailure", "a token was sent with permanent credentials", "send "+where+" only with temporary credentials")
		return false
	case got == "":
		c.fail("token", "AuthFailure.TokenFailure", "temporary credentials need their token", "send "+where)
		return false
	case !hmac.Equal([]byte(want), []byte(got)):
		c.fail("token", "AuthFailure.TokenFailure", "the token does not belong to this SecretId", "send the token issued with this temporary SecretId")
		return false
	}
	c.pass("token", "the token belongs to the SecretId")
	return true
}

// ServiceFinding is the rule on the credential scope's service: it must be
// the product the server stands for (want), or, when want is empty, the
// first label of a Tencent Cloud host. For an IP address or a single-label
// host with want empty, any product name is accepted but not a number: a
// service "127" is what an SDK derives from the endpoint 127.0.0.1. The
// same words serve tc3sign verify and the faceidtest stand-in.
func ServiceFinding(scope, want, host string) Finding {
	h := stripPort(host)
	first, _, _ := strings.Cut(h, ".")
	local := IsLocalHost(h)
	if want == "" && !local {
		want = strings.ToLower(first)
	}
	f := Finding{Check: "service"}
	if want != "" && scope == want {
		f.Pass = true
		f.Reason = fmt.Sprintf("credential scope service %q is the product of host %s", scope, host)
		return f
	}
	if want == "" && scope != "" && !isDigits(scope) {
		f.Pass = true
		f.Reason = fmt.Sprintf("credential scope service %q (host %s is not a Tencent Cloud domain, so any product is accepted)", scope, host)
		return f
	}
	f.Code = "AuthFailure.SignatureFailure"
	product := want
	if product == "" {
		product = "the product's name, e.g. faceid"
		f.Reason = fmt.Sprintf("credential scope service %q is not a product name (host %s)", scope, host)
	} else {
		f.Reason = fmt.Sprintf("credential scope service %q must be %q, the product of host %s", scope, want, host)
		product = strconv.Quote(want)
	}
	switch {
	case local && strings.EqualFold(scope, first):
		f.Fix = fmt.Sprintf("the client took the service from the first label of its endpoint %s; a local stand-in needs the real endpoint name: keep the endpoint %s.tencentcloudapi.com with scheme http and set the client's HTTP proxy to %s (tc3sign serve accepts proxied requests), or configure the SDK's service as %s", h, orFaceID(want), host, product)
	case !local && labelIndex(h, scope) > 0:
		f.Fix = fmt.Sprintf("%q is label %d of the host; the service is the first label, also on regional hosts: sign with %s", scope, labelIndex(h, scope)+1, product)
	default:
		f.Fix = "sign with service " + product
	}
	return f
}

func orFaceID(s string) string {
	if s == "" {
		return "faceid"
	}
	return s
}

func labelIndex(host, label string) int {
	for i, l := range strings.Split(strings.ToLower(host), ".") {
		if l == label {
			return i
		}
	}
	return -1
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// stripPort removes a :port from host (IPv6 literals keep their brackets).
func stripPort(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		if strings.Contains(h, ":") {
			return "[" + h + "]"
		}
		return h
	}
	return host
}

// IsLocalHost reports whether host (without port) is an IP address or a
// single-label name such as localhost: not a Tencent Cloud endpoint, so its
// first label is not a product.
func IsLocalHost(h string) bool {
	if strings.HasPrefix(h, "[") || net.ParseIP(h) != nil {
		return true
	}
	first, _, _ := strings.Cut(h, ".")
	return !strings.Contains(h, ".") || isDigits(first)
}

// authorizationLayout returns what differs between header and the exact
// layout "TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...",
// or "" when it is exact.
func authorizationLayout(header string, a *Authorization) string {
	exact := Algorithm + " Credential=" + a.SecretID + "/" + a.CredentialScope() + ", SignedHeaders=" + strings.Join(a.SignedHeaders, ";") + ", Signature=" + a.Signature
	if header == exact {
		return ""
	}
	_, rest, _ := strings.Cut(header, " ")
	switch {
	case strings.HasPrefix(rest, " "):
		return "more than one space after " + Algorithm
	case strings.HasSuffix(header, " ") || strings.HasSuffix(header, "\t"):
		return "trailing spaces after the signature"
	case strings.Contains(header, ",SignedHeaders=") || strings.Contains(header, ",Signature="):
		return "no space after a comma"
	case strings.Contains(header, ",  "):
		return "more than one space after a comma"
	case strings.Contains(header, " ,"):
		return "a space before a comma"
	}
	i := 0
	for i < len(header) && i < len(exact) && header[i] == exact[i] {
		i++
	}
	return fmt.Sprintf("it differs from the documented layout at byte %d", i)
}

func (c *checker) tc3() *Verified {
	r := c.r
	header, ok := c.single("authorization", "AuthFailure.InvalidAuthorization", "Authorization")
	if !ok {
		return nil
	}
	auth, err := ParseAuthorization(header)
	if err != nil {
		ve := err.(*VerifyError)
		c.fail("authorization", ve.Code, ve.Message, `write "TC3-HMAC-SHA256 Credential=SecretId/YYYY-MM-DD/service/tc3_request, SignedHeaders=content-type;host, Signature=<64 lower-case hex>"`)
		return nil
	}
	if p := authorizationLayout(header, auth); p != "" {
		c.fail("authorization", "AuthFailure.InvalidAuthorization", "the Authorization header is not in the exact layout: "+p,
			`write exactly "TC3-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." with one space after the algorithm, ", " between the parts and nothing after the signature`)
	} else {
		c.pass("authorization", "Authorization is in the documented layout, Credential=%s/%s", auth.SecretID, auth.CredentialScope())
	}

	ct, ctOK := c.single("content-type", "InvalidParameter", "Content-Type")
	if ctOK {
		media := strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
		switch {
		case r.Method == "GET" && media != "application/x-www-form-urlencoded":
			c.fail("content-type", "InvalidParameter", fmt.Sprintf("a GET sends Content-Type %q", ct), "send Content-Type application/x-www-form-urlencoded (and sign it)")
		case r.Method == "POST" && media == "application/x-www-form-urlencoded":
			c.fail("content-type", "InvalidParameter", "a POST with Content-Type application/x-www-form-urlencoded must use signature v1 (HmacSHA1/HmacSHA256)", "send TC3-HMAC-SHA256 POSTs as application/json")
		case r.Method == "POST" && media != "application/json" && media != "multipart/form-data":
			c.fail("content-type", "InvalidParameter", fmt.Sprintf("Content-Type %q is not supported", ct), "send TC3-HMAC-SHA256 POSTs as application/json")
		default:
			c.pass("content-type", "Content-Type %q for %s", ct, r.Method)
		}
	}
	if p := r.URL.Path; p != "/" && p != "" {
		c.fail("path", "InvalidParameter", fmt.Sprintf("the request goes to path %q", truncate(p, 60)), "send API 3.0 requests to path /, the CanonicalURI every signer uses")
	}
	c.noBody()

	tsText, tsOne := c.single("timestamp", "InvalidParameter", "X-TC-Timestamp")
	var ts int64
	tsOK := false
	switch {
	case !tsOne:
	case len(r.Header.Values("X-TC-Timestamp")) == 0:
		c.fail("timestamp", "MissingParameter", "the X-TC-Timestamp header is missing", "send the Unix time in seconds that was signed")
	default:
		ts, tsOK = c.timestamp("X-TC-Timestamp", tsText)
	}
	cred, idOK := c.credentials(auth.SecretID)
	tokOK := true
	if idOK {
		tokOK = c.token(cred.Token, r.Header.Get("X-TC-Token"), "X-TC-Token")
	}
	dateOK := false
	if ts > 0 {
		if want := utcDate(ts); auth.Date != want {
			fix := "compute the date in UTC from the same timestamp"
			if auth.Date == time.Unix(ts, 0).In(time.FixedZone("UTC+8", 8*3600)).Format(time.DateOnly) {
				fix = "it is the UTC+8 (Beijing) date: compute the date in UTC, not local time"
			}
			c.fail("scope-date", "AuthFailure.SignatureFailure", fmt.Sprintf("credential scope date %s differs from %s, the UTC date of X-TC-Timestamp %d", auth.Date, want, ts), fix)
		} else {
			dateOK = true
			c.pass("scope-date", "credential scope date %s is the UTC date of the timestamp", auth.Date)
		}
	}
	sf := ServiceFinding(auth.Service, c.opts.Service, r.Host)
	c.fs = append(c.fs, sf)
	service := c.opts.Service
	if service == "" {
		service = auth.Service
	}

	in := Input{
		Credentials: cred,
		Service:     service,
		Method:      r.Method,
		Host:        r.Host,
		Query:       r.URL.RawQuery,
		ContentType: ct,
		Timestamp:   ts,
	}
	var hasCT, hasHost bool
	shOK := true
	for i, name := range auth.SignedHeaders {
		if name != strings.ToLower(name) || (i > 0 && name <= auth.SignedHeaders[i-1]) {
			c.fail("signed-headers", "AuthFailure.SignatureFailure", fmt.Sprintf("SignedHeaders %s are not lower-case and sorted", strings.Join(auth.SignedHeaders, ";")), "list the signed header names in lower case, sorted in ASCII order, separated by ;")
			shOK = false
			break
		}
		switch name {
		case "content-type":
			hasCT = true
		case "host":
			hasHost = true
		default:
			if len(r.Header.Values(name)) == 0 {
				c.fail("signed-headers", "AuthFailure.SignatureFailure", fmt.Sprintf("signed header %s is not in the request", name), "send every header named in SignedHeaders, or leave it out of SignedHeaders")
				shOK = false
			}
			in.Headers = append(in.Headers, Header{Name: name, Value: strings.Join(r.Header.Values(name), ",")})
		}
	}
	if shOK && (!hasCT || !hasHost) {
		c.fail("signed-headers", "AuthFailure.SignatureFailure", fmt.Sprintf("SignedHeaders %s must include content-type and host", strings.Join(auth.SignedHeaders, ";")), "sign at least content-type;host")
		shOK = false
	}
	if shOK {
		c.pass("signed-headers", "SignedHeaders %s", strings.Join(auth.SignedHeaders, ";"))
	}
	if len(auth.Signature) != 64 || !isLowerHexString(auth.Signature) {
		c.fail("signature-format", "AuthFailure.SignatureFailure", signatureFormatReason(auth.Signature), "send the HMAC-SHA256 as 64 lower-case hex characters; a hex encoder must write all 32 bytes, including 0x00 bytes")
		return nil
	}
	if !tsOK || !idOK || !tokOK || !dateOK || !sf.Pass || !shOK || !ctOK {
		return nil
	}
	switch {
	case r.Method == "GET":
		// A GET has no payload: the gateway hashes the empty string.
		in.Payload = nil
	case r.Header.Get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD":
		in.PayloadHash = UnsignedPayloadHash
	default:
		in.Payload = c.body
	}
	res, err := Sign(&in)
	if err != nil {
		c.fail("signature", "AuthFailure.SignatureFailure", fmt.Sprintf("the request cannot be signed: %s", strings.TrimPrefix(err.Error(), "tc3: ")), "fix the header or value named")
		return nil
	}
	if !hmac.Equal([]byte(res.Signature), []byte(auth.Signature)) {
		c.fail("signature", "AuthFailure.SignatureFailure",
			fmt.Sprintf("signature does not match. The server's canonical request is %q and its string to sign is %q", redactTokenHeader(res.CanonicalRequest), res.StringToSign),
			fmt.Sprintf("compare them with yours (payload SHA-256 %s over %d body bytes)", res.PayloadHash, len(in.Payload)))
		return nil
	}
	c.pass("signature", "Signature matches")
	return &Verified{
		SignatureMethod: Algorithm,
		SecretID:        auth.SecretID,
		Action:          r.Header.Get("X-TC-Action"),
		Version:         r.Header.Get("X-TC-Version"),
		Region:          r.Header.Get("X-TC-Region"),
		Language:        r.Header.Get("X-TC-Language"),
		Result:          res,
	}
}

func signatureFormatReason(sig string) string {
	switch {
	case len(sig) == 64 && isLowerHexString(strings.ToLower(sig)):
		return "Signature is upper-case hex"
	case len(sig) < 64 && len(sig)%2 == 0 && isLowerHexString(sig):
		return fmt.Sprintf("Signature is %d hex characters, not 64: it stops after %d of the 32 bytes", len(sig), len(sig)/2)
	}
	return fmt.Sprintf("Signature is not 64 lower-case hex characters (%d characters)", len(sig))
}

func isLowerHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// V1RequiredParams are the parameters every v1 request carries
// (https://cloud.tencent.com/document/api/1007/31325).
var V1RequiredParams = []string{"Action", "Timestamp", "Nonce", "SecretId", "Signature"}

// V1CommonParams are the v1 common parameters: the required ones, the
// optional ones (Version, Region, SignatureMethod, Token, Language) and
// RequestClient, which the SDKs add. A business parameter of one of these
// names would clash with them.
var V1CommonParams = []string{"Action", "Version", "Region", "Timestamp", "Nonce", "SecretId",
	"Signature", "SignatureMethod", "Token", "Language", "RequestClient"}

// IsV1CommonParam reports whether name is one of V1CommonParams.
func IsV1CommonParam(name string) bool {
	for _, p := range V1CommonParams {
		if p == name {
			return true
		}
	}
	return false
}

// v1Encoding names the first value in a raw v1 query or form body that is
// not encoded the way the documentation requires: upper-case percent
// escapes ("使用小写将引发错误", https://cloud.tencent.com/document/api/1007/31325)
// and no raw "/" (RFC 3986 encoding of every value).
func v1Encoding(raw string) string {
	for _, pair := range strings.Split(raw, "&") {
		k, v, _ := strings.Cut(pair, "=")
		for i := 0; i < len(v); i++ {
			switch v[i] {
			case '%':
				if i+2 < len(v) {
					esc := v[i+1 : i+3]
					if esc != strings.ToUpper(esc) {
						return fmt.Sprintf("parameter %s has the lower-case percent escape %%%s", k, esc)
					}
				}
			case '/':
				return fmt.Sprintf("parameter %s has an unencoded / in its value", k)
			}
		}
	}
	return ""
}

func (c *checker) v1() *Verified {
	r := c.r
	raw := r.URL.RawQuery
	where := "query"
	if r.Method == "POST" {
		ct, ok := c.single("content-type", "InvalidParameter", "Content-Type")
		if !ok {
			return nil
		}
		if !strings.HasPrefix(strings.ToLower(ct), "application/x-www-form-urlencoded") {
			c.fail("content-type", "AuthFailure.InvalidAuthorization", fmt.Sprintf("there is no Authorization header, and a v1 POST must send Content-Type application/x-www-form-urlencoded (got %q)", ct), "sign with TC3-HMAC-SHA256 and send Authorization, or send the v1 parameters as a form")
			return nil
		}
		if len(c.body) > MaxV1BodyBytes {
			// The gateway's own wording, quoted in FaceID's integration
			// guide https://cloud.tencent.com/document/product/1007/33464.
			c.fail("size", "AuthFailure.SignatureFailure", fmt.Sprintf("The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`. (body %d bytes, v1 limit %d)", len(c.body), MaxV1BodyBytes), "sign with TC3-HMAC-SHA256, whose limit is 10 MB")
			return nil
		}
		c.pass("content-type", "v1 form POST")
		raw, where = string(c.body), "body"
	} else {
		c.noBody()
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		c.fail("encoding", "InvalidParameter", fmt.Sprintf("the parameters in the %s are not valid URL encoding: %v", where, err), "percent-encode every value (RFC 3986, upper-case hex)")
		return nil
	}
	if p := v1Encoding(raw); p != "" {
		c.fail("encoding", "AuthFailure.SignatureFailure", fmt.Sprintf("the %s is not encoded as documented: %s", where, p), "percent-encode every value per RFC 3986 with upper-case hex (%2F), as the SDKs do")
	} else {
		c.pass("encoding", "the %s is percent-encoded with upper-case hex", where)
	}
	params := make(map[string]string, len(values))
	paramsOK := true
	for k, v := range values {
		if len(v) > 1 {
			c.fail("parameters", "InvalidParameter", fmt.Sprintf("parameter %s is given %d times", k, len(v)), "send each parameter once")
			paramsOK = false
		}
		params[k] = v[0]
	}
	var missing []string
	for _, k := range V1RequiredParams {
		if params[k] == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		c.fail("parameters", "MissingParameter", fmt.Sprintf("the %s parameters are missing (no Authorization header, so this is read as a v1 request)", strings.Join(missing, ", ")), "send Action, Timestamp, Nonce, SecretId and Signature, or sign with TC3-HMAC-SHA256")
		return nil
	}
	if paramsOK {
		c.pass("parameters", "%s present", strings.Join(V1RequiredParams, ", "))
	}
	ts, tsOK := c.timestamp("Timestamp", params["Timestamp"])
	_ = ts
	smOK := true
	if sm := params["SignatureMethod"]; sm != "" && sm != HmacSHA1 && sm != HmacSHA256 {
		c.fail("signature-method", "InvalidParameter", fmt.Sprintf("SignatureMethod %q is neither HmacSHA1 nor HmacSHA256", sm), "send HmacSHA1 or HmacSHA256 (case-sensitive)")
		smOK = false
	} else {
		c.pass("signature-method", "%s", V1SignatureMethod(params))
	}
	cred, idOK := c.credentials(params["SecretId"])
	tokOK := true
	if idOK {
		tokOK = c.token(cred.Token, params["Token"], "the Token parameter")
	}
	method := V1SignatureMethod(params)
	if reason := v1SignatureFormat(method, params["Signature"]); reason != "" {
		c.fail("signature-format", "AuthFailure.SignatureFailure", reason, "send the standard Base64 of the HMAC, without line breaks, URL-encoded")
		return nil
	}
	if !tsOK || !smOK || !idOK || !tokOK || !paramsOK {
		return nil
	}
	sts := V1StringToSign(r.Method, r.Host, r.URL.Path, params)
	want, err := V1Signature(method, cred.SecretKey, sts)
	if err != nil {
		c.fail("signature", "AuthFailure.SignatureFailure", strings.TrimPrefix(err.Error(), "tc3: "), "")
		return nil
	}
	if !hmac.Equal([]byte(want), []byte(params["Signature"])) {
		c.fail("signature", "AuthFailure.SignatureFailure", fmt.Sprintf("%s signature does not match. The server's string to sign is %q", method, redactV1(sts)),
			"sort parameters by name, use raw (decoded) values, and prefix METHOD+host+path+\"?\"")
		return nil
	}
	c.pass("signature", "%s Signature matches", method)
	return &Verified{
		SignatureMethod: method,
		SecretID:        params["SecretId"],
		Action:          params["Action"],
		Version:         params["Version"],
		Region:          params["Region"],
		Language:        params["Language"],
		Params:          params,
	}
}

// v1SignatureFormat names what is wrong with the form of a decoded v1
// Signature, or "" when it is the Base64 of a hash of the method's size.
func v1SignatureFormat(method, sig string) string {
	if strings.HasSuffix(sig, "\n") {
		return "the Signature ends with a newline (sent as %0A): Base64 encoders that wrap lines, such as Ruby's Base64.encode64, append one; use Base64.strict_encode64 or strip it"
	}
	if strings.Contains(sig, " ") {
		return "the Signature contains a space: a raw + in the query decodes as a space; URL-encode it (%2B)"
	}
	want := map[string]int{HmacSHA1: 28, HmacSHA256: 44}[method]
	if len(sig) != want {
		return fmt.Sprintf("the Signature is %d characters; the Base64 of an %s is %d", len(sig), method, want)
	}
	return ""
}

// redactTokenHeader hides the value of a signed x-tc-token line of a
// canonical request: refusals are shown to people and pasted into tickets.
func redactTokenHeader(cr string) string {
	i := strings.Index(cr, "\nx-tc-token:")
	if i < 0 {
		return cr
	}
	start := i + len("\nx-tc-token:")
	end := strings.IndexByte(cr[start:], '\n')
	if end < 0 {
		return cr
	}
	return cr[:start] + "[redacted]" + cr[start+end:]
}
