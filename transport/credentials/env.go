package credentials

import (
	"fmt"
	"os"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Environment variables. The id and key are the official SDK's names
// (DefaultEnvProvider); the SDK reads no token variable, so the token uses
// the name tccli and the Terraform provider use
// (https://registry.terraform.io/providers/tencentcloudstack/tencentcloud/latest/docs,
// "security_token").
const (
	EnvSecretID      = "TENCENTCLOUD_SECRET_ID"
	EnvSecretKey     = "TENCENTCLOUD_SECRET_KEY"
	EnvSecurityToken = "TENCENTCLOUD_SECURITY_TOKEN"
	// EnvCredentialsFile names the credentials file instead of the default
	// $HOME/.tencentcloud/credentials.
	EnvCredentialsFile = "TENCENTCLOUD_CREDENTIALS_FILE"
	// EnvTccliProfile names the tccli profile; default "default".
	EnvTccliProfile = "TCCLI_PROFILE"
)

// Env reads the credentials from the environment, through lookup
// (os.LookupEnv when nil), once. Both variables unset: an error wrapping
// ErrNotFound. Set but empty, or only one set: a plain error, since that
// is a configuration mistake worth stopping for.
func Env(lookup func(string) (string, bool)) (Provider, error) {
	if lookup == nil {
		lookup = os.LookupEnv
	}
	id, idSet := lookup(EnvSecretID)
	key, keySet := lookup(EnvSecretKey)
	token, _ := lookup(EnvSecurityToken)
	switch {
	case !idSet && !keySet:
		return nil, fmt.Errorf("%w: %s and %s are not set", ErrNotFound, EnvSecretID, EnvSecretKey)
	case !idSet || id == "":
		return nil, fmt.Errorf("credentials: %s is empty or unset while %s is set: set both", EnvSecretID, EnvSecretKey)
	case !keySet || key == "":
		return nil, fmt.Errorf("credentials: %s is empty or unset while %s is set: set both", EnvSecretKey, EnvSecretID)
	}
	c := tc3.Credentials{SecretID: id, SecretKey: key, Token: token}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("credentials: from the environment: %w", err)
	}
	return static("Env", c), nil
}
