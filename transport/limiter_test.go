package transport

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// TestAdaptiveLimiter: 32 goroutines share a client against the stand-in's
// rate limit. With the adaptive limiter the gateway throttles fewer
// attempts than without it, and no call fails that succeeds without it.
func TestAdaptiveLimiter(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for a few seconds")
	}
	const callers, callsEach = 32, 6
	// The stand-in's limit is a third of what this machine sends without
	// one, so the callers exceed it however loaded the machine is.
	limit := 0.0
	run := func(disable bool) (throttled, failed, processed int) {
		s := newFaultStandIn(t, faceidtest.Options{}, false)
		if limit > 0 {
			s.SetRateLimit(limit, 2)
		}
		c := standInClient(t, s, func(c *Config) {
			c.DisableAdaptiveRateLimit = disable
			c.MaxAttempts = 30 // enough that a throttled call ends in success, with or without the limiter
			c.BaseWait, c.MaxWait, c.MaxTotalWait = 5*time.Millisecond, 50*time.Millisecond, 60*time.Second
			c.AttemptTimeout = 20 * time.Second // a loaded test machine must not turn into failures
		})
		var wg sync.WaitGroup
		var mu sync.Mutex
		for g := 0; g < callers; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < callsEach; i++ {
					if _, err := c.Call(context.Background(), detectAuthStandIn); err != nil {
						mu.Lock()
						failed++
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		return s.Throttled(), failed, s.Processed("")
	}
	start := time.Now()
	run(true)
	limit = max(2, float64(callers*callsEach)/time.Since(start).Seconds()/3)
	t.Logf("stand-in limit: %.1f requests per second", limit)
	offThrottled, offFailed, offProcessed := run(true)
	onThrottled, onFailed, onProcessed := run(false)
	t.Logf("without the limiter: %d throttled attempts, %d failed calls, %d processed", offThrottled, offFailed, offProcessed)
	t.Logf("with the limiter:    %d throttled attempts, %d failed calls, %d processed", onThrottled, onFailed, onProcessed)
	if onThrottled >= offThrottled {
		t.Errorf("the limiter did not reduce throttling: %d throttled attempts with it, %d without", onThrottled, offThrottled)
	}
	if onFailed > offFailed || onFailed != 0 {
		t.Errorf("%d calls failed with the limiter, %d without; want none with it", onFailed, offFailed)
	}
	if onProcessed != callers*callsEach || onProcessed+onFailed != callers*callsEach {
		t.Errorf("processed %d of %d calls with the limiter", onProcessed, callers*callsEach)
	}
}

// TestLimiterCubic checks the rate algorithm on a fake clock: a throttle
// cuts the fill rate to 70 % of the measured rate, further throttles
// within half a second do not cut again, and successes grow the rate back
// along the cubic curve to the old maximum after the curve's window.
func TestLimiterCubic(t *testing.T) {
	now := time.Unix(0, 0)
	l := &limiter{now: func() time.Time { return now }}
	send := func(d time.Duration, perSecond int, throttled bool) {
		for end := now.Add(d); now.Before(end); {
			now = now.Add(time.Second / time.Duration(perSecond))
			l.update(throttled)
		}
	}
	send(2*time.Second, 100, false)
	if l.enabled {
		t.Fatal("enabled before any throttle")
	}
	if l.measuredRate < 90 || l.measuredRate > 110 {
		t.Fatalf("measured rate %.1f, want about 100", l.measuredRate)
	}
	now = now.Add(10 * time.Millisecond)
	l.update(true)
	if !l.enabled || l.fillRate < 0.7*90 || l.fillRate > 0.7*110 {
		t.Fatalf("after a throttle: enabled %v, fill rate %.1f, want 70%% of about 100", l.enabled, l.fillRate)
	}
	cut, peak := l.fillRate, l.lastMaxRate
	send(400*time.Millisecond, 100, true) // the in-flight attempts' throttles
	if l.fillRate != cut {
		t.Errorf("throttles within half a second cut again: %.1f, want %.1f", l.fillRate, cut)
	}
	window := time.Duration(l.window * float64(time.Second))
	send(window/2, 70, false)
	if l.fillRate <= cut || l.fillRate >= peak {
		t.Errorf("half way through the window: fill rate %.1f, want between %.1f and %.1f", l.fillRate, cut, peak)
	}
	send(window/2, 90, false)
	if d := l.fillRate - peak; d < -0.05*peak || d > 0.05*peak {
		t.Errorf("after the window: fill rate %.1f, want the old maximum %.1f", l.fillRate, peak)
	}
	send(10*time.Second, 100, false)
	if l.fillRate > 2*l.measuredRate+1e-9 {
		t.Errorf("fill rate %.1f above twice the measured rate %.1f", l.fillRate, l.measuredRate)
	}
}
