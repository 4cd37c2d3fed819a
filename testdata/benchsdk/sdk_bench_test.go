// Package benchsdk compares the client's cost with the vendor SDK's
// (github.com/tencentcloud/tencentcloud-sdk-go) on the same calls and the
// same canned answers (faceidtest's), in one `go test -bench` run. It is
// built by `make bench-sdk` in a scratch module outside this repository's
// go.mod: the vendor SDK never enters our module, and the go tool ignores
// this testdata folder.
//
// Each ours sub-benchmark runs after the SDK's and reports its time as a
// multiple of it (x-sdk).
package benchsdk

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	sdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/faceid/v20180301"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

func sdkClient(b *testing.B, answer []byte) *sdk.Client {
	b.Helper()
	creds := faceidtest.DefaultCredentials
	c, err := sdk.NewClient(common.NewCredential(creds.SecretID, creds.SecretKey), "ap-guangzhou", profile.NewClientProfile())
	if err != nil {
		b.Fatal(err)
	}
	c.WithHttpTransport(faceidtest.NewCannedTransport(answer))
	return c
}

func ourClient(b *testing.B, answer []byte) *faceid.Client {
	b.Helper()
	creds := faceidtest.DefaultCredentials
	creds.Token = ""
	c, err := faceid.NewClient(faceid.Config{
		Credentials: credentials.Static(creds),
		HTTPClient:  &http.Client{Transport: faceidtest.NewCannedTransport(answer)},
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func nsPerOp(b *testing.B) float64 { return float64(b.Elapsed().Nanoseconds()) / float64(b.N) }

// pair runs the SDK's sub-benchmark, then ours, reporting ours as a multiple of the SDK's.
func pair(b *testing.B, name string, sdkLoop, ourLoop func(b *testing.B)) {
	var base float64
	b.Run(name+"/sdk", func(b *testing.B) {
		b.ReportAllocs()
		sdkLoop(b)
		base = nsPerOp(b)
	})
	b.Run(name+"/ours", func(b *testing.B) {
		b.ReportAllocs()
		ourLoop(b)
		if base > 0 {
			b.ReportMetric(nsPerOp(b)/base, "x-sdk")
		}
	})
}

func BenchmarkSmallCall(b *testing.B) {
	answer := []byte(faceidtest.SmallAnswer)
	pair(b, "GetActionSequence", func(b *testing.B) {
		c := sdkClient(b, answer)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r, err := c.GetActionSequence(sdk.NewGetActionSequenceRequest())
			if err != nil || *r.Response.ActionSequence != "2,1" {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B) {
		c := ourClient(b, answer)
		ctx := context.Background()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r, err := c.GetActionSequence(ctx, &faceid.GetActionSequenceRequest{})
			if err != nil || r.ActionSequence != "2,1" {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkLivenessCompare(b *testing.B) {
	answer := []byte(faceidtest.LivenessAnswer)
	video, image := faceidtest.BenchMedia()
	video64, image64 := base64.StdEncoding.EncodeToString(video), base64.StdEncoding.EncodeToString(image)
	silent := "SILENT"
	sdkCall := func(b *testing.B, c *sdk.Client, v, im string) {
		req := sdk.NewLivenessCompareRequest()
		req.LivenessType, req.VideoBase64, req.ImageBase64 = &silent, &v, &im
		r, err := c.LivenessCompare(req)
		if err != nil || *r.Response.Result != "Success" {
			b.Fatal(err)
		}
	}
	pair(b, "raw", func(b *testing.B) {
		c := sdkClient(b, answer)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			// The SDK takes only base64 strings: the caller encodes the bytes.
			sdkCall(b, c, base64.StdEncoding.EncodeToString(video), base64.StdEncoding.EncodeToString(image))
		}
	}, func(b *testing.B) {
		c := ourClient(b, answer)
		ctx := context.Background()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r, err := c.LivenessCompare(ctx, &faceid.LivenessCompareRequest{
				LivenessType: faceid.LivenessSilent, VideoBase64: faceid.MediaBytes(video), ImageBase64: faceid.MediaBytes(image),
			})
			if err != nil || r.Result != "Success" {
				b.Fatal(err)
			}
		}
	})
	pair(b, "base64", func(b *testing.B) {
		c := sdkClient(b, answer)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			sdkCall(b, c, video64, image64)
		}
	}, func(b *testing.B) {
		c := ourClient(b, answer)
		ctx := context.Background()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			v, err := faceid.MediaBase64(video64)
			if err != nil {
				b.Fatal(err)
			}
			im, err := faceid.MediaBase64(image64)
			if err != nil {
				b.Fatal(err)
			}
			r, err := c.LivenessCompare(ctx, &faceid.LivenessCompareRequest{LivenessType: faceid.LivenessSilent, VideoBase64: v, ImageBase64: im})
			if err != nil || r.Result != "Success" {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkGetDetectInfo(b *testing.B) {
	answer := faceidtest.DetectInfoAnswer()
	token, rule, infoType := "CE661F1A-0F1E-45BD-BE13-34C05CEA7681", "1", faceid.InfoTypeAll
	pair(b, "InfoType0", func(b *testing.B) {
		c := sdkClient(b, answer)
		b.SetBytes(int64(len(answer)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req := sdk.NewGetDetectInfoRequest()
			req.BizToken, req.RuleId, req.InfoType = &token, &rule, &infoType
			r, err := c.GetDetectInfo(req)
			if err != nil {
				b.Fatal(err)
			}
			// The SDK hands back the document as a string; decode it to the same typed value.
			var d faceid.DetectInfo
			if err := json.Unmarshal([]byte(*r.Response.DetectInfo), &d); err != nil || len(d.VideoData.LivenessVideo) != faceidtest.DetectInfoVideoLen {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B) {
		c := ourClient(b, answer)
		ctx := context.Background()
		b.SetBytes(int64(len(answer)))
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			r, err := c.GetDetectInfo(ctx, &faceid.GetDetectInfoRequest{BizToken: token, RuleId: rule, InfoType: &infoType})
			if err != nil {
				b.Fatal(err)
			}
			d, err := r.Decode()
			if err != nil || len(d.VideoData.LivenessVideo) != faceidtest.DetectInfoVideoLen {
				b.Fatal(err)
			}
		}
	})
}
