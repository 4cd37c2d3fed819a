package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// TestSoakStandIn sends calls, 8 at a time, through the faceidtest stand-in
// over HTTP/1.1 and HTTP/2 while it injects faults at random (fixed seed):
// connection resets before and after the request, proxy 5xx after the
// backend processed the call, 500 InternalError envelopes, HTTP/2 stream
// resets, stalls, oversize answers and rate limits. Half the calls are
// billable (ImageRecognition), half idempotent (DetectAuth). No billable
// call may be processed twice, every call must end in success or a typed
// error, every billable failure after processing must say it may have been
// processed, and no goroutine may leak.
func TestSoakStandIn(t *testing.T) {
	if testing.Short() {
		t.Skip("soak")
	}
	for _, h2 := range []bool{false, true} {
		t.Run(map[bool]string{false: "HTTP/1.1", true: "HTTP/2"}[h2], func(t *testing.T) { soakStandIn(t, h2) })
	}
}

func soakStandIn(t *testing.T, h2 bool) {
	const calls, workers = 600, 8
	before := settledGoroutines(-1)
	s := faceidtest.NewFaultServer(faceidtest.Options{}, h2)
	rnd := rand.New(rand.NewPCG(2026, 12))
	envelope500 := `{"Response":{"Error":{"Code":"InternalError","Message":"injected"},"RequestId":"soak-500"}}`
	limit := `{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"injected"},"RequestId":"soak-rl"}}`
	deck := []struct {
		f faceidtest.Fault
		n int
	}{
		{faceidtest.Fault{}, 60},
		{faceidtest.Fault{Kind: faceidtest.FaultDrop, Processed: true}, 4},
		{faceidtest.Fault{Kind: faceidtest.FaultDrop}, 2},
		{faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusBadGateway, Processed: true}, 4},
		{faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusGatewayTimeout, Processed: true}, 3},
		{faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusServiceUnavailable}, 2},
		{faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusInternalServerError, Body: envelope500, Processed: true}, 4},
		{faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusOK, Body: limit}, 4},
		{faceidtest.Fault{Kind: faceidtest.FaultStatus, Status: http.StatusTooManyRequests}, 2},
		{faceidtest.Fault{Kind: faceidtest.FaultStall, Processed: true}, 1},
		{faceidtest.Fault{Kind: faceidtest.FaultOversize, Size: 40 << 10}, 2},
	}
	if h2 {
		deck = append(deck, struct {
			f faceidtest.Fault
			n int
		}{faceidtest.Fault{Kind: faceidtest.FaultH2Reset}, 6})
	} else {
		deck = append(deck, struct {
			f faceidtest.Fault
			n int
		}{faceidtest.Fault{Kind: faceidtest.FaultRefuse}, 3})
	}
	var cards []faceidtest.Fault
	for _, d := range deck {
		for i := 0; i < d.n; i++ {
			cards = append(cards, d.f)
		}
	}
	faults := make([]faceidtest.Fault, 3*calls)
	for i := range faults {
		faults[i] = cards[rnd.IntN(len(cards))]
	}
	s.Inject(faults...)

	c := standInClient(t, s, func(c *Config) {
		c.AttemptTimeout = 300 * time.Millisecond
		c.MaxResponseBytes = 16 << 10
		c.BaseWait, c.MaxWait, c.MaxTotalWait = 100*time.Microsecond, time.Millisecond, 50*time.Millisecond
		c.DisableAdaptiveRateLimit = true // the throttles are random, not a rate
	})
	type result struct {
		billable bool
		err      error
	}
	results := make([]result, calls)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				id := "soak" + strconv.Itoa(i)
				call := Call{Action: "DetectAuth", Version: "2018-03-01", Idempotent: true,
					Body: []byte(`{"RuleId":"1","Extra":"` + id + `"}`)}
				if i%2 == 0 {
					call = Call{Action: "ImageRecognition", Version: "2018-03-01",
						Body: []byte(`{"IdCard":"11010119900101001X","Name":"` + id + `","ImageBase64":"/9j/4AAQSkZJRgABAQAAAQABAAD/2wBD"}`)}
				}
				_, err := c.Call(context.Background(), call)
				results[i] = result{billable: !call.Idempotent, err: err}
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

	// How often the stand-in processed each call.
	processed := map[string]int{}
	for _, r := range s.Requests() {
		if r.ErrorCode != "" || r.HTTPStatus != http.StatusOK {
			continue
		}
		var b struct{ Name, Extra string }
		json.Unmarshal(r.Body, &b)
		processed[b.Name+b.Extra]++
	}
	kinds := map[string]int{}
	twice, maybe := 0, 0
	for i, r := range results {
		id := "soak" + strconv.Itoa(i)
		if r.billable && processed[id] > 1 {
			twice++
			t.Errorf("%s: billable call processed %d times", id, processed[id])
		}
		var (
			ae *APIError
			he *HTTPError
			ne *NetworkError
		)
		kind := ""
		switch {
		case r.err == nil:
			kind = "success"
			if processed[id] == 0 {
				t.Errorf("%s: success the stand-in never processed", id)
			}
		case errors.As(r.err, &ae):
			kind = "api " + ae.Code
		case errors.As(r.err, &he):
			kind = "http " + strconv.Itoa(he.HTTPStatus)
		case errors.As(r.err, &ne):
			kind = fmt.Sprintf("network sent=%v", ne.Sent)
		default:
			t.Errorf("%s: untyped error %T: %v", id, r.err, r.err)
		}
		if r.err != nil && r.billable && processed[id] > 0 && !MaybeProcessed(r.err) {
			t.Errorf("%s: processed billable call failed without saying it may have been processed: %v", id, r.err)
		}
		if MaybeProcessed(r.err) {
			maybe++
			if IsRetryable(r.err) {
				t.Errorf("%s: MaybeProcessedError reported retryable", id)
			}
		}
		kinds[fmt.Sprintf("billable=%v %s", r.billable, kind)]++
	}
	t.Logf("%d calls, %d attempts in %v: billable calls processed twice: %d; may-have-been-processed errors: %d; outcomes %v",
		calls, s.Attempts(), elapsed, twice, maybe, kinds)

	c.CloseIdleConnections()
	s.Close()
	if after := settledGoroutines(before); after > before {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}
