package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// lockedBuffer is a bytes.Buffer safe for the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr lockedBuffer
	var stdout lockedBuffer
	env := map[string]string{envSecretID: testID, envSecretKy: testKey}
	c := &cli{
		ctx:    ctx,
		stdin:  strings.NewReader(""),
		stdout: io.MultiWriter(pw, &stdout),
		stderr: &stderr,
		getenv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		now:    time.Now,
	}
	done := make(chan int, 1)
	go func() {
		done <- c.run([]string{"serve", "--addr", "127.0.0.1:0"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v (stderr %s)", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on http://")
	if !ok || !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("first line %q", line)
	}

	call := func(cred tc3.Credentials, action, body string) map[string]any {
		t.Helper()
		req, err := http.NewRequest("POST", "http://"+addr+"/", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-TC-Action", action)
		req.Header.Set("X-TC-Version", "2018-03-01")
		req.Header.Set("X-TC-Region", "ap-guangzhou")
		if err := tc3.NewSigner(0).SignRequest(req, cred, "faceid", "", time.Now().Unix()); err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Response map[string]any
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
			t.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		if out.Response["RequestId"] == nil {
			t.Errorf("no RequestId: %v", out.Response)
		}
		return out.Response
	}

	// A valid DetectAuth gets the documented shape: Url, BizToken, RequestId.
	ok1 := call(tc3.Credentials{SecretID: testID, SecretKey: testKey}, "DetectAuth", `{"RuleId":"1"}`)
	if ok1["Error"] != nil || ok1["BizToken"] == "" || !strings.Contains(ok1["Url"].(string), ok1["BizToken"].(string)) {
		t.Errorf("DetectAuth response: %v", ok1)
	}
	// Another SecretId: AuthFailure.SecretIdNotFound.
	other := call(tc3.Credentials{SecretID: "AKIDSOMEONEELSE", SecretKey: testKey}, "DetectAuth", `{"RuleId":"1"}`)
	if e, _ := other["Error"].(map[string]any); e == nil || e["Code"] != "AuthFailure.SecretIdNotFound" {
		t.Errorf("other SecretId: %v", other)
	}
	// The right id with the wrong key: the precise reason comes back.
	bad := call(tc3.Credentials{SecretID: testID, SecretKey: "WRONGKEYWRONGKEY"}, "DetectAuth", `{"RuleId":"1"}`)
	if e, _ := bad["Error"].(map[string]any); e == nil || e["Code"] != "AuthFailure.SignatureFailure" || !strings.Contains(e["Message"].(string), "canonical request") {
		t.Errorf("wrong key: %v", bad)
	}

	// Proxy mode: the client keeps the real endpoint over http and uses
	// serve as its proxy, absolute-form (Go, Python) or CONNECT (Node).
	proxyURL, _ := url.Parse("http://" + addr)
	viaProxy := func(t *testing.T, client *http.Client, method string) map[string]any {
		t.Helper()
		req, _ := http.NewRequest("POST", "http://faceid.tencentcloudapi.com/", strings.NewReader(`{"RuleId":"1"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-TC-Action", "DetectAuth")
		req.Header.Set("X-TC-Version", "2018-03-01")
		if err := tc3.NewSigner(0).SignRequest(req, tc3.Credentials{SecretID: testID, SecretKey: testKey}, "faceid", "", time.Now().Unix()); err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s via proxy: %v", method, err)
		}
		defer resp.Body.Close()
		var out struct{ Response map[string]any }
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatalf("%s via proxy: %v", method, err)
		}
		return out.Response
	}
	absolute := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}
	if r := viaProxy(t, absolute, "absolute-form"); r["Error"] != nil || r["BizToken"] == nil {
		t.Errorf("absolute-form through serve: %v", r)
	}
	tunnel := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		// What Node's https-proxy-agent does even for http URLs.
		conn, err := net.Dial(network, addr)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(conn, "CONNECT faceid.tencentcloudapi.com:80 HTTP/1.1\r\nHost: faceid.tencentcloudapi.com:80\r\n\r\n")
		br := bufio.NewReader(conn)
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != 200 {
			conn.Close()
			return nil, fmt.Errorf("CONNECT: %v %v", resp, err)
		}
		return conn, nil
	}}}
	if r := viaProxy(t, tunnel, "CONNECT"); r["Error"] != nil || r["BizToken"] == nil {
		t.Errorf("CONNECT tunnel through serve: %v", r)
	}
	// CONNECT to 443 cannot be served (plain HTTP): refused with the fix.
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "CONNECT faceid.tencentcloudapi.com:443 HTTP/1.1\r\nHost: faceid.tencentcloudapi.com:443\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	conn.Close()
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(string(msg), "set the client's scheme/protocol to http") {
		t.Errorf("CONNECT :443: %d %s", resp.StatusCode, msg)
	}
	// Endpoint mode with an SDK that takes the service from the IP (Node,
	// Java, PHP): refused, saying what the client did and the fix.
	req, _ := http.NewRequest("POST", "http://"+addr+"/", strings.NewReader(`{"RuleId":"1"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "DetectAuth")
	req.Header.Set("X-TC-Version", "2018-03-01")
	if err := tc3.NewSigner(0).SignRequest(req, tc3.Credentials{SecretID: testID, SecretKey: testKey}, "127", "", time.Now().Unix()); err != nil {
		t.Fatal(err)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Response struct {
			Error struct{ Code, Message string }
		}
	}
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if e := out.Response.Error; e.Code != "AuthFailure.SignatureFailure" || !strings.Contains(e.Message, `credential scope service "127" must be "faceid", the product of host `+addr) || !strings.Contains(e.Message, "set the client's HTTP proxy to "+addr) {
		t.Errorf("service 127: %+v", e)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exit %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop when its context was cancelled")
	}
	for _, out := range []string{stdout.String(), stderr.String()} {
		if strings.Contains(out, testKey) {
			t.Fatal("serve printed the secret key")
		}
	}
	if !strings.Contains(stderr.String(), "AKIDSOMEONEELSE") {
		t.Errorf("no request log on stderr:\n%s", stderr.String())
	}
}
