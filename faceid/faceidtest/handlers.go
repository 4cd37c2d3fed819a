package faceidtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Fixture identities. SampleName and SampleIdCard are the person a DetectAuth
// flow reports when DetectAuth was not given Name and IdCard (the ID card was
// "read by OCR"). The other ID numbers make the verification of that person
// fail reproducibly, in ImageRecognition, LivenessRecognition and in the
// GetDetectInfo(Enhanced) result of a DetectAuth flow started with them, with
// HTTP 200 and no Error: the business-result trap.
// Any other well-formed ID number passes with Sim PassSim.
const (
	SampleName   = "张三"
	SampleIdCard = "11010119900101001X"

	// LowSimilarityIdCard fails with FailedOperation.CompareLowSimilarity and Sim LowSim.
	LowSimilarityIdCard = "110101199003070017"
	// LivenessFailIdCard fails the liveness check with Sim 0:
	// FailedOperation.SilentDetectFail (LivenessRecognition, DetectAuth flows)
	// or FailedOperation.LifePhotoDetectFake (ImageRecognition, which has no video).
	LivenessFailIdCard = "110101199003070025"
	// NameMismatchIdCard fails with FailedOperation.IdNameMisMatch and Sim 0.
	NameMismatchIdCard = "110101199003070033"
)

// Similarities the stand-in answers.
const (
	PassSim = 89.88 // a passing Sim (the documentation suggests >= 70 as the same person)
	LowSim  = 26.04 // the Sim of FailedOperation.CompareLowSimilarity
)

// call is one validated API call.
type call struct {
	h      *Handler
	r      *http.Request
	now    time.Time
	p      params
	action string
}

// handler answers one validated call: the response members besides RequestId, or an error.
type handler func(c *call) (map[string]any, *apiError)

// handlers are the actions the stand-in answers. Each flow file registers its actions in its
// init function with register; an action of schema.json without a handler is validated and
// then refused with InvalidAction.
var handlers = map[string]handler{}

// register adds the handler of an action of schema.json; it panics on an unknown action or a
// second handler.
func register(action string, h handler) {
	if _, ok := schema.Actions[action]; !ok {
		panic("faceidtest: register: " + action + " is not an action of schema.json")
	}
	if handlers[action] != nil {
		panic("faceidtest: register: " + action + " is registered twice")
	}
	handlers[action] = h
}

func (c *call) run() (map[string]any, *apiError) {
	h := handlers[c.action]
	if h == nil {
		return nil, newError("InvalidAction", "%s is a faceid %s action, but the faceidtest stand-in does not implement it yet (it implements %s)", c.action, Version, strings.Join(implemented(), ", "))
	}
	return h(c)
}

// implemented lists the actions with a handler, sorted.
func implemented() []string {
	out := make([]string, 0, len(handlers))
	for a := range handlers {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// encryptedFields checks the Encryption object of a request whose page lets the caller encrypt
// the members allowed (Name and IdCard when none are given), decrypts the members it encrypts
// when the stand-in holds the key (encryption.go), and returns the names of those it could not
// decrypt (SM4-GCM). Tencent answers InvalidParameter.UnsupportEncryptField for a member the
// page does not list.
func (c *call) encryptedFields(allowed ...string) (map[string]bool, *apiError) {
	enc := c.p.obj("Encryption")
	if enc == nil {
		return nil, nil
	}
	if len(allowed) == 0 {
		allowed = []string{"Name", "IdCard"}
	}
	out, err := c.encryptList("Encryption.EncryptList", enc.list("EncryptList"), allowed)
	if err != nil {
		return nil, err
	}
	if err := checkAlgorithm(enc.str("Algorithm")); err != nil {
		return nil, err
	}
	// Decrypted members are checked as plaintext by the handler; those left are still
	// ciphertext.
	if err := c.decryptFields(out); err != nil {
		return nil, err
	}
	return out, nil
}

// encryptList returns the names of an EncryptList (at path, for the error text), refusing a
// name not in allowed as Tencent does.
func (c *call) encryptList(path string, list []any, allowed []string) (map[string]bool, *apiError) {
	out := map[string]bool{}
	for i, e := range list {
		name, _ := e.(string)
		if !contains(allowed, name) {
			return nil, newError("InvalidParameter.UnsupportEncryptField", "`%s.%d` is %q: %s encrypts only %s", path, i, name, c.action, andList(allowed))
		}
		out[name] = true
	}
	return out, nil
}

// andList joins names as "A", "A and B", "A, B and C".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func checkAlgorithm(alg string) *apiError {
	switch alg {
	case "", "AES-256-CBC", "SM4-GCM":
		return nil
	}
	return newError("InvalidParameterValue", "`Encryption.Algorithm` %q must be AES-256-CBC or SM4-GCM", alg)
}

var (
	idCard18 = regexp.MustCompile(`^[0-9]{17}[0-9X]$`)
	idCard15 = regexp.MustCompile(`^[0-9]{15}$`)
)

// mobile11 is the shape of a mainland mobile number: 11 digits, the first a 1.
var mobile11 = regexp.MustCompile(`^1[0-9]{10}$`)

// badPersonName reports a name the authority and the carriers call invalid: empty, white
// space at either end, or digits (the schema check already refused control characters).
func badPersonName(v string) bool {
	return v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "0123456789")
}

