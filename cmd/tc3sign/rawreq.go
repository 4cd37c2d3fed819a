package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// rawHeader is one header line as captured.
type rawHeader struct {
	Name  string
	Value string // trimmed of leading and trailing spaces and tabs (HTTP OWS)
	Raw   string // everything after the colon, untouched
}

// rawRequest is one captured HTTP request, kept as close to the wire as
// possible: header names and values as written, the query as sent, the body
// bytes exactly.
type rawRequest struct {
	Method     string
	Target     string // request target as written: "/?a=b" or "https://host/?a=b"
	Proto      string
	Path       string // escaped path, "/" when empty
	RawQuery   string
	Host       string
	Headers    []rawHeader
	Body       []byte
	LineEnding string   // "CRLF", "LF" or "mixed"
	Notes      []string // what the parser noticed or repaired
}

// maxRawRequest bounds the input: the largest legal request (a 10 MB TC3
// POST) plus room for headers and capture noise.
const maxRawRequest = 16 << 20

// Get returns the first value of a header, case-insensitively.
func (r *rawRequest) Get(name string) (string, bool) {
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// Values returns every value of a header, in order.
func (r *rawRequest) Values(name string) []string {
	var vs []string
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			vs = append(vs, h.Value)
		}
	}
	return vs
}

// rawValues returns every value of a header as written after "Name: " (one
// separating space removed, surrounding white space otherwise kept).
func (r *rawRequest) rawValues(name string) []string {
	var vs []string
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			vs = append(vs, strings.TrimPrefix(h.Raw, " "))
		}
	}
	return vs
}

// headerName returns a header's name as captured (for messages), or name.
func (r *rawRequest) headerName(name string) string {
	for _, h := range r.Headers {
		if strings.EqualFold(h.Name, name) {
			return h.Name
		}
	}
	return name
}

// httpRequest converts the capture into the *http.Request that tc3.Verify
// reads. Pseudo-headers (HTTP/2 ":authority" and the like) are left out.
func (r *rawRequest) httpRequest() *http.Request {
	u := &url.URL{Path: r.Path, RawQuery: r.RawQuery}
	if p, err := url.PathUnescape(r.Path); err == nil && p != r.Path {
		u.Path, u.RawPath = p, r.Path
	}
	h := http.Header{}
	for _, hd := range r.Headers {
		if !strings.HasPrefix(hd.Name, ":") {
			h.Add(hd.Name, hd.Value)
		}
	}
	return &http.Request{
		Method:        r.Method,
		URL:           u,
		Proto:         r.Proto,
		Host:          r.Host,
		Header:        h,
		ContentLength: int64(len(r.Body)),
		RequestURI:    r.Target,
	}
}

