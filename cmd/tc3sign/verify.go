package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/tc3"
)

var verifyCmd = command{
	name:  "verify",
	usage: "verify [flags] [FILE|-]",
	about: `Reads one raw HTTP/1.1 request (from FILE, or stdin when FILE is - or absent) and checks its
signature as the API 3.0 gateway would: TC3-HMAC-SHA256 or legacy v1, GET or POST, with the
SecretKey from the environment or --secret-key-file. The capture may use CRLF or LF line
endings and an origin-form (POST / HTTP/1.1) or absolute (POST https://host/ HTTP/1.1) request
line, as written by httputil.DumpRequest, Fiddler, Charles, a hand-pasted trace, or Python's
http.client debug output (send: b'...' lines).

It first checks the structure (algorithm, Credential scope, scope date vs timestamp, service vs
host, SignedHeaders, X-TC-Timestamp), then the signature. When the signature does not match it
prints our canonical request and string to sign, compares them with yours if you pass
--their-canonical-request / --their-string-to-sign (line diff, first step that differs), and
recomputes the signature with each common mistake (local-time date, charset in Content-Type,
header case, body newline or re-serialisation, query encoding, wrong service label, key
whitespace, upper-case hex, signed-header set, v1 encoding/host/hash ...) to name the one that
reproduces your signature, with the fix. Of the signature it computes it shows only the first 8
characters ("does not match ours (a916ebb1…)"): the whole one would be a valid signature for the
request; "tc3sign sign" prints it when you ask for one.

Exit status: 0 the gateway would accept the request, 1 it would refuse it (the code and reason
are printed), 2 the input cannot be parsed or credentials are missing.`,
	example: `  # capture the request your client sends (see README), then:
  export TENCENTCLOUD_SECRET_ID=AKID... TENCENTCLOUD_SECRET_KEY=...
  tc3sign verify --now 1795750620 request.txt
  tc3sign verify --their-canonical-request cr.txt --their-string-to-sign sts.txt request.txt
  pbpaste | tc3sign verify --format json -`,
}

// verifyOptions are the verify flags.
type verifyOptions struct {
	now       string
	format    string
	service   string
	theirCR   string
	theirSTS  string
	cred      credFlags
	nowTime   time.Time
	theirCRv  *string
	theirSTSv *string
}

// finding is one structural check.
type finding struct {
	Status  string `json:"status"` // ok, warn, fail, info
	Check   string `json:"check"`
	Message string `json:"message"`
}

// comparison is one intermediate value the user supplied, compared with ours.
type comparison struct {
	What            string   `json:"what"` // "canonical request" or "string to sign"
	Identical       bool     `json:"identical"`
	FirstDifference string   `json:"first_difference,omitempty"`
	Diff            string   `json:"diff,omitempty"` // go-cmp line diff, -ours +yours
	Notes           []string `json:"notes,omitempty"`
}

// report is the verdict on one request (the --format json document).
type report struct {
	Verdict          string    `json:"verdict"` // accepted or rejected
	ExitCode         int       `json:"exit_code"`
	Code             string    `json:"code,omitempty"`
	Message          string    `json:"message,omitempty"`
	SignatureMethod  string    `json:"signature_method"`
	Method           string    `json:"method"`
	Host             string    `json:"host"`
	Path             string    `json:"path"`
	Query            string    `json:"query"`
	BodyBytes        int       `json:"body_bytes"`
	LineEndings      string    `json:"line_endings"`
	Findings         []finding `json:"findings"`
	SignatureMatches *bool     `json:"signature_matches"`
	TheirSignature   string    `json:"their_signature,omitempty"`
	// OurSignaturePrefix is only the start of the signature we computed
	// (sigPrefix): the full one would be a valid signature for the request.
	OurSignaturePrefix string       `json:"our_signature_prefix,omitempty"`
	CanonicalRequest   string       `json:"canonical_request,omitempty"`
	StringToSign       string       `json:"string_to_sign,omitempty"`
	Diagnosis          []match      `json:"diagnosis"`
	VariantsTried      int          `json:"variants_tried"`
	FirstDifference    string       `json:"first_difference,omitempty"`
	Comparisons        []comparison `json:"comparisons,omitempty"`
}

func (r *report) add(status, check, format string, args ...any) {
	r.Findings = append(r.Findings, finding{status, check, fmt.Sprintf(format, args...)})
}

