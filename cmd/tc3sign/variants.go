package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// The variant generators the catalogues draw on: the bodies, query strings
// and hosts a client may have signed instead of the ones it sent.

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
