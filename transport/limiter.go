package transport

import (
	"context"
	"math"
	"sync"
	"time"
)

// The adaptive rate limiter paces a Client's attempts once the gateway
// throttles them. Without it, every goroutine of a busy client that gets
// RequestLimitExceeded backs off on its own, and they come back in waves
// that are throttled again. The algorithm is the AWS SDKs' "adaptive"
// retry mode (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html):
// a token bucket whose fill rate follows CUBIC congestion control, cut to
// 70 % of the measured sending rate on a throttle (once per half second:
// the throttles of attempts already in flight are one event) and grown
// back along a cubic curve while calls succeed. It costs nothing until the first
// throttle: the bucket is only consulted from then on.
//
// Tencent Cloud limits the request rate per API action: each action's page
// states its own limit (for example 100 requests per second on
// https://cloud.tencent.com/document/api/1007/31818, LivenessRecognition),
// so a Client keeps one limiter per action: a throttled GetDetectInfo does
// not slow DetectAuth down.
//
// It is on by default (Config.DisableAdaptiveRateLimit turns it off):
// it changes nothing for a client that is never throttled, and for one
// that is, it turns waves of refused attempts into a steady rate near the
// limit, so fewer calls run out of attempts.

// CUBIC constants of the AWS SDKs' client rate limiter.
const (
	cubicBeta     = 0.7 // rate kept on a throttle
	cubicScale    = 0.4 // growth of the cubic curve
	minFillRate   = 0.5 // tokens per second
	minCapacity   = 1.0
	rateSmoothing = 0.8 // weight of the newest measurement
	rateBucket    = 0.5 // seconds per sending-rate measurement
)

// limiters holds one adaptive limiter per action.
type limiters struct {
	mu sync.Mutex
	m  map[string]*limiter
}

func (ls *limiters) get(action string) *limiter {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.m == nil {
		ls.m = map[string]*limiter{}
	}
	l := ls.m[action]
	if l == nil {
		l = &limiter{now: time.Now, start: time.Now()}
		ls.m[action] = l
	}
	return l
}

// limiter is the AWS SDKs' ClientRateLimiter. Times are seconds since
// start, from a monotonic clock.
type limiter struct {
	now   func() time.Time
	mu    sync.Mutex
	start time.Time

	enabled  bool // a throttle has been seen
	fillRate float64
	capacity float64
	tokens   float64
	lastFill float64

	measuredRate float64 // smoothed sending rate, attempts per second
	lastBucket   float64
	count        float64 // attempts in the current bucket

	lastMaxRate  float64 // rate at the last throttle
	lastThrottle float64
	window       float64 // time for the cubic curve to regain lastMaxRate
}

// clock returns seconds since the limiter's creation (or first use).
func (l *limiter) clock() float64 {
	t := l.now()
	if l.start.IsZero() {
		l.start = t
	}
	return t.Sub(l.start).Seconds()
}

// acquire takes a token, waiting for one while ctx allows. Before the first
// throttle it returns at once. A waiter looks again at least every
// acquirePoll, so a fill rate that grew meanwhile shortens its wait.
func (l *limiter) acquire(ctx context.Context) error {
	var t *time.Timer
	defer func() {
		if t != nil {
			t.Stop()
		}
	}()
	for {
		l.mu.Lock()
		if !l.enabled {
			l.mu.Unlock()
			return nil
		}
		l.refill(l.clock())
		if l.tokens >= 1 {
			l.tokens--
			l.mu.Unlock()
			return nil
		}
		wait := time.Duration((1 - l.tokens) / l.fillRate * float64(time.Second))
		l.mu.Unlock()
		wait = min(max(wait, time.Millisecond), acquirePoll)
		if t == nil {
			t = time.NewTimer(wait)
		} else {
			t.Reset(wait)
		}
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// acquirePoll bounds one wait of acquire.
const acquirePoll = 50 * time.Millisecond

func (l *limiter) refill(now float64) {
	if l.lastFill == 0 && l.tokens == 0 && l.capacity == 0 {
		l.lastFill = now
		return
	}
	l.tokens = math.Min(l.capacity, l.tokens+(now-l.lastFill)*l.fillRate)
	l.lastFill = now
}

// update records the outcome of an attempt the gateway answered:
// throttled or not.
func (l *limiter) update(throttled bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	l.measure(now)
	if throttled && l.measuredRate == 0 {
		// No sending rate measured yet (the first half second): the
		// backoff alone handles a throttle this early.
		return
	}
	if throttled && l.enabled && now-l.lastThrottle < rateBucket {
		// Throttles of attempts that were in flight at the last cut are
		// one congestion event, as a loss within one window is for TCP:
		// cutting again for each would compound to the minimum rate.
		return
	}
	var rate float64
	if throttled {
		use := l.measuredRate
		if l.enabled {
			use = math.Min(use, l.fillRate)
		}
		l.lastMaxRate = use
		l.window = math.Cbrt(l.lastMaxRate * (1 - cubicBeta) / cubicScale)
		l.lastThrottle = now
		rate = use * cubicBeta
		l.enabled = true
	} else {
		if !l.enabled {
			return
		}
		l.window = math.Cbrt(l.lastMaxRate * (1 - cubicBeta) / cubicScale)
		d := now - l.lastThrottle - l.window
		rate = cubicScale*d*d*d + l.lastMaxRate
	}
	rate = math.Min(rate, 2*l.measuredRate)
	l.refill(now)
	l.fillRate = math.Max(rate, minFillRate)
	l.capacity = math.Max(rate, minCapacity)
	l.tokens = math.Min(l.tokens, l.capacity)
}

// measure updates the smoothed sending rate, counted in half-second buckets.
func (l *limiter) measure(now float64) {
	bucket := math.Floor(now/rateBucket) * rateBucket
	l.count++
	if bucket > l.lastBucket {
		current := l.count / (bucket - l.lastBucket)
		l.measuredRate = current*rateSmoothing + l.measuredRate*(1-rateSmoothing)
		l.count = 0
		l.lastBucket = bucket
	}
}
