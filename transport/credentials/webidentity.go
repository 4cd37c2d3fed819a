package credentials

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials/internal/stsapi"
)

// The environment TKE sets in a pod with an OIDC identity
// (tencentcloud-sdk-go, oidc_role_arn_provider.go; tccli's credential
// management page, https://cloud.tencent.com/document/product/440/96291).
const (
	EnvTKERegion               = "TKE_REGION"
	EnvTKEProviderID           = "TKE_PROVIDER_ID"
	EnvTKEWebIdentityTokenFile = "TKE_WEB_IDENTITY_TOKEN_FILE"
	EnvTKERoleARN              = "TKE_ROLE_ARN"
)

// maxWebIdentityToken bounds the token file: a JWT is a few kilobytes.
const maxWebIdentityToken = 64 << 10

// WebIdentityOptions configure WebIdentity.
type WebIdentityOptions struct {
	// Region is the STS region (X-TC-Region); required.
	Region string
	// ProviderID is the identity provider's name in CAM; required.
	ProviderID string
	// RoleARN is the role to assume, qcs::cam::uin/<uin>:roleName/<name>; required.
	RoleARN string
	// TokenFile holds the OIDC token. It is read again on every Retrieve:
	// the kubelet rotates it. Required.
	TokenFile string
	// SessionName is RoleSessionName, 2 to 128 of [\w+=,.@-]; default
	// "tcfaceid-" and the time of each call.
	SessionName string
	// Duration is DurationSeconds: whole seconds, default 7200 s, at most
	// 43200 s.
	Duration time.Duration
	// Endpoint is the STS host, optionally with a scheme: default
	// https://sts.tencentcloudapi.com; plain http only for loopback.
	Endpoint string
	// HTTPClient carries the request; default a client with a 2 s connect
	// timeout that honours the proxy environment.
	HTTPClient *http.Client
	// Timeout bounds one exchange (default 10 s); Attempts bounds the tries
	// (default 3; network failures and 5xx are retried).
	Timeout  time.Duration
	Attempts int
	// Now is the clock for X-TC-Timestamp and the session name.
	Now func() time.Time
}

// WebIdentity gets temporary credentials for a role with an OIDC token,
// through STS AssumeRoleWithWebIdentity
// (https://cloud.tencent.com/document/product/1312/73070). The call is not
// signed: Tencent's page says to send "Authorization: SKIP" and no
// X-TC-Token. Put it behind a Cache; NewDefaultChain does.
type WebIdentity struct {
	opts WebIdentityOptions
	url  string
	host string
	f    fetcher
}

