// Command faceid calls the Tencent Cloud FaceID actions from a shell or a
// script, and runs a demo of both integration flows against the local
// stand-in server.
//
//	faceid <action> [flags]     call one action; JSON out on stdout
//	faceid demo                 walk the SaaS and PaaS flows against faceidtest
//
// Credentials come from TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and
// TENCENTCLOUD_SECURITY_TOKEN, or from ~/.tencentcloud/credentials.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid"
	"github.com/tcfaceid/tcfaceid/transport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.LookupEnv)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK    = 0
	exitAPI   = 1 // the API refused the call, or the person did not pass
	exitUsage = 2 // bad flags, unreadable files, missing credentials
)

// maxJSONInput bounds --json - (stdin): the largest request body the API
// takes is 10 MB (TC3), so more is a mistake, such as the wrong file piped in.
const maxJSONInput = 16 << 20

// answerError is an answer from the API that the command cannot use, such as
// a DetectInfo that does not decode: exit 1 like any other answer problem.
type answerError struct{ err error }

func (e *answerError) Error() string { return e.err.Error() }
func (e *answerError) Unwrap() error { return e.err }

// action describes one subcommand: a fresh request and the call to make.
type action struct {
	name    string
	summary string
	newReq  func() any
	call    func(ctx context.Context, c *faceid.Client, req any) (any, error)
}

