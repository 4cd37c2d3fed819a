package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// This file reproduces the common signing mistakes (tc3-signing.md section
// 13 and the support questions behind it). Each mistake is a small change to
// the inputs of the signature; the diagnosis recomputes the signature with
// each change, alone and in pairs, and reports the ones that give exactly the
// signature the request carries.
//
// The correct computation is tc3.Sign / tc3.V1StringToSign; the builders
// below exist because the mistakes need inputs tc3 rightly refuses (a date
// that is not the UTC date of the timestamp, upper-case header values, keys
// in hex). They build the canonical request and string to sign; the
// signature itself is tc3.SignString / tc3.V1Signature, except for the key
// mistakes tc3 cannot make. Tests check that, with no mistake applied, they
// agree with tc3 on every vector.

// mistake is one way to get a signature wrong.
type mistake struct {
	ID    string `json:"id"`   // stable, for scripts: "local-date"
	Name  string `json:"name"` // one line: what was done wrong
	Fix   string `json:"fix"`  // one line: what to do instead
	group string // mistakes of one group are alternatives, never combined
	tc3   func(p *tc3Parts)
	v1    func(p *v1Parts)
}

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

	// Date (pitfall 1).
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

	// Service (pitfall 7): any other label of the host, the domain, what the header says.
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
		add(mistake{ID: "wrong-service", group: "service",
			Name: fmt.Sprintf("service taken from the wrong label: %q instead of %q", svc, base.service),
			Fix:  fmt.Sprintf("the service is the first label of the host (%s), also on a regional host such as %s.ap-guangzhou.tencentcloudapi.com", base.service, base.service),
			tc3:  func(p *tc3Parts) { p.service = svc }})
	}

	// Content-Type (pitfall 5).
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

	// Header value case and white space (pitfall 4).
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

	// Body (pitfall 6).
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

	// Signed header set (pitfall 8): the canonical request signed another set
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

	// Host (pitfall 7).
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

	// Layout of the canonical request and string to sign (pitfall 3).
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

type bodyVariant struct{ id, name, fix, hash string }

