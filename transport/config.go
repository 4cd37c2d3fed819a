package transport

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Defaults for the zero values of Config. The waits stay far inside the
// five minutes a signature is valid for (https://cloud.tencent.com/document/api/1007/31324), and every
// attempt is signed afresh anyway.
const (
	DefaultMaxAttempts      = 4
	DefaultBaseWait         = 500 * time.Millisecond
	DefaultMaxWait          = 5 * time.Second
	DefaultMaxTotalWait     = 20 * time.Second
	DefaultAttemptTimeout   = 60 * time.Second // the official SDK's ReqTimeout
	DefaultMaxResponseBytes = 8 << 20
	DefaultMaxIdlePerHost   = 32
	// DefaultIdleConnTimeout is how long the default transport keeps an
	// idle connection. Tencent Cloud's API servers close a connection idle
	// for 60 s; a request written on a connection the server is closing
	// fails after it may have been read, which a billable call must not
	// retry. 45 s stays well clear of that race (Go's own default is 90 s).
	DefaultIdleConnTimeout = 45 * time.Second
	// freshAfter: a call not marked Idempotent does not reuse a pooled
	// connection idle for longer than this; it closes the idle pool and
	// dials. Half the server's 60 s, so that NAT and load balancer idle
	// timers shorter than the server's do not hit a billable call either.
	freshAfter = 30 * time.Second
)

// Config configures a Client. Only Credentials and Service are required.
type Config struct {
	// Credentials is asked for credentials once per attempt.
	Credentials CredentialsProvider
	// Service is the product name, the first label of its host: "faceid".
	Service string
	// Host is the API host, sent and signed as the Host header
	// (https://www.tencentcloud.com/document/product/1061/36933). Default
	// Service + ".tencentcloudapi.com".
	Host string
	// Scheme is "https" (default) or "http". Plain http is refused except
	// for loopback hosts, which is what test servers use.
	Scheme string
	// Method is "POST" (default, recommended by Tencent) or "GET".
	Method string
	// SignatureMethod is tc3.Algorithm (default), tc3.HmacSHA256 or
	// tc3.HmacSHA1. The last two are the legacy v1 methods, limited to
	// 1 MiB bodies (https://cloud.tencent.com/document/product/1278/46710, https://cloud.tencent.com/document/api/1007/31325).
	SignatureMethod string
	// Region is the default region (X-TC-Region, or the v1 Region
	// parameter); Call.Region overrides it. Empty means not sent.
	Region string
	// Language is "zh-CN" or "en-US" for error messages; empty means not sent.
	Language string

	// HTTPClient's Transport carries the requests, so proxies, custom TLS
	// and instrumentation keep working; its Timeout, when set, is the
	// per-attempt timeout if AttemptTimeout is zero. Redirects are never
	// followed and cookies are not used. Default: a pooled transport with
	// MaxIdleConnsPerHost raised to 32 (Go's default of 2 churns connections
	// under concurrency) and IdleConnTimeout DefaultIdleConnTimeout. A
	// transport of your own should keep its IdleConnTimeout under 60 s too.
	HTTPClient *http.Client
	// Logger receives one line per attempt; nil (the default) is silent.
	Logger *slog.Logger

	// MaxAttempts bounds the attempts per call; 1 disables retries.
	MaxAttempts int
	// BaseWait is the upper bound of the first backoff; each retry doubles it.
	BaseWait time.Duration
	// MaxWait caps one backoff wait, Retry-After included.
	MaxWait time.Duration
	// MaxTotalWait caps the sum of the backoff waits of one call.
	MaxTotalWait time.Duration
	// AttemptTimeout bounds one attempt, from sending to the last byte of
	// the response. The caller's context bounds the whole call.
	AttemptTimeout time.Duration
	// MaxResponseBytes caps the (decompressed) response body.
	MaxResponseBytes int64

	// Now is the clock for X-TC-Timestamp and the v1 Timestamp; default
	// time.Now. Tests pin it.
	Now func() time.Time
	// Rand is the source for backoff jitter and v1 nonces; default a
	// goroutine-safe random source. Tests fix the seed.
	Rand rand.Source

	// DisableAdaptiveRateLimit turns off the client-side rate limiter that
	// paces the attempts of an action once the gateway has throttled it
	// (RequestLimitExceeded, HTTP 429) and speeds up again as calls
	// succeed; see the limiter's description in the package documentation.
	DisableAdaptiveRateLimit bool

	// RetryableCode reports a product's own error codes that are worth
	// retrying with backoff, beyond the common ones built in
	// (RequestLimitExceeded*, InternalError*, ServiceUnavailable,
	// ResourceUnavailable). nil adds none; package
	// faceid sets FaceID's.
	RetryableCode func(code string) bool
}

