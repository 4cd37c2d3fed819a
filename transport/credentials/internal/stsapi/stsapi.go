// Package stsapi decodes the answers of Tencent Cloud STS (service sts,
// version 2018-08-13) that carry temporary credentials: AssumeRole
// (https://cloud.tencent.com/document/product/598/33164) and
// AssumeRoleWithWebIdentity
// (https://cloud.tencent.com/document/product/1312/73070). It is shared by
// package credentials (the unsigned OIDC call) and package sts (the signed
// AssumeRole call), so the shape lives in one place.
package stsapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"
)

// The STS API's identity.
const (
	Service       = "sts"
	Version       = "2018-08-13"
	DefaultHost   = "sts.tencentcloudapi.com"
	DefaultRegion = "ap-guangzhou"
	// MaxDuration is the longest DurationSeconds both actions accept, and
	// DefaultDuration their default.
	MaxDuration     = 43200 * time.Second
	DefaultDuration = 7200 * time.Second
)

// CheckDuration is the DurationSeconds rule of both actions: whole
// seconds, from 1 s to MaxDuration. field names the option in the error.
func CheckDuration(field string, d time.Duration) error {
	if d%time.Second != 0 || d < time.Second || d > MaxDuration {
		return fmt.Errorf("%s %s must be whole seconds from 1s to %s", field, d, MaxDuration)
	}
	return nil
}

// CheckSessionName is the RoleSessionName rule of both actions: 2 to 128
// of letters, digits and _+=,.@-. field names the option in the error.
func CheckSessionName(field, s string) error {
	if len(s) < 2 || len(s) > 128 {
		return fmt.Errorf("%s must be 2 to 128 characters, got %d", field, len(s))
	}
	for _, c := range s {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("_+=,.@-", c)) {
			return fmt.Errorf("%s %q has %q: use letters, digits and _+=,.@-", field, Clean(s, 40), c)
		}
	}
	return nil
}

// Temp are the temporary credentials of an answer.
type Temp struct {
	SecretID, SecretKey, Token string
	Expires                    time.Time
	RequestID                  string
}

// result is the inner Response object of both actions.
type result struct {
	Credentials *struct {
		Token        string `json:"Token"`
		TmpSecretID  string `json:"TmpSecretId"`
		TmpSecretKey string `json:"TmpSecretKey"`
	} `json:"Credentials"`
	ExpiredTime int64  `json:"ExpiredTime"`
	Expiration  string `json:"Expiration"`
	RequestID   string `json:"RequestId"`
	Error       *struct {
		Code    string `json:"Code"`
		Message string `json:"Message"`
	} `json:"Error"`
}

// APIError is an error envelope of STS.
type APIError struct {
	Action, Code, Message, RequestID string
}

func (e *APIError) Error() string {
	s := "credentials: " + e.Action + ": " + e.Code
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (RequestId " + e.RequestID + ")"
	}
	return s
}

// ParseResult decodes the inner Response object (what transport hands back
// as Response.Raw).
func ParseResult(action string, raw []byte) (Temp, error) {
	var r result
	if err := json.Unmarshal(raw, &r); err != nil {
		return Temp{}, fmt.Errorf("credentials: %s: the answer is not the JSON STS sends: %s", action, JSONProblem(err))
	}
	return r.temp(action)
}

// ParseEnvelope decodes a whole answer {"Response": {...}}; an Error member
// gives an *APIError.
func ParseEnvelope(action string, body []byte) (Temp, error) {
	var env struct {
		Response *json.RawMessage `json:"Response"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return Temp{}, fmt.Errorf("credentials: %s: the answer is not the JSON STS sends: %s", action, JSONProblem(err))
	}
	if env.Response == nil {
		return Temp{}, fmt.Errorf("credentials: %s: the answer has no Response object", action)
	}
	return ParseResult(action, *env.Response)
}

func (r *result) temp(action string) (Temp, error) {
	if r.Error != nil && r.Error.Code != "" {
		return Temp{}, &APIError{Action: action, Code: Clean(r.Error.Code, 100), Message: Clean(r.Error.Message, 300), RequestID: Clean(r.RequestID, 100)}
	}
	if r.Credentials == nil {
		return Temp{}, fmt.Errorf("credentials: %s: the answer has no Credentials (RequestId %s)", action, Clean(r.RequestID, 100))
	}
	t := Temp{SecretID: r.Credentials.TmpSecretID, SecretKey: r.Credentials.TmpSecretKey, Token: r.Credentials.Token, RequestID: r.RequestID}
	switch {
	case r.ExpiredTime > 0:
		t.Expires = time.Unix(r.ExpiredTime, 0)
	case r.Expiration != "":
		e, err := time.Parse(time.RFC3339, r.Expiration)
		if err != nil {
			return Temp{}, fmt.Errorf("credentials: %s: Expiration %q is not an RFC 3339 time", action, Clean(r.Expiration, 40))
		}
		t.Expires = e
	}
	for _, f := range []struct{ name, v string }{{"Credentials.TmpSecretId", t.SecretID}, {"Credentials.TmpSecretKey", t.SecretKey}, {"Credentials.Token", t.Token}} {
		if f.v == "" {
			return Temp{}, fmt.Errorf("credentials: %s: the answer has an empty %s (RequestId %s)", action, f.name, Clean(r.RequestID, 100))
		}
	}
	if t.Expires.IsZero() {
		return Temp{}, fmt.Errorf("credentials: %s: the answer has neither ExpiredTime nor Expiration (RequestId %s)", action, Clean(r.RequestID, 100))
	}
	return t, nil
}

// JSONProblem describes a JSON decoding error without quoting the input,
// which may hold a key.
func JSONProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %s has the wrong type (%s, want %s)", te.Field, te.Value, te.Type)
	}
	return "not valid JSON"
}

// Clean keeps a server-supplied string printable and short, for an error
// message.
func Clean(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if len(s) > max {
		s = s[:max] + "..."
	}
	return s
}

// Redact replaces every occurrence of each secret in s.
func Redact(s string, secrets ...string) string {
	for _, x := range secrets {
		if len(x) >= 4 {
			s = strings.ReplaceAll(s, x, "[redacted]")
		}
	}
	return s
}

// SplitEndpoint turns "", "host", "https://host" or "http://127.0.0.1:port"
// into a scheme and host; plain http is refused except for loopback. Both
// actions take their endpoint this way.
func SplitEndpoint(ep string) (scheme, host string, err error) {
	scheme, host = "https", ep
	if s, rest, ok := strings.Cut(ep, "://"); ok {
		scheme, host = s, strings.TrimSuffix(rest, "/")
	}
	if host == "" {
		host = DefaultHost
	}
	if strings.ContainsAny(host, "/?#@ \t\r\n") {
		return "", "", fmt.Errorf("%q must be a host, optionally with a scheme, e.g. https://%s", ep, DefaultHost)
	}
	switch scheme {
	case "https":
	case "http":
		if !isLoopback(host) {
			return "", "", fmt.Errorf("plain http is only allowed for loopback test servers, not %s: use https", host)
		}
	default:
		return "", "", fmt.Errorf("scheme %q must be https (or http for a loopback test server)", scheme)
	}
	return scheme, host, nil
}

// isLoopback reports whether host (with an optional port) names this machine.
func isLoopback(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
