package faceidtest

import (
	"fmt"
	"time"
)

// The device flows (app SDK, device risk, eID, NFC) hand a token to software on the user's
// phone, which runs the verification; the server then fetches the result with the token. The
// stand-in models the phone's part with BeginToken, CompleteToken and ReadNFC, and keeps the
// issued tokens here, forgotten by Reset like DetectAuth's BizTokens.

// Token kinds.
const (
	kindSDK  = "GetFaceIdToken"
	kindRisk = "GetFaceidRiskInfoToken"
	kindEID  = "GetEidToken"
	kindNFC  = "GetNFCToken"
	kindRead = "ReadNFC" // the id the NFC SDK returns after reading a card
)

// deviceToken is one issued token and what happened to it.
type deviceToken struct {
	kind            string
	issued          time.Time
	begun, done     time.Time // zero until BeginToken / CompleteToken
	name, idCard    string    // the person the flow verifies
	extra           string
	billedReads     int // ParseNfcData / GetWxNFCResult answers billed for a read
	nfcQueries      int // ParseNfcData queries of a read
	encryptedFields map[string]bool
}

// tokenStore is the tokens of one Handler. gen is the Handler generation it belongs to:
// Reset bumps the Handler's, which empties the store on next use.
type tokenStore struct {
	gen    int
	tokens map[string]*deviceToken
	billed map[string]int // action -> billed answers
}

// store returns h's tokens; h.mu must be held.
func (h *Handler) store() *tokenStore {
	if h.tokens == nil {
		h.tokens = &tokenStore{gen: -1}
	}
	s := h.tokens
	if s.gen != h.gen {
		s.gen, s.tokens, s.billed = h.gen, map[string]*deviceToken{}, map[string]int{}
	}
	return s
}

// issue records a new token of kind and returns it.
func (c *call) issue(kind string, t *deviceToken) string {
	tok := newUUID(kind == kindSDK || kind == kindRisk || kind == kindEID)
	t.kind, t.issued = kind, c.now
	c.h.mu.Lock()
	c.h.store().tokens[tok] = t
	c.h.mu.Unlock()
	return tok
}

// token finds an issued token of kind; nil when there is none.
func (c *call) token(tok, kind string) *deviceToken {
	c.h.mu.Lock()
	defer c.h.mu.Unlock()
	t := c.h.store().tokens[tok]
	if t == nil || t.kind != kind {
		return nil
	}
	return t
}

// bill counts one billed answer of the call's action.
func (c *call) bill() {
	c.h.mu.Lock()
	c.h.store().billed[c.action]++
	c.h.mu.Unlock()
}

// Billed returns how many answers of action the stand-in has billed since the Handler was
// made or Reset: the successful reads of GetWxNFCResult and ParseNfcData, counted once per
// read however often its result is fetched, as Tencent's pages say.
func (h *Handler) Billed(action string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.store().billed[action]
}

// BeginToken records that the user opened the flow of an eID token (GetEidToken): its
// CheckEidTokenStatus becomes "doing". It fails for a token the stand-in did not issue.
func (h *Handler) BeginToken(token string) error {
	return h.markToken(token, false)
}

// CompleteToken records that the user finished the flow of a token on the phone: a
// FaceIdToken of GetFaceIdToken (the app SDK ran; GetFaceIdResult answers), a FaceIdToken of
// GetFaceidRiskInfoToken (GetFaceIdRiskInfo answers) or an EidToken (CheckEidTokenStatus
// "finished", GetEidResult answers). It fails for a token the stand-in did not issue, or one
// used already: each of these tokens is good for one verification.
func (h *Handler) CompleteToken(token string) error {
	return h.markToken(token, true)
}

func (h *Handler) markToken(token string, done bool) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.store().tokens[token]
	if t == nil || t.kind == kindNFC || t.kind == kindRead {
		return fmt.Errorf("faceidtest: %q is not a FaceIdToken or EidToken this stand-in issued", token)
	}
	if !t.done.IsZero() {
		return fmt.Errorf("faceidtest: token %s was used already (at %s): it is good for one verification", token, t.done.UTC().Format(time.RFC3339))
	}
	now := h.now()
	if t.begun.IsZero() {
		t.begun = now
	}
	if done {
		t.done = now
	}
	return nil
}

// ReadNFC records that the NFC SDK, started with a Token of GetNFCToken, read the ID card of
// name and idCard, and returns the id the SDK hands back: the NFCToken of GetWxNFCResult
// (valid 10 minutes) and the ReqId of ParseNfcData (valid 5 minutes). It fails for a token the
// stand-in did not issue.
func (h *Handler) ReadNFC(token, name, idCard string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.store()
	if t := s.tokens[token]; t == nil || t.kind != kindNFC {
		return "", fmt.Errorf("faceidtest: %q is not a Token of GetNFCToken this stand-in issued", token)
	}
	id := newUUID(false)
	s.tokens[id] = &deviceToken{kind: kindRead, issued: h.now(), name: name, idCard: idCard}
	return id, nil
}
