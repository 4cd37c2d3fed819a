package credentials

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials/internal/stsapi"
)

// DefaultMetadataEndpoint is where a CVM instance finds its CAM role: a GET
// of it answers the role name, a GET of it plus the name answers the role's
// temporary credentials
// (https://cloud.tencent.com/document/product/213/4934, "cam/security-credentials/${role-name}";
// roles: https://cloud.tencent.com/document/product/213/47668).
const DefaultMetadataEndpoint = "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/"

// Defaults of CVMRoleOptions. The official SDK's provider has no timeout at
// all and never closes the body; the metadata service is on the local
// network and answers in milliseconds.
const (
	DefaultMetadataConnectTimeout = time.Second
	DefaultMetadataTimeout        = 2 * time.Second
	DefaultMetadataAttempts       = 3
)

// CVMRoleOptions configure CVMRole. The zero value uses the real metadata
// service and discovers the role.
type CVMRoleOptions struct {
	// Endpoint is the security-credentials URL, ending in "/"; default
	// DefaultMetadataEndpoint. Tests point it at a loopback stand-in.
	Endpoint string
	// RoleName skips the discovery of the role bound to the instance.
	RoleName string
	// ConnectTimeout bounds connecting; Timeout bounds one whole exchange;
	// Attempts bounds the tries of one exchange (connection failures,
	// timeouts and 5xx are retried after 100 ms, then 200 ms, ...).
	ConnectTimeout time.Duration
	Timeout        time.Duration
	Attempts       int
	// HTTPClient replaces the client built from ConnectTimeout. It must not
	// use a proxy.
	HTTPClient *http.Client
}

// CVMRole retrieves the temporary credentials of the CAM role bound to this
// CVM instance from the metadata service, with their expiry
// (ExpiredTime). Put it behind a Cache, which refreshes them ahead of
// expiry; NewDefaultChain does.
type CVMRole struct {
	endpoint string
	f        fetcher

	mu   sync.Mutex
	role string // discovered or configured
}

// NewCVMRole returns a CVMRole for opts.
func NewCVMRole(opts CVMRoleOptions) (*CVMRole, error) {
	ep := opts.Endpoint
	if ep == "" {
		ep = DefaultMetadataEndpoint
	}
	u, err := url.Parse(ep)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("credentials: CVMRoleOptions.Endpoint %q must be an http URL such as %s", ep, DefaultMetadataEndpoint)
	}
	if !strings.HasSuffix(ep, "/") {
		ep += "/"
	}
	if opts.RoleName != "" {
		if err := checkRoleName(opts.RoleName); err != nil {
			return nil, fmt.Errorf("credentials: CVMRoleOptions.RoleName: %w", err)
		}
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultMetadataConnectTimeout
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultMetadataTimeout
	}
	if opts.Attempts <= 0 {
		opts.Attempts = DefaultMetadataAttempts
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = newHTTPClient(opts.ConnectTimeout, false)
	}
	return &CVMRole{
		endpoint: ep,
		role:     opts.RoleName,
		f:        fetcher{client: hc, timeout: opts.Timeout, attempts: opts.Attempts, wait: 100 * time.Millisecond},
	}, nil
}

// String names the provider and its role.
func (p *CVMRole) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return "credentials.CVMRole{" + p.endpoint + p.role + "}"
}

// checkRoleName accepts the characters of CAM role names, so that a name
// from the metadata service cannot change the URL it is put into.
func checkRoleName(name string) error {
	if name == "" || len(name) > 128 {
		return fmt.Errorf("role name must be 1 to 128 characters, got %d", len(name))
	}
	for _, c := range name {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("+=,.@_-", c)) {
			return fmt.Errorf("role name %q has %q: CAM role names use letters, digits and +=,.@_-", stsapi.Clean(name, 40), c)
		}
	}
	return nil
}

func (p *CVMRole) get(ctx context.Context, u string) (int, []byte, error) {
	return p.f.do(ctx, func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	})
}

