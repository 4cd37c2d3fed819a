package main

// This file reproduces the common signing mistakes (the warnings of
// https://cloud.tencent.com/document/api/213/30654 and the support
// questions behind them). Each mistake is a small change to the inputs of
// the signature; the diagnosis recomputes the signature with
// each change, alone and in pairs, and reports the ones that give exactly the
// signature the request carries.
//
// The correct computation is tc3.Sign / tc3.V1StringToSign; the builders
// below exist because the mistakes need inputs tc3 rightly refuses (a date
// that is not the UTC date of the timestamp, upper-case header values, keys
// in hex). They build the canonical request and string to sign; the
// signature itself is tc3.SignString / tc3.V1Signature, except for the key
// mistakes tc3 cannot make. Tests check that, with no mistake applied, they
// agree with tc3 on every vector.

import "crypto/hmac"

// sameSignature compares a signature we computed with the request's in
// constant time, as every signature comparison of this module does.
func sameSignature(ours, theirs string) bool {
	return hmac.Equal([]byte(ours), []byte(theirs))
}

// mistake is one way to get a signature wrong.
type mistake struct {
	ID    string `json:"id"`   // stable, for scripts: "local-date"
	Name  string `json:"name"` // one line: what was done wrong
	Fix   string `json:"fix"`  // one line: what to do instead
	group string // mistakes of one group are alternatives, never combined
	tc3   func(p *tc3Parts)
	v1    func(p *v1Parts)
}

// match is one mistake, or a pair, that reproduces the request's signature.
type match struct {
	Mistakes []mistake `json:"mistakes"`
}

// searchMistakes is the search behind both diagnoses: sign(with no mistake)
// is the correct signature; each mistake that changes it is tried alone,
// then in pairs from different groups when no single one matches.
func searchMistakes(ms []mistake, sig string, sign func(apply ...mistake) string) (found []match, tried int) {
	baseSig := sign()
	var changed []mistake
	for _, m := range ms {
		s := sign(m)
		tried++
		if s == baseSig {
			continue // no change for this request
		}
		changed = append(changed, m)
		if sameSignature(s, sig) {
			found = append(found, match{[]mistake{m}})
		}
	}
	if len(found) > 0 {
		return found, tried
	}
	for i := range changed {
		for j := i + 1; j < len(changed); j++ {
			a, b := changed[i], changed[j]
			if a.group == b.group {
				continue
			}
			tried++
			if sameSignature(sign(a, b), sig) {
				found = append(found, match{[]mistake{a, b}})
			}
		}
	}
	return found, tried
}
