package transport

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// snippetBytes is how much of an unusable body an HTTPError shows.
const snippetBytes = 200

// readBody reads the whole response body, decompressing gzip or deflate
// (the official SDK accepts both, https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/http/response.go), and refuses more than max
// bytes, compressed or not, so a misbehaving server cannot make the client
// allocate without bound. Failures of the response itself are *HTTPError;
// other errors come from the connection.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	if resp.ContentLength > max {
		return nil, &HTTPError{Reason: "body of " + strconv.FormatInt(resp.ContentLength, 10) +
			" bytes (Content-Length) exceeds MaxResponseBytes (" + strconv.FormatInt(max, 10) + "): raise MaxResponseBytes", tooLarge: true}
	}
	raw := &capReader{r: resp.Body, left: max}
	var r io.Reader = raw
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	switch enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, decodeError(enc, err)
		}
		r = zr
	case "deflate":
		// HTTP "deflate" is zlib-wrapped, but some servers send raw
		// deflate: look at the header to tell.
		br := bufio.NewReader(raw)
		if hdr, err := br.Peek(2); err == nil && hdr[0]&0x0f == 8 && (uint16(hdr[0])<<8|uint16(hdr[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, decodeError(enc, err)
			}
			r = zr
		} else {
			r = flate.NewReader(br)
		}
	default:
		return nil, &HTTPError{Reason: "unsupported Content-Encoding " + strconv.Quote(enc)}
	}
	if r != io.Reader(raw) {
		r = &capReader{r: r, left: max}
	}
	var (
		body []byte
		err  error
	)
	if resp.ContentLength > 0 && enc == "" {
		body, err = readKnownLength(r, resp.ContentLength)
	} else {
		body, err = readAll(r)
	}
	switch {
	case errors.Is(err, errTooLarge):
		return nil, &HTTPError{Reason: "body exceeds MaxResponseBytes (" + strconv.FormatInt(max, 10) + "): raise MaxResponseBytes", tooLarge: true}
	case err != nil && enc != "" && isCorrupt(err):
		return nil, decodeError(enc, err)
	case err != nil:
		return nil, err
	}
	return body, nil
}

// readKnownLength reads a body whose Content-Length is n into one buffer of
// that size, then checks for the end; only a body longer than announced
// (which net/http does not deliver, but another RoundTripper might) grows it.
func readKnownLength(r io.Reader, n int64) ([]byte, error) {
	buf := getBodyBuf(int(n))
	got, eof, err := fill(r, buf)
	if err != nil {
		putBodyBuf(buf)
		return nil, err
	}
	if eof {
		return buf[:got], nil
	}
	var one [1]byte
	m, eof, err := fill(r, one[:])
	switch {
	case err != nil:
		return nil, err
	case m == 0 && eof:
		return buf, nil
	}
	rest, err := readAll(r)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(buf)+m+len(rest))
	return append(append(append(out, buf...), one[:m]...), rest...), nil
}

// readAll reads r to the end. Unlike bytes.Buffer, whose doubling copies
// the body over and over, it reads into chunks that grow to 1 MiB and
// joins them once at the end, so a body of unknown length costs about
// twice its size.
func readAll(r io.Reader) ([]byte, error) {
	var (
		chunks [][]byte
		total  int
		size   = 4 << 10
	)
	for {
		chunk := make([]byte, size)
		n, eof, err := fill(r, chunk)
		if err != nil {
			return nil, err
		}
		total += n
		if n > 0 {
			chunks = append(chunks, chunk[:n])
		}
		if eof {
			break
		}
		size = min(size*2, 1<<20)
	}
	switch len(chunks) {
	case 0:
		return []byte{}, nil
	case 1:
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// fill reads into buf until it is full or r ends (eof). Any error but
// io.EOF is returned as is: a truncated body is an error, not a short one.
func fill(r io.Reader, buf []byte) (n int, eof bool, err error) {
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err == io.EOF {
			return n, true, nil
		}
		if err != nil {
			return n, false, err
		}
	}
	return n, false, nil
}

// Large bodies are read into buffers kept in bodyPool between calls: the
// answer is decoded into values that never point into it (encoding/json
// copies strings; Raw and error messages are copies), so attempt returns
// the buffer once the answer is decoded. A 9 MB GetDetectInfo answer then
// costs no new 9 MB buffer per call.
const pooledBodyBytes = 256 << 10

var bodyPool sync.Pool // of *[]byte, each of cap >= pooledBodyBytes

// getBodyBuf returns a buffer of length n, from the pool if n is large.
func getBodyBuf(n int) []byte {
	if n >= pooledBodyBytes {
		if p, _ := bodyPool.Get().(*[]byte); p != nil {
			if cap(*p) >= n {
				return (*p)[:n]
			}
			bodyPool.Put(p) // too small for this one; keep it for another
		}
	}
	return make([]byte, n)
}

// putBodyBuf hands a body that nothing refers to any more back to the pool.
func putBodyBuf(b []byte) {
	if cap(b) >= pooledBodyBytes {
		b = b[:0]
		bodyPool.Put(&b)
	}
}

var errTooLarge = errors.New("body exceeds MaxResponseBytes")

// capReader reads at most left bytes and fails with errTooLarge if the
// stream holds more.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > c.left {
		p = p[:c.left+1] // one more byte tells "exactly left" from "more"
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n + int(c.left), errTooLarge
	}
	return n, err
}

