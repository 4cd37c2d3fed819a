package faceid_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// The SaaS flow: DetectAuth returns a Url for the user and a BizToken; once
// the user has verified at the Url, GetDetectInfo fetches the result, a JSON
// document inside a string that Decode parses. A nil error from
// GetDetectInfo only means the result was fetched: Check says whether the
// person passed.
//
// The example runs against the faceidtest stand-in; in production leave
// Endpoint empty and let Credentials come from the environment.
func ExampleClient_saasFlow() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()

	client, err := faceid.NewClient(faceid.Config{
		Credentials: credentials.Static(faceidtest.DefaultCredentials),
		Endpoint:    srv.URL,
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	const ruleID = "1" // from the FaceID console
	auth, err := client.DetectAuth(ctx, &faceid.DetectAuthRequest{
		RuleId: ruleID,
		IdCard: faceid.Ptr("11010119900101001X"),
		Name:   faceid.Ptr("张三"),
		Extra:  faceid.Ptr("order-42"), // echoed in the result
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("send the user to the Url of BizToken:", strings.Contains(auth.Url, auth.BizToken))

	// ... the user verifies in WeChat or the browser, then:
	info, err := client.GetDetectInfo(ctx, &faceid.GetDetectInfoRequest{
		BizToken: auth.BizToken,
		RuleId:   ruleID,
		InfoType: faceid.Ptr(faceid.InfoTypeText), // not the default "0": it returns megabytes of media
	})
	if err != nil {
		log.Fatal(err)
	}
	result, err := info.Decode()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("name:", result.Text.Name, "extra:", result.Text.Extra, "sim:", result.Text.Sim)
	if err := result.Check(); err != nil {
		fmt.Println("verdict: NOT passed:", err)
		return
	}
	fmt.Println("verdict: passed")
	// Output:
	// send the user to the Url of BizToken: true
	// name: 张三 extra: order-42 sim: 89.88
	// verdict: passed
}

// The PaaS flow: GetActionSequence tells the app which actions to ask the
// user for; LivenessCompare checks the recorded video against a photo.
//
// LivenessCompare answers HTTP 200 even when the person fails, with Result
// set to a FailedOperation.* code. The client turns that into a
// *faceid.VerificationError, so a nil error means the person passed; the
// response is returned in both cases.
func ExampleClient_paasFlow() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()

	client, err := faceid.NewClient(faceid.Config{
		Credentials: credentials.Static(faceidtest.DefaultCredentials),
		Endpoint:    srv.URL,
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	seq, err := client.GetActionSequence(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	// ... the app asks the user to perform seq.ActionSequence on camera ...
	req := &faceid.LivenessCompareRequest{
		LivenessType: faceid.LivenessAction,
		ValidateData: &seq.ActionSequence,
		ImageBase64:  faceid.MediaBytes(faceidtest.SampleJPEG()), // raw bytes: the client encodes them
		VideoBase64:  faceid.MediaBytes(faceidtest.SampleMP4()),
	}

	verify := func() {
		resp, err := client.LivenessCompare(ctx, req)
		var failed *faceid.VerificationError
		switch {
		case errors.As(err, &failed):
			fmt.Printf("NOT passed: Result %s, Sim %.2f, retry may help: %v\n", failed.Result, failed.Sim, failed.Retryable())
		case err != nil:
			fmt.Println("call failed:", transport.ErrorCode(err)) // API, network or validation error
		default:
			fmt.Printf("passed: Result %s, Sim %.2f\n", resp.Result, *resp.Sim)
		}
	}
	verify()

	// The stand-in can play a person who does not match the photo.
	srv.SetResult("LivenessCompare", faceid.CodeCompareLowSimilarity)
	verify()
	// Output:
	// passed: Result Success, Sim 89.88
	// NOT passed: Result FailedOperation.CompareLowSimilarity, Sim 26.04, retry may help: false
}

// MediaBase64 accepts base64 as browsers and the base64 tool write it: a
// data URI header and line breaks are removed before sending. Anything that
// is still not standard padded base64 is refused, and a request carrying it
// fails with an error naming the field.
func ExampleMediaBase64() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{
		Credentials: credentials.Static(faceidtest.DefaultCredentials),
		Endpoint:    srv.URL,
	})
	if err != nil {
		log.Fatal(err)
	}

	// A photo as a canvas.toDataURL() would give it, wrapped at 76 columns.
	encoded := base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG())
	var wrapped strings.Builder
	for len(encoded) > 76 {
		wrapped.WriteString(encoded[:76] + "\r\n")
		encoded = encoded[76:]
	}
	wrapped.WriteString(encoded)
	photo, err := faceid.MediaBase64("data:image/jpeg;base64," + wrapped.String())
	if err != nil {
		log.Fatal(err)
	}
	raw, _ := photo.Bytes()
	fmt.Println("header and line breaks removed:", photo.EncodedLen() == base64.StdEncoding.EncodedLen(len(raw)))
	fmt.Println("same photo:", bytes.Equal(raw, faceidtest.SampleJPEG()))

	resp, err := client.ImageRecognition(context.Background(), &faceid.ImageRecognitionRequest{
		IdCard: "11010119900101001X", Name: "张三", ImageBase64: photo,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("ImageRecognition:", resp.Result)

	// URL-safe base64 is not what FaceID takes.
	bad, err := faceid.MediaBase64("ab-_")
	fmt.Println(err)
	_, err = client.ImageRecognition(context.Background(), &faceid.ImageRecognitionRequest{
		IdCard: "11010119900101001X", Name: "张三", ImageBase64: bad,
	})
	var fe *faceid.FieldError
	if errors.As(err, &fe) {
		fmt.Println("refused before sending, field:", fe.Field)
	}
	// Output:
	// header and line breaks removed: true
	// same photo: true
	// ImageRecognition: Success
	// faceid: invalid base64 at byte 2: character '-' belongs to the URL-safe alphabet; FaceID needs the standard one (+ and /); send standard base64 with padding, without a data: prefix
	// refused before sending, field: ImageBase64
}
