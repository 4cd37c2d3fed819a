package faceidtest_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
)

// imageRecognition sends a TC3-signed ImageRecognition call to the
// stand-in and returns the decoded "Response" object.
func imageRecognition(srv *faceidtest.Server, idCard string) map[string]any {
	body, _ := json.Marshal(map[string]string{
		"IdCard":      idCard,
		"Name":        "张三",
		"ImageBase64": base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG()),
	})
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(string(body)))
	if err != nil {
		log.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", "ImageRecognition")
	req.Header.Set("X-TC-Version", faceidtest.Version)
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	// Sign for the host actually sent, srv.Host (127.0.0.1:port), service "faceid".
	err = tc3.NewSigner(0).SignRequest(req, faceidtest.DefaultCredentials, faceidtest.Service, "", time.Now().Unix())
	if err != nil {
		log.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct{ Response map[string]any }
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		log.Fatal(err)
	}
	return env.Response
}

// A signed call to the stand-in, and the business-result trap: HTTP 200, no
// Error, yet the person did not pass.
func ExampleNewServer() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()

	for _, idCard := range []string{faceidtest.SampleIdCard, faceidtest.LowSimilarityIdCard} {
		r := imageRecognition(srv, idCard)
		fmt.Printf("Error=%v Result=%v Sim=%v Description=%v\n", r["Error"], r["Result"], r["Sim"], r["Description"])
	}
	rec := srv.Requests()[0]
	fmt.Println(rec.Action, rec.SignatureMethod, rec.SecretID == faceidtest.DefaultCredentials.SecretID, rec.Header.Get("Authorization") == "")
	// Output:
	// Error=<nil> Result=Success Sim=89.88 Description=成功
	// Error=<nil> Result=FailedOperation.CompareLowSimilarity Sim=26.04 Description=比对相似度未达到通过标准
	// ImageRecognition TC3-HMAC-SHA256 true true
}

// Fault injection: the next call answers an error envelope, then the
// service recovers.
func ExampleHandler_InjectError() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()

	srv.InjectError("ImageRecognition", "FailedOperation.IdPhotoSystemNoanswer", 1)
	for i := 0; i < 2; i++ {
		r := imageRecognition(srv, faceidtest.SampleIdCard)
		fmt.Printf("Error=%v Result=%v\n", r["Error"], r["Result"])
	}
	// Output:
	// Error=map[Code:FailedOperation.IdPhotoSystemNoanswer Message:客户库自建库或认证中心返照失败，请稍后再试。] Result=<nil>
	// Error=<nil> Result=Success
}
