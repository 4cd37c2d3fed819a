package transport

import (
	"bufio"

	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Environment variables read by EnvCredentials. The id and key are the
// official SDK's names (tc3-signing.md section 12); the SDK reads no token
// variable, so the token uses the name tccli and the Terraform provider use.
const (
	EnvSecretID      = "TENCENTCLOUD_SECRET_ID"
	EnvSecretKey     = "TENCENTCLOUD_SECRET_KEY"
	EnvSecurityToken = "TENCENTCLOUD_SECURITY_TOKEN"
	// EnvCredentialsFile names the credentials file instead of the default
	// $HOME/.tencentcloud/credentials.
	EnvCredentialsFile = "TENCENTCLOUD_CREDENTIALS_FILE"
)

// ErrNoCredentials is returned (wrapped) by a provider whose source is not
// set at all, so that DefaultCredentials can try the next source.
var ErrNoCredentials = errors.New("transport: no credentials")

// EnvCredentials reads the credentials from the environment, through
// lookup (os.LookupEnv when nil), once. Both unset: an error wrapping
// ErrNoCredentials. Set but empty, or only one set: a plain error, since
// that is a configuration mistake worth stopping for.
func EnvCredentials(lookup func(string) (string, bool)) (CredentialsProvider, error) {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	id, idSet := lookup(EnvSecretID)
	key, keySet := lookup(EnvSecretKey)
	token, _ := lookup(EnvSecurityToken)
	switch {
	case !idSet && !keySet:
		return nil, fmt.Errorf("%w: %s and %s are not set", ErrNoCredentials, EnvSecretID, EnvSecretKey)
	case !idSet || id == "":
		return nil, fmt.Errorf("transport: %s is empty or unset while %s is set: set both", EnvSecretID, EnvSecretKey)
	case !keySet || key == "":
		return nil, fmt.Errorf("transport: %s is empty or unset while %s is set: set both", EnvSecretKey, EnvSecretID)
	}
	c := tc3.Credentials{SecretID: id, SecretKey: key, Token: token}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("transport: credentials from the environment: %w", err)
	}
	return StaticCredentials(c), nil
}

// FileCredentials reads the INI credentials file of the official tools
// (tc3-signing.md section 12): section [default], keys secret_id and
// secret_key, plus token when present. path "" means
// $TENCENTCLOUD_CREDENTIALS_FILE, else $HOME/.tencentcloud/credentials. A
// missing default file wraps ErrNoCredentials.
func FileCredentials(path string) (CredentialsProvider, error) {
	return fileCredentials(path, os.LookupEnv)
}

func fileCredentials(path string, lookup func(string) (string, bool)) (CredentialsProvider, error) {
	explicit := path != ""
	if !explicit {
		if p, ok := lookup(EnvCredentialsFile); ok {
			if p == "" {
				return nil, fmt.Errorf("transport: %s is set but empty: point it at a credentials file or unset it", EnvCredentialsFile)
			}
			path, explicit = p, true
		} else {
			// The home directory comes through lookup too, so that
			// DefaultCredentialsFrom never reads the real user's file
			// behind a caller's substitute environment.
			home, ok := lookup(homeEnvVar())
			if !ok || home == "" {
				var err error
				if home, err = os.UserHomeDir(); err != nil {
					return nil, fmt.Errorf("%w: no home directory for ~/.tencentcloud/credentials", ErrNoCredentials)
				}
			}
			path = filepath.Join(home, ".tencentcloud", "credentials")
		}
	}
	f, err := os.Open(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s does not exist", ErrNoCredentials, path)
		}
		return nil, fmt.Errorf("transport: credentials file: %w", err)
	}
	defer f.Close()
	values, err := parseINISection(f, "default")
	if err != nil {
		return nil, fmt.Errorf("transport: credentials file %s: %w", path, err)
	}
	c := tc3.Credentials{SecretID: values["secret_id"], SecretKey: values["secret_key"], Token: values["token"]}
	if c.SecretID == "" || c.SecretKey == "" {
		return nil, fmt.Errorf("transport: credentials file %s: section [default] needs secret_id and secret_key", path)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("transport: credentials file %s: %w", path, err)
	}
	return StaticCredentials(c), nil
}

// homeEnvVar is the variable os.UserHomeDir reads on this system.
func homeEnvVar() string {
	switch runtime.GOOS {
	case "windows":
		return "USERPROFILE"
	case "plan9":
		return "home"
	}
	return "HOME"
}

// parseINISection returns the key = value pairs of one [section], with
// # and ; comment lines skipped and keys and values trimmed.
func parseINISection(f *os.File, section string) (map[string]string, error) {
	values := map[string]string{}
	current := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if n == 1 {
			// Windows editors save UTF-8 with a byte order mark.
			text = strings.TrimPrefix(text, "\uFEFF")
		}
		line := strings.TrimSpace(text)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[':
			if !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("line %d: section header without ]", n)
			}
			current = strings.TrimSpace(line[1 : len(line)-1])
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				return nil, fmt.Errorf("line %d: want key = value", n)
			}
			if current == section {
				values[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return values, sc.Err()
}

// DefaultCredentials tries the environment, then the credentials file, and
// stops at the first source that is set (tc3-signing.md section 12: the
// official chain, without the CVM metadata role, which needs the network).
func DefaultCredentials() (CredentialsProvider, error) {
	return DefaultCredentialsFrom(os.LookupEnv)
}

// DefaultCredentialsFrom is DefaultCredentials reading the environment
// through lookup, for programs that test it without touching the process
// environment.
func DefaultCredentialsFrom(lookup func(string) (string, bool)) (CredentialsProvider, error) {
	p, err := EnvCredentials(lookup)
	if !errors.Is(err, ErrNoCredentials) {
		return p, err
	}
	p, err = fileCredentials("", lookup)
	if errors.Is(err, ErrNoCredentials) {
		return nil, fmt.Errorf("%w: set %s and %s, or write [default] secret_id/secret_key to ~/.tencentcloud/credentials", ErrNoCredentials, EnvSecretID, EnvSecretKey)
	}
	return p, err
}
