package tc3

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// The cached path must give the same answer as deriving the keys afresh, for
// every key, day and service, concurrently, and stay within its bound.
func TestKeyCacheMatchesUncached(t *testing.T) {
	s := NewSigner(4)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				in := benchInput(smallBody)
				in.Credentials.SecretKey = fmt.Sprintf("SECRETKEY%d", (g+i)%6)
				in.Service = []string{"faceid", "cvm"}[i%2]
				in.Timestamp = 1795750620 + int64(i%3)*86400
				got, err := s.Authorization(in)
				if err != nil {
					t.Error(err)
					return
				}
				want, err := Sign(in)
				if err != nil {
					t.Error(err)
					return
				}
				if got != want.Authorization {
					t.Errorf("cached %q != uncached %q", got, want.Authorization)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	s.cache.mu.RLock()
	n := len(s.cache.m)
	for k := range s.cache.m {
		if strings.Contains(fmt.Sprintf("%x %s", k.secret, k.service), "SECRETKEY") {
			t.Errorf("a cache key holds the secret in clear text")
		}
	}
	s.cache.mu.RUnlock()
	if n > 4 {
		t.Errorf("cache holds %d entries, bound is 4", n)
	}
}

// Two keys that share a prefix, a day and a service must not share a cache entry.
func TestKeyCacheSeparatesKeys(t *testing.T) {
	s := NewSigner(8)
	in := benchInput(smallBody)
	a, _ := s.Authorization(in)
	in.Credentials.SecretKey += "X"
	b, _ := s.Authorization(in)
	in.Credentials.SecretKey = strings.TrimSuffix(in.Credentials.SecretKey, "X")
	c, _ := s.Authorization(in)
	if a == b || a != c {
		t.Errorf("signatures for key A, key B, key A again: %q %q %q", a, b, c)
	}
}

// Changing any signed input changes the signature; changing an unsigned
// header does not.
func TestSignatureCoversEverySignedInput(t *testing.T) {
	base := func() Input {
		return Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, Service: "faceid", Method: "POST",
			Host: "faceid.tencentcloudapi.com", ContentType: "application/json", Headers: []Header{{"X-TC-Action", "DetectAuth"}},
			Payload: []byte(`{"RuleId":"1"}`), Timestamp: 1795750620}
	}
	ref, err := Sign(ptr(base()))
	if err != nil {
		t.Fatal(err)
	}
	changes := map[string]func(*Input){
		"secret key":   func(in *Input) { in.Credentials.SecretKey = "SECRETKEYEXAMPLF" },
		"service":      func(in *Input) { in.Service = "cvm" },
		"method":       func(in *Input) { in.Method = "GET" },
		"host":         func(in *Input) { in.Host = "faceid.ap-guangzhou.tencentcloudapi.com" },
		"query":        func(in *Input) { in.Query = "a=1" },
		"content type": func(in *Input) { in.ContentType = "application/json; charset=utf-8" },
		"header value": func(in *Input) { in.Headers[0].Value = "GetDetectInfo" },
		"extra header": func(in *Input) { in.Headers = append(in.Headers, Header{"X-TC-Version", "2018-03-01"}) },
		"payload":      func(in *Input) { in.Payload = []byte(`{"RuleId":"2"}`) },
		"payload hash": func(in *Input) { in.PayloadHash = EmptyPayloadHash },
		"timestamp":    func(in *Input) { in.Timestamp++ },
		"next day":     func(in *Input) { in.Timestamp += 86400 },
	}
	for name, change := range changes {
		in := base()
		change(&in)
		got, err := Sign(&in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Signature == ref.Signature {
			t.Errorf("changing the %s left the signature unchanged", name)
		}
	}
	same := map[string]func(*Input){
		"secret id":         func(in *Input) { in.Credentials.SecretID = "AKIDOTHER" },
		"token":             func(in *Input) { in.Credentials.Token = "TOKEN" },
		"header value case": func(in *Input) { in.Headers[0].Value = "  detectauth " },
		"header name case":  func(in *Input) { in.Headers[0].Name = "x-tc-action" },
		"payload as hash":   func(in *Input) { in.PayloadHash = PayloadHash(in.Payload); in.Payload = nil },
	}
	for name, change := range same {
		in := base()
		change(&in)
		got, err := Sign(&in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Signature != ref.Signature {
			t.Errorf("changing the %s changed the signature", name)
		}
	}
}

func ptr[T any](v T) *T { return &v }