// checkIdCard checks a resident ID number; code answers a malformed one.
func checkIdCard(v, code string) *apiError {
	if strings.Contains(v, "x") {
		return newError(code, "`IdCard` %q has a lower-case x: a letter in an ID number must be upper-case X", v)
	}
	if strings.TrimSpace(v) != v {
		return newError(code, "`IdCard` %q has leading or trailing white space", v)
	}
	if code == "InvalidParameterValue" { // DetectAuth: other kinds of ID are allowed
		return nil
	}
	if !idCard18.MatchString(v) && !idCard15.MatchString(v) {
		return newError(code, "`IdCard` %q is not a resident ID number: 18 characters, 17 digits then a digit or X", v)
	}
	return nil
}

// textResult is the result part of a DetectInfo Text.
type textResult struct {
	errCode                   int64
	errMsg                    string
	liveStatus                *int64
	liveMsg                   *string
	compareStatus             *int64
	compareMsg                *string
	sim                       string
	livenessFail, compareFail bool
}

// failErrCode is the non-zero Text.ErrCode / LiveStatus / Comparestatus of a
// failed flow. Tencent documents only that 0 is success.
const failErrCode = 1

func outcomeText(result string) textResult {
	ok := "成功"
	zero := int64(0)
	one := int64(failErrCode)
	if result == "Success" {
		return textResult{errMsg: ok, liveStatus: &zero, liveMsg: &ok, compareStatus: &zero, compareMsg: &ok, sim: fmt.Sprintf("%.2f", PassSim)}
	}
	sim, desc := resultDetail(result)
	t := textResult{errCode: failErrCode, errMsg: desc, sim: fmt.Sprintf("%.2f", sim)}
	if isLivenessFailure(result) {
		t.liveStatus, t.liveMsg, t.livenessFail = &one, &desc, true
	} else {
		t.liveStatus, t.liveMsg = &zero, &ok
		t.compareStatus, t.compareMsg, t.compareFail = &one, &desc, true
	}
	return t
}

func isLivenessFailure(result string) bool {
	for _, p := range []string{"FailedOperation.Silent", "FailedOperation.Livess", "FailedOperation.Lip", "FailedOperation.Action"} {
		if strings.HasPrefix(result, p) {
			return true
		}
	}
	return false
}

// resultDetail is the Sim and Description answered with a Result.
func resultDetail(result string) (float64, string) {
	switch result {
	case "Success":
		return PassSim, "成功"
	case "FailedOperation.CompareLowSimilarity":
		return LowSim, strings.TrimSuffix(description(result), "。")
	}
	desc := strings.TrimSuffix(description(result), "。")
	if desc == "" {
		desc = "result set by faceidtest.SetResult"
	}
	return 0, desc
}

// schemaResult is the "result" of an action in schema.json: the P1 codes, the P2 code table or
// the levels.
type schemaResult struct {
	Field        string   `json:"field"`
	FailureCodes []string `json:"failure_codes"`
	ExtraCodes   []string `json:"extra_codes"` // results a page documents beyond the error list
	Codes        []struct {
		Code   string `json:"code"`
		Billed bool   `json:"billed"`
		Label  string `json:"label"`
		Class  string `json:"class"`
	} `json:"codes"`
	Enum    []any    `json:"enum"` // strings, or numbers (GetFaceIdRiskInfo's levels)
	Success []string `json:"success"`
	// BilledCodes and NotBilledCodes are the codes of a P3 result (GetFaceIdResult).
	BilledCodes    []string `json:"billed_codes"`
	NotBilledCodes []string `json:"not_billed_codes"`
}

