package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
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
	Code    string `json:"code,omitempty"` // the gateway's error code of a failed rule
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
	// checks is tc3.Check's list, for the inspector page (reason and fix apart).
	checks []tc3.Finding
}

func (r *report) add(status, check, format string, args ...any) {
	r.Findings = append(r.Findings, finding{Status: status, Check: check, Message: fmt.Sprintf(format, args...)})
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

// checkRequest renders tc3.Check's findings (the gateway's rules, their one
// home) and adds what only a debugger does: our signature computed even
// when an earlier check failed, the mistake search and the comparisons with
// the user's intermediates. The verdict is tc3's first failure.
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
	if service == "" && tc3.IsLocalHost(stripPort(req.Host)) {
		// A capture sent to tc3sign serve or another local stand-in: expect
		// what serve expects, so both give one verdict in the same words.
		service = faceidtest.Service
		rep.add("info", "service", "host %s is not a Tencent Cloud domain (a local stand-in?): expecting service %q, as tc3sign serve does; pass --service for another product", req.Host, service)
	}
	header, hasAuth := req.Get("Authorization")
	var auth *tc3.Authorization
	if hasAuth {
		var err error
		if auth, err = tc3.ParseAuthorization(header); err != nil {
			msg := err.Error()
			var ve *tc3.VerifyError
			if errors.As(err, &ve) {
				msg = ve.Message
			}
			alg, _, _ := strings.Cut(header, " ")
			if strings.EqualFold(alg, tc3.Algorithm) && alg != tc3.Algorithm {
				msg += " (the algorithm name is case-sensitive: " + tc3.Algorithm + ")"
			}
			return nil, &inputError{"malformed Authorization header: " + msg + `; the layout is "TC3-HMAC-SHA256 Credential=SecretId/YYYY-MM-DD/service/tc3_request, SignedHeaders=content-type;host, Signature=<64 lower-case hex>"`}
		}
	}
	_, fs, err := tc3.Check(req.httpRequest(), req.Body, tc3.VerifyOptions{
		Credentials: func(id string) (tc3.Credentials, bool) { return cred, id == cred.SecretID },
		Service:     service,
		Now:         o.nowTime,
	})
	if err != nil {
		return nil, err
	}
	rep.checks = fs
	hasSig := false
	for _, f := range fs {
		st := "ok"
		if !f.Pass {
			st = "fail"
		}
		hasSig = hasSig || f.Check == "signature"
		msg := f.Message()
		if f.Code == "AuthFailure.SignatureExpire" {
			if ts, err := tc3.ParseTimestamp(timestampOf(req)); err == nil {
				msg += fmt.Sprintf("; for an old capture pass --now %d", ts)
			}
		}
		rep.Findings = append(rep.Findings, finding{Status: st, Check: f.Check, Code: f.Code, Message: msg})
	}
	if hasAuth {
		rep.SignatureMethod = tc3.Algorithm
		if service == "" {
			service = firstLabel(req.Host)
		}
		diagnoseTC3Request(req, auth, cred, service, o, rep, hasSig)
	} else {
		rep.SignatureMethod = "v1"
		diagnoseV1Request(req, cred, o, rep, hasSig)
	}
	if cred.Token != "" {
		rep.Query = maskTokenText(rep.Query, cred.Token)
	}
	if f := tc3.FirstFailure(fs); f != nil {
		rep.Verdict, rep.ExitCode = "rejected", exitRejected
		rep.Code, rep.Message = f.Code, f.Message()
		return rep, nil
	}
	rep.Verdict, rep.ExitCode = "accepted", exitOK
	return rep, nil
}

// timestampOf is the request's X-TC-Timestamp, or its v1 Timestamp.
func timestampOf(req *rawRequest) string {
	if v, ok := req.Get("X-TC-Timestamp"); ok {
		return v
	}
	raw := req.RawQuery
	if req.Method == "POST" {
		raw = string(req.Body)
	}
	q, _ := url.ParseQuery(raw)
	return q.Get("Timestamp")
}

// signatureFinding adds our own signature comparison when tc3.Check left
// the signature out because an earlier check failed: the debugger computes
// it anyway, so one run shows every problem.
func signatureFinding(rep *report, hasSig, matches bool, theirs, ours string) {
	if hasSig {
		for i := range rep.Findings {
			if f := &rep.Findings[i]; f.Check == "signature" && f.Status == "fail" && !matches {
				f.Message = fmt.Sprintf("Signature %s does not match ours (%s)", truncateRunes(theirs, 70), sigPrefix(ours))
			}
		}
		return
	}
	if matches {
		rep.add("info", "signature", "Signature matches ours (computed despite the failures above)")
	} else {
		rep.add("fail", "signature", "Signature %s does not match ours (%s)", truncateRunes(theirs, 70), sigPrefix(ours))
	}
}

// theirSignature is what a report shows of the request's signature: all of
// it when it does not match (it is worthless, and the user may need to see
// it), a prefix when it does (it is valid for 5 minutes).
func theirSignature(sig string, matches bool) string {
	if matches {
		return sigPrefix(sig)
	}
	return sig
}

