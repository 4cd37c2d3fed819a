package tc3

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// SignRequest signs what is sent: the request it signs verifies, unsigned
// headers added afterwards do not matter, and the body is still readable.
func TestSignRequestRoundTrip(t *testing.T) {
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE", Token: "TOKENEXAMPLE"}
	body := `{"RuleId":"1"}`
	for _, withGetBody := range []bool{true, false} {
		var rd io.Reader = strings.NewReader(body)
		if !withGetBody {
			rd = io.MultiReader(rd) // hides the type, so NewRequest sets no GetBody
		}
		req, err := http.NewRequest("POST", "https://faceid.tencentcloudapi.com/", rd)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-TC-Action", "DetectAuth")
		if err := NewSigner(4).SignRequest(req, cred, "faceid", "", 1795750620, "X-TC-Action"); err != nil {
			t.Fatal(err)
		}
		if got := req.Header.Get("X-TC-Timestamp"); got != "1795750620" {
			t.Errorf("X-TC-Timestamp = %q", got)
		}
		if got := req.Header.Get("X-TC-Token"); got != "TOKENEXAMPLE" {
			t.Errorf("X-TC-Token = %q", got)
		}
		req.Header.Set("X-TC-Version", "2018-03-01") // unsigned
		sent, _ := io.ReadAll(req.Body)
		if string(sent) != body {
			t.Errorf("body after signing = %q, want %q", sent, body)
		}
		req.Host = req.URL.Host
		_, err = Verify(req, sent, VerifyOptions{
			Credentials: func(id string) (Credentials, bool) { return cred, id == cred.SecretID },
			Service:     "faceid",
			Now:         time.Unix(1795750620+299, 0),
		})
		if err != nil {
			t.Errorf("GetBody=%v: Verify: %v", withGetBody, err)
		}
		if !strings.Contains(req.Header.Get("Authorization"), "SignedHeaders=content-type;host;x-tc-action,") {
			t.Errorf("Authorization %q does not sign x-tc-action", req.Header.Get("Authorization"))
		}
	}
}

// Signing X-TC-Timestamp and X-TC-Token signs the values that are sent.
func TestSignRequestSignsTheHeadersItSets(t *testing.T) {
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE", Token: "TOKENEXAMPLE"}
	req, _ := http.NewRequest("POST", "https://faceid.tencentcloudapi.com/", strings.NewReader("{}"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Timestamp", "1") // stale, from an earlier attempt
	if err := NewSigner(0).SignRequest(req, cred, "faceid", "", 1795750620, "X-TC-Timestamp", "X-TC-Token"); err != nil {
		t.Fatal(err)
	}
	req.Host = req.URL.Host
	_, err := Verify(req, []byte("{}"), VerifyOptions{
		Credentials: func(string) (Credentials, bool) { return cred, true }, Service: "faceid", Now: time.Unix(1795750620, 0),
	})
	if err != nil {
		t.Errorf("Verify: %v", err)
	}
}

func TestVerifyRejections(t *testing.T) {
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}
	const ts = 1795750620
	signed := func(body string, mutate func(*http.Request)) (*http.Request, []byte) {
		req, _ := http.NewRequest("POST", "https://faceid.tencentcloudapi.com/", bytes.NewReader([]byte(body)))
		req.Header.Set("Content-Type", "application/json")
		if err := NewSigner(0).SignRequest(req, cred, "faceid", "", ts); err != nil {
			t.Fatal(err)
		}
		req.Host = req.URL.Host
		if mutate != nil {
			mutate(req)
		}
		return req, []byte(body)
	}
	opts := VerifyOptions{
		Credentials: func(id string) (Credentials, bool) { return cred, id == cred.SecretID },
		Service:     "faceid",
		Now:         time.Unix(ts, 0),
	}
	tests := []struct {
		name     string
		mutate   func(*http.Request)
		now      int64
		body     []byte
		wantCode string
		wantMsg  string
	}{
		{"accepted", nil, ts, nil, "", ""},
		{"expired", nil, ts + 301, nil, "AuthFailure.SignatureExpire", "limit is 5m0s"},
		{"from the future", nil, ts - 301, nil, "AuthFailure.SignatureExpire", ""},
		{"edge of window", nil, ts + 300, nil, "", ""},
		{"body changed", nil, ts, []byte(`{"RuleId":"2"}`), "AuthFailure.SignatureFailure", "signature does not match"},
		{"unknown id", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "AKIDEXAMPLE", "AKIDOTHER", 1))
		}, ts, nil, "AuthFailure.SecretIdNotFound", "AKIDOTHER"},
		{"local date", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "2026-11-27", "2026-11-28", 1))
		}, ts, nil, "AuthFailure.SignatureFailure", "compute the date in UTC"},
		{"wrong algorithm", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "TC3-HMAC-SHA256", "TC3-HMAC-SHA1", 1))
		}, ts, nil, "AuthFailure.InvalidAuthorization", "is not TC3-HMAC-SHA256"},
		{"no timestamp", func(r *http.Request) { r.Header.Del("X-TC-Timestamp") }, ts, nil, "MissingParameter", "X-TC-Timestamp"},
		{"token with permanent key", func(r *http.Request) { r.Header.Set("X-TC-Token", "x") }, ts, nil, "AuthFailure.TokenFailure", ""},
		{"form content type", func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") }, ts, nil, "InvalidParameter", "must use signature v1"},
		{"charset added after signing", func(r *http.Request) { r.Header.Set("Content-Type", "application/json; charset=utf-8") }, ts, nil, "AuthFailure.SignatureFailure", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, body := signed(`{"RuleId":"1"}`, tt.mutate)
			if tt.body != nil {
				body = tt.body
			}
			o := opts
			o.Now = time.Unix(tt.now, 0)
			_, err := Verify(req, body, o)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			ve, ok := err.(*VerifyError)
			if !ok {
				t.Fatalf("Verify error %v (%T), want *VerifyError %s", err, err, tt.wantCode)
			}
			if ve.Code != tt.wantCode || !strings.Contains(ve.Message, tt.wantMsg) {
				t.Errorf("got %s: %s; want %s containing %q", ve.Code, ve.Message, tt.wantCode, tt.wantMsg)
			}
			if strings.Contains(err.Error(), cred.SecretKey) {
				t.Errorf("error reveals the secret key")
			}
		})
	}
}

