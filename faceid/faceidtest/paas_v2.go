package faceidtest

import (
	"encoding/json"
	"strings"
)

// The PaaS actions of the second generation: ImageRecognitionV2, CheckIdCardInformation,
// IdCardOCRVerification, DetectAIFakeFaces.

func init() {
	register("ImageRecognitionV2", (*call).imageRecognitionV2)
	register("CheckIdCardInformation", (*call).checkIdCardInformation)
	register("IdCardOCRVerification", (*call).idCardOCRVerification)
	register("DetectAIFakeFaces", (*call).detectAIFakeFaces)
}

// IdCardOCRVerification's fixture inputs are the element checks' (elements_id.go):
// NameMismatchIdCard answers Result "-1", NoRecordIdCard "-5".

// Media limits of these actions' pages (the base64 text).
const (
	maxIdCardImageBase64Len = 7 << 20  // CheckIdCardInformation ImageBase64, "7M"
	maxFaceInputBase64Len   = 10 << 20 // DetectAIFakeFaces FaceInput, "10M"
)

// Sample card the OCR actions read from any photo.
const (
	sampleSex     = "男"
	sampleNation  = "汉"
	sampleBirth   = "1990/1/1"
	sampleAddress = "北京市东城区东华门街道1号"
)

func (c *call) imageRecognitionV2() (map[string]any, *apiError) {
	if err := c.checkPerson(); err != nil {
		return nil, err
	}
	if _, err := checkMedia("ImageBase64", c.p.str("ImageBase64"), mediaRule{kind: mediaImage, sizeCode: "FailedOperation.LifePhotoSizeError", formatCode: "InvalidParameterValue"}); err != nil {
		return nil, err
	}
	result := c.verificationResult(c.p.str("IdCard"))
	if result == "FailedOperation.SilentDetectFail" && c.forced("") == "" {
		result = "FailedOperation.LifePhotoDetectFake" // LivenessFailIdCard: a photo has no video
	}
	sim, desc := resultDetail(result)
	out := map[string]any{"Sim": sim, "Result": result, "Description": desc}
	if c.p.has("Extra") {
		out["Extra"] = c.p.str("Extra")
	}
	return out, nil
}

// idCardConfig parses the Config of CheckIdCardInformation and IdCardOCRVerification: a JSON
// object of booleans inside a string. It returns the warnings turned on.
func idCardConfig(s string) (warnings []string, quality bool, err *apiError) {
	if s == "" {
		return nil, false, nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil || m == nil {
		return nil, false, newError("InvalidParameter", "`Config` must be a JSON object encoded as a string, e.g. \"{\\\"CopyWarn\\\":true}\"; %q is not", s)
	}
	codes := map[string]string{"BorderCheckWarn": "-9101", "CopyWarn": "-9102", "ReshootWarn": "-9103", "TempIdWarn": "-9104", "DetectPsWarn": "-9106", "Quality": ""}
	for _, k := range []string{"BorderCheckWarn", "CopyWarn", "ReshootWarn", "TempIdWarn", "DetectPsWarn", "Quality"} {
		v, ok := m[k]
		if !ok {
			continue
		}
		b, isBool := v.(bool)
		if !isBool {
			return nil, false, newError("InvalidParameter", "`Config` key %s is %v: a boolean", k, v)
		}
		if b && k == "Quality" {
			quality = true
		} else if b {
			warnings = append(warnings, codes[k])
		}
	}
	return warnings, quality, nil
}

// idCardImage checks the photo of an OCR action: ImageUrl or ImageBase64, in the order of
// precedence the action documents.
func (c *call) idCardImage(urlFirst bool, limit int) (given bool, err *apiError) {
	img, u := c.p.str("ImageBase64"), c.p.str("ImageUrl")
	checkURL := func() *apiError {
		if !isHTTPURL(u) {
			return newError("InvalidParameterValue", "`ImageUrl` %q is not an absolute http(s) URL", u)
		}
		return nil
	}
	switch {
	case u != "" && (urlFirst || img == ""):
		return true, checkURL()
	case img != "":
		_, err := checkMedia("ImageBase64", img, mediaRule{kind: mediaImage, sizeCode: "FailedOperation.ImageSizeTooLarge", formatCode: "FailedOperation.ImageDecodeFailed", limit: limit})
		return true, err
	}
	return false, nil
}

func (c *call) checkIdCardInformation() (map[string]any, *apiError) {
	given, err := c.idCardImage(true, maxIdCardImageBase64Len)
	if err != nil {
		return nil, err
	}
	if !given {
		return nil, newError("InvalidParameter", "CheckIdCardInformation needs the ID-card photo in `ImageBase64` or `ImageUrl`: both are missing or empty")
	}
	warnings, quality, err := c.idCardConfig()
	if err != nil {
		return nil, err
	}
	if enc := c.p.obj("Encryption"); enc != nil {
		if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
			return nil, err
		}
	}
	if _, err := c.session(); err != nil {
		return nil, err
	}
	result := c.forced("Success")
	sim, desc := resultDetail(result)
	if result == "FailedOperation.OcrWarningOccurred" {
		desc = "告警"
		if len(warnings) == 0 {
			warnings = []string{"-9102"}
		}
	}
	out := map[string]any{
		"Sim": sim, "Result": result, "Description": desc,
		"Name": SampleName, "Sex": sampleSex, "Nation": sampleNation, "Birth": sampleBirth,
		"Address": sampleAddress, "IdNum": SampleIdCard, "Portrait": sampleJPEGBase64(),
		"Warnings": strings.Join(warnings, "|"), "Quality": 0, "Encryption": nil, "EncryptedBody": "",
	}
	if quality {
		out["Quality"] = 88
	}
	out, _, err = c.encryptAnswer(out)
	return out, err
}

