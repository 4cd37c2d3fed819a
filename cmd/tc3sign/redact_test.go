package main

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/tc3/tc3vectors"
)

// withSignature returns the vector's request with the value of its first
// "Signature=" (the Authorization header's, or the v1 parameter) replaced by
// sig, URL-encoded for v1, and Content-Length fixed.
func withSignature(t *testing.T, c *tc3vectors.Case, sig string) string {
	t.Helper()
	raw := string(c.Request)
	i := strings.Index(raw, "Signature=")
	if i < 0 {
		t.Fatalf("%s: no Signature= in the request", c.Name)
	}
	i += len("Signature=")
	end := i + strings.IndexAny(raw[i:]+"\n", "&\r\n ,")
	if c.IsV1() {
		sig = url.QueryEscape(sig)
	}
	raw = raw[:i] + sig + raw[end:]
	sep := strings.Index(raw, "\r\n\r\n")
	if sep < 0 {
		t.Fatalf("%s: no end of headers", c.Name)
	}
	body := raw[sep+4:]
	return regexp.MustCompile(`(?m)^Content-Length: \d+`).ReplaceAllLiteralString(raw[:sep], "Content-Length: "+strconv.Itoa(len(body))) + "\r\n\r\n" + body
}

// flipFirst changes the first character of s (to 0 or 1), as a tampered copy.
func flipFirst(s string) string {
	if s[0] == '0' {
		return "1" + s[1:]
	}
	return "0" + s[1:]
}

// TestVerifyNeverPrintsOurSignature: verify holds the key, so the signature
// it computes for a request is valid for that request. Whatever signature the
// request carries, whatever the format and the --their-* files, verify shows
// at most the first 8 characters of ours.
func TestVerifyNeverPrintsOurSignature(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			ours := c.Expected["signature"]
			tl := toolFor(t, c)
			// tl.run fails the test when any of these shows in stdout or stderr.
			tl.secrets = append(tl.secrets, ours, url.QueryEscape(ours), tc3.Escape(ours))
			now := strconv.FormatInt(c.Context.Timestamp, 10)

			// Their signature: a tampered one, and one made with a key mistake
			// that the diagnosis names.
			cred := c.Credentials()
			var keyNL string
			if c.IsV1() {
				var err error
				if keyNL, err = tc3.V1Signature(c.Context.SignatureMethod, cred.SecretKey+"\n", c.Expected["string-to-sign"]); err != nil {
					t.Fatal(err)
				}
			} else {
				scope := strings.Split(c.Expected["credential-scope"], "/")
				keyNL = tc3.SignString(cred.SecretKey+"\n", scope[0], scope[1], c.Expected["string-to-sign"])
			}
			theirFiles := []string{"--their-string-to-sign", writeFile(t, "sts.txt", c.Expected["string-to-sign"])}
			if !c.IsV1() {
				theirFiles = append(theirFiles, "--their-canonical-request", writeFile(t, "cr.txt", c.Expected["canonical-request"]))
			}
			for _, theirs := range []struct {
				name, sig, diagnosis string
			}{{"tampered", flipFirst(ours), ""}, {"key with newline", keyNL, "key-whitespace"}} {
				raw := withSignature(t, c, theirs.sig)
				for _, extra := range [][]string{nil, theirFiles} {
					args := append([]string{"verify", "--now", now}, extra...)
					txt := tl.run(raw, append(args, "-")...)
					want := "does not match ours (" + ours[:8] + "…)"
					if txt.code != 1 || !strings.Contains(txt.stdout, want) {
						t.Errorf("%s %v: exit %d, no %q in\n%s%s", theirs.name, extra, txt.code, want, txt.stdout, txt.stderr)
					}
					js := tl.run(raw, append(args, "--format", "json", "-")...)
					var rep report
					if err := json.Unmarshal([]byte(js.stdout), &rep); err != nil {
						t.Fatalf("%s: %v\n%s", theirs.name, err, js.stdout)
					}
					if rep.OurSignaturePrefix != ours[:8]+"…" || strings.Contains(js.stdout, `"our_signature"`) || rep.SignatureMatches == nil || *rep.SignatureMatches {
						t.Errorf("%s %v: our_signature_prefix %q, matches %v\n%s", theirs.name, extra, rep.OurSignaturePrefix, rep.SignatureMatches, js.stdout)
					}
					if theirs.diagnosis != "" && !strings.Contains(strings.Join(diagnosed(rep), " "), theirs.diagnosis) {
						t.Errorf("%s: diagnosis %v, want %s", theirs.name, diagnosed(rep), theirs.diagnosis)
					}
				}
			}

			// The untouched request: accepted, still only the prefix of ours
			// (their_signature shows theirs, the same value they sent).
			js := toolFor(t, c).run(string(c.Request), "verify", "--now", now, "--format", "json", "-")
			if js.code != 0 || !strings.Contains(js.stdout, `"our_signature_prefix": "`+ours[:8]+"…") {
				t.Errorf("good request: exit %d\n%s", js.code, js.stdout)
			}
		})
	}
}

// TestSignStillPrintsTheSignature: sign is asked for the signature, so its
// text output prints it whole.
func TestSignStillPrintsTheSignature(t *testing.T) {
	for _, c := range loadVectors(t) {
		r := toolFor(t, c).run("", signArgs(t, c)...)
		if r.code != 0 || !strings.Contains(r.stdout, c.Expected["signature"]) {
			t.Errorf("%s: exit %d, signature %s not in\n%s%s", c.Name, r.code, c.Expected["signature"], r.stdout, r.stderr)
		}
	}
}

func TestSigPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"a916ebb1c9d2e3f4a916ebb1c9d2e3f4a916ebb1c9d2e3f4a916ebb1c9d2e3f4": "a916ebb1…",
		"23ISLOu/tziwe1mIT79vfwii+2sQxD0ynUbFGEuexhY=":                     "23ISLOu/…",
		"abc": "abc…",
		"":    "…",
	} {
		if got := sigPrefix(in); got != want {
			t.Errorf("sigPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestVerifyHidesTokenAndValidSignature: a report never shows the token
// (TC3 or v1, text or JSON), and on an accepted request it shows only a
// prefix of the request's own signature, which is then valid.
func TestVerifyHidesTokenAndValidSignature(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				r := toolFor(t, c).run(string(c.Request), "verify", "--format", format, "--now", strconv.FormatInt(c.Context.Timestamp, 10), "-")
				if r.code != 0 {
					t.Fatalf("%s: exit %d\n%s%s", format, r.code, r.stdout, r.stderr)
				}
				if tok := c.Context.Token; tok != "" && (strings.Contains(r.stdout, tok) || strings.Contains(r.stdout, strings.ToLower(tok))) {
					t.Errorf("%s report shows the token %q:\n%s", format, tok, r.stdout)
				}
				if strings.Contains(r.stdout, c.Expected["signature"]) {
					t.Errorf("%s report of an accepted request shows its whole signature:\n%s", format, r.stdout)
				}
				if format == "json" {
					var rep report
					if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
						t.Fatal(err)
					}
					if want := sigPrefix(c.Expected["signature"]); rep.TheirSignature != want {
						t.Errorf("their_signature = %q, want the prefix %q", rep.TheirSignature, want)
					}
				}
			}
		})
	}
}

// TestVerifyUncomputedShowsPrefix: when verify cannot compute the signature
// (the request names another SecretId than the one verify holds), the
// request's signature may still be valid at the gateway, so the report
// shows only its prefix, as for an accepted request.
func TestVerifyUncomputedShowsPrefix(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			tl := toolFor(t, c)
			tl.env[envSecretID] = "AKIDSOMEONEELSE0123456789"
			sig := c.Expected["signature"]
			tl.secrets = append(tl.secrets, sig, url.QueryEscape(sig), tc3.Escape(sig))
			for _, format := range []string{"text", "json"} {
				r := tl.run(string(c.Request), "verify", "--format", format, "--now", strconv.FormatInt(c.Context.Timestamp, 10), "-")
				if r.code != 1 {
					t.Errorf("%s: exit %d, want 1 (unknown SecretId)\n%s%s", format, r.code, r.stdout, r.stderr)
				}
			}
		})
	}
}

// TestVerifyComparisonHidesToken: the comparison of the user's v1 string
// to sign with ours (first difference and diff) never shows the token,
// wherever the difference is.
func TestVerifyComparisonHidesToken(t *testing.T) {
	for _, c := range loadVectors(t) {
		tok := c.Context.Token
		if !c.IsV1() || tok == "" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			sts := c.Expected["string-to-sign"]
			for _, theirs := range []string{
				strings.Replace(sts, "Token="+tok, "Token=x"+tok, 1),               // differs in the token
				strings.Replace(sts, "Version=", "Version=0", 1),                   // differs after it
				strings.Replace(sts, "&Action=", "&Action=X", 1) + "&Token=" + tok, // a line of its own
			} {
				tl := toolFor(t, c)
				tl.secrets = append(tl.secrets, tok, tc3.Escape(tok))
				for _, format := range []string{"text", "json"} {
					r := tl.run(string(c.Request), "verify", "--format", format, "--now", strconv.FormatInt(c.Context.Timestamp, 10),
						"--their-string-to-sign", writeFile(t, "sts.txt", theirs), "-")
					if !strings.Contains(r.stdout, "string to sign") {
						t.Errorf("%s: no comparison in\n%s%s", format, r.stdout, r.stderr)
					}
				}
			}
		})
	}
}

// TestVerifyCanonicalComparisonHidesToken: when X-TC-Token is a signed
// header, the comparison of the user's canonical request with ours (first
// difference and diff) shows the token line masked.
func TestVerifyCanonicalComparisonHidesToken(t *testing.T) {
	const tok = "SESSIONTOKENEXAMPLE0123456789abcdef"
	signed := "content-type;host;x-tc-token"
	lines := []string{hCT, hHost, "x-tc-token:" + strings.ToLower(tok)}
	w := postWire("application/json", mBody)
	w.headers = append(w.headers, [2]string{"X-TC-Token", tok})
	cr := canon("POST", "", lines, signed, mBody)
	raw := w.raw(authz(testID, mDate, "faceid", signed, tc3Sig(testKey, mDate, "faceid", mTS, cr)))
	for _, theirs := range []string{
		strings.Replace(cr, "x-tc-token:", "x-tc-token: ", 1), // differs on the token line
		strings.Replace(cr, hCT, hCT+";", 1),                  // differs before it
	} {
		tl := newTool(t, testID, testKey)
		tl.env[envToken] = tok
		tl.secrets = append(tl.secrets, tok, strings.ToLower(tok))
		for _, format := range []string{"text", "json"} {
			r := tl.run(raw, "verify", "--now", mTS, "--format", format, "--their-canonical-request", writeFile(t, "cr.txt", theirs), "-")
			if !strings.Contains(r.stdout, "canonical request") {
				t.Errorf("%s: no comparison in\n%s%s", format, r.stdout, r.stderr)
			}
		}
	}
}
