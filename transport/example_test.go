package transport_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// ExampleClient_Call sends DetectAuth to a stand-in server on loopback and
// decodes the action's fields from Response.Raw; a second call shows a
// typed API error.
func ExampleClient_Call() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A real gateway checks r's Authorization header here.
		if strings.Contains(r.Header.Get("Authorization"), "Signature=") && r.Header.Get("X-TC-Action") == "DetectAuth" {
			fmt.Fprint(w, `{"Response":{"BizToken":"biz-123","Url":"https://example.com/verify","RequestId":"req-1"}}`)
			return
		}
		fmt.Fprint(w, `{"Response":{"Error":{"Code":"InvalidParameterValue.BizTokenExpired","Message":"BizToken expired"},"RequestId":"req-2"}}`)
	}))
	defer srv.Close()

	client, err := transport.New(transport.Config{
		Credentials: credentials.Static(tc3.Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}),
		Service:     "faceid",
		Host:        strings.TrimPrefix(srv.URL, "http://"),
		Scheme:      "http", // loopback test server only; the default is https
		Region:      "ap-guangzhou",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.CloseIdleConnections()

	resp, err := client.Call(context.Background(), transport.Call{
		Action:  "DetectAuth",
		Version: "2018-03-01",
		Body:    []byte(`{"RuleId":"1"}`),
		// DetectAuth is safe to repeat after an ambiguous failure
		// (it mints a new BizToken); verification calls are not.
		Idempotent: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	var out struct{ BizToken, Url string }
	if err := json.Unmarshal(resp.Raw, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.BizToken, out.Url, resp.RequestId, resp.Attempts)

	_, err = client.Call(context.Background(), transport.Call{Action: "GetDetectInfo", Version: "2018-03-01", Body: []byte(`{"BizToken":"old"}`)})
	fmt.Println(transport.ErrorCode(err), transport.IsRetryable(err))
	fmt.Println(err)
	// Output:
	// biz-123 https://example.com/verify req-1 1
	// InvalidParameterValue.BizTokenExpired false
	// transport: GetDetectInfo: InvalidParameterValue.BizTokenExpired: BizToken expired (RequestId req-2, attempt 1, HTTP 200)
}