// diagnoseTC3Request computes our TC3 signature for a request the checks
// may have refused, and searches the mistakes that reproduce theirs.
func diagnoseTC3Request(req *rawRequest, auth *tc3.Authorization, cred tc3.Credentials, service string, o *verifyOptions, rep *report, hasSig bool) {
	rep.TheirSignature = auth.Signature
	tsText, _ := req.Get("X-TC-Timestamp")
	ts, tsErr := tc3.ParseTimestamp(tsText)
	if tsErr != nil {
		// A timestamp that is not plain digits but still a number (+N, 0N)
		// is what the client most likely signed: use it for the diagnosis.
		if n, err := strconv.ParseInt(strings.TrimSpace(tsText), 10, 64); err == nil && n > 0 {
			ts, tsErr = n, nil
			tsText = strconv.FormatInt(n, 10)
		}
	}
	shOK := len(auth.SignedHeaders) > 0
	var hasCT, hasHost bool
	for i, n := range auth.SignedHeaders {
		hasCT, hasHost = hasCT || n == "content-type", hasHost || n == "host"
		if n != strings.ToLower(n) || (i > 0 && n <= auth.SignedHeaders[i-1]) || (n != "host" && len(req.Values(n)) == 0) {
			shOK = false
		}
	}
	if tsErr != nil || auth.SecretID != cred.SecretID || !shOK || !hasCT || !hasHost {
		rep.add("info", "signature", "signature not computed: fix the failures above first")
		return
	}
	ct, _ := req.Get("Content-Type")
	in := tc3.Input{
		Credentials: cred,
		Service:     service,
		Method:      req.Method,
		Host:        req.Host,
		Query:       req.RawQuery,
		ContentType: ct,
		Timestamp:   ts,
	}
	if req.Method == "POST" {
		in.Payload = req.Body
	}
	if v, _ := req.Get("X-TC-Content-SHA256"); v == "UNSIGNED-PAYLOAD" && req.Method == "POST" {
		in.Payload, in.PayloadHash = nil, tc3.UnsignedPayloadHash
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
		return
	}
	rep.CanonicalRequest, rep.StringToSign, rep.OurSignaturePrefix = maskToken(res.CanonicalRequest, cred.Token), res.StringToSign, sigPrefix(res.Signature)
	matches := hmac.Equal([]byte(res.Signature), []byte(auth.Signature))
	rep.SignatureMatches = &matches
	rep.TheirSignature = theirSignature(auth.Signature, matches)
	signatureFinding(rep, hasSig, matches, auth.Signature, res.Signature)
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

// diagnoseV1Request computes our v1 signature for a request the checks may
// have refused, and searches the mistakes that reproduce theirs.
func diagnoseV1Request(req *rawRequest, cred tc3.Credentials, o *verifyOptions, rep *report, hasSig bool) {
	raw := req.RawQuery
	if req.Method == "POST" {
		if ct, _ := req.Get("Content-Type"); mediaType(ct) != "application/x-www-form-urlencoded" {
			return
		}
		raw = string(req.Body)
	}
	pairs, err := splitV1Params(raw)
	if err != nil {
		return
	}
	params := map[string]string{}
	dup := false
	for _, kv := range pairs {
		_, seen := params[kv.key]
		dup = dup || seen
		params[kv.key] = kv.value
	}
	if _, ok := params["Signature"]; !ok {
		rep.add("info", "signature", "the request is not signed: no Authorization header (TC3) and no Signature parameter (v1)")
		return
	}
	method := tc3.V1SignatureMethod(params)
	rep.SignatureMethod = method
	rep.TheirSignature = params["Signature"]
	if params["SecretId"] != cred.SecretID || dup {
		rep.add("info", "signature", "signature not computed: fix the failures above first")
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
	rep.StringToSign, rep.OurSignaturePrefix = maskV1Token(sts, params["Token"]), sigPrefix(ours)
	matches := hmac.Equal([]byte(ours), []byte(params["Signature"]))
	rep.SignatureMatches = &matches
	rep.TheirSignature = theirSignature(params["Signature"], matches)
	signatureFinding(rep, hasSig, matches, params["Signature"], ours)
	if !matches {
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

// maskToken masks a signed X-TC-Token in a canonical request (where it
// appears lower-cased).
func maskToken(cr, token string) string {
	if token == "" {
		return cr
	}
	return strings.ReplaceAll(cr, "x-tc-token:"+strings.ToLower(strings.TrimSpace(token)), "x-tc-token:"+tc3.Mask(token))
}

// maskTokenText masks a token in a query or form as sent (raw or
// URL-encoded).
func maskTokenText(s, token string) string {
	s = strings.ReplaceAll(s, token, tc3.Mask(token))
	return strings.ReplaceAll(s, tc3.Escape(token), tc3.Mask(token))
}

// maskV1Token masks the Token parameter's value in a v1 string to sign:
// reports get pasted into tickets.
func maskV1Token(sts, token string) string {
	if token == "" {
		return sts
	}
	return strings.Replace(sts, "&Token="+token, "&Token="+tc3.Mask(token), 1)
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
	if rep.Query != "" {
		target += "?" + rep.Query
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