// inputError is input that cannot be checked at all: exit 2.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func (c *cli) verify(args []string) int {
	var o verifyOptions
	fs := newFlagSet("verify")
	fs.StringVar(&o.now, "now", "", "Unix time in seconds of the server clock for the 5-minute window (default: the current time); use the capture's timestamp for an old capture")
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
	fs.StringVar(&o.service, "service", "", "service the gateway expects (default: the first label of the Host; the credential scope's service for IP/localhost hosts)")
	fs.StringVar(&o.theirCR, "their-canonical-request", "", "`FILE` with your signer's canonical request, to diff against ours")
	fs.StringVar(&o.theirSTS, "their-string-to-sign", "", "`FILE` with your signer's string to sign, to diff against ours")
	o.cred.register(fs)
	pos, done, code := c.parse(verifyCmd, fs, args)
	if done {
		return code
	}
	fail := func(format string, args ...any) int { return c.fail("tc3sign verify", format, args...) }
	if o.format != "text" && o.format != "json" {
		return fail("--format %q: use text or json", o.format)
	}
	if len(pos) > 1 {
		return fail("one request at a time: got %d file arguments", len(pos))
	}
	o.nowTime = c.now()
	if o.now != "" {
		n, err := strconv.ParseInt(o.now, 10, 64)
		if err != nil || n <= 0 {
			return fail("--now %q: give Unix time in seconds", o.now)
		}
		o.nowTime = time.Unix(n, 0)
	}
	var data []byte
	var err error
	name := "stdin"
	if len(pos) == 0 || pos[0] == "-" {
		data, err = readLimited(c.stdin, maxRawRequest, name)
	} else {
		name = pos[0]
		data, err = readFileLimited(name, maxRawRequest, name)
	}
	if err != nil {
		return fail("cannot read the request: %v", err)
	}
	req, err := parseRawRequest(data)
	if err != nil {
		return fail("cannot parse the request in %s: %v", name, err)
	}
	for _, f := range []struct {
		path string
		dst  **string
		flag string
	}{{o.theirCR, &o.theirCRv, "--their-canonical-request"}, {o.theirSTS, &o.theirSTSv, "--their-string-to-sign"}} {
		if f.path == "" {
			continue
		}
		b, err := readFileLimited(f.path, maxTheirFile, f.path)
		if err != nil {
			return fail("cannot read %s: %v", f.flag, err)
		}
		s := string(b)
		*f.dst = &s
	}
	cred, err := c.credentials(o.cred)
	if err != nil {
		return fail("%v", err)
	}
	rep, err := checkRequest(req, cred, &o)
	if err != nil {
		return fail("%v", err)
	}
	if o.format == "json" {
		writeJSON(c.stdout, rep)
	} else {
		writeReportText(c.stdout, req, rep)
	}
	return rep.ExitCode
}

// checkRequest runs the structural checks, the signature check with its
// diagnosis, and tc3.Verify for the verdict.
func checkRequest(req *rawRequest, cred tc3.Credentials, o *verifyOptions) (*report, error) {
	rep := &report{
		Method:      req.Method,
		Host:        req.Host,
		Path:        req.Path,
		Query:       req.RawQuery,
		BodyBytes:   len(req.Body),
		LineEndings: req.LineEnding,
		Findings:    []finding{},
		Diagnosis:   []match{},
	}
	for _, n := range req.Notes {
		rep.add("info", "capture", "%s", n)
	}
	service := o.service
	_, hasAuth := req.Get("Authorization")
	var err error
	switch {
	case hasAuth:
		rep.SignatureMethod = tc3.Algorithm
		service, err = checkTC3(req, cred, o, rep)
	default:
		rep.SignatureMethod = "v1"
		checkV1(req, cred, o, rep)
	}
	if err != nil {
		return nil, err
	}
	_, verr := tc3.Verify(req.httpRequest(), req.Body, tc3.VerifyOptions{
		Credentials: func(id string) (tc3.Credentials, bool) { return cred, id == cred.SecretID },
		Service:     service,
		Now:         o.nowTime,
	})
	if verr == nil {
		rep.Verdict, rep.ExitCode = "accepted", exitOK
		return rep, nil
	}
	rep.Verdict, rep.ExitCode = "rejected", exitRejected
	var ve *tc3.VerifyError
	if errors.As(verr, &ve) {
		rep.Code, rep.Message = ve.Code, ve.Message
	} else {
		rep.Code, rep.Message = "AuthFailure", verr.Error()
	}
	return rep, nil
}

var cst = time.FixedZone("UTC+8", 8*3600)