func (c *Config) validate() error {
	if c.Credentials == nil {
		return fmt.Errorf("transport: Config.Credentials is nil: use credentials.Static(tc3.Credentials{...}) or another provider of package credentials")
	}
	if c.Service == "" {
		return fmt.Errorf("transport: Config.Service is empty: set it to the product name, e.g. \"faceid\"")
	}
	for i := 0; i < len(c.Service); i++ {
		if ch := c.Service[i]; !('a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || ch == '-') {
			return fmt.Errorf("transport: Config.Service %q must be the lower-case product name, e.g. \"faceid\"", c.Service)
		}
	}
	if strings.Contains(c.Host, "://") {
		return fmt.Errorf("transport: Config.Host %q must be a bare host name: put the scheme in Config.Scheme", c.Host)
	}
	if strings.ContainsAny(c.Host, "/?# \t\r\n@") {
		return fmt.Errorf("transport: Config.Host %q must be a bare host name (API 3.0 always uses path /), e.g. faceid.tencentcloudapi.com", c.Host)
	}
	switch c.Scheme {
	case "", "https":
	case "http":
		if c.Host != "" && !isLoopback(c.Host) {
			return fmt.Errorf("transport: Config.Scheme \"http\" is only allowed for loopback test servers, not %s: use https (API 3.0 is HTTPS only)", c.Host)
		}
	default:
		return fmt.Errorf("transport: Config.Scheme %q must be \"https\" (or \"http\" for a loopback test server)", c.Scheme)
	}
	switch c.Method {
	case "", http.MethodPost, http.MethodGet:
	default:
		return fmt.Errorf("transport: Config.Method %q must be \"POST\" or \"GET\" (upper case; API 3.0 accepts nothing else)", c.Method)
	}
	switch c.SignatureMethod {
	case "", tc3.Algorithm, tc3.HmacSHA256, tc3.HmacSHA1:
	default:
		// The SDK silently falls back to TC3 for any unknown value
		// (https://github.com/TencentCloud/tencentcloud-sdk-go/blob/master/tencentcloud/common/sign.go); we refuse instead.
		return fmt.Errorf("transport: Config.SignatureMethod %q must be %q, %q or %q", c.SignatureMethod, tc3.Algorithm, tc3.HmacSHA256, tc3.HmacSHA1)
	}
	if err := checkParam("Config.Region", c.Region); err != nil {
		return err
	}
	if err := checkParam("Config.Language", c.Language); err != nil {
		return err
	}
	if c.MaxAttempts < 0 || c.BaseWait < 0 || c.MaxWait < 0 || c.MaxTotalWait < 0 || c.AttemptTimeout < 0 || c.MaxResponseBytes < 0 {
		return fmt.Errorf("transport: Config has a negative limit: MaxAttempts, waits, AttemptTimeout and MaxResponseBytes must be >= 0 (0 means the default)")
	}
	return nil
}

// checkParam refuses values that cannot travel in a header or a parameter
// unchanged: regions and languages are short ASCII tokens.
func checkParam(name, v string) error {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Errorf("transport: %s %q must contain only letters, digits, '-', '_' and '.', e.g. ap-guangzhou or zh-CN", name, v)
		}
	}
	return nil
}

// isLoopback reports whether host (with an optional port) names this machine.
func isLoopback(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// newDefaultTransport is Go's default transport with a larger idle pool
// per host, so concurrent calls reuse connections instead of redialling,
// and an idle timeout under the server's (DefaultIdleConnTimeout).
func newDefaultTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 100
	t.MaxIdleConnsPerHost = DefaultMaxIdlePerHost
	t.IdleConnTimeout = DefaultIdleConnTimeout
	return t
}
