package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// The TC3-HMAC-SHA256 mistake catalogue: the inputs of a TC3 signature
// (tc3Parts), what the gateway computes for a request (tc3Base), and the
// mistakes that change them (tc3Mistakes). The search is in mistakes.go.

// tc3Parts are the inputs of one TC3 signature, mistakes included.
type tc3Parts struct {
	method, uri, query string
	headers            []partHeader // sorted by name
	signedHeaders      string       // the SignedHeaders line of the canonical request
	payloadHash        string
	crSuffix           string // text after the payload hash (should be none)
	noBlankLine        bool   // canonical headers not ending in "\n"
	timestamp          string
	date, service      string
	stsSuffix          string
	keyPrefix          string // "TC3"
	key                string
	hexKeys            bool // derived keys passed on as hex text
	shellKeys          bool // derived keys passed through $(...): NUL bytes and trailing newlines lost
	upperHex           bool
}

// partHeader is one canonical header: value is what goes into the canonical
// request, rawName/rawValue what was sent.
type partHeader struct {
	name, value, rawName, rawValue string
	untrimmed                      string // as written after "Name: "
}

func (p *tc3Parts) clone() *tc3Parts {
	q := *p
	q.headers = append([]partHeader(nil), p.headers...)
	return &q
}

func (p *tc3Parts) canonicalRequest() string {
	var b strings.Builder
	b.WriteString(p.method + "\n" + p.uri + "\n" + p.query + "\n")
	for i, h := range p.headers {
		b.WriteString(h.name + ":" + h.value)
		if !(p.noBlankLine && i == len(p.headers)-1) {
			b.WriteByte('\n')
		}
	}
	b.WriteString("\n" + p.signedHeaders + "\n" + p.payloadHash + p.crSuffix)
	return b.String()
}

func (p *tc3Parts) scope() string { return p.date + "/" + p.service + "/tc3_request" }

func (p *tc3Parts) stringToSign() string {
	sum := sha256.Sum256([]byte(p.canonicalRequest()))
	return tc3.Algorithm + "\n" + p.timestamp + "\n" + p.scope() + "\n" + hex.EncodeToString(sum[:]) + p.stsSuffix
}

// signature is tc3.SignString over the string to sign, except for the key
// mistakes tc3 rightly cannot make (no "TC3" prefix, hex text as HMAC keys),
// which keep their own derivation; upper-case hex is applied to either.
func (p *tc3Parts) signature() string {
	var sig string
	if p.keyPrefix == "TC3" && !p.hexKeys && !p.shellKeys {
		sig = tc3.SignString(p.key, p.date, p.service, p.stringToSign())
	} else {
		sig = p.mistakenSignature()
	}
	if p.upperHex {
		sig = strings.ToUpper(sig)
	}
	return sig
}

// mistakenSignature derives the keys with the key mistakes applied: the
// first key keyPrefix+key, and with hexKeys each derived key passed on as
// its hex text.
func (p *tc3Parts) mistakenSignature() string {
	step := func(key []byte, msg string) []byte {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(msg))
		out := m.Sum(nil)
		if p.hexKeys {
			return []byte(hex.EncodeToString(out))
		}
		if p.shellKeys {
			return shellMangle(out)
		}
		return out
	}
	k := step([]byte(p.keyPrefix+p.key), p.date)
	k = step(k, p.service)
	k = step(k, "tc3_request")
	m := hmac.New(sha256.New, k)
	m.Write([]byte(p.stringToSign()))
	return hex.EncodeToString(m.Sum(nil))
}

// shellMangle is what a POSIX shell does to binary data captured with
// $(...), as in key=$(printf %s "$hex" | xxd -r -p): bash drops every NUL
// byte (it cannot hold one in a variable) and command substitution removes
// the trailing newlines.
func shellMangle(b []byte) []byte {
	return bytes.TrimRight(bytes.ReplaceAll(b, []byte{0}, nil), "\n")
}

// cutAtNUL is a hex signature as a C signer that hex-encodes up to
// strlen() of the binary HMAC writes it: it stops before the first 0x00
// byte. ok is false when the HMAC has no 0x00 byte.
func cutAtNUL(sig string) (string, bool) {
	for i := 0; i+1 < len(sig); i += 2 {
		if sig[i:i+2] == "00" {
			return sig[:i], true
		}
	}
	return sig, false
}

