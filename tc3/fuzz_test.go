package tc3

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzCanonicalHeaders: signing never panics, is deterministic, the cached
// and uncached paths agree, and canonicalising a header value twice changes
// nothing.
func FuzzCanonicalHeaders(f *testing.F) {
	f.Add("X-TC-Action", "DescribeInstances", "application/json; charset=utf-8", "Limit=10&Offset=0")
	f.Add("x-tc-region", "  AP-Guangzhou  ", "application/x-www-form-urlencoded", "Name=%E5%BC%A0+%E4%B8%89")
	f.Add("Host", "x", "", "")
	f.Add("X-Ünïcode", "ÄÖÜ ẞ", "text/plain", "a=%zz")
	f.Fuzz(func(t *testing.T, name, value, contentType, query string) {
		in := Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, Service: "faceid", Method: "GET",
			Host: "faceid.tencentcloudapi.com", Query: query, ContentType: contentType, Headers: []Header{{name, value}}, Timestamp: 1795750620}
		res, err := Sign(&in)
		auth, err2 := NewSigner(2).Authorization(&in)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("Sign error %v, Authorization error %v", err, err2)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "tc3: ") {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		again, _ := Sign(&in)
		if again.CanonicalRequest != res.CanonicalRequest || again.Signature != res.Signature || auth != res.Authorization {
			t.Fatal("signing is not deterministic")
		}
		once := string(appendLowerTrimmed(nil, value))
		if twice := string(appendLowerTrimmed(nil, once)); twice != once {
			t.Fatalf("canonical value not idempotent: %q -> %q -> %q", value, once, twice)
		}
		lines := strings.Split(res.CanonicalRequest, "\n")
		if len(lines) < 8 || lines[2] != query {
			t.Fatalf("canonical request shape: %q", res.CanonicalRequest)
		}
	})
}

// FuzzEscape: EncodeQuery output decodes back to its input and contains only
// unreserved characters and upper-case escapes, so encoding is done once.
func FuzzEscape(f *testing.F) {
	f.Add("张 三")
	f.Add("b+/=")
	f.Add("%41~")
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		back, err := url.PathUnescape(e)
		if err != nil || back != s {
			t.Fatalf("Escape(%q) = %q decodes to %q, %v", s, e, back, err)
		}
		for i := 0; i < len(e); i++ {
			c := e[i]
			if c == '%' {
				if i+2 >= len(e) {
					t.Fatalf("truncated escape in %q", e)
				}
				h := e[i+1 : i+3]
				if strings.ToUpper(h) != h {
					t.Fatalf("lower-case hex in %q", e)
				}
				i += 2
				continue
			}
			if !unreserved(c) {
				t.Fatalf("Escape(%q) = %q keeps reserved byte %q", s, e, c)
			}
		}
	})
}

// FuzzFlattenJSON: any input either fails cleanly or flattens to keys built
// from the object's own names.
func FuzzFlattenJSON(f *testing.F) {
	f.Add(`{"RuleId":"1","Config":{"Speed":2},"List":["a",""]}`)
	f.Add(`{"a":[[1,2],[{"b":null}]]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		out, err := FlattenJSON([]byte(body))
		if err != nil {
			return
		}
		for k := range out {
			if k == "" && !strings.Contains(body, `""`) {
				t.Fatalf("empty key from %q", body)
			}
		}
	})
}

// FuzzParseAuthorization: no panic, and a parsed header re-assembles to an
// equivalent header.
func FuzzParseAuthorization(f *testing.F) {
	f.Add("TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-27/faceid/tc3_request, SignedHeaders=content-type;host, Signature=cd636030dadc3b7bf8083ab29ea9c26ff8278eef086501d7f113aafabdd29cad")
	f.Add("TC3-HMAC-SHA256 Credential=/,,")
	f.Fuzz(func(t *testing.T, h string) {
		a, err := ParseAuthorization(h)
		if err != nil {
			if _, ok := err.(*VerifyError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		rebuilt := a.Algorithm + " Credential=" + a.SecretID + "/" + a.CredentialScope() + ", SignedHeaders=" + strings.Join(a.SignedHeaders, ";") + ", Signature=" + a.Signature
		b, err := ParseAuthorization(rebuilt)
		if err != nil || b.Signature != a.Signature || b.CredentialScope() != a.CredentialScope() || b.SecretID != a.SecretID {
			t.Fatalf("re-parse of %q: %+v, %v", rebuilt, b, err)
		}
	})
}

// FuzzParseTimestamp: a timestamp is accepted exactly when it is the
// decimal text of its value, so the value signed and the text sent agree.
func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"1795750620", "+1795750620", "01795750620", " 1", "0", "-1", "9223372036854775808", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseTimestamp(s)
		if err == nil && strconv.FormatInt(n, 10) != s {
			t.Fatalf("ParseTimestamp(%q) = %d, whose text differs", s, n)
		}
		if err == nil && n <= 0 {
			t.Fatalf("ParseTimestamp(%q) = %d", s, n)
		}
	})
}

// FuzzCheck: Check never panics on a correctly signed request whose
// Authorization, timestamp, query or body are then changed; every failed
// finding carries a code, a reason and a fix, and Verify agrees with the
// first failure.
func FuzzCheck(f *testing.F) {
	f.Add("", "", "RuleId=1", []byte(`{}`), uint8(0))
	f.Add(" ", "+1", "a=%2f", []byte("x"), uint8(1))
	f.Add(",", "01795750620", "Signature=a%0A", []byte{}, uint8(2))
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}
	opts := VerifyOptions{Credentials: func(id string) (Credentials, bool) { return cred, id == cred.SecretID }, Service: "faceid", Now: time.Unix(1795750620, 0)}
	f.Fuzz(func(t *testing.T, authSuffix, ts, query string, body []byte, mode uint8) {
		method := "POST"
		if mode%2 == 1 {
			method = "GET"
		}
		req, err := http.NewRequest(method, "https://faceid.tencentcloudapi.com/", bytes.NewReader(body))
		if err != nil {
			return
		}
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", map[string]string{"POST": "application/json", "GET": "application/x-www-form-urlencoded"}[method])
		if mode%4 < 2 {
			if err := NewSigner(0).SignRequest(req, cred, "faceid", "", 1795750620); err != nil {
				return
			}
			req.Header.Set("Authorization", req.Header.Get("Authorization")+authSuffix)
			if ts != "" {
				req.Header.Set("X-TC-Timestamp", ts)
			}
		}
		req.Host = req.URL.Host
		v, fs, err := Check(req, body, opts)
		if err != nil {
			t.Fatalf("Check: %v", err)
		}
		first := FirstFailure(fs)
		for _, fd := range fs {
			if !fd.Pass && (fd.Code == "" || fd.Reason == "" || fd.Fix == "") {
				t.Fatalf("failed finding without code, reason or fix: %+v", fd)
			}
		}
		if (v == nil) != (first != nil) {
			t.Fatalf("Verified %v with first failure %+v", v, first)
		}
		_, verr := Verify(req, body, opts)
		if ve, ok := verr.(*VerifyError); first != nil && (!ok || ve.Code != first.Code || ve.Message != first.Message()) {
			t.Fatalf("Verify %v, first failure %+v", verr, first)
		}
	})
}
