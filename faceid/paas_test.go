package faceid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
)

func TestPaaSRoundTrip(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	seq, err := c.GetActionSequence(ctx, nil)
	if err != nil {
		t.Fatalf("GetActionSequence: %v", err)
	}
	if !regexp.MustCompile(`^[1-5](,[1-5])+$`).MatchString(seq.ActionSequence) || seq.RequestId == "" {
		t.Errorf("GetActionSequence = %+v, want a sequence like 1,2 and a RequestId", seq)
	}
	checkRecorded(t, only(t, srv), "GetActionSequence", tc3.Algorithm)
	if string(only(t, srv).Body) != "{}" {
		t.Errorf("GetActionSequence(nil) body = %s, want {}", only(t, srv).Body)
	}
	srv.Reset()

	code, err := c.GetLiveCode(ctx, &GetLiveCodeRequest{})
	if err != nil {
		t.Fatalf("GetLiveCode: %v", err)
	}
	if !regexp.MustCompile(`^[0-9]{4}$`).MatchString(code.LiveCode) {
		t.Errorf("LiveCode = %q, want 4 digits", code.LiveCode)
	}
	checkRecorded(t, only(t, srv), "GetLiveCode", tc3.Algorithm)
	srv.Reset()

	ir, err := c.ImageRecognition(ctx, &ImageRecognitionRequest{IdCard: personIdCard, Name: personName, ImageBase64: MediaBytes(faceidtest.SampleJPEG())})
	if err != nil {
		t.Fatalf("ImageRecognition: %v", err)
	}
	if ir.Result != ResultSuccess || ir.Sim == nil || *ir.Sim != faceidtest.PassSim || ir.RequestId == "" {
		t.Errorf("ImageRecognition = Result %q Sim %v RequestId %q", ir.Result, ir.Sim, ir.RequestId)
	}
	rec := only(t, srv)
	checkRecorded(t, rec, "ImageRecognition", tc3.Algorithm)
	if got := sentBodyField(t, rec, "ImageBase64"); got != jpegB64() {
		t.Errorf("ImageBase64 sent is not the sample JPEG's base64")
	}
	srv.Reset()

	modes := []struct {
		typ          LivenessType
		validateData *string
	}{
		{LivenessLip, &code.LiveCode},
		{LivenessAction, &seq.ActionSequence},
		{LivenessSilent, nil},
	}
	for _, m := range modes {
		t.Run("LivenessCompare/"+string(m.typ), func(t *testing.T) {
			srv.Reset()
			resp, err := c.LivenessCompare(ctx, &LivenessCompareRequest{
				LivenessType: m.typ,
				ValidateData: m.validateData,
				ImageBase64:  MediaBytes(faceidtest.SampleJPEG()),
				VideoBase64:  MediaBytes(faceidtest.SampleMP4()),
				Optional:     &LivenessOptional{BestFrameNum: 2},
			})
			if err != nil {
				t.Fatalf("LivenessCompare: %v", err)
			}
			if resp.Result != ResultSuccess || resp.Sim == nil || *resp.Sim <= 0 || resp.RequestId == "" {
				t.Errorf("LivenessCompare = Result %q Sim %v RequestId %q", resp.Result, resp.Sim, resp.RequestId)
			}
			if resp.BestFrameBase64 != jpegB64() || len(resp.BestFrameList) != 2 {
				t.Errorf("BestFrameBase64 is not the sample or BestFrameList has %d frames, want 2", len(resp.BestFrameList))
			}
			rec := only(t, srv)
			checkRecorded(t, rec, "LivenessCompare", tc3.Algorithm)
			if got := sentBodyField(t, rec, "LivenessType"); got != string(m.typ) {
				t.Errorf("LivenessType sent = %v", got)
			}
			if got := sentBodyField(t, rec, "Optional"); got != `{"BestFrameNum":2}` {
				t.Errorf("Optional sent = %#v, want the JSON string {\"BestFrameNum\":2}", got)
			}
			if got := sentBodyField(t, rec, "VideoBase64"); got != mp4B64() {
				t.Errorf("VideoBase64 sent is not the sample MP4's base64")
			}
		})
		t.Run("LivenessRecognition/"+string(m.typ), func(t *testing.T) {
			srv.Reset()
			resp, err := c.LivenessRecognition(ctx, &LivenessRecognitionRequest{
				IdCard: personIdCard, Name: personName,
				LivenessType: m.typ,
				ValidateData: m.validateData,
				VideoBase64:  MediaBytes(faceidtest.SampleMP4()),
			})
			if err != nil {
				t.Fatalf("LivenessRecognition: %v", err)
			}
			if resp.Result != ResultSuccess || resp.Sim == nil || *resp.Sim <= 0 || resp.BestFrameBase64 == "" {
				t.Errorf("LivenessRecognition = Result %q Sim %v", resp.Result, resp.Sim)
			}
			rec := only(t, srv)
			checkRecorded(t, rec, "LivenessRecognition", tc3.Algorithm)
			if got := sentBodyField(t, rec, "Name"); got != personName {
				t.Errorf("Name sent = %v", got)
			}
		})
	}
}

