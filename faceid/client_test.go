package faceid

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// testCreds is the pair the stand-in accepts by default.
var testCreds = faceidtest.DefaultCredentials

// secrets lists every secret used in this file; no error, log line or
// output may contain one of them.
var secrets = []string{
	testCreds.SecretKey,
	tempCreds.SecretKey, tempCreds.Token,
	wrongKey,
}

var tempCreds = tc3.Credentials{
	SecretID:  "AKIDFaceIDTempCredential000000EXAMPLE",
	SecretKey: "FaceIDTempSecretKey00000000000EXAMPLE",
	Token:     "faceid-session-token-0123456789abcdef",
}

const wrongKey = "WrongSecretKeyForFaceIDTests000EXAMPLE"

// noSecret fails the test if err, formatted every way a caller might
// format it, contains a secret.
func noSecret(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, verb := range []string{"%v", "%+v", "%s", "%q", "%#v"} {
		s := fmt.Sprintf(verb, err)
		for _, secret := range secrets {
			if strings.Contains(s, secret) {
				t.Errorf("error formatted with %s contains a secret: %s", verb, s)
			}
		}
	}
}

func newServer(t *testing.T, opts faceidtest.Options) *faceidtest.Server {
	t.Helper()
	srv := faceidtest.NewServer(opts)
	t.Cleanup(srv.Close)
	return srv
}

// newClient returns a client for srv with the default test credentials;
// mod may adjust the Config.
func newClient(t *testing.T, srv *faceidtest.Server, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Credentials: credentials.Static(testCreds),
		Endpoint:    srv.URL,
		MaxWait:     5 * time.Millisecond,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// only returns the single request srv saw.
func only(t *testing.T, srv *faceidtest.Server) faceidtest.Recorded {
	t.Helper()
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1: %+v", len(reqs), actionsOf(reqs))
	}
	return reqs[0]
}

func actionsOf(reqs []faceidtest.Recorded) []string {
	out := make([]string, len(reqs))
	for i, r := range reqs {
		out[i] = r.Action + "/" + r.SignatureMethod + "/" + r.ErrorCode
	}
	return out
}

// checkRecorded asserts the server accepted a call to action signed with method.
func checkRecorded(t *testing.T, rec faceidtest.Recorded, action, method string) {
	t.Helper()
	if rec.Action != action || rec.SignatureMethod != method || rec.ErrorCode != "" || rec.Version != Version || rec.HTTPStatus != http.StatusOK {
		t.Errorf("server recorded Action %q SignatureMethod %q Version %q ErrorCode %q status %d; want %s, %s, %s, accepted",
			rec.Action, rec.SignatureMethod, rec.Version, rec.ErrorCode, rec.HTTPStatus, action, method, Version)
	}
	if rec.SecretID == "" {
		t.Errorf("server recorded no SecretId")
	}
}

// bodyField decodes a recorded TC3 JSON body and returns one field.
func sentBodyField(t *testing.T, rec faceidtest.Recorded, name string) any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(rec.Body, &m); err != nil {
		t.Fatalf("recorded body is not JSON: %v", err)
	}
	return m[name]
}

func jpegB64() string { return base64.StdEncoding.EncodeToString(faceidtest.SampleJPEG()) }

func mp4B64() string { return base64.StdEncoding.EncodeToString(faceidtest.SampleMP4()) }

const (
	personName   = "李四"
	personIdCard = "44030019900101123X"
	ruleID       = "1"
)

// ---------------------------------------------------------------------------
// Round trips

// A Client is shared between goroutines.
func TestConcurrentCalls(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i%2 == 0 {
				_, err := c.GetLiveCode(context.Background(), nil)
				errs <- err
				return
			}
			_, err := c.LivenessCompare(context.Background(), &LivenessCompareRequest{
				LivenessType: LivenessSilent,
				ImageBase64:  MediaBytes(faceidtest.SampleJPEG()),
				VideoBase64:  MediaBytes(faceidtest.SampleMP4()),
			})
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if n := len(srv.Requests()); n != 16 {
		t.Errorf("server saw %d requests, want 16", n)
	}
}