// checkTC3 checks a request with an Authorization header. It returns the
// service the gateway expects.
func checkTC3(req *rawRequest, cred tc3.Credentials, o *verifyOptions, rep *report) (string, error) {
	header, _ := req.Get("Authorization")
	if n := len(req.Values("Authorization")); n > 1 {
		rep.add("fail", "authorization", "%d Authorization headers: send exactly one", n)
	}
	auth, err := tc3.ParseAuthorization(header)
	if err != nil {
		msg := err.Error()
		var ve *tc3.VerifyError
		if errors.As(err, &ve) {
			msg = ve.Message
		}
		alg, _, _ := strings.Cut(header, " ")
		if strings.EqualFold(alg, tc3.Algorithm) && alg != tc3.Algorithm {
			msg += " (the algorithm name is case-sensitive: " + tc3.Algorithm + ")"
		}
		return "", &inputError{"malformed Authorization header: " + msg + `; the layout is "TC3-HMAC-SHA256 Credential=SecretId/YYYY-MM-DD/service/tc3_request, SignedHeaders=content-type;host, Signature=<64 lower-case hex>"`}
	}
	rep.TheirSignature = auth.Signature
	rep.add("ok", "algorithm", "%s", auth.Algorithm)
	exact := tc3.Algorithm + " Credential=" + auth.SecretID + "/" + auth.CredentialScope() + ", SignedHeaders=" + strings.Join(auth.SignedHeaders, ";") + ", Signature=" + auth.Signature
	if header != exact {
		rep.add("warn", "authorization", "the header is not in the exact documented layout (one space after the algorithm, \", \" between the parts): %q", truncateRunes(header, 200))
	}
	rep.add("ok", "credential", "Credential=%s/%s: SecretId/date/service/tc3_request", auth.SecretID, auth.CredentialScope())

	// Service the gateway expects.
	service := o.service
	host := stripPort(req.Host)
	label := firstLabel(req.Host)
	notDomain := !strings.Contains(host, ".") || (label != "" && label[0] >= '0' && label[0] <= '9') || strings.HasPrefix(host, "[")
	if service == "" {
		if notDomain {
			service = auth.Service
			rep.add("info", "service", "host %s is not a Tencent Cloud domain (a local test server?): taking the service %q from the credential scope; pass --service to check it", req.Host, service)
		} else {
			service = label
		}
	}
	if auth.Service == service {
		rep.add("ok", "service", "scope service %q matches host %s", auth.Service, req.Host)
	} else {
		where := ""
		for i, l := range strings.Split(strings.ToLower(host), ".") {
			if l == auth.Service && i > 0 {
				where = fmt.Sprintf(" (%q is label %d of the host: the service is the first label, also on regional hosts)", l, i+1)
			}
		}
		rep.add("fail", "service", "scope service %q is not %q, the product of host %s%s", auth.Service, service, req.Host, where)
	}

	// SignedHeaders.
	var hasCT, hasHost bool
	sortedOK, lowerOK := true, true
	var missing []string
	for i, n := range auth.SignedHeaders {
		switch n {
		case "content-type":
			hasCT = true
		case "host":
			hasHost = true
		}
		if n != strings.ToLower(n) {
			lowerOK = false
		}
		if i > 0 && n <= auth.SignedHeaders[i-1] {
			sortedOK = false
		}
		if n != "host" && len(req.Values(n)) == 0 {
			missing = append(missing, n)
		}
	}
	sh := strings.Join(auth.SignedHeaders, ";")
	switch {
	case !hasCT || !hasHost:
		rep.add("fail", "signed-headers", "SignedHeaders=%s must include content-type and host", sh)
	case !lowerOK || !sortedOK:
		rep.add("fail", "signed-headers", "SignedHeaders=%s must be lower-case and sorted (ASCII)", sh)
	case len(missing) > 0:
		rep.add("fail", "signed-headers", "SignedHeaders names %s, which the request does not send", strings.Join(missing, ", "))
	default:
		rep.add("ok", "signed-headers", "SignedHeaders=%s", sh)
	}

	// Content-Type per method (section 3.1).
	ct, _ := req.Get("Content-Type")
	media := mediaType(ct)
	switch {
	case req.Method == "GET" && media != "application/x-www-form-urlencoded":
		rep.add("fail", "content-type", "a GET must send Content-Type application/x-www-form-urlencoded, got %q", ct)
	case req.Method == "POST" && media == "application/x-www-form-urlencoded":
		rep.add("fail", "content-type", "a POST with application/x-www-form-urlencoded must use signature v1; a TC3 POST sends application/json")
	case req.Method == "POST" && media != "application/json" && media != "multipart/form-data":
		rep.add("fail", "content-type", "Content-Type %q: a TC3 POST sends application/json", ct)
	case req.Method != "POST" && req.Method != "GET":
		rep.add("fail", "method", "method %s: only GET and POST are supported", req.Method)
	default:
		rep.add("ok", "content-type", "%q for %s", ct, req.Method)
	}

	// Timestamp and scope date.
	tsText, hasTS := req.Get("X-TC-Timestamp")
	var ts int64
	tsOK := false
	switch n, err := strconv.ParseInt(tsText, 10, 64); {
	case !hasTS:
		rep.add("fail", "timestamp", "X-TC-Timestamp is missing: send the Unix time in seconds that was signed")
	case err != nil || n <= 0:
		rep.add("fail", "timestamp", "X-TC-Timestamp %q is not a Unix time in seconds", truncateRunes(tsText, 30))
	case n > 100_000_000_000:
		rep.add("fail", "timestamp", "X-TC-Timestamp %s looks like milliseconds: send seconds", tsText)
	default:
		ts, tsOK = n, true
		when := time.Unix(ts, 0).UTC()
		skew := o.nowTime.Sub(when)
		if skew > tc3.MaxSkew || skew < -tc3.MaxSkew {
			rep.add("fail", "timestamp", "X-TC-Timestamp %d (%s) is %s from the clock (%d), outside the 5-minute window: for an old capture pass --now %d",
				ts, when.Format(time.RFC3339), skew.Abs().Round(time.Second), o.nowTime.Unix(), ts)
		} else {
			rep.add("ok", "timestamp", "X-TC-Timestamp %d (%s), %s from the clock", ts, when.Format(time.RFC3339), skew.Abs().Round(time.Second))
		}
		utc := when.Format(time.DateOnly)
		local := time.Unix(ts, 0).In(cst).Format(time.DateOnly)
		switch {
		case auth.Date == utc:
			rep.add("ok", "scope-date", "scope date %s is the UTC date of the timestamp", auth.Date)
		case auth.Date == local:
			rep.add("fail", "scope-date", "scope date %s is the UTC+8 (local) date of X-TC-Timestamp %d; the UTC date is %s: compute the date in UTC", auth.Date, ts, utc)
		default:
			rep.add("fail", "scope-date", "scope date %s is not %s, the UTC date of X-TC-Timestamp %d", auth.Date, utc, ts)
		}
	}

	// Credentials.
	idOK := auth.SecretID == cred.SecretID
	if idOK {
		rep.add("ok", "secret-id", "SecretId %s is the configured one", auth.SecretID)
	} else {
		rep.add("fail", "secret-id", "the request is signed with SecretId %s, not the configured %s: the gateway answers AuthFailure.SecretIdNotFound for an unknown id; configure the key pair the request was signed with", auth.SecretID, cred.SecretID)
	}
	token, hasToken := req.Get("X-TC-Token")
	switch {
	case hasToken && cred.Token == "":
		rep.add("warn", "token", "the request carries X-TC-Token but no token is configured: set %s for temporary credentials", envToken)
	case !hasToken && cred.Token != "":
		rep.add("warn", "token", "a token is configured but the request sends no X-TC-Token")
	case hasToken && token != cred.Token:
		rep.add("fail", "token", "X-TC-Token differs from the configured token")
	}
	if !isLowerHex(auth.Signature) {
		if isLowerHex(strings.ToLower(auth.Signature)) {
			rep.add("fail", "signature-format", "Signature is upper-case hex: write it in lower case")
		} else {
			rep.add("fail", "signature-format", "Signature must be 64 lower-case hex characters")
		}
	}

	// The signature itself.
	if !tsOK || !idOK || !hasCT || !hasHost || len(missing) > 0 {
		rep.add("info", "signature", "signature not computed: fix the problems above first")
		return service, nil
	}
	in := tc3.Input{
		Credentials: cred,
		Service:     service,
		Method:      req.Method,
		Host:        req.Host,
		Query:       req.RawQuery,
		ContentType: ct,
		Payload:     req.Body,
		Timestamp:   ts,
	}
	if v, _ := req.Get("X-TC-Content-SHA256"); v == "UNSIGNED-PAYLOAD" {
		in.PayloadHash = tc3.UnsignedPayloadHash
		rep.add("info", "payload", "X-TC-Content-SHA256: UNSIGNED-PAYLOAD: the payload hash is that of the literal UNSIGNED-PAYLOAD")
	}
	for _, n := range auth.SignedHeaders {
		if n != "content-type" && n != "host" {
			in.Headers = append(in.Headers, tc3.Header{Name: n, Value: strings.Join(req.Values(n), ",")})
		}
	}
	res, err := tc3.Sign(&in)
	if err != nil {
		rep.add("fail", "signature", "the request cannot be signed as it stands: %v", err)
		return service, nil
	}
	rep.CanonicalRequest, rep.StringToSign, rep.OurSignaturePrefix = res.CanonicalRequest, res.StringToSign, sigPrefix(res.Signature)
	matches := hmac.Equal([]byte(res.Signature), []byte(auth.Signature))
	rep.SignatureMatches = &matches
	if matches {
		rep.add("ok", "signature", "Signature matches ours")
	} else {
		rep.add("fail", "signature", "Signature %s does not match ours (%s)", auth.Signature, sigPrefix(res.Signature))
	}
	base := tc3Base(req, auth, cred, service, tsText, ts)
	if !matches {
		rep.Diagnosis, rep.VariantsTried = diagnoseTC3(base, tc3Mistakes(req, auth, base, ts), auth.Signature)
	}
	if o.theirCRv != nil {
		rep.Comparisons = append(rep.Comparisons, compareCanonical(res.CanonicalRequest, *o.theirCRv, base, auth.Signature))
	}
	if o.theirSTSv != nil {
		rep.Comparisons = append(rep.Comparisons, compareStringToSign(res.StringToSign, *o.theirSTSv, base, auth.Signature))
	}
	rep.FirstDifference = firstStep(rep.Comparisons, matches)
	return service, nil
}