func (c *call) idCardConfig() ([]string, bool, *apiError) { return idCardConfig(c.p.str("Config")) }

func (c *call) idCardOCRVerification() (map[string]any, *apiError) {
	sentIdCard, sentName := c.p.str("IdCard"), c.p.str("Name") // echoed as sent: ciphertext stays ciphertext
	enc, err := c.encryptedFields()
	if err != nil {
		return nil, err
	}
	idCard, name := c.p.str("IdCard"), c.p.str("Name")
	out := map[string]any{"Sex": nil, "Nation": nil, "Birth": nil, "Address": nil}
	code := "0"
	switch {
	case c.p.has("IdCard") || c.p.has("Name"):
		if !c.p.has("IdCard") || !c.p.has("Name") {
			return nil, newError("InvalidParameter", "IdCardOCRVerification takes `IdCard` and `Name` together: one of them is missing")
		}
		switch {
		case !enc["IdCard"] && (strings.TrimSpace(idCard) != idCard || !idCard18.MatchString(idCard) && !idCard15.MatchString(idCard)):
			code = "-2"
		case !enc["Name"] && (name == "" || strings.TrimSpace(name) != name):
			code = "-3"
		case idCard == NameMismatchIdCard:
			code = "-1"
		case idCard == NoRecordIdCard:
			code = "-5"
		}
	default:
		given, err := c.idCardImage(false, 0)
		if err != nil {
			return nil, err
		}
		if !given {
			return nil, newError("InvalidParameter", "IdCardOCRVerification needs `IdCard` and `Name`, `ImageBase64` or `ImageUrl`: all are missing or empty")
		}
		warnings, quality, err := c.idCardConfig()
		if err != nil {
			return nil, err
		}
		idCard, name = SampleIdCard, SampleName
		out["Sex"], out["Nation"], out["Birth"], out["Address"] = sampleSex, sampleNation, sampleBirth, sampleAddress
		out["Portrait"] = sampleJPEGBase64()
		out["Warnings"] = strings.Join(warnings, "|")
		if quality {
			out["Quality"] = 88
		}
	}
	for k, v := range c.codeAnswer(code) {
		out[k] = v
	}
	if c.p.has("IdCard") {
		idCard, name = sentIdCard, sentName
	}
	out["IdCard"], out["Name"] = idCard, name
	return out, nil
}

func (c *call) detectAIFakeFaces() (map[string]any, *apiError) {
	p := c.p
	if enc := p.obj("Encryption"); enc != nil || p.has("EncryptedBody") {
		if enc == nil || p.str("EncryptedBody") == "" {
			return nil, newError("InvalidParameter", "DetectAIFakeFaces with an encrypted body needs both `Encryption` and `EncryptedBody`")
		}
		if p.has("FaceInput") || p.has("FaceInputType") {
			return nil, newError("InvalidParameter", "`FaceInput` and `FaceInputType` go inside `EncryptedBody` when the body is encrypted: send them there only")
		}
		if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
			return nil, err
		}
		sess, err := c.session()
		if err != nil {
			return nil, err
		}
		if sess != nil { // decrypt, then check the plaintext members as if sent in clear
			plain, err := sess.open("EncryptedBody", p.str("EncryptedBody"))
			if err != nil {
				return nil, err
			}
			var body struct {
				FaceInput     string
				FaceInputType *int64
			}
			if json.Unmarshal([]byte(plain), &body) != nil || body.FaceInputType == nil {
				return nil, newError("InvalidParameter", "`EncryptedBody` decrypts, but not to a JSON object with `FaceInput` and `FaceInputType`")
			}
			p = params{"FaceInput": body.FaceInput, "FaceInputType": *body.FaceInputType}
		}
	}
	if !p.has("Encryption") {
		if !p.has("FaceInput") || !p.has("FaceInputType") {
			return nil, newError("InvalidParameter", "DetectAIFakeFaces needs `FaceInput` and `FaceInputType` (or `Encryption` and `EncryptedBody`)")
		}
		rule := mediaRule{kind: mediaImage, sizeCode: "InvalidParameterValue", formatCode: "FailedOperation.ImageDecodeFailed", limit: maxFaceInputBase64Len}
		switch t, _ := p["FaceInputType"].(int64); t {
		case 1:
		case 2:
			rule.kind, rule.formatCode = mediaVideo, "FailedOperation.VideoDecodeFailed"
		default:
			return nil, newError("InvalidParameter", "`FaceInputType` is %d: 1 (image) or 2 (video)", t)
		}
		if _, err := checkMedia("FaceInput", p.str("FaceInput"), rule); err != nil {
			return nil, err
		}
	}
	level := c.forced("Low")
	details := []any{}
	switch level {
	case "High":
		details = append(details, map[string]any{"Type": "SuspectedSynthesisImage"})
	case "Mid":
		details = append(details, map[string]any{"Type": "SuspectedSpoofingAttack"})
	}
	return map[string]any{
		"AttackRiskLevel":      level,
		"AttackRiskDetailList": details,
		"ExtraInfo": map[string]any{"RetrievalLivenessExtraInfo": []any{
			map[string]any{"HitGroup": "faceidtest", "SimilarityScore": 1.5, "HitTemplate": "none"},
		}},
	}, nil
}
