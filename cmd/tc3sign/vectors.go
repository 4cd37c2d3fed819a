package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3/tc3vectors"
)

var vectorsCmd = command{
	name:  "vectors",
	usage: "vectors [DIR]   |   vectors --emit DIR [sign flags]",
	about: `Runs every case folder in DIR (default testdata/tc3, or DIR itself when it is one case) through
our signer with the tc3vectors loader: every expected .txt file is recomputed and compared byte
for byte, and request.http is verified as the gateway would at the case's timestamp. It prints
one line per case and a closing "N passed, M failed" line; exit 1 if any case failed.

With --emit DIR it takes every flag of "tc3sign sign" and writes a new case folder DIR in the
same layout (request.http with CRLF, context.json, one .txt per value without a trailing
newline), so a team can add its own cases. context.json holds the SecretKey in clear, as the
layout requires: emit cases with test keys only.`,
	example: `  tc3sign vectors                       # all cases in testdata/tc3
  tc3sign vectors testdata/tc3/s1-sdk-detectauth-post
  TENCENTCLOUD_SECRET_ID=AKIDEXAMPLE TENCENTCLOUD_SECRET_KEY=SECRETKEYEXAMPLE \
    tc3sign vectors --emit testdata/tc3/my-detectauth --action DetectAuth --payload body.json --timestamp 1795750620`,
}

func (c *cli) vectors(args []string) int {
	var f signFlags
	fs := newFlagSet("vectors")
	f.register(fs, true)
	pos, done, code := c.parse(vectorsCmd, fs, args)
	if done {
		return code
	}
	if f.emit != "" {
		if len(pos) > 0 {
			return c.fail("tc3sign vectors", "--emit takes sign flags, not the argument %q", pos[0])
		}
		f.format = "text"
		s, err := c.buildSigned(&f)
		if err != nil {
			return c.fail("tc3sign vectors", "%v", err)
		}
		if err := emitCase(f.emit, s); err != nil {
			return c.fail("tc3sign vectors", "--emit: %v", err)
		}
		fmt.Fprintf(c.stdout, "wrote %s (%s %s %s); check it with: tc3sign vectors %s\n", f.emit, s.sigMethod, s.method, s.host, f.emit)
		fmt.Fprintf(c.stderr, "note: %s holds the SecretKey in clear, as the vector layout requires: use test keys only\n", filepath.Join(f.emit, "context.json"))
		return exitOK
	}
	dir := "testdata/tc3"
	switch len(pos) {
	case 0:
	case 1:
		dir = pos[0]
	default:
		return c.fail("tc3sign vectors", "one directory at a time: got %d arguments", len(pos))
	}
	st, err := os.Stat(dir)
	if err != nil {
		return c.fail("tc3sign vectors", "cannot read the vectors: %v", err)
	}
	if !st.IsDir() {
		return c.fail("tc3sign vectors", "%s is not a directory", dir)
	}
	var folders []string
	if _, err := os.Stat(filepath.Join(dir, "context.json")); err == nil {
		folders = []string{dir}
	} else {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return c.fail("tc3sign vectors", "cannot read the vectors: %v", err)
		}
		for _, e := range entries {
			if e.IsDir() {
				folders = append(folders, filepath.Join(dir, e.Name()))
			}
		}
		sort.Strings(folders)
	}
	if len(folders) == 0 {
		return c.fail("tc3sign vectors", "no case folders in %s", dir)
	}
	passed, failed := 0, 0
	for _, folder := range folders {
		name := filepath.Base(folder)
		problem := checkCase(folder)
		if problem == "" {
			passed++
			fmt.Fprintf(c.stdout, "ok    %s\n", name)
		} else {
			failed++
			fmt.Fprintf(c.stdout, "FAIL  %s  %s\n", name, problem)
		}
	}
	fmt.Fprintf(c.stdout, "%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return exitRejected
	}
	return exitOK
}

// checkCase loads and checks one case with tc3vectors; "" means it passed.
func checkCase(folder string) string {
	cs, err := tc3vectors.LoadCase(folder)
	if err != nil {
		return oneLine(strings.TrimPrefix(err.Error(), "tc3vectors: "))
	}
	mismatches, err := cs.Check()
	if err != nil {
		return oneLine(strings.TrimPrefix(err.Error(), "tc3vectors: "))
	}
	if len(mismatches) == 0 {
		return ""
	}
	m := mismatches[0]
	more := ""
	if len(mismatches) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(mismatches)-1)
	}
	if m.File == "request.http" {
		return oneLine(fmt.Sprintf("request.http: %s%s", truncateRunes(m.Got, 160), more))
	}
	return fmt.Sprintf("%s: want %q, got %q%s", m.File, truncateRunes(m.Want, 70), truncateRunes(m.Got, 70), more)
}