func isCorrupt(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, zlib.ErrHeader) || errors.Is(err, zlib.ErrChecksum) || errors.As(err, &ce)
}

func decodeError(enc string, err error) error {
	return &HTTPError{Reason: "corrupt " + enc + " body: " + err.Error()}
}

// envelope is the API 3.0 answer {"Response": {...}} (https://cloud.tencent.com/document/api/1007/31324).
type envelope struct {
	Response *envelopeInner
}

// envelopeInner decodes Error and RequestId and keeps the raw object, so
// the envelope is parsed once and the caller decodes its fields from Raw.
type envelopeInner struct {
	Error     *struct{ Code, Message string }
	RequestId string
	raw       []byte
}

func (e *envelopeInner) UnmarshalJSON(b []byte) error {
	type fields struct {
		Error     *struct{ Code, Message string }
		RequestId string
	}
	var f fields
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	e.Error, e.RequestId = f.Error, f.RequestId
	e.raw = bytes.Clone(b) // UnmarshalJSON must not keep b (encoding/json docs)
	return nil
}

// decode turns a fully read response into a Response or a typed error.
// An error code wins whatever the status, as in the SDK
// (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/http/response.go);
// otherwise only HTTP 200 with an envelope is a success.
func (st *callState) decode(resp *http.Response, body []byte, n int) (*Response, error) {
	status := resp.StatusCode
	if st.into != nil && status == http.StatusOK {
		if r := st.decodeInto(body, n); r != nil {
			return r, nil
		}
	}
	var env envelope
	jerr := json.Unmarshal(body, &env)
	if jerr == nil && env.Response != nil {
		in := env.Response
		st.info.requestID = in.RequestId
		if in.Error != nil && in.Error.Code != "" {
			st.info.code = in.Error.Code
			if classifyCode(in.Error.Code, nil) == codeResign {
				st.info.serverTime, st.info.hasServerTime = serverTime(in.Error.Message, resp.Header)
			}
			if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
				st.info.retryAfter = parseRetryAfter(resp.Header, time.Now())
			}
			return nil, &APIError{
				Action:     st.action,
				Code:       in.Error.Code,
				Message:    sanitize([]byte(in.Error.Message), 1024),
				RequestId:  in.RequestId,
				HTTPStatus: status,
				Attempts:   n,
				class:      classifyCode(in.Error.Code, st.c.retryableCode),
				idempotent: st.idempotent,
			}
		}
		if status == http.StatusOK {
			return &Response{RequestId: in.RequestId, Raw: in.raw, HTTPStatus: status, Attempts: n}, nil
		}
	}
	he := &HTTPError{
		Action:      st.action,
		HTTPStatus:  status,
		Status:      resp.Status,
		ContentType: resp.Header.Get("Content-Type"),
		Attempts:    n,
		retryable:   retryableStatus(status),
		ambiguous:   status >= 200 && status < 300,
		idempotent:  st.idempotent,
	}
	switch {
	case len(body) == 0:
		he.Reason = "empty body, no API response"
	case jerr != nil:
		he.Reason = "body is not a JSON API response (" + jsonProblem(jerr) + ")"
	case env.Response == nil:
		he.Reason = "JSON body has no \"Response\" object"
	default:
		he.Reason = "status is not 200 and the body has no error code"
		he.RequestId = env.Response.RequestId
	}
	// Show the start of the body (an HTML error page says what went
	// wrong), except for a 2xx JSON body: that is the API's own answer,
	// and FaceID answers carry names, ID numbers and photos.
	if t := bytes.TrimLeft(body, " \t\r\n"); he.ambiguous && len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		he.Reason += ", " + strconv.Itoa(len(body)) + " bytes not shown"
	} else {
		he.Snippet = sanitize(body, snippetBytes)
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		he.retryAfter = parseRetryAfter(resp.Header, time.Now())
		st.info.retryAfter = he.retryAfter
	}
	return nil, he
}

