package tc3_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Verify a request exactly as the official Go SDK sent it (vector S1 of
// testdata/tc3), then the same request one day later, which the gateway
// refuses as expired.
func ExampleVerify() {
	raw, err := os.ReadFile("../testdata/tc3/s1-sdk-detectauth-post/request.http")
	if err != nil {
		panic(err)
	}
	r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(r.Body)
	opts := tc3.VerifyOptions{
		Credentials: func(id string) (tc3.Credentials, bool) {
			if id != "AKIDEXAMPLE" {
				return tc3.Credentials{}, false
			}
			return tc3.Credentials{SecretID: id, SecretKey: "SECRETKEYEXAMPLE"}, true
		},
		Service: "faceid",
		Now:     time.Unix(1795750620, 0),
	}

	v, err := tc3.Verify(r, body, opts)
	if err != nil {
		panic(err)
	}
	fmt.Println(v.SignatureMethod, v.Action, v.Version, v.Region)

	opts.Now = opts.Now.Add(24 * time.Hour)
	_, err = tc3.Verify(r, body, opts)
	var refused *tc3.VerifyError
	if errors.As(err, &refused) {
		fmt.Println(refused.Code)
	}
	// Output:
	// TC3-HMAC-SHA256 DetectAuth 2018-03-01 ap-guangzhou
	// AuthFailure.SignatureExpire
}

// Sign the legacy v1 (HmacSHA1) example of Tencent's signature page,
// https://cloud.tencent.com/document/api/1007/31325, whose published
// signature is EliP9YW3pW28FpsEdkXt/+WcGeI=.
func ExampleSignV1() {
	res, err := tc3.SignV1(&tc3.V1Input{
		Credentials:     tc3.Credentials{SecretID: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SecretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"},
		SignatureMethod: "HmacSHA1",
		Method:          "GET",
		Host:            "cvm.tencentcloudapi.com",
		Params: map[string]string{
			"Action":        "DescribeInstances",
			"InstanceIds.0": "ins-09dx96dg",
			"Limit":         "20",
			"Nonce":         "11886",
			"Offset":        "0",
			"Region":        "ap-guangzhou",
			"Timestamp":     "1465185768",
			"Version":       "2017-03-12",
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.StringToSign)
	fmt.Println(res.Signature)
	// Output:
	// GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12
	// EliP9YW3pW28FpsEdkXt/+WcGeI=
}

// Check lists every rule the gateway applies; here the client took the
// service from an IP endpoint, as some SDKs do, and the clock is off.
func ExampleCheck() {
	req, _ := http.NewRequest("POST", "http://127.0.0.1:8080/", bytes.NewReader([]byte(`{}`)))
	req.Header.Set("Content-Type", "application/json")
	cred := tc3.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}
	if err := tc3.NewSigner(0).SignRequest(req, cred, "127", "", 1795750620); err != nil {
		panic(err)
	}
	req.Host = req.URL.Host
	_, findings, err := tc3.Check(req, []byte(`{}`), tc3.VerifyOptions{
		Credentials: func(id string) (tc3.Credentials, bool) { return cred, id == cred.SecretID },
		Service:     "faceid",
		Now:         time.Unix(1795750620+3600, 0),
	})
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		if f.Pass {
			fmt.Println(f.Check, "ok")
		} else {
			fmt.Println(f.Check, "FAIL", f.Code)
		}
	}
	fmt.Println(tc3.FirstFailure(findings).Code)
	// Output:
	// authorization ok
	// content-type ok
	// timestamp FAIL AuthFailure.SignatureExpire
	// secret-id ok
	// scope-date ok
	// service FAIL AuthFailure.SignatureFailure
	// signed-headers ok
	// AuthFailure.SignatureExpire
}
