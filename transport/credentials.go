package transport

import (
	"context"
	"fmt"
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
