package credentials

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ChainOptions configure NewDefaultChain. The zero value reads the process
// environment and asks the real metadata service.
type ChainOptions struct {
	// Lookup reads the environment (and $HOME); default os.LookupEnv.
	Lookup func(string) (string, bool)
	// Profile is the section of the credentials file; default [default].
	Profile string
	// SkipCVM leaves the CVM role out, so the chain never touches the
	// network while it resolves. Programs that also run off Tencent Cloud
	// and want a fast "no credentials" answer set it.
	SkipCVM bool
	// CVM configures the CVM role source (the metadata endpoint, timeouts).
	CVM CVMRoleOptions
	// WebIdentity, when its Endpoint or HTTPClient is set, overrides those
	// of the TKE OIDC source, whose other settings come from TKE_*.
	WebIdentity WebIdentityOptions
	// Cache configures the cache put in front of temporary credentials.
	Cache CacheOptions
}

// ChainError is the error of NewDefaultChain when no source has
// credentials: it lists what each source said, in order.
type ChainError struct {
	Sources []SourceError
}

// SourceError is what one source of the chain said.
type SourceError struct {
	Source string
	Err    error
}

func (e *ChainError) Error() string {
	var b strings.Builder
	b.WriteString("credentials: no credentials found; tried, in order:")
	for _, s := range e.Sources {
		b.WriteString("\n  " + s.Source + ": " + s.Err.Error())
	}
	b.WriteString("\nset " + EnvSecretID + " and " + EnvSecretKey + ", or write [default] secret_id/secret_key to ~/.tencentcloud/credentials")
	return b.String()
}

// Unwrap returns ErrNotFound, so errors.Is(err, ErrNotFound) holds.
func (e *ChainError) Unwrap() error { return ErrNotFound }

// NewDefaultChain returns the credentials of the first source that is set
// up, in this order (the official SDK's DefaultProviderChain, with tccli
// and TKE added where tccli puts them):
//
//  1. the environment: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY,
//     TENCENTCLOUD_SECURITY_TOKEN;
//  2. the credentials file: $TENCENTCLOUD_CREDENTIALS_FILE or
//     ~/.tencentcloud/credentials, section Profile;
//  3. the tccli profile ~/.tccli/<$TCCLI_PROFILE or default>.credential;
//  4. TKE OIDC, when TKE_REGION, TKE_PROVIDER_ID,
//     TKE_WEB_IDENTITY_TOKEN_FILE and TKE_ROLE_ARN are set;
//  5. the CVM instance role, from the metadata service (unless SkipCVM).
//
// A source that is not set up passes to the next; a source that is set up
// but broken (a key with a space, a half-set environment, an unreadable
// file) stops the chain with its error. When none is set up, the error is
// a *ChainError listing what each source said; it wraps ErrNotFound.
// Temporary credentials (TKE, CVM) come behind a Cache. The CVM source is
// probed once here (role discovery, bounded by CVM's timeouts); the chain
// does not move to another source later.
func NewDefaultChain(ctx context.Context, opts ChainOptions) (Provider, error) {
	lookup := opts.Lookup
	if lookup == nil {
		lookup = os.LookupEnv
	}
	var tried []SourceError
	try := func(name string, build func() (Provider, error)) (Provider, bool, error) {
		p, err := build()
		if err == nil {
			return p, true, nil
		}
		if errors.Is(err, ErrNotFound) {
			tried = append(tried, SourceError{name, err})
			return nil, false, nil
		}
		return nil, false, err
	}
	sources := []struct {
		name  string
		build func() (Provider, error)
	}{
		{"environment", func() (Provider, error) { return Env(lookup) }},
		{"credentials file", func() (Provider, error) { return fileProfile("", opts.Profile, lookup) }},
		{"tccli profile", func() (Provider, error) { return tccli("", lookup) }},
		{"TKE OIDC", func() (Provider, error) {
			w, err := TKEWebIdentity(lookup)
			if err != nil {
				return nil, err
			}
			if opts.WebIdentity.Endpoint != "" || opts.WebIdentity.HTTPClient != nil {
				o := w.opts
				o.Endpoint, o.HTTPClient = opts.WebIdentity.Endpoint, opts.WebIdentity.HTTPClient
				if w, err = NewWebIdentity(o); err != nil {
					return nil, err
				}
			}
			return NewCache(w, opts.Cache), nil
		}},
		{"CVM role", func() (Provider, error) {
			if opts.SkipCVM {
				return nil, fmt.Errorf("%w: skipped (ChainOptions.SkipCVM)", ErrNotFound)
			}
			r, err := NewCVMRole(opts.CVM)
			if err != nil {
				return nil, err
			}
			if _, err := r.RoleName(ctx); err != nil {
				return nil, err
			}
			return NewCache(r, opts.Cache), nil
		}},
	}
	for _, s := range sources {
		p, ok, err := try(s.name, s.build)
		if err != nil {
			return nil, err
		}
		if ok {
			return p, nil
		}
	}
	return nil, &ChainError{Sources: tried}
}
