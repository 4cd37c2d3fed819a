package transport

import (
	"context"
	"errors"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// standInClient returns a client for a faceidtest.FaultServer, signing
// with the stand-in's default credentials.
func standInClient(t testing.TB, s *faceidtest.FaultServer, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Credentials:    credentials.Static(faceidtest.DefaultCredentials),
		Service:        "faceid",
		Host:           s.Host,
		Region:         "ap-guangzhou",
		HTTPClient:     s.Client(),
		MaxAttempts:    4,
		BaseWait:       time.Millisecond,
		MaxWait:        5 * time.Millisecond,
		MaxTotalWait:   time.Second,
		AttemptTimeout: 2 * time.Second,
		Rand:           rand.NewPCG(1, 2),
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func newFaultStandIn(t testing.TB, opts faceidtest.Options, h2 bool) *faceidtest.FaultServer {
	s := faceidtest.NewFaultServer(opts, h2)
	t.Cleanup(s.Close)
	return s
}

// detectAuthStandIn is a call the stand-in accepts.
var detectAuthStandIn = Call{Action: "DetectAuth", Version: "2018-03-01", Body: []byte(`{"RuleId":"1"}`)}

// TestH2ResetNotReplayed: an HTTP/2 proxy that lets the backend process a
// billable call and then resets the stream must not make net/http send it
// again, even with MaxAttempts 1: net/http's HTTP/2 transport replays a
// request after REFUSED_STREAM whenever Request.GetBody is set.
func TestH2ResetNotReplayed(t *testing.T) {
	s := newFaultStandIn(t, faceidtest.Options{}, true)
	s.Inject(faceidtest.Fault{Kind: faceidtest.FaultH2Reset})
	c := standInClient(t, s, func(c *Config) { c.MaxAttempts = 1 })
	_, err := c.Call(context.Background(), detectAuthStandIn)
	if got := s.Processed(""); got != 1 {
		t.Errorf("the stand-in processed the billable call %d times, want 1 (err %v)", got, err)
	}
	var ne *NetworkError
	if !errors.As(err, &ne) || !ne.Sent || !MaybeProcessed(err) || IsRetryable(err) {
		t.Errorf("err = %v, want a sent NetworkError inside a MaybeProcessedError", err)
	}
	if len(s.Requests()) != 1 {
		t.Errorf("%d requests reached the stand-in, want 1", len(s.Requests()))
	}

	// An idempotent call may be repeated, by net/http or by the client.
	s = newFaultStandIn(t, faceidtest.Options{}, true)
	s.Inject(faceidtest.Fault{Kind: faceidtest.FaultH2Reset})
	c = standInClient(t, s, nil)
	call := detectAuthStandIn
	call.Idempotent = true
	if _, err := c.Call(context.Background(), call); err != nil || s.Processed("") != 2 {
		t.Errorf("idempotent: err %v, processed %d, want success after 2", err, s.Processed(""))
	}
}

// TestIdleTimeoutUnderServers: Tencent's servers close a connection idle
// for 60 s; the default pool must drop it first.
func TestIdleTimeoutUnderServers(t *testing.T) {
	c, err := New(Config{Credentials: credentials.Static(testCreds), Service: "faceid"})
	if err != nil {
		t.Fatal(err)
	}
	tr := c.base.(*http.Transport)
	if tr.IdleConnTimeout <= 0 || tr.IdleConnTimeout > 50*time.Second {
		t.Errorf("IdleConnTimeout = %v, want (0, 50s]", tr.IdleConnTimeout)
	}
	if c.freshAfter >= tr.IdleConnTimeout {
		t.Errorf("freshAfter %v is not under the idle timeout %v", c.freshAfter, tr.IdleConnTimeout)
	}
}

// TestBillableFreshConnection: after the pool has been idle for longer
// than freshAfter, a billable call dials a new connection; an idempotent
// one reuses the pooled connection.
func TestBillableFreshConnection(t *testing.T) {
	s := newFaultServer(t, newFakeClock())
	c := newTestClient(t, s, nil)
	c.freshAfter = 50 * time.Millisecond
	conns := func() int { s.mu.Lock(); defer s.mu.Unlock(); return s.newConns }
	idem := detectAuth
	idem.Idempotent = true
	steps := []struct {
		call  Call
		sleep time.Duration
		want  int // connections after the call
	}{
		{detectAuth, 0, 1},
		{detectAuth, 0, 1},                      // pooled, recently used
		{idem, 100 * time.Millisecond, 1},       // idempotent: reuse even when idle long
		{detectAuth, 0, 1},                      // just used
		{detectAuth, 100 * time.Millisecond, 2}, // billable after a long idle: fresh
	}
	for i, st := range steps {
		time.Sleep(st.sleep)
		if _, err := c.Call(context.Background(), st.call); err != nil {
			t.Fatal(err)
		}
		if got := conns(); got != st.want {
			t.Errorf("step %d: %d connections, want %d", i, got, st.want)
		}
	}
}