func (p *tc3Parts) setHeaders(hs []partHeader) {
	sort.Slice(hs, func(i, j int) bool { return hs[i].name < hs[j].name })
	p.headers = hs
	names := make([]string, len(hs))
	for i, h := range hs {
		names[i] = h.name
	}
	p.signedHeaders = strings.Join(names, ";")
}

func canonValue(v string) string { return strings.ToLower(strings.TrimSpace(v)) }

// tc3Base is what the gateway computes for the request: the signed headers
// named in the Authorization header, the UTC date, the expected service.
func tc3Base(req *rawRequest, auth *tc3.Authorization, cred tc3.Credentials, service string, ts string, unixTS int64) *tc3Parts {
	p := &tc3Parts{
		method:    req.Method,
		uri:       "/",
		query:     req.RawQuery,
		timestamp: ts,
		date:      time.Unix(unixTS, 0).UTC().Format(time.DateOnly),
		service:   service,
		keyPrefix: "TC3",
		key:       cred.SecretKey,
	}
	var hs []partHeader
	for _, name := range auth.SignedHeaders {
		raw, untrimmed := strings.Join(req.Values(name), ","), strings.Join(req.rawValues(name), ",")
		if name == "host" {
			raw, untrimmed = req.Host, req.Host
		}
		hs = append(hs, partHeader{name: name, value: canonValue(raw), rawName: req.headerName(name), rawValue: raw, untrimmed: untrimmed})
	}
	p.setHeaders(hs)
	if v, _ := req.Get("X-TC-Content-SHA256"); v == "UNSIGNED-PAYLOAD" {
		p.payloadHash = tc3.UnsignedPayloadHash
	} else {
		p.payloadHash = tc3.PayloadHash(req.Body)
	}
	return p
}

