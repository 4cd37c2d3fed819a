package credentialstest

import (
	"bytes"
	"crypto/hmac"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// STSOptions configure an STS stand-in.
type STSOptions struct {
	// Credentials are the key pairs allowed to call AssumeRole.
	Credentials []tc3.Credentials
	// WebIdentityToken is the OIDC token AssumeRoleWithWebIdentity accepts;
	// SetWebIdentityToken rotates it.
	WebIdentityToken string
	// Lifetime, when set, replaces DurationSeconds as the lifetime of the
	// credentials issued (so a test can issue 2-second credentials, which
	// STS itself would refuse).
	Lifetime time.Duration
	// Issuer mints the credentials; default a new one on Now.
	Issuer *Issuer
	// Now is the service's clock, for the signature's timestamp window and
	// the expiry; default time.Now.
	Now func() time.Time
}

// STSRequest is one request the stand-in answered, without secrets.
type STSRequest struct {
	Action          string
	SecretID        string // the signer of AssumeRole; "" for the unsigned action
	Region          string
	RoleArn         string
	RoleSessionName string
	DurationSeconds int64
	// Policy is the session policy after the URL-decoding STS applies.
	Policy    string
	ErrorCode string // "" when credentials were issued
}

// STS is a stand-in for Tencent Cloud STS (sts 2018-08-13) on a loopback
// port. AssumeRole must be signed with TC3-HMAC-SHA256 by one of
// Options.Credentials (checked with tc3.Verify, service "sts");
// AssumeRoleWithWebIdentity must carry "Authorization: SKIP" and the
// current web-identity token
// (https://cloud.tencent.com/document/product/1312/73070). Both check their
// parameters as the pages describe and issue credentials with an expiry.
type STS struct {
	faults
	srv    *httptest.Server
	opts   STSOptions
	issuer *Issuer
	keys   map[string]tc3.Credentials

	mu       sync.Mutex
	token    string
	codes    []string
	requests []STSRequest
}

// NewSTS starts the stand-in; Close stops it.
func NewSTS(opts STSOptions) *STS {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &STS{opts: opts, issuer: opts.Issuer, keys: map[string]tc3.Credentials{}, token: opts.WebIdentityToken}
	if s.issuer == nil {
		s.issuer = NewIssuer(opts.Now)
	}
	for _, c := range opts.Credentials {
		s.keys[c.SecretID] = c
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the stand-in's base URL, http://127.0.0.1:port, for the Endpoint
// options of the STS providers.
func (s *STS) URL() string { return s.srv.URL }

// Host is the stand-in's host:port.
func (s *STS) Host() string { return strings.TrimPrefix(s.srv.URL, "http://") }

// Issuer returns the issuer of the credentials.
func (s *STS) Issuer() *Issuer { return s.issuer }

// Close shuts the stand-in down.
func (s *STS) Close() { s.srv.CloseClientConnections(); s.srv.Close() }

// SetWebIdentityToken replaces the accepted OIDC token, as a rotation does.
func (s *STS) SetWebIdentityToken(tok string) { s.mu.Lock(); s.token = tok; s.mu.Unlock() }

// FailNextCode answers the next n credential requests with the error
// envelope of code (HTTP 200, as the API does).
func (s *STS) FailNextCode(code string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ; n > 0; n-- {
		s.codes = append(s.codes, code)
	}
}

// Requests returns the requests answered so far.
func (s *STS) Requests() []STSRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]STSRequest(nil), s.requests...)
}

// Calls counts the requests of action that were answered with credentials.
func (s *STS) Calls(action string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Action == action && r.ErrorCode == "" {
			n++
		}
	}
	return n
}

type stsError struct{ code, msg string }

var sessionName = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)

func (s *STS) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return
	}
	rec := STSRequest{Action: r.Header.Get("X-TC-Action"), Region: r.Header.Get("X-TC-Region")}
	expiring, handled := s.inject(w, r, "<html>upstream timeout</html>")
	if handled {
		return
	}
	reqID := "sts-" + randHex(16)
	answer := func(v map[string]any, e *stsError) {
		if e != nil {
			rec.ErrorCode = e.code
			v = map[string]any{"Error": map[string]string{"Code": e.code, "Message": e.msg}}
		}
		v["RequestId"] = reqID
		s.mu.Lock()
		s.requests = append(s.requests, rec)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"Response": v})
	}
	e := s.check(r, body, &rec)
	if e != nil {
		answer(nil, e)
		return
	}
	s.mu.Lock()
	var code string
	if len(s.codes) > 0 {
		code, s.codes = s.codes[0], s.codes[1:]
	}
	s.mu.Unlock()
	if code != "" {
		answer(nil, &stsError{code, "error injected by credentialstest"})
		return
	}
	life := time.Duration(rec.DurationSeconds) * time.Second
	if s.opts.Lifetime != 0 {
		life = s.opts.Lifetime
	}
	if expiring != nil {
		life = *expiring
	}
	c, exp := s.issuer.Issue(life)
	answer(map[string]any{
		"Credentials": map[string]string{"Token": c.Token, "TmpSecretId": c.SecretID, "TmpSecretKey": c.SecretKey},
		"ExpiredTime": exp.Unix(),
		"Expiration":  exp.UTC().Format(time.RFC3339),
	}, nil)
}

