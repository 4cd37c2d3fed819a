// Command faceid calls the Tencent Cloud FaceID actions from a shell or a
// script, and runs a demo of both integration flows against the local
// stand-in server.
//
//	faceid <action> [flags]     call one action; JSON out on stdout
//	faceid demo                 walk the SaaS and PaaS flows against faceidtest
//
// Credentials come from --secret-id with --secret-key-file (and --token-file),
// or TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and
// TENCENTCLOUD_SECURITY_TOKEN, or ~/.tencentcloud/credentials; never from a
// flag value holding the key.
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
	"unicode"

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

// callAction calls a through the action table and, for the results of a verification flow
// (a fetch that succeeded is not a pass), applies the verdict the typed API leaves to the
// caller: the decoded document's Check (GetDetectInfo) or the response's Check.
func callAction(ctx context.Context, a faceid.Action, c *faceid.Client, req faceid.Request) (any, error) {
	resp, err := a.Call(ctx, c, req)
	if err != nil || a.Family != faceid.FamilyFlow {
		return resp, err
	}
	if d, ok := resp.(interface {
		Decode() (*faceid.DetectInfo, error)
	}); ok {
		decoded, derr := d.Decode()
		if derr != nil {
			// The call succeeded; the answer is what is wrong (exit 1, not 2).
			return resp, &answerError{derr}
		}
		return withDecoded(resp, decoded), decoded.Check()
	}
	if ch, ok := resp.(interface{ Check() error }); ok {
		return resp, ch.Check()
	}
	return resp, nil
}

// withDecoded prints the response's members with the decoded document beside them.
func withDecoded(resp any, decoded *faceid.DetectInfo) any {
	b, err := json.Marshal(resp)
	out := map[string]any{}
	if err != nil || json.Unmarshal(b, &out) != nil {
		return resp
	}
	out["Decoded"] = decoded
	return out
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: faceid <action> [flags]   call one FaceID action (JSON on stdout)")
	fmt.Fprintln(w, "       faceid demo               run both flows against the local stand-in server")
	fmt.Fprintln(w, "\nactions:")
	for _, a := range faceid.Actions() {
		fmt.Fprintf(w, "  %-30s %s\n", a.Name, a.Summary)
	}
	fmt.Fprintln(w, "\n'faceid <action> -h' lists the action's flags, an example and Tencent's page. Scalar")
	fmt.Fprintln(w, "fields are flags (--RuleId 1); nested fields are set with --json '{...}'.")
	fmt.Fprintln(w, "Credentials: --secret-id ID --secret-key-file FILE [--token-file FILE], or TENCENTCLOUD_SECRET_ID,")
	fmt.Fprintln(w, "TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SECURITY_TOKEN), or ~/.tencentcloud/credentials.")
	fmt.Fprintln(w, "A local stand-in: --endpoint http://127.0.0.1:PORT (faceid demo, tc3sign serve).")
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
	for _, a := range faceid.Actions() {
		if strings.EqualFold(args[0], a.Name) {
			return runAction(ctx, a, args[1:], stdin, stdout, stderr, lookup)
		}
	}
	fmt.Fprintf(stderr, "faceid: unknown action %q; run 'faceid help' for the list\n", args[0])
	return exitUsage
}

