package main

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

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

The checks are the gateway's rules as tc3.Check implements them, the same ones "tc3sign serve"
applies, so both give one verdict in the same words: method and size, the exact Authorization
layout, Content-Type per method, path /, no GET body, the timestamp (exact decimal, 5-minute
window), SecretId and token, the scope date (UTC) and service, SignedHeaders, the signature; for
v1 the encoding (upper-case escapes, no raw /), the parameters and the signature's form. Then,
whatever failed, it computes our signature: when it does not match it prints our canonical request
and string to sign, compares them with yours if you pass --their-canonical-request /
--their-string-to-sign (line diff, first step that differs), and recomputes the signature with each
common mistake (local-time date, charset in Content-Type, header case, body newline or
re-serialisation, query encoding, wrong service label, key whitespace, upper-case hex, a C hex
encoder stopping at strlen, derived keys mangled in shell variables, a v1 signature ending in a
newline, signed-header set, v1 encoding/host/hash ...) to name the one that reproduces your
signature, with the fix. Of the signature it computes it shows only the first 8
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

// inputError is input that cannot be checked at all: exit 2.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func (c *cli) verify(args []string) int {
	var o verifyOptions
	fs := newFlagSet("verify")
	fs.StringVar(&o.now, "now", "", "Unix time in seconds of the server clock for the 5-minute window (default: the current time); use the capture's timestamp for an old capture")
	fs.StringVar(&o.format, "format", "text", "output format: text or json")
	fs.StringVar(&o.service, "service", "", "service the gateway expects (default: the first label of the Host; faceid for IP/localhost hosts, as tc3sign serve expects)")
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
	if !hasAuth && (rep.SignatureMatches == nil || *rep.SignatureMatches) {
		// A v1 query carries the Signature, valid unless ours refuted it.
		rep.Query = maskV1Signature(rep.Query)
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
	// Until ours is computed, their signature may be valid: a prefix only.
	rep.TheirSignature = sigPrefix(auth.Signature)
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
	matches := sameSignature(res.Signature, auth.Signature)
	rep.SignatureMatches = &matches
	rep.TheirSignature = theirSignature(auth.Signature, matches)
	signatureFinding(rep, hasSig, matches, auth.Signature, res.Signature)
	base := tc3Base(req, auth, cred, service, tsText, ts)
	if !matches {
		rep.Diagnosis, rep.VariantsTried = diagnoseTC3(base, tc3Mistakes(req, auth, base, ts), auth.Signature)
	}
	if o.theirCRv != nil {
		c := compareCanonical(res.CanonicalRequest, *o.theirCRv, base, auth.Signature)
		rep.Comparisons = append(rep.Comparisons, maskComparison(c, cred.Token))
	}
	if o.theirSTSv != nil {
		rep.Comparisons = append(rep.Comparisons, compareStringToSign(res.StringToSign, *o.theirSTSv, base, auth.Signature))
	}
	rep.FirstDifference = firstStep(rep.Comparisons, matches)
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
	rep.TheirSignature = sigPrefix(params["Signature"]) // may be valid until ours says otherwise
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
	matches := sameSignature(ours, params["Signature"])
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
		ours, theirs := sts, *o.theirSTSv
		if tok := params["Token"]; tok != "" {
			// The comparison quotes parts of both: mask the token in each
			// (the mask keeps its length, so byte offsets hold).
			ours, theirs = maskTokenText(ours, tok), maskTokenText(theirs, tok)
		}
		c := compareV1(ours, theirs, prefixLen)
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

// maskV1Signature replaces the value of the Signature parameter of a v1
// query with its prefix (sigPrefix), as sent (URL-encoded).
func maskV1Signature(query string) string {
	parts := strings.Split(query, "&")
	for i, p := range parts {
		if v, ok := strings.CutPrefix(p, "Signature="); ok {
			if raw, err := url.QueryUnescape(v); err == nil {
				v = raw
			}
			parts[i] = "Signature=" + sigPrefix(v)
		}
	}
	return strings.Join(parts, "&")
}

// maskComparison masks the token, as sent or lower-cased (a signed
// x-tc-token line), where a comparison quotes the canonical requests.
func maskComparison(c comparison, token string) comparison {
	if token == "" {
		return c
	}
	mask := func(s string) string {
		s = maskTokenText(s, token)
		return strings.ReplaceAll(s, strings.ToLower(strings.TrimSpace(token)), tc3.Mask(token))
	}
	c.FirstDifference, c.Diff = mask(c.FirstDifference), mask(c.Diff)
	return c
}
