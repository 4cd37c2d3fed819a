// Command interop is the README recipe for the official Go SDK
// (github.com/tencentcloud/tencentcloud-sdk-go) against `tc3sign serve`.
// It is built by `make interop` in a scratch module outside this
// repository's go.mod: the vendor SDK never enters our module, and the go
// tool ignores this testdata folder.
//
//	TC3SIGN_SERVE=127.0.0.1:PORT go run .
//
// It calls DetectAuth and GetDetectInfoEnhanced in both modes of serve
// (endpoint http://ADDR, and proxy: endpoint faceid.tencentcloudapi.com over
// http with serve as the HTTP proxy), with POST and GET, signed with
// TC3-HMAC-SHA256, HmacSHA256 and HmacSHA1, and exits 1 on any refusal.
package main

import (
	"fmt"
	"os"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	faceid "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/faceid/v20180301"
)

func main() {
	addr := os.Getenv("TC3SIGN_SERVE")
	if addr == "" {
		fmt.Fprintln(os.Stderr, "set TC3SIGN_SERVE to the address tc3sign serve prints")
		os.Exit(2)
	}
	cred := common.NewCredential(os.Getenv("TENCENTCLOUD_SECRET_ID"), os.Getenv("TENCENTCLOUD_SECRET_KEY"))
	failed := 0
	for _, mode := range []string{"endpoint", "proxy"} {
		for _, method := range []string{"POST", "GET"} {
			for _, sign := range []string{"TC3-HMAC-SHA256", "HmacSHA256", "HmacSHA1"} {
				cpf := profile.NewClientProfile()
				cpf.HttpProfile.Scheme = "HTTP"
				cpf.HttpProfile.ReqMethod = method
				cpf.SignMethod = sign
				if mode == "endpoint" {
					cpf.HttpProfile.Endpoint = addr
				} else {
					cpf.HttpProfile.Endpoint = "faceid.tencentcloudapi.com"
					cpf.HttpProfile.Proxy = "http://" + addr
				}
				name := fmt.Sprintf("go %s %s %s", mode, method, sign)
				client, err := faceid.NewClient(cred, "ap-guangzhou", cpf)
				if err != nil {
					fmt.Printf("%s: client: %v\n", name, err)
					failed++
					continue
				}
				req := faceid.NewDetectAuthRequest()
				req.RuleId = common.StringPtr("1")
				resp, err := client.DetectAuth(req)
				if err != nil {
					fmt.Printf("%s DetectAuth: REFUSED: %v\n", name, err)
					failed++
					continue
				}
				if resp.Response.BizToken == nil || resp.Response.Url == nil {
					fmt.Printf("%s DetectAuth: REFUSED: no BizToken/Url in %s\n", name, resp.ToJsonString())
					failed++
					continue
				}
				info := faceid.NewGetDetectInfoEnhancedRequest()
				info.BizToken = resp.Response.BizToken
				info.RuleId = common.StringPtr("1")
				info.InfoType = common.StringPtr("0")
				got, err := client.GetDetectInfoEnhanced(info)
				if err != nil {
					fmt.Printf("%s GetDetectInfoEnhanced: REFUSED: %v\n", name, err)
					failed++
					continue
				}
				fmt.Printf("%s: ok, RequestIds %s %s\n", name, *resp.Response.RequestId, *got.Response.RequestId)
			}
		}
	}
	if failed > 0 {
		fmt.Printf("go: %d refused\n", failed)
		os.Exit(1)
	}
}
