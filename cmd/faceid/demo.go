package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// runDemo starts the stand-in server in-process and walks both integration
// flows through the real client, transport and signer.
func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("faceid demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	mediaDir := fs.String("media", filepath.Join("testdata", "media"), "folder with face.jpg and liveness.mp4 (built-in samples when absent)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: faceid demo [--media DIR]\n\nStarts the faceidtest stand-in on 127.0.0.1 and runs the PaaS flow")
		fmt.Fprintln(stderr, "(GetActionSequence -> LivenessCompare) and the SaaS flow (DetectAuth -> GetDetectInfo),")
		fmt.Fprintln(stderr, "printing each call's string to sign and decoded response. Needs no credentials.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	d := &demo{out: stdout}
	if err := d.run(ctx, *mediaDir); err != nil {
		fmt.Fprintf(stderr, "faceid demo: %s\n", oneLine(err.Error()))
		return exitAPI
	}
	return exitOK
}

type demo struct {
	out    io.Writer
	cred   tc3.Credentials
	client *faceid.Client
	srv    *faceidtest.Server
}

func (d *demo) printf(format string, args ...any) { fmt.Fprintf(d.out, format, args...) }

func (d *demo) run(ctx context.Context, mediaDir string) error {
	d.cred = faceidtest.DefaultCredentials
	d.srv = faceidtest.NewServer(faceidtest.Options{Credentials: []tc3.Credentials{d.cred}})
	defer d.srv.Close()
	client, err := faceid.NewClient(faceid.Config{
		Credentials: credentials.Static(d.cred),
		Endpoint:    d.srv.URL,
		HTTPClient:  &http.Client{Transport: &stringToSignPrinter{next: http.DefaultTransport, d: d}},
	})
	if err != nil {
		return err
	}
	d.client = client
	d.printf("faceid demo: stand-in FaceID server at %s\n", d.srv.URL)
	d.printf("It verifies every signature with the tc3 package as the API gateway does; SecretId %s, SecretKey %s.\n", d.cred.SecretID, tc3.Redact(d.cred.SecretKey))

	image, video := readMedia(mediaDir)

	d.printf("\n=== PaaS flow: GetActionSequence -> the user records the actions -> LivenessCompare\n")
	seq, err := d.client.GetActionSequence(ctx, &faceid.GetActionSequenceRequest{})
	if err != nil {
		return err
	}
	d.response(seq)
	compare := &faceid.LivenessCompareRequest{
		LivenessType: faceid.LivenessAction,
		ValidateData: &seq.ActionSequence,
		ImageBase64:  faceid.MediaBytes(image),
		VideoBase64:  faceid.MediaBytes(video),
	}
	lc, err := d.client.LivenessCompare(ctx, compare)
	d.verdict(lc, err)
	if err != nil {
		return err
	}

	d.printf("\n--- the same call when the person does not match: HTTP 200, no Error, Result is a failure code\n")
	d.srv.SetResult("LivenessCompare", "FailedOperation.CompareLowSimilarity")
	lc, err = d.client.LivenessCompare(ctx, compare)
	d.srv.SetResult("LivenessCompare", "")
	d.verdict(lc, err)
	var ve *faceid.VerificationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("a failed comparison was not reported as a *faceid.VerificationError: %v", err)
	}

	d.printf("\n=== SaaS flow: DetectAuth -> the user verifies at Url -> GetDetectInfo\n")
	auth, err := d.client.DetectAuth(ctx, &faceid.DetectAuthRequest{
		RuleId: "1",
		IdCard: faceid.Ptr("11010119900101001X"),
		Name:   faceid.Ptr("张三"),
		Extra:  faceid.Ptr("order-42"),
	})
	if err != nil {
		return err
	}
	d.response(auth)
	d.printf("(a real user would now open %s)\n", auth.Url)
	info, err := d.client.GetDetectInfo(ctx, &faceid.GetDetectInfoRequest{BizToken: auth.BizToken, RuleId: "1", InfoType: faceid.Ptr(faceid.InfoTypeText)})
	if err != nil {
		return err
	}
	d.response(info)
	decoded, err := info.Decode()
	if err != nil {
		return err
	}
	d.printf("DetectInfo decoded:\n")
	d.printJSON(decoded)
	if err := decoded.Check(); err != nil {
		d.printf("verdict: NOT passed: %v\n", err)
	} else {
		d.printf("verdict: passed (Text.ErrCode 0)\n")
	}
	d.printf("\nThe stand-in saw %d calls, each with a fresh, valid TC3 signature.\n", len(d.srv.Requests()))
	return nil
}

