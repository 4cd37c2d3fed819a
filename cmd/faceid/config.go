package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// connFlags are the flags that configure the client, shared by every action.
type connFlags struct {
	endpoint, region, sigMethod, method, language string
	secretID, keyFile, tokenFile                  string
}

func (f *connFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.endpoint, "endpoint", "", "`HOST` or URL to call (default faceid.<region>.tencentcloudapi.com); a local stand-in needs http://, e.g. http://127.0.0.1:8080")
	fs.StringVar(&f.region, "region", faceid.DefaultRegion, "region sent as X-TC-Region")
	fs.StringVar(&f.sigMethod, "signature-method", "", "TC3-HMAC-SHA256 (default), HmacSHA256 or HmacSHA1 (the last two: bodies up to 1 MiB)")
	fs.StringVar(&f.method, "method", "POST", "POST or GET (GET sends the parameters in the URL, at most 32 KiB: no media)")
	fs.StringVar(&f.language, "language", "", "zh-CN or en-US for error messages")
	fs.StringVar(&f.secretID, "secret-id", "", "SecretId (default $"+credentials.EnvSecretID+")")
	fs.StringVar(&f.keyFile, "secret-key-file", "", "`FILE` holding the SecretKey; one trailing newline is ignored (default $"+credentials.EnvSecretKey+"). There is no --secret-key flag: a key on the command line leaks through ps and shell history")
	fs.StringVar(&f.tokenFile, "token-file", "", "`FILE` holding the token of temporary credentials (default $"+credentials.EnvSecurityToken+")")
}

// check validates the flags with errors that name them, before any Go configuration sees
// them.
func (f *connFlags) check() error {
	switch f.method {
	case "POST", "GET":
	default:
		return fmt.Errorf("--method %q: use POST (the default) or GET, upper case", f.method)
	}
	switch f.sigMethod {
	case "", tc3.Algorithm, tc3.HmacSHA256, tc3.HmacSHA1:
	default:
		return fmt.Errorf("--signature-method %q: use %s (the default), %s or %s", f.sigMethod, tc3.Algorithm, tc3.HmacSHA256, tc3.HmacSHA1)
	}
	if f.endpoint == "" {
		return nil
	}
	if !strings.Contains(f.endpoint, "://") {
		host := f.endpoint
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		if isLoopback(host) {
			return fmt.Errorf("--endpoint %s has no scheme, so it would be called over HTTPS, and a local stand-in (faceid demo, tc3sign serve) serves plain HTTP: use --endpoint http://%s", f.endpoint, f.endpoint)
		}
		return nil // a host name: HTTPS, as the API requires
	}
	u, err := url.Parse(f.endpoint)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return fmt.Errorf("--endpoint %q: give a host (faceid.ap-guangzhou.tencentcloudapi.com) or a scheme and a host (http://127.0.0.1:8080), without a path", f.endpoint)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return fmt.Errorf("--endpoint %s: plain http is only for a local stand-in on 127.0.0.1 or localhost; the API is HTTPS only: use https://%s", f.endpoint, u.Host)
		}
	default:
		return fmt.Errorf("--endpoint %s: the scheme must be https (or http for a local stand-in)", f.endpoint)
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// credentials resolves the key pair: each flag given stands in for its environment variable,
// then the usual chain (environment, ~/.tencentcloud/credentials) runs. Errors never contain
// the key.
func (f *connFlags) credentials(lookup func(string) (string, bool)) (transport.CredentialsProvider, error) {
	over := map[string]string{}
	if f.secretID != "" {
		over[credentials.EnvSecretID] = f.secretID
	}
	if f.keyFile != "" {
		k, err := readSecretFile(f.keyFile)
		if err != nil {
			return nil, fmt.Errorf("--secret-key-file: %v", err)
		}
		over[credentials.EnvSecretKey] = k
	}
	if f.tokenFile != "" {
		tok, err := readSecretFile(f.tokenFile)
		if err != nil {
			return nil, fmt.Errorf("--token-file: %v", err)
		}
		over[credentials.EnvSecurityToken] = tok
	}
	if (f.secretID != "") != (f.keyFile != "") {
		if _, ok := lookup(credentials.EnvSecretID); f.keyFile != "" && !ok {
			return nil, fmt.Errorf("--secret-key-file needs the SecretId: give --secret-id or set $%s", credentials.EnvSecretID)
		}
		if _, ok := lookup(credentials.EnvSecretKey); f.secretID != "" && !ok {
			return nil, fmt.Errorf("--secret-id needs the SecretKey: give --secret-key-file or set $%s", credentials.EnvSecretKey)
		}
	}
	// The chain without the CVM role: a command-line call never waits on the metadata service.
	return credentials.NewDefaultChain(context.Background(), credentials.ChainOptions{SkipCVM: true, Lookup: func(name string) (string, bool) {
		if v, ok := over[name]; ok {
			return v, true
		}
		return lookup(name)
	}})
}

// maxSecretFile bounds a key or token file: a SecretKey is 32 characters, a token a few KiB.
const maxSecretFile = 64 << 10

// readSecretFile reads a key or token file, dropping one trailing newline ("\n" or "\r\n").
// Errors name the file, never its content.
func readSecretFile(path string) (string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, maxSecretFile+1))
	if err != nil {
		return "", fmt.Errorf("reading %s: %v", path, err)
	}
	if len(b) > maxSecretFile {
		return "", fmt.Errorf("%s is over %d bytes: not a key or token file", path, maxSecretFile)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if len(b) == 0 {
		return "", fmt.Errorf("%s is empty", path)
	}
	return string(b), nil
}

// goNames maps the Go configuration names a library error may mention to the flags.
var goNames = []struct {
	re   *regexp.Regexp
	flag string
}{
	{regexp.MustCompile(`\b(?:faceid\.)?Config\.(?:Scheme|Host|Endpoint)\b|\bEndpoint\b`), "--endpoint"},
	{regexp.MustCompile(`\b(?:faceid\.)?Config\.SignatureMethod\b`), "--signature-method"},
	{regexp.MustCompile(`\b(?:faceid\.)?Config\.Method\b`), "--method"},
	{regexp.MustCompile(`\b(?:faceid\.)?Config\.Region\b`), "--region"},
	{regexp.MustCompile(`\b(?:faceid\.)?Config\.Language\b`), "--language"},
	{regexp.MustCompile(`\b(?:faceid\.)?Config\.Credentials\b`), "the credentials (--secret-id, --secret-key-file)"},
}

// userError rewrites a configuration error for the command line: flag names instead of Go
// fields.
func userError(err error) string {
	s := err.Error()
	for _, g := range goNames {
		s = g.re.ReplaceAllString(s, g.flag)
	}
	return s
}

// hint adds the next step to an error, where there is an obvious one.
func hint(err error) string {
	var ae *transport.APIError
	if errors.As(err, &ae) && strings.HasPrefix(ae.Code, "AuthFailure") {
		return "hint: the gateway refused the credentials or the signature. Check them with tc3sign: 'tc3sign sign' prints every signing step, 'tc3sign verify' diagnoses a captured request, and 'tc3sign serve' runs a local stand-in that explains what differs (run it, then --endpoint http://127.0.0.1:8080)"
	}
	var tl *faceid.BodyTooLargeError
	if errors.As(err, &tl) && tl.SignatureMethod != "" && tl.SignatureMethod != tc3.Algorithm {
		return "hint: drop --signature-method (TC3-HMAC-SHA256 takes bodies up to 10 MiB)"
	}
	if errors.As(err, &tl) && tl.Method == "GET" {
		return "hint: drop --method GET (POST is the default)"
	}
	return ""
}
