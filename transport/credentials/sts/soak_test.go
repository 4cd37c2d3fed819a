package sts_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
	"github.com/tcfaceid/tcfaceid/transport/credentials/sts"
)

// virtualClock is a clock only the soak's driver moves.
type virtualClock struct{ ns atomic.Int64 }

func (c *virtualClock) Now() time.Time      { return time.Unix(0, c.ns.Load()) }
func (c *virtualClock) Add(d time.Duration) { c.ns.Add(int64(d)) }

// TestSoakExpiryCrossing: 16 goroutines call the FaceID stand-in through
// one transport client whose credentials come from STS AssumeRole, behind
// a Cache, and live 2 s (less the whole-second rounding of ExpiredTime). A
// driver moves a shared virtual clock 10 ms at a time (STS, FaceID, the
// cache and the signer all read it); at each step the 16 goroutines make
// one call each, at once, and the driver waits for all of them. Over 3
// virtual seconds the credentials expire several times. Wanted: no call refused
// (in particular none with AuthFailure.TokenFailure, which the FaceID
// stand-in answers for expired credentials), and one AssumeRole per
// expiry: every issued set but the last expired during the soak and was
// replaced exactly once.
func TestSoakExpiryCrossing(t *testing.T) {
	const (
		workers  = 16
		step     = 10 * time.Millisecond
		lifetime = 2 * time.Second
	)
	steps := 320 // 3.2 virtual seconds, 5120 calls
	if testing.Short() {
		steps = 250
	}
	clk := &virtualClock{}
	clk.ns.Store(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC).UnixNano())
	start := clk.Now()
	issuer := credentialstest.NewIssuer(clk.Now)
	stsSrv := credentialstest.NewSTS(credentialstest.STSOptions{Credentials: []tc3.Credentials{base}, Lifetime: lifetime, Issuer: issuer, Now: clk.Now})
	defer stsSrv.Close()
	api := faceidtest.NewServer(faceidtest.Options{Temporary: issuer, Now: clk.Now})
	defer api.Close()

	cache, err := sts.NewAssumeRoleCache(credentials.Static(base), sts.AssumeRoleOptions{
		RoleARN: roleARN, Endpoint: stsSrv.URL(), Now: clk.Now, MaxAttempts: 1,
	}, credentials.CacheOptions{})
	if err != nil {
		t.Fatal(err)
	}
	client, err := transport.New(transport.Config{Credentials: cache, Service: "faceid", Host: api.Host, Scheme: "http", Now: clk.Now, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}

	// Lockstep: at every step each worker makes one call, all 16 at once;
	// the driver moves the clock when all of them have finished.
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		current  = -1
		stopped  bool
		pending  sync.WaitGroup
		done     sync.WaitGroup
		calls    atomic.Int64
		failures atomic.Int64
		firstErr atomic.Value
	)
	for w := 0; w < workers; w++ {
		done.Add(1)
		go func() {
			defer done.Done()
			last := -1
			for {
				mu.Lock()
				for current == last && !stopped {
					cond.Wait()
				}
				if stopped {
					mu.Unlock()
					return
				}
				last = current
				mu.Unlock()
				_, err := client.Call(context.Background(), transport.Call{Action: "GetLiveCode", Version: "2018-03-01", Body: []byte(`{}`)})
				calls.Add(1)
				if err != nil {
					failures.Add(1)
					firstErr.CompareAndSwap(nil, err)
				}
				pending.Done()
			}
		}()
	}
	for s := 0; s < steps; s++ {
		pending.Add(workers)
		mu.Lock()
		if s > 0 {
			clk.Add(step)
		}
		current = s
		cond.Broadcast()
		mu.Unlock()
		pending.Wait()
	}
	mu.Lock()
	stopped = true
	cond.Broadcast()
	mu.Unlock()
	done.Wait()
	end := clk.Now()

	refused := 0
	for _, r := range api.Requests() {
		if r.ErrorCode != "" {
			refused++
		}
	}
	upstream := stsSrv.Calls("AssumeRole")
	grants := issuer.Grants()
	expiredDuring := 0
	for _, g := range grants {
		if !g.Expires.After(end) {
			expiredDuring++
		}
	}
	t.Logf("soak: %d calls by %d goroutines over %s virtual, credentials living %s (ExpiredTime in whole seconds): %d AssumeRole calls (%d refreshes), %d sets expired during the soak, %d refused, %d failed",
		calls.Load(), workers, end.Sub(start), lifetime, upstream, upstream-1, expiredDuring, refused, failures.Load())
	if failures.Load() != 0 {
		t.Errorf("%d calls failed; first: %v", failures.Load(), firstErr.Load())
	}
	if refused != 0 {
		t.Errorf("%d calls refused by the FaceID stand-in", refused)
	}
	if calls.Load() != int64(workers*steps) {
		t.Errorf("%d calls, want %d", calls.Load(), workers*steps)
	}
	if min := int(end.Sub(start) / lifetime); expiredDuring < min {
		t.Errorf("%d sets expired during %s of 2 s credentials, want at least %d: the soak did not cross expiries", expiredDuring, end.Sub(start), min)
	}
	if upstream != len(grants) {
		t.Errorf("%d AssumeRole calls, %d grants", upstream, len(grants))
	}
	// One refresh per expiry: each set was replaced once, in its last part
	// (not before half its life, so never twice) and before it expired.
	for i := 1; i < len(grants); i++ {
		prev, g := grants[i-1], grants[i]
		half := prev.Issued.Add(prev.Expires.Sub(prev.Issued) / 2)
		if g.Issued.Before(half) || !g.Issued.Before(prev.Expires) {
			t.Errorf("set %d (issued %s, expires %s) was replaced at %s: want in its second half, before it expires",
				i-1, prev.Issued.Sub(start), prev.Expires.Sub(start), g.Issued.Sub(start))
		}
	}
	if last := grants[len(grants)-1]; !last.Expires.After(end) {
		t.Errorf("the last set expired at %s, before the end %s, and was not replaced", last.Expires.Sub(start), end.Sub(start))
	}
}
