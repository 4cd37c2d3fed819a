package faceidtest

import "testing"

func TestNFCStandIn(t *testing.T) {
	s := newTestServer(t, Options{})
	if _, err := s.ReadNFC("not-a-token", SampleName, SampleIdCard); err == nil {
		t.Error("ReadNFC accepted a token GetNFCToken did not issue")
	}
	tok := mustOK(t, callAPI(t, s, "GetNFCToken", `{}`))["Token"].(string)
	id, err := s.ReadNFC(tok, SampleName, SampleIdCard)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustOK(t, callAPI(t, s, "ParseNfcData", `{"ReqId":"`+id+`"}`)); got["ResultCode"] != "0" || got["IdNum"] != SampleIdCard {
		t.Errorf("ParseNfcData: %v", got)
	}
	if code, _ := apiErr(callAPI(t, s, "GetWxNFCResult", `{"NFCToken":"`+tok+`"}`)); code != "FailedOperation.InvalidTokenParameter" {
		t.Errorf("GetWxNFCResult with the SDK's start token instead of its read id: %s", code)
	}
	if s.Billed("ParseNfcData") != 1 {
		t.Errorf("Billed = %d", s.Billed("ParseNfcData"))
	}
	s.Reset()
	if s.Billed("ParseNfcData") != 0 {
		t.Error("Reset kept the billing count")
	}
}
