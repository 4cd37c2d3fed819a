package transport

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// CredentialsProvider supplies the credentials for one attempt. The client
// asks once per attempt, so the SecretId, SecretKey and Token used for an
// attempt always belong together, and refreshed temporary credentials are
// picked up by the next attempt. Providers are in package credentials.
type CredentialsProvider = credentials.Provider

// attemptCredentials is how an attempt asks for credentials: it refuses
// credentials that have expired by the client's clock, so no request is
// ever signed with them, whatever the provider does.
type attemptCredentials struct {
	p   CredentialsProvider
	now func() time.Time
}

func (a attemptCredentials) Credentials(ctx context.Context) (tc3.Credentials, error) {
	c, err := a.p.Retrieve(ctx)
	if err != nil {
		return tc3.Credentials{}, err
	}
	if !c.CanExpire() {
		return c.TC3(), nil // no clock read: the signing clock is the client's to read
	}
	if now := a.now(); c.Expired(now) {
		return tc3.Credentials{}, fmt.Errorf("transport: the credentials of SecretId %s (from %s) expired at %s, %s ago: put the provider behind credentials.NewCache, which refreshes them",
			c.SecretID, c.Source, c.Expires.UTC().Format(time.RFC3339), now.Sub(c.Expires).Round(time.Second))
	}
	return c.TC3(), nil
}

// Forwarders to package credentials, where the providers live now. They
// keep existing callers building; new code uses the credentials names.
const (
	EnvSecretID        = credentials.EnvSecretID
	EnvSecretKey       = credentials.EnvSecretKey
	EnvSecurityToken   = credentials.EnvSecurityToken
	EnvCredentialsFile = credentials.EnvCredentialsFile
)

// ErrNoCredentials is credentials.ErrNotFound.
// New code uses credentials.ErrNotFound.
var ErrNoCredentials = credentials.ErrNotFound

// StaticCredentials is credentials.Static.
// New code uses credentials.Static.
func StaticCredentials(c tc3.Credentials) CredentialsProvider { return credentials.Static(c) }

// EnvCredentials is credentials.Env.
// New code uses credentials.Env.
func EnvCredentials(lookup func(string) (string, bool)) (CredentialsProvider, error) {
	return credentials.Env(lookup)
}

// FileCredentials is credentials.File.
// New code uses credentials.File.
func FileCredentials(path string) (CredentialsProvider, error) { return credentials.File(path) }

// DefaultCredentials is DefaultCredentialsFrom(os.LookupEnv).
// New code uses credentials.NewDefaultChain.
func DefaultCredentials() (CredentialsProvider, error) {
	return DefaultCredentialsFrom(os.LookupEnv)
}

// DefaultCredentialsFrom is credentials.NewDefaultChain without the CVM
// role, so that it never touches the network.
// New code uses credentials.NewDefaultChain.
func DefaultCredentialsFrom(lookup func(string) (string, bool)) (CredentialsProvider, error) {
	return credentials.NewDefaultChain(context.Background(), credentials.ChainOptions{Lookup: lookup, SkipCVM: true})
}

// CredentialsFunc adapts a function returning credentials that do not
// expire to CredentialsProvider.
// New code uses credentials.ProviderFunc, whose credentials carry their expiry.
type CredentialsFunc func(ctx context.Context) (tc3.Credentials, error)

// Retrieve calls f.
func (f CredentialsFunc) Retrieve(ctx context.Context) (credentials.Credentials, error) {
	c, err := f(ctx)
	return credentials.Credentials{SecretID: c.SecretID, SecretKey: c.SecretKey, Token: c.Token, Source: "CredentialsFunc"}, err
}
