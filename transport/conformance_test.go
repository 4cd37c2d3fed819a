package transport

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
)

// retryTable is testdata/retry/cases.json (described in its README.md).
type retryTable struct {
	Client struct {
		MaxAttempts      int   `json:"max_attempts"`
		BaseWaitMS       int   `json:"base_wait_ms"`
		MaxWaitMS        int   `json:"max_wait_ms"`
		MaxTotalWaitMS   int   `json:"max_total_wait_ms"`
		AttemptTimeoutMS int   `json:"attempt_timeout_ms"`
		MaxResponseBytes int64 `json:"max_response_bytes"`
	} `json:"client"`
	Requests map[string]struct {
		Action   string          `json:"action"`
		Version  string          `json:"version"`
		Region   string          `json:"region"`
		Billable bool            `json:"billable"`
		Body     json.RawMessage `json:"body"`
	} `json:"requests"`
	Cases []struct {
		Name         string `json:"name"`
		Request      string `json:"request"`
		HTTP         string `json:"http"`
		ClockOffsetS int    `json:"server_clock_offset_s"`
		Faults       []struct {
			Kind      string            `json:"kind"`
			Processed bool              `json:"processed"`
			Status    int               `json:"status"`
			Header    map[string]string `json:"header"`
			Body      string            `json:"body"`
			Size      int               `json:"size"`
		} `json:"faults"`
		Expect retryOutcome `json:"expect"`
	} `json:"cases"`
}

type retryOutcome struct {
	Attempts       int    `json:"attempts"`
	Processed      int    `json:"processed"`
	Outcome        string `json:"outcome"`
	Code           string `json:"code,omitempty"`
	HTTPStatus     int    `json:"http_status,omitempty"`
	RequestID      string `json:"request_id,omitempty"`
	MaybeProcessed bool   `json:"maybe_processed"`
	Retryable      bool   `json:"retryable"`
}

// TestRetryConformance runs every row of testdata/retry/cases.json against
// the faceidtest stand-in's fault injection.
func TestRetryConformance(t *testing.T) {
	raw, err := os.ReadFile("../testdata/retry/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var table retryTable
	if err := json.Unmarshal(raw, &table); err != nil {
		t.Fatalf("cases.json: %v", err)
	}
	if len(table.Cases) < 20 {
		t.Fatalf("only %d cases", len(table.Cases))
	}
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	for _, tc := range table.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			req, ok := table.Requests[tc.Request]
			if !ok {
				t.Fatalf("request %q is not defined", tc.Request)
			}
			offset := time.Duration(tc.ClockOffsetS) * time.Second
			s := newFaultStandIn(t, faceidtest.Options{Now: func() time.Time { return time.Now().Add(offset) }}, tc.HTTP == "2")
			for _, f := range tc.Faults {
				h := http.Header{}
				for k, v := range f.Header {
					h.Set(k, v)
				}
				s.Inject(faceidtest.Fault{Kind: faceidtest.FaultKind(f.Kind), Processed: f.Processed, Status: f.Status, Header: h, Body: f.Body, Size: f.Size})
			}
			cc := table.Client
			c := standInClient(t, s, func(c *Config) {
				c.MaxAttempts = cc.MaxAttempts
				c.BaseWait, c.MaxWait, c.MaxTotalWait = ms(cc.BaseWaitMS), ms(cc.MaxWaitMS), ms(cc.MaxTotalWaitMS)
				c.AttemptTimeout = ms(cc.AttemptTimeoutMS)
				c.MaxResponseBytes = cc.MaxResponseBytes
			})
			_, err := c.Call(context.Background(), Call{Action: req.Action, Version: req.Version, Region: req.Region,
				Body: req.Body, Idempotent: !req.Billable})
			got := retryOutcome{Attempts: s.Attempts(), Processed: s.Processed(req.Action), Outcome: "success"}
			var (
				ae *APIError
				he *HTTPError
				ne *NetworkError
			)
			switch {
			case err == nil:
			case errors.As(err, &ae):
				got.Outcome, got.Code = "api-error", ae.Code
			case errors.As(err, &he):
				got.Outcome, got.HTTPStatus = "http-error", he.HTTPStatus
			case errors.As(err, &ne):
				got.Outcome = "network-error"
			default:
				got.Outcome = "untyped error " + err.Error()
			}
			if err != nil {
				got.RequestID = RequestID(err)
				got.MaybeProcessed = MaybeProcessed(err)
				got.Retryable = IsRetryable(err)
			}
			want := tc.Expect
			if want.RequestID == "" && got.Outcome != "api-error" {
				got.RequestID = "" // only API errors' ids are part of the table
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\nerr: %v", diff, err)
			}
		})
	}
}
