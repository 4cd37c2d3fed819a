package faceidtest

import (
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// TemporaryCredentials is where a Handler finds temporary credentials that
// were issued elsewhere, with their expiry; *credentialstest.Issuer (the
// issuer of the STS and CVM metadata stand-ins) implements it.
type TemporaryCredentials interface {
	Lookup(secretID string) (cred tc3.Credentials, expires time.Time, ok bool)
}

// credentialsFor is the Handler's SecretId lookup: the configured pairs,
// then the issued temporary credentials, whose token tc3.Verify checks.
func (h *Handler) credentialsFor(id string) (tc3.Credentials, bool) {
	if c, ok := h.creds[id]; ok {
		return c, true
	}
	if h.temp != nil {
		if c, _, ok := h.temp.Lookup(id); ok {
			return c, true
		}
	}
	return tc3.Credentials{}, false
}

// checkExpiry refuses issued credentials from the second they expire, with
// the code the common error table gives for a bad temporary token,
// AuthFailure.TokenFailure (signature failures table,
// https://cloud.tencent.com/document/api/213/30654).
func (h *Handler) checkExpiry(id string, now time.Time) *apiError {
	if h.temp == nil {
		return nil
	}
	if _, ok := h.creds[id]; ok {
		return nil
	}
	if _, exp, ok := h.temp.Lookup(id); ok && !now.Before(exp) {
		return newError("AuthFailure.TokenFailure", "the temporary credentials of SecretId %s expired at %s (server time %s): refresh them before they expire",
			id, exp.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	}
	return nil
}