// NewWebIdentity checks opts and returns the provider. The token file is
// not read yet.
func NewWebIdentity(opts WebIdentityOptions) (*WebIdentity, error) {
	for _, f := range []struct{ name, v string }{
		{"Region", opts.Region}, {"ProviderID", opts.ProviderID}, {"RoleARN", opts.RoleARN}, {"TokenFile", opts.TokenFile},
	} {
		if f.v == "" {
			return nil, fmt.Errorf("credentials: WebIdentityOptions.%s is empty: it is required", f.name)
		}
	}
	if opts.Duration == 0 {
		opts.Duration = stsapi.DefaultDuration
	}
	if err := stsapi.CheckDuration("WebIdentityOptions.Duration", opts.Duration); err != nil {
		return nil, fmt.Errorf("credentials: %w", err)
	}
	if opts.SessionName != "" {
		if err := stsapi.CheckSessionName("WebIdentityOptions.SessionName", opts.SessionName); err != nil {
			return nil, fmt.Errorf("credentials: %w", err)
		}
	}
	scheme, host, err := stsapi.SplitEndpoint(opts.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("credentials: WebIdentityOptions.Endpoint: %w", err)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.Attempts <= 0 {
		opts.Attempts = 3
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = newHTTPClient(2*time.Second, true)
	}
	return &WebIdentity{opts: opts, url: scheme + "://" + host + "/", host: host,
		f: fetcher{client: hc, timeout: opts.Timeout, attempts: opts.Attempts, wait: 200 * time.Millisecond}}, nil
}

// TKEWebIdentity builds a WebIdentity from the TKE_* variables, read
// through lookup (os.LookupEnv when nil), and checks that the token file
// can be read. None set wraps ErrNotFound; some set names the missing ones.
func TKEWebIdentity(lookup func(string) (string, bool)) (*WebIdentity, error) {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	names := []string{EnvTKERegion, EnvTKEProviderID, EnvTKEWebIdentityTokenFile, EnvTKERoleARN}
	vals := make([]string, len(names))
	var missing []string
	for i, n := range names {
		v, _ := lookup(n)
		vals[i] = v
		if v == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) == len(names) {
		return nil, fmt.Errorf("%w: %s are not set (not a TKE pod with an OIDC identity)", ErrNotFound, strings.Join(names, ", "))
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("credentials: TKE OIDC: %s set but %s empty or unset: set all four", setNames(names, missing), strings.Join(missing, ", "))
	}
	p, err := NewWebIdentity(WebIdentityOptions{Region: vals[0], ProviderID: vals[1], TokenFile: vals[2], RoleARN: vals[3]})
	if err != nil {
		return nil, err
	}
	if _, err := p.readToken(); err != nil {
		return nil, fmt.Errorf("%w (from %s)", err, EnvTKEWebIdentityTokenFile) // set up but broken: stop here, not at the first call
	}
	return p, nil
}

func setNames(all, missing []string) string {
	var set []string
	for _, n := range all {
		found := false
		for _, m := range missing {
			found = found || m == n
		}
		if !found {
			set = append(set, n)
		}
	}
	return strings.Join(set, ", ")
}

// String names the provider, its role and token file; never the token.
func (p *WebIdentity) String() string {
	return "credentials.WebIdentity{" + p.opts.RoleARN + " via " + p.host + ", token file " + p.opts.TokenFile + "}"
}

// readToken reads the token file afresh.
func (p *WebIdentity) readToken() (string, error) {
	f, err := os.Open(p.opts.TokenFile)
	if err != nil {
		return "", fmt.Errorf("credentials: web identity token file: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxWebIdentityToken+1))
	if err != nil {
		return "", fmt.Errorf("credentials: web identity token file %s: %w", p.opts.TokenFile, err)
	}
	if len(b) > maxWebIdentityToken {
		return "", fmt.Errorf("credentials: web identity token file %s is over %d bytes", p.opts.TokenFile, maxWebIdentityToken)
	}
	tok := strings.TrimSpace(string(b))
	if tok == "" {
		return "", fmt.Errorf("credentials: web identity token file %s is empty", p.opts.TokenFile)
	}
	return tok, nil
}

const actionWebIdentity = "AssumeRoleWithWebIdentity"

// Retrieve reads the token file and exchanges the token for credentials.
func (p *WebIdentity) Retrieve(ctx context.Context) (Credentials, error) {
	tok, err := p.readToken()
	if err != nil {
		return Credentials{}, err
	}
	now := p.opts.Now()
	session := p.opts.SessionName
	if session == "" {
		session = "tcfaceid-" + strconv.FormatInt(now.UnixNano()/1000, 10)
	}
	body, err := json.Marshal(map[string]any{
		"ProviderId":       p.opts.ProviderID,
		"WebIdentityToken": tok,
		"RoleArn":          p.opts.RoleARN,
		"RoleSessionName":  session,
		"DurationSeconds":  int64(p.opts.Duration / time.Second),
	})
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials: %s: %v", actionWebIdentity, err)
	}
	status, answer, err := p.f.do(ctx, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		h := req.Header
		h.Set("Content-Type", "application/json")
		h.Set("X-TC-Action", actionWebIdentity)
		h.Set("X-TC-Version", stsapi.Version)
		h.Set("X-TC-Region", p.opts.Region)
		h.Set("X-TC-Timestamp", strconv.FormatInt(p.opts.Now().Unix(), 10))
		h.Set("Authorization", "SKIP")
		return req, nil
	})
	if err != nil {
		return Credentials{}, fmt.Errorf("credentials: %s at %s: %s", actionWebIdentity, p.host, stsapi.Redact(err.Error(), tok))
	}
	t, err := stsapi.ParseEnvelope(actionWebIdentity, answer)
	if err != nil {
		var ae *stsapi.APIError
		if errors.As(err, &ae) {
			ae.Message = stsapi.Redact(ae.Message, tok)
			return Credentials{}, ae
		}
		if status != http.StatusOK {
			return Credentials{}, fmt.Errorf("credentials: %s at %s answered HTTP %d without an STS envelope", actionWebIdentity, p.host, status)
		}
		return Credentials{}, err
	}
	c := Credentials{SecretID: t.SecretID, SecretKey: t.SecretKey, Token: t.Token, Expires: t.Expires, Source: "WebIdentity"}
	if err := c.TC3().Validate(); err != nil {
		return Credentials{}, fmt.Errorf("credentials: %s: %w", actionWebIdentity, err)
	}
	return c, nil
}

// GoString is String, so %#v prints the same.
func (p *WebIdentity) GoString() string { return p.String() }
