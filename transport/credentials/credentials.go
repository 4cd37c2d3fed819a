// Package credentials supplies the SecretId, SecretKey and session token
// that package transport signs each attempt with, and keeps temporary
// credentials fresh.
//
// The model is aws-sdk-go-v2: a [Provider] retrieves [Credentials] from one
// source (the environment, the credentials file, a tccli profile, the CVM
// metadata service, TKE's OIDC identity), and a [Cache] in front of a
// provider of temporary credentials serves them until shortly before they
// expire, refreshes them once for all waiting goroutines, and never hands
// out expired ones. [NewDefaultChain] picks the first source that is set up,
// in the order the official SDKs use. AssumeRole, which must be signed, is
// in package sts below this one, so that it can use the transport.
//
// Formatting any type of this package with the fmt package, or reading any
// of its errors, never shows a SecretKey, a token or a web-identity token.
package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// ErrNotFound is returned (wrapped) by a provider whose source is not set up
// at all (variables unset, no file, not on a CVM), so that a chain can try
// the next source. A source that is set up but wrong gives another error.
var ErrNotFound = errors.New("credentials: no credentials")

// Credentials are a key pair, with the session token and expiry of
// temporary credentials. Formatting a Credentials value with the fmt package
// prints the SecretId and the expiry and redacts the key and token.
type Credentials struct {
	SecretID  string
	SecretKey string
	Token     string // session token of temporary credentials; "" for a permanent key
	// Expires is when temporary credentials stop working; the zero Time
	// means they do not expire.
	Expires time.Time
	// Source names the provider that supplied them, e.g. "Env" or "CVMRole".
	Source string
}

// TC3 returns the part package tc3 signs with.
func (c Credentials) TC3() tc3.Credentials {
	return tc3.Credentials{SecretID: c.SecretID, SecretKey: c.SecretKey, Token: c.Token}
}

// CanExpire reports whether the credentials have an expiry.
func (c Credentials) CanExpire() bool { return !c.Expires.IsZero() }

// Expired reports whether the credentials no longer work at now.
func (c Credentials) Expired(now time.Time) bool {
	return c.CanExpire() && !now.Before(c.Expires)
}

// String prints the SecretId, the source and the expiry; the key and the
// token are redacted.
func (c Credentials) String() string {
	s := "credentials.Credentials{SecretID: " + strconv.Quote(c.SecretID) + ", SecretKey: " + tc3.Redact(c.SecretKey)
	if c.Token != "" {
		s += ", Token: " + tc3.Redact(c.Token)
	}
	if c.CanExpire() {
		s += ", Expires: " + c.Expires.UTC().Format(time.RFC3339)
	}
	if c.Source != "" {
		s += ", Source: " + c.Source
	}
	return s + "}"
}

// GoString is String, so %#v redacts too.
func (c Credentials) GoString() string { return c.String() }

// Format makes every fmt verb print the redacted form.
func (c Credentials) Format(f fmt.State, _ rune) { io.WriteString(f, c.String()) }

// Provider retrieves credentials. transport asks its provider once per
// attempt, so a provider that talks to a service should sit behind a
// [Cache]. Retrieve must be safe for concurrent use.
type Provider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// ProviderFunc adapts a function to Provider.
type ProviderFunc func(ctx context.Context) (Credentials, error)

// Retrieve calls f.
func (f ProviderFunc) Retrieve(ctx context.Context) (Credentials, error) { return f(ctx) }

// Static returns a provider that always returns c, which never expires.
// Formatting the provider with the fmt package redacts the key and token.
func Static(c tc3.Credentials) Provider { return static("Static", c) }

func static(source string, c tc3.Credentials) Provider {
	cred := Credentials{SecretID: c.SecretID, SecretKey: c.SecretKey, Token: c.Token, Source: source}
	return staticProvider{func() Credentials { return cred }}
}

// staticProvider keeps the credentials in a closure, so that even a
// reflective print of a struct holding it shows a function address, never
// the key.
type staticProvider struct{ get func() Credentials }

func (s staticProvider) Retrieve(context.Context) (Credentials, error) { return s.get(), nil }
func (s staticProvider) String() string                                { return s.get().String() }
func (s staticProvider) GoString() string                              { return s.get().String() }
func (s staticProvider) Format(f fmt.State, _ rune)                    { io.WriteString(f, s.get().String()) }
