package faceid_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// A minor is a billed answer that is not a pass: MinorsVerification returns the response
// (with its AgeRange) and a *VerificationError that says so.
func ExampleClient_MinorsVerification() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, mobile := range []string{"13900000099", faceidtest.MinorsMinorMobile, faceidtest.MinorsNoDataMobile} {
		resp, err := client.MinorsVerification(ctx, &faceid.MinorsVerificationRequest{Type: faceid.MinorsByMobile, Mobile: faceid.Ptr(mobile)})
		var ve *faceid.VerificationError
		switch {
		case err == nil:
			fmt.Println("adult", resp.AgeRange)
		case errors.As(err, &ve):
			fmt.Printf("Result %s, %s, %q: %s\n", ve.Result, ve.Billed, resp.AgeRange, ve.Meaning)
		default:
			log.Fatal(err)
		}
	}
	// Output:
	// adult [18,+)
	// Result -1, billed, "[0,8)": the person is a minor (under 18; AgeRange says how old)
	// Result -2, not billed, "": the mobile number is not in the data Tencent's model covers: check by Name and IdCard instead
}

// Each Result of a bank-card verification says whether it was billed and whether calling again
// can help: a busy centre may be retried (a new billable call), today's limit only tomorrow.
func ExampleClient_BankCard4EVerification() {
	srv := faceidtest.NewServer(faceidtest.Options{})
	defer srv.Close()
	client, err := faceid.NewClient(faceid.Config{Credentials: credentials.Static(faceidtest.DefaultCredentials), Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	req := &faceid.BankCard4EVerificationRequest{Name: "张三", BankCard: faceidtest.SampleBankCard, Phone: "13900000099", IdCard: "11010119900101001X"}
	for _, code := range []string{"0", "-6", "-18", "-19"} {
		srv.SetResult("BankCard4EVerification", code)
		_, err := client.BankCard4EVerification(context.Background(), req)
		var ve *faceid.VerificationError
		if errors.As(err, &ve) {
			fmt.Printf("%s: %s; %s; retry: %v\n", ve.Result, ve.Meaning, ve.Billed, ve.Retry)
			continue
		}
		fmt.Println(code, "verified, err", err)
	}
	// Output:
	// 0 verified, err <nil>
	// -6: the cardholder information is wrong; billed; retry: never
	// -18: the verification centre is busy; not billed; retry: backoff
	// -19: the number of verifications allowed today is used up: retry the next day; not billed; retry: later
}