// sigPrefix is all verify ever shows of a signature it computed: the first
// 8 characters and "…", enough to tell two signatures apart. The full value
// would be a valid signature for the request (for 5 minutes, to anyone who
// can feed a request to a verify that holds the key, or who reads a report
// pasted into a ticket); "tc3sign sign" is the command that prints one.
func sigPrefix(sig string) string {
	return sig[:min(len(sig), 8)] + "…"
}

func isLowerHex(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && s == strings.ToLower(s)
}

// lineDiff is the go-cmp diff of two texts split into lines, -ours +yours.
// go-cmp may use non-breaking spaces in its layout; they become spaces so
// the output can be copied.
func lineDiff(ours, theirs string) string {
	d := cmp.Diff(strings.Split(ours, "\n"), strings.Split(theirs, "\n"))
	return strings.ReplaceAll(d, "\u00a0", " ")
}

// compareText compares a user-supplied intermediate with ours. part names
// line i of ours.
func compareText(what, ours, theirs string, part func(i int) string) comparison {
	cmpr := comparison{What: what}
	if ours == theirs {
		cmpr.Identical = true
		return cmpr
	}
	norm := strings.ReplaceAll(theirs, "\r\n", "\n")
	switch {
	case norm == ours:
		cmpr.Notes = append(cmpr.Notes, "your text has CRLF line endings; ours has LF only. If your code hashes it with CRLF, that is the bug; if only the file was saved with CRLF, ignore this")
	case strings.TrimSuffix(norm, "\n") == ours:
		cmpr.Notes = append(cmpr.Notes, "your text ends with a newline; ours does not. If your code hashes it with that newline, that is the bug; if only the file got it from your editor, ignore this")
	}
	if len(cmpr.Notes) > 0 {
		cmpr.Identical = true
		return cmpr
	}
	ol, tl := strings.Split(ours, "\n"), strings.Split(theirs, "\n")
	for i := 0; i < len(ol) || i < len(tl); i++ {
		var o, t string
		if i < len(ol) {
			o = ol[i]
		}
		if i < len(tl) {
			t = tl[i]
		}
		if o != t || i >= len(ol) || i >= len(tl) {
			cmpr.FirstDifference = fmt.Sprintf("line %d (%s): ours %q, yours %q", i+1, part(i), truncateRunes(o, 120), truncateRunes(t, 120))
			if i >= len(ol) {
				cmpr.FirstDifference = fmt.Sprintf("line %d: yours has extra lines after the end (%q)", i+1, truncateRunes(t, 120))
			} else if i >= len(tl) {
				cmpr.FirstDifference = fmt.Sprintf("line %d (%s): yours ends before it", i+1, part(i))
			}
			break
		}
	}
	cmpr.Diff = lineDiff(ours, theirs)
	return cmpr
}

