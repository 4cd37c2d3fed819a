// Command tc3sign produces, checks and debugs Tencent Cloud API 3.0
// signatures (TC3-HMAC-SHA256 and the legacy v1 HmacSHA1/HmacSHA256).
//
//	tc3sign sign    [flags]                  sign a request and print every step
//	tc3sign verify  [flags] [FILE|-]         check a captured raw HTTP request and diagnose a bad signature
//	tc3sign vectors [DIR] | --emit DIR ...   run the built-in (or DIR's) vectors, or write a new case
//	tc3sign serve   [--addr 127.0.0.1:8080]  run the FaceID stand-in server locally
//	tc3sign explain CODE|ERROR TEXT|-        explain an error a call returned
//
// Credentials come from TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and
// TENCENTCLOUD_SECURITY_TOKEN, or from --secret-id with --secret-key-file.
// A secret key is never accepted as a flag value and never printed.
//
// Exit status: 0 success (verify: the gateway would accept the request),
// 1 verify rejected / a vector failed, 2 bad input or missing credentials.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK       = 0
	exitRejected = 1 // verify: the gateway would refuse; vectors: a case failed
	exitUsage    = 2 // bad input, unreadable file, missing credentials
)

// run is the whole command, testable in process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := &cli{
		ctx:    context.Background(),
		stdin:  stdin,
		stdout: stdout,
		stderr: stderr,
		getenv: os.LookupEnv,
		now:    time.Now,
	}
	return c.run(args)
}

// cli carries everything a subcommand may touch, so that tests can supply
// their own environment, clock and context.
type cli struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) (string, bool)
	now    func() time.Time
}

const mainUsage = `tc3sign: sign, verify and debug Tencent Cloud API 3.0 signatures (TC3-HMAC-SHA256, v1 HmacSHA1/HmacSHA256)

Usage:
  tc3sign sign    [flags]                   sign a request and print every intermediate step
  tc3sign verify  [flags] [FILE|-]          check a captured raw HTTP request; diagnose a bad signature
  tc3sign vectors [DIR]                     run the signing vectors (default: the ones built in)
  tc3sign vectors --emit DIR [sign flags]   write a new vector case folder from a sign invocation
  tc3sign serve   [--addr 127.0.0.1:8080]   run the FaceID stand-in so any client can be pointed at it
  tc3sign explain CODE|ERROR TEXT|-         explain an error code a call returned: cause, fix, next command

Credentials: TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY, TENCENTCLOUD_SECURITY_TOKEN,
or --secret-id ID --secret-key-file FILE [--token-file FILE]. The key is never taken as a flag value.

Run "tc3sign COMMAND --help" for the flags and an example of each command.
Exit status: 0 ok/accepted, 1 rejected or a vector failed, 2 bad input or missing credentials.
`

func (c *cli) run(args []string) (code int) {
	defer func() {
		// A bug must not print a stack trace at the user; report it on one line.
		if r := recover(); r != nil {
			fmt.Fprintf(c.stderr, "tc3sign: internal error (please report it): %s\n", oneLine(fmt.Sprint(r)))
			code = exitUsage
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(c.stderr, mainUsage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "sign":
		return c.sign(rest)
	case "verify":
		return c.verify(rest)
	case "vectors":
		return c.vectors(rest)
	case "serve":
		return c.serve(rest)
	case "explain":
		return c.explain(rest)
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return c.run([]string{rest[0], "--help"})
		}
		fmt.Fprint(c.stdout, mainUsage)
		return exitOK
	}
	return c.fail("tc3sign", "unknown command %q: use sign, verify, vectors, serve or explain (tc3sign --help)", cmd)
}

// fail prints a one-line error and returns exitUsage.
func (c *cli) fail(cmd, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "%s: %s\n", cmd, oneLine(fmt.Sprintf(format, args...)))
	return exitUsage
}

// oneLine folds a message onto one line, so every error stays one line even
// when it quotes input.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "\r\n", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "\r", " ")
}

// command describes a subcommand for its --help.
type command struct {
	name    string // "sign"
	usage   string // first line after "Usage:"
	about   string
	example string
}

// newFlagSet returns a silent FlagSet: tc3sign prints its own errors.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags and positional arguments in any order, refusing a
// secret key given on the command line. It returns done=true with the exit
// code when the command must stop (help printed, or an error).
func (c *cli) parse(cmd command, fs *flag.FlagSet, args []string) (pos []string, done bool, code int) {
	if bad := secretKeyFlag(args); bad != "" {
		return nil, true, c.fail("tc3sign "+cmd.name, "%s is refused: a secret key on the command line shows in ps and stays in the shell history; "+
			"set TENCENTCLOUD_SECRET_KEY or pass --secret-key-file FILE (a file only you can read)", bad)
	}
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.help(cmd, fs)
			return nil, true, exitOK
		}
		if err != nil {
			msg := err.Error()
			if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				msg = "unknown flag " + name
			}
			return nil, true, c.fail("tc3sign "+cmd.name, "%s (see tc3sign %s --help)", msg, cmd.name)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, false, exitOK
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// secretKeyFlag returns the spelling of a --secret-key style flag in args.
// Only the name is returned, never the value that may follow it.
func secretKeyFlag(args []string) string {
	for _, a := range args {
		if a == "--" {
			return ""
		}
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		norm := strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(name))
		if norm == "secretkey" || norm == "key" || norm == "sk" {
			return "--" + name
		}
	}
	return ""
}

func (c *cli) help(cmd command, fs *flag.FlagSet) {
	w := c.stdout
	fmt.Fprintf(w, "Usage: tc3sign %s\n\n%s\n\nFlags:\n", cmd.usage, strings.TrimSpace(cmd.about))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprintf(w, "\nExample:\n%s\n", strings.TrimRight(cmd.example, "\n"))
}
