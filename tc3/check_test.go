package tc3

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var strictCred = Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}

const strictTS = 1795750620

func strictOpts() VerifyOptions {
	return VerifyOptions{
		Credentials: func(id string) (Credentials, bool) { return strictCred, id == strictCred.SecretID },
		Service:     "faceid",
		Now:         time.Unix(strictTS, 0),
	}
}

// tc3Request is a correctly signed TC3 request, then changed by mutate.
func tc3Request(t *testing.T, method, url, body string, mutate func(*http.Request)) (*http.Request, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if method == "GET" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-TC-Action", "DetectAuth")
	if err := NewSigner(0).SignRequest(req, strictCred, "faceid", "", strictTS); err != nil {
		t.Fatal(err)
	}
	req.Host = req.URL.Host
	if mutate != nil {
		mutate(req)
	}
	return req, []byte(body)
}

// v1Request is a correctly signed v1 GET whose query is then rewritten.
func v1Request(t *testing.T, params map[string]string, rewrite func(string) string) *http.Request {
	t.Helper()
	p := map[string]string{"Action": "DetectAuth", "Version": "2018-03-01", "Timestamp": "1795750620", "Nonce": "42"}
	for k, v := range params {
		p[k] = v
	}
	res, err := SignV1(&V1Input{Credentials: strictCred, SignatureMethod: HmacSHA1, Method: "GET", Host: "faceid.tencentcloudapi.com", Params: p})
	if err != nil {
		t.Fatal(err)
	}
	q := res.Encoded
	if rewrite != nil {
		q = rewrite(q)
	}
	req, err := http.NewRequest("GET", "https://faceid.tencentcloudapi.com/?"+q, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = req.URL.Host
	return req
}

// TestVerifyStrict: requests the gateway refuses and Verify accepted before
// tc3.Check, each refused with the gateway's code and a reason naming it.
func TestVerifyStrict(t *testing.T) {
	const post, get = "https://faceid.tencentcloudapi.com/", "https://faceid.tencentcloudapi.com/?RuleId=1"
	setAuth := func(f func(string) string) func(*http.Request) {
		return func(r *http.Request) { r.Header.Set("Authorization", f(r.Header.Get("Authorization"))) }
	}
	tests := []struct {
		name     string
		req      func(t *testing.T) (*http.Request, []byte)
		wantCode string
		wantMsg  string
	}{
		{"timestamp with a plus sign", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, func(r *http.Request) { r.Header.Set("X-TC-Timestamp", "+1795750620") })
		}, "InvalidParameter", `X-TC-Timestamp "+1795750620" is not the exact decimal`},
		{"timestamp with a leading zero", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, func(r *http.Request) { r.Header.Set("X-TC-Timestamp", "01795750620") })
		}, "InvalidParameter", "leading zero"},
		{"no space after a comma", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, setAuth(func(a string) string { return strings.ReplaceAll(a, ", ", ",") }))
		}, "AuthFailure.InvalidAuthorization", "no space after a comma"},
		{"several spaces after the algorithm", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, setAuth(func(a string) string { return strings.Replace(a, " ", "   ", 1) }))
		}, "AuthFailure.InvalidAuthorization", "more than one space after TC3-HMAC-SHA256"},
		{"trailing spaces", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, setAuth(func(a string) string { return a + "  " }))
		}, "AuthFailure.InvalidAuthorization", "trailing spaces"},
		{"v1 lower-case percent escapes", func(t *testing.T) (*http.Request, []byte) {
			return v1Request(t, map[string]string{"RedirectUrl": "https://example.com/done"}, func(q string) string {
				return strings.ReplaceAll(strings.ReplaceAll(q, "%2F", "%2f"), "%3A", "%3a")
			}), nil
		}, "AuthFailure.SignatureFailure", "lower-case percent escape"},
		{"v1 unencoded slash", func(t *testing.T) (*http.Request, []byte) {
			return v1Request(t, map[string]string{"RedirectUrl": "https://example.com/done"}, func(q string) string {
				return strings.ReplaceAll(q, "%2F", "/")
			}), nil
		}, "AuthFailure.SignatureFailure", "unencoded / in its value"},
		{"GET with its body hashed", func(t *testing.T) (*http.Request, []byte) {
			// The client hashed (and sent) a body on a GET.
			return tc3Request(t, "GET", get, `{"RuleId":"1"}`, nil)
		}, "InvalidParameter", "the GET carries a 14-byte body"},
		{"GET carrying a body", func(t *testing.T) (*http.Request, []byte) {
			req, _ := tc3Request(t, "GET", get, ``, nil)
			return req, []byte(`{"RuleId":"1"}`)
		}, "InvalidParameter", "the GET carries a 14-byte body"},
		{"two Authorization headers", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, func(r *http.Request) { r.Header.Add("Authorization", "TC3-HMAC-SHA256 Credential=x") })
		}, "AuthFailure.InvalidAuthorization", "the Authorization header is sent 2 times"},
		{"two X-TC-Timestamp headers", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, func(r *http.Request) { r.Header.Add("X-TC-Timestamp", "1795750621") })
		}, "InvalidParameter", "the X-TC-Timestamp header is sent 2 times"},
		{"two Content-Type headers", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", post, `{}`, func(r *http.Request) { r.Header.Add("Content-Type", "text/plain") })
		}, "InvalidParameter", "the Content-Type header is sent 2 times"},
		{"TC3 path other than /", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", "https://faceid.tencentcloudapi.com/v3/faceid", `{}`, nil)
		}, "InvalidParameter", `the request goes to path "/v3/faceid"`},
		{"v1 signature with a trailing newline (Ruby Base64.encode64)", func(t *testing.T) (*http.Request, []byte) {
			return v1Request(t, nil, func(q string) string {
				i := strings.Index(q, "&Signature=")
				j := strings.IndexByte(q[i+1:], '&')
				if j < 0 {
					return q + "%0A"
				}
				return q[:i+1+j] + "%0A" + q[i+1+j:]
			}), nil
		}, "AuthFailure.SignatureFailure", "Base64.encode64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, body := tt.req(t)
			_, err := Verify(req, body, strictOpts())
			ve, ok := err.(*VerifyError)
			if !ok {
				t.Fatalf("Verify: %v (%T), want *VerifyError %s", err, err, tt.wantCode)
			}
			if ve.Code != tt.wantCode || !strings.Contains(ve.Message, tt.wantMsg) {
				t.Errorf("got %s: %s\nwant %s containing %q", ve.Code, ve.Message, tt.wantCode, tt.wantMsg)
			}
		})
	}
}

