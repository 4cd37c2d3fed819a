package credentials

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Defaults of CacheOptions. The official SDK refreshes CVM role credentials
// 300 s before ExpiredTime and STS credentials when a tenth of their
// lifetime is left (tencentcloud-sdk-go, cvm_role_credential.go and
// role_arn_credential.go); the cache takes the smaller of the two.
const (
	DefaultExpiryWindow = 5 * time.Minute
	DefaultExpiryMargin = 10 * time.Second
	DefaultRetryBase    = time.Second
	DefaultRetryMax     = time.Minute
	// DefaultRefreshTimeout bounds one refresh; the caller's context bounds
	// only the caller's wait, so one impatient caller cannot fail a refresh
	// that the others are waiting for.
	DefaultRefreshTimeout = time.Minute
)

// CacheOptions configure a Cache. The zero value takes the defaults.
type CacheOptions struct {
	// ExpiryWindow is how long before Expires the cache starts refreshing,
	// in the background, while it goes on serving the current credentials;
	// it is capped at a tenth of the credentials' lifetime.
	ExpiryWindow time.Duration
	// ExpiryMargin is how long before Expires the cache stops handing the
	// credentials out, so that a request signed with them still arrives
	// before they expire; it is capped at a twentieth of the lifetime.
	// Callers then wait for the refresh.
	ExpiryMargin time.Duration
	// RetryBase and RetryMax bound the backoff between failed refreshes:
	// RetryBase, doubling, at most RetryMax.
	RetryBase, RetryMax time.Duration
	// RefreshTimeout bounds one refresh.
	RefreshTimeout time.Duration
	// Now is the clock; default time.Now. Tests pin it.
	Now func() time.Time
}

// Cache serves the credentials of a provider until shortly before they
// expire. It refreshes them ahead of expiry in the background, once for all
// goroutines (single flight); when a refresh fails it keeps serving the
// still-valid credentials and retries with backoff; it never hands out
// credentials past their expiry margin. Credentials that do not expire are
// fetched once. A Cache is safe for concurrent use.
type Cache struct {
	p    Provider
	opts CacheOptions

	mu       sync.Mutex
	cur      Credentials
	have     bool
	fetched  time.Time // when cur arrived
	inflight *refresh
	failures int
	nextTry  time.Time // no refresh before this after a failure
	lastErr  error

	// testHookWait, when set, is called by a goroutine about to wait for
	// an in-flight refresh.
	testHookWait func()
}

type refresh struct {
	done  chan struct{}
	creds Credentials
	err   error
}

// NewCache wraps p. A *Cache passed in is returned as is.
func NewCache(p Provider, opts CacheOptions) *Cache {
	if c, ok := p.(*Cache); ok {
		return c
	}
	if opts.ExpiryWindow <= 0 {
		opts.ExpiryWindow = DefaultExpiryWindow
	}
	if opts.ExpiryMargin <= 0 {
		opts.ExpiryMargin = DefaultExpiryMargin
	}
	if opts.RetryBase <= 0 {
		opts.RetryBase = DefaultRetryBase
	}
	if opts.RetryMax <= 0 {
		opts.RetryMax = DefaultRetryMax
	}
	if opts.RefreshTimeout <= 0 {
		opts.RefreshTimeout = DefaultRefreshTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Cache{p: p, opts: opts}
}

// String names the cache and what it holds, redacted.
func (c *Cache) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.have {
		return fmt.Sprintf("credentials.Cache{%v, empty}", c.p)
	}
	return fmt.Sprintf("credentials.Cache{%v, %v}", c.p, c.cur)
}

// GoString is String.
func (c *Cache) GoString() string { return c.String() }

// Format prints String for every verb.
func (c *Cache) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// Invalidate drops the cached credentials, so the next Retrieve fetches.
// Use it when the API refused them (AuthFailure.TokenFailure).
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.have = false
	c.mu.Unlock()
}

// window and margin scale with the credentials' lifetime, so short-lived
// credentials are refreshed in proportion.
func (c *Cache) window() (window, margin time.Duration) {
	window, margin = c.opts.ExpiryWindow, c.opts.ExpiryMargin
	if life := c.cur.Expires.Sub(c.fetched); life > 0 {
		window = min(window, life/10)
		margin = min(margin, life/20)
	}
	return window, margin
}

// Retrieve returns credentials that are valid for at least the expiry
// margin, fetching or waiting for a refresh when the cached ones are not.
func (c *Cache) Retrieve(ctx context.Context) (Credentials, error) {
	now := c.opts.Now()
	c.mu.Lock()
	if c.have {
		if !c.cur.CanExpire() {
			cur := c.cur
			c.mu.Unlock()
			return cur, nil
		}
		window, margin := c.window()
		if now.Before(c.cur.Expires.Add(-margin)) {
			if !now.Before(c.cur.Expires.Add(-window)) {
				c.startLocked(now) // refresh ahead, serve the current ones meanwhile
			}
			cur := c.cur
			c.mu.Unlock()
			return cur, nil
		}
	}
	// Nothing usable: wait for a refresh, unless one just failed.
	if c.inflight == nil && now.Before(c.nextTry) && c.lastErr != nil {
		err := c.lastErr
		wait := c.nextTry.Sub(now)
		c.mu.Unlock()
		return Credentials{}, fmt.Errorf("%w (next attempt in %s)", err, wait.Round(time.Millisecond))
	}
	r := c.startLocked(now)
	hook := c.testHookWait
	c.mu.Unlock()
	if hook != nil {
		hook()
	}
	select {
	case <-r.done:
	case <-ctx.Done():
		return Credentials{}, fmt.Errorf("credentials: waiting for a refresh: %w", ctx.Err())
	}
	if r.err != nil {
		return Credentials{}, r.err
	}
	return r.creds, nil
}

// startLocked starts a refresh unless one is running or a failed one is
// still backing off, and returns the running one (or a finished one holding
// the last error).
func (c *Cache) startLocked(now time.Time) *refresh {
	if c.inflight != nil {
		return c.inflight
	}
	if now.Before(c.nextTry) && c.lastErr != nil {
		r := &refresh{done: make(chan struct{}), err: c.lastErr}
		close(r.done)
		return r
	}
	r := &refresh{done: make(chan struct{})}
	c.inflight = r
	go c.run(r)
	return r
}

func (c *Cache) run(r *refresh) {
	ctx, cancel := context.WithTimeout(context.Background(), c.opts.RefreshTimeout)
	creds, err := c.p.Retrieve(ctx)
	cancel()
	now := c.opts.Now()
	if err == nil && creds.Expired(now) {
		err = fmt.Errorf("credentials: %s returned credentials that expired at %s (now %s): check the clock of this machine and of the source",
			sourceName(creds), creds.Expires.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	defer close(r.done)
	c.inflight = nil
	if err != nil {
		c.failures++
		c.lastErr = err
		c.nextTry = now.Add(backoff(c.opts.RetryBase, c.opts.RetryMax, c.failures))
		r.err = err
		return
	}
	// The window and margin scale with the time left, so credentials a
	// source hands out nearly expired are still used for most of it.
	c.cur, c.have, c.fetched = creds, true, now
	c.failures, c.lastErr, c.nextTry = 0, nil, time.Time{}
	r.creds = creds
}

func backoff(base, maxWait time.Duration, failures int) time.Duration {
	d := base
	for i := 1; i < failures && d < maxWait; i++ {
		d *= 2
	}
	return min(d, maxWait)
}

func sourceName(c Credentials) string {
	if c.Source == "" {
		return "the provider"
	}
	return c.Source
}