// check authenticates the request and its parameters.
func (s *STS) check(r *http.Request, body []byte, rec *STSRequest) *stsError {
	if r.Method != http.MethodPost || r.URL.Path != "/" {
		return &stsError{"UnsupportedProtocol", "use POST /"}
	}
	if v := r.Header.Get("X-TC-Version"); v != "2018-08-13" {
		return &stsError{"NoSuchVersion", fmt.Sprintf("X-TC-Version %q: STS is 2018-08-13", v)}
	}
	if rec.Region == "" {
		return &stsError{"MissingParameter", "X-TC-Region is required"}
	}
	switch rec.Action {
	case "AssumeRole":
		v, err := tc3.Verify(r, body, tc3.VerifyOptions{
			Credentials: func(id string) (tc3.Credentials, bool) { c, ok := s.keys[id]; return c, ok },
			Service:     "sts",
			Now:         s.opts.Now(),
		})
		if err != nil {
			if ve, ok := err.(*tc3.VerifyError); ok {
				return &stsError{ve.Code, ve.Message}
			}
			return &stsError{"AuthFailure.SignatureFailure", err.Error()}
		}
		rec.SecretID = v.SecretID
	case "AssumeRoleWithWebIdentity":
		if a := r.Header.Get("Authorization"); a != "SKIP" {
			return &stsError{"AuthFailure.InvalidAuthorization", "AssumeRoleWithWebIdentity takes Authorization: SKIP"}
		}
		if r.Header.Get("X-TC-Token") != "" {
			return &stsError{"AuthFailure.TokenFailure", "AssumeRoleWithWebIdentity takes no X-TC-Token"}
		}
	default:
		return &stsError{"InvalidAction", fmt.Sprintf("action %q is not served by this stand-in", rec.Action)}
	}
	if !strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "application/json") {
		return &stsError{"InvalidParameter", "the body must be JSON (Content-Type application/json)"}
	}
	var p map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return &stsError{"InvalidParameter", "the body is not a JSON object"}
	}
	str := func(k string) string { v, _ := p[k].(string); return v }
	rec.RoleArn, rec.RoleSessionName = str("RoleArn"), str("RoleSessionName")
	required := []string{"RoleArn", "RoleSessionName"}
	if rec.Action == "AssumeRoleWithWebIdentity" {
		required = append(required, "ProviderId", "WebIdentityToken")
	}
	for _, k := range required {
		if str(k) == "" {
			return &stsError{"MissingParameter", "the request is missing " + k}
		}
	}
	if !strings.HasPrefix(rec.RoleArn, "qcs::cam::uin/") {
		return &stsError{"InvalidParameter.ParamError", "RoleArn must look like qcs::cam::uin/12345678:roleName/testRoleName"}
	}
	if !sessionName.MatchString(rec.RoleSessionName) {
		return &stsError{"InvalidParameter.ParamError", "RoleSessionName must be 2 to 128 of [\\w+=,.@-]"}
	}
	rec.DurationSeconds = 7200
	if d, ok := p["DurationSeconds"]; ok {
		n, ok := d.(json.Number)
		i, err := n.Int64()
		if !ok || err != nil || i <= 0 || i > 43200 {
			return &stsError{"InvalidParameter.OverTimeError", "DurationSeconds must be an integer from 1 to 43200"}
		}
		rec.DurationSeconds = i
	}
	if raw, ok := p["Policy"]; ok {
		// "该参数需要做urlencode,服务端会对该字段做urldecode"
		// (https://cloud.tencent.com/document/api/598/33164).
		enc, _ := raw.(string)
		dec, err := url.QueryUnescape(enc)
		if err != nil || !json.Valid([]byte(dec)) {
			return &stsError{"InvalidParameter.ParamError", "Policy must be a URL-encoded JSON policy"}
		}
		rec.Policy = dec
	}
	if rec.Action == "AssumeRoleWithWebIdentity" {
		s.mu.Lock()
		want := s.token
		s.mu.Unlock()
		if want == "" || !hmac.Equal([]byte(want), []byte(str("WebIdentityToken"))) {
			return &stsError{"InvalidParameter.WebIdentityTokenError", "the WebIdentityToken is not the current one"}
		}
	}
	return nil
}
