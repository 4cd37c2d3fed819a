package faceid

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport"
)

// TestRegionNamedAsRegion: a Region that cannot be a region name is
// reported as Config.Region, not as the host built from it.
func TestRegionNamedAsRegion(t *testing.T) {
	for _, region := range []string{"ap guangzhou", "ap-guangzhou\r\nX: y", "ap/guangzhou", "AP-GUANGZHOU"} {
		_, err := NewClient(Config{Credentials: transport.StaticCredentials(testCreds), Region: region})
		if err == nil || !strings.HasPrefix(err.Error(), "faceid: Config.Region ") || strings.Contains(err.Error(), "Host") {
			t.Errorf("Region %q: err = %v, want one naming Config.Region", region, err)
		}
	}
}

// TestCloseIdleConnections: 100 short-lived clients that close their idle
// connections leave no goroutines behind.
func TestCloseIdleConnections(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	call := func() {
		c := newClient(t, srv, nil)
		if _, err := c.GetActionSequence(context.Background(), &GetActionSequenceRequest{}); err != nil {
			t.Fatal(err)
		}
		c.CloseIdleConnections()
	}
	call() // the server's own goroutines
	before := settle(-1)
	for i := 0; i < 100; i++ {
		call()
	}
	if after := settle(before); after > before+5 {
		t.Errorf("%d goroutines before 100 clients, %d after", before, after)
	}
}

// settle waits up to 3 s for the goroutine count to reach target (or, with
// target < 0, to stop changing) and returns it.
func settle(target int) int {
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

// TestMaxResponseBytes: the default fits a 9.5 MB answer (GetDetectInfo
// with InfoType "0" and an 8 MB video is about 9.3 MB), and the knob
// lowers it.
func TestMaxResponseBytes(t *testing.T) {
	for _, tc := range []struct {
		max     int64
		refused bool
	}{{0, false}, {1 << 20, true}} {
		s := faceidtest.NewFaultServer(faceidtest.Options{}, false)
		t.Cleanup(s.Close)
		s.Inject(faceidtest.Fault{Kind: faceidtest.FaultOversize, Size: 9_500_000})
		c, err := NewClient(Config{Credentials: transport.StaticCredentials(testCreds), Endpoint: s.URL, HTTPClient: s.Client(), MaxResponseBytes: tc.max})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetActionSequence(context.Background(), &GetActionSequenceRequest{})
		if got := err != nil && strings.Contains(err.Error(), "MaxResponseBytes"); got != tc.refused {
			t.Errorf("MaxResponseBytes %d: err = %.200v, refused = %v, want %v", tc.max, err, got, tc.refused)
		}
		c.CloseIdleConnections()
	}
}
