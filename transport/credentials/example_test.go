package credentials_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
)

// exampleEnv stands in for the process environment.
func exampleEnv(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func ExampleEnv() {
	p, err := credentials.Env(exampleEnv(map[string]string{
		credentials.EnvSecretID:  "AKIDEXAMPLE",
		credentials.EnvSecretKey: "SECRETKEYEXAMPLE",
	}))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := p.Retrieve(context.Background())
	fmt.Println(c)
	// Output: credentials.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: [redacted, 16 bytes], Source: Env}
}

func ExampleFileProfile() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "credentials")
	os.WriteFile(path, []byte("[default]\nsecret_id = AKIDDEFAULT\nsecret_key = KEY1\n\n[prod]\nsecret_id = AKIDPROD\nsecret_key = KEY2\n"), 0o600)

	p, err := credentials.FileProfile(path, "prod")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := p.Retrieve(context.Background())
	fmt.Println(c.SecretID, c.Source)
	_, err = credentials.FileProfile(path, "staging")
	fmt.Println(err != nil)
	// Output:
	// AKIDPROD File
	// true
}

func ExampleTccli() {
	home, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(home)
	os.MkdirAll(filepath.Join(home, ".tccli"), 0o700)
	os.WriteFile(filepath.Join(home, ".tccli", "default.credential"), []byte(`{"secretId": "AKIDTCCLI", "secretKey": "KEY", "token": "TOKEN"}`), 0o600)
	for _, v := range []string{"HOME", "USERPROFILE"} { // this example's home, for the rest of it
		old, ok := os.LookupEnv(v)
		os.Setenv(v, home)
		defer func() {
			if ok {
				os.Setenv(v, old)
			} else {
				os.Unsetenv(v)
			}
		}()
	}

	p, err := credentials.Tccli("default")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, _ := p.Retrieve(context.Background())
	fmt.Println(c)
	// Output: credentials.Credentials{SecretID: "AKIDTCCLI", SecretKey: [redacted, 3 bytes], Token: [redacted, 5 bytes], Source: Tccli}
}

// On a CVM the endpoint is the metadata service's default; here a stand-in.
func ExampleCVMRole() {
	now := func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }
	md := credentialstest.NewMetadata(credentialstest.MetadataOptions{Role: "faceid-role", Lifetime: 6 * time.Hour, Now: now})
	defer md.Close()

	role, err := credentials.NewCVMRole(credentials.CVMRoleOptions{Endpoint: md.Endpoint()})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := credentials.NewCache(role, credentials.CacheOptions{Now: now}) // refreshed ahead of ExpiredTime
	c, err := p.Retrieve(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	name, _ := role.RoleName(context.Background())
	fmt.Println(name, c.Source, c.Expires.Sub(now()))
	// Output: faceid-role CVMRole 6h0m0s
}

// In a TKE pod, credentials.TKEWebIdentity(nil) reads the TKE_* variables;
// here the options point at a stand-in STS.
func ExampleWebIdentity() {
	now := func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }
	stsSrv := credentialstest.NewSTS(credentialstest.STSOptions{WebIdentityToken: "eyJ.example.token", Now: now})
	defer stsSrv.Close()
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("eyJ.example.token\n"), 0o600)

	web, err := credentials.NewWebIdentity(credentials.WebIdentityOptions{
		Region: "ap-guangzhou", ProviderID: "tke-oidc", TokenFile: tokenFile,
		RoleARN:  "qcs::cam::uin/100000000001:roleName/faceid-caller",
		Duration: time.Hour, Endpoint: stsSrv.URL(), Now: now,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := credentials.NewCache(web, credentials.CacheOptions{Now: now})
	c, err := p.Retrieve(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Source, c.Expires.Sub(now()), stsSrv.Calls("AssumeRoleWithWebIdentity"))
	// Output: WebIdentity 1h0m0s 1
}

func ExampleNewDefaultChain() {
	home, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(home)
	_, err := credentials.NewDefaultChain(context.Background(), credentials.ChainOptions{
		Lookup:  exampleEnv(map[string]string{"HOME": home, "USERPROFILE": home}),
		SkipCVM: true,
	})
	var ce *credentials.ChainError
	if errors.As(err, &ce) {
		for _, s := range ce.Sources {
			fmt.Println(s.Source)
		}
	}
	// Output:
	// environment
	// credentials file
	// tccli profile
	// TKE OIDC
	// CVM role
}

func ExampleStatic() {
	p := credentials.Static(credentials.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}.TC3())
	fmt.Printf("%v\n", p)
	// Output: credentials.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: [redacted, 16 bytes], Source: Static}
}
