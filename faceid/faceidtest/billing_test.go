package faceidtest

import (
	"strings"
	"testing"
)

func TestGetWeChatBillDetailsStandIn(t *testing.T) {
	s := newTestServer(t, Options{}) // 2026-11-27 16:30 in Beijing
	if code, msg := apiErr(callAPI(t, s, "GetWeChatBillDetails", `{"Date":"2026-11-26","Cursor":0}`)); code != "" {
		t.Fatalf("yesterday after 06:00: %s %s", code, msg)
	}
	got := mustOK(t, callAPI(t, s, "GetWeChatBillDetails", `{"Date":"2026-11-26","Cursor":0}`))
	if got["HasNextPage"] != false || got["NextCursor"] != float64(0) || len(got["WeChatBillDetails"].([]any)) != 0 {
		t.Errorf("empty day: %v", got)
	}
	if code, msg := apiErr(callAPI(t, s, "GetWeChatBillDetails", `{"Date":"2026-11-27","Cursor":0}`)); code != "InvalidParameter" || !strings.Contains(msg, "06:00 the next day") {
		t.Errorf("today: %s %q", code, msg)
	}
}