// parseRawRequest parses one raw HTTP request as captured by
// httputil.DumpRequest, Fiddler, Charles, a hand-pasted trace (CRLF or LF
// line endings, origin-form or absolute-form request target) or Python's
// http.client debug output ("send: b'...'" lines). Errors are one line and
// say what is wrong.
func parseRawRequest(data []byte) (*rawRequest, error) {
	if len(data) > maxRawRequest {
		return nil, fmt.Errorf("the input is %d bytes, more than the %d-byte limit of one request", len(data), maxRawRequest)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 BOM from Windows editors
	var notes []string
	if py, ok, err := pythonSendLines(data); ok {
		if err != nil {
			return nil, err
		}
		data = py
		notes = append(notes, "input read as Python http.client debug output (send: b'...' lines joined)")
	}
	// Leading blank lines and indentation before the request line are capture noise.
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return nil, fmt.Errorf("empty input: give one raw HTTP request (request line, headers, an empty line, the body)")
	}

	r := &rawRequest{}
	var lines []string
	pos, crlf, lf := 0, 0, 0
	for {
		i := bytes.IndexByte(data[pos:], '\n')
		if i < 0 {
			if len(lines) == 0 {
				return nil, fmt.Errorf("the input is a single line: a raw request needs the request line, the headers and an empty line before the body")
			}
			return nil, fmt.Errorf("no empty line after the headers: a raw request needs one empty line between the headers and the body (add one even when the body is empty)")
		}
		line := data[pos : pos+i]
		pos += i + 1
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
			crlf++
		} else {
			lf++
		}
		if len(line) == 0 {
			break
		}
		lines = append(lines, string(line))
	}
	switch {
	case crlf > 0 && lf > 0:
		r.LineEnding = "mixed"
	case crlf > 0:
		r.LineEnding = "CRLF"
	default:
		r.LineEnding = "LF"
	}
	body := data[pos:]

	if err := r.parseRequestLine(lines[0]); err != nil {
		return nil, err
	}
	for n, line := range lines[1:] {
		if line[0] == ' ' || line[0] == '\t' {
			if len(r.Headers) == 0 {
				return nil, fmt.Errorf("line 2 starts with white space: the headers must follow the request line directly")
			}
			last := &r.Headers[len(r.Headers)-1]
			last.Value = strings.TrimSpace(last.Value + " " + strings.TrimSpace(line))
			last.Raw += " " + strings.TrimSpace(line)
			notes = append(notes, fmt.Sprintf("header %s continues on the next line (obsolete line folding); joined with a space", last.Name))
			continue
		}
		colon := strings.IndexByte(line, ':')
		if strings.HasPrefix(line, ":") { // HTTP/2 pseudo-header ":authority: host"
			colon = strings.IndexByte(line[1:], ':')
			if colon >= 0 {
				colon++
			}
		}
		if colon <= 0 {
			return nil, fmt.Errorf("line %d is not a header (want \"Name: value\"): %q", n+2, truncateRunes(line, 60))
		}
		name := line[:colon]
		if !tc3.IsToken(strings.TrimPrefix(name, ":")) {
			return nil, fmt.Errorf("line %d: %q is not a valid header name (want \"Name: value\")", n+2, truncateRunes(name, 40))
		}
		r.Headers = append(r.Headers, rawHeader{Name: name, Value: strings.Trim(line[colon+1:], " \t"), Raw: line[colon+1:]})
	}

	// The host: the Host header, else the absolute URI or :authority.
	uriHost := r.Host
	if h, ok := r.Get("Host"); ok {
		r.Host = h
		if uriHost != "" && !strings.EqualFold(uriHost, h) {
			notes = append(notes, fmt.Sprintf("the request line names host %s but the Host header says %s; the Host header is what is signed", uriHost, h))
		}
	} else if a, ok := r.Get(":authority"); ok && r.Host == "" {
		r.Host = a
	}
	if r.Host == "" {
		return nil, fmt.Errorf("no Host header: the host is signed, so the capture must show it (Host: faceid.tencentcloudapi.com)")
	}
	if strings.ContainsAny(r.Host, " \t") {
		return nil, fmt.Errorf("the Host %q contains white space", truncateRunes(r.Host, 60))
	}

	// The body.
	te, _ := r.Get("Transfer-Encoding")
	cls := r.Values("Content-Length")
	switch {
	case strings.EqualFold(strings.TrimSpace(te), "chunked"):
		dec, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
		if err != nil {
			return nil, fmt.Errorf("the body is sent chunked (Transfer-Encoding: chunked) but the chunks are malformed: %v", err)
		}
		notes = append(notes, fmt.Sprintf("chunked body decoded: %d bytes", len(dec)))
		body = dec
	case len(cls) > 0:
		n, err := strconv.ParseUint(strings.TrimSpace(cls[0]), 10, 63)
		if err != nil {
			return nil, fmt.Errorf("Content-Length %q is not a number", truncateRunes(cls[0], 20))
		}
		for _, other := range cls[1:] {
			if strings.TrimSpace(other) != strings.TrimSpace(cls[0]) {
				return nil, fmt.Errorf("two different Content-Length headers (%s and %s)", truncateRunes(cls[0], 20), truncateRunes(other, 20))
			}
		}
		switch {
		case uint64(len(body)) < n:
			hint := "the capture is truncated"
			if r.LineEnding != "CRLF" {
				hint += ", or its line endings were converted"
			}
			return nil, fmt.Errorf("the body is %d bytes, shorter than Content-Length %d: %s (copy the whole body)", len(body), n, hint)
		case uint64(len(body)) > n:
			extra := body[n:]
			if len(bytes.TrimSpace(extra)) == 0 {
				notes = append(notes, fmt.Sprintf("ignored %d white-space bytes after the %d-byte body (Content-Length), as an editor or the capture tool adds", len(extra), n))
			} else {
				notes = append(notes, fmt.Sprintf("ignored %d bytes after the %d-byte body (Content-Length); only one request is checked", len(extra), n))
			}
			body = body[:n]
		}
	default:
		if r.Method == "GET" && len(bytes.TrimSpace(body)) == 0 {
			body = nil
		} else if len(body) > 0 {
			msg := fmt.Sprintf("no Content-Length: the body is all %d bytes after the empty line", len(body))
			if body[len(body)-1] == '\n' {
				msg += ", including a final newline; if your editor added it, delete it or add a Content-Length header"
			}
			notes = append(notes, msg)
		}
	}
	r.Body = body
	r.Notes = notes
	return r, nil
}