// TestVerifyStrictAccepts: the forms the checks above must not refuse.
func TestVerifyStrictAccepts(t *testing.T) {
	for _, tt := range []struct {
		name string
		req  func(t *testing.T) (*http.Request, []byte)
	}{
		{"TC3 POST", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", "https://faceid.tencentcloudapi.com/", `{"RuleId":"1"}`, nil)
		}},
		{"TC3 GET", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "GET", "https://faceid.tencentcloudapi.com/?RuleId=1", ``, nil)
		}},
		{"TC3 with an empty path", func(t *testing.T) (*http.Request, []byte) {
			return tc3Request(t, "POST", "https://faceid.tencentcloudapi.com", `{}`, nil)
		}},
		{"v1 GET with escapes", func(t *testing.T) (*http.Request, []byte) {
			return v1Request(t, map[string]string{"RedirectUrl": "https://example.com/done?a=b c"}, nil), nil
		}},
		{"v1 GET with + for a space (Python urlencode)", func(t *testing.T) (*http.Request, []byte) {
			return v1Request(t, map[string]string{"Extra": "a b"}, func(q string) string { return strings.ReplaceAll(q, "%20", "+") }), nil
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, body := tt.req(t)
			if _, err := Verify(req, body, strictOpts()); err != nil {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

// TestCheckFindings: Check reports every check it can make, in order, and
// Verify's error is the first failure.
func TestCheckFindings(t *testing.T) {
	req, body := tc3Request(t, "POST", "https://faceid.tencentcloudapi.com/", `{}`, func(r *http.Request) {
		r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "/faceid/", "/cvm/", 1))
	})
	opts := strictOpts()
	opts.Now = time.Unix(strictTS+600, 0)
	v, fs, err := Check(req, body, opts)
	if err != nil || v != nil {
		t.Fatalf("Check: %v, %v", v, err)
	}
	type row struct {
		Check string
		Pass  bool
		Code  string
	}
	var got []row
	for _, f := range fs {
		got = append(got, row{f.Check, f.Pass, f.Code})
		if !f.Pass && (f.Reason == "" || f.Fix == "") {
			t.Errorf("%s: failed finding without reason or fix: %+v", f.Check, f)
		}
	}
	want := []row{
		{"authorization", true, ""},
		{"content-type", true, ""},
		{"timestamp", false, "AuthFailure.SignatureExpire"},
		{"secret-id", true, ""},
		{"scope-date", true, ""},
		{"service", false, "AuthFailure.SignatureFailure"},
		{"signed-headers", true, ""},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("findings (-want +got):\n%s", d)
	}
	_, verr := Verify(req, body, opts)
	first := FirstFailure(fs)
	if ve, ok := verr.(*VerifyError); !ok || ve.Code != first.Code || ve.Message != first.Message() || ve.Check != "timestamp" {
		t.Errorf("Verify %v, want the first failure %+v", verr, first)
	}
}

// TestServiceFinding: one rule, one wording, for verify and serve.
func TestServiceFinding(t *testing.T) {
	for _, tt := range []struct {
		scope, want, host string
		pass              bool
		msg               string
	}{
		{"faceid", "faceid", "127.0.0.1:8080", true, ""},
		{"faceid", "", "faceid.tencentcloudapi.com", true, ""},
		{"faceid", "", "127.0.0.1:8080", true, ""},
		{"127", "faceid", "127.0.0.1:43083", false, `credential scope service "127" must be "faceid", the product of host 127.0.0.1:43083: the client took the service from the first label of its endpoint 127.0.0.1`},
		{"127", "", "127.0.0.1:43083", false, `credential scope service "127" is not a product name`},
		{"ap-guangzhou", "", "faceid.ap-guangzhou.tencentcloudapi.com", false, `"ap-guangzhou" is label 2 of the host`},
		{"cvm", "", "faceid.tencentcloudapi.com", false, `sign with service "faceid"`},
	} {
		f := ServiceFinding(tt.scope, tt.want, tt.host)
		if f.Pass != tt.pass || !strings.Contains(f.Message(), tt.msg) {
			t.Errorf("ServiceFinding(%q, %q, %q) = %+v, want pass=%v containing %q", tt.scope, tt.want, tt.host, f, tt.pass, tt.msg)
		}
	}
}

// TestParseAuthorizationErrorHidesSignature: a header whose parts are out
// of order carries a signature that, reordered, is valid; the error names
// the part and quotes none of its value.
func TestParseAuthorizationErrorHidesSignature(t *testing.T) {
	const sig = "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"
	for _, h := range []string{
		"TC3-HMAC-SHA256 Signature=" + sig + ", Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host",
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, Signature=" + sig + ", SignedHeaders=content-type;host",
	} {
		_, err := ParseAuthorization(h)
		if err == nil {
			t.Fatalf("%s: accepted", h)
		}
		if strings.Contains(err.Error(), sig[:12]) || !strings.Contains(err.Error(), `"Signature"`) {
			t.Errorf("error %q quotes the signature or does not name the part", err)
		}
	}
}
