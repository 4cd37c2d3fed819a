package faceidtest

import (
	"encoding/base64"
	"time"
)

// The app SDK flow: GetFaceIdToken, then the app's SDK (CompleteToken), then GetFaceIdResult.

func init() {
	register("GetFaceIdToken", (*call).getFaceIdToken)
	register("GetFaceIdResult", (*call).getFaceIdResult)
}

// Lifetimes of the SDK flow (https://cloud.tencent.com/document/api/1007/49198 and
// https://cloud.tencent.com/document/api/1007/49199).
const (
	faceIdTokenUseTTL    = 10 * time.Minute   // the SDK must run within this
	faceIdResultFetchTTL = 3 * 24 * time.Hour // results can be fetched within this
)

// faceIdTokenRegions are the regions GetFaceIdToken accepts; other regions answer
// UnsupportedRegion.
var faceIdTokenRegions = map[string]bool{"ap-beijing": true, "ap-chengdu": true, "ap-guangzhou": true, "ap-shanghai": true}

// GetFaceIdResult fixture Results, picked by the IdCard given to GetFaceIdToken with
// CompareLib BUSINESS (SetResult forces any documented code): NameMismatchIdCard answers
// "2006", LowSimilarityIdCard "2016", LivenessFailIdCard "1007"; any other person "0".
var faceIdResultFixtures = map[string]string{
	NameMismatchIdCard:  "2006",
	LowSimilarityIdCard: "2016",
	LivenessFailIdCard:  "1007",
}

// faceIdResultText is the stand-in's Description of each GetFaceIdResult code.
var faceIdResultText = map[string]string{
	"0": "成功", "2": "调用方式错误", "3": "调用方式错误", "17": "调用方式错误",
	"4": "服务错误", "7": "服务错误", "8": "服务错误", "14": "核验已完成", "15": "Token已过期",
	"18": "请求频率超限", "19": "超出有效期", "1001": "调用活体引擎超时", "1003": "人脸核验失败",
	"1004": "人脸核验失败", "1005": "人脸核验失败", "1007": "活体检测未通过", "1202": "光线太暗",
	"2001": "调用比对引擎超时", "2002": "姓名格式错误", "2003": "身份证号格式错误", "2004": "视频中取不到人脸照片",
	"2005": "查无此身份", "2006": "姓名和身份证号不一致", "2007": "权威库中没有照片", "2009": "权威库照片分辨率太低",
	"2011": "非同一人(疑似非活体)", "2012": "视频中有多张人脸", "2013": "人脸不完整", "2014": "视频分辨率太低",
	"2015": "比对不是同一人", "2016": "相似度低于阈值", "2017": "权威库升级中",
}

// region is the call's Region common parameter.
func (c *call) region() string {
	if r := c.r.Header.Get("X-TC-Region"); r != "" {
		return r
	}
	return c.r.URL.Query().Get("Region")
}

func (c *call) getFaceIdToken() (map[string]any, *apiError) {
	if r := c.region(); !faceIdTokenRegions[r] {
		return nil, newError("UnsupportedRegion", "GetFaceIdToken does not support the region %q: use ap-beijing, ap-chengdu, ap-guangzhou or ap-shanghai", r)
	}
	enc, err := c.encryptedFields()
	if err != nil {
		return nil, err
	}
	p := c.p
	switch p.str("CompareLib") {
	case "BUSINESS":
		for _, f := range []string{"IdCard", "Name"} {
			if p.str(f) == "" {
				return nil, newError("InvalidParameter", "`%s` is required with `CompareLib` BUSINESS", f)
			}
		}
		if !enc["IdCard"] {
			if err := checkIdCard(p.str("IdCard"), "InvalidParameter"); err != nil {
				return nil, err
			}
		}
	case "LOCAL":
		if !p.has("ImageBase64") {
			return nil, newError("InvalidParameter", "`ImageBase64` is required with `CompareLib` LOCAL")
		}
	}
	if p.has("ImageBase64") {
		if _, err := checkMedia("ImageBase64", p.str("ImageBase64"), mediaRule{kind: mediaImage, sizeCode: "FailedOperation.ImageSizeTooLarge", formatCode: "InvalidParameter", limit: 8_000_000}); err != nil {
			return nil, err
		}
	}
	t := &deviceToken{extra: p.str("Extra"), encryptedFields: enc}
	if p.str("CompareLib") == "BUSINESS" {
		t.name, t.idCard = p.str("Name"), p.str("IdCard")
	} else {
		t.name, t.idCard = SampleName, SampleIdCard
	}
	return map[string]any{"FaceIdToken": c.issue(kindSDK, t)}, nil
}

// lookupToken finds a token of kind named by member, and checks that its result can still be
// fetched: unknown tokens answer BizTokenIllegal, tokens older than ttl BizTokenExpired.
func (c *call) lookupToken(member, kind string, ttl time.Duration) (*deviceToken, *apiError) {
	tok := c.p.str(member)
	t := c.token(tok, kind)
	if t == nil {
		return nil, newError("InvalidParameterValue.BizTokenIllegal", "`%s` %q was not issued by %s on this server", member, tok, kind)
	}
	if age := c.now.Sub(t.issued); age > ttl {
		return nil, newError("InvalidParameterValue.BizTokenExpired", "`%s` %s was issued %s ago (%s); its result can be fetched for %s", member, tok, age.Round(time.Second), t.issued.UTC().Format(time.RFC3339), ttl)
	}
	return t, nil
}

func (c *call) getFaceIdResult() (map[string]any, *apiError) {
	t, err := c.lookupToken("FaceIdToken", kindSDK, faceIdResultFetchTTL)
	if err != nil {
		return nil, err
	}
	c.h.mu.Lock()
	done := t.done
	c.h.mu.Unlock()
	code := ""
	switch {
	case done.IsZero() && c.now.Sub(t.issued) > faceIdTokenUseTTL:
		code = "15" // never used within its 10 minutes
	case done.IsZero():
		return nil, newError("InvalidParameterValue.BizTokenIllegal", "`FaceIdToken` %s has not been used by the app SDK yet: no result (faceidtest: CompleteToken runs the SDK)", c.p.str("FaceIdToken"))
	default:
		code = c.forced(faceIdResultFixtures[t.idCard])
		if code == "" {
			code = "0"
		}
	}
	sim := 0.0
	switch code {
	case "0":
		sim = PassSim
	case "2016", "2015", "2011":
		sim = LowSim
	}
	out := map[string]any{
		"IdCard": t.idCard, "Name": t.name,
		"Result": code, "Description": faceIdResultText[code], "Similarity": sim,
		"VideoBase64": nil, "BestFrameBase64": nil, "Extra": t.extra,
		"DeviceInfoTag": nil, "RiskInfoTag": nil, "LivenessInfoTag": nil, "DeviceInfoLevel": nil,
	}
	if c.p.boolean("IsNeedVideo") {
		out["VideoBase64"] = b64Sample("video")
	}
	if c.p.boolean("IsNeedBestFrame") {
		out["BestFrameBase64"] = b64Sample("best frame")
	}
	out, _, err = c.encryptAnswer(out) // IsEncryptResponse: the whole answer as EncryptedBody
	return out, err
}

// b64Sample is a small base64 stand-in for a medium.
func b64Sample(what string) string {
	return base64.StdEncoding.EncodeToString([]byte("faceidtest " + what))
}
