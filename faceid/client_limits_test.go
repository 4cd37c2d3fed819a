package faceid

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// TestRegionNamedAsRegion: a Region that cannot be a region name is
// reported as Config.Region, not as the host built from it.
func TestRegionNamedAsRegion(t *testing.T) {
	for _, region := range []string{"ap guangzhou", "ap-guangzhou\r\nX: y", "ap/guangzhou", "AP-GUANGZHOU"} {
		_, err := NewClient(Config{Credentials: credentials.Static(testCreds), Region: region})
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
		c, err := NewClient(Config{Credentials: credentials.Static(testCreds), Endpoint: s.URL, HTTPClient: s.Client(), MaxResponseBytes: tc.max})
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

// TestMediaBinaryLimits: "8M" and "3M" are read as 8 MiB and 3 MiB, the
// larger reading, in the client and the stand-in alike: an 8,388,608-byte
// video base64 (what the official SDK sends) and a 3,145,728-byte photo
// base64 go out and are accepted; one byte-quad more is refused before
// sending, naming the field.
func TestMediaBinaryLimits(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	pad := func(sample []byte, n int) Media {
		b := make([]byte, n)
		copy(b, sample)
		return MediaBytes(b)
	}
	r := validLivenessRecognition()
	r.VideoBase64 = pad(faceidtest.SampleMP4(), 6_291_456)
	if n := r.VideoBase64.EncodedLen(); n != 8<<20 {
		t.Fatalf("video base64 is %d bytes", n)
	}
	if _, err := c.LivenessRecognition(ctx, r); err != nil {
		t.Errorf("8 MiB video base64: %v", err)
	}
	ir := validImageRecognition()
	ir.ImageBase64 = pad(faceidtest.SampleJPEG(), 2_359_296)
	if _, err := c.ImageRecognition(ctx, ir); err != nil {
		t.Errorf("3 MiB photo base64: %v", err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("the stand-in saw %d requests, want 2", n)
	}
	for _, rec := range srv.Requests() {
		if rec.ErrorCode != "" {
			t.Errorf("%s refused by the stand-in: %s", rec.Action, rec.ErrorCode)
		}
	}
	r.VideoBase64 = pad(faceidtest.SampleMP4(), 6_291_457)
	var fe *FieldError
	if _, err := c.LivenessRecognition(ctx, r); !errors.As(err, &fe) || fe.Field != "VideoBase64" {
		t.Errorf("video over 8 MiB: err = %v, want a FieldError naming VideoBase64", err)
	}
}
