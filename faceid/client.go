package faceid

import (
	"context"
	"crypto/rsa"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// API constants.
const (
	Service       = "faceid"
	Version       = "2018-03-01"
	DefaultRegion = "ap-guangzhou" // the integration guide's advice: host and Region both ap-guangzhou (https://cloud.tencent.com/document/product/1007/33464)
)

// DefaultMaxResponseBytes (20 MiB) is the default Config.MaxResponseBytes.
// It fits the largest documented answer, GetDetectInfo with InfoType "0"
// (https://cloud.tencent.com/document/api/1007/31331): the video of up to
// 8 MiB of base64 that an upload may carry, plus the best frame and both ID
// card images of up to 3 MiB each, and the JSON around them. An answer with
// an 8 MB video is about 9.3 MB; the transport's generic 8 MiB cap would
// refuse it.
const DefaultMaxResponseBytes = 20 << 20

// Config configures a Client. The zero Config is usable: credentials from
// the environment or the credentials file, region ap-guangzhou, its regional
// host, TC3-HMAC-SHA256.
type Config struct {
	// Credentials supplies the key pair (and token) for each attempt. nil
	// means credentials.NewDefaultChain without the CVM role (so NewClient
	// never touches the network): TENCENTCLOUD_SECRET_ID,
	// TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SECURITY_TOKEN, else
	// ~/.tencentcloud/credentials, else the tccli profile, else TKE OIDC.
	// On a CVM pass credentials.NewDefaultChain's result; use
	// credentials.Static for a fixed pair.
	Credentials credentials.Provider
	// Region is sent as X-TC-Region; default ap-guangzhou.
	Region string
	// Endpoint is the host to call, optionally with a scheme
	// ("https://faceid.tencentcloudapi.com", "http://127.0.0.1:8080" for a
	// local stand-in). Default: faceid.<Region>.tencentcloudapi.com, so that
	// setting Region moves the host with it.
	Endpoint string
	// SignatureMethod is tc3.Algorithm (default), tc3.HmacSHA256 or
	// tc3.HmacSHA1; the last two limit bodies to 1 MiB.
	SignatureMethod string
	// Method is "POST" (default, recommended by Tencent) or "GET" (parameters in the
	// query, at most 32 KiB of URL: no media).
	Method string
	// Language is "zh-CN" or "en-US" for error messages; empty sends none.
	Language string
	// HTTPClient carries the requests (proxies, TLS settings); default a
	// pooled client.
	HTTPClient *http.Client
	// Logger gets one line per attempt and configuration warnings; nil is silent.
	Logger *slog.Logger
	// Retry settings; zero values take the transport's defaults.
	MaxAttempts    int
	MaxWait        time.Duration
	MaxTotalWait   time.Duration
	AttemptTimeout time.Duration
	// MaxResponseBytes caps the size of an answer (decompressed); default
	// DefaultMaxResponseBytes. An answer over it fails with a
	// *transport.HTTPError and is not retried.
	MaxResponseBytes int64
	// Now is the signing clock; default time.Now.
	Now func() time.Time
	// EncryptionPublicKey wraps the per-request keys of EncryptFields and EncryptResponse;
	// nil means TencentEncryptionPublicKey, the key Tencent publishes
	// (https://cloud.tencent.com/document/product/1007/47180).
	EncryptionPublicKey *rsa.PublicKey
}

// Client calls the FaceID actions. It is safe for concurrent use; make one
// and share it.
type Client struct {
	tr        *transport.Client
	region    string
	host      string
	sigMethod string // as configured, default tc3.Algorithm
	method    string // as configured, default POST
	encKey    *rsa.PublicKey
}

// NewClient returns a Client for cfg.
func NewClient(cfg Config) (*Client, error) {
	creds := cfg.Credentials
	if creds == nil {
		var err error
		if creds, err = credentials.NewDefaultChain(context.Background(), credentials.ChainOptions{SkipCVM: true}); err != nil {
			return nil, fmt.Errorf("faceid: %w", err)
		}
	}
	region := cfg.Region
	if region == "" {
		region = DefaultRegion
	}
	if err := checkRegion(region); err != nil {
		return nil, err
	}
	maxResponse := cfg.MaxResponseBytes
	if maxResponse == 0 {
		maxResponse = DefaultMaxResponseBytes
	}
	scheme, host, err := parseEndpoint(cfg.Endpoint, region)
	if err != nil {
		return nil, err
	}
	if hostRegion := regionOfHost(host); hostRegion != "" && hostRegion != region && cfg.Logger != nil {
		// Allowed, but each call crosses regions (FaceID guide 1007/33464,
		// "域名地域和公共参数 Region 可以不一致,但可能会增加耗时").
		cfg.Logger.Warn("faceid: endpoint region differs from Region; calls work but add latency",
			"endpoint_region", hostRegion, "region", region)
	}
	tr, err := transport.New(transport.Config{
		Credentials:      creds,
		Service:          Service,
		Host:             host,
		Scheme:           scheme,
		SignatureMethod:  cfg.SignatureMethod,
		Method:           cfg.Method,
		Region:           region,
		Language:         cfg.Language,
		HTTPClient:       cfg.HTTPClient,
		Logger:           cfg.Logger,
		MaxAttempts:      cfg.MaxAttempts,
		MaxWait:          cfg.MaxWait,
		MaxTotalWait:     cfg.MaxTotalWait,
		AttemptTimeout:   cfg.AttemptTimeout,
		MaxResponseBytes: maxResponse,
		Now:              cfg.Now,
		// FaceID's own transient codes (from the code descriptions of tencentcloud-sdk-go faceid/v20180301/errors.go), on top of the
		// common ones the transport knows.
		RetryableCode: func(code string) bool { return CodeRetryClass(code) == RetryBackoff },
	})
	if err != nil {
		return nil, fmt.Errorf("faceid: %w", err)
	}
	encKey := cfg.EncryptionPublicKey
	if encKey == nil {
		encKey = TencentEncryptionPublicKey()
	}
	c := &Client{tr: tr, region: region, host: host, sigMethod: cfg.SignatureMethod, method: cfg.Method, encKey: encKey}
	if c.sigMethod == "" {
		c.sigMethod = tc3.Algorithm
	}
	if c.method == "" {
		c.method = http.MethodPost
	}
	return c, nil
}

// checkRegion refuses a Region that cannot be a region name, before it is
// built into the default host: a region is lower-case letters, digits and
// '-' (ap-guangzhou, ap-shanghai-fsi).
func checkRegion(region string) error {
	for i := 0; i < len(region); i++ {
		if c := region[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return fmt.Errorf("faceid: Config.Region %q is not a region name: use lower-case letters, digits and '-', e.g. ap-guangzhou", region)
		}
	}
	return nil
}

// CloseIdleConnections closes the idle connections of the client's
// transport. Call it when you are done with a Client you made for a short
// while; otherwise its pooled connections and their goroutines stay until
// their idle timeout.
func (c *Client) CloseIdleConnections() { c.tr.CloseIdleConnections() }

// parseEndpoint splits an endpoint into scheme and host, defaulting to the
// regional host of region.
func parseEndpoint(endpoint, region string) (scheme, host string, err error) {
	if endpoint == "" {
		return "https", Service + "." + region + ".tencentcloudapi.com", nil
	}
	if !strings.Contains(endpoint, "://") {
		endpoint = "https://" + endpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return "", "", fmt.Errorf("faceid: Endpoint %q must be a host, optionally with a scheme, e.g. faceid.ap-guangzhou.tencentcloudapi.com (API 3.0 always calls path /)", endpoint)
	}
	return u.Scheme, u.Host, nil
}

// regionOfHost returns the region label of faceid.<region>.tencentcloudapi.com, or "".
func regionOfHost(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h // faceid.ap-beijing.tencentcloudapi.com:443
	}
	rest, ok := strings.CutPrefix(host, Service+".")
	if !ok {
		return ""
	}
	region, ok := strings.CutSuffix(rest, ".tencentcloudapi.com")
	if !ok || strings.Contains(region, ".") || region == "intl" {
		return ""
	}
	return region
}

// Host is the host the client calls and signs.
func (c *Client) Host() string { return c.host }

// Region is the region the client sends.
func (c *Client) Region() string { return c.region }

// String describes the client without credentials.
func (c *Client) String() string { return "faceid.Client{" + c.tr.String() + "}" }