func compareCanonical(ours, theirs string, base *tc3Parts, theirSig string) comparison {
	n := len(base.headers)
	part := func(i int) string {
		switch {
		case i == 0:
			return "HTTPRequestMethod"
		case i == 1:
			return "CanonicalURI, always /"
		case i == 2:
			return "CanonicalQueryString, the query exactly as sent"
		case i < 3+n:
			return "CanonicalHeaders: " + base.headers[i-3].name + ", lower-cased and trimmed"
		case i == 3+n:
			return "the empty line that ends CanonicalHeaders"
		case i == 4+n:
			return "SignedHeaders"
		case i == 5+n:
			return "HashedRequestPayload, SHA-256 of the body bytes sent"
		}
		return "after the payload hash, where nothing may follow"
	}
	c := compareText("canonical request", ours, theirs, part)
	if !c.Identical {
		// Does their canonical request, signed correctly, give their signature?
		sum := sha256.Sum256([]byte(theirs))
		sts := tc3.Algorithm + "\n" + base.timestamp + "\n" + base.scope() + "\n" + hex.EncodeToString(sum[:])
		if signSTS(base, sts) == theirSig {
			c.Notes = append(c.Notes, "your canonical request, signed with the correct scope and key, gives exactly your signature: the difference above is the whole problem")
		}
	}
	return c
}

