package transport

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

func TestAttemptRefusesExpiredCredentials(t *testing.T) {
	clock := newFakeClock()
	s := newFaultServer(t, clock, fOK)
	expires := clock.Now().Add(-time.Second)
	c := newTestClient(t, s, func(c *Config) {
		c.Credentials = credentials.ProviderFunc(func(context.Context) (credentials.Credentials, error) {
			return credentials.Credentials{SecretID: testCreds.SecretID, SecretKey: testCreds.SecretKey, Token: "TOKENEXAMPLE", Expires: expires, Source: "test"}, nil
		})
	})
	_, err := c.Call(context.Background(), detectAuth)
	if err == nil || !strings.Contains(err.Error(), "expired at") {
		t.Fatalf("err = %v, want the expired credentials refused", err)
	}
	if strings.Contains(err.Error(), testCreds.SecretKey) || strings.Contains(err.Error(), "TOKENEXAMPLE") {
		t.Errorf("error reveals a secret: %v", err)
	}
	checkAttempts(t, s, 0)
}