func validLivenessCompare() *LivenessCompareRequest {
	return &LivenessCompareRequest{
		LivenessType: LivenessSilent,
		ImageBase64:  MediaBytes(faceidtest.SampleJPEG()),
		VideoBase64:  MediaBytes(faceidtest.SampleMP4()),
	}
}

func validLivenessRecognition() *LivenessRecognitionRequest {
	return &LivenessRecognitionRequest{
		IdCard: personIdCard, Name: personName,
		LivenessType: LivenessSilent,
		VideoBase64:  MediaBytes(faceidtest.SampleMP4()),
	}
}

func validImageRecognition() *ImageRecognitionRequest {
	return &ImageRecognitionRequest{IdCard: personIdCard, Name: personName, ImageBase64: MediaBytes(faceidtest.SampleJPEG())}
}

func TestVerificationFailureIsAnError(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	calls := map[string]func() (result, rid string, sim *float64, err error){
		"ImageRecognition": func() (string, string, *float64, error) {
			r, err := c.ImageRecognition(ctx, validImageRecognition())
			if r == nil {
				return "", "", nil, fmt.Errorf("nil response with %w", err)
			}
			return r.Result, r.RequestId, r.Sim, err
		},
		"LivenessCompare": func() (string, string, *float64, error) {
			r, err := c.LivenessCompare(ctx, validLivenessCompare())
			if r == nil {
				return "", "", nil, fmt.Errorf("nil response with %w", err)
			}
			return r.Result, r.RequestId, r.Sim, err
		},
		"LivenessRecognition": func() (string, string, *float64, error) {
			r, err := c.LivenessRecognition(ctx, validLivenessRecognition())
			if r == nil {
				return "", "", nil, fmt.Errorf("nil response with %w", err)
			}
			return r.Result, r.RequestId, r.Sim, err
		},
	}
	results := []string{
		"FailedOperation.SilentDetectFail",
		CodeCompareLowSimilarity,
		CodeIdNameMisMatch,
		"FailedOperation.UnKnown",
	}
	for action, call := range calls {
		for _, result := range results {
			t.Run(action+"/"+result, func(t *testing.T) {
				srv.Reset()
				srv.SetResult(action, result)
				got, rid, sim, err := call()
				var ve *VerificationError
				if !errors.As(err, &ve) {
					t.Fatalf("err = %v; want a *VerificationError", err)
				}
				if got != result || ve.Result != result || ve.Action != action {
					t.Errorf("response Result %q, error Result %q Action %q; want %q, %s", got, ve.Result, ve.Action, result, action)
				}
				if rid == "" || ve.RequestId != rid || only(t, srv).RequestID != rid {
					t.Errorf("RequestId: response %q, error %q, server %q", rid, ve.RequestId, only(t, srv).RequestID)
				}
				if sim == nil || ve.Sim != *sim {
					t.Errorf("Sim: response %v, error %v", sim, ve.Sim)
				}
				if result == CodeCompareLowSimilarity && ve.Sim != faceidtest.LowSim {
					t.Errorf("Sim %v, want %v", ve.Sim, faceidtest.LowSim)
				}
				if !strings.Contains(err.Error(), "did not pass") || !strings.Contains(err.Error(), result) {
					t.Errorf("error %q does not say the person did not pass, with the Result", err)
				}
				var ae *transport.APIError
				if errors.As(err, &ae) {
					t.Errorf("a verification failure is also an APIError")
				}
				noSecret(t, err)
			})
		}
	}

	// The fixture ID numbers fail without SetResult.
	srv.Reset()
	r := validLivenessRecognition()
	r.IdCard = faceidtest.LowSimilarityIdCard
	resp, err := c.LivenessRecognition(ctx, r)
	var ve *VerificationError
	if !errors.As(err, &ve) || resp == nil || resp.Result != CodeCompareLowSimilarity {
		t.Errorf("LowSimilarityIdCard: resp %+v err %v; want a VerificationError and the response", resp, err)
	}
}