func compareStringToSign(ours, theirs string, base *tc3Parts, theirSig string) comparison {
	part := func(i int) string {
		return [...]string{"Algorithm", "RequestTimestamp, the X-TC-Timestamp value", "CredentialScope, UTC date/service/tc3_request", "HashedCanonicalRequest: your canonical request differs (compare it with --their-canonical-request)"}[min(i, 3)]
	}
	c := compareText("string to sign", ours, theirs, part)
	if signSTS(base, theirs) == theirSig || signSTS(base, strings.TrimSuffix(strings.ReplaceAll(theirs, "\r\n", "\n"), "\n")) == theirSig {
		if c.Identical {
			c.Notes = append(c.Notes, "your string to sign gives your signature with our key derivation")
		} else {
			c.Notes = append(c.Notes, "your string to sign, signed with the correct key, gives exactly your signature: the key derivation is right, the difference above is the problem")
		}
	} else if c.Identical {
		c.Notes = append(c.Notes, "the string to sign is identical, so the difference is in step 3: the SecretKey or the key derivation (\"TC3\"+SecretKey, raw-byte HMAC keys, UTC date, service)")
	}
	return c
}

// signSTS signs a string to sign with the base's key, deriving it for the
// date and service of the string's credential scope (the base's when the
// string has none).
func signSTS(base *tc3Parts, sts string) string {
	date, service := base.date, base.service
	if lines := strings.Split(sts, "\n"); len(lines) >= 3 {
		if f := strings.Split(lines[2], "/"); len(f) == 3 {
			date, service = f[0], f[1]
		}
	}
	return tc3.SignString(base.key, date, service, sts)
}

// firstStep names the first step of the algorithm where the user's values
// differ from ours.
func firstStep(cs []comparison, matches bool) string {
	var cr, sts *comparison
	for i := range cs {
		switch cs[i].What {
		case "canonical request":
			cr = &cs[i]
		case "string to sign", "v1 string to sign":
			sts = &cs[i]
		}
	}
	switch {
	case cr != nil && !cr.Identical:
		return "step 1, the canonical request: " + cr.FirstDifference
	case sts != nil && !sts.Identical && sts.What == "v1 string to sign":
		return "the v1 string to sign: " + sts.FirstDifference
	case sts != nil && !sts.Identical:
		return "step 2, the string to sign: " + sts.FirstDifference
	case sts != nil && !matches:
		return "step 3, the signature: the string to sign is identical, so the SecretKey or the key derivation differs"
	case cr != nil && sts == nil && !matches:
		return "the canonical request is identical: the difference is in step 2 or 3 (pass --their-string-to-sign too)"
	}
	return ""
}

