package faceid

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/transport/credentials"
)

// p2TestRequest and p2TestResponse stand for a P2 action in the call path's test: a row is
// added to the index for the test's duration.
type p2TestRequest struct {
	Name string `json:"Name"`
}

func (*p2TestRequest) Action() string { return "CallPathP2Test" }

func (r *p2TestRequest) Validate() error {
	v := newValidator(r)
	if r == nil {
		v.fail("Name", "is required: the request is nil")
		return v.err()
	}
	v.name("Name", r.Name, nil)
	return v.err()
}

type p2TestResponse struct {
	Result      string `json:"Result"`
	Description string `json:"Description"`
	RequestId   string `json:"RequestId"`
}

func (r *p2TestResponse) Check() error { return testP2.check(r.Result, r.Description, r.RequestId) }

func withTestRow(t *testing.T, a *Action) {
	t.Helper()
	actionIndex[a.Name] = a
	t.Cleanup(func() { delete(actionIndex, a.Name) })
}

// TestCallPathP2: the generic path validates, sends once, decodes and runs the family's check,
// returning the response with the *VerificationError; the row's Billable decides whether an
// ambiguous failure is resent.
func TestCallPathP2(t *testing.T) {
	withTestRow(t, def[p2TestRequest, p2TestResponse](Action{Name: "CallPathP2Test", Billable: true, Family: FamilyP2}))
	var hits atomic.Int32
	var answer atomic.Value
	answer.Store(`{"Response":{"Result":"-1","Description":"认证未通过","RequestId":"rid-1"}}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.Copy(io.Discard, r.Body)
		if a := answer.Load().(string); a == "" {
			w.WriteHeader(http.StatusBadGateway) // ambiguous: the backend may have run
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, answer.Load().(string))
	}))
	defer srv.Close()
	c, err := NewClient(Config{
		Credentials: credentials.Static(tc3.Credentials{SecretID: "AKIDtest", SecretKey: "key"}),
		Endpoint:    srv.URL, MaxWait: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	resp, err := call[p2TestRequest, p2TestResponse](ctx, c, &p2TestRequest{Name: "张三"})
	var ve *VerificationError
	if !errors.As(err, &ve) || ve.Result != "-1" || ve.Meaning != "not verified" || ve.Billed != Billed {
		t.Fatalf("err = %v, want the P2 table's -1", err)
	}
	if resp == nil || resp.Result != "-1" || resp.RequestId != "rid-1" {
		t.Errorf("resp = %+v, want the raw answer alongside the error", resp)
	}

	// Through the table, as the command line calls it.
	a := actionIndex["CallPathP2Test"]
	got, err := a.Call(ctx, c, &p2TestRequest{Name: "张三"})
	if _, ok := got.(*p2TestResponse); !ok || !errors.As(err, &ve) {
		t.Errorf("Action.Call = %T, %v", got, err)
	}
	answer.Store(`{"Response":{"Result":"0","Description":"认证通过","RequestId":"rid-2"}}`)
	if _, err := c.Call(ctx, &p2TestRequest{Name: "张三"}); err != nil {
		t.Errorf("Client.Call of a pass = %v, want nil", err)
	}

	// Refused before sending: nothing reaches the server.
	before := hits.Load()
	if _, err := call[p2TestRequest, p2TestResponse](ctx, c, &p2TestRequest{Name: "a\x00b"}); err == nil {
		t.Error("a NUL in Name was sent")
	}
	if _, err := call[p2TestRequest, p2TestResponse](ctx, c, nil); err == nil {
		t.Error("a nil request with a required field was sent")
	}
	if hits.Load() != before {
		t.Errorf("%d requests reached the server after refusals", hits.Load()-before)
	}

	// A 502 on a billable row is not resent; on a row that is not billable it is.
	answer.Store("")
	before = hits.Load()
	if _, err := call[p2TestRequest, p2TestResponse](ctx, c, &p2TestRequest{Name: "张三"}); err == nil {
		t.Error("502: want an error")
	}
	if n := hits.Load() - before; n != 1 {
		t.Errorf("a billable call was sent %d times after a 502, want 1", n)
	}
	actionIndex["CallPathP2Test"].Billable = false
	before = hits.Load()
	call[p2TestRequest, p2TestResponse](ctx, c, &p2TestRequest{Name: "张三"})
	if n := hits.Load() - before; n < 2 {
		t.Errorf("a call that is not billable was sent %d times after 502s, want it resent", n)
	}
}

// TestCallWrongRequestType: Action.Call with another action's request is refused by name.
func TestCallWrongRequestType(t *testing.T) {
	a, ok := LookupAction("GetLiveCode")
	if !ok {
		t.Fatal("GetLiveCode not in the table")
	}
	_, err := a.Call(context.Background(), nil, &GetActionSequenceRequest{})
	if err == nil || err.Error() != "faceid: GetLiveCode takes a *faceid.GetLiveCodeRequest, not a *faceid.GetActionSequenceRequest" {
		t.Errorf("err = %v", err)
	}
	if _, ok := LookupAction("getlivecode"); ok {
		t.Error("LookupAction is case-insensitive")
	}
}
