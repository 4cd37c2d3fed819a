package faceid

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// GetWeChatBillDetails through client -> stand-in: the day's BizTokens page by page, the
// RuleId filter, and the day's data refused before 06:00 (Beijing) the next day.
func TestGetWeChatBillDetailsPaging(t *testing.T) {
	clk := newTestClock() // 2026-11-27 08:30 UTC, 16:30 in Beijing
	srv := newServer(t, faceidtest.Options{Now: clk.Now})
	c := newClient(t, srv, withClock(clk))
	ctx := context.Background()
	var tokens []string
	for _, rule := range []string{"1", "1", "2"} {
		resp, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: rule})
		if err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, resp.BizToken)
		clk.Advance(time.Second)
	}
	req := &GetWeChatBillDetailsRequest{Date: "2026-11-27"}
	if _, err := c.GetWeChatBillDetails(ctx, req); apiCode(err) != "InvalidParameter" {
		t.Errorf("same day: %v, want InvalidParameter", err)
	}
	clk.Advance(13*time.Hour + 30*time.Minute) // 2026-11-28 06:00:03 in Beijing
	var got []string
	for page := 0; ; page++ {
		resp, err := c.GetWeChatBillDetails(ctx, req)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		for _, d := range resp.WeChatBillDetails {
			if d.ChargeCount == nil || *d.ChargeCount != uint64(len(d.ChargeDetails)) || d.ChargeDetails[0].IsNeedCharge == nil {
				t.Errorf("detail %+v", d)
			}
			got = append(got, d.BizToken)
		}
		if !*resp.HasNextPage {
			break
		}
		req.Cursor = *resp.NextCursor
		if page > 3 {
			t.Fatal("paging does not end")
		}
	}
	if strings.Join(got, ",") != strings.Join(tokens, ",") {
		t.Errorf("BizTokens %v, want %v", got, tokens)
	}
	resp, err := c.GetWeChatBillDetails(ctx, &GetWeChatBillDetailsRequest{Date: "2026-11-27", RuleId: Ptr("2")})
	if err != nil || len(resp.WeChatBillDetails) != 1 || resp.WeChatBillDetails[0].BizToken != tokens[2] {
		t.Errorf("RuleId 2: %+v, %v", resp, err)
	}
	if _, err := c.GetWeChatBillDetails(ctx, &GetWeChatBillDetailsRequest{Date: "2025-11-27"}); apiCode(err) != "InvalidParameter" {
		t.Errorf("366 days back: %v", err)
	}
}

func TestGetWeChatBillDetailsValidate(t *testing.T) {
	for _, tt := range []struct{ date, want string }{
		{"", `GetWeChatBillDetailsRequest.Date is required: set the day to list`},
		{"20261127", `GetWeChatBillDetailsRequest.Date is "20261127": write a calendar day as YYYY-MM-DD`},
		{"2026-02-30", `Date is "2026-02-30": write a calendar day as YYYY-MM-DD`},
		{"2026-1-27", `Date is "2026-1-27"`},
	} {
		if err := (&GetWeChatBillDetailsRequest{Date: tt.date}).Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.date, err, tt.want)
		}
	}
	if err := (&GetWeChatBillDetailsRequest{Date: "2026-11-27", Cursor: 1873}).Validate(); err != nil {
		t.Error(err)
	}
}
