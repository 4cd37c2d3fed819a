package faceidtest

import (
	"bytes"
	"crypto/tls"
	"encoding/binary"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// FaultKind names a transport-level fault a FaultServer injects: what
// happens to one request, or to one connection, on its way to the Handler
// and back.
type FaultKind string

// The faults a FaultServer injects. Each is consumed by one request (Refuse:
// by one connection), in the order given to Inject.
const (
	// FaultNone lets the request through: the Handler answers it.
	FaultNone FaultKind = ""
	// FaultRefuse resets the next new connection before its TLS handshake
	// completes, so the client cannot have written the request. The answer
	// before it carries "Connection: close", so the client has to dial.
	// HTTP/1.1 only.
	FaultRefuse FaultKind = "refuse"
	// FaultDrop closes the connection (TCP reset) without an answer. With
	// Processed the Handler processes the request first; without it only
	// the headers are read, so the client may well have written the whole
	// request but nothing acts on it.
	FaultDrop FaultKind = "drop"
	// FaultStatus answers Status with Body (and Header), as a proxy or
	// load balancer would: after the Handler processed the request when
	// Processed is set (a 502 or 504 behind a backend that answered), or
	// instead of it.
	FaultStatus FaultKind = "status"
	// FaultH2Reset lets the Handler process the request and then resets
	// the HTTP/2 stream with REFUSED_STREAM instead of delivering the
	// answer, as a misbehaving proxy may. HTTP/2 servers only.
	FaultH2Reset FaultKind = "h2-reset"
	// FaultStall sends nothing until the client gives up (or a minute
	// passes); with Processed the Handler processes the request first.
	FaultStall FaultKind = "stall"
	// FaultOversize lets the Handler process the request and answers HTTP
	// 200 with a JSON envelope of Size bytes (with Content-Length), too
	// large for a client's response cap.
	FaultOversize FaultKind = "oversize"
)

// Fault is one injected failure.
type Fault struct {
	Kind FaultKind
	// Processed: the Handler processes the request (and so bills it) before
	// the fault hits. FaultH2Reset and FaultOversize always process.
	Processed bool
	// Status, Header and Body are the answer of FaultStatus; an empty Body
	// is a small HTML error page.
	Status int
	Header http.Header
	Body   string
	// Size is the body size of FaultOversize.
	Size int
}

// FaultServer is a Handler behind an HTTPS listener (HTTP/1.1, or HTTP/2
// through a frame relay) that injects the faults networks and proxies
// produce: connections reset before or after the request, proxy statuses,
// stream resets, stalls and oversize answers. Its answers carry a Date
// header from the Handler's clock (Options.Now), as the gateway's do.
// Client returns an *http.Client that trusts its certificate.
type FaultServer struct {
	*Handler
	// URL is "https://127.0.0.1:port"; Host is "127.0.0.1:port".
	URL, Host string
	// HTTP2 reports whether the server speaks HTTP/2 (and only HTTP/2).
	HTTP2 bool

	backend *httptest.Server
	relay   *h2Relay // HTTP/2 only
	ln      *refusingListener

	mu        sync.Mutex
	faults    []Fault
	arrived   int // requests that reached the HTTP layer
	refused   int // connections reset by FaultRefuse
	rate      float64
	burst     float64
	tokens    float64
	lastFill  time.Time
	throttled int
}

// NewFaultServer starts a FaultServer on 127.0.0.1 with a free port. With
// http2 it speaks HTTP/2 only. Close it when done.
func NewFaultServer(opts Options, http2 bool) *FaultServer {
	s := &FaultServer{Handler: NewHandler(opts), HTTP2: http2}
	s.backend = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.backend.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.backend.EnableHTTP2 = http2
	if !http2 {
		s.ln = &refusingListener{Listener: s.backend.Listener, s: s}
		s.backend.Listener = s.ln
	}
	s.backend.StartTLS()
	s.URL, s.Host = s.backend.URL, strings.TrimPrefix(s.backend.URL, "https://")
	if http2 {
		s.relay = newH2Relay(s.backend.Listener.Addr().String(), s.backend.TLS.Certificates)
		s.Host = s.relay.ln.Addr().String()
		s.URL = "https://" + s.Host
	}
	return s
}

// Client returns an *http.Client that trusts the server's certificate and
// speaks its protocol. Its transport is fresh: closing its idle
// connections affects nobody else.
func (s *FaultServer) Client() *http.Client {
	tr := s.backend.Client().Transport.(*http.Transport).Clone()
	tr.ForceAttemptHTTP2 = s.HTTP2
	if !s.HTTP2 {
		tr.TLSClientConfig.NextProtos = []string{"http/1.1"}
	}
	return &http.Client{Transport: tr}
}

// Close shuts the server down.
func (s *FaultServer) Close() {
	if s.relay != nil {
		s.relay.close()
	}
	s.backend.Close()
}

// Inject queues faults, one per request (FaultRefuse: per connection), in
// order; requests after the queue is empty are answered normally.
func (s *FaultServer) Inject(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, faults...)
}

