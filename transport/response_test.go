package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSkimEnvelope(t *testing.T) {
	cases := []struct {
		body   string
		rid    string
		wantOK bool
	}{
		{`{"Response":{"A":"1","RequestId":"r1"}}`, "r1", true},
		{` { "Response" : { "RequestId" : "r1" , "B" : [1,{"Error":2},"}"] } } `, "r1", true},
		{`{"response":{"requestid":"r2"}}`, "r2", true}, // encoding/json matches names in any case
		{`{"Response":{}}`, "", true},
		{`{"Other":{"Error":1},"Response":{"X":"a\"b\\","RequestId":"r3"}}`, "r3", true},
		{`{"Response":{"Error":{"Code":"X"},"RequestId":"r"}}`, "", false},
		{`{"Response":{"error":null}}`, "", false},
		{`{"Response":{"RequestId":"a","RequestId":"b"}}`, "", false},
		{`{"Response":{"RequestId":"a\u0062"}}`, "", false},
		{`{"Response":{"RequestId":5}}`, "", false},
		{`{"Response":{"Err\u006fr":{}}}`, "", false},
		{`{"Response":{},"Response":{}}`, "", false},
		{`{"Response":null}`, "", false},
		{`{"Response":[]}`, "", false},
		{`{}`, "", false},
		{`[]`, "", false},
		{``, "", false},
		{`{"Response":{"A":"unterminated}}`, "", false},
		{`{"Response":{"A":1`, "", false},
	}
	for _, tc := range cases {
		rid, ok := skimEnvelope([]byte(tc.body))
		if ok != tc.wantOK || rid != tc.rid {
			t.Errorf("skimEnvelope(%s) = %q, %v; want %q, %v", tc.body, rid, ok, tc.rid, tc.wantOK)
		}
	}
}

// FuzzSkimEnvelope: whenever skimEnvelope accepts a body that encoding/json
// accepts, encoding/json sees a Response without Error and the same
// RequestId, so the one-pass path never takes an error answer for a success.
func FuzzSkimEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"Response":{"A":"1","RequestId":"r1"}}`,
		`{"Response":{"Error":{"Code":"X","Message":"m"},"RequestId":"r"}}`,
		`{"response":{"B":[1,{"Error":2}],"requestid":"r2"}}`,
		`{"X":"\"","Response":{"RequestId":""}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rid, ok := skimEnvelope(b)
		var env envelope
		if !ok || json.Unmarshal(b, &env) != nil {
			return
		}
		if env.Response == nil || env.Response.Error != nil || env.Response.RequestId != rid {
			t.Fatalf("skimEnvelope(%q) = %q, true; encoding/json: %+v", b, rid, env.Response)
		}
	})
}

// cannedRT answers every request with status and body.
type cannedRT struct {
	status int
	body   string
}

func (c cannedRT) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: c.status, Status: http.StatusText(c.status), Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(c.body)), ContentLength: int64(len(c.body)), Request: req,
	}, nil
}

func cannedClient(t *testing.T, status int, body string) *Client {
	t.Helper()
	c, err := New(Config{
		Credentials: credentials.Static(testCreds), Service: "faceid", MaxAttempts: 1,
		HTTPClient: &http.Client{Transport: cannedRT{status, body}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type resultFields struct {
	Sim       *float64
	Result    string
	List      []string
	RequestId string
}

// TestCallResult: a Call with Result decodes the answer into it, as decoding
// Response.Raw would; answers the one-pass path does not take come back in
// Raw with Result zero, and error answers stay errors.
func TestCallResult(t *testing.T) {
	sim := 91.5
	cases := []struct {
		name    string
		status  int
		body    string
		want    resultFields
		wantRaw bool
		wantErr string
	}{
		{name: "success", status: 200, body: `{"Response":{"Sim":91.5,"Result":"Success","List":["a"],"RequestId":"r1"}}`,
			want: resultFields{Sim: &sim, Result: "Success", List: []string{"a"}, RequestId: "r1"}},
		{name: "lower-case names", status: 200, body: `{"response":{"result":"Success","requestid":"r2"}}`,
			want: resultFields{Result: "Success", RequestId: "r2"}},
		{name: "escaped RequestId", status: 200, body: `{"Response":{"Result":"x","RequestId":"r\u0033"}}`, wantRaw: true},
		{name: "wrong type", status: 200, body: `{"Response":{"Result":5,"RequestId":"r4"}}`, wantRaw: true},
		{name: "error answer", status: 200, body: `{"Response":{"Error":{"Code":"InvalidParameter","Message":"bad"},"RequestId":"r5"}}`, wantErr: "InvalidParameter"},
		{name: "truncated", status: 200, body: `{"Response":{"Result":"x","RequestId":"r6"}`, wantErr: "truncated"},
		{name: "not 200", status: 502, body: `{"Response":{"RequestId":"r7"}}`, wantErr: "status is not 200"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got resultFields
			call := detectAuth
			call.Result = &got
			resp, err := cannedClient(t, tc.status, tc.body).Call(context.Background(), call)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantRaw {
				var want struct{ Response json.RawMessage }
				if err := json.Unmarshal([]byte(tc.body), &want); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(resp.Raw, want.Response) {
					t.Errorf("Raw = %s, want %s", resp.Raw, want.Response)
				}
				if diff := cmp.Diff(resultFields{}, got); diff != "" {
					t.Errorf("Result not left zero (-want +got):\n%s", diff)
				}
				return
			}
			if resp.Raw != nil {
				t.Errorf("Raw = %s, want nil when Result was filled", resp.Raw)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Result (-want +got):\n%s", diff)
			}
			if resp.RequestId != tc.want.RequestId {
				t.Errorf("RequestId = %q, want %q", resp.RequestId, tc.want.RequestId)
			}
		})
	}
}

func TestCallResultNotPointer(t *testing.T) {
	for _, r := range []any{resultFields{}, (*resultFields)(nil), new(int)} {
		call := detectAuth
		call.Result = r
		_, err := cannedClient(t, 200, `{"Response":{}}`).Call(context.Background(), call)
		if err == nil || !strings.Contains(err.Error(), "Call.Result") {
			t.Errorf("Result %T: err = %v, want one naming Call.Result", r, err)
		}
	}
}

// chunkReader hands out its data a few bytes at a time, then fails with err
// (io.EOF for a clean end).
type chunkReader struct {
	data []byte
	err  error
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p[:min(len(p), 7)], r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadBody(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 200_000) // 3.2 MB: several chunks
	cases := []struct {
		name    string
		data    []byte
		length  int64
		err     error
		wantErr error
	}{
		{name: "known length", data: big, length: int64(len(big)), err: io.EOF},
		{name: "unknown length", data: big, length: -1, err: io.EOF},
		{name: "empty", data: nil, length: -1, err: io.EOF},
		{name: "longer than announced", data: big, length: 10, err: io.EOF},
		{name: "shorter than announced", data: big[:10], length: 20, err: io.EOF},
		{name: "truncated, known length", data: big[:10], length: 20, err: io.ErrUnexpectedEOF, wantErr: io.ErrUnexpectedEOF},
		{name: "truncated, unknown length", data: big[:10], length: -1, err: io.ErrUnexpectedEOF, wantErr: io.ErrUnexpectedEOF},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{Header: http.Header{}, ContentLength: tc.length,
				Body: io.NopCloser(&chunkReader{data: tc.data, err: tc.err})}
			got, err := readBody(resp, 8<<20)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.data) {
				t.Errorf("got %d bytes, want the %d sent", len(got), len(tc.data))
			}
		})
	}
}
