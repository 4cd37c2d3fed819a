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