// tc3Mistakes lists the mistakes that apply to this request.
func tc3Mistakes(req *rawRequest, auth *tc3.Authorization, base *tc3Parts, unixTS int64) []mistake {
	var ms []mistake
	add := func(m mistake) { ms = append(ms, m) }

	// Date.
	utc := base.date
	cst := time.Unix(unixTS, 0).In(time.FixedZone("UTC+8", 8*3600)).Format(time.DateOnly)
	if cst != utc {
		add(mistake{ID: "local-date", group: "date",
			Name: fmt.Sprintf("credential-scope date computed in local time (UTC+8: %s) instead of UTC (%s)", cst, utc),
			Fix:  `derive the date from the same timestamp in UTC: Python datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d"), C# DateTimeOffset.FromUnixTimeSeconds(ts).UtcDateTime.ToString("yyyy-MM-dd")`,
			tc3:  func(p *tc3Parts) { p.date = cst }})
	}
	if auth.Date != utc && auth.Date != cst {
		d := auth.Date
		add(mistake{ID: "scope-date", group: "date",
			Name: fmt.Sprintf("credential-scope date %s is not the UTC date %s of X-TC-Timestamp %s", d, utc, base.timestamp),
			Fix:  "compute the date from the very timestamp you send, in UTC (not from another clock reading, not in local time)",
			tc3:  func(p *tc3Parts) { p.date = d }})
	}

	// Service: any other label of the host, the domain, what the header says.
	host := strings.ToLower(stripPort(req.Host))
	labels := strings.Split(host, ".")
	cands := []string{}
	if len(labels) > 1 {
		cands = append(cands, labels[1:]...)
	}
	cands = append(cands, "tencentcloudapi", host, strings.ToLower(auth.Service), auth.Service)
	seen := map[string]bool{base.service: true, "": true}
	for _, s := range cands {
		if seen[s] {
			continue
		}
		seen[s] = true
		svc := s
		fix := fmt.Sprintf("the service is the first label of the host (%s), also on a regional host such as %s.ap-guangzhou.tencentcloudapi.com", base.service, base.service)
		if tc3.IsLocalHost(stripPort(req.Host)) {
			fix = tc3.ServiceFinding(svc, base.service, req.Host).Fix
		}
		add(mistake{ID: "wrong-service", group: "service",
			Name: fmt.Sprintf("service taken from the wrong label: %q instead of %q", svc, base.service),
			Fix:  fix,
			tc3:  func(p *tc3Parts) { p.service = svc }})
	}

	// Content-Type.
	if ct, ok := headerOf(base, "content-type"); ok {
		sent := ct.rawValue
		media := strings.TrimSpace(strings.SplitN(sent, ";", 2)[0])
		setCT := func(v string) func(p *tc3Parts) {
			return func(p *tc3Parts) {
				for i := range p.headers {
					if p.headers[i].name == "content-type" {
						p.headers[i].rawValue, p.headers[i].untrimmed = v, v
						p.headers[i].value = canonValue(v)
					}
				}
			}
		}
		if !strings.Contains(sent, ";") {
			for _, v := range []string{media + "; charset=utf-8", media + ";charset=utf-8"} {
				add(mistake{ID: "charset-added", group: "content-type",
					Name: fmt.Sprintf("content-type signed as %q, but the request sends %q", v, sent),
					Fix:  "sign the Content-Type header exactly as it is sent: drop the charset from the signed value, or send it too",
					tc3:  setCT(v)})
			}
		} else {
			add(mistake{ID: "charset-missing", group: "content-type",
				Name: fmt.Sprintf("content-type signed as %q without the %q that the request sends (added by your HTTP library)", media, strings.TrimSpace(sent[len(media):])),
				Fix:  `sign the final Content-Type: C# StringContent(json, Encoding.UTF8, "application/json") sends "application/json; charset=utf-8" (sign that, or set Headers.ContentType = new MediaTypeHeaderValue("application/json"))`,
				tc3:  setCT(media)})
		}
		for _, v := range []string{"application/json", "application/json; charset=utf-8", "application/x-www-form-urlencoded", "text/plain; charset=utf-8", "multipart/form-data"} {
			if canonValue(v) == canonValue(sent) || canonValue(v) == canonValue(media) || canonValue(v) == canonValue(media+"; charset=utf-8") {
				continue
			}
			add(mistake{ID: "content-type-mismatch", group: "content-type",
				Name: fmt.Sprintf("content-type signed as %q, but the request sends %q", v, sent),
				Fix:  "sign the Content-Type header exactly as it is sent (a library or proxy may have replaced it)",
				tc3:  setCT(v)})
		}
	}

	// Header value case and white space.
	var differsCase, differsSpace, nameCase bool
	for _, h := range base.headers {
		if strings.TrimSpace(h.rawValue) != strings.ToLower(strings.TrimSpace(h.rawValue)) {
			differsCase = true
		}
		if strings.TrimSpace(h.untrimmed) != h.untrimmed {
			differsSpace = true
		}
		if h.rawName != h.name {
			nameCase = true
		}
	}
	mapHeaders := func(f func(h *partHeader)) func(p *tc3Parts) {
		return func(p *tc3Parts) {
			for i := range p.headers {
				f(&p.headers[i])
			}
		}
	}
	if differsCase {
		add(mistake{ID: "header-case", group: "header-values",
			Name: "canonical header values not lower-cased (e.g. x-tc-action:DetectAuth instead of x-tc-action:detectauth)",
			Fix:  "lower-case and trim every value in the canonical headers; the header itself is still sent as is",
			tc3:  mapHeaders(func(h *partHeader) { h.value = strings.TrimSpace(h.rawValue) })})
		if differsSpace {
			add(mistake{ID: "header-case", group: "header-values",
				Name: "canonical header values neither lower-cased nor trimmed",
				Fix:  "lower-case and trim every value in the canonical headers; the header itself is still sent as is",
				tc3:  mapHeaders(func(h *partHeader) { h.value = h.untrimmed })})
		}
	}
	if differsSpace {
		add(mistake{ID: "header-trim", group: "header-values",
			Name: "canonical header values not trimmed of leading/trailing spaces",
			Fix:  "trim every value in the canonical headers (inner spaces stay)",
			tc3:  mapHeaders(func(h *partHeader) { h.value = strings.ToLower(h.untrimmed) })})
	}
	if nameCase {
		add(mistake{ID: "header-name-case", group: "header-names",
			Name: "canonical header names not lower-cased (Content-Type: instead of content-type:)",
			Fix:  "write the canonical header names in lower case, sorted: content-type, host, x-tc-action",
			tc3:  mapHeaders(func(h *partHeader) { h.name = h.rawName })})
	}

	// Body.
	for _, v := range bodyVariants(req.Body, req.Method) {
		hash := v.hash
		add(mistake{ID: v.id, group: "body", Name: v.name, Fix: v.fix, tc3: func(p *tc3Parts) { p.payloadHash = hash }})
	}

	// Query (sections 2.1 and 4.3).
	for _, v := range queryVariants(req.RawQuery) {
		q := v.query
		add(mistake{ID: v.id, group: "query", Name: v.name,
			Fix: "the canonical query string is the query exactly as sent, byte for byte: build it once, then put that same string in the URL and in the canonical request",
			tc3: func(p *tc3Parts) { p.query = q }})
	}

	// Secret key.
	for _, ws := range []struct{ label, pre, post string }{
		{`a trailing newline "\n"`, "", "\n"}, {`a trailing "\r\n"`, "", "\r\n"}, {"a trailing space", "", " "},
		{"a leading space", " ", ""}, {"a trailing tab", "", "\t"},
	} {
		ws := ws
		add(mistake{ID: "key-whitespace", group: "key",
			Name: "SecretKey used with " + ws.label + " (copied from a file, the environment or a config value)",
			Fix:  "trim the SecretKey where you read it (Python .strip(), C# .Trim())",
			tc3:  func(p *tc3Parts) { p.key = ws.pre + p.key + ws.post }})
	}
	add(mistake{ID: "key-no-prefix", group: "key-prefix",
		Name: `first HMAC key is the SecretKey alone, without the "TC3" prefix`,
		Fix:  `the first key is the bytes of "TC3" + SecretKey`,
		tc3:  func(p *tc3Parts) { p.keyPrefix = "" }})
	add(mistake{ID: "hex-keys", group: "key-format",
		Name: "derived keys passed on as hex text instead of raw bytes (hexdigest() at every step)",
		Fix:  "SecretDate, SecretService and SecretSigning are the raw 32-byte HMAC outputs (Python .digest(), C# ComputeHash); only the final signature is hex",
		tc3:  func(p *tc3Parts) { p.hexKeys = true }})
	add(mistake{ID: "shell-binary-keys", group: "key-format",
		Name: "derived keys kept in shell variables ($(... | xxd -r -p) or $(openssl ... -binary)): the shell dropped their 0x00 bytes and trailing newlines",
		Fix:  "a shell variable cannot hold binary: pass each derived key on as hex (openssl dgst -sha256 -mac HMAC -macopt hexkey:$key), as Tencent's shell demo does",
		tc3:  func(p *tc3Parts) { p.shellKeys = true }})
	add(mistake{ID: "hex-uppercase", group: "hex",
		Name: "signature hex in upper case",
		Fix:  `write the signature as lower-case hex (Python .hexdigest(), C# Convert.ToHexString(sig).ToLowerInvariant())`,
		tc3:  func(p *tc3Parts) { p.upperHex = true }})

	// Signed header set: the canonical request signed another set
	// than the one the Authorization header announces.
	inAuth := map[string]bool{}
	for _, n := range auth.SignedHeaders {
		inAuth[n] = true
	}
	for _, name := range []string{"x-tc-action", "x-tc-timestamp", "x-tc-version", "x-tc-region"} {
		if len(req.Values(name)) == 0 || inAuth[name] {
			continue
		}
		n, rn := name, req.headerName(name)
		raw, untrimmed := strings.Join(req.Values(name), ","), strings.Join(req.rawValues(name), ",")
		add(mistake{ID: "signed-headers", group: "signed-headers",
			Name: fmt.Sprintf("%s signed in the canonical request, but SignedHeaders in Authorization says %s", name, strings.Join(auth.SignedHeaders, ";")),
			Fix:  "SignedHeaders must list exactly the headers in the canonical request: either add " + name + " to SignedHeaders or leave it out of the canonical headers",
			tc3: func(p *tc3Parts) {
				p.setHeaders(append(p.headers, partHeader{name: n, value: canonValue(raw), rawName: rn, rawValue: raw, untrimmed: untrimmed}))
			}})
	}
	if len(auth.SignedHeaders) > 2 {
		add(mistake{ID: "signed-headers", group: "signed-headers",
			Name: fmt.Sprintf("only content-type;host signed in the canonical request, but SignedHeaders in Authorization says %s", strings.Join(auth.SignedHeaders, ";")),
			Fix:  "SignedHeaders must list exactly the headers in the canonical request",
			tc3: func(p *tc3Parts) {
				var keep []partHeader
				for _, h := range p.headers {
					if h.name == "content-type" || h.name == "host" {
						keep = append(keep, h)
					}
				}
				p.setHeaders(keep)
			}})
	}

	// Host.
	for _, h := range hostVariants(req.Host) {
		h := h
		add(mistake{ID: "host-mismatch", group: "host",
			Name: fmt.Sprintf("host signed as %q, but the request sends Host %q", h, req.Host),
			Fix:  "sign the Host header exactly as sent (nearby vs regional host, no port unless the Host header has one)",
			tc3: func(p *tc3Parts) {
				for i := range p.headers {
					if p.headers[i].name == "host" {
						p.headers[i].value, p.headers[i].rawValue, p.headers[i].untrimmed = canonValue(h), h, h
					}
				}
			}})
	}

	// Layout of the canonical request and string to sign.
	layout := func(name, fix string, f func(p *tc3Parts)) {
		add(mistake{ID: "canonical-layout", group: "layout", Name: name, Fix: fix, tc3: f})
	}
	layout("canonical request ends with a newline after the payload hash", "nothing follows the payload hash: join the six parts with \"\\n\", no trailing newline",
		func(p *tc3Parts) { p.crSuffix = "\n" })
	layout("canonical request lacks the empty line before SignedHeaders (the last canonical header line must end in \\n too)", "end every canonical header line with \\n, then join the parts with \\n: an empty line precedes SignedHeaders",
		func(p *tc3Parts) { p.noBlankLine = true })
	layout("string to sign ends with a newline", "nothing follows the hashed canonical request in the string to sign",
		func(p *tc3Parts) { p.stsSuffix = "\n" })
	layout("HTTP method written in lower case in the canonical request", "the method is upper case: POST or GET",
		func(p *tc3Parts) { p.method = strings.ToLower(p.method) })
	if req.Path != "/" {
		path := req.Path
		layout(fmt.Sprintf("canonical URI is the path sent (%s) instead of /", path), "the canonical URI is always / in API 3.0",
			func(p *tc3Parts) { p.uri = path })
	}
	layout("canonical URI left empty instead of /", "the canonical URI is always /",
		func(p *tc3Parts) { p.uri = "" })
	return ms
}