// resultOf returns the action's documented result, nil when it has none.
func resultOf(action string) *schemaResult {
	a, ok := schema.Actions[action]
	if !ok || len(a.Result) == 0 || string(a.Result) == "null" {
		return nil
	}
	var r schemaResult
	if err := json.Unmarshal(a.Result, &r); err != nil {
		panic("faceidtest: schema.json: " + action + ".result: " + err.Error())
	}
	return &r
}

// documentedResult returns "" when value is a documented result of action, else why not.
func documentedResult(action, value string) string {
	a := schema.Actions[action]
	r := resultOf(action)
	if r == nil || a.ResultPattern == "none" {
		return action + " has no business result"
	}
	switch a.ResultPattern {
	case "P1", "P4":
		if value == "Success" || faceidCodes[value] != "" {
			return ""
		}
		for _, c := range append(r.FailureCodes, r.ExtraCodes...) {
			if c == value {
				return ""
			}
		}
		return fmt.Sprintf("%q is not \"Success\" or a FailedOperation.* code of %s", value, action)
	case "P2":
		for _, c := range r.Codes {
			if c.Code == value {
				return ""
			}
		}
		return fmt.Sprintf("%q is not a Result code of %s's table", value, action)
	default:
		for _, e := range r.Enum {
			if fmt.Sprint(e) == value {
				return ""
			}
		}
		for _, c := range r.Codes {
			if c.Code == value {
				return ""
			}
		}
		for _, c := range append(append([]string(nil), r.BilledCodes...), r.NotBilledCodes...) {
			if c == value {
				return ""
			}
		}
		return fmt.Sprintf("%q is not a documented %s value of %s", value, r.Field, action)
	}
}

// forced returns the result forced by SetResult for this call's action, or def.
func (c *call) forced(def string) string {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	if r := c.h.results[c.action]; r != "" {
		return r
	}
	return def
}

// codeAnswer is the answer of a numeric-Result (P2) action: Result is code unless SetResult
// forced another, and Description the code's documented meaning.
func (c *call) codeAnswer(code string) map[string]any {
	code = c.forced(code)
	desc := ""
	if r := resultOf(c.action); r != nil {
		for _, row := range r.Codes {
			if row.Code == code {
				desc = row.Label
			}
		}
	}
	return map[string]any{"Result": code, "Description": desc}
}

// checkAnswer holds a handler's answer against the action's response object in schema.json:
// every member documented, of its documented JSON type. A mismatch is the stand-in's bug and
// answers InternalError, so any test that reaches it fails.
func checkAnswer(action string, fields map[string]any) *apiError {
	b, err := json.Marshal(fields)
	if err != nil {
		return newError("InternalError", "faceidtest: %s answer does not encode: %v", action, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		return newError("InternalError", "faceidtest: %s answer does not decode: %v", action, err)
	}
	return checkAnswerObject(action, schema.Actions[action].Response, v, "")
}

func checkAnswerObject(action, object string, m map[string]any, path string) *apiError {
	o := schema.Objects[object]
	for k, v := range m {
		var mem *schemaMember
		for i := range o.Members {
			if o.Members[i].Name == k {
				mem = &o.Members[i]
			}
		}
		p := join(path, k)
		if mem == nil {
			return newError("InternalError", "faceidtest: the %s answer has `%s`, which %s does not document", action, p, object)
		}
		if v == nil {
			continue
		}
		if e := checkAnswerValue(action, mem.Type, mem.Member, v, p); e != nil {
			return e
		}
	}
	return nil
}

func checkAnswerValue(action, typ, member string, v any, path string) *apiError {
	bad := func() *apiError {
		return newError("InternalError", "faceidtest: the %s answer's `%s` is %s, not the documented %s", action, path, jsonTypeName(v), typ)
	}
	switch typ {
	case "string":
		if _, ok := v.(string); !ok {
			return bad()
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			return bad()
		}
	case "int", "float":
		if _, ok := v.(json.Number); !ok {
			return bad()
		}
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		return checkAnswerObject(action, member, m, path)
	case "list":
		a, ok := v.([]any)
		if !ok {
			return bad()
		}
		et := map[string]string{"string": "string", "date": "string", "int64": "int", "uint64": "int", "float": "float", "bool": "bool"}[member]
		if et == "" {
			et = "object"
		}
		for i, e := range a {
			if e == nil {
				continue
			}
			if err := checkAnswerValue(action, et, member, e, path+"."+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	}
	return nil
}
