package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestLogLines: one line per attempt with action, attempt, status, code,
// RequestId and duration, and nothing secret.
func TestLogLines(t *testing.T) {
	s := newFaultServer(t, newFakeClock(), fRateLimit, fOK)
	var buf syncBuffer
	c := newTestClient(t, s, func(c *Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	if _, err := c.Call(context.Background(), detectAuth); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines for 2 attempts:\n%s", len(lines), buf.String())
	}
	var first, second map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	for k, want := range map[string]any{"level": "WARN", "action": "DetectAuth", "attempt": 1.0, "status": 200.0,
		"code": "RequestLimitExceeded", "request_id": "req-1795750620", "retry": true} {
		if first[k] != want {
			t.Errorf("first line %s = %v, want %v\n%s", k, first[k], want, lines[0])
		}
	}
	for _, k := range []string{"duration", "wait", "error"} {
		if _, ok := first[k]; !ok {
			t.Errorf("first line lacks %s: %s", k, lines[0])
		}
	}
	for k, want := range map[string]any{"level": "DEBUG", "attempt": 2.0, "status": 200.0, "code": "", "request_id": "req-1795750621"} {
		if second[k] != want {
			t.Errorf("second line %s = %v, want %v\n%s", k, second[k], want, lines[1])
		}
	}
	assertNoSecrets(t, buf.String(), nil)
}

var hex64 = regexp.MustCompile(`[0-9a-f]{64}`)

// assertNoSecrets fails if text holds the secret key, the token, an
// Authorization value, or any signature the server received.
func assertNoSecrets(t *testing.T, text string, signatures map[string]bool) {
	t.Helper()
	for _, bad := range []string{testCreds.SecretKey, testCreds.Token, "TC3-HMAC-SHA256 Credential", "Signature=", "Authorization"} {
		if strings.Contains(text, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	for _, h := range hex64.FindAllString(text, -1) {
		if signatures[h] {
			t.Errorf("output contains the signature %s", h)
		}
	}
}

// TestSoak sends 2000 calls, 8 at a time, through a server injecting
// faults at random (fixed seed). Every call must end in success or a typed
// error, every attempt must carry a valid, fresh signature, no goroutine
// may leak, and no error or log line may reveal a secret.
func TestSoak(t *testing.T) {
	const calls, workers = 2000, 8
	before := settledGoroutines(-1)

	clock := newFakeClock()
	s := newFaultServer(t, clock)
	s.oversize = 20 << 10
	rnd := rand.New(rand.NewPCG(2026, 11))
	// Mostly successes; every fault appears.
	weights := map[fault]int{fOK: 60}
	for f := fDropBefore; f < numFaults; f++ {
		weights[f] = 2
	}
	weights[fStall], weights[fStallBody] = 1, 1
	var deck []fault
	for f := fault(0); f < numFaults; f++ {
		for i := 0; i < weights[f]; i++ {
			deck = append(deck, f)
		}
	}
	s.pick = func() fault { return deck[rnd.IntN(len(deck))] } // under s.mu

	var logs syncBuffer
	c := newTestClient(t, s, func(c *Config) {
		c.BaseWait, c.MaxWait, c.MaxTotalWait = 100*time.Microsecond, time.Millisecond, 50*time.Millisecond
		c.AttemptTimeout = 250 * time.Millisecond
		c.MaxResponseBytes = 16 << 10
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		// Throttles here are random, not a rate: pacing them would only
		// slow the soak down (TestAdaptiveLimiter covers the limiter).
		c.DisableAdaptiveRateLimit = true
	})
	actions := []string{"DetectAuth", "LivenessCompare", "GetDetectInfoEnhanced", "ImageRecognition"}

	type result struct {
		callID string
		resp   *Response
		err    error
	}
	results := make([]result, calls)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id := "soak-" + strconv.Itoa(i)
				call := Call{Action: actions[i%len(actions)], Version: "2018-03-01", Idempotent: i%3 == 0,
					Body: []byte(`{"CallId":"` + id + `","IdCard":"11010119900101001X","ImageBase64":"/9j/4AAQSkZJRg=="}`)}
				resp, err := c.Call(context.Background(), call)
				results[i] = result{id, resp, err}
			}
		}()
	}
	start := time.Now()
	for i := 0; i < calls; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)

	// Every call ends in success or a typed error.
	var text strings.Builder
	kinds := map[string]int{}
	for _, r := range results {
		var ae *APIError
		var he *HTTPError
		var ne *NetworkError
		attempts := 0
		switch {
		case r.err == nil:
			kinds["success"]++
			attempts = r.resp.Attempts
			if !strings.Contains(string(r.resp.Raw), `"CallId":"`+r.callID+`"`) {
				t.Errorf("%s: response of another call: %s", r.callID, r.resp.Raw)
			}
		case errors.As(r.err, &ae):
			kinds["api "+ae.Code]++
			attempts = ae.Attempts
		case errors.As(r.err, &he):
			kinds["http "+strconv.Itoa(he.HTTPStatus)]++
			attempts = he.Attempts
		case errors.As(r.err, &ne):
			kinds[fmt.Sprintf("network sent=%v timeout=%v", ne.Sent, ne.Timeout)]++
			attempts = ne.Attempts
		default:
			t.Errorf("%s: untyped error %T: %v", r.callID, r.err, r.err)
		}
		if attempts < 1 || attempts > 4 {
			t.Errorf("%s: %d attempts", r.callID, attempts)
		}
		if r.err != nil {
			if !strings.HasPrefix(r.err.Error(), "transport: ") {
				t.Errorf("%s: error without prefix: %v", r.callID, r.err)
			}
			fmt.Fprintf(&text, "%v\n%+v\n%#v\n%s\n", r.err, r.err, r.err, r.err)
		}
	}

	// Every attempt carried a valid signature, and the attempts of a call
	// have increasing timestamps.
	signatures := map[string]bool{}
	lastTS := map[string]int64{}
	seenAttempts := s.seen()
	for _, a := range seenAttempts {
		signatures[a.signature] = true
		if !a.verified && !(a.fault == fDropBefore && a.problem == "") {
			t.Errorf("attempt not verified (%v): %s", a.fault, a.problem)
		}
		if a.callID != "" {
			if a.ts <= lastTS[a.callID] {
				t.Errorf("%s: timestamp %d not after %d", a.callID, a.ts, lastTS[a.callID])
			}
			lastTS[a.callID] = a.ts
		}
	}
	if kinds["success"] < calls/2 {
		t.Errorf("only %d successes", kinds["success"])
	}
	t.Logf("%d calls, %d attempts in %v: %v", calls, len(seenAttempts), elapsed, kinds)

	// No secret, token, signature or body in any error or log line.
	logText := logs.String()
	if n := strings.Count(logText, "\n"); n < len(seenAttempts) {
		t.Errorf("%d log lines for %d attempts", n, len(seenAttempts))
	}
	assertNoSecrets(t, text.String()+logText, signatures)
	for _, body := range []string{"soak-", "11010119900101001X", "/9j/4AAQ"} {
		if strings.Contains(text.String()+logText, body) {
			t.Errorf("request body content %q in errors or logs", body)
		}
	}

	// No goroutine leak once the pool and the server are closed.
	c.CloseIdleConnections()
	s.srv.Close()
	if after := settledGoroutines(before); after > before {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

// settledGoroutines waits up to 3s for the goroutine count to reach
// target (or, with target < 0, to stop changing) and returns it.
func settledGoroutines(target int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 150; i++ {
		time.Sleep(20 * time.Millisecond)
		m := runtime.NumGoroutine()
		if target >= 0 && m <= target || target < 0 && m == n {
			return m
		}
		n = m
	}
	return n
}
