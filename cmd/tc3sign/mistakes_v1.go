package main

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// The v1 (HmacSHA1/HmacSHA256) mistake catalogue: the inputs of a v1
// signature (v1Parts), the parameters as sent, and the mistakes that change
// them. The search is in mistakes.go.

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
