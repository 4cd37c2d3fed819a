package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

var serveCmd = command{
	name:  "serve",
	usage: "serve [--addr 127.0.0.1:8080] [credential flags]",
	about: `Runs the faceidtest stand-in of the FaceID endpoint as a plain-HTTP server, so a client in any
language can be pointed at it: it checks the signature exactly as the gateway does and answers
with the gateway's error code and a precise reason in Error.Message (AuthFailure.SignatureFailure
names what differs), or with the documented response of the action.

It accepts the SecretId/SecretKey given to it the way sign takes them (environment or
--secret-id with --secret-key-file); a request signed with any other SecretId gets
AuthFailure.SecretIdNotFound. The service is faceid: sign the Host you send (e.g.
127.0.0.1:8080) with service faceid. The first line of output is "listening on http://ADDR";
one log line per request follows on stderr. It listens on loopback unless --addr names another
address. Stop it with Ctrl-C.`,
	example: `  export TENCENTCLOUD_SECRET_ID=AKIDEXAMPLE TENCENTCLOUD_SECRET_KEY=SECRETKEYEXAMPLE
  tc3sign serve --addr 127.0.0.1:8080
  # then point your client's endpoint at http://127.0.0.1:8080 (Host 127.0.0.1:8080, service faceid)`,
}

func (c *cli) serve(args []string) int {
	var addr string
	var cf credFlags
	fs := newFlagSet("serve")
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; loopback by default, anything else must be named explicitly")
	cf.register(fs)
	pos, done, code := c.parse(serveCmd, fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail("tc3sign serve", "unexpected argument %q (tc3sign serve --help)", pos[0])
	}
	cred, err := c.credentials(cf)
	if err != nil {
		return c.fail("tc3sign serve", "%v", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return c.fail("tc3sign serve", "cannot listen on %s: %v", addr, err)
	}
	bound := ln.Addr().String()
	fmt.Fprintf(c.stdout, "listening on http://%s\n", bound)
	if host, _, err := net.SplitHostPort(bound); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(c.stderr, "warning: %s is reachable from other machines; it accepts SecretId %s\n", bound, cred.SecretID)
		}
	}
	fmt.Fprintf(c.stderr, "accepting SecretId %s (SecretKey %s), service %s, version %s; Ctrl-C stops\n", cred.SecretID, tc3.Mask(cred.SecretKey), faceidtest.Service, faceidtest.Version)

	logger := slog.New(slog.NewTextHandler(c.stderr, nil))
	h := faceidtest.NewHandler(faceidtest.Options{Credentials: []tc3.Credentials{cred}, Now: c.now, Logger: logger})
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}

	ctx, stop := signal.NotifyContext(c.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			return c.fail("tc3sign serve", "%v", err)
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
		fmt.Fprintf(c.stderr, "stopped\n")
	}
	return exitOK
}
