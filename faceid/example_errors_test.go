package faceid_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// The error types a call returns, told apart with errors.As. A billable
// verification whose request may have reached the backend is never resent:
// a 502 from a load balancer gives a *transport.MaybeProcessedError, and
// IsRetryable says no, because a retry could bill twice.
func Example_errors() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{
		Credentials: credentials.Static(faceidtest.DefaultCredentials),
		Endpoint:    srv.URL,
		MaxWait:     10 * time.Millisecond, // keep the example quick; the default backs off longer
	})
	if err != nil {
		log.Fatal(err)
	}
	req := &faceid.LivenessRecognitionRequest{
		IdCard:       "11010119900101001X",
		Name:         "张三",
		LivenessType: faceid.LivenessSilent,
		VideoBase64:  faceid.MediaBytes(faceidtest.SampleMP4()),
	}
	explain := func(err error) {
		var (
			failed    *faceid.VerificationError
			maybe     *transport.MaybeProcessedError
			apiErr    *transport.APIError
			fieldErr  *faceid.FieldError
			sizeLimit *transport.SizeError
		)
		switch {
		case err == nil:
			fmt.Println("passed")
		case errors.As(err, &failed):
			fmt.Println("not passed:", failed.Result)
		case errors.As(err, &maybe):
			fmt.Println("may have been processed (and billed); retry:", transport.IsRetryable(err))
		case errors.As(err, &apiErr):
			fmt.Println("API error:", apiErr.Code, "retry:", apiErr.Retryable())
		case errors.As(err, &fieldErr):
			fmt.Println("bad field:", fieldErr.Field)
		case errors.As(err, &sizeLimit):
			fmt.Println("over a size limit, nothing sent")
		default:
			fmt.Println("other:", err)
		}
	}
	ctx := context.Background()

	_, err = client.LivenessRecognition(ctx, req)
	explain(err)

	srv.SetResult("LivenessRecognition", "FailedOperation.SilentDetectFail")
	_, err = client.LivenessRecognition(ctx, req)
	explain(err)

	srv.InjectHTTPStatus("LivenessRecognition", 502, "<html>Bad Gateway</html>", 1)
	_, err = client.LivenessRecognition(ctx, req)
	explain(err)

	srv.InjectError("LivenessRecognition", "RequestLimitExceeded", 9)
	_, err = client.LivenessRecognition(ctx, req)
	explain(err)

	bad := *req
	bad.IdCard = "11010119900101001x"
	_, err = client.LivenessRecognition(ctx, &bad)
	explain(err)
	// Output:
	// passed
	// not passed: FailedOperation.SilentDetectFail
	// may have been processed (and billed); retry: false
	// API error: RequestLimitExceeded retry: true
	// bad field: IdCard
}