func (r *rawRequest) parseRequestLine(line string) error {
	f := strings.Fields(line)
	if len(f) != 3 || !strings.HasPrefix(f[2], "HTTP/") {
		return fmt.Errorf("the first line must be the request line, like \"POST / HTTP/1.1\"; got %q", truncateRunes(line, 60))
	}
	r.Method, r.Target, r.Proto = f[0], f[1], f[2]
	if !tc3.IsToken(r.Method) {
		return fmt.Errorf("%q is not an HTTP method", truncateRunes(r.Method, 20))
	}
	target := r.Target
	lower := strings.ToLower(target)
	switch {
	case strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://"):
		u, err := url.Parse(target)
		if err != nil || u.Host == "" {
			return fmt.Errorf("the request target %q is not a valid URL", truncateRunes(target, 60))
		}
		r.Host = u.Host
		r.Path = u.EscapedPath()
		r.RawQuery = u.RawQuery
	case strings.HasPrefix(target, "/"):
		r.Path, r.RawQuery, _ = strings.Cut(target, "?")
	default:
		return fmt.Errorf("the request target %q must be a path (/...) or an absolute URL (https://host/...)", truncateRunes(target, 60))
	}
	if i := strings.IndexByte(r.RawQuery, '#'); i >= 0 {
		r.RawQuery = r.RawQuery[:i]
	}
	if r.Path == "" {
		r.Path = "/"
	}
	return nil
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "..."
}

// pythonSendLines recognises the debug output of Python's http.client
// (http.client.HTTPConnection.debuglevel = 1, which requests uses too):
// "send: b'POST / HTTP/1.1\r\nHost: ...'" lines, the body in a second send
// line. It returns the bytes sent, and ok=false when the input is not in
// that form.
func pythonSendLines(data []byte) (out []byte, ok bool, err error) {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(trimmed, []byte("send: b'")) && !bytes.HasPrefix(trimmed, []byte(`send: b"`)) {
		return nil, false, nil
	}
	for n, line := range strings.Split(string(trimmed), "\n") {
		line = strings.TrimRight(line, "\r")
		lit, isSend := strings.CutPrefix(line, "send: b")
		if !isSend {
			continue // "reply:", "header:" lines and the like
		}
		b, err := unquotePythonBytes(lit)
		if err != nil {
			return nil, true, fmt.Errorf("line %d: Python bytes literal: %v", n+1, err)
		}
		out = append(out, b...)
	}
	return out, true, nil
}

// unquotePythonBytes decodes a Python bytes literal body such as
// 'a\r\n\x00' (quotes included).
func unquotePythonBytes(lit string) ([]byte, error) {
	if len(lit) < 2 || (lit[0] != '\'' && lit[0] != '"') || lit[len(lit)-1] != lit[0] {
		return nil, fmt.Errorf("not a quoted literal")
	}
	s := lit[1 : len(lit)-1]
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		if i+1 >= len(s) {
			return nil, fmt.Errorf("trailing backslash")
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'a':
			out = append(out, 7)
		case 'b':
			out = append(out, 8)
		case 'f':
			out = append(out, 12)
		case 'v':
			out = append(out, 11)
		case '\\', '\'', '"':
			out = append(out, e)
		case 'x':
			if i+2 >= len(s) {
				return nil, fmt.Errorf("short \\x escape")
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return nil, fmt.Errorf("bad \\x escape")
			}
			out = append(out, byte(v))
			i += 2
		default:
			if '0' <= e && e <= '7' {
				v := int(e - '0')
				for k := 0; k < 2 && i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '7'; k++ {
					i++
					v = v*8 + int(s[i]-'0')
				}
				out = append(out, byte(v))
				continue
			}
			out = append(out, '\\', e)
		}
	}
	return out, nil
}
