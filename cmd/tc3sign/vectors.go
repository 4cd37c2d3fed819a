package main

import (
	"flag"
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
	about: `Runs every case folder in DIR (or DIR itself when it is one case) through our signer with the
tc3vectors loader; without DIR it runs the cases built into the binary (a copy of the repository's
testdata/tc3), so it works outside a checkout. For each case every expected .txt file is recomputed and compared byte
for byte, and request.http is verified as the gateway would at the case's timestamp. It prints
one line per case and a closing "N passed, M failed" line; exit 1 if any case failed.

With --emit DIR it takes every flag of "tc3sign sign" and writes a new case folder DIR in the
same layout (request.http with CRLF, context.json, one .txt per value without a trailing
newline), so a team can add its own cases. context.json holds the SecretKey in clear, as the
layout requires: emit cases with test keys only.`,
	example: `  tc3sign vectors                       # the built-in cases (testdata/tc3 of the repository)
  tc3sign vectors testdata/tc3          # the cases of a checkout, or your own folder
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
	set := setFlags(fs)
	f.set = set
	if f.emit == "" {
		if names := sortedFlagNames(set); len(names) > 0 {
			return c.fail("tc3sign vectors", "--%s applies only with --emit DIR (it is a sign flag); running vectors takes no flags", names[0])
		}
	} else if set["format"] {
		return c.fail("tc3sign vectors", "--format does not apply with --emit: the case folder has one fixed layout")
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
	var dir string
	switch len(pos) {
	case 0:
		return c.runBuiltinVectors()
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

// runBuiltinVectors checks the cases embedded in the binary.
func (c *cli) runBuiltinVectors() int {
	cases, err := tc3vectors.LoadFS(tc3vectors.Builtin(), ".")
	if err != nil {
		return c.fail("tc3sign vectors", "the built-in vectors do not load (please report it): %v", err)
	}
	passed, failed := 0, 0
	for _, cs := range cases {
		if problem := checkLoaded(cs); problem == "" {
			passed++
			fmt.Fprintf(c.stdout, "ok    %s\n", cs.Name)
		} else {
			failed++
			fmt.Fprintf(c.stdout, "FAIL  %s  %s\n", cs.Name, problem)
		}
	}
	fmt.Fprintf(c.stdout, "%d passed, %d failed (built-in cases)\n", passed, failed)
	if failed > 0 {
		return exitRejected
	}
	return exitOK
}

// setFlags returns the names of the flags given on the command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

func sortedFlagNames(set map[string]bool) []string {
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkCase loads and checks one case with tc3vectors; "" means it passed.
func checkCase(folder string) string {
	cs, err := tc3vectors.LoadCase(folder)
	if err != nil {
		return oneLine(strings.TrimPrefix(err.Error(), "tc3vectors: "))
	}
	return checkLoaded(cs)
}

// checkLoaded checks a loaded case; "" means it passed.
func checkLoaded(cs *tc3vectors.Case) string {
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
