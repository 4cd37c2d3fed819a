package credentials

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// clock is a manual clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// upstream is a provider that counts its calls and issues credentials with
// a lifetime on the clock, numbering them AKID1, AKID2, ...
type upstream struct {
	clock    *clock
	lifetime time.Duration
	calls    atomic.Int64
	fail     atomic.Bool
	gate     chan struct{} // when set, each call waits for a value
}

func (u *upstream) Retrieve(ctx context.Context) (Credentials, error) {
	n := u.calls.Add(1)
	if u.gate != nil {
		<-u.gate
	}
	if u.fail.Load() {
		return Credentials{}, errors.New("upstream down")
	}
	return Credentials{SecretID: "AKID" + itoa(n), SecretKey: "KEY", Token: "TOKEN", Expires: u.clock.Now().Add(u.lifetime), Source: "upstream"}, nil
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// settle waits until no refresh is in flight.
func settle(t *testing.T, c *Cache) {
	t.Helper()
	for i := 0; i < 2000; i++ {
		c.mu.Lock()
		idle := c.inflight == nil
		c.mu.Unlock()
		if idle {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("refresh still in flight after 2s")
}

func TestCacheServesUntilWindowThenRefreshesOnce(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: time.Hour}
	c := NewCache(up, CacheOptions{Now: clk.Now})
	ctx := context.Background()

	first, err := c.Retrieve(ctx)
	if err != nil || first.SecretID != "AKID1" {
		t.Fatalf("first: %v, %v", first, err)
	}
	// An hour's credentials: window min(5 min, 6 min) = 5 min.
	clk.Add(54 * time.Minute)
	for i := 0; i < 10; i++ {
		if got, _ := c.Retrieve(ctx); got.SecretID != "AKID1" {
			t.Fatalf("before the window: %s", got.SecretID)
		}
	}
	if n := up.calls.Load(); n != 1 {
		t.Fatalf("upstream calls before the window = %d, want 1", n)
	}
	clk.Add(time.Minute + time.Second) // 4m59s left: inside the window
	got, _ := c.Retrieve(ctx)
	if got.SecretID != "AKID1" {
		t.Errorf("inside the window the current credentials are served while refreshing, got %s", got.SecretID)
	}
	settle(t, c)
	for i := 0; i < 10; i++ {
		if got, _ := c.Retrieve(ctx); got.SecretID != "AKID2" {
			t.Fatalf("after the refresh: %s", got.SecretID)
		}
	}
	if n := up.calls.Load(); n != 2 {
		t.Errorf("upstream calls = %d, want 2 (one refresh)", n)
	}
}

func TestCacheStaticFetchedOnce(t *testing.T) {
	var n atomic.Int64
	c := NewCache(ProviderFunc(func(context.Context) (Credentials, error) {
		n.Add(1)
		return Credentials{SecretID: "AKID", SecretKey: "K"}, nil
	}), CacheOptions{})
	for i := 0; i < 5; i++ {
		if _, err := c.Retrieve(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != 1 {
		t.Errorf("calls = %d, want 1", n.Load())
	}
}

// Test64WaitersOneUpstreamCall: 64 goroutines arrive while the first fetch
// is in flight; all get its result, and upstream is called once.
func Test64WaitersOneUpstreamCall(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: time.Hour, gate: make(chan struct{})}
	c := NewCache(up, CacheOptions{Now: clk.Now})
	var waiting sync.WaitGroup
	waiting.Add(64)
	c.testHookWait = waiting.Done

	var done sync.WaitGroup
	got := make([]string, 64)
	for i := range got {
		done.Add(1)
		go func() {
			defer done.Done()
			cr, err := c.Retrieve(context.Background())
			if err != nil {
				t.Error(err)
			}
			got[i] = cr.SecretID
		}()
	}
	waiting.Wait() // all 64 are waiting for the one refresh
	close(up.gate)
	done.Wait()
	if n := up.calls.Load(); n != 1 {
		t.Errorf("upstream calls = %d, want 1", n)
	}
	for i, id := range got {
		if id != "AKID1" {
			t.Fatalf("goroutine %d got %q", i, id)
		}
	}

	// The same past the margin: expired credentials are never served, the
	// 64 wait for one refresh.
	clk.Add(time.Hour)
	up.gate = make(chan struct{})
	waiting.Add(64)
	for i := range got {
		done.Add(1)
		go func() {
			defer done.Done()
			cr, err := c.Retrieve(context.Background())
			if err != nil {
				t.Error(err)
			}
			got[i] = cr.SecretID
		}()
	}
	waiting.Wait()
	close(up.gate)
	done.Wait()
	if n := up.calls.Load(); n != 2 {
		t.Errorf("upstream calls = %d, want 2", n)
	}
	for i, id := range got {
		if id != "AKID2" {
			t.Fatalf("after expiry goroutine %d got %q", i, id)
		}
	}
}

func TestCacheFailedRefreshKeepsValidAndBacksOff(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: time.Hour}
	c := NewCache(up, CacheOptions{Now: clk.Now, RetryBase: 10 * time.Second, RetryMax: 40 * time.Second})
	ctx := context.Background()
	if _, err := c.Retrieve(ctx); err != nil {
		t.Fatal(err)
	}
	up.fail.Store(true)
	clk.Add(56 * time.Minute) // 4 min left: refresh window
	get := func() Credentials {
		t.Helper()
		cr, err := c.Retrieve(ctx)
		if err != nil {
			t.Fatalf("still-valid credentials not served: %v", err)
		}
		settle(t, c)
		return cr
	}
	if got := get(); got.SecretID != "AKID1" {
		t.Fatalf("got %s", got.SecretID)
	}
	// Within the backoff (10 s) no new attempt.
	for i := 0; i < 5; i++ {
		get()
	}
	if n := up.calls.Load(); n != 2 {
		t.Fatalf("calls during backoff = %d, want 2", n)
	}
	clk.Add(10 * time.Second)
	get() // second failure: next in 20 s
	clk.Add(19 * time.Second)
	get()
	if n := up.calls.Load(); n != 3 {
		t.Fatalf("calls = %d, want 3 (backoff doubled to 20s)", n)
	}
	clk.Add(time.Second)
	get()
	if n := up.calls.Load(); n != 4 {
		t.Fatalf("calls = %d, want 4", n)
	}
	up.fail.Store(false)
	clk.Add(40 * time.Second)
	get()
	if got := get(); got.SecretID != "AKID5" {
		t.Errorf("after recovery got %s, want AKID5", got.SecretID)
	}

	// Upstream down when the credentials pass their margin: an error, never
	// the expired credentials.
	up.fail.Store(true)
	clk.Add(time.Hour)
	cr, err := c.Retrieve(ctx)
	if err == nil {
		t.Fatalf("expired credentials handed out: %v", cr)
	}
	if !strings.Contains(err.Error(), "upstream down") {
		t.Errorf("err = %v", err)
	}
	// And within the backoff the cached error comes back without a call.
	before := up.calls.Load()
	if _, err := c.Retrieve(ctx); err == nil || !strings.Contains(err.Error(), "next attempt in") {
		t.Errorf("during backoff: %v", err)
	}
	if up.calls.Load() != before {
		t.Errorf("a call was made during the backoff")
	}
}

func TestCacheRefusesExpiredFromSource(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: -time.Second}
	c := NewCache(up, CacheOptions{Now: clk.Now})
	_, err := c.Retrieve(context.Background())
	if err == nil || !strings.Contains(err.Error(), "returned credentials that expired at") {
		t.Fatalf("err = %v", err)
	}
}

// TestCacheShortLived: 2-second credentials are refreshed 0.2 s before
// expiry (a tenth of the lifetime) and handed out until 0.1 s before.
func TestCacheShortLived(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: 2 * time.Second}
	c := NewCache(up, CacheOptions{Now: clk.Now})
	ctx := context.Background()
	c.Retrieve(ctx)
	clk.Add(1799 * time.Millisecond)
	c.Retrieve(ctx)
	settle(t, c)
	if n := up.calls.Load(); n != 1 {
		t.Fatalf("calls at 1.799 s = %d, want 1", n)
	}
	clk.Add(time.Millisecond)
	if got, _ := c.Retrieve(ctx); got.SecretID != "AKID1" {
		t.Errorf("at 1.8 s got %s, want AKID1 while refreshing", got.SecretID)
	}
	settle(t, c)
	if got, _ := c.Retrieve(ctx); got.SecretID != "AKID2" || up.calls.Load() != 2 {
		t.Errorf("after the refresh: %s, %d calls", got.SecretID, up.calls.Load())
	}
}

