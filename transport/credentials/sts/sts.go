// Package sts gets temporary credentials from Tencent Cloud STS with
// AssumeRole (https://cloud.tencent.com/document/product/598/33164),
// signed with TC3-HMAC-SHA256 by package transport with the credentials of
// any base provider. It sits below package credentials and imports
// transport, which imports credentials only for the provider interface, so
// there is no cycle and the transport never imports STS code.
//
// AssumeRoleWithWebIdentity (TKE OIDC) is not signed and lives in package
// credentials (credentials.WebIdentity), where the default chain can use it.
package sts

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/internal/stsapi"
)

// Identity of the STS API.
const (
	Service       = stsapi.Service
	Version       = stsapi.Version
	DefaultHost   = stsapi.DefaultHost
	DefaultRegion = stsapi.DefaultRegion
	// DefaultDuration and MaxDuration bound DurationSeconds (the page:
	// default 7200 s, at most 43200 s).
	DefaultDuration = stsapi.DefaultDuration
	MaxDuration     = stsapi.MaxDuration
)

// AssumeRoleOptions configure AssumeRole.
type AssumeRoleOptions struct {
	// RoleARN is the role to assume, e.g.
	// qcs::cam::uin/12345678:roleName/testRoleName; required.
	RoleARN string
	// SessionName is RoleSessionName, 2 to 128 of [\w+=,.@-]; default
	// "tcfaceid-" and the time of each call.
	SessionName string
	// Duration is DurationSeconds: whole seconds, default 7200 s, at most
	// 43200 s.
	Duration time.Duration
	// Policy is an optional session policy, the JSON document in CAM
	// syntax; it is URL-encoded on the way, as the AssumeRole page requires
	// ("该参数需要做urlencode"), so pass it unencoded.
	Policy string
	// Region is X-TC-Region; default ap-guangzhou.
	Region string
	// Endpoint is the STS host, optionally with a scheme: default
	// https://sts.tencentcloudapi.com; plain http only for loopback.
	Endpoint string
	// HTTPClient, Logger, MaxAttempts and AttemptTimeout go to the
	// transport; Now is its clock.
	HTTPClient     *http.Client
	Logger         *slog.Logger
	MaxAttempts    int
	AttemptTimeout time.Duration
	Now            func() time.Time
}

// AssumeRole is a provider of the temporary credentials of a role, got with
// the credentials of a base provider. Put it behind a credentials.Cache
// (NewAssumeRoleCache does), which refreshes them ahead of expiry.
type AssumeRole struct {
	opts AssumeRoleOptions
	tr   *transport.Client
	host string
}

// NewAssumeRole checks opts and returns the provider.
func NewAssumeRole(base credentials.Provider, opts AssumeRoleOptions) (*AssumeRole, error) {
	if base == nil {
		return nil, fmt.Errorf("sts: the base provider is nil: pass the credentials allowed to assume the role")
	}
	if !strings.HasPrefix(opts.RoleARN, "qcs::cam::") {
		return nil, fmt.Errorf("sts: AssumeRoleOptions.RoleARN %q must look like qcs::cam::uin/12345678:roleName/testRoleName (CAM console, Roles)", opts.RoleARN)
	}
	if opts.SessionName != "" {
		if err := stsapi.CheckSessionName("AssumeRoleOptions.SessionName", opts.SessionName); err != nil {
			return nil, fmt.Errorf("sts: %w", err)
		}
	}
	if opts.Policy != "" && !json.Valid([]byte(opts.Policy)) {
		return nil, fmt.Errorf("sts: AssumeRoleOptions.Policy must be the JSON policy document, not URL-encoded (it is encoded for you)")
	}
	if opts.Duration == 0 {
		opts.Duration = DefaultDuration
	}
	if err := stsapi.CheckDuration("AssumeRoleOptions.Duration", opts.Duration); err != nil {
		return nil, fmt.Errorf("sts: %w", err)
	}
	if opts.Region == "" {
		opts.Region = DefaultRegion
	}
	scheme, host, err := stsapi.SplitEndpoint(opts.Endpoint)
	if err != nil {
		return nil, fmt.Errorf("sts: AssumeRoleOptions.Endpoint: %w", err)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	tr, err := transport.New(transport.Config{
		Credentials:    base,
		Service:        Service,
		Host:           host,
		Scheme:         scheme,
		Region:         opts.Region,
		HTTPClient:     opts.HTTPClient,
		Logger:         opts.Logger,
		MaxAttempts:    opts.MaxAttempts,
		AttemptTimeout: opts.AttemptTimeout,
		Now:            opts.Now,
	})
	if err != nil {
		return nil, fmt.Errorf("sts: %w", err)
	}
	return &AssumeRole{opts: opts, tr: tr, host: host}, nil
}

// NewAssumeRoleCache is NewAssumeRole behind a credentials.Cache.
func NewAssumeRoleCache(base credentials.Provider, opts AssumeRoleOptions, cache credentials.CacheOptions) (*credentials.Cache, error) {
	p, err := NewAssumeRole(base, opts)
	if err != nil {
		return nil, err
	}
	if cache.Now == nil {
		cache.Now = opts.Now
	}
	return credentials.NewCache(p, cache), nil
}

// String names the provider and the role.
func (p *AssumeRole) String() string {
	return "sts.AssumeRole{" + p.opts.RoleARN + " via " + p.host + "}"
}

const actionAssumeRole = "AssumeRole"

// Retrieve calls AssumeRole once (with the transport's retries: the call
// is not billable and safe to repeat).
func (p *AssumeRole) Retrieve(ctx context.Context) (credentials.Credentials, error) {
	session := p.opts.SessionName
	if session == "" {
		session = "tcfaceid-" + strconv.FormatInt(p.opts.Now().UnixNano()/1000, 10)
	}
	req := map[string]any{
		"RoleArn":         p.opts.RoleARN,
		"RoleSessionName": session,
		"DurationSeconds": int64(p.opts.Duration / time.Second),
	}
	if p.opts.Policy != "" {
		req["Policy"] = url.QueryEscape(p.opts.Policy)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return credentials.Credentials{}, fmt.Errorf("sts: %v", err)
	}
	resp, err := p.tr.Call(ctx, transport.Call{Action: actionAssumeRole, Version: Version, Body: body, Idempotent: true})
	if err != nil {
		return credentials.Credentials{}, fmt.Errorf("sts: AssumeRole %s: %w", p.opts.RoleARN, err)
	}
	t, err := stsapi.ParseResult(actionAssumeRole, resp.Raw)
	if err != nil {
		return credentials.Credentials{}, fmt.Errorf("sts: %w", err)
	}
	c := credentials.Credentials{SecretID: t.SecretID, SecretKey: t.SecretKey, Token: t.Token, Expires: t.Expires, Source: "AssumeRole"}
	if err := c.TC3().Validate(); err != nil {
		return credentials.Credentials{}, fmt.Errorf("sts: AssumeRole: %w", err)
	}
	return c, nil
}

// GoString is String, so %#v prints the same.
func (p *AssumeRole) GoString() string { return p.String() }
