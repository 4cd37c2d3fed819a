package credentials_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
)

var t0 = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func pinned() time.Time { return t0 }

func newCVM(t *testing.T, endpoint string, mod func(*credentials.CVMRoleOptions)) *credentials.CVMRole {
	t.Helper()
	opts := credentials.CVMRoleOptions{Endpoint: endpoint, Timeout: 300 * time.Millisecond, ConnectTimeout: 200 * time.Millisecond}
	if mod != nil {
		mod(&opts)
	}
	p, err := credentials.NewCVMRole(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCVMRole(t *testing.T) {
	md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "faceid-role", Lifetime: 6 * time.Hour, Now: pinned})
	defer md.Close()
	p := newCVM(t, md.Endpoint(), nil)
	got, err := p.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want, exp, ok := md.Issuer().Lookup(got.SecretID)
	if !ok || got.TC3() != want || !got.Expires.Equal(exp) || !got.Expires.Equal(t0.Add(6*time.Hour)) || got.Source != "CVMRole" {
		t.Errorf("got %v (expires %s), want %v expiring %s", got, got.Expires, want, exp)
	}
	// The role name is discovered once.
	if _, err := p.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if md.RoleRequests() != 1 || md.CredentialRequests() != 2 {
		t.Errorf("requests: %d role, %d credentials; want 1 and 2", md.RoleRequests(), md.CredentialRequests())
	}
}

func TestCVMRoleFailures(t *testing.T) {
	ctx := context.Background()
	t.Run("no role bound", func(t *testing.T) {
		md := credentialstest.NewMetadata(credentialstest.MetadataOptions{})
		defer md.Close()
		_, err := newCVM(t, md.Endpoint(), nil).Retrieve(ctx)
		if !errors.Is(err, credentials.ErrNotFound) || !strings.Contains(err.Error(), "no CAM role is bound") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("metadata service down", func(t *testing.T) {
		md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
		ep := md.Endpoint()
		md.Close()
		_, err := newCVM(t, ep, nil).Retrieve(ctx)
		if !errors.Is(err, credentials.ErrNotFound) || !strings.Contains(err.Error(), "not a CVM instance") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("slow past the timeout", func(t *testing.T) {
		md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
		defer md.Close()
		md.SetDelay(20 * time.Second)
		start := time.Now()
		_, err := newCVM(t, md.Endpoint(), func(o *credentials.CVMRoleOptions) { o.Attempts = 2 }).Retrieve(ctx)
		if err == nil || !strings.Contains(err.Error(), "no answer within 300ms") {
			t.Errorf("err = %v", err)
		}
		if md.RoleRequests() != 2 {
			t.Errorf("attempts = %d, want 2 (bounded retry)", md.RoleRequests())
		}
		if d := time.Since(start); d > 10*time.Second { // 0.7 s of timeouts and wait; the service would take 40 s
			t.Errorf("took %s with a 300ms timeout and 2 attempts", d)
		}
	})
	t.Run("garbage", func(t *testing.T) {
		md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
		defer md.Close()
		p := newCVM(t, md.Endpoint(), func(o *credentials.CVMRoleOptions) { o.RoleName = "r" })
		md.GarbageNext(1)
		_, err := p.Retrieve(ctx)
		if err == nil || errors.Is(err, credentials.ErrNotFound) || !strings.Contains(err.Error(), "not its credentials JSON: syntax error at byte 1") {
			t.Errorf("err = %v", err)
		}
		if md.CredentialRequests() != 1 {
			t.Errorf("garbage was retried: %d requests", md.CredentialRequests())
		}
		if _, err := p.Retrieve(ctx); err != nil {
			t.Errorf("after the garbage: %v", err)
		}
	})
	t.Run("garbage role name", func(t *testing.T) {
		md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
		defer md.Close()
		md.GarbageNext(1)
		_, err := newCVM(t, md.Endpoint(), nil).Retrieve(ctx)
		if err == nil || !strings.Contains(err.Error(), "not a role name") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("5xx retried", func(t *testing.T) {
		md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
		defer md.Close()
		md.FailNext(2, http.StatusServiceUnavailable)
		if _, err := newCVM(t, md.Endpoint(), nil).Retrieve(ctx); err != nil {
			t.Errorf("err = %v", err)
		}
		if md.RoleRequests() != 3 {
			t.Errorf("role requests = %d, want 3", md.RoleRequests())
		}
	})
	t.Run("answer not Success", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"Code":"Failed","TmpSecretId":"AKID","TmpSecretKey":"SECRETKEYEXAMPLE","Token":"TOKENEXAMPLE","ExpiredTime":1}`))
		}))
		defer srv.Close()
		_, err := newCVM(t, srv.URL+"/", func(o *credentials.CVMRoleOptions) { o.RoleName = "r" }).Retrieve(ctx)
		if err == nil || !strings.Contains(err.Error(), `Code "Failed"`) || strings.Contains(err.Error(), "SECRETKEYEXAMPLE") || strings.Contains(err.Error(), "TOKENEXAMPLE") {
			t.Errorf("err = %v", err)
		}
	})
}

// TestCVMRoleClosesBodies: every answer's connection goes back to the pool
// (the body was read and closed), so repeated fetches reuse one connection.
func TestCVMRoleClosesBodies(t *testing.T) {
	md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r"})
	defer md.Close()
	var conns atomic.Int64
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conns.Add(1)
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}}
	p := newCVM(t, md.Endpoint(), func(o *credentials.CVMRoleOptions) { o.HTTPClient = hc })
	for i := 0; i < 10; i++ {
		if _, err := p.Retrieve(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if conns.Load() != 1 {
		t.Errorf("%d connections for 11 sequential requests, want 1: bodies not closed", conns.Load())
	}
}

// TestCVMRoleCached: behind a Cache the metadata service is asked once per
// expiry, 300 s (the SDK's margin) before ExpiredTime at the latest.
func TestCVMRoleCached(t *testing.T) {
	var now atomic.Int64
	now.Store(t0.Unix())
	clk := func() time.Time { return time.Unix(now.Load(), 0) }
	md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "r", Lifetime: 6 * time.Hour, Now: clk})
	defer md.Close()
	c := credentials.NewCache(newCVM(t, md.Endpoint(), nil), credentials.CacheOptions{Now: clk})
	first, err := c.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	now.Add(int64((6*time.Hour - 5*time.Minute - time.Second) / time.Second))
	if got, _ := c.Retrieve(context.Background()); got.SecretID != first.SecretID || md.CredentialRequests() != 1 {
		t.Fatalf("before the window: %s, %d requests", got.SecretID, md.CredentialRequests())
	}
	now.Add(1)
	c.Retrieve(context.Background())
	deadline := time.Now().Add(2 * time.Second)
	for md.CredentialRequests() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if md.CredentialRequests() != 2 {
		t.Errorf("credential requests = %d, want 2 (refreshed 300 s ahead)", md.CredentialRequests())
	}
}
