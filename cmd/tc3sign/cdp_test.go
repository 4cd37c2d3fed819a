//go:build linux

package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A minimal Chrome DevTools Protocol client for the browser test, on the
// standard library alone. Chromium is started with --remote-debugging-pipe:
// it reads protocol messages from file descriptor 3 and writes them to 4,
// each one JSON text ended by a NUL byte. That is the same protocol
// chromedp and Puppeteer speak over a WebSocket, without the WebSocket
// framing, the port and a dependency.
// Protocol reference: https://chromedevtools.github.io/devtools-protocol/

// chromiumPath is Debian's chromium package.
const chromiumPath = "/usr/bin/chromium"

// cdpMessage is a command answer or an event.
type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// browser is one headless Chromium and its protocol pipe.
type browser struct {
	cmd *exec.Cmd
	out io.WriteCloser

	mu      sync.Mutex
	wmu     sync.Mutex
	next    int
	pending map[int]chan cdpMessage
	errs    []string // JavaScript exceptions and console errors of the page
	done    chan struct{}
}

// startBrowser starts headless Chromium, or skips the test when Debian's
// chromium package is not installed. The flags keep it off the network:
// without the background-networking ones it tries to reach Google's
// services, which a closed network refuses.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test skipped: %s not found (install Debian's chromium package: apt-get install -y chromium; .ci/run does)", chromiumPath)
	}
	toChrome, ourEnd, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromChrome, chromeEnd, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromiumPath,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toChrome, chromeEnd} // fd 3: Chromium reads, fd 4: Chromium writes
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", chromiumPath, err)
	}
	toChrome.Close()
	chromeEnd.Close()
	b := &browser{cmd: cmd, out: ourEnd, pending: map[int]chan cdpMessage{}, done: make(chan struct{})}
	go b.read(fromChrome)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		b.call(ctx, "", "Browser.close", nil, nil)
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case <-waited:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the process group we started
			<-waited
		}
		ourEnd.Close()
		fromChrome.Close()
		if t.Failed() {
			t.Logf("chromium stderr (last 2000 bytes): %s", tail(stderr.String(), 2000))
		}
	})
	return b
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func (b *browser) read(r io.Reader) {
	defer close(b.done)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		frame, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if err := json.Unmarshal(frame[:len(frame)-1], &m); err != nil {
			continue
		}
		if m.ID != 0 {
			b.mu.Lock()
			ch := b.pending[m.ID]
			delete(b.pending, m.ID)
			b.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		b.event(m)
	}
}

// event keeps what the page reports as an error: an uncaught exception, a
// console.error, a log entry of level error (a CSP violation, a failed load).
func (b *browser) event(m cdpMessage) {
	var msg string
	switch m.Method {
	case "Runtime.exceptionThrown":
		var p struct {
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		json.Unmarshal(m.Params, &p)
		msg = "exception: " + p.ExceptionDetails.Text + " " + p.ExceptionDetails.Exception.Description
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		json.Unmarshal(m.Params, &p)
		if p.Type != "error" {
			return
		}
		msg = "console.error:"
		for _, a := range p.Args {
			msg += fmt.Sprintf(" %v%s", a.Value, a.Description)
		}
	case "Log.entryAdded":
		var p struct {
			Entry struct {
				Level string `json:"level"`
				Text  string `json:"text"`
				URL   string `json:"url"`
			} `json:"entry"`
		}
		json.Unmarshal(m.Params, &p)
		if p.Entry.Level != "error" {
			return
		}
		msg = "log: " + p.Entry.Text + " " + p.Entry.URL
	default:
		return
	}
	b.mu.Lock()
	b.errs = append(b.errs, msg)
	b.mu.Unlock()
}

// pageErrors returns the errors the page reported so far.
func (b *browser) pageErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.errs...)
}

