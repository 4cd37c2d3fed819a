package faceidtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Fixture identities. SampleName and SampleIdCard are the person a DetectAuth
// flow reports when DetectAuth was not given Name and IdCard (the ID card was
// "read by OCR"). The other ID numbers make the verification of that person
// fail reproducibly, in ImageRecognition, LivenessRecognition and in the
// GetDetectInfo(Enhanced) result of a DetectAuth flow started with them, with
// HTTP 200 and no Error: the business-result trap (faceid-api.md section 3).
// Any other well-formed ID number passes with Sim PassSim.
const (
	SampleName   = "张三"
	SampleIdCard = "11010119900101001X"

	// LowSimilarityIdCard fails with FailedOperation.CompareLowSimilarity and Sim LowSim.
	LowSimilarityIdCard = "110101199003070017"
	// LivenessFailIdCard fails the liveness check with Sim 0:
	// FailedOperation.SilentDetectFail (LivenessRecognition, DetectAuth flows)
	// or FailedOperation.LifePhotoDetectFake (ImageRecognition, which has no video).
	LivenessFailIdCard = "110101199003070025"
	// NameMismatchIdCard fails with FailedOperation.IdNameMisMatch and Sim 0.
	NameMismatchIdCard = "110101199003070033"
)

// Similarities the stand-in answers.
const (
	PassSim = 89.88 // a passing Sim (the documentation suggests >= 70 as the same person)
	LowSim  = 26.04 // the Sim of FailedOperation.CompareLowSimilarity
)

// detectInfoTTL is how long GetDetectInfo results can be fetched after
// DetectAuth (faceid-api.md section 8, BizToken).
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

// call is one validated API call.
type call struct {
	h      *Handler
	r      *http.Request
	now    time.Time
	p      params
	action string
}

func (c *call) run() (map[string]any, *apiError) {
	switch c.action {
	case "DetectAuth":
		return c.detectAuth()
	case "GetDetectInfo":
		return c.getDetectInfo()
	case "GetDetectInfoEnhanced":
		return c.getDetectInfoEnhanced()
	case "GetActionSequence":
		seq := "1,2"
		if rand.IntN(2) == 0 {
			seq = "2,1"
		}
		return map[string]any{"ActionSequence": seq}, nil
	case "GetLiveCode":
		return map[string]any{"LiveCode": fmt.Sprintf("%04d", rand.IntN(10000))}, nil
	case "ImageRecognition":
		return c.imageRecognition()
	case "LivenessCompare", "LivenessRecognition":
		return c.liveness()
	}
	return nil, newError("InvalidAction", "action %q is not implemented", c.action)
}

// encryptedFields checks an Encryption object of a request and returns the
// names it encrypts.
func (c *call) encryptedFields() (map[string]bool, *apiError) {
	enc := c.p.obj("Encryption")
	if enc == nil {
		return nil, nil
	}
	out := map[string]bool{}
	for i, e := range enc.list("EncryptList") {
		name := e.(string)
		if name != "Name" && name != "IdCard" {
			return nil, newError("InvalidParameter.UnsupportEncryptField", "`Encryption.EncryptList.%d` is %q: %s encrypts only Name and IdCard", i, name, c.action)
		}
		out[name] = true
	}
	if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
		return nil, err
	}
	return out, nil
}

func checkAlgorithm(alg string) *apiError {
	switch alg {
	case "", "AES-256-CBC", "SM4-GCM":
		return nil
	}
	return newError("InvalidParameterValue", "`Encryption.Algorithm` %q must be AES-256-CBC or SM4-GCM", alg)
}

var (
	idCard18 = regexp.MustCompile(`^[0-9]{17}[0-9X]$`)
	idCard15 = regexp.MustCompile(`^[0-9]{15}$`)
)

