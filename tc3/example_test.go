package tc3_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Sign Tencent's published example (vector B of the signature v3 page) and
// look at every step.
func ExampleSign() {
	res, err := tc3.Sign(&tc3.Input{
		Credentials: tc3.Credentials{SecretID: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SecretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"},
		Service:     "cvm",
		Method:      "POST",
		Host:        "cvm.tencentcloudapi.com",
		ContentType: "application/json; charset=utf-8",
		Payload:     []byte(`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`),
		Timestamp:   1551113065,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.CanonicalRequest)
	fmt.Println("--")
	fmt.Println(res.StringToSign)
	fmt.Println("--")
	fmt.Println(res.Authorization)
	// Output:
	// POST
	// /
	//
	// content-type:application/json; charset=utf-8
	// host:cvm.tencentcloudapi.com
	//
	// content-type;host
	// 35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064
	// --
	// TC3-HMAC-SHA256
	// 1551113065
	// 2019-02-25/cvm/tc3_request
	// 5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031
	// --
	// TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168
}

// Sign an *http.Request in place, as a client does before each attempt.
func ExampleSigner_SignRequest() {
	signer := tc3.NewSigner(16) // keep one per client: it caches the derived key
	cred := tc3.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}

	req, _ := http.NewRequest("POST", "https://faceid.tencentcloudapi.com/", strings.NewReader(`{"RuleId":"1"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "DetectAuth")
	req.Header.Set("X-TC-Version", "2018-03-01")
	// The expected signature below was computed independently with Python hashlib/hmac.
	now := time.Unix(1795750620, 0) // time.Now() in real use
	if err := signer.SignRequest(req, cred, "faceid", "", now.Unix()); err != nil {
		panic(err)
	}
	fmt.Println(req.Header.Get("X-TC-Timestamp"))
	fmt.Println(req.Header.Get("Authorization"))
	// Output:
	// 1795750620
	// TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-11-27/faceid/tc3_request, SignedHeaders=content-type;host, Signature=87d1003c20576d5cdbf0da4114bff01883bf0451099c295e83074bc6f08e2d2e
}
