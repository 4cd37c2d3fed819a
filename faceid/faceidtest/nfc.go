package faceidtest

import "time"

// The NFC flow: GetNFCToken, the SDK's read (ReadNFC), GetWxNFCResult / ParseNfcData.

func init() {
	register("GetNFCToken", (*call).getNFCToken)
	register("GetWxNFCResult", (*call).getWxNFCResult)
	register("ParseNfcData", (*call).parseNfcData)
}

// NFC lifetimes and limits: the NFCToken of GetWxNFCResult is valid 10 minutes
// (https://cloud.tencent.com/document/api/1007/132063); a ReqId of ParseNfcData 5 minutes,
// queried at most 10 times (https://cloud.tencent.com/document/api/1007/74804 and the NFC
// return codes, https://cloud.tencent.com/document/product/1007/115320).
const (
	nfcTokenTTL    = 10 * time.Minute
	nfcReqIdTTL    = 5 * time.Minute
	nfcMaxQueries  = 10
	nfcExpiredText = "reqId 已失效或不存在"
	nfcTooOften    = "请求频率过高,请稍后重试"
)

func (c *call) getNFCToken() (map[string]any, *apiError) {
	return map[string]any{"Token": c.issue(kindNFC, &deviceToken{})}, nil
}

// nfcDocument is the data the stand-in "reads" for a person.
func nfcDocument(name, idCard string) map[string]any {
	birth := ""
	if len(idCard) == 18 {
		birth = idCard[6:14]
	}
	return map[string]any{
		"IdNum": idCard, "Name": name, "Picture": b64Sample("chip portrait"),
		"BirthDate": birth, "BeginTime": "20150301", "EndTime": "20350301",
		"Address": "北京市东城区东长安街1号", "Nation": "汉", "Sex": "男", "IdType": "01",
		"EnName": nil, "SigningOrganization": "北京市公安局东城分局", "OtherIdNum": nil,
		"Nationality": nil, "PersonalNumber": nil,
		"CheckMRTD": `{"CheckDG":"0","CheckCert":"0","CheckSig":"0","CheckChip":"0"}`,
	}
}

// billRead bills a read once, whatever the number of fetches.
func (c *call) billRead(t *deviceToken) {
	c.h.mu.Lock()
	first := t.billedReads == 0
	t.billedReads++
	c.h.mu.Unlock()
	if first {
		c.bill()
	}
}

func (c *call) getWxNFCResult() (map[string]any, *apiError) {
	id := c.p.str("NFCToken")
	t := c.token(id, kindRead)
	if t == nil || c.now.Sub(t.issued) > nfcTokenTTL {
		return nil, newError("FailedOperation.InvalidTokenParameter", "`NFCToken` %q is unknown or older than 10 minutes", id)
	}
	code := c.forced("0")
	if code != "0" {
		return map[string]any{"ResultCode": code}, nil
	}
	c.billRead(t)
	out := nfcDocument(t.name, t.idCard)
	out["ResultCode"] = code
	out["IdCardFrontImg"] = b64Sample("ID card front")
	out["IdCardBackImg"] = b64Sample("ID card back")
	return out, nil
}

func (c *call) parseNfcData() (map[string]any, *apiError) {
	id := c.p.str("ReqId")
	t := c.token(id, kindRead)
	fail := func(desc string) (map[string]any, *apiError) {
		return map[string]any{"ResultCode": "-1", "ResultDescription": desc}, nil
	}
	if t == nil || c.now.Sub(t.issued) > nfcReqIdTTL {
		return fail(nfcExpiredText)
	}
	c.h.mu.Lock()
	t.nfcQueries++
	n := t.nfcQueries
	c.h.mu.Unlock()
	if n > nfcMaxQueries {
		return fail(nfcTooOften)
	}
	if code := c.forced("0"); code != "0" {
		return fail("faceidtest: ResultCode " + code + " set by SetResult")
	}
	c.billRead(t)
	out := nfcDocument(t.name, t.idCard)
	out["ResultCode"] = "0"
	out["ResultDescription"] = "请求成功"
	out["ImageA"] = b64Sample("portrait side")
	out["ImageB"] = b64Sample("emblem side")
	return out, nil
}