// readMedia loads the demo's photo and video, or the stand-in's samples.
func readMedia(dir string) (image, video []byte) {
	image, err := readSample(filepath.Join(dir, "face.jpg"))
	if err != nil {
		image = faceidtest.SampleJPEG()
	}
	video, err = readSample(filepath.Join(dir, "liveness.mp4"))
	if err != nil {
		video = faceidtest.SampleMP4()
	}
	return image, video
}

// readSample reads a media file through faceid.MediaReader's cap, so a
// wrong path (a device, a huge file) cannot exhaust memory.
func readSample(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := faceid.MediaReader(f)
	if err != nil {
		return nil, err
	}
	return m.Bytes()
}

func (d *demo) response(v any) {
	d.printf("response:\n")
	d.printJSON(v)
}

func (d *demo) verdict(resp *faceid.LivenessCompareResponse, err error) {
	if resp != nil {
		d.response(resp)
	}
	var ve *faceid.VerificationError
	switch {
	case err == nil:
		d.printf("verdict: passed (Result %q)\n", resp.Result)
	case errors.As(err, &ve):
		d.printf("verdict: NOT passed, reported as an error although the API said HTTP 200:\n  %v\n", err)
	default:
		d.printf("error: %v\n", err)
	}
}

// printJSON prints v indented, with long base64 strings shortened.
func (d *demo) printJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		d.printf("  (unprintable: %v)\n", err)
		return
	}
	var generic any
	json.Unmarshal(b, &generic)
	out, _ := json.MarshalIndent(shorten(generic), "  ", "  ")
	d.printf("  %s\n", out)
}

func shorten(v any) any {
	switch v := v.(type) {
	case string:
		if len(v) > 96 {
			return fmt.Sprintf("%s... (%d bytes)", v[:48], len(v))
		}
	case map[string]any:
		for k, e := range v {
			v[k] = shorten(e)
		}
	case []any:
		for i, e := range v {
			v[i] = shorten(e)
		}
	}
	return v
}

// stringToSignPrinter shows, for each attempt, the action and the TC3
// string to sign of the request as it goes on the wire, recomputed from the
// request's own headers and body with the tc3 package.
type stringToSignPrinter struct {
	next http.RoundTripper
	d    *demo
}

func (p *stringToSignPrinter) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	p.d.printf("\n> %s %s  (%d-byte body)\n", req.Header.Get("X-TC-Action"), req.URL, len(body))
	auth, err := tc3.ParseAuthorization(req.Header.Get("Authorization"))
	if err == nil {
		in := tc3.Input{
			Credentials: p.d.cred, Service: auth.Service, Method: req.Method, Host: req.Host,
			Query: req.URL.RawQuery, ContentType: req.Header.Get("Content-Type"), Payload: body,
		}
		if req.Host == "" {
			in.Host = req.URL.Host
		}
		fmt.Sscan(req.Header.Get("X-TC-Timestamp"), &in.Timestamp)
		for _, h := range auth.SignedHeaders {
			if h != "content-type" && h != "host" {
				in.Headers = append(in.Headers, tc3.Header{Name: h, Value: req.Header.Get(h)})
			}
		}
		if res, err := tc3.Sign(&in); err == nil {
			p.d.printf("string to sign (%s):\n  %s\n", time.Unix(in.Timestamp, 0).UTC().Format(time.RFC3339), strings.ReplaceAll(res.StringToSign, "\n", "\n  "))
		}
	}
	return p.next.RoundTrip(req)
}