// RoleName returns the role bound to the instance, asking the metadata
// service the first time. No role bound, or no metadata service at all
// (not a CVM), wraps ErrNotFound.
func (p *CVMRole) RoleName(ctx context.Context) (string, error) {
	p.mu.Lock()
	role := p.role
	p.mu.Unlock()
	if role != "" {
		return role, nil
	}
	status, body, err := p.get(ctx, p.endpoint)
	switch {
	case err != nil && isUnreachable(err):
		return "", fmt.Errorf("%w: no CVM metadata service at %s (%v): not a CVM instance", ErrNotFound, p.endpoint, err)
	case err != nil:
		return "", fmt.Errorf("credentials: CVM metadata service at %s: %v", p.endpoint, err)
	case status == http.StatusNotFound:
		return "", fmt.Errorf("%w: no CAM role is bound to this CVM instance (metadata %s answered 404): bind one in the CVM console, Instance settings, Bind/Modify a role", ErrNotFound, p.endpoint)
	case status != http.StatusOK:
		return "", fmt.Errorf("credentials: CVM metadata service at %s answered HTTP %d for the role name", p.endpoint, status)
	}
	role = strings.TrimSpace(string(body))
	if i := strings.IndexByte(role, '\n'); i >= 0 {
		role = strings.TrimSpace(role[:i]) // one role per instance; take the first line
	}
	if err := checkRoleName(role); err != nil {
		return "", fmt.Errorf("credentials: CVM metadata service at %s answered something that is not a role name: %v", p.endpoint, err)
	}
	p.mu.Lock()
	p.role = role
	p.mu.Unlock()
	return role, nil
}

// Retrieve fetches the role's current temporary credentials.
func (p *CVMRole) Retrieve(ctx context.Context) (Credentials, error) {
	role, err := p.RoleName(ctx)
	if err != nil {
		return Credentials{}, err
	}
	status, body, err := p.get(ctx, p.endpoint+role)
	switch {
	case err != nil:
		return Credentials{}, fmt.Errorf("credentials: CVM role %s: metadata service at %s: %v", role, p.endpoint, err)
	case status == http.StatusNotFound:
		p.mu.Lock()
		p.role = "" // unbound or replaced: discover it again next time
		p.mu.Unlock()
		return Credentials{}, fmt.Errorf("credentials: CVM role %s is no longer bound to this instance (metadata answered 404)", role)
	case status != http.StatusOK:
		return Credentials{}, fmt.Errorf("credentials: CVM role %s: metadata service answered HTTP %d", role, status)
	}
	var v struct {
		TmpSecretID  string `json:"TmpSecretId"`
		TmpSecretKey string `json:"TmpSecretKey"`
		Token        string `json:"Token"`
		ExpiredTime  int64  `json:"ExpiredTime"`
		Code         string `json:"Code"`
	}
	if err := json.Unmarshal(body, &v); err != nil {
		return Credentials{}, fmt.Errorf("credentials: CVM role %s: the metadata service answered something that is not its credentials JSON: %s", role, stsapi.JSONProblem(err))
	}
	if v.Code != "Success" {
		return Credentials{}, fmt.Errorf("credentials: CVM role %s: the metadata service answered Code %q, want \"Success\"", role, stsapi.Clean(v.Code, 60))
	}
	for _, f := range []struct{ name, v string }{{"TmpSecretId", v.TmpSecretID}, {"TmpSecretKey", v.TmpSecretKey}, {"Token", v.Token}} {
		if f.v == "" {
			return Credentials{}, fmt.Errorf("credentials: CVM role %s: the metadata service answered an empty %s", role, f.name)
		}
	}
	if v.ExpiredTime <= 0 {
		return Credentials{}, fmt.Errorf("credentials: CVM role %s: the metadata service answered no ExpiredTime", role)
	}
	c := Credentials{SecretID: v.TmpSecretID, SecretKey: v.TmpSecretKey, Token: v.Token, Expires: time.Unix(v.ExpiredTime, 0), Source: "CVMRole"}
	if err := c.TC3().Validate(); err != nil {
		return Credentials{}, fmt.Errorf("credentials: CVM role %s: %w", role, err)
	}
	return c, nil
}

// GoString is String, so %#v prints the same.
func (p *CVMRole) GoString() string { return p.String() }
