package faceidtest

import (
	"sort"
	"strconv"
	"time"
)

// Billing: GetWeChatBillDetails lists the DetectAuth flows (BizTokens) the stand-in issued
// on a day, page by page.

func init() {
	register("GetWeChatBillDetails", (*call).getWeChatBillDetails)
}

// Paging and the day rules of https://cloud.tencent.com/document/product/1007/51442.
const (
	billPageSize  = 2                    // BizTokens per page (small, so tests see paging)
	billMaxDays   = 365                  // how far back a day can be listed
	billReadyHour = 6                    // a day is ready at 06:00 the next day
	billLocation  = 8 * 60 * 60          // Beijing time, UTC+8, in seconds
	billDateFmt   = "2006-01-02"         // YYYY-MM-DD
	billRuleAll   = ""                   // RuleId "" lists every RuleId
	billMasked    = "**"                 // names and ID numbers are masked in the details
	billChargeOK  = "0"                  // ErrorCode of a passing attempt
	billChargeMsg = "成功"                 // its ErrorMessage
	billType      = "WeChatH5"           // the stand-in's ChargeType
	billSeqPrefix = "faceidtest-charge-" // Seq of a detail
)

var beijing = time.FixedZone("UTC+8", billLocation)

func (c *call) getWeChatBillDetails() (map[string]any, *apiError) {
	day, err := time.ParseInLocation(billDateFmt, c.p.str("Date"), beijing)
	if err != nil {
		return nil, newError("InvalidParameter", "`Date` %q is not a day written YYYY-MM-DD", c.p.str("Date"))
	}
	now := c.now.In(beijing)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, beijing)
	if ready := day.AddDate(0, 0, 1).Add(billReadyHour * time.Hour); now.Before(ready) {
		return nil, newError("InvalidParameter", "`Date` %s can be listed from %s (06:00 the next day, Beijing time)", c.p.str("Date"), ready.Format(time.RFC3339))
	}
	if day.Before(today.AddDate(0, 0, -billMaxDays)) {
		return nil, newError("InvalidParameter", "`Date` %s is more than %d days back", c.p.str("Date"), billMaxDays)
	}
	rule := c.p.str("RuleId")
	c.h.mu.Lock()
	var flows []*flow
	for _, f := range c.h.flows {
		if d := f.issued.In(beijing); d.Year() == day.Year() && d.YearDay() == day.YearDay() && (rule == billRuleAll || f.ruleID == rule) {
			flows = append(flows, f)
		}
	}
	c.h.mu.Unlock()
	sort.Slice(flows, func(i, j int) bool {
		if !flows[i].issued.Equal(flows[j].issued) {
			return flows[i].issued.Before(flows[j].issued)
		}
		return flows[i].token < flows[j].token
	})
	start := c.p.uint("Cursor")
	if start > uint64(len(flows)) {
		start = uint64(len(flows))
	}
	end := start + billPageSize
	if end > uint64(len(flows)) {
		end = uint64(len(flows))
	}
	details := []any{}
	for i, f := range flows[start:end] {
		details = append(details, map[string]any{
			"BizToken": f.token, "ChargeCount": 1, "RuleId": f.ruleID,
			"ChargeDetails": []any{map[string]any{
				"ReqTime": f.reqTime(), "Seq": billSeqPrefix + strconv.FormatUint(start+uint64(i), 10),
				"IdCard": billMasked, "Idcard": billMasked, "Name": billMasked, "Sim": "89.88",
				"IsNeedCharge": true, "ChargeType": billType, "ErrorCode": billChargeOK, "ErrorMessage": billChargeMsg,
			}},
		})
	}
	return map[string]any{"HasNextPage": end < uint64(len(flows)), "NextCursor": end, "WeChatBillDetails": details}, nil
}
