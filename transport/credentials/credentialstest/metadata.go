package credentialstest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"time"
)

// MetadataPath is the path of the CVM metadata service's role endpoint
// (https://cloud.tencent.com/document/product/213/4934).
const MetadataPath = "/latest/meta-data/cam/security-credentials/"

// MetadataOptions configure a Metadata stand-in.
type MetadataOptions struct {
	// Role is the CAM role bound to the instance; "" answers 404 (no role).
	Role string
	// Lifetime of the credentials issued; default 2 h.
	Lifetime time.Duration
	// Issuer mints the credentials; default a new one on Now.
	Issuer *Issuer
	// Now is the service's clock; default time.Now.
	Now func() time.Time
}

// Metadata is a stand-in for the CVM metadata service on a loopback port.
// GET MetadataPath answers the role name; GET MetadataPath+role answers
// {TmpSecretId, TmpSecretKey, Token, ExpiredTime, Expiration, Code:
// "Success"} with freshly issued credentials.
type Metadata struct {
	faults
	srv    *httptest.Server
	opts   MetadataOptions
	issuer *Issuer

	roleGets, credGets atomic.Int64
}

// NewMetadata starts the stand-in; Close stops it.
func NewMetadata(opts MetadataOptions) *Metadata {
	if opts.Lifetime == 0 {
		opts.Lifetime = 2 * time.Hour
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := &Metadata{opts: opts, issuer: opts.Issuer}
	if m.issuer == nil {
		m.issuer = NewIssuer(opts.Now)
	}
	m.srv = httptest.NewServer(http.HandlerFunc(m.serve))
	return m
}

// Endpoint is the URL to put in credentials.CVMRoleOptions.Endpoint.
func (m *Metadata) Endpoint() string { return m.srv.URL + MetadataPath }

// Issuer returns the issuer of the credentials.
func (m *Metadata) Issuer() *Issuer { return m.issuer }

// Close shuts the stand-in down; afterwards connections are refused, as on
// a machine without a metadata service.
func (m *Metadata) Close() { m.srv.CloseClientConnections(); m.srv.Close() }

// RoleRequests and CredentialRequests count the requests of each kind.
func (m *Metadata) RoleRequests() int64       { return m.roleGets.Load() }
func (m *Metadata) CredentialRequests() int64 { return m.credGets.Load() }

func (m *Metadata) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, MetadataPath) {
		http.NotFound(w, r)
		return
	}
	role := strings.TrimPrefix(r.URL.Path, MetadataPath)
	if role == "" {
		m.roleGets.Add(1)
	} else {
		m.credGets.Add(1)
	}
	expiring, handled := m.inject(w, r, "<html><body>502 Bad Gateway</body></html>")
	if handled {
		return
	}
	switch {
	case m.opts.Role == "":
		http.NotFound(w, r)
		return
	case role == "":
		w.Write([]byte(m.opts.Role))
		return
	case role != m.opts.Role:
		http.NotFound(w, r)
		return
	}
	life := m.opts.Lifetime
	if expiring != nil {
		life = *expiring
	}
	c, exp := m.issuer.Issue(life)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"TmpSecretId":  c.SecretID,
		"TmpSecretKey": c.SecretKey,
		"Token":        c.Token,
		"ExpiredTime":  exp.Unix(),
		"Expiration":   exp.UTC().Format(time.RFC3339),
		"Code":         "Success",
	})
}
