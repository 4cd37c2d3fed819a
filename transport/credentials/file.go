package credentials

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// maxCredentialsFile bounds what File and Tccli read: a credentials file is
// a few hundred bytes.
const maxCredentialsFile = 1 << 20

// File reads the [default] profile of the INI credentials file of the
// official tools (tencentcloud-sdk-go, profile_provider.go): keys secret_id
// and secret_key, plus token when present. path "" means
// $TENCENTCLOUD_CREDENTIALS_FILE, else $HOME/.tencentcloud/credentials. A
// missing default file wraps ErrNotFound; a missing explicit file does not.
func File(path string) (Provider, error) {
	return fileProfile(path, "", os.LookupEnv)
}

// FileProfile is File reading the section [profile] instead of [default].
func FileProfile(path, profile string) (Provider, error) {
	return fileProfile(path, profile, os.LookupEnv)
}

func fileProfile(path, profile string, lookup func(string) (string, bool)) (Provider, error) {
	if profile == "" {
		profile = "default"
	}
	explicit := path != ""
	if !explicit {
		if p, ok := lookup(EnvCredentialsFile); ok {
			if p == "" {
				return nil, fmt.Errorf("credentials: %s is set but empty: point it at a credentials file or unset it", EnvCredentialsFile)
			}
			path, explicit = p, true
		} else {
			home, err := homeDir(lookup)
			if err != nil {
				return nil, fmt.Errorf("%w: no home directory for ~/.tencentcloud/credentials", ErrNotFound)
			}
			path = filepath.Join(home, ".tencentcloud", "credentials")
		}
	}
	b, err := readLimited(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s does not exist", ErrNotFound, path)
		}
		return nil, fmt.Errorf("credentials: credentials file: %w", err)
	}
	sections, err := parseINI(b)
	if err != nil {
		return nil, fmt.Errorf("credentials: credentials file %s: %w", path, err)
	}
	values, ok := sections[profile]
	if !ok {
		return nil, fmt.Errorf("credentials: credentials file %s has no section [%s] (it has %s): add it or pick another profile", path, profile, sectionList(sections))
	}
	c := tc3.Credentials{SecretID: values["secret_id"], SecretKey: values["secret_key"], Token: values["token"]}
	if c.SecretID == "" || c.SecretKey == "" {
		return nil, fmt.Errorf("credentials: credentials file %s: section [%s] needs secret_id and secret_key", path, profile)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("credentials: credentials file %s: %w", path, err)
	}
	return static("File", c), nil
}

// homeDir is the home directory, read through lookup first, so that a
// caller's substitute environment never falls back to the real user's files.
func homeDir(lookup func(string) (string, bool)) (string, error) {
	if home, ok := lookup(homeEnvVar()); ok && home != "" {
		return home, nil
	}
	return os.UserHomeDir()
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

// readLimited reads a small file, refusing one over maxCredentialsFile.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCredentialsFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxCredentialsFile {
		return nil, fmt.Errorf("%s is over %d bytes, too large for a credentials file", path, maxCredentialsFile)
	}
	return b, nil
}

// utf8BOM is the byte order mark Windows editors (Notepad) put at the start
// of a file saved as UTF-8.
var utf8BOM = []byte("\xef\xbb\xbf")

// parseINI returns the key = value pairs of every [section], with # and ;
// comment lines skipped, keys and values trimmed, and a leading UTF-8 byte
// order mark ignored. Keys before the first section belong to none.
func parseINI(b []byte) (map[string]map[string]string, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	sections := map[string]map[string]string{}
	var current map[string]string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), maxCredentialsFile+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[':
			if !strings.HasSuffix(line, "]") {
				return nil, fmt.Errorf("line %d: section header without ]", n)
			}
			name := strings.TrimSpace(line[1 : len(line)-1])
			if sections[name] == nil {
				sections[name] = map[string]string{}
			}
			current = sections[name]
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				return nil, fmt.Errorf("line %d: want key = value", n)
			}
			if current != nil { // keys before the first [section] belong to no profile
				current[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
	}
	return sections, sc.Err()
}

func sectionList(sections map[string]map[string]string) string {
	if len(sections) == 0 {
		return "no sections"
	}
	names := make([]string, 0, len(sections))
	for name := range sections {
		names = append(names, "["+name+"]")
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
