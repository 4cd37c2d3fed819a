package faceidtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// The SaaS flow: DetectAuth, GetDetectInfo, GetDetectInfoEnhanced.

func init() {
	register("DetectAuth", (*call).detectAuth)
	register("GetDetectInfo", (*call).getDetectInfo)
	register("GetDetectInfoEnhanced", (*call).getDetectInfoEnhanced)
}

// detectInfoTTL is how long GetDetectInfo results can be fetched after
// DetectAuth.
const detectInfoTTL = 3 * 24 * time.Hour

// flow is what DetectAuth recorded for a BizToken.
type flow struct {
	token, ruleID, name, idCard, extra, redirectURL string
	given                                           bool // Name/IdCard came with DetectAuth (no OCR)
	encrypted                                       bool
	hasImage                                        bool
	intentionType                                   string // "" none, "0" Q&A, "1" nod, "2" read-aloud
	issued                                          time.Time
}

func (c *call) detectAuth() (map[string]any, *apiError) {
	p := c.p
	enc, err := c.encryptedFields()
	if err != nil {
		return nil, err
	}
	ruleID := p.str("RuleId")
	if strings.TrimSpace(ruleID) != ruleID || strings.ContainsAny(ruleID, " \t\r\n") {
		return nil, newError("InvalidParameterValue.RuleIdNotExist", "RuleId %q does not exist: it has white space (copied with spaces?)", ruleID)
	}
	if p.has("IdCard") && !enc["IdCard"] {
		if err := checkIdCard(p.str("IdCard"), "InvalidParameterValue"); err != nil {
			return nil, err
		}
	}
	if u := p.str("RedirectUrl"); u != "" && !isHTTPURL(u) {
		return nil, newError("InvalidParameterValue", "`RedirectUrl` %q is not an absolute http(s) URL", u)
	}
	if s := p.str("ImageBase64"); p.has("ImageBase64") {
		if _, err := checkMedia("ImageBase64", s, mediaRule{kind: mediaImage, sizeCode: "InvalidParameterValue", formatCode: "InvalidParameterValue"}); err != nil {
			return nil, err
		}
	}
	if cfg := p.obj("Config"); cfg != nil {
		if t, ok := cfg["IntentionType"].(int64); ok && t != 0 && t != 1 {
			return nil, newError("InvalidParameterValue", "`Config.IntentionType` is %d: 0 (Q&A, IntentionQuestions) or 1 (nod, IntentionActions)", t)
		}
		if s, ok := cfg["Speed"].(uint64); ok && s > 3 {
			return nil, newError("InvalidParameterValue", "`Config.Speed` is %d: 0 (auto), 1, 2 or 3", s)
		}
	}
	f := &flow{
		token:       newUUID(true),
		ruleID:      ruleID,
		name:        p.str("Name"),
		idCard:      p.str("IdCard"),
		extra:       p.str("Extra"),
		redirectURL: p.str("RedirectUrl"),
		encrypted:   len(enc) > 0,
		hasImage:    p.has("ImageBase64"),
		issued:      c.now,
	}
	f.given = f.name != "" || f.idCard != ""
	switch {
	case p.has("IntentionQuestions"):
		f.intentionType = "0"
	case p.has("IntentionActions"):
		f.intentionType = "1"
	case p.str("IntentionVerifyText") != "":
		f.intentionType = "2"
	}
	c.h.mu.Lock()
	c.h.flows[f.token] = f
	c.h.mu.Unlock()
	scheme := "http"
	if c.r.TLS != nil {
		scheme = "https"
	}
	return map[string]any{
		"Url":      scheme + "://" + c.r.Host + "/verify?BizToken=" + f.token,
		"BizToken": f.token,
	}, nil
}