// ---------------------------------------------------------------------------
// Required fields

// TestMissingRequiredRefusedBeforeSending drops each documented required
// field (and each conditionally required one) in turn.
func TestMissingRequiredRefusedBeforeSending(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()
	cases := []struct {
		name  string
		field string
		call  func() error
	}{
		{"DetectAuth", "RuleId", func() error {
			_, err := c.DetectAuth(ctx, &DetectAuthRequest{Name: Ptr(personName)})
			return err
		}},
		{"DetectAuth/nil", "RuleId", func() error { _, err := c.DetectAuth(ctx, nil); return err }},
		{"GetDetectInfo", "BizToken", func() error {
			_, err := c.GetDetectInfo(ctx, &GetDetectInfoRequest{RuleId: ruleID})
			return err
		}},
		{"GetDetectInfo", "RuleId", func() error {
			_, err := c.GetDetectInfo(ctx, &GetDetectInfoRequest{BizToken: "T"})
			return err
		}},
		{"GetDetectInfoEnhanced", "BizToken", func() error {
			_, err := c.GetDetectInfoEnhanced(ctx, &GetDetectInfoEnhancedRequest{RuleId: ruleID})
			return err
		}},
		{"GetDetectInfoEnhanced", "RuleId", func() error {
			_, err := c.GetDetectInfoEnhanced(ctx, &GetDetectInfoEnhancedRequest{BizToken: "T"})
			return err
		}},
		{"ImageRecognition", "IdCard", func() error {
			r := validImageRecognition()
			r.IdCard = ""
			_, err := c.ImageRecognition(ctx, r)
			return err
		}},
		{"ImageRecognition", "Name", func() error {
			r := validImageRecognition()
			r.Name = ""
			_, err := c.ImageRecognition(ctx, r)
			return err
		}},
		{"ImageRecognition", "ImageBase64", func() error {
			r := validImageRecognition()
			r.ImageBase64 = Media{}
			_, err := c.ImageRecognition(ctx, r)
			return err
		}},
		{"LivenessCompare", "LivenessType", func() error {
			r := validLivenessCompare()
			r.LivenessType = ""
			_, err := c.LivenessCompare(ctx, r)
			return err
		}},
		{"LivenessCompare/no photo", "ImageBase64", func() error {
			r := validLivenessCompare()
			r.ImageBase64 = Media{}
			_, err := c.LivenessCompare(ctx, r)
			return err
		}},
		{"LivenessCompare/no video", "VideoBase64", func() error {
			r := validLivenessCompare()
			r.VideoBase64 = Media{}
			_, err := c.LivenessCompare(ctx, r)
			return err
		}},
		{"LivenessCompare/LIP", "ValidateData", func() error {
			r := validLivenessCompare()
			r.LivenessType = LivenessLip
			_, err := c.LivenessCompare(ctx, r)
			return err
		}},
		{"LivenessCompare/ACTION", "ValidateData", func() error {
			r := validLivenessCompare()
			r.LivenessType = LivenessAction
			r.ValidateData = Ptr("")
			_, err := c.LivenessCompare(ctx, r)
			return err
		}},
		{"LivenessRecognition", "IdCard", func() error {
			r := validLivenessRecognition()
			r.IdCard = ""
			_, err := c.LivenessRecognition(ctx, r)
			return err
		}},
		{"LivenessRecognition", "Name", func() error {
			r := validLivenessRecognition()
			r.Name = ""
			_, err := c.LivenessRecognition(ctx, r)
			return err
		}},
		{"LivenessRecognition", "LivenessType", func() error {
			r := validLivenessRecognition()
			r.LivenessType = ""
			_, err := c.LivenessRecognition(ctx, r)
			return err
		}},
		{"LivenessRecognition/no video", "VideoBase64", func() error {
			r := validLivenessRecognition()
			r.VideoBase64 = Media{}
			_, err := c.LivenessRecognition(ctx, r)
			return err
		}},
		{"LivenessRecognition/ACTION", "ValidateData", func() error {
			r := validLivenessRecognition()
			r.LivenessType = LivenessAction
			_, err := c.LivenessRecognition(ctx, r)
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name+"/"+tc.field, func(t *testing.T) {
			err := tc.call()
			if err == nil {
				t.Fatal("no error")
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tc.field {
				t.Errorf("err = %v; want a *FieldError for %s", err, tc.field)
			}
			if !strings.Contains(err.Error(), "."+tc.field+" ") || !strings.Contains(err.Error(), "required") {
				t.Errorf("error %q does not say %s is required", err, tc.field)
			}
			var ae *transport.APIError
			if errors.As(err, &ae) {
				t.Errorf("got an API error: the request was sent")
			}
			noSecret(t, err)
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("server saw %d requests; validation must refuse before sending", n)
			}
		})
	}
}

// TestStandInAgreesOnRequired bypasses the client's validation: raw JSON
// sent through the transport gets the stand-in's MissingParameter naming
// the same field.
func TestStandInAgreesOnRequired(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	tr, err := transport.New(transport.Config{
		Credentials: credentials.Static(testCreds),
		Service:     Service,
		Host:        srv.Host,
		Scheme:      "http",
		Region:      DefaultRegion,
		MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	img, vid := jpegB64(), mp4B64()
	cases := []struct {
		action, body, field string
	}{
		{"DetectAuth", `{"Name":"李四"}`, "RuleId"},
		{"GetDetectInfo", `{"RuleId":"1"}`, "BizToken"},
		{"GetDetectInfoEnhanced", `{"BizToken":"T"}`, "RuleId"},
		{"ImageRecognition", `{"IdCard":"` + personIdCard + `","ImageBase64":"` + img + `"}`, "Name"},
		{"LivenessCompare", `{"ImageBase64":"` + img + `","VideoBase64":"` + vid + `"}`, "LivenessType"},
		{"LivenessCompare", `{"LivenessType":"LIP","ImageBase64":"` + img + `","VideoBase64":"` + vid + `"}`, "ValidateData"},
		{"LivenessRecognition", `{"Name":"李四","LivenessType":"SILENT","VideoBase64":"` + vid + `"}`, "IdCard"},
	}
	for _, tc := range cases {
		t.Run(tc.action+"/"+tc.field, func(t *testing.T) {
			_, err := tr.Call(context.Background(), transport.Call{Action: tc.action, Version: Version, Body: []byte(tc.body)})
			noSecret(t, err)
			var ae *transport.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want *transport.APIError", err)
			}
			if ae.Code != "MissingParameter" || !strings.Contains(ae.Message, "`"+tc.field+"`") {
				t.Errorf("got %s %q; want MissingParameter naming `%s`", ae.Code, ae.Message, tc.field)
			}
			if ae.Action != tc.action || ae.RequestId == "" {
				t.Errorf("APIError Action %q RequestId %q", ae.Action, ae.RequestId)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// The business-result trap

func TestAPIErrors(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	ctx := context.Background()

	srv.InjectError("DetectAuth", CodeRuleIdNotExist, 1)
	resp, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: "404"})
	var ae *transport.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want *transport.APIError", err)
	}
	if resp != nil {
		t.Errorf("response %+v returned with an API error", resp)
	}
	rec := only(t, srv)
	if ae.Code != CodeRuleIdNotExist || ae.Action != "DetectAuth" || ae.RequestId == "" || ae.RequestId != rec.RequestID || ae.Attempts != 1 || ae.HTTPStatus != 200 {
		t.Errorf("APIError = %+v; want Code %s, Action DetectAuth, RequestId %s, 1 attempt", ae, CodeRuleIdNotExist, rec.RequestID)
	}
	if transport.ErrorCode(err) != ae.Code || transport.RequestID(err) != ae.RequestId {
		t.Errorf("transport.ErrorCode/RequestID disagree with the APIError")
	}
	var ve *VerificationError
	if errors.As(err, &ve) {
		t.Errorf("an API error is also a VerificationError")
	}
	for _, want := range []string{CodeRuleIdNotExist, "DetectAuth", ae.RequestId} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	noSecret(t, err)

	// The injection was used up: the next call works.
	if _, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: "404"}); err != nil {
		t.Errorf("second DetectAuth: %v", err)
	}

	// An error code on a verification action is an API error, not a verdict.
	srv.Reset()
	srv.InjectError("LivenessCompare", "FailedOperation.LipVideoInvalid", 1)
	lc, err := c.LivenessCompare(ctx, validLivenessCompare())
	if !errors.As(err, &ae) || ae.Code != "FailedOperation.LipVideoInvalid" || ae.Action != "LivenessCompare" || lc != nil {
		t.Errorf("LivenessCompare: resp %v err %v; want only an APIError", lc, err)
	}
	if errors.As(err, &ve) {
		t.Errorf("an API error is also a VerificationError")
	}

	// A retryable code on an idempotent action is retried; the same code on
	// a billable verification is returned after one attempt.
	srv.Reset()
	srv.InjectError("", "InternalError", 1)
	if _, err := c.GetLiveCode(ctx, nil); err != nil {
		t.Errorf("GetLiveCode after one InternalError: %v", err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("GetLiveCode: %d attempts, want 2", n)
	}
	srv.Reset()
	srv.DropConnections(1)
	_, err = c.LivenessCompare(ctx, validLivenessCompare())
	var ne *transport.NetworkError
	if !errors.As(err, &ne) || !ne.Sent {
		t.Errorf("LivenessCompare on a dropped connection: %v; want a *transport.NetworkError that says it was sent", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("LivenessCompare was sent %d times after an ambiguous failure; a billable call must not be repeated", n)
	}
	noSecret(t, err)
}

// ---------------------------------------------------------------------------
// Signature methods

func TestSignatureMethods(t *testing.T) {
	for _, method := range []string{tc3.Algorithm, tc3.HmacSHA256, tc3.HmacSHA1} {
		t.Run(method, func(t *testing.T) {
			srv := newServer(t, faceidtest.Options{})
			c := newClient(t, srv, func(cfg *Config) { cfg.SignatureMethod = method })
			ctx := context.Background()
			auth, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: ruleID, Name: Ptr(personName), IdCard: Ptr(personIdCard), Extra: Ptr("a&b=c+d 中")})
			if err != nil {
				t.Fatalf("DetectAuth: %v", err)
			}
			enh, err := c.GetDetectInfoEnhanced(ctx, &GetDetectInfoEnhancedRequest{BizToken: auth.BizToken, RuleId: ruleID, InfoType: Ptr("1")})
			if err != nil {
				t.Fatalf("GetDetectInfoEnhanced: %v", err)
			}
			if enh.Text == nil || enh.Text.Extra != "a&b=c+d 中" || enh.Text.Name != personName {
				t.Errorf("Text = %+v; Extra and Name must survive the %s encoding", enh.Text, method)
			}
			seq, err := c.GetActionSequence(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			lc, err := c.LivenessCompare(ctx, &LivenessCompareRequest{
				LivenessType: LivenessAction,
				ValidateData: &seq.ActionSequence,
				ImageBase64:  MediaBytes(faceidtest.SampleJPEG()),
				VideoBase64:  MediaBytes(faceidtest.SampleMP4()),
				Optional:     &LivenessOptional{BestFrameNum: 3},
			})
			if err != nil {
				t.Fatalf("LivenessCompare: %v", err)
			}
			if lc.Result != ResultSuccess || len(lc.BestFrameList) != 3 {
				t.Errorf("LivenessCompare Result %q, %d frames", lc.Result, len(lc.BestFrameList))
			}
			reqs := srv.Requests()
			if len(reqs) != 4 {
				t.Fatalf("server saw %v", actionsOf(reqs))
			}
			for i, action := range []string{"DetectAuth", "GetDetectInfoEnhanced", "GetActionSequence", "LivenessCompare"} {
				checkRecorded(t, reqs[i], action, method)
				if ct := reqs[i].Header.Get("Content-Type"); method != tc3.Algorithm && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
					t.Errorf("%s: v1 Content-Type %q", action, ct)
				}
			}
			// v1's 1 MiB limit is checked before sending.
			srv.Reset()
			big := validLivenessCompare()
			big.VideoBase64 = MediaBytes(make([]byte, 1<<20))
			_, err = c.LivenessCompare(ctx, big)
			noSecret(t, err)
			var tooBig *BodyTooLargeError
			if method == tc3.Algorithm {
				if err == nil || errors.As(err, &tooBig) {
					// 1 MiB of zeros is not an MP4: the stand-in refuses it, after sending.
					t.Errorf("TC3 with a 1.4 MB body: err %v; want the stand-in's refusal", err)
				}
				return
			}
			if !errors.As(err, &tooBig) || tooBig.Limit != transport.MaxV1BodyBytes || !strings.Contains(err.Error(), "1048576") {
				t.Errorf("%s with a 1.4 MB body: %v; want a *BodyTooLargeError at 1048576 bytes", method, err)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("server saw %d requests", n)
			}
		})
	}
}

func TestSignatureMethodUnknown(t *testing.T) {
	_, err := NewClient(Config{Credentials: credentials.Static(testCreds), SignatureMethod: "HmacMD5"})
	if err == nil || !strings.Contains(err.Error(), "HmacMD5") {
		t.Errorf("NewClient with SignatureMethod HmacMD5: %v; want an error naming it", err)
	}
}

// ---------------------------------------------------------------------------
// Region and endpoint

func TestRegionAndEndpoint(t *testing.T) {
	creds := credentials.Static(testCreds)
	cases := []struct {
		name             string
		region, endpoint string
		wantHost         string
		wantRegion       string
		warn             bool
	}{
		{"defaults", "", "", "faceid.ap-guangzhou.tencentcloudapi.com", "ap-guangzhou", false},
		{"region moves host", "ap-beijing", "", "faceid.ap-beijing.tencentcloudapi.com", "ap-beijing", false},
		{"explicit endpoint wins", "ap-beijing", "faceid.tencentcloudapi.com", "faceid.tencentcloudapi.com", "ap-beijing", false},
		{"explicit endpoint with scheme", "ap-beijing", "https://faceid.ap-beijing.tencentcloudapi.com/", "faceid.ap-beijing.tencentcloudapi.com", "ap-beijing", false},
		{"endpoint region differs", "ap-beijing", "https://faceid.ap-shanghai.tencentcloudapi.com", "faceid.ap-shanghai.tencentcloudapi.com", "ap-beijing", true},
		{"endpoint region differs from default", "", "faceid.ap-beijing.tencentcloudapi.com", "faceid.ap-beijing.tencentcloudapi.com", "ap-guangzhou", true},
		{"endpoint with port, region differs", "ap-beijing", "faceid.ap-shanghai.tencentcloudapi.com:443", "faceid.ap-shanghai.tencentcloudapi.com:443", "ap-beijing", true},
		{"intl host", "ap-singapore", "faceid.intl.tencentcloudapi.com", "faceid.intl.tencentcloudapi.com", "ap-singapore", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			c, err := NewClient(Config{
				Credentials: creds, Region: tc.region, Endpoint: tc.endpoint,
				Logger: slog.New(slog.NewTextHandler(&logs, nil)),
			})
			if err != nil {
				t.Fatal(err)
			}
			if c.Host() != tc.wantHost || c.Region() != tc.wantRegion {
				t.Errorf("Host %q Region %q, want %q %q", c.Host(), c.Region(), tc.wantHost, tc.wantRegion)
			}
			warned := strings.Contains(logs.String(), "level=WARN")
			if warned != tc.warn {
				t.Errorf("warning logged = %v, want %v; log: %s", warned, tc.warn, logs.String())
			}
			if tc.warn {
				hostRegion := strings.Split(tc.wantHost, ".")[1] // faceid.<region>.tencentcloudapi.com[:port]
				for _, want := range []string{"endpoint_region=" + hostRegion, "region=" + tc.wantRegion} {
					if !strings.Contains(logs.String(), want) {
						t.Errorf("warning %q does not contain %q", logs.String(), want)
					}
				}
			}
			s := c.String() + logs.String()
			for _, secret := range secrets {
				if strings.Contains(s, secret) {
					t.Errorf("client description or log contains a secret: %s", s)
				}
			}
		})
	}

	for _, bad := range []string{
		"https://faceid.tencentcloudapi.com/v3",
		"faceid.tencentcloudapi.com/path",
		"https://faceid.tencentcloudapi.com/?x=1",
		"https://user:pass@faceid.tencentcloudapi.com",
		"https://",
	} {
		_, err := NewClient(Config{Credentials: creds, Endpoint: bad})
		noSecret(t, err)
		if err == nil || !strings.Contains(err.Error(), "Endpoint") {
			t.Errorf("Endpoint %q: err = %v; want an error about the Endpoint", bad, err)
		}
	}
	// Plain http is for loopback only.
	if _, err := NewClient(Config{Credentials: creds, Endpoint: "http://faceid.tencentcloudapi.com"}); err == nil {
		t.Errorf("a plain-http public endpoint was accepted")
	}
}

// TestRegionSent checks that the Region reaches the server as X-TC-Region
// and that an endpoint without a region label logs nothing.
func TestRegionSent(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	var logs bytes.Buffer
	c := newClient(t, srv, func(cfg *Config) {
		cfg.Region = "ap-beijing"
		cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	})
	if _, err := c.GetLiveCode(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if rec := only(t, srv); rec.Region != "ap-beijing" {
		t.Errorf("server saw Region %q, want ap-beijing", rec.Region)
	}
	if logs.Len() != 0 {
		t.Errorf("unexpected warning: %s", logs.String())
	}
}

// ---------------------------------------------------------------------------
// Media

// wrap breaks s into lines of n characters ending with eol.
func wrap(s string, n int, eol string) string {
	var b strings.Builder
	for len(s) > n {
		b.WriteString(s[:n])
		b.WriteString(eol)
		s = s[n:]
	}
	b.WriteString(s)
	b.WriteString(eol)
	return b.String()
}

// clearEnv removes the TENCENTCLOUD_* variables for the test and points
// HOME at an empty directory, so no developer credentials are picked up.
func clearEnv(t *testing.T) string {
	t.Helper()
	for _, k := range []string{credentials.EnvSecretID, credentials.EnvSecretKey, credentials.EnvSecurityToken, credentials.EnvCredentialsFile} {
		t.Setenv(k, "") // restores the old value after the test
		os.Unsetenv(k)
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	return home
}

func TestCredentialsFromNowhere(t *testing.T) {
	clearEnv(t)
	_, err := NewClient(Config{})
	if err == nil {
		t.Fatal("NewClient without credentials succeeded")
	}
	noSecret(t, err)
	if !errors.Is(err, credentials.ErrNotFound) || !strings.Contains(err.Error(), credentials.EnvSecretID) || !strings.Contains(err.Error(), "credentials") {
		t.Errorf("err = %v; want ErrNoCredentials naming %s and the credentials file", err, credentials.EnvSecretID)
	}
}

func TestCredentialsFromEnvAndFile(t *testing.T) {
	home := clearEnv(t)
	srv := newServer(t, faceidtest.Options{Credentials: []tc3.Credentials{testCreds, tempCreds}})

	// The credentials file of the official tools.
	dir := filepath.Join(home, ".tencentcloud")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	ini := "[default]\nsecret_id = " + testCreds.SecretID + "\nsecret_key = " + testCreds.SecretKey + "\n"
	if err := os.WriteFile(filepath.Join(dir, "credentials"), []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(Config{Endpoint: srv.URL})
	if err != nil {
		t.Fatalf("NewClient from the credentials file: %v", err)
	}
	if _, err := c.GetLiveCode(context.Background(), nil); err != nil {
		t.Fatalf("GetLiveCode with file credentials: %v", err)
	}
	if rec := only(t, srv); rec.SecretID != testCreds.SecretID {
		t.Errorf("SecretId %q", rec.SecretID)
	}

	// The environment wins over the file, token included.
	srv.Reset()
	t.Setenv(credentials.EnvSecretID, tempCreds.SecretID)
	t.Setenv(credentials.EnvSecretKey, tempCreds.SecretKey)
	t.Setenv(credentials.EnvSecurityToken, tempCreds.Token)
	c, err = NewClient(Config{Endpoint: srv.URL})
	if err != nil {
		t.Fatalf("NewClient from the environment: %v", err)
	}
	if _, err := c.GetLiveCode(context.Background(), nil); err != nil {
		t.Fatalf("GetLiveCode with environment credentials: %v", err)
	}
	if rec := only(t, srv); rec.SecretID != tempCreds.SecretID {
		t.Errorf("SecretId %q, want the environment's", rec.SecretID)
	}
}

// headerRecorder records the headers of every request it carries.
type headerRecorder struct {
	mu      sync.Mutex
	headers []http.Header
}

func (h *headerRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.headers = append(h.headers, req.Header.Clone())
	h.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

func TestTemporaryCredentialsToken(t *testing.T) {
	srv := newServer(t, faceidtest.Options{Credentials: []tc3.Credentials{tempCreds}})
	ctx := context.Background()

	rt := &headerRecorder{}
	c := newClient(t, srv, func(cfg *Config) {
		cfg.Credentials = credentials.Static(tempCreds)
		cfg.HTTPClient = &http.Client{Transport: rt}
	})
	if _, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: ruleID}); err != nil {
		t.Fatalf("DetectAuth with a token: %v", err)
	}
	if len(rt.headers) != 1 || rt.headers[0].Get("X-TC-Token") != tempCreds.Token {
		t.Errorf("X-TC-Token not sent as the credentials' token")
	}
	rec := only(t, srv)
	checkRecorded(t, rec, "DetectAuth", tc3.Algorithm)
	if rec.SecretID != tempCreds.SecretID {
		t.Errorf("SecretId %q", rec.SecretID)
	}

	// The v1 methods send it as the Token parameter.
	srv.Reset()
	c1 := newClient(t, srv, func(cfg *Config) {
		cfg.Credentials = credentials.Static(tempCreds)
		cfg.SignatureMethod = tc3.HmacSHA256
	})
	if _, err := c1.DetectAuth(ctx, &DetectAuthRequest{RuleId: ruleID}); err != nil {
		t.Fatalf("v1 DetectAuth with a token: %v", err)
	}
	checkRecorded(t, only(t, srv), "DetectAuth", tc3.HmacSHA256)

	// Without the token, or with another one, the server refuses.
	for name, creds := range map[string]tc3.Credentials{
		"no token":    {SecretID: tempCreds.SecretID, SecretKey: tempCreds.SecretKey},
		"wrong token": {SecretID: tempCreds.SecretID, SecretKey: tempCreds.SecretKey, Token: "another-token"},
	} {
		c := newClient(t, srv, func(cfg *Config) { cfg.Credentials = credentials.Static(creds) })
		_, err := c.DetectAuth(ctx, &DetectAuthRequest{RuleId: ruleID})
		var ae *transport.APIError
		if !errors.As(err, &ae) || ae.Code != "AuthFailure.TokenFailure" {
			t.Errorf("%s: err = %v; want AuthFailure.TokenFailure", name, err)
		}
		noSecret(t, err)
	}
}

// ---------------------------------------------------------------------------
// Context

func TestContextCancel(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	c := newClient(t, srv, nil)
	srv.SetLatency(5 * time.Second)
	defer srv.SetLatency(0)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.LivenessCompare(ctx, validLivenessCompare())
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("cancelled call returned after %v", elapsed)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want errors.Is(err, context.Canceled)", err)
	}
	noSecret(t, err)

	ctx, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = c.GetDetectInfo(ctx, &GetDetectInfoRequest{BizToken: "T", RuleId: ruleID})
	noSecret(t, err)
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("call past its deadline returned after %v", elapsed)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v; want errors.Is(err, context.DeadlineExceeded)", err)
	}

	// A context cancelled up front sends nothing.
	srv.Reset()
	ctx, cancel3 := context.WithCancel(context.Background())
	cancel3()
	if _, err := c.GetLiveCode(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("server saw %d requests for a cancelled context", n)
	}
}

// ---------------------------------------------------------------------------
// Secrets

// TestNoSecretInErrors provokes every kind of failure and checks that no
// secret key shows in the error, however it is formatted.
func TestNoSecretInErrors(t *testing.T) {
	srv := newServer(t, faceidtest.Options{})
	ctx := context.Background()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	good := newClient(t, srv, func(cfg *Config) { cfg.Logger = logger; cfg.MaxAttempts = 1 })
	var errs []error
	collect := func(_ any, err error) { errs = append(errs, err) }

	// A wrong key: the stand-in's message quotes its canonical request and string to sign.
	for _, method := range []string{tc3.Algorithm, tc3.HmacSHA1} {
		wrong := newClient(t, srv, func(cfg *Config) {
			cfg.Credentials = credentials.Static(tc3.Credentials{SecretID: testCreds.SecretID, SecretKey: wrongKey})
			cfg.SignatureMethod = method
			cfg.Logger = logger
		})
		_, err := wrong.DetectAuth(ctx, &DetectAuthRequest{RuleId: ruleID})
		if transport.ErrorCode(err) != "AuthFailure.SignatureFailure" {
			t.Errorf("%s with a wrong key: %v; want AuthFailure.SignatureFailure", method, err)
		}
		errs = append(errs, err)
		if s := wrong.String(); strings.Contains(s, wrongKey) {
			t.Errorf("Client.String() = %s", s)
		}
	}
	srv.InjectError("", "InternalError", 1)
	collect(good.GetLiveCode(ctx, nil))
	srv.InjectHTTPStatus("", http.StatusBadGateway, "", 1)
	collect(good.GetLiveCode(ctx, nil))
	srv.DropConnections(1)
	collect(good.ImageRecognition(ctx, validImageRecognition()))
	srv.SetResult("ImageRecognition", CodeIdNameMisMatch)
	collect(good.ImageRecognition(ctx, validImageRecognition()))
	collect(good.DetectAuth(ctx, &DetectAuthRequest{}))
	collect(good.LivenessCompare(ctx, &LivenessCompareRequest{LivenessType: LivenessSilent, ImageBase64: MediaBytes(make([]byte, 2_250_000)), VideoBase64: MediaBytes(make([]byte, 6_000_000))}))
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	collect(good.GetLiveCode(cctx, nil))

	for _, err := range errs {
		if err == nil {
			t.Error("expected an error")
			continue
		}
		noSecret(t, err)
	}
	for _, secret := range secrets {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("log contains a secret:\n%s", logs.String())
		}
	}
	for _, rec := range srv.Requests() {
		if rec.Header.Get("Authorization") != "" || rec.Header.Get("X-TC-Token") != "" {
			t.Errorf("server recorded a credential header")
		}
	}
}