func TestCacheCallerContext(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: time.Hour, gate: make(chan struct{})}
	c := NewCache(up, CacheOptions{Now: clk.Now})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Retrieve(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	close(up.gate) // the refresh goes on for the others
	got, err := c.Retrieve(context.Background())
	if err != nil || got.SecretID != "AKID1" || up.calls.Load() != 1 {
		t.Errorf("after a canceled waiter: %v, %v, %d calls", got, err, up.calls.Load())
	}
}

// Test64DuringBackgroundRefresh: inside the refresh window 64 goroutines
// keep getting the current credentials without waiting while one upstream
// call runs.
func Test64DuringBackgroundRefresh(t *testing.T) {
	clk := newClock()
	up := &upstream{clock: clk, lifetime: time.Hour}
	c := NewCache(up, CacheOptions{Now: clk.Now})
	if _, err := c.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	up.gate = make(chan struct{}) // the refresh will hang until released
	clk.Add(58 * time.Minute)
	var wg sync.WaitGroup
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				cr, err := c.Retrieve(context.Background())
				if err != nil || cr.SecretID != "AKID1" {
					t.Errorf("during the refresh: %v, %v", cr, err)
					return
				}
			}
		}()
	}
	wg.Wait() // returns although the refresh is still blocked
	c.mu.Lock()
	running := c.inflight != nil
	c.mu.Unlock()
	if !running {
		t.Fatal("no refresh in flight after 64 goroutines in the refresh window")
	}
	// The refresh goroutine may not have reached the upstream yet.
	for i := 0; i < 2000 && up.calls.Load() < 2; i++ {
		time.Sleep(time.Millisecond)
	}
	if n := up.calls.Load(); n != 2 {
		t.Errorf("upstream calls = %d, want 2 (the first fetch and one refresh)", n)
	}
	close(up.gate)
	settle(t, c)
	if got, _ := c.Retrieve(context.Background()); got.SecretID != "AKID2" {
		t.Errorf("after the refresh: %s", got.SecretID)
	}
}
