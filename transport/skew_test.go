package transport

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// TestClockSkew: against the stand-in with its clock 10 minutes ahead of
// and behind ours, the first attempt gets AuthFailure.SignatureExpire, the
// client learns the offset from the answer and the second attempt
// succeeds; later calls of the same client need no retry, and the skew is
// logged once, at warning level, even when concurrent calls learn it.
func TestClockSkew(t *testing.T) {
	for _, tc := range []struct {
		name     string
		offset   time.Duration
		dateOnly bool // the message states no time: learn from the Date header
	}{
		{"ahead", 10 * time.Minute, false},
		{"behind", -10 * time.Minute, false},
		{"ahead, Date header", 10 * time.Minute, true},
		{"behind, Date header", -10 * time.Minute, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newFaultStandIn(t, faceidtest.Options{Now: func() time.Time { return time.Now().Add(tc.offset) }}, false)
			var logs syncBuffer
			c := standInClient(t, s, func(c *Config) {
				c.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
			})
			first := 4
			if tc.dateOnly {
				first = 1 // one injected answer per first attempt: keep them in order
				for i := 0; i < first; i++ {
					s.Inject(faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusOK,
						Body: `{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"Signature expired."},"RequestId":"skew"}}`})
				}
			}
			// Concurrent first calls all see the expiry.
			var wg sync.WaitGroup
			errs := make([]error, first)
			attempts := make([]int, first)
			for i := 0; i < first; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					resp, err := c.Call(context.Background(), detectAuthStandIn)
					errs[i] = err
					if err == nil {
						attempts[i] = resp.Attempts
					}
				}()
			}
			wg.Wait()
			// A call that starts after another learned the offset needs
			// one attempt; at least the first to finish needed two.
			two := 0
			for i, err := range errs {
				if err != nil || attempts[i] < 1 || attempts[i] > 2 {
					t.Errorf("first call %d: %d attempts, err %v; want success on the first or second", i, attempts[i], err)
				}
				if attempts[i] == 2 {
					two++
				}
			}
			if two == 0 {
				t.Errorf("no first call needed a second attempt: the stand-in's clock is not %v off", tc.offset)
			}
			if d := c.Skew() - tc.offset; d < -5*time.Second || d > 5*time.Second {
				t.Errorf("learned skew %v, want about %v", c.Skew(), tc.offset)
			}
			for i := 0; i < 3; i++ {
				resp, err := c.Call(context.Background(), detectAuthStandIn)
				if err != nil || resp.Attempts != 1 {
					t.Fatalf("later call: resp %+v, err %v; want one attempt", resp, err)
				}
			}
			if n := strings.Count(logs.String(), "clock skew"); n != 1 {
				t.Errorf("%d skew warnings, want 1:\n%s", n, logs.String())
			}
			if !strings.Contains(logs.String(), `"level":"WARN"`) {
				t.Errorf("skew not logged at warning level:\n%s", logs.String())
			}
		})
	}
}

// TestClockCorrected: once the local clock is fixed, a learned offset
// turns into a skew the other way; the client learns the new one (0).
func TestClockCorrected(t *testing.T) {
	s := newFaultStandIn(t, faceidtest.Options{}, false)
	var mu sync.Mutex
	wrong := 10 * time.Minute
	c := standInClient(t, s, func(c *Config) {
		c.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return time.Now().Add(wrong) }
	})
	if resp, err := c.Call(context.Background(), detectAuthStandIn); err != nil || resp.Attempts != 2 {
		t.Fatalf("resp %+v err %v", resp, err)
	}
	mu.Lock()
	wrong = 0 // NTP fixed the clock
	mu.Unlock()
	if resp, err := c.Call(context.Background(), detectAuthStandIn); err != nil || resp.Attempts != 2 {
		t.Fatalf("after the fix: resp %+v err %v", resp, err)
	}
	if sk := c.Skew(); sk < -5*time.Second || sk > 5*time.Second {
		t.Errorf("skew %v after the clock was fixed, want about 0", sk)
	}
}

func TestServerTime(t *testing.T) {
	h := http.Header{"Date": {"Tue, 01 Dec 2026 19:40:00 GMT"}}
	for _, tc := range []struct {
		msg  string
		h    http.Header
		want int64
		ok   bool
	}{
		// Tencent's wording.
		{"Signature expired. Please use local time and enable NTP service for time synchronization to avoid a deviation between `Timestamp` and the server time 1706406788.", nil, 1706406788, true},
		// tc3.Verify's wording, which the stand-in answers.
		{"timestamp 1795750620 is 10m0s away from the server time 1795751220; the limit is 5m0s", h, 1795751220, true},
		{"Signature expired.", h, time.Date(2026, 12, 1, 19, 40, 0, 0, time.UTC).Unix(), true},
		{"Signature expired.", nil, 0, false},
	} {
		got, ok := serverTime(tc.msg, tc.h)
		if ok != tc.ok || ok && got.Unix() != tc.want {
			t.Errorf("serverTime(%q) = %v, %v; want %d, %v", tc.msg, got.Unix(), ok, tc.want, tc.ok)
		}
	}
}
