package credentials

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials/internal/stsapi"
)

// Tccli reads a profile of the Tencent Cloud CLI, the JSON file
// ~/.tccli/<profile>.credential with the keys secretId, secretKey and
// token (https://cloud.tencent.com/document/product/440/34012, "tccli
// configure"). profile "" means $TCCLI_PROFILE, else "default". A missing
// file of the default profile wraps ErrNotFound; a missing file of a
// profile that was asked for does not.
func Tccli(profile string) (Provider, error) { return tccli(profile, os.LookupEnv) }

func tccli(profile string, lookup func(string) (string, bool)) (Provider, error) {
	explicit := profile != ""
	if !explicit {
		if p, ok := lookup(EnvTccliProfile); ok {
			if p == "" {
				return nil, fmt.Errorf("credentials: %s is set but empty: name a tccli profile or unset it", EnvTccliProfile)
			}
			profile, explicit = p, true
		} else {
			profile = "default"
		}
	}
	if strings.ContainsAny(profile, `/\`) || profile == "." || profile == ".." || strings.ContainsRune(profile, 0) {
		return nil, fmt.Errorf("credentials: tccli profile %q must be a plain name, not a path", profile)
	}
	home, err := homeDir(lookup)
	if err != nil {
		return nil, fmt.Errorf("%w: no home directory for ~/.tccli", ErrNotFound)
	}
	path := filepath.Join(home, ".tccli", profile+".credential")
	b, err := readLimited(path)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s does not exist", ErrNotFound, path)
		}
		return nil, fmt.Errorf("credentials: tccli profile: %w", err)
	}
	var v struct {
		SecretID  string `json:"secretId"`
		SecretKey string `json:"secretKey"`
		Token     string `json:"token"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		// The json error quotes no input beyond a byte offset and a type.
		return nil, fmt.Errorf("credentials: tccli profile %s is not the JSON tccli writes: %v", path, stsapi.JSONProblem(err))
	}
	c := tc3.Credentials{SecretID: v.SecretID, SecretKey: v.SecretKey, Token: v.Token}
	if c.SecretID == "" || c.SecretKey == "" {
		return nil, fmt.Errorf("credentials: tccli profile %s needs secretId and secretKey: run tccli configure", path)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("credentials: tccli profile %s: %w", path, err)
	}
	return static("Tccli", c), nil
}