func headerOf(p *tc3Parts, name string) (partHeader, bool) {
	for _, h := range p.headers {
		if h.name == name {
			return h, true
		}
	}
	return partHeader{}, false
}

// diagnoseTC3 tries every mistake alone, then every pair from different
// groups, and returns those that reproduce sig. tried counts the signatures
// computed.
func diagnoseTC3(base *tc3Parts, ms []mistake, sig string) (found []match, tried int) {
	sign := func(apply ...mistake) string {
		p := base.clone()
		for _, m := range apply {
			m.tc3(p)
		}
		return p.signature()
	}
	if len(sig) >= 64 || len(sig)%2 != 0 {
		return searchMistakes(ms, sig, sign)
	}
	// A short signature: a C signer that hex-encodes strlen() bytes of the
	// HMAC stops at its first 0x00 byte. Search the signatures cut that way.
	cut := func(apply ...mistake) string {
		s, _ := cutAtNUL(sign(apply...))
		return s
	}
	strlen := mistake{ID: "c-strlen-hex", group: "hex",
		Name: fmt.Sprintf("signature hex-encoded up to strlen() of the binary HMAC: it stops before the first 0x00 byte (byte %d), so it is %d characters instead of 64", len(sig)/2+1, len(sig)),
		Fix:  "hex-encode all 32 bytes of the HMAC (loop to the digest length SHA256_DIGEST_LENGTH, never strlen: the digest is binary and may contain 0x00)"}
	found, tried = searchMistakes(ms, sig, cut)
	for i := range found {
		found[i].Mistakes = append(found[i].Mistakes, strlen)
	}
	if c, ok := cutAtNUL(sign()); ok && sameSignature(c, sig) {
		found = append([]match{{[]mistake{strlen}}}, found...)
	}
	return found, tried
}