var actions = []action{
	{"DetectAuth", "start a SaaS flow: returns the Url for the user and a BizToken",
		func() any { return new(faceid.DetectAuthRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			return c.DetectAuth(ctx, r.(*faceid.DetectAuthRequest))
		}},
	{"GetDetectInfo", "fetch a SaaS flow's result (DetectInfo decoded too)",
		func() any { return new(faceid.GetDetectInfoRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			resp, err := c.GetDetectInfo(ctx, r.(*faceid.GetDetectInfoRequest))
			if err != nil {
				return nil, err
			}
			decoded, derr := resp.Decode()
			if derr != nil {
				// The call succeeded; the answer is what is wrong (exit 1, not 2).
				return resp, &answerError{derr}
			}
			// A fetched result is not a pass: exit non-zero unless Text.ErrCode is 0.
			return struct {
				*faceid.GetDetectInfoResponse
				Decoded *faceid.DetectInfo
			}{resp, decoded}, decoded.Check()
		}},
	{"GetDetectInfoEnhanced", "fetch a SaaS flow's structured result",
		func() any { return new(faceid.GetDetectInfoEnhancedRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			resp, err := c.GetDetectInfoEnhanced(ctx, r.(*faceid.GetDetectInfoEnhancedRequest))
			if err != nil {
				return nil, err
			}
			return resp, resp.Check() // a fetched result is not a pass
		}},
	{"GetActionSequence", "get the action sequence for ACTION liveness",
		func() any { return new(faceid.GetActionSequenceRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			return c.GetActionSequence(ctx, r.(*faceid.GetActionSequenceRequest))
		}},
	{"GetLiveCode", "get the digits for LIP liveness",
		func() any { return new(faceid.GetLiveCodeRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			return c.GetLiveCode(ctx, r.(*faceid.GetLiveCodeRequest))
		}},
	{"ImageRecognition", "compare a photo with the ID-card authority's photo",
		//lint:ignore SA1019 the CLI keeps every action callable, deprecated ones included
		func() any { return new(faceid.ImageRecognitionRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			//lint:ignore SA1019 the CLI keeps every action callable, deprecated ones included
			return c.ImageRecognition(ctx, r.(*faceid.ImageRecognitionRequest))
		}},
	{"LivenessCompare", "liveness video + compare with a photo",
		func() any { return new(faceid.LivenessCompareRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			return c.LivenessCompare(ctx, r.(*faceid.LivenessCompareRequest))
		}},
	{"LivenessRecognition", "liveness video + compare with the ID-card authority's photo",
		func() any { return new(faceid.LivenessRecognitionRequest) },
		func(ctx context.Context, c *faceid.Client, r any) (any, error) {
			return c.LivenessRecognition(ctx, r.(*faceid.LivenessRecognitionRequest))
		}},
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: faceid <action> [flags]   call one FaceID action (JSON on stdout)")
	fmt.Fprintln(w, "       faceid demo               run both flows against the local stand-in server")
	fmt.Fprintln(w, "\nactions:")
	for _, a := range actions {
		fmt.Fprintf(w, "  %-22s %s\n", a.name, a.summary)
	}
	fmt.Fprintln(w, "\n'faceid <action> -h' lists the action's flags. Credentials: TENCENTCLOUD_SECRET_ID,")
	fmt.Fprintln(w, "TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SECURITY_TOKEN), or ~/.tencentcloud/credentials.")
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "demo":
		return runDemo(ctx, args[1:], stdout, stderr)
	}
	for _, a := range actions {
		if strings.EqualFold(args[0], a.name) {
			return runAction(ctx, a, args[1:], stdin, stdout, stderr, lookup)
		}
	}
	fmt.Fprintf(stderr, "faceid: unknown action %q; run 'faceid help' for the list\n", args[0])
	return exitUsage
}

// runAction parses the flags of one action, calls it and prints the answer.
func runAction(ctx context.Context, a action, args []string, stdin io.Reader, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	req := a.newReq()
	fs := flag.NewFlagSet("faceid "+a.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	endpoint := fs.String("endpoint", "", "host or URL to call (default faceid.<region>.tencentcloudapi.com)")
	region := fs.String("region", faceid.DefaultRegion, "region sent as X-TC-Region")
	sigMethod := fs.String("signature-method", "", "TC3-HMAC-SHA256 (default), HmacSHA256 or HmacSHA1")
	language := fs.String("language", "", "zh-CN or en-US for error messages")
	timeout := fs.Duration("timeout", time.Minute, "bound on the whole call, retries included")
	jsonBody := fs.String("json", "", "request as JSON (fields as in the API, e.g. '{\"RuleId\":\"1\"}'); '-' reads stdin; flags override it")
	fields := addFieldFlags(fs, req)
	var mediaFiles []*mediaFileFlag
	rv := reflect.ValueOf(req).Elem()
	for _, f := range []struct{ flagName, field, what string }{
		{"image-file", "ImageBase64", "photo file (jpg/png), read and base64-encoded"},
		{"video-file", "VideoBase64", "video file (mp4/avi/flv), read and base64-encoded"},
	} {
		if rv.FieldByName(f.field).IsValid() {
			m := &mediaFileFlag{field: f.field}
			fs.Var(m, f.flagName, f.what+" into "+f.field)
			mediaFiles = append(mediaFiles, m)
		}
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: faceid %s [flags]\n%s\n\nexample:\n  %s\n\nflags:\n", a.name, a.summary, exampleFor(a.name))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "faceid %s: unexpected argument %q (flags only)\n", a.name, fs.Arg(0))
		return exitUsage
	}
	if *jsonBody != "" {
		data := []byte(*jsonBody)
		if *jsonBody == "-" {
			var err error
			if data, err = io.ReadAll(io.LimitReader(stdin, maxJSONInput+1)); err != nil {
				fmt.Fprintf(stderr, "faceid %s: reading --json from stdin: %v\n", a.name, err)
				return exitUsage
			}
			if len(data) > maxJSONInput {
				fmt.Fprintf(stderr, "faceid %s: --json from stdin is over the %d-byte limit\n", a.name, maxJSONInput)
				return exitUsage
			}
		}
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(req); err != nil {
			fmt.Fprintf(stderr, "faceid %s: --json: %v\n", a.name, err)
			return exitUsage
		}
	}
	for _, f := range fields {
		if err := f.apply(rv); err != nil {
			fmt.Fprintf(stderr, "faceid %s: %v\n", a.name, err)
			return exitUsage
		}
	}
	for _, m := range mediaFiles {
		if m.set {
			rv.FieldByName(m.field).Set(reflect.ValueOf(m.media))
		}
	}
	creds, err := transport.DefaultCredentialsFrom(lookup)
	if err != nil {
		fmt.Fprintf(stderr, "faceid %s: %v\n", a.name, err)
		return exitUsage
	}
	client, err := faceid.NewClient(faceid.Config{
		Credentials: creds, Region: *region, Endpoint: *endpoint,
		SignatureMethod: *sigMethod, Language: *language,
	})
	if err != nil {
		fmt.Fprintf(stderr, "faceid %s: %v\n", a.name, err)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	resp, err := a.call(ctx, client, req)
	if resp != nil && !reflect.ValueOf(resp).IsZero() {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(resp)
	}
	if err != nil {
		fmt.Fprintln(stderr, oneLine(err.Error()))
		return exitCode(err)
	}
	return exitOK
}

// exitCode is exitAPI for answers from the API (errors, failed
// verifications, undecodable answers, network failures) and exitUsage for
// requests refused before sending (validation, media, size).
func exitCode(err error) int {
	var (
		ae *transport.APIError
		he *transport.HTTPError
		ne *transport.NetworkError
		ve *faceid.VerificationError
		we *answerError
	)
	if errors.As(err, &ae) || errors.As(err, &he) || errors.As(err, &ne) || errors.As(err, &ve) || errors.As(err, &we) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return exitAPI
	}
	return exitUsage
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

func exampleFor(name string) string {
	switch name {
	case "DetectAuth":
		return `faceid DetectAuth --RuleId 1 --IdCard 11010119900101001X --Name 张三`
	case "GetDetectInfo":
		return `faceid GetDetectInfo --RuleId 1 --BizToken <token from DetectAuth> --InfoType 1`
	case "LivenessCompare":
		return `faceid LivenessCompare --LivenessType SILENT --image-file face.jpg --video-file clip.mp4`
	case "LivenessRecognition":
		return `faceid LivenessRecognition --LivenessType SILENT --IdCard 11010119900101001X --Name 张三 --video-file clip.mp4`
	case "ImageRecognition":
		return `faceid ImageRecognition --IdCard 11010119900101001X --Name 张三 --image-file face.jpg`
	}
	return "faceid " + name
}

// mediaFileFlag reads a file into a Media value.
type mediaFileFlag struct {
	field string
	media faceid.Media
	set   bool
}

func (m *mediaFileFlag) String() string { return "" }

func (m *mediaFileFlag) Set(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	m.media, err = faceid.MediaReader(f)
	m.set = err == nil
	return err
}

// fieldFlag is one --FieldName flag for a top-level request field of a
// simple type; nested objects go through --json.
type fieldFlag struct {
	name  string
	index int
	typ   reflect.Type
	value string
	set   bool
}

func (f *fieldFlag) String() string { return "" }
func (f *fieldFlag) Set(s string) error {
	f.value, f.set = s, true
	return nil
}

// addFieldFlags defines a flag named after each settable JSON field of req.
func addFieldFlags(fs *flag.FlagSet, req any) []*fieldFlag {
	t := reflect.TypeOf(req).Elem()
	var out []*fieldFlag
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		base := sf.Type
		if base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		var what string
		switch {
		case sf.Type == reflect.TypeOf(faceid.Media{}):
			what = "base64 string (a data: prefix and line breaks are removed)"
		case base.Kind() == reflect.String:
			what = "string"
		case base.Kind() == reflect.Bool:
			what = "true or false"
		case base.Kind() >= reflect.Int && base.Kind() <= reflect.Uint64 || base.Kind() == reflect.Float64:
			what = "number"
		case base.Kind() == reflect.Slice && base.Elem().Kind() == reflect.String:
			what = "comma-separated list"
		default:
			continue // nested objects: use --json
		}
		f := &fieldFlag{name: name, index: i, typ: sf.Type}
		fs.Var(f, name, sf.Name+" ("+what+")")
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// apply stores the flag's value into the request field.
func (f *fieldFlag) apply(req reflect.Value) error {
	if !f.set {
		return nil
	}
	field := req.Field(f.index)
	if f.typ == reflect.TypeOf(faceid.Media{}) {
		m, err := faceid.MediaBase64(f.value)
		if err != nil {
			return fmt.Errorf("--%s: %w", f.name, err)
		}
		field.Set(reflect.ValueOf(m))
		return nil
	}
	base := f.typ
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	v := reflect.New(base).Elem()
	var err error
	switch base.Kind() {
	case reflect.String:
		v.SetString(f.value)
	case reflect.Bool:
		var b bool
		b, err = strconv.ParseBool(f.value)
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		var n int64
		n, err = strconv.ParseInt(f.value, 10, 64)
		v.SetInt(n)
	case reflect.Uint, reflect.Uint64:
		var n uint64
		n, err = strconv.ParseUint(f.value, 10, 64)
		v.SetUint(n)
	case reflect.Float64:
		var x float64
		x, err = strconv.ParseFloat(f.value, 64)
		v.SetFloat(x)
	case reflect.Slice:
		v = reflect.ValueOf(strings.Split(f.value, ","))
	}
	if err != nil {
		return fmt.Errorf("--%s %q: want a %s", f.name, f.value, base.Kind())
	}
	if f.typ.Kind() == reflect.Pointer {
		p := reflect.New(base)
		p.Elem().Set(v)
		v = p
	}
	field.Set(v)
	return nil
}