// decodeInto is the one-pass path of a call with Call.Result: when
// skimEnvelope finds the plain shape of a success, {"Response": {...}}
// without an Error member, the body is decoded once, straight into
// st.into. It returns nil, with st.into zeroed, when the body needs the
// general path (decode), which then gives the same answer as without
// Result.
func (st *callState) decodeInto(body []byte, n int) *Response {
	rid, ok := skimEnvelope(body)
	if !ok {
		return nil
	}
	target := reflect.ValueOf(st.into).Elem()
	target.SetZero() // an earlier attempt may have filled part of it
	env := struct{ Response any }{Response: st.into}
	if err := json.Unmarshal(body, &env); err != nil || env.Response == nil {
		target.SetZero()
		return nil
	}
	st.info.requestID = rid
	return &Response{RequestId: rid, HTTPStatus: http.StatusOK, Attempts: n}
}

// skimEnvelope looks at the members of an API 3.0 answer without decoding
// their values. ok reports the shape of a success: a top-level object with
// exactly one member named Response (any case, as encoding/json matches
// names), whose value is an object without an Error member and with at
// most one RequestId member, a plain string, returned as requestID. It
// does not validate the JSON: json.Unmarshal does that next. Anything
// unusual (escapes in names or in the RequestId, duplicates) gives ok false
// and leaves the body to the general path.
func skimEnvelope(b []byte) (requestID string, ok bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return "", false
	}
	seen := false
	i++
	for {
		i = skipSpace(b, i)
		if i < len(b) && b[i] == '}' && !seen {
			return "", false
		}
		name, j, ok := plainString(b, i)
		if !ok {
			return "", false
		}
		i = skipSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return "", false
		}
		i = skipSpace(b, i+1)
		if bytes.EqualFold(name, []byte("Response")) {
			if seen || i >= len(b) || b[i] != '{' {
				return "", false
			}
			seen = true
			var rid string
			if i, rid, ok = skimInner(b, i); !ok {
				return "", false
			}
			requestID = rid
		} else if i, ok = skipValue(b, i); !ok {
			return "", false
		}
		i = skipSpace(b, i)
		switch {
		case i < len(b) && b[i] == ',':
			i++
		case i < len(b) && b[i] == '}':
			return requestID, seen
		default:
			return "", false
		}
	}
}

// skimInner walks the members of the Response object that starts at b[i].
func skimInner(b []byte, i int) (end int, requestID string, ok bool) {
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, "", true
	}
	seenID := false
	for {
		name, j, ok := plainString(b, skipSpace(b, i))
		if !ok {
			return 0, "", false
		}
		i = skipSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return 0, "", false
		}
		i = skipSpace(b, i+1)
		switch {
		case bytes.EqualFold(name, []byte("Error")):
			return 0, "", false
		case bytes.EqualFold(name, []byte("RequestId")):
			if seenID {
				return 0, "", false
			}
			seenID = true
			var id []byte
			if id, i, ok = plainString(b, i); !ok {
				return 0, "", false
			}
			requestID = string(id)
		default:
			if i, ok = skipValue(b, i); !ok {
				return 0, "", false
			}
		}
		i = skipSpace(b, i)
		switch {
		case i < len(b) && b[i] == ',':
			i++
		case i < len(b) && b[i] == '}':
			return i + 1, requestID, true
		default:
			return 0, "", false
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// plainString returns the content of the string starting at b[i] if it
// has no escapes.
func plainString(b []byte, i int) (s []byte, end int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	k := bytes.IndexByte(b[i+1:], '"')
	if k < 0 || bytes.IndexByte(b[i+1:i+1+k], '\\') >= 0 {
		return nil, 0, false
	}
	return b[i+1 : i+1+k], i + 2 + k, true
}

// skipValue returns the end of the value starting at b[i], tracking only
// strings and brackets; json.Unmarshal checks the rest.
func skipValue(b []byte, i int) (int, bool) {
	depth := 0
	for i < len(b) {
		switch c := b[i]; c {
		case '"':
			end, ok := skipString(b, i)
			if !ok {
				return 0, false
			}
			i = end
			if depth == 0 {
				return i, true
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i, true // the end of the enclosing object
			}
			depth--
			if depth == 0 {
				return i + 1, true
			}
		case ',':
			if depth == 0 {
				return i, true
			}
		}
		i++
	}
	return 0, false
}

// skipString returns the end of the string starting at b[i], jumping from
// quote to quote (bytes.IndexByte) and counting the backslashes before each.
func skipString(b []byte, i int) (int, bool) {
	j := i + 1
	for {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return 0, false
		}
		q := j + k
		bs := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			bs++
		}
		if bs%2 == 0 {
			return q + 1, true
		}
		j = q + 1
	}
}

// jsonProblem names a JSON error without echoing the body.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end of JSON input"):
		return "truncated"
	case errors.As(err, &se):
		return "syntax error at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return "unexpected " + te.Value + " for " + te.Field
	}
	return "invalid"
}
