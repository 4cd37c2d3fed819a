package faceidtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
)

// The canned answers and media of the client benchmarks (faceid/bench_test.go and `make
// bench-sdk`, which runs the vendor SDK against the very same bytes). They are made-up
// values: random bytes for the media, fixed names and numbers for the text.

// SmallAnswer is a GetActionSequence answer, 89 bytes as Tencent sends them.
const SmallAnswer = `{"Response":{"ActionSequence":"2,1","RequestId":"3e3b1d5e-7fd7-4b2a-9c1e-5a1f0c2d6e7b"} }`

// LivenessAnswer is a LivenessCompare answer that passed.
const LivenessAnswer = `{"Response":{"BestFrameBase64":"","Sim":91.5,"Result":"Success","Description":"成功","BestFrameList":[],"RequestId":"9b0f5a8e-2c3d-4e1f-8a7b-6c5d4e3f2a1b"}}`

// DetectInfoRequestId is the RequestId of DetectInfoAnswer.
const DetectInfoRequestId = "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"

// Sizes of the base64 media in DetectInfoAnswer.
const (
	DetectInfoVideoLen     = 8_000_000
	DetectInfoBestFrameLen = 500_000
	DetectInfoIdCardLen    = 400_000
)

// BenchMedia returns a 6,000,000-byte video and a 1 MiB photo of random bytes, whose base64
// forms (8,000,000 and 1,398,104 bytes) are within FaceID's limits for LivenessCompare.
func BenchMedia() (video, image []byte) {
	rng := rand.New(rand.NewPCG(3, 4))
	video, image = make([]byte, 6_000_000), make([]byte, 1<<20)
	for _, p := range [][]byte{video, image} {
		for i := range p {
			p[i] = byte(rng.Uint32())
		}
	}
	return video, image
}

// DetectInfoAnswer returns a GetDetectInfo answer for InfoType "0" of about 9.3 MB: a base64
// video of DetectInfoVideoLen bytes, a best frame and two ID card images (random base64 text)
// in the DetectInfo document, itself a JSON string inside the envelope.
func DetectInfoAnswer() []byte {
	rng := rand.New(rand.NewPCG(5, 6))
	b64 := func(n int) string {
		raw := make([]byte, n/4*3)
		for i := range raw {
			raw[i] = byte(rng.Uint32())
		}
		return base64.StdEncoding.EncodeToString(raw)
	}
	doc := map[string]any{
		"Text": map[string]any{
			"ErrCode": 0, "ErrMsg": "成功", "IdCard": "11010119900307001X", "Name": "张三",
			"OcrNation": "汉", "OcrAddress": "北京市东城区", "OcrBirth": "1990/3/7", "OcrName": "张三",
			"OcrIdCard": "11010119900307001X", "OcrGender": "男", "LiveStatus": 0, "LiveMsg": "成功",
			"Comparestatus": 0, "Comparemsg": "成功", "Sim": "95.00", "Location": nil, "Extra": "",
			"Detail": map[string]any{"LivenessData": []any{map[string]any{"ErrCode": 0, "ErrMsg": "成功", "ReqTime": "1600000000", "IdCard": "11010119900307001X", "Name": "张三"}}},
		},
		"IdCardData": map[string]any{"OcrFront": b64(DetectInfoIdCardLen), "OcrBack": b64(DetectInfoIdCardLen)},
		"BestFrame":  map[string]any{"BestFrame": b64(DetectInfoBestFrameLen)},
		"VideoData":  map[string]any{"LivenessVideo": b64(DetectInfoVideoLen)},
	}
	inner, err := json.Marshal(doc)
	if err != nil {
		panic(err) // cannot happen: the document is maps, strings and numbers
	}
	out, err := json.Marshal(map[string]any{"Response": map[string]any{
		"DetectInfo": string(inner), "RequestId": DetectInfoRequestId,
	}})
	if err != nil {
		panic(err)
	}
	return out
}

// CannedTransport is an http.RoundTripper that answers every request with HTTP 200 and Body,
// after reading the request body as a real transport would write it. It never touches the
// network, so a benchmark through it measures the client's own cost.
type CannedTransport struct {
	Body   []byte
	header http.Header
}

// NewCannedTransport returns a CannedTransport answering body as application/json.
func NewCannedTransport(body []byte) *CannedTransport {
	return &CannedTransport{Body: body, header: http.Header{"Content-Type": {"application/json"}}}
}

// RoundTrip answers req with t.Body.
func (t *CannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		Status: "200 OK", StatusCode: http.StatusOK, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: t.header, Body: io.NopCloser(bytes.NewReader(t.Body)), ContentLength: int64(len(t.Body)),
		Request: req,
	}, nil
}
