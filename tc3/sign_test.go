package tc3

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// p1 is the payload shared by Tencent's published vectors E, E0, B and C,
// verbatim (https://cloud.tencent.com/document/api/213/30654).
const p1 = `{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`

// The expected values below are copied from Tencent's documentation
// (the current and earlier revisions of https://cloud.tencent.com/document/api/213/30654), not from this code.
func TestSignPublishedVectors(t *testing.T) {
	masked := Credentials{SecretID: "AKID" + strings.Repeat("*", 32), SecretKey: strings.Repeat("*", 32)}
	example := Credentials{SecretID: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SecretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"}
	tests := []struct {
		name string
		in   Input
		want Result
	}{
		{
			name: "E current doc, signs x-tc-action (6.1)",
			in: Input{Credentials: masked, Service: "cvm", Method: "POST", Host: "cvm.tencentcloudapi.com",
				ContentType: "application/json; charset=utf-8", Headers: []Header{{"X-TC-Action", "DescribeInstances"}},
				Payload: []byte(p1), Timestamp: 1551113065},
			want: Result{
				Timestamp:              1551113065,
				Date:                   "2019-02-25",
				PayloadHash:            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
				CanonicalRequest:       "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\ncontent-type;host;x-tc-action\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
				HashedCanonicalRequest: "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
				CredentialScope:        "2019-02-25/cvm/tc3_request",
				StringToSign:           "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84",
				SignedHeaders:          "content-type;host;x-tc-action",
				SecretDate:             "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0",
				SecretService:          "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f",
				SecretSigning:          "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af",
				Signature:              "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
				Authorization:          "TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f",
			},
		},
		{
			name: "B 2019-2022 doc (6.4)",
			in: Input{Credentials: example, Service: "cvm", Method: "POST", Host: "cvm.tencentcloudapi.com",
				ContentType: "application/json; charset=utf-8", Payload: []byte(p1), Timestamp: 1551113065},
			want: Result{
				Timestamp:              1551113065,
				Date:                   "2019-02-25",
				PayloadHash:            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
				CanonicalRequest:       "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
				HashedCanonicalRequest: "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
				CredentialScope:        "2019-02-25/cvm/tc3_request",
				StringToSign:           "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
				SignedHeaders:          "content-type;host",
				SecretDate:             "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a",
				SecretService:          "3c7cb7c7795393edc14fd2e0e6434a518564b4504b88e94f5d11bf59ba3e7050",
				SecretSigning:          "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1",
				Signature:              "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
				Authorization:          "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
			},
		},
		{
			name: "A 2018 GET doc, host typo resolved (6.6)",
			in: Input{Credentials: example, Service: "cvm", Method: "GET", Host: "cvm.tencentcloudapi.com",
				Query: "Limit=10&Offset=0", ContentType: "application/x-www-form-urlencoded", Timestamp: 1539084154},
			want: Result{
				Timestamp:              1539084154,
				Date:                   "2018-10-09",
				PayloadHash:            EmptyPayloadHash,
				CanonicalRequest:       "GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
				HashedCanonicalRequest: "91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7",
				CredentialScope:        "2018-10-09/cvm/tc3_request",
				StringToSign:           "TC3-HMAC-SHA256\n1539084154\n2018-10-09/cvm/tc3_request\n91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7",
				SignedHeaders:          "content-type;host",
				Signature:              "5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474",
				Authorization:          "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2018-10-09/cvm/tc3_request, SignedHeaders=content-type;host, Signature=5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474",
			},
		},
		{
			name: "S1 official Go SDK DetectAuth POST (6.9)",
			in: Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, Service: "faceid", Method: "POST",
				Host: "faceid.tencentcloudapi.com", ContentType: "application/json",
				Payload:   []byte(`{"RuleId":"1","IdCard":"11010119900101001X","Name":"张三","RedirectUrl":"https://example.com/cb?a=1\u0026b=\u003c2\u003e","Extra":""}`),
				Timestamp: 1795750620},
			want: Result{
				Timestamp:              1795750620,
				Date:                   "2026-11-27",
				PayloadHash:            "f754a63fbf144cef6b856d7981997a277704d3513f8392b9be3a7cc3748c3240",
				CanonicalRequest:       "POST\n/\n\ncontent-type:application/json\nhost:faceid.tencentcloudapi.com\n\ncontent-type;host\nf754a63fbf144cef6b856d7981997a277704d3513f8392b9be3a7cc3748c3240",
				HashedCanonicalRequest: "7971938530103821d6cb22103eb21d3310ef2ede157db9aa908c159855034ef1",
				CredentialScope:        "2026-11-27/faceid/tc3_request",
				StringToSign:           "TC3-HMAC-SHA256\n1795750620\n2026-11-27/faceid/tc3_request\n7971938530103821d6cb22103eb21d3310ef2ede157db9aa908c159855034ef1",
				SignedHeaders:          "content-type;host",
				Signature:              "cd636030dadc3b7bf8083ab29ea9c26ff8278eef086501d7f113aafabdd29cad",
				Authorization:          "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-27/faceid/tc3_request, SignedHeaders=content-type;host, Signature=cd636030dadc3b7bf8083ab29ea9c26ff8278eef086501d7f113aafabdd29cad",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, s := range []*Signer{nil, NewSigner(8)} {
				got, err := s.Sign(&tt.in)
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				// Vectors that do not publish derived keys leave them empty.
				opts := cmp.Options{cmpopts.IgnoreFields(Result{}, "Warnings")}
				if tt.want.SecretSigning == "" {
					opts = append(opts, cmpopts.IgnoreFields(Result{}, "SecretDate", "SecretService", "SecretSigning"))
				}
				if diff := cmp.Diff(&tt.want, got, opts); diff != "" {
					t.Errorf("Sign mismatch (-want +got):\n%s", diff)
				}
				auth, err := s.Authorization(&tt.in)
				if err != nil || auth != tt.want.Authorization {
					t.Errorf("Authorization = %q, %v; want %q", auth, err, tt.want.Authorization)
				}
			}
		})
	}
}