// bodyVariants are the bodies a client may have hashed instead of the one sent.
func bodyVariants(body []byte, method string) []bodyVariant {
	var out []bodyVariant
	seen := map[string]bool{string(body): true}
	add := func(id, name, fix string, b []byte) {
		if seen[string(b)] {
			return
		}
		seen[string(b)] = true
		out = append(out, bodyVariant{id, name, fix, tc3.PayloadHash(b)})
	}
	const nlFix = "hash exactly the bytes you send: serialise once, hash those bytes, send those bytes"
	if method == "POST" || len(body) > 0 {
		add("body-newline-added", `body hashed with an added trailing newline "\n" (or the capture/sent body lost it)`, nlFix, append(append([]byte{}, body...), '\n'))
		add("body-newline-added", `body hashed with an added trailing "\r\n"`, nlFix, append(append([]byte{}, body...), '\r', '\n'))
	}
	if b, ok := bytes.CutSuffix(body, []byte("\r\n")); ok {
		add("body-newline-stripped", `body hashed without its trailing "\r\n" (a newline was added after signing, or by the capture)`, nlFix, b)
	}
	if b, ok := bytes.CutSuffix(body, []byte("\n")); ok {
		add("body-newline-stripped", `body hashed without its trailing newline "\n" (a newline was added after signing, or by the capture)`, nlFix, b)
	}
	const reFix = "serialise the JSON once, hash those bytes and send the same bytes; do not let the HTTP client serialise the object again (requests json=, PostAsJsonAsync, JsonContent)"
	if json.Valid(body) {
		var b bytes.Buffer
		if json.Compact(&b, body) == nil {
			add("body-reserialised", "body hashed in compact JSON form, but sent re-serialised (different bytes)", reFix, b.Bytes())
		}
		for _, ind := range []struct{ label, s string }{{"2-space", "  "}, {"4-space", "    "}, {"tab", "\t"}} {
			b.Reset()
			if json.Indent(&b, body, "", ind.s) == nil {
				add("body-reserialised", "body hashed in "+ind.label+" indented JSON form, but sent re-serialised (different bytes)", reFix, b.Bytes())
			}
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if dec.Decode(&v) == nil {
			if m, err := json.Marshal(v); err == nil {
				add("body-reserialised", "body hashed as re-marshalled by Go encoding/json (keys sorted, <>& escaped), but sent in other bytes", reFix, m)
			}
			var nb bytes.Buffer
			enc := json.NewEncoder(&nb)
			enc.SetEscapeHTML(false)
			if enc.Encode(v) == nil {
				add("body-reserialised", "body hashed as re-marshalled by Go encoding/json without HTML escaping, but sent in other bytes", reFix, bytes.TrimSuffix(nb.Bytes(), []byte("\n")))
			}
		}
		if py, err := pythonDumps(body); err == nil {
			add("body-reserialised", `body hashed as Python json.dumps() writes it (", " and ": " separators, \uXXXX escapes), but sent in other bytes`, reFix, py)
		}
	}
	if len(body) > 0 {
		add("body-empty", "payload hash of an empty body, but the request has a body", "hash the body that is sent (for GET the body is empty)", []byte{})
	}
	return out
}

// pythonDumps re-serialises JSON the way Python's json.dumps does by default
// (key order kept, ", " and ": " separators, non-ASCII as \uXXXX escapes).
func pythonDumps(body []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var b bytes.Buffer
	type frame struct {
		obj   bool
		count int
		key   bool // next token is a key
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if d, ok := tok.(json.Delim); !ok || (d != '}' && d != ']') {
				if top.obj {
					if top.key {
						if top.count > 0 {
							b.WriteString(", ")
						}
						top.count++
					} else {
						b.WriteString(": ")
					}
					top.key = !top.key
				} else {
					if top.count > 0 {
						b.WriteString(", ")
					}
					top.count++
				}
			}
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				b.WriteByte(byte(t))
				stack = append(stack, frame{obj: t == '{', key: t == '{'})
			default:
				b.WriteByte(byte(t))
				stack = stack[:len(stack)-1]
			}
		case string:
			b.WriteString(pyQuote(t))
		case json.Number:
			b.WriteString(t.String())
		case bool:
			if t {
				b.WriteString("true")
			} else {
				b.WriteString("false")
			}
		case nil:
			b.WriteString("null")
		}
	}
	return b.Bytes(), nil
}

func pyQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r >= 0x7f && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

type queryVariant struct{ id, name, query string }

// queryVariants are the query strings a client may have signed instead of the one sent.
func queryVariants(raw string) []queryVariant {
	if raw == "" {
		return nil
	}
	var out []queryVariant
	seen := map[string]bool{raw: true}
	add := func(id, name, q string) {
		if seen[q] {
			return
		}
		seen[q] = true
		out = append(out, queryVariant{id, name, q})
	}
	add("query-encoding", `query signed with %20 for a space, but sent with +`, strings.ReplaceAll(raw, "+", "%20"))
	add("query-encoding", `query signed with + for a space, but sent with %20`, strings.ReplaceAll(raw, "%20", "+"))
	pairs := strings.Split(raw, "&")
	sorted := append([]string(nil), pairs...)
	sort.Strings(sorted)
	// Simplest explanations first: a variant equal to an earlier one is not repeated.
	add("query-order", "query signed with its parameters re-sorted, but sent in another order", strings.Join(sorted, "&"))
	decoded := make([]string, len(pairs))
	values := url.Values{}
	params := map[string]string{}
	okDecode := true
	for i, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		dk, err1 := url.QueryUnescape(k)
		dv, err2 := url.QueryUnescape(v)
		if err1 != nil || err2 != nil {
			okDecode = false
			break
		}
		decoded[i] = dk + "=" + dv
		values.Add(dk, dv)
		params[dk] = dv
	}
	if okDecode {
		add("query-encoding", "query signed decoded (raw values), but sent URL-encoded", strings.Join(decoded, "&"))
		add("query-encoding", "query signed as re-encoded per RFC 3986 (%20, sorted), but sent in other bytes", tc3.EncodeQuery(params))
		add("query-encoding", "query signed as re-encoded by url.Values.Encode / urlencode (+, sorted), but sent in other bytes", values.Encode())
	}
	add("query-encoding", "query signed with lower-case percent-encoding hex (%3f), but sent upper-case", lowerPercent(raw))
	add("query-encoding", "query signed with upper-case percent-encoding hex (%3F), but sent lower-case", upperPercent(raw))
	add("query-missing", "query left out of the canonical request (empty canonical query string), but sent in the URL", "")
	return out
}

