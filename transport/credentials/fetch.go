package credentials

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"
)

// maxAnswer bounds what the metadata service and STS may send back.
const maxAnswer = 64 << 10

// fetcher makes the small HTTP exchanges of the CVM and OIDC providers:
// a bounded number of attempts, each with its own timeout, the body always
// read to a limit and closed.
type fetcher struct {
	client   *http.Client
	timeout  time.Duration // per attempt
	attempts int
	wait     time.Duration // before the second attempt, doubling
}

// transientError marks a failure worth another attempt: no answer, or a 5xx.
type transientError struct{ err error }

func (e *transientError) Error() string { return e.err.Error() }
func (e *transientError) Unwrap() error { return e.err }

// do sends the request newReq builds, retrying transient failures, and
// returns the status and body of the last answer.
func (f *fetcher) do(ctx context.Context, newReq func(ctx context.Context) (*http.Request, error)) (int, []byte, error) {
	var lastErr error
	wait := f.wait
	for attempt := 1; attempt <= f.attempts; attempt++ {
		if attempt > 1 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return 0, nil, fmt.Errorf("%w (after %d attempts: %v)", ctx.Err(), attempt-1, lastErr)
			case <-t.C:
			}
			wait *= 2
		}
		status, body, err := f.once(ctx, newReq)
		if err == nil {
			return status, body, nil
		}
		lastErr = err
		var te *transientError
		var dns *net.DNSError
		if !errors.As(err, &te) || ctx.Err() != nil || errors.As(err, &dns) && !dns.IsTemporary {
			return 0, nil, err // a name that does not resolve will not resolve in 100 ms either
		}
	}
	return 0, nil, lastErr
}

func (f *fetcher) once(parent context.Context, newReq func(ctx context.Context) (*http.Request, error)) (int, []byte, error) {
	ctx, cancel := context.WithTimeout(parent, f.timeout)
	defer cancel()
	req, err := newReq(ctx)
	if err != nil {
		return 0, nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() != nil && parent.Err() == nil {
			err = fmt.Errorf("no answer within %s", f.timeout)
		} else {
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err // drop the wrapping, which repeats the URL
			}
		}
		return 0, nil, &transientError{err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		if ctx.Err() != nil && parent.Err() == nil {
			err = fmt.Errorf("the answer did not complete within %s", f.timeout)
		}
		return 0, nil, &transientError{err}
	}
	if len(body) > maxAnswer {
		return 0, nil, fmt.Errorf("the answer is over %d bytes", maxAnswer)
	}
	if resp.StatusCode >= 500 {
		return 0, nil, &transientError{fmt.Errorf("HTTP %s", resp.Status)}
	}
	return resp.StatusCode, body, nil
}

// isUnreachable reports a failure to connect at all: nothing listens, or the
// name does not resolve. A chain reads that as "not on a CVM".
func isUnreachable(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// newHTTPClient is a client with a short connect timeout, no proxy (the
// metadata service is link-local and must never be reached through one)
// and no redirects.
func newHTTPClient(connect time.Duration, proxy bool) *http.Client {
	t := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: connect}).DialContext,
		TLSHandshakeTimeout:   connect * 5,
		ResponseHeaderTimeout: connect * 5,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	if proxy {
		t.Proxy = http.ProxyFromEnvironment
	}
	return &http.Client{
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
