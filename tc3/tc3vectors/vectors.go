// Package tc3vectors loads the language-neutral signing vectors of
// testdata/tc3 and checks the tc3 signer against them.
//
// The layout is described in testdata/tc3/README.md: one folder per case
// with request.http (the raw request), context.json (inputs not on the wire)
// and one .txt file per expected intermediate value.
package tc3vectors

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Context is context.json: the inputs of a case that are not in the request.
type Context struct {
	Description     string `json:"description"`
	Source          string `json:"source"`
	SecretID        string `json:"secret_id"`
	SecretKey       string `json:"secret_key"`
	Token           string `json:"token,omitempty"`
	Service         string `json:"service"`
	Timestamp       int64  `json:"timestamp"`
	SignatureMethod string `json:"signature_method"`
	SignedHeaders   string `json:"signed_headers,omitempty"`
}

// Case is one vector folder.
type Case struct {
	Name     string
	Dir      string
	Context  Context
	Request  []byte            // request.http, exact bytes
	Expected map[string]string // file name (without .txt) -> exact content
}

// Expected files per kind of case; the first ones are required.
var (
	tc3Required = []string{"canonical-request", "string-to-sign", "signature", "authorization"}
	tc3Optional = []string{"hashed-payload", "hashed-canonical-request", "credential-scope", "secret-date", "secret-service", "secret-signing"}
	v1Required  = []string{"string-to-sign", "signature"}
)

// IsV1 reports whether the case uses a legacy v1 signature.
func (c *Case) IsV1() bool { return c.Context.SignatureMethod != tc3.Algorithm }

// Load reads every case folder under dir. It fails when dir holds no case,
// when a case lacks a required file, or when it has a file the layout does
// not define, so that a typo cannot silently skip a check.
func Load(dir string) ([]*Case, error) {
	cases, err := LoadFS(os.DirFS(dir), ".")
	for _, c := range cases {
		c.Dir = filepath.Join(dir, c.Name)
	}
	if err != nil && strings.Contains(err.Error(), "no case folders in .") {
		return nil, fmt.Errorf("tc3vectors: no case folders in %s", dir)
	}
	return cases, err
}

// LoadFS is Load for the case folders under dir of fsys (for example
// Builtin(), ".").
func LoadFS(fsys fs.FS, dir string) ([]*Case, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("tc3vectors: %w", err)
	}
	var cases []*Case
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		c, err := LoadCaseFS(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		cases = append(cases, c)
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("tc3vectors: no case folders in %s", dir)
	}
	return cases, nil
}

// LoadCase reads one case folder.
func LoadCase(dir string) (*Case, error) {
	c, err := LoadCaseFS(os.DirFS(dir), ".")
	if c != nil {
		c.Name, c.Dir = filepath.Base(dir), dir
	}
	if err != nil {
		err = errors.New(strings.Replace(err.Error(), "case .:", "case "+filepath.Base(dir)+":", 1))
	}
	return c, err
}

// LoadCaseFS reads the case folder dir of fsys.
func LoadCaseFS(fsys fs.FS, dir string) (*Case, error) {
	c := &Case{Name: path.Base(dir), Dir: dir, Expected: map[string]string{}}
	ctx, err := fs.ReadFile(fsys, path.Join(dir, "context.json"))
	if err != nil {
		return nil, fmt.Errorf("tc3vectors: case %s: %w", c.Name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(ctx))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c.Context); err != nil {
		return nil, fmt.Errorf("tc3vectors: case %s: context.json: %w", c.Name, err)
	}
	if c.Request, err = fs.ReadFile(fsys, path.Join(dir, "request.http")); err != nil {
		return nil, fmt.Errorf("tc3vectors: case %s: %w", c.Name, err)
	}
	required, optional := tc3Required, tc3Optional
	if c.IsV1() {
		required, optional = v1Required, nil
	}
	known := map[string]bool{"context.json": true, "request.http": true}
	for _, name := range append(append([]string{}, required...), optional...) {
		known[name+".txt"] = true
	}
	files, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("tc3vectors: case %s: %w", c.Name, err)
	}
	for _, f := range files {
		if !known[f.Name()] {
			return nil, fmt.Errorf("tc3vectors: case %s: unexpected file %s (known: %s)", c.Name, f.Name(), strings.Join(sortedKeys(known), ", "))
		}
		if name, ok := strings.CutSuffix(f.Name(), ".txt"); ok {
			b, err := fs.ReadFile(fsys, path.Join(dir, f.Name()))
			if err != nil {
				return nil, fmt.Errorf("tc3vectors: case %s: %w", c.Name, err)
			}
			c.Expected[name] = string(b)
		}
	}
	for _, name := range required {
		if _, ok := c.Expected[name]; !ok {
			return nil, fmt.Errorf("tc3vectors: case %s: missing %s.txt", c.Name, name)
		}
	}
	return c, nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ParseRequest parses request.http: the request and its body.
func (c *Case) ParseRequest() (*http.Request, []byte, error) {
	req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(c.Request)))
	if err != nil {
		return nil, nil, fmt.Errorf("tc3vectors: case %s: request.http: %w", c.Name, err)
	}
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, nil, fmt.Errorf("tc3vectors: case %s: request.http body: %w", c.Name, err)
	}
	return req, body, nil
}