func lowerPercent(s string) string { return mapPercent(s, strings.ToLower) }
func upperPercent(s string) string { return mapPercent(s, strings.ToUpper) }

func mapPercent(s string, f func(string) string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			b.WriteString("%" + f(s[i+1:i+3]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// hostVariants are hosts a client may have signed instead of the one sent.
func hostVariants(host string) []string {
	h := strings.ToLower(host)
	var out []string
	seen := map[string]bool{h: true}
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	bare := stripPort(h)
	add(bare)
	add(bare + ":443")
	labels := strings.Split(bare, ".")
	if n := len(labels); n >= 3 && strings.Join(labels[n-2:], ".") == "tencentcloudapi.com" {
		if n == 4 {
			add(labels[0] + ".tencentcloudapi.com") // regional sent, nearby signed
		} else if n == 3 {
			add(labels[0] + ".ap-guangzhou.tencentcloudapi.com")
		}
	}
	return out
}

// v1Parts are the inputs of one v1 signature, mistakes included.
type v1Parts struct {
	prefix    string // METHOD + host + path + "?"
	pairs     [][2]string
	sorted    bool
	hashName  string
	key       string
	hexOutput bool
}

func (p *v1Parts) clone() *v1Parts {
	q := *p
	q.pairs = append([][2]string(nil), p.pairs...)
	return &q
}

func (p *v1Parts) stringToSign() string {
	pairs := p.pairs
	if p.sorted {
		pairs = append([][2]string(nil), pairs...)
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	}
	var b strings.Builder
	b.WriteString(p.prefix)
	for i, kv := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(kv[0] + "=" + kv[1])
	}
	return b.String()
}

// signature is tc3.V1Signature; the hex-output mistake re-encodes its bytes.
func (p *v1Parts) signature() string {
	sig, err := tc3.V1Signature(p.hashName, p.key, p.stringToSign())
	if err != nil {
		return "(" + err.Error() + ")" // cannot happen: hashName is HmacSHA1 or HmacSHA256; matches no signature
	}
	if p.hexOutput {
		raw, _ := base64.StdEncoding.DecodeString(sig)
		return hex.EncodeToString(raw)
	}
	return sig
}

// v1Pair is one parameter as sent: raw (encoded) and decoded.
type v1Pair struct{ rawKey, rawValue, key, value string }

// splitV1Params splits the v1 parameter string as sent, keeping wire order.
func splitV1Params(raw string) ([]v1Pair, error) {
	var out []v1Pair
	if raw == "" {
		return nil, nil
	}
	for _, p := range strings.Split(raw, "&") {
		if p == "" {
			continue
		}
		rk, rv, _ := strings.Cut(p, "=")
		k, err := url.QueryUnescape(rk)
		if err != nil {
			return nil, err
		}
		v, err := url.QueryUnescape(rv)
		if err != nil {
			return nil, err
		}
		out = append(out, v1Pair{rk, rv, k, v})
	}
	return out, nil
}

func v1Base(method, host, path string, pairs []v1Pair, key string) *v1Parts {
	if path == "" {
		path = "/"
	}
	p := &v1Parts{prefix: method + host + path + "?", sorted: true, key: key, hashName: tc3.HmacSHA1}
	for _, kv := range pairs {
		if kv.key == "Signature" {
			continue
		}
		if kv.key == "SignatureMethod" && kv.value == tc3.HmacSHA256 {
			p.hashName = tc3.HmacSHA256
		}
		p.pairs = append(p.pairs, [2]string{kv.key, kv.value})
	}
	return p
}

func v1Mistakes(method, host, path string, pairs []v1Pair, base *v1Parts) []mistake {
	var ms []mistake
	add := func(m mistake) { ms = append(ms, m) }
	if path == "" {
		path = "/"
	}
	var unsigned []v1Pair
	for _, kv := range pairs {
		if kv.key != "Signature" {
			unsigned = append(unsigned, kv)
		}
	}
	withValues := func(f func(kv v1Pair) [2]string) func(p *v1Parts) {
		return func(p *v1Parts) {
			p.pairs = p.pairs[:0]
			for _, kv := range unsigned {
				p.pairs = append(p.pairs, f(kv))
			}
		}
	}
	const encFix = "the v1 string to sign uses the raw (decoded) values; only the query or body sent is URL-encoded"
	add(mistake{ID: "v1-encoded-values", group: "v1-values", Name: "v1 string to sign built from the URL-encoded values as sent, not the raw values", Fix: encFix,
		v1: withValues(func(kv v1Pair) [2]string { return [2]string{kv.key, kv.rawValue} })})
	add(mistake{ID: "v1-encoded-values", group: "v1-values", Name: "v1 string to sign built from values encoded per RFC 3986 (%20), not the raw values", Fix: encFix,
		v1: withValues(func(kv v1Pair) [2]string { return [2]string{kv.key, tc3.Escape(kv.value)} })})
	add(mistake{ID: "v1-encoded-values", group: "v1-values", Name: "v1 string to sign built from values encoded with url.QueryEscape / urlencode (+), not the raw values", Fix: encFix,
		v1: withValues(func(kv v1Pair) [2]string { return [2]string{kv.key, url.QueryEscape(kv.value)} })})
	add(mistake{ID: "v1-empty-skipped", group: "v1-values", Name: "v1 parameters with an empty value left out of the string to sign (the Go SDK does this)",
		Fix: "sign every parameter sent, empty ones as k= (or do not send empty parameters)",
		v1: func(p *v1Parts) {
			var keep [][2]string
			for _, kv := range p.pairs {
				if kv[1] != "" {
					keep = append(keep, kv)
				}
			}
			p.pairs = keep
		}})
	const prefixFix = "the v1 string to sign starts with METHOD + host + path + \"?\", e.g. GETfaceid.tencentcloudapi.com/?"
	for _, v := range []struct{ name, prefix string }{
		{"without the host and path (METHOD + \"?\" + parameters)", method + "?"},
		{"without the host", method + path + "?"},
		{"without the path", method + host + "?"},
		{"without METHOD, host and path (parameters only)", ""},
		{"without the method", host + path + "?"},
	} {
		pre := v.prefix
		add(mistake{ID: "v1-no-host-path", group: "v1-prefix", Name: "v1 string to sign built " + v.name, Fix: prefixFix, v1: func(p *v1Parts) { p.prefix = pre }})
	}
	other := map[string]string{"GET": "POST", "POST": "GET"}[method]
	if other != "" {
		pre := other + host + path + "?"
		add(mistake{ID: "v1-method", group: "v1-prefix", Name: fmt.Sprintf("v1 string to sign starts with %s, but the request is a %s", other, method),
			Fix: "the string to sign starts with the method actually used", v1: func(p *v1Parts) { p.prefix = pre }})
	}
	otherHash := tc3.HmacSHA256
	if base.hashName == tc3.HmacSHA256 {
		otherHash = tc3.HmacSHA1
	}
	add(mistake{ID: "v1-other-hash", group: "v1-hash",
		Name: fmt.Sprintf("signed with %s, but the server checks %s", otherHash, base.hashName),
		Fix:  "the server uses HmacSHA256 only when the parameter SignatureMethod=HmacSHA256 is sent (and signed), HmacSHA1 otherwise",
		v1:   func(p *v1Parts) { p.hashName = otherHash }})
	add(mistake{ID: "v1-unsorted", group: "v1-order", Name: "v1 parameters not sorted by name in the string to sign",
		Fix: "sort the parameters by name in byte order (InstanceIds.12 before InstanceIds.2)", v1: func(p *v1Parts) { p.sorted = false }})
	for _, ws := range []struct{ label, pre, post string }{
		{`a trailing newline "\n"`, "", "\n"}, {`a trailing "\r\n"`, "", "\r\n"}, {"a trailing space", "", " "}, {"a leading space", " ", ""},
	} {
		ws := ws
		add(mistake{ID: "key-whitespace", group: "key",
			Name: "SecretKey used with " + ws.label + " (copied from a file, the environment or a config value)",
			Fix:  "trim the SecretKey where you read it (Python .strip(), C# .Trim())",
			v1:   func(p *v1Parts) { p.key = ws.pre + p.key + ws.post }})
	}
	add(mistake{ID: "v1-hex-signature", group: "v1-output", Name: "v1 signature hex-encoded instead of Base64",
		Fix: "a v1 signature is standard Base64 (with padding) of the HMAC, then URL-encoded on the wire", v1: func(p *v1Parts) { p.hexOutput = true }})
	return ms
}

// match is one mistake, or a pair, that reproduces the request's signature.
type match struct {
	Mistakes []mistake `json:"mistakes"`
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
	if c, ok := cutAtNUL(sign()); ok && c == sig {
		found = append([]match{{[]mistake{strlen}}}, found...)
	}
	return found, tried
}

// diagnoseV1 is diagnoseTC3 for v1. A signature whose '+' became a space on
// the way (sent without URL-encoding) is reported as such.
func diagnoseV1(base *v1Parts, ms []mistake, sig string) (found []match, tried int) {
	if s, ok := strings.CutSuffix(sig, "\n"); ok && s == base.signature() {
		return []match{{[]mistake{{ID: "v1-signature-newline", Name: "Signature sent with a trailing newline (%0A): Base64 encoders that wrap lines append one, such as Ruby's Base64.encode64 and Python's base64.encodebytes",
			Fix: "use an encoder without line breaks (Ruby Base64.strict_encode64, Python base64.b64encode) or strip the newline"}}}}, 1
	}
	if strings.Contains(sig, " ") && strings.ReplaceAll(sig, " ", "+") == base.signature() {
		return []match{{[]mistake{{ID: "v1-signature-not-encoded", Name: "Signature sent without URL-encoding: its '+' arrived as a space",
			Fix: "URL-encode every value on the wire, the Base64 signature included (+ as %2B, / as %2F, = as %3D)"}}}}, 1
	}
	return searchMistakes(ms, sig, func(apply ...mistake) string {
		p := base.clone()
		for _, m := range apply {
			m.v1(p)
		}
		return p.signature()
	})
}

// searchMistakes is the search behind both diagnoses: sign(with no mistake)
// is the correct signature; each mistake that changes it is tried alone,
// then in pairs from different groups when no single one matches.
func searchMistakes(ms []mistake, sig string, sign func(apply ...mistake) string) (found []match, tried int) {
	baseSig := sign()
	var changed []mistake
	for _, m := range ms {
		s := sign(m)
		tried++
		if s == baseSig {
			continue // no change for this request
		}
		changed = append(changed, m)
		if s == sig {
			found = append(found, match{[]mistake{m}})
		}
	}
	if len(found) > 0 {
		return found, tried
	}
	for i := range changed {
		for j := i + 1; j < len(changed); j++ {
			a, b := changed[i], changed[j]
			if a.group == b.group {
				continue
			}
			tried++
			if sign(a, b) == sig {
				found = append(found, match{[]mistake{a, b}})
			}
		}
	}
	return found, tried
}