// TestEmptyResultIsNotAPass makes the server answer HTTP 200 with a Result
// that is empty, absent, or "Success" in the wrong case.
func TestEmptyResultIsNotAPass(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, func(cfg *Config) { cfg.MaxAttempts = 1 })
	ctx := context.Background()
	bodies := map[string]string{
		"empty":      `{"Response":{"Sim":95.5,"Result":"","Description":"","BestFrameBase64":"","RequestId":"rid-empty"}}`,
		"absent":     `{"Response":{"Sim":95.5,"RequestId":"rid-empty"}}`,
		"null":       `{"Response":{"Sim":95.5,"Result":null,"RequestId":"rid-empty"}}`,
		"lower case": `{"Response":{"Sim":95.5,"Result":"success","RequestId":"rid-empty"}}`,
		"padded":     `{"Response":{"Sim":95.5,"Result":"Success ","RequestId":"rid-empty"}}`,
	}
	hdr := http.Header{"Content-Type": {"application/json"}}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			var ve *VerificationError
			srv.InjectHTTPResponse("ImageRecognition", 200, hdr, body, 1)
			ir, err := c.ImageRecognition(ctx, validImageRecognition())
			if !errors.As(err, &ve) || ir == nil || ve.RequestId != "rid-empty" || ve.Sim != 95.5 {
				t.Errorf("ImageRecognition: resp %+v err %v; want the response and a *VerificationError", ir, err)
			}
			srv.InjectHTTPResponse("LivenessCompare", 200, hdr, body, 1)
			lc, err := c.LivenessCompare(ctx, validLivenessCompare())
			if !errors.As(err, &ve) || lc == nil {
				t.Errorf("LivenessCompare: resp %+v err %v; want the response and a *VerificationError", lc, err)
			}
			srv.InjectHTTPResponse("LivenessRecognition", 200, hdr, body, 1)
			lr, err := c.LivenessRecognition(ctx, validLivenessRecognition())
			if !errors.As(err, &ve) || lr == nil {
				t.Errorf("LivenessRecognition: resp %+v err %v; want the response and a *VerificationError", lr, err)
			}
			if name == "empty" && !strings.Contains(err.Error(), "no Result") {
				t.Errorf("error for an empty Result = %q, want it to say there was no Result", err)
			}

			// The same bodies decoded by hand and checked.
			var env struct{ Response json.RawMessage }
			if err := json.Unmarshal([]byte(body), &env); err != nil {
				t.Fatal(err)
			}
			for _, resp := range []interface{ Check() error }{
				new(ImageRecognitionResponse), new(LivenessCompareResponse), new(LivenessRecognitionResponse),
			} {
				if err := json.Unmarshal(env.Response, resp); err != nil {
					t.Fatal(err)
				}
				if err := resp.Check(); !errors.As(err, &ve) {
					t.Errorf("%T.Check() = %v, want a *VerificationError", resp, err)
				}
			}
		})
	}
	// nil responses are not a pass.
	for _, resp := range []interface{ Check() error }{
		(*ImageRecognitionResponse)(nil), (*LivenessCompareResponse)(nil),
		(*LivenessRecognitionResponse)(nil), (*GetDetectInfoEnhancedResponse)(nil),
	} {
		if resp.Check() == nil {
			t.Errorf("%T(nil).Check() = nil", resp)
		}
	}
	// A GetDetectInfo document without ErrCode is not a pass.
	d, err := (&GetDetectInfoResponse{DetectInfo: `{"Text":{"ErrCode":null,"Sim":"95.00"}}`}).Decode()
	if err != nil {
		t.Fatal(err)
	}
	if d.Check() == nil {
		t.Error("DetectInfo with a null ErrCode passed")
	}
}

// ---------------------------------------------------------------------------
// API errors