func TestVerifySizeLimits(t *testing.T) {
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}
	opts := VerifyOptions{Credentials: func(string) (Credentials, bool) { return cred, true }, Service: "faceid", Now: time.Unix(1795750620, 0)}
	req, _ := http.NewRequest("POST", "https://faceid.tencentcloudapi.com/", nil)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	_, err := Verify(req, bytes.Repeat([]byte("a"), MaxV1BodyBytes+1), opts)
	if ve, ok := err.(*VerifyError); !ok || ve.Code != "AuthFailure.SignatureFailure" || !strings.Contains(ve.Message, "please use new signature method `TC3-HMAC-SHA256`") {
		t.Errorf("v1 over 1 MiB: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = Verify(req, make([]byte, MaxTC3BodyBytes+1), opts)
	if ve, ok := err.(*VerifyError); !ok || ve.Code != "RequestSizeLimitExceeded" {
		t.Errorf("TC3 over 10 MiB: %v", err)
	}
}

func TestVerifyDefaultService(t *testing.T) {
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}
	opts := VerifyOptions{Credentials: func(string) (Credentials, bool) { return cred, true }, Now: time.Unix(1795750620, 0)}
	for _, tt := range []struct {
		url, service string
		ok           bool
	}{
		{"https://faceid.tencentcloudapi.com/", "faceid", true},
		{"https://faceid.tencentcloudapi.com/", "cvm", false},
		{"http://127.0.0.1:8080/", "faceid", true},
		{"http://localhost:8080/", "faceid", true},
	} {
		req, _ := http.NewRequest("POST", tt.url, strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		if err := NewSigner(0).SignRequest(req, cred, tt.service, "", 1795750620); err != nil {
			t.Fatal(err)
		}
		req.Host = req.URL.Host
		_, err := Verify(req, []byte("{}"), opts)
		if (err == nil) != tt.ok {
			t.Errorf("%s signed for %s: Verify error %v, want ok=%v", tt.url, tt.service, err, tt.ok)
		}
	}
	if _, err := Verify(&http.Request{URL: &url.URL{}}, nil, VerifyOptions{Credentials: opts.Credentials}); err == nil || !strings.Contains(err.Error(), "Now is zero") {
		t.Errorf("zero clock: %v", err)
	}
}
