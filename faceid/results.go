package faceid

import (
	"fmt"
	"sort"
	"strings"
)

// The result families: how an action says "HTTP 200, but the person or the elements did not
// pass". Each family has one check here, and every check gives the same error type,
// *VerificationError, so that a caller branches on one thing. See Family.

// Billing says whether an answer was billed.
type Billing int

const (
	// BilledUnknown: the documentation does not say for this answer.
	BilledUnknown Billing = iota
	// Billed: the answer is a billed verification result.
	Billed
	// NotBilled: the answer is documented as not billed.
	NotBilled
)

// String returns "unknown", "billed" or "not billed".
func (b Billing) String() string {
	switch b {
	case Billed:
		return "billed"
	case NotBilled:
		return "not billed"
	}
	return "unknown"
}

// VerificationError reports a verification the person or the elements did not pass although
// the API call itself succeeded (HTTP 200, no Error object). Use errors.As to get it; the
// response that carried it is returned alongside.
type VerificationError struct {
	Action string // e.g. "LivenessCompare"
	// Family is how the action reports its result (FamilyP1, FamilyP2, FamilyLevel,
	// FamilyFlow).
	Family Family
	// Result is the raw business result: a FailedOperation.* code (P1), a numeric code such
	// as "-1" (P2), a level such as "High" (Level), "ErrCode <n>" for the DetectAuth-flow
	// results. Empty when the response carried none.
	Result      string
	Description string // Tencent's text for the result
	// Meaning is what Result means for this action, from the action's documented code
	// table; empty when the table does not list Result (or the family has no table).
	Meaning string
	// Billed says whether this answer was billed, where Tencent's pages say so.
	Billed Billing
	// Retry says whether calling again can help: RetryNever (the same answer comes back, or
	// the input is wrong), RetryBackoff (a passing failure on Tencent's side; a retry is a new
	// billable call), RetryLater (a limit that resets, e.g. the next day: not automatically).
	// RetryUnknown when neither the table nor the code classification knows.
	Retry     RetryClass
	RequestId string  // quote it to Tencent support
	Sim       float64 // similarity 0–100 (P1 and flow results), 0 when not reported
	// NoVerdict reports an answer that carries no verdict at all (a flow result without its
	// Text section or with a null ErrCode, a missing intention section): the person neither
	// passed nor failed yet. It is still an error, since only a reported pass is a pass.
	NoVerdict bool
}

func (e *VerificationError) Error() string {
	var b strings.Builder
	b.WriteString("faceid: ")
	b.WriteString(e.Action)
	switch {
	case e.NoVerdict:
		b.WriteString(": no verdict: ")
		b.WriteString(e.Description)
		if e.RequestId != "" {
			b.WriteString("; RequestId ")
			b.WriteString(e.RequestId)
		}
		return b.String()
	case actionIndex[e.Action] != nil && actionIndex[e.Action].Flow == FlowElements:
		// Element checks verify data (ID, phone, bank card); the other flows verify a person.
		b.WriteString(": the elements did not pass verification: ")
	default:
		b.WriteString(": the person did not pass verification: ")
	}
	switch {
	case e.Result == "" && e.Description != "":
		b.WriteString(e.Description)
	case e.Result == "" && (e.Family == FamilyP2 || e.Family == FamilyLevel):
		b.WriteString("the response carried no result value")
	case e.Result == "":
		b.WriteString(`the response carried no Result, which is not "Success"`)
	default:
		fmt.Fprintf(&b, "Result %s", e.Result)
		if e.Description != "" {
			fmt.Fprintf(&b, " (%s)", e.Description)
		}
	}
	if e.Meaning != "" {
		b.WriteString(": ")
		b.WriteString(e.Meaning)
	} else if e.Family == FamilyP2 || e.Family == FamilyLevel {
		b.WriteString(": not a value Tencent documents for this action")
	}
	if e.Billed != BilledUnknown {
		b.WriteString("; ")
		b.WriteString(e.Billed.String())
	}
	switch e.retry() {
	case RetryBackoff:
		b.WriteString("; the verification did not complete on Tencent's side and may be retried (billable)")
	case RetryLater:
		b.WriteString("; a limit was reached: retry later (the next day), not automatically")
	case RetryNever:
		if e.Family == FamilyP2 || e.Family == FamilyLevel {
			b.WriteString("; retrying gives the same answer")
		}
	}
	if e.Family != FamilyP2 && e.Family != FamilyLevel {
		fmt.Fprintf(&b, "; Sim %g", e.Sim)
	}
	if e.RequestId != "" {
		b.WriteString("; RequestId ")
		b.WriteString(e.RequestId)
	}
	return b.String()
}

// retry is Retry, or for codes without a table the FaceID code classification.
func (e *VerificationError) retry() RetryClass {
	if e.Retry != RetryUnknown {
		return e.Retry
	}
	return CodeRetryClass(e.Result)
}

