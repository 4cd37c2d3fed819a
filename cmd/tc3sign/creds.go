package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"tcfaceid/tc3"
)

// Environment variables, the names the Terraform provider, tccli and the SDKs use.
const (
	envSecretID = "TENCENTCLOUD_SECRET_ID"
	envSecretKy = "TENCENTCLOUD_SECRET_KEY"
	envToken    = "TENCENTCLOUD_SECURITY_TOKEN"
)

// credFlags are the credential flags shared by sign, verify, serve and vectors --emit.
type credFlags struct {
	secretID  string
	keyFile   string
	tokenFile string
}

func (f *credFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.secretID, "secret-id", "", "SecretId (default $"+envSecretID+")")
	fs.StringVar(&f.keyFile, "secret-key-file", "", "`FILE` holding the SecretKey; one trailing newline is ignored (default $"+envSecretKy+"). There is no --secret-key flag: a key on the command line leaks through ps and shell history")
	fs.StringVar(&f.tokenFile, "token-file", "", "`FILE` holding the session token of temporary credentials (default $"+envToken+")")
}

// credentials resolves the credentials from the flags, then the environment.
// Errors never contain the key.
func (c *cli) credentials(f credFlags) (tc3.Credentials, error) {
	var cred tc3.Credentials
	env := func(name string) string {
		v, _ := c.getenv(name)
		return v
	}
	cred.SecretID = f.secretID
	if cred.SecretID == "" {
		cred.SecretID = env(envSecretID)
	}
	keySource := "$" + envSecretKy
	if f.keyFile != "" {
		k, err := readSecretFile(f.keyFile)
		if err != nil {
			return cred, fmt.Errorf("cannot read --secret-key-file: %v", err)
		}
		cred.SecretKey = k
		keySource = "--secret-key-file " + f.keyFile
	} else {
		cred.SecretKey = env(envSecretKy)
	}
	if f.tokenFile != "" {
		t, err := readSecretFile(f.tokenFile)
		if err != nil {
			return cred, fmt.Errorf("cannot read --token-file: %v", err)
		}
		cred.Token = t
	} else {
		cred.Token = env(envToken)
	}
	switch {
	case cred.SecretID == "" && cred.SecretKey == "":
		return cred, fmt.Errorf("no credentials: set %s and %s (plus %s for temporary keys), or pass --secret-id ID --secret-key-file FILE", envSecretID, envSecretKy, envToken)
	case cred.SecretID == "":
		return cred, fmt.Errorf("no SecretId: set %s or pass --secret-id ID (the SecretKey comes from %s)", envSecretID, keySource)
	case cred.SecretKey == "":
		return cred, fmt.Errorf("no SecretKey for SecretId %s: set %s or pass --secret-key-file FILE", cred.SecretID, envSecretKy)
	}
	if err := cred.Validate(); err != nil {
		return cred, fmt.Errorf("credentials (SecretKey from %s): %v", keySource, err)
	}
	return cred, nil
}

// readSecretFile reads a key or token file, dropping one trailing newline
// (LF or CRLF) that editors and "echo" add. Other whitespace is kept, so
// that the credentials check reports it.
func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if bytes.HasSuffix(b, []byte("\r\n")) {
		b = b[:len(b)-2]
	} else if bytes.HasSuffix(b, []byte("\n")) {
		b = b[:len(b)-1]
	}
	return string(b), nil
}
