package tc3

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// SignRequest signs req in place with TC3-HMAC-SHA256: it sets
// X-TC-Timestamp, X-TC-Token (when the credentials have a token) and
// Authorization. It signs content-type and host plus the headers named in
// signed (for example "X-TC-Action"), using the values set on req, and the
// X-TC-Timestamp and X-TC-Token values it sets. When it fails it leaves
// req's headers as they were.
//
// payloadHash is the lower-case hex SHA-256 of the body; when it is empty the
// body is hashed here, reading it once (through GetBody when set, so req.Body
// stays unread; otherwise req.Body is read and replaced by a buffer with the
// same bytes).
func (s *Signer) SignRequest(req *http.Request, cred Credentials, service, payloadHash string, timestamp int64, signed ...string) error {
	if req == nil || req.URL == nil {
		return fmt.Errorf("tc3: nil request or URL")
	}
	ts := strconv.FormatInt(timestamp, 10)
	in := Input{
		Credentials: cred,
		Service:     service,
		Method:      req.Method,
		Host:        requestHost(req),
		Query:       req.URL.RawQuery,
		ContentType: req.Header.Get("Content-Type"),
		PayloadHash: payloadHash,
		Timestamp:   timestamp,
	}
	for _, name := range signed {
		var value string
		switch strings.ToLower(name) {
		case "content-type", "host":
			continue
		case "x-tc-timestamp": // signed as it will be sent
			value = ts
		case "x-tc-token":
			value = cred.Token
		default:
			value = strings.Join(req.Header.Values(name), ",")
		}
		in.Headers = append(in.Headers, Header{Name: name, Value: value})
	}
	if in.PayloadHash == "" {
		h, err := hashBody(req)
		if err != nil {
			return err
		}
		in.PayloadHash = h
	}
	auth, err := s.Authorization(&in)
	if err != nil {
		return err
	}
	req.Header.Set("X-TC-Timestamp", ts)
	if cred.Token != "" {
		req.Header.Set("X-TC-Token", cred.Token)
	} else {
		req.Header.Del("X-TC-Token")
	}
	req.Header.Set("Authorization", auth)
	return nil
}

// requestHost is the host that will be sent: req.Host when set, else the URL's.
func requestHost(req *http.Request) string {
	if req.Host != "" {
		return req.Host
	}
	return req.URL.Host
}

// hashBody hashes the request body, reading it exactly once.
func hashBody(req *http.Request) (string, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return EmptyPayloadHash, nil
	}
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return "", fmt.Errorf("tc3: reading request body for its hash: %w", err)
		}
		defer body.Close()
		h := sha256.New()
		if _, err := io.Copy(h, body); err != nil {
			return "", fmt.Errorf("tc3: reading request body for its hash: %w", err)
		}
		return hex.EncodeToString(h.Sum(nil)), nil
	}
	b, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return "", fmt.Errorf("tc3: reading request body for its hash: %w", err)
	}
	req.Body = io.NopCloser(bytes.NewReader(b))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	req.ContentLength = int64(len(b))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