// checkIdCard checks a resident ID number; code answers a malformed one.
func checkIdCard(v, code string) *apiError {
	if strings.Contains(v, "x") {
		return newError(code, "`IdCard` %q has a lower-case x: a letter in an ID number must be upper-case X", v)
	}
	if strings.TrimSpace(v) != v {
		return newError(code, "`IdCard` %q has leading or trailing white space", v)
	}
	if code == "InvalidParameterValue" { // DetectAuth: other kinds of ID are allowed
		return nil
	}
	if !idCard18.MatchString(v) && !idCard15.MatchString(v) {
		return newError(code, "`IdCard` %q is not a resident ID number: 18 characters, 17 digits then a digit or X", v)
	}
	return nil
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

// textResult is the result part of a DetectInfo Text.
type textResult struct {
	errCode                   int64
	errMsg                    string
	liveStatus                *int64
	liveMsg                   *string
	compareStatus             *int64
	compareMsg                *string
	sim                       string
	livenessFail, compareFail bool
}

// failErrCode is the non-zero Text.ErrCode / LiveStatus / Comparestatus of a
// failed flow. The sheet documents only that 0 is success.
const failErrCode = 1

func outcomeText(result string) textResult {
	ok := "成功"
	zero := int64(0)
	one := int64(failErrCode)
	if result == "Success" {
		return textResult{errMsg: ok, liveStatus: &zero, liveMsg: &ok, compareStatus: &zero, compareMsg: &ok, sim: fmt.Sprintf("%.2f", PassSim)}
	}
	sim, desc := resultDetail(result)
	t := textResult{errCode: failErrCode, errMsg: desc, sim: fmt.Sprintf("%.2f", sim)}
	if isLivenessFailure(result) {
		t.liveStatus, t.liveMsg, t.livenessFail = &one, &desc, true
	} else {
		t.liveStatus, t.liveMsg = &zero, &ok
		t.compareStatus, t.compareMsg, t.compareFail = &one, &desc, true
	}
	return t
}

func isLivenessFailure(result string) bool {
	for _, p := range []string{"FailedOperation.Silent", "FailedOperation.Livess", "FailedOperation.Lip", "FailedOperation.Action"} {
		if strings.HasPrefix(result, p) {
			return true
		}
	}
	return false
}

// resultDetail is the Sim and Description answered with a Result.
func resultDetail(result string) (float64, string) {
	switch result {
	case "Success":
		return PassSim, "成功"
	case "FailedOperation.CompareLowSimilarity":
		return LowSim, strings.TrimSuffix(description(result), "。")
	}
	desc := strings.TrimSuffix(description(result), "。")
	if desc == "" {
		desc = "result set by faceidtest.SetResult"
	}
	return 0, desc
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
	if p.boolean("IsEncryptResponse") {
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
		if enc != nil {
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
	return out, nil
}

// verificationResult is the Result of ImageRecognition, LivenessCompare or
// LivenessRecognition: forced by SetResult, else by the fixture ID numbers.
func (c *call) verificationResult(idCard string) string {
	c.h.mu.Lock()
	forced := c.h.results[c.action]
	c.h.mu.Unlock()
	if forced != "" {
		return forced
	}
	switch idCard {
	case LowSimilarityIdCard:
		return "FailedOperation.CompareLowSimilarity"
	case LivenessFailIdCard:
		if c.action == "ImageRecognition" {
			return "FailedOperation.LifePhotoDetectFake"
		}
		return "FailedOperation.SilentDetectFail"
	case NameMismatchIdCard:
		return "FailedOperation.IdNameMisMatch"
	}
	return "Success"
}

// checkPerson validates IdCard and Name of ImageRecognition and LivenessRecognition.
func (c *call) checkPerson() *apiError {
	enc, err := c.encryptedFields()
	if err != nil {
		return err
	}
	if !enc["IdCard"] {
		if err := checkIdCard(c.p.str("IdCard"), "FailedOperation.IdFormatError"); err != nil {
			return err
		}
	}
	if name := c.p.str("Name"); !enc["Name"] && strings.TrimSpace(name) != name {
		return newError("FailedOperation.NameFormatError", "`Name` %q has leading or trailing white space", name)
	}
	return nil
}

func (c *call) imageRecognition() (map[string]any, *apiError) {
	if err := c.checkPerson(); err != nil {
		return nil, err
	}
	if _, err := checkMedia("ImageBase64", c.p.str("ImageBase64"), mediaRule{kind: mediaImage, sizeCode: "FailedOperation.LifePhotoSizeError", formatCode: "InvalidParameterValue"}); err != nil {
		return nil, err
	}
	result := c.verificationResult(c.p.str("IdCard"))
	sim, desc := resultDetail(result)
	return map[string]any{"Sim": sim, "Result": result, "Description": desc}, nil
}

var (
	lipCode   = regexp.MustCompile(`^[0-9]{1,10}$`)
	actionSeq = regexp.MustCompile(`^[1-5](,[1-5])*$`)
)

func (c *call) liveness() (map[string]any, *apiError) {
	p := c.p
	if c.action == "LivenessRecognition" {
		if err := c.checkPerson(); err != nil {
			return nil, err
		}
	}
	lt, vd := p.str("LivenessType"), p.str("ValidateData")
	switch lt {
	case "LIP":
		if vd == "" {
			return nil, newError("MissingParameter", "`ValidateData` is required when LivenessType is LIP: send the LiveCode from GetLiveCode")
		}
		if !lipCode.MatchString(vd) {
			return nil, newError("InvalidParameterValue", "`ValidateData` %q is not a LIP code: send the LiveCode digits from GetLiveCode", vd)
		}
	case "ACTION":
		if vd == "" {
			return nil, newError("MissingParameter", "`ValidateData` is required when LivenessType is ACTION: send the ActionSequence from GetActionSequence, e.g. \"2,1\"")
		}
		if !actionSeq.MatchString(vd) {
			return nil, newError("InvalidParameterValue", "`ValidateData` %q is not an action sequence such as \"2,1\" (from GetActionSequence)", vd)
		}
	case "SILENT":
	default:
		return nil, newError("InvalidParameterValue", "`LivenessType` %q must be LIP, ACTION or SILENT (upper case)", lt)
	}
	bestFrames := 0
	if opt := p.str("Optional"); opt != "" {
		var o map[string]any
		dec := json.NewDecoder(strings.NewReader(opt))
		dec.UseNumber()
		if err := dec.Decode(&o); err != nil || o == nil {
			return nil, newError("InvalidParameterValue", "`Optional` must be a JSON object encoded as a string, e.g. \"{\\\"BestFrameNum\\\":2}\"; %q is not", opt)
		}
		if v, ok := o["BestFrameNum"]; ok {
			n, isNum := v.(json.Number)
			i, err := n.Int64()
			if !isNum || err != nil || i < 2 || i > 10 {
				return nil, newError("InvalidParameterValue", "`Optional` BestFrameNum is %v: an integer from 2 to 10", v)
			}
			bestFrames = int(i)
		}
	}
	if c.action == "LivenessCompare" {
		img, url := p.str("ImageBase64"), p.str("ImageUrl")
		switch {
		case img != "":
			if _, err := checkMedia("ImageBase64", img, mediaRule{kind: mediaImage, sizeCode: "FailedOperation.LifePhotoSizeError", formatCode: "InvalidParameterValue"}); err != nil {
				return nil, err
			}
		case url != "":
			if !isHTTPURL(url) {
				return nil, newError("InvalidParameterValue", "`ImageUrl` %q is not an absolute http(s) URL", url)
			}
		default:
			return nil, newError("MissingParameter", "LivenessCompare needs the photo in `ImageBase64` or `ImageUrl`: both are missing or empty")
		}
	}
	video, videoURL := p.str("VideoBase64"), p.str("VideoUrl")
	switch {
	case video != "":
		if _, err := checkMedia("VideoBase64", video, mediaRule{kind: mediaVideo, sizeCode: "FailedOperation.LipSizeError", formatCode: "FailedOperation.LipVideoInvalid"}); err != nil {
			return nil, err
		}
	case videoURL != "":
		if !isHTTPURL(videoURL) {
			return nil, newError("InvalidParameterValue", "`VideoUrl` %q is not an absolute http(s) URL", videoURL)
		}
	default:
		return nil, newError("MissingParameter", "%s needs the video in `VideoBase64` or `VideoUrl`: both are missing or empty", c.action)
	}
	result := c.verificationResult(p.str("IdCard"))
	sim, desc := resultDetail(result)
	frames := make([]any, 0, bestFrames)
	for i := 0; i < bestFrames; i++ {
		frames = append(frames, sampleJPEGBase64())
	}
	return map[string]any{
		"BestFrameBase64": sampleJPEGBase64(),
		"Sim":             sim,
		"Result":          result,
		"Description":     desc,
		"BestFrameList":   frames,
	}, nil
}
