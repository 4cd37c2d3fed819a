package transport

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// padBody is a JSON body {"CallId":"size","Pad":"..."} whose Pad has n
// bytes, all unreserved so they encode one to one. variant changes the
// first byte, which changes a v1 signature but not the body's length.
func padBody(n, variant int) []byte {
	pad := strings.Repeat("x", n)
	if n > 0 {
		pad = string(rune('a'+variant%26)) + pad[1:]
	}
	return []byte(`{"CallId":"size","Pad":"` + pad + `"}`)
}

// sizer measures the size the client checks for a pad of n bytes: the
// POST body or the GET URL, built exactly as an attempt builds it. With a
// fixed clock and a constant random source it is what the next Call
// sends. It flattens the body once and then swaps the Pad parameter, as
// flattening a megabyte under -race is slow.
type sizer struct {
	t  *testing.T
	c  *Client
	st *callState
}

func newSizer(t *testing.T, c *Client) *sizer {
	st, err := c.newCallState(Call{Action: "LivenessCompare", Version: "2018-03-01", Body: padBody(1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	return &sizer{t: t, c: c, st: st}
}

func (z *sizer) size(n, variant int) int {
	c, st := z.c, z.st
	pad := string(padBody(n, variant))
	pad = strings.TrimSuffix(strings.TrimPrefix(pad, `{"CallId":"size","Pad":"`), `"}`)
	switch {
	case c.sigMethod != tc3.Algorithm:
		st.v1params["Pad"] = pad
		res, err := st.signV1(testCreds, c.now().Unix())
		if err != nil {
			z.t.Fatal(err)
		}
		if c.method == http.MethodGet {
			return tc3.GETURLBytes(c.host, "/?"+res.Encoded)
		}
		return len(res.Encoded)
	case c.method == http.MethodGet:
		return tc3.GETURLBytes(c.host, "/?"+tc3.EncodeQuery(map[string]string{"CallId": "size", "Pad": pad}))
	}
	return len(padBody(n, variant))
}

// findPad returns a pad length and variant whose request is exactly target
// bytes. A v1 request's size moves by a few bytes with its signature ('+',
// '/' and '=' encode to three bytes), so it tries variants.
func (z *sizer) findPad(target int) (int, int) {
	n := target - z.size(1, 0) + 1
	for i := 0; i < 8; i++ {
		for v := 0; v < 26; v++ {
			got := z.size(n, v)
			if got == target {
				return n, v
			}
			if v == 25 {
				n += target - got
			}
		}
	}
	z.t.Fatalf("no body of exactly %d bytes found", target)
	return 0, 0
}

// TestSizeLimits checks each limit at its edge: exactly at the limit the
// request is sent and verified; one byte over, it is refused with a
// *SizeError and the server sees nothing.
func TestSizeLimits(t *testing.T) {
	cases := []struct {
		name, method, sig string
		limit             int
		fix               string
	}{
		{"TC3 POST", http.MethodPost, tc3.Algorithm, MaxTC3BodyBytes, "send less"},
		{"HmacSHA256 POST", http.MethodPost, tc3.HmacSHA256, MaxV1BodyBytes, "sign with TC3-HMAC-SHA256"},
		{"HmacSHA1 POST", http.MethodPost, tc3.HmacSHA1, MaxV1BodyBytes, "sign with TC3-HMAC-SHA256"},
		{"TC3 GET", http.MethodGet, tc3.Algorithm, MaxGETURLBytes, "use POST"},
		{"HmacSHA256 GET", http.MethodGet, tc3.HmacSHA256, MaxGETURLBytes, "use POST"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newFaultServer(t, newFakeClock())
			c := newTestClient(t, s, func(c *Config) {
				c.Method, c.SignatureMethod = tc.method, tc.sig
				c.Now = func() time.Time { return time.Unix(t0, 0) }
				c.Rand = constSource(0x1234567890abcdef) // the same nonce every time
				c.AttemptTimeout = time.Minute           // 10 MiB through tc3.Verify under -race on a loaded machine
			})
			if got := c.BodyLimit(); got != tc.limit {
				t.Errorf("BodyLimit = %d, want %d", got, tc.limit)
			}
			call := func(n, v int) error {
				_, err := c.Call(context.Background(), Call{Action: "LivenessCompare", Version: "2018-03-01", Body: padBody(n, v)})
				return err
			}

			z := newSizer(t, c)
			n, v := z.findPad(tc.limit)
			if err := call(n, v); err != nil {
				t.Fatalf("exactly at the limit (%d bytes): %v", tc.limit, err)
			}
			checkAttempts(t, s, 1)

			n, v = z.findPad(tc.limit + 1)
			err := call(n, v)
			var se *SizeError
			if !errors.As(err, &se) {
				t.Fatalf("one byte over: err = %v, want *SizeError", err)
			}
			want := SizeError{Action: "LivenessCompare", Size: int64(tc.limit + 1), Limit: int64(tc.limit), Method: tc.method, SignatureMethod: tc.sig}
			if *se != want {
				t.Errorf("SizeError = %+v, want %+v", *se, want)
			}
			msg := err.Error()
			for _, part := range []string{"transport: LivenessCompare: ", strconv.Itoa(tc.limit + 1), strconv.Itoa(tc.limit), tc.fix} {
				if !strings.Contains(msg, part) {
					t.Errorf("message %q lacks %q", msg, part)
				}
			}
			if IsRetryable(err) {
				t.Error("SizeError reported retryable")
			}
			checkAttempts(t, s, 1) // nothing more reached the server
		})
	}
}