// The scope date is the UTC date of the timestamp, never the local one
// (the page's own warning: https://cloud.tencent.com/document/api/213/30654).
func TestScopeDateIsUTC(t *testing.T) {
	for _, tc := range []struct {
		ts   int64
		want string
	}{
		{1551113065, "2019-02-25"}, // Tencent's example: 2019-02-26 00:44:25 in UTC+8
		{1795795199, "2026-11-27"}, // 2026-11-27 23:59:59 UTC+8 = 15:59:59 UTC
		{1795795200, "2026-11-27"}, // 2026-11-28 00:00:00 UTC+8, still the 27th in UTC
		{1795737600, "2026-11-27"}, // 2026-11-27 00:00:00 UTC
		{1795737599, "2026-11-26"}, // one second earlier
		{1795823999, "2026-11-27"}, // 2026-11-27 23:59:59 UTC
		{1795824000, "2026-11-28"}, // 2026-11-28 00:00:00 UTC
	} {
		in := Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, Service: "faceid", Method: "POST",
			Host: "faceid.tencentcloudapi.com", ContentType: "application/json", Payload: []byte("{}"), Timestamp: tc.ts}
		got, err := Sign(&in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Date != tc.want || got.CredentialScope != tc.want+"/faceid/tc3_request" {
			t.Errorf("ts %d: Date %q scope %q, want %q", tc.ts, got.Date, got.CredentialScope, tc.want)
		}
	}
}

func TestSignErrors(t *testing.T) {
	good := func() Input {
		return Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, Service: "faceid", Method: "POST",
			Host: "faceid.tencentcloudapi.com", ContentType: "application/json", Payload: []byte("{}"), Timestamp: 1795750620}
	}
	tests := []struct {
		name   string
		mutate func(*Input)
		want   string // substring of the error
	}{
		{"empty secret id", func(in *Input) { in.Credentials.SecretID = "" }, "empty SecretId"},
		{"empty secret key", func(in *Input) { in.Credentials.SecretKey = "" }, "empty SecretKey"},
		{"trailing newline in key", func(in *Input) { in.Credentials.SecretKey += "\n" }, "SecretKey contains whitespace (a line feed) at byte 16"},
		{"space in id", func(in *Input) { in.Credentials.SecretID = " AKIDEXAMPLE" }, "SecretId contains whitespace (a space) at byte 0"},
		{"control char in key", func(in *Input) { in.Credentials.SecretKey = "SECRET\x00KEY" }, "non-printable character (U+0000) at byte 6"},
		{"newline in token", func(in *Input) { in.Credentials.Token = "TOK\r\nEN" }, "Token contains whitespace"},
		{"empty service", func(in *Input) { in.Service = "" }, "empty Service"},
		{"upper-case service", func(in *Input) { in.Service = "FaceID" }, `Service "FaceID" must be the lower-case product name`},
		{"method put", func(in *Input) { in.Method = "PUT" }, `Method "PUT" is not supported`},
		{"lower-case method", func(in *Input) { in.Method = "post" }, `Method "post" is not supported`},
		{"empty host", func(in *Input) { in.Host = "" }, "empty Host"},
		{"host with scheme", func(in *Input) { in.Host = "https://faceid.tencentcloudapi.com" }, "must be a bare host name"},
		{"empty content type", func(in *Input) { in.ContentType = "" }, "empty ContentType"},
		{"zero timestamp", func(in *Input) { in.Timestamp = 0 }, "Timestamp 0 is not a Unix time"},
		{"negative timestamp", func(in *Input) { in.Timestamp = -5 }, "Timestamp -5 is not a Unix time"},
		{"milliseconds", func(in *Input) { in.Timestamp = 1795750620000000 }, "pass Unix seconds, not milliseconds"},
		{"bad header name", func(in *Input) { in.Headers = []Header{{"X TC Action", "x"}} }, `header name "X TC Action" is not a valid HTTP token`},
		{"empty header name", func(in *Input) { in.Headers = []Header{{"", "x"}} }, `header name "" is not a valid HTTP token`},
		{"host signed twice", func(in *Input) { in.Headers = []Header{{"Host", "x"}} }, `header "host" is signed twice`},
		{"upper-case payload hash", func(in *Input) { in.PayloadHash = strings.Repeat("A", 64) }, "PayloadHash must be 64 lower-case hex"},
		{"short payload hash", func(in *Input) { in.PayloadHash = "abc" }, "got 3 characters"},
		{"space in query", func(in *Input) { in.Method = "GET"; in.Query = "Name=a b" }, "Query must be the encoded query string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good()
			tt.mutate(&in)
			_, err := Sign(&in)
			if err == nil {
				t.Fatalf("Sign succeeded, want error containing %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), "tc3: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to start with \"tc3: \" and contain %q", err, tt.want)
			}
			if _, err2 := NewSigner(4).Authorization(&in); err2 == nil || err2.Error() != err.Error() {
				t.Errorf("Authorization error %v, want the same as Sign's %v", err2, err)
			}
		})
	}
	var nilInput *Input
	if _, err := Sign(nilInput); err == nil {
		t.Error("Sign(nil) succeeded")
	}
}