// lookupFlow finds the flow of BizToken and checks RuleId and lifetime.
func (c *call) lookupFlow() (*flow, *apiError) {
	token, ruleID := c.p.str("BizToken"), c.p.str("RuleId")
	c.h.mu.Lock()
	f, n := c.h.flows[token], len(c.h.flows)
	c.h.mu.Unlock()
	if f == nil {
		return nil, newError("InvalidParameterValue.BizTokenIllegal", "BizToken %q was not issued by DetectAuth on this server (it has issued %d)", token, n)
	}
	if f.ruleID != ruleID {
		return nil, newError("InvalidParameterValue.BizTokenIllegal", "BizToken %s was issued for RuleId %q, not %q", token, f.ruleID, ruleID)
	}
	if age := c.now.Sub(f.issued); age > detectInfoTTL {
		return nil, newError("InvalidParameterValue.BizTokenExpired", "BizToken %s was issued %s ago (%s); results can be fetched for 72h after DetectAuth", token, age.Round(time.Second), f.issued.UTC().Format(time.RFC3339))
	}
	return f, nil
}

// infoType parses InfoType ("" = "0") and reports whether section d is wanted.
func (c *call) infoType(maxDigit byte) (func(d byte) bool, *apiError) {
	it := c.p.str("InfoType")
	if it == "" {
		it = "0"
	}
	for i := 0; i < len(it); i++ {
		if it[i] < '0' || it[i] > maxDigit {
			return nil, newError("InvalidParameterValue", "`InfoType` %q must be digits 0-%c (0 all, 1 text, 2 ID card, 3 best frame, 4 video%s), e.g. \"134\"", it, maxDigit, map[bool]string{true: ", 5 read-aloud, 6 Q&A/nod", false: ""}[maxDigit == '6'])
		}
	}
	return func(d byte) bool { return strings.IndexByte(it, '0') >= 0 || strings.IndexByte(it, d) >= 0 }, nil
}