// checkV1 checks a request without an Authorization header, as v1.
func checkV1(req *rawRequest, cred tc3.Credentials, o *verifyOptions, rep *report) {
	raw := req.RawQuery
	where := "query"
	if req.Method == "POST" {
		ct, _ := req.Get("Content-Type")
		if mediaType(ct) != "application/x-www-form-urlencoded" {
			rep.add("fail", "content-type", "no Authorization header, and a v1 POST must send Content-Type application/x-www-form-urlencoded (got %q); a JSON POST must be signed with TC3-HMAC-SHA256", ct)
			return
		}
		raw, where = string(req.Body), "body"
	}
	pairs, err := splitV1Params(raw)
	if err != nil {
		rep.add("fail", "encoding", "the v1 parameters in the %s are not valid URL encoding: %v", where, err)
		return
	}
	params := map[string]string{}
	var dups []string
	for _, kv := range pairs {
		if _, dup := params[kv.key]; dup {
			dups = append(dups, kv.key)
		}
		params[kv.key] = kv.value
	}
	if _, ok := params["Signature"]; !ok {
		rep.add("fail", "signature", "the request is not signed: no Authorization header (TC3) and no Signature parameter (v1)")
		return
	}
	method := tc3.V1SignatureMethod(params)
	rep.SignatureMethod = method
	rep.TheirSignature = params["Signature"]
	rep.add("ok", "signature-method", "legacy v1 %s (parameters in the %s)", method, where)
	if len(dups) > 0 {
		rep.add("fail", "parameters", "parameters given more than once: %s", strings.Join(dups, ", "))
	}
	var missingP []string
	for _, k := range []string{"Action", "Timestamp", "Nonce", "SecretId", "Signature"} {
		if params[k] == "" {
			missingP = append(missingP, k)
		}
	}
	if len(missingP) > 0 {
		rep.add("fail", "parameters", "missing v1 parameters: %s", strings.Join(missingP, ", "))
	} else {
		rep.add("ok", "parameters", "Action, Timestamp, Nonce, SecretId and Signature present")
	}
	if sm := params["SignatureMethod"]; sm != "" && sm != tc3.HmacSHA1 && sm != tc3.HmacSHA256 {
		rep.add("fail", "signature-method", "SignatureMethod %q must be HmacSHA1 or HmacSHA256 (case-sensitive); anything else is checked as HmacSHA1", sm)
	}
	if lowerPercent(raw) != raw && upperPercent(raw) != raw {
		rep.add("warn", "encoding", "the %s mixes upper- and lower-case percent-encoding hex; use upper case (%%2F)", where)
	} else if upperPercent(raw) != raw {
		rep.add("warn", "encoding", "the %s uses lower-case percent-encoding hex (%%2f); the documentation requires upper case (%%2F)", where)
	}
	for _, kv := range pairs {
		if kv.key == "Signature" && strings.Contains(kv.rawValue, "+") {
			rep.add("fail", "signature-format", "the Signature is sent with a raw '+', which decodes as a space: URL-encode it (%%2B)")
		}
	}
	if sig, err := base64.StdEncoding.DecodeString(params["Signature"]); err != nil || (len(sig) != 20 && len(sig) != 32) {
		rep.add("fail", "signature-format", "Signature %q is not a Base64 HMAC-SHA1 (28 characters) or HMAC-SHA256 (44 characters)", truncateRunes(params["Signature"], 60))
	} else if want := map[string]int{tc3.HmacSHA1: 20, tc3.HmacSHA256: 32}[method]; len(sig) != want {
		rep.add("fail", "signature-format", "Signature has the length of the other hash: the server checks %s (SignatureMethod=HmacSHA256 selects SHA-256, anything else SHA-1)", method)
	}
	ts, err := strconv.ParseInt(params["Timestamp"], 10, 64)
	tsOK := err == nil && ts > 0
	if tsOK {
		when := time.Unix(ts, 0).UTC()
		skew := o.nowTime.Sub(when)
		if skew > tc3.MaxSkew || skew < -tc3.MaxSkew {
			rep.add("fail", "timestamp", "Timestamp %d (%s) is %s from the clock (%d), outside the 5-minute window: for an old capture pass --now %d", ts, when.Format(time.RFC3339), skew.Abs().Round(time.Second), o.nowTime.Unix(), ts)
		} else {
			rep.add("ok", "timestamp", "Timestamp %d (%s)", ts, when.Format(time.RFC3339))
		}
	} else if params["Timestamp"] != "" {
		rep.add("fail", "timestamp", "Timestamp %q is not a Unix time in seconds", truncateRunes(params["Timestamp"], 30))
	}
	idOK := params["SecretId"] == cred.SecretID
	if idOK {
		rep.add("ok", "secret-id", "SecretId %s is the configured one", cred.SecretID)
	} else if params["SecretId"] != "" {
		rep.add("fail", "secret-id", "the request is signed with SecretId %s, not the configured %s: configure the key pair the request was signed with", params["SecretId"], cred.SecretID)
	}
	switch tok := params["Token"]; {
	case tok != "" && cred.Token == "":
		rep.add("warn", "token", "the request carries a Token parameter but no token is configured: set %s", envToken)
	case tok != cred.Token:
		rep.add("fail", "token", "the Token parameter differs from the configured token")
	}
	if !idOK || len(dups) > 0 {
		rep.add("info", "signature", "signature not computed: fix the problems above first")
		return
	}
	path, err := url.PathUnescape(req.Path)
	if err != nil {
		path = req.Path
	}
	sts := tc3.V1StringToSign(req.Method, req.Host, path, params)
	ours, err := tc3.V1Signature(method, cred.SecretKey, sts)
	if err != nil {
		rep.add("fail", "signature", "%v", err)
		return
	}
	rep.StringToSign, rep.OurSignaturePrefix = sts, sigPrefix(ours)
	matches := hmac.Equal([]byte(ours), []byte(params["Signature"]))
	rep.SignatureMatches = &matches
	if matches {
		rep.add("ok", "signature", "Signature matches ours")
	} else {
		rep.add("fail", "signature", "Signature %s does not match ours (%s)", params["Signature"], sigPrefix(ours))
		base := v1Base(req.Method, req.Host, path, pairs, cred.SecretKey)
		rep.Diagnosis, rep.VariantsTried = diagnoseV1(base, v1Mistakes(req.Method, req.Host, path, pairs, base), params["Signature"])
	}
	if o.theirCRv != nil {
		rep.add("info", "their-canonical-request", "--their-canonical-request does not apply to v1 (it has only a string to sign)")
	}
	if o.theirSTSv != nil {
		prefixLen := len(req.Method + req.Host + path + "?")
		c := compareV1(sts, *o.theirSTSv, prefixLen)
		rep.Comparisons = append(rep.Comparisons, c)
	}
	rep.FirstDifference = firstStep(rep.Comparisons, matches)
}