// call sends one command (to the browser, or to a page's session) and
// decodes its result into result when not nil.
func (b *browser) call(ctx context.Context, session, method string, params, result any) error {
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	b.wmu.Lock()
	_, err = b.out.Write(append(data, 0))
	b.wmu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: chromium closed the pipe", method)
	case <-ctx.Done():
		return fmt.Errorf("%s: %v", method, ctx.Err())
	}
}

// tab is one page of the browser, driven through its session.
type tab struct {
	b       *browser
	session string
	t       *testing.T
}

// newTab opens about:blank in a viewport of width x height CSS pixels.
func (b *browser) newTab(t *testing.T, width, height int) *tab {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var att struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		t.Fatal(err)
	}
	p := &tab{b: b, session: att.SessionID, t: t}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		p.do(m, nil, nil)
	}
	p.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}, nil)
	return p
}

func (p *tab) do(method string, params, result any) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := p.b.call(ctx, p.session, method, params, result); err != nil {
		p.t.Fatal(err)
	}
}

// navigate loads url and waits until its document is complete.
func (p *tab) navigate(url string) {
	p.t.Helper()
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	p.do("Page.navigate", map[string]any{"url": url}, &nav)
	if nav.ErrorText != "" {
		p.t.Fatalf("navigating to %s: %s", url, nav.ErrorText)
	}
	p.waitFor(`document.readyState === "complete"`, 15*time.Second)
}

// eval evaluates a JavaScript expression in the page (awaiting a promise)
// and decodes its value into out when not nil.
func (p *tab) eval(expr string, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var res struct {
		Result struct {
			Type  string          `json:"type"`
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := p.b.call(ctx, p.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res); err != nil {
		return err
	}
	if e := res.ExceptionDetails; e != nil {
		return fmt.Errorf("evaluating %q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if out != nil && len(res.Result.Value) > 0 {
		return json.Unmarshal(res.Result.Value, out)
	}
	return nil
}

// mustEval is eval that fails the test on an error.
func (p *tab) mustEval(expr string, out any) {
	p.t.Helper()
	if err := p.eval(expr, out); err != nil {
		p.t.Fatal(err)
	}
}

// text is the textContent of the first element matching selector ("" if none).
func (p *tab) text(selector string) string {
	p.t.Helper()
	var s string
	sel, _ := json.Marshal(selector)
	p.mustEval(fmt.Sprintf(`(document.querySelector(%s) || {textContent: ""}).textContent`, sel), &s)
	return s
}

// waitFor polls a JavaScript condition until it is true, failing the test
// after timeout.
func (p *tab) waitFor(cond string, timeout time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(timeout)
	var lastErr error
	for {
		var ok bool
		lastErr = p.eval("Boolean("+cond+")", &ok)
		if lastErr == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("waited %v for %s: not true (last error: %v; page errors: %v)", timeout, cond, lastErr, p.b.pageErrors())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// screenshot captures the top height CSS pixels of the viewport as PNG
// (the whole viewport when height is 0).
func (p *tab) screenshot(height int) []byte {
	p.t.Helper()
	var shot struct {
		Data string `json:"data"`
	}
	params := map[string]any{"format": "png"}
	if height > 0 {
		var width int
		p.mustEval("window.innerWidth", &width)
		params["clip"] = map[string]any{"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
	}
	p.do("Page.captureScreenshot", params, &shot)
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	return png
}

// setFile chooses a file in the <input type=file> matching selector, as a
// person picking it would (the input's change event fires).
func (p *tab) setFile(selector, path string) {
	p.t.Helper()
	var doc struct {
		Root struct {
			NodeID int `json:"nodeId"`
		} `json:"root"`
	}
	p.do("DOM.getDocument", nil, &doc)
	var node struct {
		NodeID int `json:"nodeId"`
	}
	p.do("DOM.querySelector", map[string]any{"nodeId": doc.Root.NodeID, "selector": selector}, &node)
	if node.NodeID == 0 {
		p.t.Fatalf("no element %s", selector)
	}
	p.do("DOM.setFileInputFiles", map[string]any{"files": []string{path}, "nodeId": node.NodeID}, nil)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}