// SetRateLimit makes the server answer RequestLimitExceeded, as the
// gateway does, to requests beyond perSecond with bursts of burst, before
// the Handler sees them. perSecond <= 0 removes the limit.
func (s *FaultServer) SetRateLimit(perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate, s.burst, s.tokens, s.lastFill = perSecond, float64(max(burst, 1)), float64(max(burst, 1)), time.Now()
}

// Throttled returns how many requests the rate limit refused.
func (s *FaultServer) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled
}

// throttle takes a token from the rate limit, or counts a refusal.
func (s *FaultServer) throttle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rate <= 0 {
		return false
	}
	now := time.Now()
	s.tokens = min(s.burst, s.tokens+now.Sub(s.lastFill).Seconds()*s.rate)
	s.lastFill = now
	if s.tokens >= 1 {
		s.tokens--
		return false
	}
	s.throttled++
	return true
}

// Attempts returns how many attempts reached the server: requests that got
// to the HTTP layer, and connections reset by FaultRefuse.
func (s *FaultServer) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.arrived + s.refused
}

// Processed returns how many requests for action ("" = any) the Handler
// processed and accepted, that is answered without an error code, whether
// or not the answer reached the client. A billable call processed twice is
// a call billed twice.
func (s *FaultServer) Processed(action string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.ErrorCode == "" && r.HTTPStatus == http.StatusOK && (action == "" || r.Action == action) {
			n++
		}
	}
	return n
}

func (s *FaultServer) next() (f Fault, nextRefuses bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.arrived++
	if len(s.faults) > 0 && s.faults[0].Kind != FaultRefuse {
		f = s.faults[0]
		s.faults = s.faults[1:]
	}
	return f, len(s.faults) > 0 && s.faults[0].Kind == FaultRefuse
}

// takeRefuse pops a FaultRefuse at the head of the queue.
func (s *FaultServer) takeRefuse() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.faults) > 0 && s.faults[0].Kind == FaultRefuse {
		s.faults = s.faults[1:]
		s.refused++
		return true
	}
	return false
}

func (s *FaultServer) serve(w http.ResponseWriter, r *http.Request) {
	f, nextRefuses := s.next()
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
	if nextRefuses {
		w.Header().Set("Connection", "close")
	}
	process := func() {
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, r)
	}
	if f.Kind == FaultNone && s.throttle() {
		io.Copy(io.Discard, io.LimitReader(r.Body, drainLimit))
		ans := errorAnswer(newUUID(false), &apiError{Code: "RequestLimitExceeded", Message: description("RequestLimitExceeded")})
		for k, v := range ans.header {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(ans.body)))
		w.WriteHeader(ans.status)
		w.Write(ans.body)
		return
	}
	switch f.Kind {
	case FaultNone:
		s.Handler.ServeHTTP(w, r)
	case FaultDrop:
		if f.Processed {
			process()
		}
		resetConnection(w)
	case FaultStatus:
		if f.Processed {
			process()
		} else {
			io.Copy(io.Discard, io.LimitReader(r.Body, drainLimit))
		}
		body := f.Body
		if body == "" {
			text := http.StatusText(f.Status)
			body = "<html><head><title>" + strconv.Itoa(f.Status) + " " + text + "</title></head><body><h1>" + text + "</h1><hr>faceidtest</body></html>"
		}
		for k, v := range f.Header {
			w.Header()[k] = v
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", sniffType(body))
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(f.Status)
		io.WriteString(w, body)
	case FaultH2Reset:
		if s.relay == nil {
			panic("faceidtest: FaultH2Reset needs an HTTP/2 FaultServer")
		}
		s.relay.armed.Add(1)
		s.Handler.ServeHTTP(w, r)
	case FaultStall:
		if f.Processed {
			process()
		}
		t := time.NewTimer(time.Minute)
		defer t.Stop()
		select {
		case <-r.Context().Done():
		case <-t.C:
		}
		panic(http.ErrAbortHandler)
	case FaultOversize:
		process()
		pad := max(f.Size-len(`{"Response":{"Pad":"","RequestId":"oversize"}}`), 0)
		body := `{"Response":{"Pad":"` + strings.Repeat("x", pad) + `","RequestId":"oversize"}}`
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		io.WriteString(w, body)
	default:
		panic("faceidtest: unknown fault kind " + strconv.Quote(string(f.Kind)))
	}
}

