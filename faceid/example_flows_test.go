package faceid_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync/atomic"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// The app-SDK flow: GetFaceIdToken gives the app a FaceIdToken for the FaceID SDK, and once
// the SDK has run, GetFaceIdResult fetches the verdict: a nil error means the person passed.
func ExampleClient_sdkFlow() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	for _, idCard := range []string{faceidtest.SampleIdCard, faceidtest.LowSimilarityIdCard} {
		tok, err := client.GetFaceIdToken(ctx, &faceid.GetFaceIdTokenRequest{
			CompareLib: faceid.CompareLibBusiness, IdCard: faceid.Ptr(idCard), Name: faceid.Ptr(faceidtest.SampleName),
		})
		if err != nil {
			log.Fatal(err)
		}
		// ... the app starts the FaceID SDK with tok.FaceIdToken; the stand-in plays that part:
		if err := srv.CompleteToken(tok.FaceIdToken); err != nil {
			log.Fatal(err)
		}
		res, err := client.GetFaceIdResult(ctx, &faceid.GetFaceIdResultRequest{FaceIdToken: tok.FaceIdToken})
		var failed *faceid.VerificationError
		switch {
		case errors.As(err, &failed):
			fmt.Printf("NOT passed: Result %s: %s; %s\n", failed.Result, failed.Meaning, failed.Billed)
		case err != nil:
			log.Fatal(err) // an API, network or validation error
		default:
			fmt.Printf("passed: Result %s, Similarity %.2f\n", res.Result, *res.Similarity)
		}
	}
	// Output:
	// passed: Result 0, Similarity 89.88
	// NOT passed: Result 2016: the similarity is below the threshold; billed
}

// The eID flow: GetEidToken starts the user's flow, CheckEidTokenStatus says where it
// stands (a pending status is a typed state, not an error), and GetEidResult's Check gives
// the verdict once it is finished.
func ExampleClient_eidFlow() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	tok, err := client.GetEidToken(ctx, &faceid.GetEidTokenRequest{MerchantId: "0NSJ2104150000000001"}) // from the console
	if err != nil {
		log.Fatal(err)
	}
	status := func() faceid.EidTokenStatus {
		st, err := client.CheckEidTokenStatus(ctx, &faceid.CheckEidTokenStatusRequest{EidToken: tok.EidToken})
		if err != nil {
			log.Fatal(err) // "timeout" is a *faceid.VerificationError: start a new token
		}
		fmt.Printf("status %s, still in progress: %v\n", st.Status, st.Status.Pending())
		return st.Status
	}
	// ... send the user to tok.Url; the stand-in plays the user opening and finishing it:
	status()
	if err := srv.BeginToken(tok.EidToken); err != nil {
		log.Fatal(err)
	}
	status()
	if err := srv.CompleteToken(tok.EidToken); err != nil {
		log.Fatal(err)
	}
	if status() != faceid.EidStatusFinished {
		return
	}
	res, err := client.GetEidResult(ctx, &faceid.GetEidResultRequest{EidToken: tok.EidToken, InfoType: faceid.Ptr("1")})
	if err != nil {
		log.Fatal(err) // the result could not be fetched
	}
	if err := res.Check(); err != nil {
		fmt.Println("NOT passed:", err)
		return
	}
	fmt.Println("passed, Sim", res.Text.Sim)
	// Output:
	// status init, still in progress: true
	// status doing, still in progress: true
	// status finished, still in progress: false
	// passed, Sim 89.88
}

// The NFC flow: GetNFCToken starts the NFC SDK, which reads the ID card's chip and hands
// back an id; GetWxNFCResult (or ParseNfcData) returns the card's data, billed once per read.
func ExampleClient_nfcFlow() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	tok, err := client.GetNFCToken(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	// ... the NFC SDK runs with tok.Token and returns an id; the stand-in plays the read:
	id, err := srv.ReadNFC(tok.Token, faceidtest.SampleName, faceidtest.SampleIdCard)
	if err != nil {
		log.Fatal(err)
	}
	for i := 0; i < 2; i++ { // fetching again is not billed again
		card, err := client.GetWxNFCResult(ctx, &faceid.GetWxNFCResultRequest{NFCToken: id})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("read:", card.Name, card.IdNum, "valid to", card.EndTime)
	}
	fmt.Println("reads billed:", srv.Billed("GetWxNFCResult"))

	// A ReqId the SDK did not return (or one older than 5 minutes) is a failing result.
	_, err = client.ParseNfcData(ctx, &faceid.ParseNfcDataRequest{ReqId: "not-a-read"})
	var failed *faceid.VerificationError
	if errors.As(err, &failed) {
		fmt.Println("ParseNfcData NOT passed: ResultCode", failed.Result)
	}
	// Output:
	// read: 张三 11010119900101001X valid to 20350301
	// read: 张三 11010119900101001X valid to 20350301
	// reads billed: 1
	// ParseNfcData NOT passed: ResultCode -1
}