// compareV1 compares v1 strings to sign (one line each) and names the first
// differing part: the prefix or a parameter.
func compareV1(ours, theirs string, prefixLen int) comparison {
	c := comparison{What: "v1 string to sign"}
	if ours == theirs {
		c.Identical = true
		return c
	}
	if strings.TrimRight(theirs, "\r\n") == ours {
		c.Identical = true
		c.Notes = append(c.Notes, "your text ends with a newline; ours does not. If your code signs it with that newline, that is the bug")
		return c
	}
	i := 0
	for i < len(ours) && i < len(theirs) && ours[i] == theirs[i] {
		i++
	}
	if i < prefixLen {
		c.FirstDifference = fmt.Sprintf("in METHOD + host + path + \"?\" (ours %q)", ours[:min(prefixLen, len(ours))])
	} else {
		start := strings.LastIndexByte(ours[:i], '&') + 1
		if start < prefixLen {
			start = prefixLen
		}
		end := strings.IndexByte(ours[start:], '&')
		if end < 0 {
			end = len(ours) - start
		}
		c.FirstDifference = fmt.Sprintf("at byte %d, in parameter %q (ours %q)", i, strings.SplitN(ours[start:start+end], "=", 2)[0], ours[start:start+end])
	}
	c.Diff = lineDiff(strings.ReplaceAll(ours, "&", "\n&"), strings.ReplaceAll(theirs, "&", "\n&"))
	return c
}

func writeReportText(w io.Writer, req *rawRequest, rep *report) {
	target := "https://" + req.Host + req.Path
	if req.RawQuery != "" {
		target += "?" + req.RawQuery
	}
	fmt.Fprintf(w, "Request: %s %s (%s, %s line endings, %d-byte body)\n", req.Method, truncateRunes(target, 120), rep.SignatureMethod, req.LineEnding, len(req.Body))
	fmt.Fprintf(w, "\nChecks:\n")
	for _, f := range rep.Findings {
		label := map[string]string{"ok": "ok  ", "warn": "WARN", "fail": "FAIL", "info": "info"}[f.Status]
		fmt.Fprintf(w, "  %s  %-17s %s\n", label, f.Check, f.Message)
	}
	if rep.SignatureMatches != nil && !*rep.SignatureMatches {
		if rep.SignatureMethod == tc3.Algorithm {
			fmt.Fprintf(w, "\nOur canonical request:\n")
			block(w, "canonical request", rep.CanonicalRequest)
			fmt.Fprintf(w, "Our string to sign:\n")
			block(w, "string to sign", rep.StringToSign)
		} else {
			fmt.Fprintf(w, "\nOur string to sign:\n")
			block(w, "string to sign", rep.StringToSign)
		}
		fmt.Fprintf(w, "\nDiagnosis:\n")
		switch {
		case len(rep.Diagnosis) == 0:
			fmt.Fprintf(w, "  none of the %d variants of the common mistakes (alone or in pairs) reproduces your signature.\n", rep.VariantsTried)
			fmt.Fprintf(w, "  Check the SecretKey, then compare step by step: --their-canonical-request FILE --their-string-to-sign FILE.\n")
		default:
			fmt.Fprintf(w, "  tried %d variants; reproduces your signature exactly:\n", rep.VariantsTried)
			for _, m := range rep.Diagnosis {
				if len(m.Mistakes) == 2 {
					fmt.Fprintf(w, "  * two mistakes together:\n")
				}
				for _, mk := range m.Mistakes {
					fmt.Fprintf(w, "  * [%s] %s\n      fix: %s\n", mk.ID, mk.Name, mk.Fix)
				}
			}
		}
	}
	for _, c := range rep.Comparisons {
		fmt.Fprintf(w, "\nYour %s vs ours:\n", c.What)
		switch {
		case c.Identical && len(c.Notes) == 0:
			fmt.Fprintf(w, "  identical\n")
		case !c.Identical:
			fmt.Fprintf(w, "  first difference: %s\n  diff (-ours +yours):\n", c.FirstDifference)
			for _, l := range strings.Split(strings.TrimRight(c.Diff, "\n"), "\n") {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
		for _, n := range c.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}
	if rep.FirstDifference != "" {
		fmt.Fprintf(w, "\nFirst step that differs: %s\n", rep.FirstDifference)
	}
	if rep.Verdict == "accepted" {
		fmt.Fprintf(w, "\nVerdict: accepted: the gateway would accept this request\n")
		return
	}
	msg := rep.Message
	if strings.HasPrefix(msg, "signature does not match") {
		msg = "signature does not match (the gateway's canonical request and string to sign are ours, shown above)"
	} else if strings.Contains(msg, "signature does not match. The server's string to sign") {
		msg = strings.SplitN(msg, ". The server's", 2)[0] + " (the string to sign is shown above)"
	}
	fmt.Fprintf(w, "\nVerdict: rejected: %s: %s\n", rep.Code, msg)
}