// resetConnection closes the request's connection with a TCP reset and no
// answer. On HTTP/2 it aborts the stream instead.
func resetConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*tls.Conn); ok {
		if nc, ok := tc.NetConn().(*net.TCPConn); ok {
			nc.SetLinger(0)
		}
	}
	conn.Close()
}

// refusingListener resets a new connection before the TLS handshake when a
// FaultRefuse heads the queue.
type refusingListener struct {
	net.Listener
	s *FaultServer
}

func (l *refusingListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil || !l.s.takeRefuse() {
			return c, err
		}
		if tc, ok := c.(*net.TCPConn); ok {
			tc.SetLinger(0)
		}
		c.Close()
	}
}

// h2Relay accepts HTTP/2 over TLS and relays every frame, byte for byte,
// to the backend and back, so both ends keep one shared HPACK and flow
// control state. When armed it sends RST_STREAM (REFUSED_STREAM) for the
// next stream whose response HEADERS the backend sends, and 50 ms later
// still relays the backend's frames (they carry HPACK state), which the
// client ignores for a stream it has closed.
type h2Relay struct {
	ln      net.Listener
	backend string
	armed   atomic.Int32
	wg      sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]bool
}

func newH2Relay(backend string, certs []tls.Certificate) *h2Relay {
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: certs, NextProtos: []string{"h2"}})
	if err != nil {
		panic("faceidtest: relay listener: " + err.Error())
	}
	r := &h2Relay{ln: ln, backend: backend, conns: map[net.Conn]bool{}}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r.wg.Add(1)
			go func() { defer r.wg.Done(); r.relay(c) }()
		}
	}()
	return r
}

func (r *h2Relay) track(c net.Conn, on bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conns == nil {
		return false
	}
	if on {
		r.conns[c] = true
	} else {
		delete(r.conns, c)
	}
	return true
}

func (r *h2Relay) close() {
	r.ln.Close()
	r.mu.Lock()
	for c := range r.conns {
		c.Close()
	}
	r.conns = nil
	r.mu.Unlock()
	r.wg.Wait()
}

func (r *h2Relay) relay(client net.Conn) {
	defer client.Close()
	// The backend is our own loopback httptest server.
	back, err := tls.Dial("tcp", r.backend, &tls.Config{NextProtos: []string{"h2"}, InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer back.Close()
	if !r.track(client, true) || !r.track(back, true) {
		return
	}
	defer r.track(client, false)
	defer r.track(back, false)
	done := make(chan struct{})
	go func() {
		io.Copy(back, client) // the preface and every client frame, as is
		back.Close()
		close(done)
	}()
	var hdr [9]byte
	for {
		if _, err := io.ReadFull(back, hdr[:]); err != nil {
			break
		}
		n := int(hdr[0])<<16 | int(hdr[1])<<8 | int(hdr[2])
		payload := make([]byte, n)
		if _, err := io.ReadFull(back, payload); err != nil {
			break
		}
		stream := binary.BigEndian.Uint32(hdr[5:9]) & 0x7fffffff
		const typeHeaders, typeRSTStream, refusedStream = 0x1, 0x3, 0x7
		if hdr[3] == typeHeaders && stream != 0 && r.take() {
			var rst bytes.Buffer
			rst.Write([]byte{0, 0, 4, typeRSTStream, 0})
			binary.Write(&rst, binary.BigEndian, stream)
			binary.Write(&rst, binary.BigEndian, uint32(refusedStream))
			if _, err := client.Write(rst.Bytes()); err != nil {
				break
			}
			// Give the client time to forget the stream: HEADERS that
			// arrive while it still knows it are taken as the answer.
			time.Sleep(50 * time.Millisecond)
		}
		if _, err := client.Write(append(hdr[:], payload...)); err != nil {
			break
		}
	}
	client.Close()
	<-done
}

func (r *h2Relay) take() bool {
	for {
		n := r.armed.Load()
		if n <= 0 {
			return false
		}
		if r.armed.CompareAndSwap(n, n-1) {
			return true
		}
	}
}
