package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/tcfaceid/tcfaceid/tc3"
)

// The verify report: its JSON document and its text rendering.

// finding is one check of the report: a rule of tc3.Check, or what only
// the debugger adds (capture notes, our own signature, the payload mode).
type finding struct {
	Status  string `json:"status"` // ok, warn, fail, info
	Check   string `json:"check"`
	Code    string `json:"code,omitempty"` // the gateway's error code of a failed rule
	Message string `json:"message"`
}

// comparison is one intermediate value the user supplied, compared with ours.
type comparison struct {
	What            string   `json:"what"` // "canonical request" or "string to sign"
	Identical       bool     `json:"identical"`
	FirstDifference string   `json:"first_difference,omitempty"`
	Diff            string   `json:"diff,omitempty"` // go-cmp line diff, -ours +yours
	Notes           []string `json:"notes,omitempty"`
}

// report is the verdict on one request (the --format json document).
type report struct {
	Verdict          string    `json:"verdict"` // accepted or rejected
	ExitCode         int       `json:"exit_code"`
	Code             string    `json:"code,omitempty"`
	Message          string    `json:"message,omitempty"`
	SignatureMethod  string    `json:"signature_method"`
	Method           string    `json:"method"`
	Host             string    `json:"host"`
	Path             string    `json:"path"`
	Query            string    `json:"query"`
	BodyBytes        int       `json:"body_bytes"`
	LineEndings      string    `json:"line_endings"`
	Findings         []finding `json:"findings"`
	SignatureMatches *bool     `json:"signature_matches"`
	TheirSignature   string    `json:"their_signature,omitempty"`
	// OurSignaturePrefix is only the start of the signature we computed
	// (sigPrefix): the full one would be a valid signature for the request.
	OurSignaturePrefix string       `json:"our_signature_prefix,omitempty"`
	CanonicalRequest   string       `json:"canonical_request,omitempty"`
	StringToSign       string       `json:"string_to_sign,omitempty"`
	Diagnosis          []match      `json:"diagnosis"`
	VariantsTried      int          `json:"variants_tried"`
	FirstDifference    string       `json:"first_difference,omitempty"`
	Comparisons        []comparison `json:"comparisons,omitempty"`
	// checks is tc3.Check's list, for the inspector page (reason and fix apart).
	checks []tc3.Finding
}

func (r *report) add(status, check, format string, args ...any) {
	r.Findings = append(r.Findings, finding{Status: status, Check: check, Message: fmt.Sprintf(format, args...)})
}

// sigPrefix is all verify ever shows of a signature it computed: the first
// 8 characters and "…", enough to tell two signatures apart. The full value
// would be a valid signature for the request (for 5 minutes, to anyone who
// can feed a request to a verify that holds the key, or who reads a report
// pasted into a ticket); "tc3sign sign" is the command that prints one.
func sigPrefix(sig string) string {
	return sig[:min(len(sig), 8)] + "…"
}

// lineDiff is the go-cmp diff of two texts split into lines, -ours +yours.
// go-cmp may use non-breaking spaces in its layout; they become spaces so
// the output can be copied.
func lineDiff(ours, theirs string) string {
	d := cmp.Diff(strings.Split(ours, "\n"), strings.Split(theirs, "\n"))
	return strings.ReplaceAll(d, "\u00a0", " ")
}

func writeReportText(w io.Writer, req *rawRequest, rep *report) {
	target := "https://" + req.Host + req.Path
	if rep.Query != "" {
		target += "?" + rep.Query
	}
	fmt.Fprintf(w, "Request: %s %s (%s, %s line endings, %d-byte body)\n", req.Method, truncateRunes(target, 120), rep.SignatureMethod, req.LineEnding, len(req.Body))
	fmt.Fprintf(w, "\nChecks:\n")
	for _, f := range rep.Findings {
		label := map[string]string{"ok": "ok  ", "warn": "WARN", "fail": "FAIL", "info": "info"}[f.Status]
		fmt.Fprintf(w, "  %s  %-17s %s\n", label, f.Check, f.Message)
	}
	if rep.SignatureMatches != nil && !*rep.SignatureMatches {
		if rep.SignatureMethod == tc3.Algorithm {
			fmt.Fprintf(w, "\nOur canonical request:\n")
			block(w, "canonical request", rep.CanonicalRequest)
			fmt.Fprintf(w, "Our string to sign:\n")
			block(w, "string to sign", rep.StringToSign)
		} else {
			fmt.Fprintf(w, "\nOur string to sign:\n")
			block(w, "string to sign", rep.StringToSign)
		}
		fmt.Fprintf(w, "\nDiagnosis:\n")
		switch {
		case len(rep.Diagnosis) == 0:
			fmt.Fprintf(w, "  none of the %d variants of the common mistakes (alone or in pairs) reproduces your signature.\n", rep.VariantsTried)
			fmt.Fprintf(w, "  Check the SecretKey, then compare step by step: --their-canonical-request FILE --their-string-to-sign FILE.\n")
		default:
			fmt.Fprintf(w, "  tried %d variants; reproduces your signature exactly:\n", rep.VariantsTried)
			for _, m := range rep.Diagnosis {
				if len(m.Mistakes) == 2 {
					fmt.Fprintf(w, "  * two mistakes together:\n")
				}
				for _, mk := range m.Mistakes {
					fmt.Fprintf(w, "  * [%s] %s\n      fix: %s\n", mk.ID, mk.Name, mk.Fix)
				}
			}
		}
	}
	for _, c := range rep.Comparisons {
		fmt.Fprintf(w, "\nYour %s vs ours:\n", c.What)
		switch {
		case c.Identical && len(c.Notes) == 0:
			fmt.Fprintf(w, "  identical\n")
		case !c.Identical:
			fmt.Fprintf(w, "  first difference: %s\n  diff (-ours +yours):\n", c.FirstDifference)
			for _, l := range strings.Split(strings.TrimRight(c.Diff, "\n"), "\n") {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
		for _, n := range c.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}
	if rep.FirstDifference != "" {
		fmt.Fprintf(w, "\nFirst step that differs: %s\n", rep.FirstDifference)
	}
	if rep.Verdict == "accepted" {
		fmt.Fprintf(w, "\nVerdict: accepted: the gateway would accept this request\n")
		return
	}
	msg := rep.Message
	if strings.HasPrefix(msg, "signature does not match") {
		msg = "signature does not match (the gateway's canonical request and string to sign are ours, shown above)"
	} else if strings.Contains(msg, "signature does not match. The server's string to sign") {
		msg = strings.SplitN(msg, ". The server's", 2)[0] + " (the string to sign is shown above)"
	}
	fmt.Fprintf(w, "\nVerdict: rejected: %s: %s\n", rep.Code, msg)
}
