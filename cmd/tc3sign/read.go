package main

import (
	"fmt"
	"io"
	"os"
)

// Input size limits. Every read of a file or stdin goes through readLimited,
// so that a wrong path (/dev/zero, a disk image, an endless pipe) gets a
// one-line error instead of filling the memory.
const (
	// maxTheirFile bounds --their-canonical-request and --their-string-to-sign:
	// a canonical request is the headers plus a 64-character hash, and a GET
	// query is at most 32 KB.
	maxTheirFile = 1 << 20
	// maxSecretFile bounds --secret-key-file and --token-file (a session
	// token is a few KB).
	maxSecretFile = 64 << 10
)

// readLimited reads all of r, failing with an error naming limit as soon as
// more than limit bytes arrive: it never holds more than limit+1 bytes.
// what names the input in the error ("--payload body.json", "stdin").
func readLimited(r io.Reader, limit int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is over the %d-byte limit", what, limit)
	}
	return b, nil
}

// readFileLimited is readLimited on the file at path.
func readFileLimited(path string, limit int64, what string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, limit, what)
}
