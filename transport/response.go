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
	"strconv"
	"strings"
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
	var buf bytes.Buffer
	if resp.ContentLength > 0 && enc == "" {
		buf.Grow(int(resp.ContentLength))
	}
	_, err := buf.ReadFrom(r)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, &HTTPError{Reason: "body exceeds MaxResponseBytes (" + strconv.FormatInt(max, 10) + "): raise MaxResponseBytes", tooLarge: true}
	case err != nil && enc != "" && isCorrupt(err):
		return nil, decodeError(enc, err)
	case err != nil:
		return nil, err
	}
	return buf.Bytes(), nil
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
