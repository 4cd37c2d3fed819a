// Package credentialstest has loopback stand-ins for the services that hand
// out temporary credentials: the CVM metadata service ([NewMetadata]) and
// STS ([NewSTS], AssumeRole and AssumeRoleWithWebIdentity). Both issue
// credentials with an expiry through an [Issuer], which a stand-in for an
// API (faceidtest.Options.Temporary) asks, so a test can prove that no call
// was signed with credentials that had expired. Both can be slowed down,
// made to fail, answer garbage, or issue credentials that are already
// about to expire.
//
// The credentials are random and valid only on these stand-ins.
package credentialstest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Issuer mints temporary credentials and remembers them. It is safe for
// concurrent use; share one between stand-ins and the API stand-in.
type Issuer struct {
	now func() time.Time

	mu     sync.Mutex
	issued map[string]issued
	order  []string
}

type issued struct {
	cred            tc3.Credentials
	issued, expires time.Time
}

// Grant describes issued credentials without their secrets.
type Grant struct {
	SecretID        string
	Issued, Expires time.Time
}

// NewIssuer returns an Issuer whose clock is now (time.Now when nil).
func NewIssuer(now func() time.Time) *Issuer {
	if now == nil {
		now = time.Now
	}
	return &Issuer{now: now, issued: map[string]issued{}}
}

// Issue mints credentials valid for lifetime from the issuer's clock; a
// lifetime <= 0 gives credentials that have already expired.
func (i *Issuer) Issue(lifetime time.Duration) (tc3.Credentials, time.Time) {
	c := tc3.Credentials{SecretID: "AKIDTEMP" + randHex(16), SecretKey: "TEMPKEY" + randHex(16), Token: "TEMPTOKEN" + randHex(24)}
	now := i.now()
	exp := now.Add(lifetime).Truncate(time.Second) // the APIs answer whole seconds (ExpiredTime)
	i.mu.Lock()
	i.issued[c.SecretID] = issued{c, now, exp}
	i.order = append(i.order, c.SecretID)
	i.mu.Unlock()
	return c, exp
}

// Lookup returns the credentials issued with secretID and their expiry.
func (i *Issuer) Lookup(secretID string) (tc3.Credentials, time.Time, bool) {
	i.mu.Lock()
	defer i.mu.Unlock()
	is, ok := i.issued[secretID]
	return is.cred, is.expires, ok
}

// Issued returns how many credentials have been issued.
func (i *Issuer) Issued() int {
	i.mu.Lock()
	defer i.mu.Unlock()
	return len(i.order)
}

// Grants returns what was issued, in order.
func (i *Issuer) Grants() []Grant {
	i.mu.Lock()
	defer i.mu.Unlock()
	out := make([]Grant, len(i.order))
	for n, id := range i.order {
		is := i.issued[id]
		out[n] = Grant{SecretID: id, Issued: is.issued, Expires: is.expires}
	}
	return out
}

func randHex(n int) string {
	b := make([]byte, n/2)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}

// faults are the failure modes both stand-ins share.
type faults struct {
	mu       sync.Mutex
	delay    time.Duration
	status   []int // answer the next requests with these HTTP statuses
	garbage  int   // answer the next n requests with a body that is not JSON
	expiring []time.Duration
}

// SetDelay makes every answer wait d (the request's context still ends it).
func (f *faults) SetDelay(d time.Duration) { f.mu.Lock(); f.delay = d; f.mu.Unlock() }

// FailNext answers the next n credential requests with HTTP status.
func (f *faults) FailNext(n, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for ; n > 0; n-- {
		f.status = append(f.status, status)
	}
}

// GarbageNext answers the next n credential requests with HTTP 200 and a
// body that is not JSON.
func (f *faults) GarbageNext(n int) { f.mu.Lock(); f.garbage += n; f.mu.Unlock() }

// ExpiringNext issues the next credentials with lifetime left instead of
// the configured one (0 or less: already expired).
func (f *faults) ExpiringNext(left time.Duration) {
	f.mu.Lock()
	f.expiring = append(f.expiring, left)
	f.mu.Unlock()
}

func (f *faults) take() (delay time.Duration, status int, garbage bool, expiring *time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delay = f.delay
	if len(f.status) > 0 {
		status, f.status = f.status[0], f.status[1:]
		return
	}
	if f.garbage > 0 {
		f.garbage--
		garbage = true
		return
	}
	if len(f.expiring) > 0 {
		e := f.expiring[0]
		f.expiring = f.expiring[1:]
		expiring = &e
	}
	return
}

// inject applies the faults to one request: it waits the delay, then
// answers an injected status or garbage (with garbageBody) and reports
// handled. Otherwise it returns the injected lifetime, if any.
func (f *faults) inject(w http.ResponseWriter, r *http.Request, garbageBody string) (expiring *time.Duration, handled bool) {
	delay, status, garbage, expiring := f.take()
	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return nil, true
		}
	}
	switch {
	case status != 0:
		http.Error(w, http.StatusText(status), status)
		return nil, true
	case garbage:
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(garbageBody))
		return nil, true
	}
	return expiring, false
}
