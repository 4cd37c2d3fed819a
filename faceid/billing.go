package faceid

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Billing: GetWeChatBillDetails lists the billing of the WeChat-channel verifications (mini
// program, native and ordinary H5) per BizToken, page by page.

// GetWeChatBillDetailsRequest asks for one page of a day's billing details
// (https://cloud.tencent.com/document/product/1007/51442).
type GetWeChatBillDetailsRequest struct {
	// Date is the day, "YYYY-MM-DD" (Beijing time). Tencent keeps 365 days, and a day's data
	// can be fetched from 06:00 the next day. Required.
	Date string `json:"Date"`
	// Cursor is 0 for the first page, then the previous answer's NextCursor. Required.
	Cursor uint64 `json:"Cursor"`
	// RuleId limits the details to one RuleId; nil lists every RuleId.
	RuleId *string `json:"RuleId,omitempty"`
}

// GetWeChatBillDetailsResponse is one page of billing details.
type GetWeChatBillDetailsResponse struct {
	// HasNextPage says to call again with Cursor = NextCursor.
	HasNextPage *bool   `json:"HasNextPage"`
	NextCursor  *uint64 `json:"NextCursor"`
	// WeChatBillDetails lists the BizTokens of the page.
	WeChatBillDetails []WeChatBillDetail `json:"WeChatBillDetails"`
	RequestId         string             `json:"RequestId"`
}

// WeChatBillDetail is the billing of one BizToken.
type WeChatBillDetail struct {
	BizToken string `json:"BizToken"`
	// ChargeCount is how often the BizToken was billed (a user may retry within one flow).
	ChargeCount *uint64 `json:"ChargeCount"`
	// ChargeDetails lists each billed attempt.
	ChargeDetails []ChargeDetail `json:"ChargeDetails"`
	RuleId        string         `json:"RuleId"`
}

// ChargeDetail is one billed attempt of a BizToken.
type ChargeDetail struct {
	ReqTime string `json:"ReqTime"` // milliseconds since 1970, as a string
	Seq     string `json:"Seq"`
	IdCard  string `json:"IdCard"` // masked
	// Deprecated: Idcard is the old spelling of IdCard; both arrive, declared apart so that
	// encoding/json's case-insensitive matching does not mix them.
	Idcard       string `json:"Idcard"`
	Name         string `json:"Name"` // masked
	Sim          string `json:"Sim"`  // a string, "0.00" to "100.00"
	IsNeedCharge *bool  `json:"IsNeedCharge"`
	ChargeType   string `json:"ChargeType"`
	ErrorCode    string `json:"ErrorCode"` // a string here, unlike the flow results' ErrCode
	ErrorMessage string `json:"ErrorMessage"`
}

// Action returns "GetWeChatBillDetails".
func (*GetWeChatBillDetailsRequest) Action() string { return "GetWeChatBillDetails" }

// MarshalJSON encodes the request; see DetectAuthRequest.MarshalJSON.
func (r GetWeChatBillDetailsRequest) MarshalJSON() ([]byte, error) { return encodeBody(&r, 0) }

// LogValue and Format print the redacted form (redact.go): no personal data, no media.
func (r GetWeChatBillDetailsRequest) LogValue() slog.Value       { return slog.StringValue(redact(&r)) }
func (r GetWeChatBillDetailsRequest) Format(f fmt.State, _ rune) { formatRedacted(f, &r) }

// Validate checks the rules of https://cloud.tencent.com/document/product/1007/51442: Date is
// a calendar day written YYYY-MM-DD. How far back it may go (365 days) and when the previous
// day becomes available (06:00) depend on the day of the call: Tencent checks them.
func (r *GetWeChatBillDetailsRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Date", "is required: the request is nil")
		return v.err()
	}
	if r.Date == "" {
		v.fail("Date", "is required: set the day to list, e.g. \"2026-11-26\"")
	} else if _, err := time.Parse("2006-01-02", r.Date); err != nil || len(r.Date) != 10 {
		v.fail("Date", "is %q: write a calendar day as YYYY-MM-DD, e.g. \"2026-11-26\"", r.Date)
	}
	return v.err()
}

// GetWeChatBillDetails lists one page of a day's billing details of the WeChat channels.
// Start with Cursor 0 and call again with NextCursor while HasNextPage. Not billed.
//
// Tencent's page: https://cloud.tencent.com/document/product/1007/51442
func (c *Client) GetWeChatBillDetails(ctx context.Context, req *GetWeChatBillDetailsRequest) (*GetWeChatBillDetailsResponse, error) {
	return call[GetWeChatBillDetailsRequest, GetWeChatBillDetailsResponse](ctx, c, req)
}
