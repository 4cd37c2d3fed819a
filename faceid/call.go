package faceid

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tcfaceid/tcfaceid/transport"
)

// checker is implemented by the responses of the families P1, P2 and Level: Check returns nil
// only when the person or the elements passed.
type checker interface{ Check() error }

// call is the one path every action takes: Validate, encode the body once, send it through the
// transport (resent after an ambiguous failure only when the action's row says it is not
// billable), decode the answer into a Resp, and for the families P1, P2 and Level run the
// response's Check, so that a nil error means a pass. The response is returned with a
// *VerificationError too.
//
// A nil req is validated as such (a request with required fields reports them); an action
// without required fields then sends {}.
func call[Req, Resp any, PReq interface {
	*Req
	Request
}](ctx context.Context, c *Client, req PReq) (*Resp, error) {
	a := actionIndex[req.Action()] // Action has a pointer receiver that ignores its value
	if a == nil {
		return nil, fmt.Errorf("faceid: %s is not in the action table", req.Action())
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if err := c.checkRegion(a); err != nil {
		return nil, err
	}
	if req == nil {
		req = new(Req)
	}
	body, err := encodeBody(req, c.tr.BodyLimit())
	if err != nil {
		var tl *BodyTooLargeError
		if errors.As(err, &tl) {
			tl.Action, tl.SignatureMethod, tl.Method = a.Name, c.sigMethod, c.method
		}
		return nil, err
	}
	// The transport decodes the answer straight into out in the pass that reads the envelope,
	// or, for an answer it cannot read that way, hands it back in Raw.
	out := new(Resp)
	resp, err := c.tr.Call(ctx, transport.Call{Action: a.Name, Version: Version, Body: body, Idempotent: !a.Billable, Result: out})
	if err != nil {
		return nil, err
	}
	if resp.Raw != nil {
		if err := json.Unmarshal(resp.Raw, out); err != nil {
			return nil, fmt.Errorf("faceid: %s: decoding the response (RequestId %s): %w", a.Name, resp.RequestId, redactJSONError(err))
		}
	}
	if err := openAnswer(ctx, req, out); err != nil { // EncryptFields, EncryptResponse
		return out, fmt.Errorf("faceid: %s: %w (RequestId %s)", a.Name, err, resp.RequestId)
	}
	switch a.Family {
	case FamilyP1, FamilyP2, FamilyLevel:
		if ch, ok := any(out).(checker); ok {
			return out, ch.Check()
		}
		return out, fmt.Errorf("faceid: %s: the response type has no Check method for family %s", a.Name, a.Family)
	}
	return out, nil
}

// checkRegion refuses, before sending, an action that Tencent's page limits to some regions
// (its row's Regions) when the client's Region is not one of them.
func (c *Client) checkRegion(a *Action) error {
	if len(a.Regions) == 0 || slices.Contains(a.Regions, c.region) {
		return nil
	}
	return fmt.Errorf("faceid: %s accepts only the regions %s (%s), not the client's Region %q: make a Client with Config.Region set to one of them", a.Name, strings.Join(a.Regions, ", "), a.DocURL, c.region)
}

// Call calls the action named by req.Action() through the action table, for generic callers
// such as the command line. Typed callers use the Client's methods, which do the same.
func (c *Client) Call(ctx context.Context, req Request) (any, error) {
	if req == nil {
		return nil, fmt.Errorf("faceid: Call needs a request")
	}
	a := actionIndex[req.Action()]
	if a == nil {
		return nil, fmt.Errorf("faceid: %s is not an action of this package", req.Action())
	}
	return a.invoke(ctx, c, req)
}
