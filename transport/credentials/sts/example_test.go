package sts_test

import (
	"context"
	"fmt"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"github.com/tcfaceid/tcfaceid/transport/credentials/credentialstest"
	"github.com/tcfaceid/tcfaceid/transport/credentials/sts"
)

// The base credentials (here a fixed pair; in production usually
// credentials.NewDefaultChain) sign AssumeRole; the role's credentials are
// cached and refreshed before they expire. The stand-in STS checks the
// signature.
func ExampleNewAssumeRoleCache() {
	now := func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }
	baseKey := tc3.Credentials{SecretID: "AKIDBASEEXAMPLE", SecretKey: "BASEKEYEXAMPLE"}
	stsSrv := credentialstest.NewSTS(credentialstest.STSOptions{Credentials: []tc3.Credentials{baseKey}, Now: now})
	defer stsSrv.Close()

	p, err := sts.NewAssumeRoleCache(credentials.Static(baseKey), sts.AssumeRoleOptions{
		RoleARN:     "qcs::cam::uin/100000000001:roleName/faceid-caller",
		SessionName: "faceid-batch",
		Duration:    2 * time.Hour,
		Endpoint:    stsSrv.URL(), // default https://sts.tencentcloudapi.com
		Now:         now,
	}, credentials.CacheOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := 0; i < 3; i++ {
		if _, err := p.Retrieve(context.Background()); err != nil {
			fmt.Println(err)
			return
		}
	}
	c, _ := p.Retrieve(context.Background())
	r := stsSrv.Requests()[0]
	fmt.Println(c.Source, c.Expires.Sub(now()), len(stsSrv.Requests()), r.SecretID, r.RoleSessionName)
	// Output: AssumeRole 2h0m0s 1 AKIDBASEEXAMPLE faceid-batch
}