// flowOutcome is the result of a flow: forced by SetResult, else by the
// fixture ID numbers, else "Success".
func (c *call) flowOutcome(f *flow) string {
	c.h.mu.Lock()
	forced := c.h.results[c.action]
	c.h.mu.Unlock()
	if forced != "" {
		return forced
	}
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

// person is who a flow verified: the Name/IdCard given to DetectAuth, or the
// sample person read "by OCR".
func (f *flow) person() (name, idCard string) {
	if f.given {
		return f.name, f.idCard
	}
	return SampleName, SampleIdCard
}

// ocr returns the OCR fields of a flow's person, nil values when DetectAuth
// was given Name/IdCard (no ID card was read).
func (f *flow) ocr() map[string]any {
	keys := []string{"OcrNation", "OcrAddress", "OcrBirth", "OcrAuthority", "OcrValidDate", "OcrName", "OcrIdCard", "OcrGender"}
	out := make(map[string]any, len(keys))
	for _, k := range keys {
		out[k] = nil
	}
	if f.given {
		return out
	}
	out["OcrNation"] = "汉"
	out["OcrAddress"] = "北京市东城区东长安街1号"
	out["OcrBirth"] = "1990/1/1"
	out["OcrAuthority"] = "北京市公安局东城分局"
	out["OcrValidDate"] = "2015.03.01-2035.03.01"
	out["OcrName"] = SampleName
	out["OcrIdCard"] = SampleIdCard
	out["OcrGender"] = "男"
	return out
}

func (f *flow) reqTime() string {
	return strconv.FormatInt(f.issued.Add(20*time.Second).UnixMilli(), 10)
}

func (c *call) getDetectInfo() (map[string]any, *apiError) {
	f, err := c.lookupFlow()
	if err != nil {
		return nil, err
	}
	want, err := c.infoType('4')
	if err != nil {
		return nil, err
	}
	name, idCard := f.person()
	res := outcomeText(c.flowOutcome(f))
	info := map[string]any{}
	if want('1') {
		text := f.ocr()
		text["ErrCode"] = res.errCode
		text["ErrMsg"] = res.errMsg
		text["IdCard"] = idCard
		text["Name"] = name
		text["LiveStatus"] = res.liveStatus
		text["LiveMsg"] = res.liveMsg
		text["Comparestatus"] = res.compareStatus
		text["Comparemsg"] = res.compareMsg
		text["Sim"] = res.sim
		text["Location"] = nil
		text["Extra"] = f.extra
		text["Detail"] = map[string]any{"LivenessData": []any{map[string]any{
			"ErrCode": res.errCode, "ErrMsg": res.errMsg, "ReqTime": f.reqTime(), "IdCard": idCard, "Name": name,
		}}}
		info["Text"] = text
	}
	if want('2') {
		front, back := any(nil), any(nil)
		if !f.given {
			front, back = sampleJPEGBase64(), sampleJPEGBase64()
		}
		info["IdCardData"] = map[string]any{"OcrFront": front, "OcrBack": back}
	}
	if want('3') {
		info["BestFrame"] = map[string]any{"BestFrame": sampleJPEGBase64()}
	}
	if want('4') {
		info["VideoData"] = map[string]any{"LivenessVideo": base64.StdEncoding.EncodeToString(SampleMP4())}
	}
	return map[string]any{"DetectInfo": string(marshal(info))}, nil
}

func (c *call) getDetectInfoEnhanced() (map[string]any, *apiError) {
	f, err := c.lookupFlow()
	if err != nil {
		return nil, err
	}
	want, err := c.infoType('6')
	if err != nil {
		return nil, err
	}
	p := c.p
	if n := p.uint("BestFramesCount"); n > 10 {
		return nil, newError("InvalidParameterValue", "`BestFramesCount` is %d: 0 to 10", n)
	}
	enc := p.obj("Encryption")
	if enc != nil {
		if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
			return nil, err
		}
	}
	out := map[string]any{
		"Text": nil, "IdCardData": nil, "BestFrame": nil, "VideoData": nil,
		"Encryption":              map[string]any{"Algorithm": "", "CiphertextBlob": "", "EncryptList": []any{}, "Iv": "", "TagList": []any{}},
		"IntentionVerifyData":     nil,
		"IntentionQuestionResult": nil,
		"IntentionActionResult":   nil,
		"EncryptedBody":           "",
		"IsVerifyIntention":       f.intentionType != "",
		"IntentionVerifyType":     f.intentionType,
	}
	// With a key the stand-in can read, the whole answer is encrypted at the end (encryption.go).
	sess, serr := c.session()
	if serr != nil {
		return nil, serr
	}
	sealed := sess != nil && p.boolean("IsEncryptResponse")
	if p.boolean("IsEncryptResponse") && !sealed {
		sum := sha256.Sum256([]byte("faceidtest encrypted body " + f.token))
		out["EncryptedBody"] = base64.StdEncoding.EncodeToString(bytes.Repeat(sum[:], 4))
		return out, nil
	}
	name, idCard := f.person()
	res := outcomeText(c.flowOutcome(f))
	compareLib := "权威库"
	if f.hasImage {
		compareLib = "上传照片"
	}
	if want('1') {
		idInfoFrom := "OCR"
		if f.given {
			idInfoFrom = "手动输入"
		}
		text := f.ocr()
		for k, v := range map[string]any{
			"ErrCode": res.errCode, "ErrMsg": res.errMsg, "IdCard": idCard, "UseIDType": 0, "Name": name,
			"IdInfoFrom": idInfoFrom, "LiveStatus": res.liveStatus, "LiveMsg": res.liveMsg,
			"Comparestatus": res.compareStatus, "Comparemsg": res.compareMsg, "Sim": res.sim,
			"Location": nil, "Extra": f.extra,
			"LivenessDetail": []any{map[string]any{
				"ReqTime": f.reqTime(), "Seq": newUUID(false), "Idcard": idCard, "Name": name, "Sim": res.sim,
				"IsNeedCharge": true, "Errcode": res.errCode, "Errmsg": res.errMsg,
				"Livestatus": res.liveStatus, "Livemsg": res.liveMsg,
				"Comparestatus": res.compareStatus, "Comparemsg": res.compareMsg,
				"CompareLibType": compareLib, "LivenessMode": 1,
			}},
			"LivenessInfoTag": nil, "Mobile": "", "CompareLibType": compareLib, "LivenessMode": 1,
			"NFCRequestIds": []any{}, "NFCBillingCounts": 0, "PassNo": nil, "VisaNum": nil,
			"LivenessActionSequence": nil,
		} {
			text[k] = v
		}
		if enc != nil && !sealed {
			alg := enc.str("Algorithm")
			if alg == "" {
				alg = "AES-256-CBC"
			}
			list := []any{}
			for _, k := range []string{"IdCard", "Name", "OcrIdCard", "OcrName"} {
				if s, ok := text[k].(string); ok && s != "" {
					sum := sha256.Sum256([]byte(f.token + k + s))
					text[k] = base64.StdEncoding.EncodeToString(sum[:])
					list = append(list, k)
				}
			}
			blob := sha256.Sum256([]byte("faceidtest key " + f.token))
			out["Encryption"] = map[string]any{
				"Algorithm": alg, "CiphertextBlob": base64.StdEncoding.EncodeToString(blob[:]),
				"EncryptList": list, "Iv": "faceidtestIv0000", "TagList": []any{},
			}
		}
		out["Text"] = text
	}
	if want('2') {
		card := map[string]any{
			"OcrFront": nil, "OcrBack": nil, "ProcessedFrontImage": nil, "ProcessedBackImage": nil,
			"Avatar": nil, "WarnInfos": nil, "BackWarnInfos": nil,
		}
		if !f.given {
			card["OcrFront"], card["OcrBack"] = sampleJPEGBase64(), sampleJPEGBase64()
			card["WarnInfos"], card["BackWarnInfos"] = []any{}, []any{}
			if p.boolean("IsCutIdCardImage") {
				card["ProcessedFrontImage"], card["ProcessedBackImage"] = sampleJPEGBase64(), sampleJPEGBase64()
			}
			if p.boolean("IsNeedIdCardAvatar") {
				card["Avatar"] = sampleJPEGBase64()
			}
		}
		out["IdCardData"] = card
	}
	if want('3') {
		frames := []any{}
		for i := uint64(0); i < p.uint("BestFramesCount"); i++ {
			frames = append(frames, sampleJPEGBase64())
		}
		out["BestFrame"] = map[string]any{"BestFrame": sampleJPEGBase64(), "BestFrames": frames}
	}
	if want('4') {
		var videos any
		if p.boolean("IsReturnAllVideo") {
			videos = []any{map[string]any{"Seq": newUUID(false), "Video": "faceidtest/" + f.token + "/1.mp4"}}
		}
		out["VideoData"] = map[string]any{"LivenessVideo": base64.StdEncoding.EncodeToString(SampleMP4()), "LivenessVideos": videos}
	}
	ok := int64(0)
	switch {
	case f.intentionType == "2" && want('5'):
		out["IntentionVerifyData"] = map[string]any{
			"IntentionVerifyVideo": base64.StdEncoding.EncodeToString(SampleMP4()), "AsrResult": "本人自愿办理",
			"ErrorCode": ok, "ErrorMessage": "成功", "IntentionVerifyBestFrame": sampleJPEGBase64(),
			"AsrResultSimilarity": nil, "IntentionVerifyAudio": nil,
		}
	case f.intentionType == "0" && want('6'):
		out["IntentionQuestionResult"] = map[string]any{
			"FinalResultDetailCode": ok, "FinalResultMessage": "成功", "Video": base64.StdEncoding.EncodeToString(SampleMP4()),
			"ScreenShot": []any{sampleJPEGBase64()}, "ResultCode": []any{"0"}, "AsrResult": []any{"是"}, "Audios": []any{},
			"FinalResultCode": "0",
		}
	case f.intentionType == "1" && want('6'):
		out["IntentionActionResult"] = map[string]any{
			"FinalResultDetailCode": ok, "FinalResultMessage": "成功",
			"Details": []any{map[string]any{"Video": base64.StdEncoding.EncodeToString(SampleMP4()), "ScreenShot": []any{sampleJPEGBase64()}}},
		}
	}
	if sealed {
		out, _, serr = c.encryptAnswer(out)
		return out, serr
	}
	return out, nil
}
