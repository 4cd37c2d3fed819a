package faceid

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The stand-in's copy of Tencent's API metadata (see faceidtest/schema.README.md).
var schemaPath = filepath.Join("faceidtest", "schema.json")

type testSchema struct {
	Actions map[string]struct {
		Request, Response, Docs, Flow, ResultPattern string
		Billable                                     *bool `json:"billable"`
		RetrySafe                                    bool  `json:"retry_safe"`
		Deprecated                                   bool  `json:"deprecated"`
	} `json:"actions"`
	Objects map[string]struct {
		Members []struct {
			Name, Type, Member string
			Required           *bool `json:"required"`
		} `json:"members"`
	} `json:"objects"`
}

func loadSchema(t *testing.T) *testSchema {
	t.Helper()
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s testSchema
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	// json's default field matching is case-insensitive; result_pattern needs its tag.
	var raw struct {
		Actions map[string]struct {
			ResultPattern string `json:"result_pattern"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	for n, a := range s.Actions {
		a.ResultPattern = raw.Actions[n].ResultPattern
		s.Actions[n] = a
	}
	return &s
}

// wireTypes are our types whose JSON form is not their Go kind.
var wireTypes = map[reflect.Type]string{
	reflect.TypeOf(Media{}):            "string", // base64 text
	reflect.TypeOf(LivenessOptional{}): "string", // a JSON object inside a string
	reflect.TypeOf(IdCardWarnConfig{}): "string", // a JSON object inside a string
}

// schemaExceptions are the documented places where our structs deliberately differ from the
// metadata, keyed "Object.Member", with the reason.
var schemaExceptions = map[string]string{
	// Encryption is shared by requests that encrypt fields (all three required) and by
	// GetDetectInfoEnhanced, whose page says only Algorithm is needed; Validate requires them
	// where they are needed (validator.encryption).
	"Encryption.EncryptList":    "optional in Go: required only when encrypting request fields",
	"Encryption.CiphertextBlob": "optional in Go: required only when encrypting request fields",
	"Encryption.Iv":             "optional in Go: required only when encrypting request fields",
	// ImageRecognitionV2-style one-of members are optional in the metadata; none here yet.
}

// schemaMismatches compares Go type t with schema object name, recursively, and returns one
// line per mismatch, naming the member's path. input says whether t is sent (request side:
// required flags are compared) or received.
func schemaMismatches(s *testSchema, name string, t reflect.Type, path string, input bool, seen map[string]bool) []string {
	var out []string
	obj, ok := s.Objects[name]
	if !ok {
		return []string{path + ": schema has no object " + name}
	}
	key := name + "/" + t.String()
	if seen[key] {
		return nil
	}
	seen[key] = true
	goFields := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		jn, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if jn == "-" {
			continue
		}
		if jn == "" {
			jn = sf.Name
		}
		goFields[jn] = sf
	}
	for _, m := range obj.Members {
		p := join(path, m.Name)
		sf, ok := goFields[m.Name]
		if !ok {
			out = append(out, p+": missing in "+t.Name())
			continue
		}
		delete(goFields, m.Name)
		ft := sf.Type
		isPtr := ft.Kind() == reflect.Pointer
		if isPtr {
			ft = ft.Elem()
		}
		_, opts, _ := strings.Cut(sf.Tag.Get("json"), ",")
		omit := strings.Contains(","+opts+",", ",omitempty,")
		if input && m.Required != nil && schemaExceptions[name+"."+m.Name] == "" {
			goRequired := !isPtr && !omit
			if ft.Kind() == reflect.Slice {
				goRequired = !omit
			}
			if goRequired != *m.Required {
				out = append(out, p+": required in the schema is "+boolText(*m.Required)+", in Go "+boolText(goRequired)+" (required: a plain value without omitempty; optional: a pointer, or omitempty)")
			}
		}
		out = append(out, typeMismatches(s, m.Type, m.Member, ft, p, input, seen)...)
	}
	var extra []string
	for jn := range goFields {
		extra = append(extra, join(path, jn)+": in "+t.Name()+" but not in the schema")
	}
	sort.Strings(extra)
	return append(out, extra...)
}

func typeMismatches(s *testSchema, typ, member string, ft reflect.Type, p string, input bool, seen map[string]bool) []string {
	got := wireKind(ft)
	switch typ {
	case "list":
		if ft.Kind() != reflect.Slice {
			return []string{p + ": a list in the schema, " + got + " in Go"}
		}
		et := ft.Elem()
		if et.Kind() == reflect.Pointer {
			et = et.Elem()
		}
		elemType := map[string]string{"string": "string", "date": "string", "int64": "int", "uint64": "int", "float": "float", "bool": "bool"}[member]
		if elemType == "" {
			elemType = "object"
		}
		return typeMismatches(s, elemType, member, et, p+"[]", input, seen)
	case "object":
		if got != "object" {
			return []string{p + ": an object (" + member + ") in the schema, " + got + " in Go"}
		}
		return schemaMismatches(s, member, ft, p, input, seen)
	case "int":
		if got != "int" {
			return []string{p + ": an integer in the schema, " + got + " in Go"}
		}
		if member == "uint64" && ft.Kind() < reflect.Uint || member == "int64" && ft.Kind() >= reflect.Uint {
			return []string{p + ": " + member + " in the schema, " + ft.Kind().String() + " in Go"}
		}
	default:
		if got != typ {
			return []string{p + ": a " + typ + " in the schema, " + got + " in Go"}
		}
	}
	return nil
}

// wireKind is the JSON type of a Go type, in the schema's words.
func wireKind(t reflect.Type) string {
	if w, ok := wireTypes[t]; ok {
		return w
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Slice:
		return "list"
	case reflect.Struct:
		return "object"
	}
	return t.Kind().String()
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// TestStructsMatchSchema holds every action's hand-written request and response struct
// against Tencent's metadata, recursively through nested types: a missing member, an extra
// one, a wrong JSON type or a required/optional mismatch (requests) fails with the member's
// path. It iterates the action table, so a new row is covered without editing this test.
func TestStructsMatchSchema(t *testing.T) {
	s := loadSchema(t)
	for _, a := range Actions() {
		t.Run(a.Name, func(t *testing.T) {
			sa, ok := s.Actions[a.Name]
			if !ok {
				t.Fatalf("%s is not an action of the schema", a.Name)
			}
			req := reflect.TypeOf(a.NewRequest()).Elem()
			resp := reflect.TypeOf(a.NewResponse()).Elem()
			var bad []string
			bad = append(bad, schemaMismatches(s, sa.Request, req, "", true, map[string]bool{})...)
			bad = append(bad, schemaMismatches(s, sa.Response, resp, "", false, map[string]bool{})...)
			for _, b := range bad {
				t.Error(b)
			}
		})
	}
}

// TestTableMatchesSchema: each row's billing, flow, family, doc URL and deprecation agree with
// the metadata, so the table cannot drift from Tencent's pages.
func TestTableMatchesSchema(t *testing.T) {
	s := loadSchema(t)
	// P3 (the SDK flow's numeric Result) and P5 (NFC's ResultCode) are numeric code tables
	// with billed and not-billed codes: the P2 mechanism.
	families := map[string]Family{"none": FamilyNone, "P1": FamilyP1, "P2": FamilyP2, "P3": FamilyP2, "P5": FamilyP2, "P6": FamilyLevel, "P4": FamilyFlow}
	for _, a := range Actions() {
		sa := s.Actions[a.Name]
		if a.Billable != !sa.RetrySafe {
			t.Errorf("%s: Billable %v, but the schema says retry_safe %v", a.Name, a.Billable, sa.RetrySafe)
		}
		if string(a.Flow) != sa.Flow {
			t.Errorf("%s: Flow %q, schema %q", a.Name, a.Flow, sa.Flow)
		}
		if f, ok := families[sa.ResultPattern]; !ok || f != a.Family {
			t.Errorf("%s: Family %v, schema pattern %q", a.Name, a.Family, sa.ResultPattern)
		}
		if a.DocURL != sa.Docs || !strings.HasPrefix(a.DocURL, "https://cloud.tencent.com/document/api/1007/") {
			t.Errorf("%s: DocURL %q, schema %q", a.Name, a.DocURL, sa.Docs)
		}
		if (a.Deprecated != "") != sa.Deprecated {
			t.Errorf("%s: Deprecated %q, schema %v", a.Name, a.Deprecated, sa.Deprecated)
		}
		if a.Summary == "" {
			t.Errorf("%s: no Summary", a.Name)
		}
		if a.NewRequest().Action() != a.Name {
			t.Errorf("%s: NewRequest().Action() = %q", a.Name, a.NewRequest().Action())
		}
	}
}

// TestSchemaMismatchesFindsDefects feeds the comparison structs with each kind of defect, so
// TestStructsMatchSchema cannot pass by finding nothing.
func TestSchemaMismatchesFindsDefects(t *testing.T) {
	s := loadSchema(t)
	type nested struct {
		Algorithm int `json:"Algorithm,omitempty"` // wrong type
		Iv        string
	}
	type missing struct { // GetDetectInfoRequest without InfoType, with an extra member
		BizToken string  `json:"BizToken"`
		RuleId   *string `json:"RuleId,omitempty"` // required in the schema
		Extra    string  `json:"Extra"`
	}
	type deep struct { // GetDetectInfoEnhancedRequest's Encryption with defects
		BizToken   string  `json:"BizToken"`
		RuleId     string  `json:"RuleId"`
		InfoType   *string `json:"InfoType,omitempty"`
		Encryption *nested `json:"Encryption,omitempty"`
	}
	got := strings.Join(schemaMismatches(s, "GetDetectInfoRequest", reflect.TypeOf(missing{}), "", true, map[string]bool{}), "\n")
	for _, want := range []string{"RuleId: required in the schema is true, in Go false", "InfoType: missing", "Extra: in missing but not in the schema"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	got = strings.Join(schemaMismatches(s, "GetDetectInfoEnhancedRequest", reflect.TypeOf(deep{}), "", true, map[string]bool{}), "\n")
	for _, want := range []string{"Encryption.Algorithm: a string in the schema, int in Go", "Encryption.EncryptList: missing", "BestFramesCount: missing"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// schemaResult is an action's "result" in schema.json.
type schemaResult struct {
	Success []any `json:"success"`
	Enum    []any `json:"enum"`
	Codes   []struct {
		Code   string `json:"code"`
		Billed bool   `json:"billed"`
	} `json:"codes"`
	// P3 (GetFaceIdResult) lists its codes by billing instead of in Codes.
	BilledCodes    []string `json:"billed_codes"`
	NotBilledCodes []string `json:"not_billed_codes"`
}

func loadResults(t *testing.T) map[string]*schemaResult {
	t.Helper()
	b, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Actions map[string]struct {
			Result *schemaResult `json:"result"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]*schemaResult{}
	for n, a := range raw.Actions {
		if r := a.Result; r != nil && len(r.Codes) == 0 {
			for _, list := range []struct {
				codes  []string
				billed bool
			}{{r.BilledCodes, true}, {r.NotBilledCodes, false}} {
				for _, c := range list.codes {
					r.Codes = append(r.Codes, struct {
						Code   string `json:"code"`
						Billed bool   `json:"billed"`
					}{c, list.billed})
				}
			}
		}
		out[n] = a.Result
	}
	return out
}

// resultMismatches compares a row's result table with the schema's.
func resultMismatches(a Action, r *schemaResult) []string {
	var bad []string
	success := map[string]bool{}
	if r != nil {
		for _, s := range r.Success {
			success[fmt.Sprint(s)] = true
		}
	}
	switch a.Family {
	case FamilyP2:
		if a.Results == nil || r == nil {
			return []string{a.Name + ": a P2 row needs Results (and the schema a code table)"}
		}
		if len(a.Results.Codes()) != len(r.Codes) {
			bad = append(bad, fmt.Sprintf("%s: %d codes in Results, %d in the schema", a.Name, len(a.Results.Codes()), len(r.Codes)))
		}
		for _, sc := range r.Codes {
			c, ok := a.Results.Lookup(sc.Code)
			switch {
			case !ok:
				bad = append(bad, fmt.Sprintf("%s: Result %s is not in Results", a.Name, sc.Code))
			case (c.Billed == Billed) != sc.Billed || c.Billed == BilledUnknown:
				bad = append(bad, fmt.Sprintf("%s: Result %s Billed %v, schema billed %v", a.Name, sc.Code, c.Billed, sc.Billed))
			case c.Pass != success[sc.Code]:
				bad = append(bad, fmt.Sprintf("%s: Result %s Pass %v, schema success %v", a.Name, sc.Code, c.Pass, success[sc.Code]))
			case c.Meaning == "":
				bad = append(bad, fmt.Sprintf("%s: Result %s has no Meaning", a.Name, sc.Code))
			case !c.Pass && c.Retry == RetryUnknown:
				bad = append(bad, fmt.Sprintf("%s: Result %s says nothing of retrying", a.Name, sc.Code))
			}
		}
	case FamilyLevel:
		if a.Levels == nil || r == nil {
			return []string{a.Name + ": a level row needs Levels"}
		}
		for _, e := range r.Enum {
			v := fmt.Sprint(e)
			l, ok := a.Levels.Lookup(v)
			if !ok || l.Pass != success[v] {
				bad = append(bad, fmt.Sprintf("%s: level %s: %+v, %v; schema success %v", a.Name, v, l, ok, success[v]))
			}
		}
		if len(a.Levels.levels) != len(r.Enum) {
			bad = append(bad, fmt.Sprintf("%s: %d levels, %d in the schema", a.Name, len(a.Levels.levels), len(r.Enum)))
		}
	default:
		if a.Results != nil || a.Levels != nil {
			bad = append(bad, fmt.Sprintf("%s: family %v with a result table", a.Name, a.Family))
		}
	}
	return bad
}

// TestResultTablesMatchSchema: every P2 row carries a code table with exactly the codes of
// the schema, each with the schema's billing and pass flags and a retry class; every level
// row carries the documented levels, passing exactly the schema's "success" values. New rows
// are covered by iterating the table.
func TestResultTablesMatchSchema(t *testing.T) {
	results := loadResults(t)
	for _, a := range Actions() {
		for _, b := range resultMismatches(a, results[a.Name]) {
			t.Error(b)
		}
	}
}

// TestResultMismatchesFindsDefects: the partial BankCard2EVerification table of the results
// test, and a level table with a wrong pass flag, are reported.
func TestResultMismatchesFindsDefects(t *testing.T) {
	results := loadResults(t)
	got := strings.Join(resultMismatches(Action{Name: "BankCard2EVerification", Family: FamilyP2, Results: testP2}, results["BankCard2EVerification"]), "\n")
	for _, want := range []string{"5 codes in Results, 19 in the schema", "Result -4 is not in Results"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	wrong := newLevelTable("DetectAIFakeFaces", "AttackRiskLevel", Level{Value: "Low", Pass: true}, Level{Value: "Mid"}, Level{Value: "High", Pass: true})
	got = strings.Join(resultMismatches(Action{Name: "DetectAIFakeFaces", Family: FamilyLevel, Levels: wrong}, results["DetectAIFakeFaces"]), "\n")
	for _, want := range []string{"level Mid", "level High"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if got := resultMismatches(Action{Name: "X", Family: FamilyP2}, nil); len(got) != 1 {
		t.Errorf("a P2 row without Results: %v", got)
	}
}