// runAction parses the flags of one action, calls it and prints the answer.
func runAction(ctx context.Context, a faceid.Action, args []string, stdin io.Reader, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	req := a.NewRequest()
	fs := flag.NewFlagSet("faceid "+a.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var conn connFlags
	conn.register(fs)
	timeout := fs.Duration("timeout", time.Minute, "bound on the whole call, retries included")
	jsonBody := fs.String("json", "", "request as JSON (fields as in the API, e.g. '{\"RuleId\":\"1\"}'); '-' reads stdin; flags override it")
	fields := addFieldFlags(fs, req)
	var mediaFiles []*mediaFileFlag
	rv := reflect.ValueOf(req).Elem()
	for _, field := range a.Media {
		m := &mediaFileFlag{field: field}
		fs.Var(m, mediaFlagName(field), "file read and base64-encoded into "+field)
		mediaFiles = append(mediaFiles, m)
	}
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: faceid %s [flags]\n%s\nTencent's page: %s\n", a.Name, a.Summary, a.DocURL)
		if a.Deprecated != "" {
			fmt.Fprintf(stderr, "deprecated: %s\n", a.Deprecated)
		}
		if a.Billable {
			fmt.Fprintln(stderr, "billable: each call is billed and is not resent after an ambiguous failure")
		}
		fmt.Fprintf(stderr, "\nexample:\n  %s\n", exampleFor(a, req))
		if nested := nestedFields(req); len(nested) > 0 {
			fmt.Fprintf(stderr, "\nnested fields (%s) have no flags: set them with --json, e.g. --json '{\"%s\":...}';\nflags override the --json values.\n", strings.Join(nested, ", "), nested[0])
		}
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "faceid %s: unexpected argument %q (flags only)\n", a.Name, fs.Arg(0))
		return exitUsage
	}
	if *jsonBody != "" {
		data := []byte(*jsonBody)
		if *jsonBody == "-" {
			var err error
			if data, err = io.ReadAll(io.LimitReader(stdin, maxJSONInput+1)); err != nil {
				fmt.Fprintf(stderr, "faceid %s: reading --json from stdin: %v\n", a.Name, err)
				return exitUsage
			}
			if len(data) > maxJSONInput {
				fmt.Fprintf(stderr, "faceid %s: --json from stdin is over the %d-byte limit\n", a.Name, maxJSONInput)
				return exitUsage
			}
		}
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(req); err != nil {
			fmt.Fprintf(stderr, "faceid %s: --json: %v\n", a.Name, err)
			return exitUsage
		}
	}
	for _, f := range fields {
		if err := f.apply(rv); err != nil {
			fmt.Fprintf(stderr, "faceid %s: %v\n", a.Name, err)
			return exitUsage
		}
	}
	for _, m := range mediaFiles {
		if m.set {
			rv.FieldByName(m.field).Set(reflect.ValueOf(m.media))
		}
	}
	if err := conn.check(); err != nil {
		fmt.Fprintf(stderr, "faceid %s: %v\n", a.Name, err)
		return exitUsage
	}
	creds, err := conn.credentials(lookup)
	if err != nil {
		fmt.Fprintf(stderr, "faceid %s: %s\n", a.Name, userError(err))
		return exitUsage
	}
	client, err := faceid.NewClient(faceid.Config{
		Credentials: creds, Region: conn.region, Endpoint: conn.endpoint,
		SignatureMethod: conn.sigMethod, Method: conn.method, Language: conn.language,
	})
	if err != nil {
		fmt.Fprintf(stderr, "faceid %s: %s\n", a.Name, userError(err))
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	resp, err := callAction(ctx, a, client, req)
	if resp != nil && !reflect.ValueOf(resp).IsZero() {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(resp)
	}
	if err != nil {
		fmt.Fprintln(stderr, oneLine(userError(err)))
		if h := hint(err); h != "" {
			fmt.Fprintln(stderr, h)
		}
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

// exampleFor builds the example of an action from its request type: every required field
// with a placeholder, and the media fields as files.
func exampleFor(a faceid.Action, req faceid.Request) string {
	parts := []string{"faceid", a.Name}
	t := reflect.TypeOf(req).Elem()
	media := map[string]bool{}
	for _, m := range a.Media {
		media[m] = true
	}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" || sf.Type.Kind() == reflect.Pointer || strings.Contains(","+opts+",", ",omitempty,") {
			continue // optional
		}
		switch {
		case media[sf.Name]:
			parts = append(parts, "--"+mediaFlagName(sf.Name), "<file>")
		case sf.Type.Kind() == reflect.String:
			parts = append(parts, "--"+name, exampleValue(name))
		}
	}
	for _, m := range a.Media {
		if !containsArg(parts, "--"+mediaFlagName(m)) {
			parts = append(parts, "[--"+mediaFlagName(m), "<file>]")
		}
	}
	return strings.Join(parts, " ")
}

// exampleValue is a placeholder for a required string field.
func exampleValue(field string) string {
	switch field {
	case "IdCard":
		return "11010119900101001X"
	case "Name":
		return "张三"
	case "LivenessType":
		return "SILENT"
	}
	return "<" + field + ">"
}

func containsArg(args []string, a string) bool {
	for _, x := range args {
		if x == a {
			return true
		}
	}
	return false
}

// mediaFlagName is the file flag of a media field: ImageBase64 -> image-file, FaceInput ->
// face-input-file.
func mediaFlagName(field string) string {
	base := strings.TrimSuffix(field, "Base64")
	var b strings.Builder
	for i, r := range base {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String() + "-file"
}

// nestedFields lists the request's fields that have no flag (objects and lists of objects).
func nestedFields(req faceid.Request) []string {
	var out []string
	t := reflect.TypeOf(req).Elem()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		if flagKind(sf.Type) == "" {
			out = append(out, name)
		}
	}
	return out
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

// flagKind describes the flag value of a request field type, "" for the nested ones that
// only --json sets.
func flagKind(t reflect.Type) string {
	base := t
	if base.Kind() == reflect.Pointer {
		base = base.Elem()
	}
	switch {
	case t == reflect.TypeOf(faceid.Media{}):
		return "base64 string (a data: prefix and line breaks are removed)"
	case base.Kind() == reflect.String:
		return "string"
	case base.Kind() == reflect.Bool:
		return "true or false"
	case base.Kind() >= reflect.Int && base.Kind() <= reflect.Uint64 || base.Kind() == reflect.Float64:
		return "number"
	case base.Kind() == reflect.Slice && base.Elem().Kind() == reflect.String:
		return "comma-separated list"
	}
	return ""
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
		what := flagKind(sf.Type)
		if what == "" {
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
