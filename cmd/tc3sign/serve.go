package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

var serveCmd = command{
	name:  "serve",
	usage: "serve [--addr 127.0.0.1:8080] [credential flags]",
	about: `Runs the faceidtest stand-in of the FaceID endpoint as a plain-HTTP server, so a client in any
language can be pointed at it: it checks the signature exactly as the gateway does (the rules of
tc3.Check, the same ones "tc3sign verify" applies) and answers with the gateway's error code and a
precise reason in Error.Message, or with the documented response of the action.

Two ways to point a client at it:
  endpoint  the client's endpoint is http://ADDR. The client must then sign service faceid and the
            Host it sends (ADDR). The Go and Python SDKs do; the Node.js, Java and PHP SDKs take the
            service from the endpoint's first label ("127") and are refused with the reason.
  proxy     the client keeps the endpoint faceid.tencentcloudapi.com with scheme http, and uses
            http://ADDR as its HTTP proxy. It signs the real host and service, so every SDK works
            unmodified. serve answers proxied requests (absolute-form, or CONNECT to port 80) itself;
            it forwards nothing anywhere. CONNECT to port 443 is refused: serve speaks plain HTTP.

It accepts the SecretId/SecretKey given to it the way sign takes them (environment or
--secret-id with --secret-key-file); a request signed with any other SecretId gets
AuthFailure.SecretIdNotFound. The first line of output is "listening on http://ADDR"; one log line
per request follows on stderr. It listens on loopback unless --addr names another address. Stop it
with Ctrl-C. The README has a recipe per SDK.

The request inspector: open http://ADDR/ (or http://ADDR/_inspect/) in a browser. It lists the
requests serve received, newest first and live, each with the checks of "tc3sign verify", the
mistake that reproduces its signature and a box to diff your canonical request and string to sign
against ours; two forms check a pasted raw request and sign one. The page is embedded and sends
nothing anywhere; it answers only under ADDR (or localhost), never shows the SecretKey, masks the
token, shows derived keys only with --show-derived-keys, and keeps the last --inspect-keep requests.`,
	example: `  export TENCENTCLOUD_SECRET_ID=AKIDEXAMPLE TENCENTCLOUD_SECRET_KEY=SECRETKEYEXAMPLE
  tc3sign serve --addr 127.0.0.1:8080
  # endpoint mode (Go, Python): endpoint http://127.0.0.1:8080
  # proxy mode (every SDK): endpoint faceid.tencentcloudapi.com, scheme http, HTTP proxy http://127.0.0.1:8080`,
}

func (c *cli) serve(args []string) int {
	var addr string
	var cf credFlags
	var insp inspectFlags
	fs := newFlagSet("serve")
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; loopback by default, anything else must be named explicitly")
	cf.register(fs)
	insp.register(fs)
	pos, done, code := c.parse(serveCmd, fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return c.fail("tc3sign serve", "unexpected argument %q (tc3sign serve --help)", pos[0])
	}
	if err := insp.validate(); err != nil {
		return c.fail("tc3sign serve", "%v", err)
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
	fmt.Fprintf(c.stderr, "accepting SecretId %s (SecretKey %s), service %s, version %s; Ctrl-C stops\n", cred.SecretID, tc3.Redact(cred.SecretKey), faceidtest.Service, faceidtest.Version)

	logger := slog.New(slog.NewTextHandler(c.stderr, nil))
	api := faceidtest.NewHandler(faceidtest.Options{Credentials: []tc3.Credentials{cred}, Now: c.now, Logger: logger})
	// The request inspector page (inspect.go) stands in front of the API.
	h := newInspector(api, cred, c.now, ln.Addr(), insp)
	fmt.Fprintf(c.stderr, "request inspector: http://%s%s\n", bound, inspectPrefix)
	tunnels := newConnListener(ln.Addr())
	errLog := slog.NewLogLogger(logger.Handler(), slog.LevelWarn)
	srv := &http.Server{Handler: &proxyFront{h: h, tunnels: tunnels}, ReadHeaderTimeout: 10 * time.Second, ErrorLog: errLog}
	// Requests that arrive inside a CONNECT tunnel are served by a second
	// server over the same handler.
	inner := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ErrorLog: errLog}

	ctx, stop := signal.NotifyContext(c.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go inner.Serve(tunnels)
	select {
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			return c.fail("tc3sign serve", "%v", err)
		}
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
		inner.Shutdown(shutdown)
		fmt.Fprintf(c.stderr, "stopped\n")
	}
	return exitOK
}

// proxyFront lets serve stand where an HTTP proxy would: a client that keeps
// the endpoint faceid.tencentcloudapi.com over plain http and sets serve as
// its proxy sends either absolute-form requests (POST http://host/ ...,
// which net/http serves like any other, with r.Host the real host) or, as
// Node's https-proxy-agent does even for http URLs, CONNECT host:80 and then
// the request inside the tunnel. serve answers them all itself; nothing is
// forwarded.
type proxyFront struct {
	h       http.Handler
	tunnels *connListener
}

func (p *proxyFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodConnect {
		p.h.ServeHTTP(w, r)
		return
	}
	_, port, err := net.SplitHostPort(r.Host)
	if err != nil || port == "443" {
		msg := fmt.Sprintf("tc3sign serve: CONNECT %s refused: serve speaks plain HTTP and cannot answer https; "+
			"set the client's scheme/protocol to http (endpoint faceid.tencentcloudapi.com, scheme http, proxy http://%s)\n", r.Host, r.Context().Value(http.LocalAddrContextKey))
		http.Error(w, msg, http.StatusBadGateway)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "tc3sign serve: cannot tunnel on this connection", http.StatusInternalServerError)
		return
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		return
	}
	if _, err := conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		conn.Close()
		return
	}
	if !p.tunnels.put(&bufferedConn{Conn: conn, r: rw.Reader}) {
		conn.Close()
	}
}

// bufferedConn is a hijacked connection whose first bytes may already sit
// in the server's read buffer.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

// connListener is a net.Listener fed with tunnelled connections.
type connListener struct {
	addr  net.Addr
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func newConnListener(addr net.Addr) *connListener {
	return &connListener{addr: addr, conns: make(chan net.Conn), done: make(chan struct{})}
}

func (l *connListener) put(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.done:
		return false
	}
}

func (l *connListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *connListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *connListener) Addr() net.Addr { return l.addr }
