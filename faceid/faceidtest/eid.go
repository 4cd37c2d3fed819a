package faceidtest

import (
	"strings"
	"time"
)

// The eID flow: GetEidToken, the user's H5 flow (BeginToken, CompleteToken),
// CheckEidTokenStatus, GetEidResult.

func init() {
	register("GetEidToken", (*call).getEidToken)
	register("CheckEidTokenStatus", (*call).checkEidTokenStatus)
	register("GetEidResult", (*call).getEidResult)
}

// Lifetimes of the eID flow: the EidToken is valid 600 s to run the flow
// (https://cloud.tencent.com/document/api/1007/54089), its result can be fetched for 3 days
// (https://cloud.tencent.com/document/api/1007/54090).
const (
	eidTokenUseTTL    = 600 * time.Second
	eidResultFetchTTL = 3 * 24 * time.Hour
)

// UnregisteredMerchantId is a MerchantId GetEidToken answers with
// FailedOperation.UnregisteredEid (the merchant is not registered for eID).
const UnregisteredMerchantId = "0NSJ2104150000000000"

func (c *call) getEidToken() (map[string]any, *apiError) {
	enc, err := c.encryptedFields()
	if err != nil {
		return nil, err
	}
	p := c.p
	m := p.str("MerchantId")
	if strings.TrimSpace(m) != m || m == "" {
		return nil, newError("InvalidParameter", "`MerchantId` %q has white space", m)
	}
	if m == UnregisteredMerchantId {
		return nil, newError("FailedOperation.UnregisteredEid", "merchant %s is not registered for eID", m)
	}
	if p.has("IdCard") && !enc["IdCard"] {
		if err := checkIdCard(p.str("IdCard"), "InvalidParameter"); err != nil {
			return nil, err
		}
	}
	if cfg := p.obj("Config"); cfg != nil && cfg.str("InputType") == "4" && (p.str("IdCard") == "" || p.str("Name") == "") {
		return nil, newError("InvalidParameter", "`IdCard` and `Name` are required with `Config.InputType` 4")
	}
	if u := p.str("RedirectUrl"); u != "" && !isHTTPURL(u) {
		return nil, newError("InvalidParameter", "`RedirectUrl` %q is not an absolute http(s) URL", u)
	}
	t := &deviceToken{name: p.str("Name"), idCard: p.str("IdCard"), extra: p.str("Extra"), encryptedFields: enc}
	if t.name == "" && t.idCard == "" {
		t.name, t.idCard = SampleName, SampleIdCard // read by the flow's OCR
	}
	tok := c.issue(kindEID, t)
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return map[string]any{"EidToken": tok, "Url": scheme + "://" + c.r.Host + "/eid?token=" + tok}, nil
}

// eidStatus is the documented Status of an eID token at now.
func (c *call) eidStatus(t *deviceToken) string {
	c.h.mu.Lock()
	begun, done := t.begun, t.done
	c.h.mu.Unlock()
	switch {
	case !done.IsZero():
		return "finished"
	case c.now.Sub(t.issued) > eidTokenUseTTL:
		return "timeout"
	case !begun.IsZero():
		return "doing"
	}
	return "init"
}

func (c *call) checkEidTokenStatus() (map[string]any, *apiError) {
	t, err := c.lookupToken("EidToken", kindEID, eidResultFetchTTL)
	if err != nil {
		return nil, err
	}
	return map[string]any{"Status": c.forced(c.eidStatus(t))}, nil
}

func (c *call) getEidResult() (map[string]any, *apiError) {
	t, err := c.lookupToken("EidToken", kindEID, eidResultFetchTTL)
	if err != nil {
		return nil, err
	}
	want, err := c.infoType('6')
	if err != nil {
		return nil, err
	}
	if strings.Contains(c.p.str("InfoType"), "4") {
		return nil, newError("InvalidParameterValue", "`InfoType` %q: GetEidResult has no digit 4", c.p.str("InfoType"))
	}
	out := map[string]any{"IsVerifyIntention": false, "IntentionVerifyType": ""}
	for _, k := range []string{"Text", "IdCardData", "BestFrame", "EidInfo", "IntentionVerifyData", "IntentionQuestionResult", "IntentionActionResult"} {
		out[k] = nil
	}
	if c.eidStatus(t) != "finished" {
		if want('1') {
			// No verdict yet: the Text section with null values.
			out["Text"] = map[string]any{"ErrCode": nil, "ErrMsg": nil, "Extra": t.extra}
		}
		return out, nil
	}
	result := c.forced("")
	if result == "" {
		result = (&flow{idCard: t.idCard, given: true}).fixtureOutcome()
	}
	res := outcomeText(result)
	if want('1') {
		out["Text"] = map[string]any{
			"ErrCode": res.errCode, "ErrMsg": res.errMsg,
			"IdCard": nil, "Name": nil, // eID returns the identity encrypted in EidInfo only
			"LiveStatus": res.liveStatus, "LiveMsg": res.liveMsg,
			"Comparestatus": res.compareStatus, "Comparemsg": res.compareMsg,
			"Sim": res.sim, "Extra": t.extra,
		}
		out["EidInfo"] = map[string]any{"EidCode": "faceidtest-eid-code", "EidSign": "faceidtest-eid-sign", "DesKey": "faceidtest-des-key", "UserInfo": "faceidtest-user-info"}
	}
	if want('2') {
		out["IdCardData"] = map[string]any{"OcrFront": b64Sample("ID card front"), "OcrBack": b64Sample("ID card back")}
	}
	if want('3') {
		out["BestFrame"] = map[string]any{"BestFrame": b64Sample("best frame")}
	}
	return out, nil
}

// fixtureOutcome is the P1-style outcome the fixture ID numbers force, "Success" otherwise.
func (f *flow) fixtureOutcome() string {
	switch f.idCard {
	case LowSimilarityIdCard:
		return "FailedOperation.CompareLowSimilarity"
	case LivenessFailIdCard:
		return "FailedOperation.SilentDetectFail"
	case NameMismatchIdCard:
		return "FailedOperation.IdNameMisMatch"
	}
	return "Success"
}