// The device-risk flow: GetFaceidRiskInfoToken gives the SDK a token to collect the device's
// risk with, and GetFaceIdRiskInfo returns the typed risk level: low and medium risk pass,
// high risk, an attack and "no level obtained" are a *faceid.VerificationError.
func ExampleClient_riskFlow() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	check := func(collect bool) {
		tok, err := client.GetFaceidRiskInfoToken(ctx, nil)
		if err != nil {
			log.Fatal(err)
		}
		if collect { // ... the SDK collects with tok.FaceIdToken; the stand-in plays that part
			if err := srv.CompleteToken(tok.FaceIdToken); err != nil {
				log.Fatal(err)
			}
		}
		risk, err := client.GetFaceIdRiskInfo(ctx, &faceid.GetFaceIdRiskInfoRequest{FaceIdToken: tok.FaceIdToken})
		var failed *faceid.VerificationError
		switch {
		case errors.As(err, &failed):
			fmt.Printf("blocked: DeviceInfoLevel %d (high risk: %v)\n", *risk.DeviceInfoLevel, *risk.DeviceInfoLevel >= faceid.RiskHigh)
		case err != nil:
			log.Fatal(err)
		default:
			fmt.Printf("accepted: DeviceInfoLevel %d (low risk: %v)\n", *risk.DeviceInfoLevel, *risk.DeviceInfoLevel == faceid.RiskLow)
		}
	}
	check(true)
	check(false) // the SDK never collected: no level (-1) is not a pass
	srv.SetResult("GetFaceIdRiskInfo", "3")
	check(true)
	// Output:
	// accepted: DeviceInfoLevel 1 (low risk: true)
	// blocked: DeviceInfoLevel -1 (high risk: false)
	// blocked: DeviceInfoLevel 3 (high risk: true)
}

// GetWeChatBillDetails lists a day's billing per BizToken of the WeChat channels, page by
// page; a day can be listed from 06:00 (Beijing time) the next day.
func ExampleClient_GetWeChatBillDetails() {
	// One pinned clock for the stand-in and the client's signer.
	var clock atomic.Int64
	clock.Store(time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC).UnixNano()) // 16:30 in Beijing
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	srv := faceidtest.NewServer(faceidtest.Options{Now: now})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL, Now: now})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	for i := 0; i < 3; i++ { // three verifications on 2026-11-27
		if _, err := client.DetectAuth(ctx, &faceid.DetectAuthRequest{RuleId: "1"}); err != nil {
			log.Fatal(err)
		}
	}
	clock.Add(int64(24 * time.Hour)) // the next day, after 06:00 in Beijing

	req := &faceid.GetWeChatBillDetailsRequest{Date: "2026-11-27"}
	for {
		page, err := client.GetWeChatBillDetails(ctx, req)
		if err != nil {
			log.Fatal(err)
		}
		for _, d := range page.WeChatBillDetails {
			c := d.ChargeDetails[0]
			fmt.Printf("RuleId %s: %d charge(s), billed %v, ErrorCode %s\n", d.RuleId, *d.ChargeCount, *c.IsNeedCharge, c.ErrorCode)
		}
		if !*page.HasNextPage {
			break
		}
		req.Cursor = *page.NextCursor
	}
	// Output:
	// RuleId 1: 1 charge(s), billed true, ErrorCode 0
	// RuleId 1: 1 charge(s), billed true, ErrorCode 0
	// RuleId 1: 1 charge(s), billed true, ErrorCode 0
}

// PaaS v2: ImageRecognitionV2 compares a photo with the authority's (a nil error means the
// person passed), and DetectAIFakeFaces answers a typed AttackRiskLevel: Low and Mid pass,
// High is a *faceid.VerificationError returned with the response.
func ExampleClient_paasV2() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	for _, idCard := range []string{faceidtest.SampleIdCard, faceidtest.LowSimilarityIdCard} {
		resp, err := client.ImageRecognitionV2(ctx, &faceid.ImageRecognitionV2Request{
			IdCard: idCard, Name: faceidtest.SampleName, ImageBase64: faceid.MediaBytes(faceidtest.SampleJPEG()),
		})
		var failed *faceid.VerificationError
		switch {
		case errors.As(err, &failed):
			fmt.Printf("ImageRecognitionV2 NOT passed: Result %s, Sim %.2f\n", failed.Result, failed.Sim)
		case err != nil:
			log.Fatal(err)
		default:
			fmt.Printf("ImageRecognitionV2 passed: Sim %.2f\n", *resp.Sim)
		}
	}

	for _, level := range []string{"Low", "Mid", "High"} {
		srv.SetResult("DetectAIFakeFaces", level) // the stand-in plays a face of that risk
		resp, err := client.DetectAIFakeFaces(ctx, &faceid.DetectAIFakeFacesRequest{
			FaceInput: faceid.MediaBytes(faceidtest.SampleJPEG()), FaceInputType: faceid.Ptr(faceid.FaceInputImage),
		})
		var failed *faceid.VerificationError
		switch {
		case errors.As(err, &failed):
			fmt.Printf("DetectAIFakeFaces %s: block it (%v)\n", resp.AttackRiskLevel, resp.AttackRiskDetailList)
		case err != nil:
			log.Fatal(err)
		case resp.AttackRiskLevel == faceid.AttackRiskMid:
			fmt.Printf("DetectAIFakeFaces %s: accepted, with signs %v\n", resp.AttackRiskLevel, resp.AttackRiskDetailList)
		default:
			fmt.Printf("DetectAIFakeFaces %s: accepted\n", resp.AttackRiskLevel)
		}
	}
	// Output:
	// ImageRecognitionV2 passed: Sim 89.88
	// ImageRecognitionV2 NOT passed: Result FailedOperation.CompareLowSimilarity, Sim 26.04
	// DetectAIFakeFaces Low: accepted
	// DetectAIFakeFaces Mid: accepted, with signs [{SuspectedSpoofingAttack}]
	// DetectAIFakeFaces High: block it ([{SuspectedSynthesisImage}])
}
