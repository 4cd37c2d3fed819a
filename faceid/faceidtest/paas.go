package faceidtest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
)

// The PaaS flow: GetActionSequence, GetLiveCode, ImageRecognition, LivenessCompare,
// LivenessRecognition.

func init() {
	register("GetActionSequence", (*call).getActionSequence)
	register("GetLiveCode", (*call).getLiveCode)
	register("ImageRecognition", (*call).imageRecognition)
	register("LivenessCompare", (*call).liveness)
	register("LivenessRecognition", (*call).liveness)
}

func (c *call) getActionSequence() (map[string]any, *apiError) {
	seq := "1,2"
	if rand.IntN(2) == 0 {
		seq = "2,1"
	}
	return map[string]any{"ActionSequence": seq}, nil
}

func (c *call) getLiveCode() (map[string]any, *apiError) {
	return map[string]any{"LiveCode": fmt.Sprintf("%04d", rand.IntN(10000))}, nil
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