// Credentials are the case's credentials.
func (c *Case) Credentials() tc3.Credentials {
	return tc3.Credentials{SecretID: c.Context.SecretID, SecretKey: c.Context.SecretKey, Token: c.Context.Token}
}

// Compute runs our signer over the case's inputs and returns the values that
// correspond to the expected files, keyed the same way.
func (c *Case) Compute() (map[string]string, error) {
	req, body, err := c.ParseRequest()
	if err != nil {
		return nil, err
	}
	if c.IsV1() {
		raw := req.URL.RawQuery
		if req.Method == "POST" {
			raw = string(body)
		}
		values, err := url.ParseQuery(raw)
		if err != nil {
			return nil, fmt.Errorf("tc3vectors: case %s: parameters: %w", c.Name, err)
		}
		params := map[string]string{}
		for k, v := range values {
			params[k] = v[0]
		}
		sts := tc3.V1StringToSign(req.Method, req.Host, req.URL.Path, params)
		sig, err := tc3.V1Signature(c.Context.SignatureMethod, c.Context.SecretKey, sts)
		if err != nil {
			return nil, err
		}
		return ExpectedV1(&tc3.V1Result{StringToSign: sts, Signature: sig}), nil
	}
	in := tc3.Input{
		Credentials: c.Credentials(),
		Service:     c.Context.Service,
		Method:      req.Method,
		Host:        req.Host,
		Query:       req.URL.RawQuery,
		ContentType: req.Header.Get("Content-Type"),
		Payload:     body,
		Timestamp:   c.Context.Timestamp,
	}
	for _, name := range strings.Split(c.Context.SignedHeaders, ";") {
		if name != "content-type" && name != "host" {
			in.Headers = append(in.Headers, tc3.Header{Name: name, Value: req.Header.Get(name)})
		}
	}
	res, err := tc3.Sign(&in)
	if err != nil {
		return nil, err
	}
	return ExpectedTC3(res), nil
}

// ExpectedTC3 maps a TC3 result to the expected files of a case (file name
// without .txt -> content).
func ExpectedTC3(res *tc3.Result) map[string]string {
	return map[string]string{
		"hashed-payload":           res.PayloadHash,
		"canonical-request":        res.CanonicalRequest,
		"hashed-canonical-request": res.HashedCanonicalRequest,
		"credential-scope":         res.CredentialScope,
		"string-to-sign":           res.StringToSign,
		"secret-date":              res.SecretDate,
		"secret-service":           res.SecretService,
		"secret-signing":           res.SecretSigning,
		"signature":                res.Signature,
		"authorization":            res.Authorization,
	}
}

// ExpectedV1 maps a v1 result to the expected files of a case.
func ExpectedV1(res *tc3.V1Result) map[string]string {
	return map[string]string{"string-to-sign": res.StringToSign, "signature": res.Signature}
}

// Write creates a case folder in the layout of testdata/tc3/README.md:
// context.json, request.http and one .txt file per expected value, with no
// trailing newline. dir must not exist or be empty.
func Write(dir string, ctx Context, request []byte, expected map[string]string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("tc3vectors: %s already exists and is not empty", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tc3vectors: %w", err)
	}
	cj, err := json.MarshalIndent(ctx, "", "  ")
	if err != nil {
		return fmt.Errorf("tc3vectors: %w", err)
	}
	// context.json holds a secret key: private to the user who wrote it.
	if err := os.WriteFile(filepath.Join(dir, "context.json"), append(cj, '\n'), 0o600); err != nil {
		return fmt.Errorf("tc3vectors: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "request.http"), request, 0o644); err != nil {
		return fmt.Errorf("tc3vectors: %w", err)
	}
	for name, content := range expected {
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(content), 0o644); err != nil {
			return fmt.Errorf("tc3vectors: %w", err)
		}
	}
	return nil
}

// Mismatch is one expected file our signer disagrees with.
type Mismatch struct {
	File      string // e.g. "string-to-sign.txt"
	Want, Got string
}

// Check compares every expected file of the case with our signer's value,
// and verifies the request as the gateway would at the case's timestamp.
func (c *Case) Check() ([]Mismatch, error) {
	got, err := c.Compute()
	if err != nil {
		return nil, err
	}
	var out []Mismatch
	for _, name := range sortedKeys(toSet(c.Expected)) {
		if got[name] != c.Expected[name] {
			out = append(out, Mismatch{File: name + ".txt", Want: c.Expected[name], Got: got[name]})
		}
	}
	req, body, err := c.ParseRequest()
	if err != nil {
		return nil, err
	}
	cred := c.Credentials()
	_, err = tc3.Verify(req, body, tc3.VerifyOptions{
		Credentials: func(id string) (tc3.Credentials, bool) { return cred, id == cred.SecretID },
		Service:     c.Context.Service,
		Now:         time.Unix(c.Context.Timestamp, 0),
	})
	if err != nil {
		out = append(out, Mismatch{File: "request.http", Want: "accepted by tc3.Verify", Got: err.Error()})
	}
	return out, nil
}

func toSet(m map[string]string) map[string]bool {
	s := make(map[string]bool, len(m))
	for k := range m {
		s[k] = true
	}
	return s
}