// Retryable reports whether Result is a passing service-side failure worth retrying with
// backoff, as opposed to a verdict on the person, their media or their data. A retry is a new
// billable verification.
func (e *VerificationError) Retryable() bool { return e.retry() == RetryBackoff }

// ---------------------------------------------------------------------------------------------
// P1: Result "Success" or a FailedOperation.* code.

// ResultSuccess is the only Result value of the P1 actions (ImageRecognition, LivenessCompare,
// LivenessRecognition and the like) that means the person passed.
const ResultSuccess = "Success"

// checkResult is the verdict of the P1 actions: only "Success" passes. Any other Result, an
// empty one included, gives a *VerificationError.
func checkResult(action, result, description, requestID string, sim *float64) error {
	if result == ResultSuccess {
		return nil
	}
	e := &VerificationError{Action: action, Result: result, Description: description, RequestId: requestID}
	if sim != nil {
		e.Sim = *sim
	}
	return e
}

// ---------------------------------------------------------------------------------------------
// P2: numeric Result codes, a table per action.

// ResultCode is one documented Result value of a P2 action: what it means for that action,
// whether it is a pass, whether it was billed and whether retrying can help.
type ResultCode struct {
	Code    string // the Result value, e.g. "0" or "-4"
	Meaning string // what it means for this action, in English
	Pass    bool   // the elements were verified
	Billed  Billing
	Retry   RetryClass // for non-passing codes: RetryNever, RetryBackoff or RetryLater
}

// ResultTable is the documented Result codes of one P2 action, from the action's Tencent page.
type ResultTable struct {
	action string
	codes  map[string]ResultCode
}

// newResultTable builds an action's table; it panics on a duplicate code (a typo in the
// table, caught by any test).
func newResultTable(action string, codes ...ResultCode) *ResultTable {
	t := &ResultTable{action: action, codes: make(map[string]ResultCode, len(codes))}
	for _, c := range codes {
		if _, dup := t.codes[c.Code]; dup {
			panic("faceid: " + action + ": Result code " + c.Code + " is in the table twice")
		}
		t.codes[c.Code] = c
	}
	return t
}

// Lookup returns the row of code.
func (t *ResultTable) Lookup(code string) (ResultCode, bool) {
	c, ok := t.codes[code]
	return c, ok
}

// Codes returns every row, sorted by code.
func (t *ResultTable) Codes() []ResultCode {
	out := make([]ResultCode, 0, len(t.codes))
	for _, c := range t.codes {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// check is the verdict of a P2 action: nil only for a documented passing code. A code the
// table does not list is not a pass either (billing and retry then unknown).
func (t *ResultTable) check(result, description, requestID string) error {
	c, ok := t.codes[result]
	if ok && c.Pass {
		return nil
	}
	e := &VerificationError{Action: t.action, Family: FamilyP2, Result: result, Description: description, RequestId: requestID}
	if ok {
		e.Meaning, e.Billed, e.Retry = c.Meaning, c.Billed, c.Retry
		if e.Retry == RetryUnknown {
			e.Retry = RetryNever
		}
	}
	return e
}

// ---------------------------------------------------------------------------------------------
// Level: an enumeration or a level answer.

// Level is one documented value of a level or enumeration answer.
type Level struct {
	Value   string // e.g. "High"
	Meaning string
	Pass    bool // false: the action's method returns a *VerificationError for it
	// Accepted marks a value that is not a pass but not a failure either: the check returns
	// nil and the typed value is the answer the caller acts on (a flow still running, such as
	// CheckEidTokenStatus "doing"; a reading Tencent gives no verdict for). Pass and Accepted
	// are never both set.
	Accepted bool
}

// LevelTable is the documented values of one action's level answer.
type LevelTable struct {
	action, field string
	levels        map[string]Level
}

// newLevelTable builds an action's level table; it panics on a duplicate value.
func newLevelTable(action, field string, levels ...Level) *LevelTable {
	t := &LevelTable{action: action, field: field, levels: make(map[string]Level, len(levels))}
	for _, l := range levels {
		if _, dup := t.levels[l.Value]; dup {
			panic("faceid: " + action + ": level " + l.Value + " is in the table twice")
		}
		t.levels[l.Value] = l
	}
	return t
}

// Lookup returns the row of value.
func (t *LevelTable) Lookup(value string) (Level, bool) {
	l, ok := t.levels[value]
	return l, ok
}

// check is the verdict of a level answer: nil only for a documented passing or accepted
// value; an undocumented or empty value is not a pass.
func (t *LevelTable) check(value, requestID string) error {
	l, ok := t.levels[value]
	if ok && (l.Pass || l.Accepted) {
		return nil
	}
	e := &VerificationError{Action: t.action, Family: FamilyLevel, Result: value, RequestId: requestID, Retry: RetryNever}
	if ok {
		e.Meaning = t.field + " " + value + ": " + l.Meaning
	} else {
		e.Retry = RetryUnknown
	}
	return e
}
