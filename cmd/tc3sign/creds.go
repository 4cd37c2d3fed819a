package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// Environment variables, the names the Terraform provider, tccli and the
// SDKs use; credentials.Env reads them.
const (
	envSecretID = credentials.EnvSecretID
	envSecretKy = credentials.EnvSecretKey
	envToken    = credentials.EnvSecurityToken
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

// credentials resolves the credentials with credentials.Env over
// the CLI's environment, each flag given standing in for its variable:
// --secret-id for the SecretId, the contents of --secret-key-file for the
// SecretKey, of --token-file for the token. Errors never contain the key.
func (c *cli) credentials(f credFlags) (tc3.Credentials, error) {
	flags := map[string]string{}
	keySource := "$" + envSecretKy
	if f.secretID != "" {
		flags[envSecretID] = f.secretID
	}
	if f.keyFile != "" {
		k, err := readSecretFile(f.keyFile)
		if err != nil {
			return tc3.Credentials{}, fmt.Errorf("cannot read --secret-key-file: %v", err)
		}
		flags[envSecretKy] = k
		keySource = "--secret-key-file " + f.keyFile
	}
	if f.tokenFile != "" {
		t, err := readSecretFile(f.tokenFile)
		if err != nil {
			return tc3.Credentials{}, fmt.Errorf("cannot read --token-file: %v", err)
		}
		flags[envToken] = t
	}
	lookup := func(name string) (string, bool) {
		if v, ok := flags[name]; ok {
			return v, true
		}
		return c.getenv(name)
	}
	p, err := credentials.Env(lookup)
	if err != nil {
		// Word the error for the CLI: name the flags too, never the key.
		id, _ := lookup(envSecretID)
		key, _ := lookup(envSecretKy)
		switch {
		case errors.Is(err, credentials.ErrNotFound) || id == "" && key == "":
			return tc3.Credentials{}, fmt.Errorf("no credentials: set %s and %s (plus %s for temporary keys), or pass --secret-id ID --secret-key-file FILE", envSecretID, envSecretKy, envToken)
		case id == "":
			return tc3.Credentials{}, fmt.Errorf("no SecretId: set %s or pass --secret-id ID (the SecretKey comes from %s)", envSecretID, keySource)
		case key == "":
			return tc3.Credentials{}, fmt.Errorf("no SecretKey for SecretId %s: set %s or pass --secret-key-file FILE", id, envSecretKy)
		}
		if inner := errors.Unwrap(err); inner != nil {
			err = inner // the tc3.Credentials.Validate error, without the "from the environment" wrapping
		}
		return tc3.Credentials{}, fmt.Errorf("credentials (SecretKey from %s): %v", keySource, err)
	}
	cred, err := p.Retrieve(c.ctx)
	return cred.TC3(), err
}

// readSecretFile reads a key or token file, dropping one trailing newline
// (LF or CRLF) that editors and "echo" add. Other whitespace is kept, so
// that the credentials check reports it.
func readSecretFile(path string) (string, error) {
	b, err := readFileLimited(path, maxSecretFile, path)
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
