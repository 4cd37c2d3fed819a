package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// Comparison of the user's intermediates (--their-canonical-request,
// --their-string-to-sign) with ours, and the first step that differs.

// compareText compares a user-supplied intermediate with ours. part names
// line i of ours.
func compareText(what, ours, theirs string, part func(i int) string) comparison {
	cmpr := comparison{What: what}
	if ours == theirs {
		cmpr.Identical = true
		return cmpr
	}
	norm := strings.ReplaceAll(theirs, "\r\n", "\n")
	switch {
	case norm == ours:
		cmpr.Notes = append(cmpr.Notes, "your text has CRLF line endings; ours has LF only. If your code hashes it with CRLF, that is the bug; if only the file was saved with CRLF, ignore this")
	case strings.TrimSuffix(norm, "\n") == ours:
		cmpr.Notes = append(cmpr.Notes, "your text ends with a newline; ours does not. If your code hashes it with that newline, that is the bug; if only the file got it from your editor, ignore this")
	}
	if len(cmpr.Notes) > 0 {
		cmpr.Identical = true
		return cmpr
	}
	ol, tl := strings.Split(ours, "\n"), strings.Split(theirs, "\n")
	for i := 0; i < len(ol) || i < len(tl); i++ {
		var o, t string
		if i < len(ol) {
			o = ol[i]
		}
		if i < len(tl) {
			t = tl[i]
		}
		if o != t || i >= len(ol) || i >= len(tl) {
			cmpr.FirstDifference = fmt.Sprintf("line %d (%s): ours %q, yours %q", i+1, part(i), truncateRunes(o, 120), truncateRunes(t, 120))
			if i >= len(ol) {
				cmpr.FirstDifference = fmt.Sprintf("line %d: yours has extra lines after the end (%q)", i+1, truncateRunes(t, 120))
			} else if i >= len(tl) {
				cmpr.FirstDifference = fmt.Sprintf("line %d (%s): yours ends before it", i+1, part(i))
			}
			break
		}
	}
	cmpr.Diff = lineDiff(ours, theirs)
	return cmpr
}

func compareCanonical(ours, theirs string, base *tc3Parts, theirSig string) comparison {
	n := len(base.headers)
	part := func(i int) string {
		switch {
		case i == 0:
			return "HTTPRequestMethod"
		case i == 1:
			return "CanonicalURI, always /"
		case i == 2:
			return "CanonicalQueryString, the query exactly as sent"
		case i < 3+n:
			return "CanonicalHeaders: " + base.headers[i-3].name + ", lower-cased and trimmed"
		case i == 3+n:
			return "the empty line that ends CanonicalHeaders"
		case i == 4+n:
			return "SignedHeaders"
		case i == 5+n:
			return "HashedRequestPayload, SHA-256 of the body bytes sent"
		}
		return "after the payload hash, where nothing may follow"
	}
	c := compareText("canonical request", ours, theirs, part)
	if !c.Identical {
		// Does their canonical request, signed correctly, give their signature?
		sum := sha256.Sum256([]byte(theirs))
		sts := tc3.Algorithm + "\n" + base.timestamp + "\n" + base.scope() + "\n" + hex.EncodeToString(sum[:])
		if sameSignature(signSTS(base, sts), theirSig) {
			c.Notes = append(c.Notes, "your canonical request, signed with the correct scope and key, gives exactly your signature: the difference above is the whole problem")
		}
	}
	return c
}

func compareStringToSign(ours, theirs string, base *tc3Parts, theirSig string) comparison {
	part := func(i int) string {
		return [...]string{"Algorithm", "RequestTimestamp, the X-TC-Timestamp value", "CredentialScope, UTC date/service/tc3_request", "HashedCanonicalRequest: your canonical request differs (compare it with --their-canonical-request)"}[min(i, 3)]
	}
	c := compareText("string to sign", ours, theirs, part)
	if sameSignature(signSTS(base, theirs), theirSig) || sameSignature(signSTS(base, strings.TrimSuffix(strings.ReplaceAll(theirs, "\r\n", "\n"), "\n")), theirSig) {
		if c.Identical {
			c.Notes = append(c.Notes, "your string to sign gives your signature with our key derivation")
		} else {
			c.Notes = append(c.Notes, "your string to sign, signed with the correct key, gives exactly your signature: the key derivation is right, the difference above is the problem")
		}
	} else if c.Identical {
		c.Notes = append(c.Notes, "the string to sign is identical, so the difference is in step 3: the SecretKey or the key derivation (\"TC3\"+SecretKey, raw-byte HMAC keys, UTC date, service)")
	}
	return c
}

// signSTS signs a string to sign with the base's key, deriving it for the
// date and service of the string's credential scope (the base's when the
// string has none).
func signSTS(base *tc3Parts, sts string) string {
	date, service := base.date, base.service
	if lines := strings.Split(sts, "\n"); len(lines) >= 3 {
		if f := strings.Split(lines[2], "/"); len(f) == 3 {
			date, service = f[0], f[1]
		}
	}
	return tc3.SignString(base.key, date, service, sts)
}

// firstStep names the first step of the algorithm where the user's values
// differ from ours.
func firstStep(cs []comparison, matches bool) string {
	var cr, sts *comparison
	for i := range cs {
		switch cs[i].What {
		case "canonical request":
			cr = &cs[i]
		case "string to sign", "v1 string to sign":
			sts = &cs[i]
		}
	}
	switch {
	case cr != nil && !cr.Identical:
		return "step 1, the canonical request: " + cr.FirstDifference
	case sts != nil && !sts.Identical && sts.What == "v1 string to sign":
		return "the v1 string to sign: " + sts.FirstDifference
	case sts != nil && !sts.Identical:
		return "step 2, the string to sign: " + sts.FirstDifference
	case sts != nil && !matches:
		return "step 3, the signature: the string to sign is identical, so the SecretKey or the key derivation differs"
	case cr != nil && sts == nil && !matches:
		return "the canonical request is identical: the difference is in step 2 or 3 (pass --their-string-to-sign too)"
	}
	return ""
}

// compareV1 compares v1 strings to sign (one line each) and names the first
// differing part: the prefix or a parameter.
func compareV1(ours, theirs string, prefixLen int) comparison {
	c := comparison{What: "v1 string to sign"}
	if ours == theirs {
		c.Identical = true
		return c
	}
	if strings.TrimRight(theirs, "\r\n") == ours {
		c.Identical = true
		c.Notes = append(c.Notes, "your text ends with a newline; ours does not. If your code signs it with that newline, that is the bug")
		return c
	}
	i := 0
	for i < len(ours) && i < len(theirs) && ours[i] == theirs[i] {
		i++
	}
	if i < prefixLen {
		c.FirstDifference = fmt.Sprintf("in METHOD + host + path + \"?\" (ours %q)", ours[:min(prefixLen, len(ours))])
	} else {
		start := strings.LastIndexByte(ours[:i], '&') + 1
		if start < prefixLen {
			start = prefixLen
		}
		end := strings.IndexByte(ours[start:], '&')
		if end < 0 {
			end = len(ours) - start
		}
		c.FirstDifference = fmt.Sprintf("at byte %d, in parameter %q (ours %q)", i, strings.SplitN(ours[start:start+end], "=", 2)[0], ours[start:start+end])
	}
	c.Diff = lineDiff(strings.ReplaceAll(ours, "&", "\n&"), strings.ReplaceAll(theirs, "&", "\n&"))
	return c
}