// SignString is step 3 alone: Tencent's vector E string to sign gives its
// published signature.
func TestSignString(t *testing.T) {
	got := SignString(strings.Repeat("*", 32), "2019-02-25", "cvm",
		"TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84")
	if want := "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f"; got != want {
		t.Errorf("SignString = %s, want %s", got, want)
	}
}

func TestCheckService(t *testing.T) {
	tests := []struct {
		service, host string
		warn          bool
	}{
		{"faceid", "faceid.tencentcloudapi.com", false},
		{"faceid", "faceid.ap-guangzhou.tencentcloudapi.com", false},
		{"faceid", "FACEID.tencentcloudapi.com", false},
		{"cvm", "faceid.tencentcloudapi.com", true},
		{"faceid", "ap-guangzhou.tencentcloudapi.com", true},
		{"faceid", "127.0.0.1:8080", false},
		{"faceid", "localhost:8080", false},
		{"faceid", "[::1]:8080", false},
	}
	for _, tt := range tests {
		err := CheckService(tt.service, tt.host)
		if (err != nil) != tt.warn {
			t.Errorf("CheckService(%q, %q) = %v, want warning %v", tt.service, tt.host, err, tt.warn)
		}
	}
	in := Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, Service: "cvm", Method: "POST",
		Host: "faceid.tencentcloudapi.com", ContentType: "application/json", Timestamp: 1795750620}
	res, err := Sign(&in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], `service "cvm" differs`) {
		t.Errorf("Warnings = %q, want one about the service", res.Warnings)
	}
}

// Secrets never reach formatted output, whatever the verb.
func TestSecretsNotFormatted(t *testing.T) {
	const key, token = "SUPERSECRETKEYdoNotPrintMe123456", "SESSIONTOKENdoNotPrintMe"
	cred := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: key, Token: token}
	in := Input{Credentials: cred, Service: "faceid", Method: "POST", Host: "faceid.tencentcloudapi.com",
		ContentType: "application/json", Payload: []byte("{}"), Timestamp: 1795750620}
	res, err := Sign(&in)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := SignV1(&V1Input{Credentials: cred, SignatureMethod: HmacSHA256, Method: "POST", Host: "faceid.tencentcloudapi.com",
		Params: map[string]string{"Action": "DetectAuth", "Timestamp": "1795750620", "Nonce": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := ParseAuthorization(res.Authorization)
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{key, token, res.SecretDate, res.SecretService, res.SecretSigning, res.Signature, v1.Signature}
	var out strings.Builder
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		fmt.Fprintf(&out, verb+"\n", cred)
		fmt.Fprintf(&out, verb+"\n", &cred)
		fmt.Fprintf(&out, verb+"\n", res)
		fmt.Fprintf(&out, verb+"\n", *res)
		fmt.Fprintf(&out, verb+"\n", []Result{*res})
		fmt.Fprintf(&out, verb+"\n", v1)
		fmt.Fprintf(&out, verb+"\n", *v1)
		fmt.Fprintf(&out, verb+"\n", Verified{Params: v1.Params, Result: res})
		fmt.Fprintf(&out, verb+"\n", auth)
		fmt.Fprintf(&out, verb+"\n", *auth)
		fmt.Fprintf(&out, verb+"\n", in)
		fmt.Fprintf(&out, verb+"\n", &in)
		fmt.Fprintf(&out, verb+"\n", []any{cred, res})
	}
	bad := in
	bad.Credentials.SecretKey = key + " "
	_, err = Sign(&bad)
	fmt.Fprintf(&out, "%v\n", err)
	for _, s := range secrets {
		if strings.Contains(out.String(), s) {
			t.Errorf("formatted output contains a secret %q:\n%s", Redact(s), out.String())
		}
	}
	if !strings.Contains(out.String(), "AKIDEXAMPLE") {
		t.Errorf("formatted output lost the SecretId, which is not secret:\n%s", out.String())
	}
}
