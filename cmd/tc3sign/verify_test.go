package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// The broken requests below are built by an independent signer written for
// the tests (crypto/hmac directly, canonical strings by hand), each computing
// the signature the wrong way on purpose.

func hexSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func mac(h func() hash.Hash, key []byte, msg string) []byte {
	m := hmac.New(h, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// tc3Sig signs a canonical request: key chain "TC3"+key -> date -> service -> tc3_request.
func tc3Sig(key, date, service, ts, canonical string) string {
	sts := "TC3-HMAC-SHA256\n" + ts + "\n" + date + "/" + service + "/tc3_request\n" + hexSHA256(canonical)
	k := mac(sha256.New, []byte("TC3"+key), date)
	k = mac(sha256.New, k, service)
	k = mac(sha256.New, k, "tc3_request")
	return hex.EncodeToString(mac(sha256.New, k, sts))
}

// canon builds a canonical request from final header lines ("name:value").
func canon(method, query string, lines []string, signed, body string) string {
	return method + "\n/\n" + query + "\n" + strings.Join(lines, "\n") + "\n\n" + signed + "\n" + hexSHA256(body)
}

// wire is the request as sent.
type wire struct {
	method, host, target string
	headers              [][2]string // after Host and Authorization
	body                 string
}

func (w wire) raw(auth string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", w.method, w.target, w.host)
	if auth != "" {
		fmt.Fprintf(&b, "Authorization: %s\r\n", auth)
	}
	for _, h := range w.headers {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	if w.method == "POST" {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(w.body))
	}
	b.WriteString("\r\n" + w.body)
	return b.String()
}

const (
	mTS    = "1795797000" // 2026-11-27 16:30 UTC = 2026-11-28 00:30 UTC+8
	mDate  = "2026-11-27"
	mHost  = "faceid.tencentcloudapi.com"
	mBody  = `{"RuleId":"1","Name":"张三"}`
	hCT    = "content-type:application/json"
	hHost  = "host:" + mHost
	sigCTH = "content-type;host"
)

func postWire(ct, body string) wire {
	return wire{"POST", mHost, "/", [][2]string{{"Content-Type", ct}, {"X-TC-Action", "DetectAuth"}, {"X-TC-Timestamp", mTS}, {"X-TC-Version", "2018-03-01"}, {"X-TC-Region", "ap-guangzhou"}}, body}
}

func getWire(query string) wire {
	return wire{"GET", mHost, "/?" + query, [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}, {"X-TC-Action", "DetectAuth"}, {"X-TC-Timestamp", mTS}, {"X-TC-Version", "2018-03-01"}}, ""}
}

func authz(id, date, service, signed, sig string) string {
	return "TC3-HMAC-SHA256 Credential=" + id + "/" + date + "/" + service + "/tc3_request, SignedHeaders=" + signed + ", Signature=" + sig
}

// verifyJSON runs verify --format json and decodes the report.
func verifyJSON(t *testing.T, tl *tool, raw string, extra ...string) (report, result) {
	t.Helper()
	args := append([]string{"verify", "--now", mTS, "--format", "json"}, extra...)
	r := tl.run(raw, append(args, "-")...)
	var rep report
	if r.code != 2 {
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("verify json: %v\n%s%s", err, r.stdout, r.stderr)
		}
	}
	return rep, r
}

func diagnosed(rep report) []string {
	var ids []string
	for _, m := range rep.Diagnosis {
		var p []string
		for _, mk := range m.Mistakes {
			p = append(p, mk.ID)
		}
		ids = append(ids, strings.Join(p, "+"))
	}
	return ids
}

type mistakeCase struct {
	name string
	id   string // the mistake the diagnosis must name
	raw  func() string
	key  string // configured key, default testKey
}

func tc3MistakeCases() []mistakeCase {
	indented := "{\n  \"RuleId\": \"1\",\n  \"Name\": \"张三\"\n}"
	return []mistakeCase{
		{"date in UTC+8", "local-date", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, "2026-11-28", "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, "2026-11-28", "faceid", sigCTH, sig))
		}, ""},
		{"charset signed, not sent", "charset-added", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{"content-type:application/json; charset=utf-8", hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"charset sent, not signed", "charset-missing", func() string {
			w := postWire("application/json; charset=utf-8", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"header value not lower-cased", "header-case", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost, "x-tc-action:DetectAuth"}, "content-type;host;x-tc-action", mBody))
			return w.raw(authz(testID, mDate, "faceid", "content-type;host;x-tc-action", sig))
		}, ""},
		{"header value neither lower-cased nor trimmed", "header-case", func() string {
			w := postWire("application/json", mBody)
			w.headers[1][1] = " DetectAuth  " // sent as "X-TC-Action:  DetectAuth  "
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost, "x-tc-action: DetectAuth  "}, "content-type;host;x-tc-action", mBody))
			return w.raw(authz(testID, mDate, "faceid", "content-type;host;x-tc-action", sig))
		}, ""},
		{"body hashed with an added newline", "body-newline-added", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody+"\n"))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"body hashed with an added CRLF", "body-newline-added", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody+"\r\n"))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"body sent with a newline the hash lacks", "body-newline-stripped", func() string {
			w := postWire("application/json", mBody+"\n")
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"body hashed compact, sent indented", "body-reserialised", func() string {
			w := postWire("application/json", indented)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"body hashed indented, sent compact", "body-reserialised", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, indented))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"body hashed as re-marshalled by Go", "body-reserialised", func() string {
			sent := `{"RuleId":"1","RedirectUrl":"https://example.com/cb?a=1&b=2"}`
			m := map[string]string{}
			json.Unmarshal([]byte(sent), &m)
			remarshalled, _ := json.Marshal(m) // keys sorted, & as \u0026
			w := postWire("application/json", sent)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, string(remarshalled)))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"query signed with %20, sent with +", "query-encoding", func() string {
			w := getWire("Name=%E5%BC%A0+%E4%B8%89&RuleId=1")
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("GET", "Name=%E5%BC%A0%20%E4%B8%89&RuleId=1", []string{"content-type:application/x-www-form-urlencoded", hHost}, sigCTH, ""))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"query signed with +, sent with %20", "query-encoding", func() string {
			w := getWire("Name=%E5%BC%A0%20%E4%B8%89&RuleId=1")
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("GET", "Name=%E5%BC%A0+%E4%B8%89&RuleId=1", []string{"content-type:application/x-www-form-urlencoded", hHost}, sigCTH, ""))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"query signed decoded", "query-encoding", func() string {
			w := getWire("Name=%E5%BC%A0&RuleId=1")
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("GET", "Name=张&RuleId=1", []string{"content-type:application/x-www-form-urlencoded", hHost}, sigCTH, ""))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"query signed re-sorted", "query-order", func() string {
			w := getWire("RuleId=1&Name=x")
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("GET", "Name=x&RuleId=1", []string{"content-type:application/x-www-form-urlencoded", hHost}, sigCTH, ""))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"service from the region label", "wrong-service", func() string {
			w := postWire("application/json", mBody)
			w.host = "faceid.ap-guangzhou.tencentcloudapi.com"
			sig := tc3Sig(testKey, mDate, "ap-guangzhou", mTS, canon("POST", "", []string{hCT, "host:" + w.host}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "ap-guangzhou", sigCTH, sig))
		}, ""},
		{"service tencentcloudapi", "wrong-service", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "tencentcloudapi", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "tencentcloudapi", sigCTH, sig))
		}, ""},
		{"secret key with a trailing newline", "key-whitespace", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey+"\n", mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"secret key with a leading space", "key-whitespace", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(" "+testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"signature hex in upper case", "hex-uppercase", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, strings.ToUpper(sig)))
		}, ""},
		{"x-tc-action signed but not announced", "signed-headers", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost, "x-tc-action:detectauth"}, "content-type;host;x-tc-action", mBody))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"x-tc-action announced but not signed", "signed-headers", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, mDate, "faceid", "content-type;host;x-tc-action", sig))
		}, ""},
		{"derived keys as hex text", "hex-keys", func() string {
			w := postWire("application/json", mBody)
			cr := canon("POST", "", []string{hCT, hHost}, sigCTH, mBody)
			sts := "TC3-HMAC-SHA256\n" + mTS + "\n" + mDate + "/faceid/tc3_request\n" + hexSHA256(cr)
			k := []byte(hex.EncodeToString(mac(sha256.New, []byte("TC3"+testKey), mDate)))
			k = []byte(hex.EncodeToString(mac(sha256.New, k, "faceid")))
			k = []byte(hex.EncodeToString(mac(sha256.New, k, "tc3_request")))
			return w.raw(authz(testID, mDate, "faceid", sigCTH, hex.EncodeToString(mac(sha256.New, k, sts))))
		}, ""},
		{"canonical request with a trailing newline", "canonical-layout", func() string {
			w := postWire("application/json", mBody)
			sig := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody)+"\n")
			return w.raw(authz(testID, mDate, "faceid", sigCTH, sig))
		}, ""},
		{"two mistakes: local date and charset", "local-date+charset-missing", func() string {
			w := postWire("application/json; charset=utf-8", mBody)
			sig := tc3Sig(testKey, "2026-11-28", "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
			return w.raw(authz(testID, "2026-11-28", "faceid", sigCTH, sig))
		}, ""},
	}
}

// v1 helpers: parameters are encoded on the wire per RFC 3986.
func v1Escape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

func v1Wire(method string, params map[string]string) wire {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		pairs = append(pairs, k+"="+v1Escape(params[k]))
	}
	enc := strings.Join(pairs, "&")
	if method == "GET" {
		return wire{"GET", mHost, "/?" + enc, nil, ""}
	}
	return wire{"POST", mHost, "/", [][2]string{{"Content-Type", "application/x-www-form-urlencoded"}}, enc}
}

func v1Params() map[string]string {
	return map[string]string{"Action": "DetectAuth", "Nonce": "123", "Region": "ap-guangzhou", "RuleId": "1", "Name": "张 三", "RedirectUrl": "https://example.com/cb?a=1",
		"SecretId": testID, "Timestamp": mTS, "Version": "2018-03-01", "SignatureMethod": "HmacSHA256"}
}

func joinSorted(params map[string]string, enc func(string) string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var pairs []string
	for _, k := range keys {
		pairs = append(pairs, k+"="+enc(params[k]))
	}
	return strings.Join(pairs, "&")
}

func v1MistakeCases() []mistakeCase {
	id := func(s string) string { return s }
	sign := func(h func() hash.Hash, key, sts string) string {
		return base64.StdEncoding.EncodeToString(mac(h, []byte(key), sts))
	}
	return []mistakeCase{
		{"v1 string to sign from encoded values", "v1-encoded-values", func() string {
			p := v1Params()
			p["Signature"] = sign(sha256.New, testKey, "GET"+mHost+"/?"+joinSorted(p, v1Escape))
			return v1Wire("GET", p).raw("")
		}, ""},
		{"v1 string to sign without host and path", "v1-no-host-path", func() string {
			p := v1Params()
			p["Signature"] = sign(sha256.New, testKey, "GET?"+joinSorted(p, id))
			return v1Wire("GET", p).raw("")
		}, ""},
		{"v1 HmacSHA256 without SignatureMethod", "v1-other-hash", func() string {
			p := v1Params()
			delete(p, "SignatureMethod")
			p["Signature"] = sign(sha256.New, testKey, "POST"+mHost+"/?"+joinSorted(p, id))
			return v1Wire("POST", p).raw("")
		}, ""},
		{"v1 HmacSHA1 with SignatureMethod=HmacSHA256", "v1-other-hash", func() string {
			p := v1Params()
			p["Signature"] = sign(sha1.New, testKey, "POST"+mHost+"/?"+joinSorted(p, id))
			return v1Wire("POST", p).raw("")
		}, ""},
		{"v1 key with a trailing newline", "key-whitespace", func() string {
			p := v1Params()
			p["Signature"] = sign(sha256.New, testKey+"\n", "GET"+mHost+"/?"+joinSorted(p, id))
			return v1Wire("GET", p).raw("")
		}, ""},
		{"v1 Signature not URL-encoded", "v1-signature-not-encoded", func() string {
			for n := 1; ; n++ {
				p := v1Params()
				p["Nonce"] = strconv.Itoa(n)
				sig := sign(sha256.New, testKey, "GET"+mHost+"/?"+joinSorted(p, id))
				if !strings.Contains(sig, "+") {
					continue
				}
				w := v1Wire("GET", p)
				w.target += "&Signature=" + sig // raw, not encoded
				return w.raw("")
			}
		}, ""},
	}
}

// TestVerifyNamesEachCommonMistake: one broken request per mistake; the
// diagnosis must name it.
func TestVerifyNamesEachCommonMistake(t *testing.T) {
	for _, mc := range append(tc3MistakeCases(), v1MistakeCases()...) {
		t.Run(mc.name, func(t *testing.T) {
			tl := newTool(t, testID, testKey)
			raw := mc.raw()
			rep, r := verifyJSON(t, tl, raw)
			if r.code != 1 || rep.Verdict != "rejected" || !strings.HasPrefix(rep.Code, "AuthFailure.") {
				t.Fatalf("exit %d, verdict %q, code %q\n%s%s", r.code, rep.Verdict, rep.Code, r.stdout, r.stderr)
			}
			ids := diagnosed(rep)
			found := false
			for _, id := range ids {
				found = found || id == mc.id
			}
			if !found {
				t.Fatalf("diagnosis %v does not name %s\n%s", ids, mc.id, r.stdout)
			}
			// The text output names it too, with a fix.
			txt := tl.run(raw, "verify", "--now", mTS)
			for _, id := range strings.Split(mc.id, "+") {
				if !strings.Contains(txt.stdout, "["+id+"] ") {
					t.Errorf("text output lacks [%s]:\n%s", id, txt.stdout)
				}
			}
			if txt.code != 1 || !strings.Contains(txt.stdout, "fix: ") || !strings.Contains(txt.stdout, "\nVerdict: rejected: AuthFailure.") {
				t.Errorf("text output: exit %d\n%s", txt.code, txt.stdout)
			}
			if rep.SignatureMethod == "TC3-HMAC-SHA256" && !strings.Contains(txt.stdout, "----- canonical request -----\n") {
				t.Errorf("text output lacks our canonical request:\n%s", txt.stdout)
			}
		})
	}
}

// TestVerifyStructureFindings: the structural problems are named before the signature.
func TestVerifyStructureFindings(t *testing.T) {
	tl := newTool(t, testID, testKey)
	find := func(rep report, check, status, substr string) bool {
		for _, f := range rep.Findings {
			if f.Check == check && f.Status == status && strings.Contains(f.Message, substr) {
				return true
			}
		}
		return false
	}
	cr := canon("POST", "", []string{hCT, hHost}, sigCTH, mBody)
	w := postWire("application/json", mBody)

	rep, _ := verifyJSON(t, tl, w.raw(authz(testID, "2026-11-28", "faceid", sigCTH, tc3Sig(testKey, "2026-11-28", "faceid", mTS, cr))))
	if !find(rep, "scope-date", "fail", "UTC+8") {
		t.Errorf("local scope date not flagged: %+v", rep.Findings)
	}
	regional := w
	regional.host = "faceid.ap-guangzhou.tencentcloudapi.com"
	rep, _ = verifyJSON(t, tl, regional.raw(authz(testID, mDate, "ap-guangzhou", sigCTH, strings.Repeat("0", 64))))
	if !find(rep, "service", "fail", "label 2 of the host") {
		t.Errorf("region label as service not flagged: %+v", rep.Findings)
	}
	rep, _ = verifyJSON(t, tl, w.raw(authz(testID, mDate, "faceid", "host", strings.Repeat("0", 64))))
	if !find(rep, "signed-headers", "fail", "must include content-type and host") {
		t.Errorf("SignedHeaders without content-type not flagged: %+v", rep.Findings)
	}
	noTS := w
	noTS.headers = [][2]string{{"Content-Type", "application/json"}, {"X-TC-Action", "DetectAuth"}}
	rep, r := verifyJSON(t, tl, noTS.raw(authz(testID, mDate, "faceid", sigCTH, strings.Repeat("0", 64))))
	if r.code != 1 || !find(rep, "timestamp", "fail", "missing") || rep.Code != "MissingParameter" {
		t.Errorf("missing X-TC-Timestamp: exit %d code %s %+v", r.code, rep.Code, rep.Findings)
	}
	msTS := w
	msTS.headers = [][2]string{{"Content-Type", "application/json"}, {"X-TC-Timestamp", mTS + "000"}}
	rep, _ = verifyJSON(t, tl, msTS.raw(authz(testID, mDate, "faceid", sigCTH, strings.Repeat("0", 64))))
	if !find(rep, "timestamp", "fail", "milliseconds") {
		t.Errorf("millisecond timestamp not flagged: %+v", rep.Findings)
	}
	rep, r = verifyJSON(t, tl, w.raw(authz("AKIDOTHER", mDate, "faceid", sigCTH, tc3Sig(testKey, mDate, "faceid", mTS, cr))))
	if r.code != 1 || rep.Code != "AuthFailure.SecretIdNotFound" || !find(rep, "secret-id", "fail", "AKIDOTHER") {
		t.Errorf("other SecretId: exit %d code %s %+v", r.code, rep.Code, rep.Findings)
	}
	// An old capture: the signature is right, the clock is not.
	good := w.raw(authz(testID, mDate, "faceid", sigCTH, tc3Sig(testKey, mDate, "faceid", mTS, cr)))
	tl.now = time.Unix(1795797000+3600, 0)
	r = tl.run(good, "verify", "-")
	if r.code != 1 || !strings.Contains(r.stdout, "--now "+mTS) || !strings.Contains(r.stdout, "Signature matches ours") || !strings.Contains(r.stdout, "AuthFailure.SignatureExpire") {
		t.Errorf("old capture without --now: exit %d\n%s", r.code, r.stdout)
	}
	tl.now = fixedNow
	if rep, r := verifyJSON(t, tl, good); r.code != 0 || rep.Verdict != "accepted" || rep.SignatureMatches == nil || !*rep.SignatureMatches {
		t.Errorf("good request: exit %d %+v", r.code, rep)
	}
}

func TestVerifyEveryVector(t *testing.T) {
	for _, c := range loadVectors(t) {
		t.Run(c.Name, func(t *testing.T) {
			tl := toolFor(t, c)
			now := strconv.FormatInt(c.Context.Timestamp, 10)
			r := tl.run(string(c.Request), "verify", "--now", now)
			if r.code != 0 || !strings.HasSuffix(r.stdout, "Verdict: accepted: the gateway would accept this request\n") {
				t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			// The same capture with LF line endings, as pasted.
			lf := strings.Replace(string(c.Request), "\r\n", "\n", strings.Count(string(c.Request[:bytes.Index(c.Request, []byte("\r\n\r\n"))+4]), "\r\n"))
			if r := tl.run(lf, "verify", "--now", now, "--format", "json"); r.code != 0 || !strings.Contains(r.stdout, `"line_endings": "LF"`) {
				t.Errorf("LF copy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			// An absolute-form request line, as Fiddler shows it.
			abs := strings.Replace(string(c.Request), " /", " https://"+strings.SplitN(strings.SplitN(string(c.Request), "Host: ", 2)[1], "\r\n", 2)[0]+"/", 1)
			if r := tl.run(abs, "verify", "--now", now); r.code != 0 {
				t.Errorf("absolute-form copy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			// A byte of the body or the signature changed: rejected.
			broken := []byte(string(c.Request))
			i := bytes.Index(broken, []byte("Signature=")) + len("Signature=")
			if broken[i] == '0' {
				broken[i] = '1'
			} else {
				broken[i] = '0'
			}
			if r := tl.run(string(broken), "verify", "--now", now); r.code != 1 {
				t.Errorf("modified request: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// TestDiagnosisBuildersAgreeWithTC3: with no mistake applied, the variant
// builders compute exactly tc3's signature for every vector.
func TestDiagnosisBuildersAgreeWithTC3(t *testing.T) {
	for _, c := range loadVectors(t) {
		req, err := parseRawRequest(c.Request)
		if err != nil {
			t.Fatal(err)
		}
		cred := c.Credentials()
		if c.IsV1() {
			raw := req.RawQuery
			if req.Method == "POST" {
				raw = string(req.Body)
			}
			pairs, err := splitV1Params(raw)
			if err != nil {
				t.Fatal(err)
			}
			path, _ := url.PathUnescape(req.Path)
			base := v1Base(req.Method, req.Host, path, pairs, cred.SecretKey)
			if base.stringToSign() != c.Expected["string-to-sign"] || base.signature() != c.Expected["signature"] {
				t.Errorf("%s: v1 builder %q %q", c.Name, base.stringToSign(), base.signature())
			}
			continue
		}
		header, _ := req.Get("Authorization")
		auth, err := tc3.ParseAuthorization(header)
		if err != nil {
			t.Fatal(err)
		}
		ts, _ := req.Get("X-TC-Timestamp")
		base := tc3Base(req, auth, cred, c.Context.Service, ts, c.Context.Timestamp)
		if base.canonicalRequest() != c.Expected["canonical-request"] || base.stringToSign() != c.Expected["string-to-sign"] || base.signature() != c.Expected["signature"] {
			t.Errorf("%s: tc3 builder differs:\n%q\n%q", c.Name, base.canonicalRequest(), base.signature())
		}
	}
}

func TestVerifyTheirIntermediates(t *testing.T) {
	tl := newTool(t, testID, testKey)
	w := postWire("application/json; charset=utf-8", mBody)
	theirCR := canon("POST", "", []string{hCT, hHost}, sigCTH, mBody)
	theirSTS := "TC3-HMAC-SHA256\n" + mTS + "\n" + mDate + "/faceid/tc3_request\n" + hexSHA256(theirCR)
	raw := w.raw(authz(testID, mDate, "faceid", sigCTH, tc3Sig(testKey, mDate, "faceid", mTS, theirCR)))
	crFile, stsFile := writeFile(t, "cr.txt", theirCR), writeFile(t, "sts.txt", theirSTS+"\n")

	rep, r := verifyJSON(t, tl, raw, "--their-canonical-request", crFile, "--their-string-to-sign", stsFile)
	if r.code != 1 || len(rep.Comparisons) != 2 {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	crc := rep.Comparisons[0]
	if crc.Identical || !strings.Contains(crc.FirstDifference, "line 4 (CanonicalHeaders: content-type") || !diffHas(crc.Diff, "-", `"content-type:application/json; charset=utf-8",`) || !diffHas(crc.Diff, "+", `"content-type:application/json",`) {
		t.Errorf("canonical request comparison: %+v", crc)
	}
	if !strings.Contains(strings.Join(crc.Notes, " "), "gives exactly your signature") {
		t.Errorf("canonical request comparison notes: %v", crc.Notes)
	}
	if !strings.HasPrefix(rep.FirstDifference, "step 1, the canonical request: line 4") {
		t.Errorf("first difference %q", rep.FirstDifference)
	}
	if sts := rep.Comparisons[1]; sts.Identical || !strings.Contains(sts.FirstDifference, "line 4 (HashedCanonicalRequest") {
		t.Errorf("string to sign comparison: %+v", sts)
	}
	txt := tl.run(raw, "verify", "--now", mTS, "--their-canonical-request", crFile, "-")
	if !strings.Contains(txt.stdout, "Your canonical request vs ours:\n  first difference: line 4") || !strings.Contains(txt.stdout, "First step that differs: step 1") || strings.Contains(txt.stdout, "\u00a0") {
		t.Errorf("text output:\n%s", txt.stdout)
	}

	// Their intermediates are right but the key is not: step 3.
	w = postWire("application/json", mBody)
	goodCR := canon("POST", "", []string{hCT, hHost}, sigCTH, mBody)
	goodSTS := "TC3-HMAC-SHA256\n" + mTS + "\n" + mDate + "/faceid/tc3_request\n" + hexSHA256(goodCR)
	raw = w.raw(authz(testID, mDate, "faceid", sigCTH, tc3Sig("ANOTHERKEY", mDate, "faceid", mTS, goodCR)))
	rep, _ = verifyJSON(t, tl, raw, "--their-canonical-request", writeFile(t, "cr.txt", goodCR), "--their-string-to-sign", writeFile(t, "sts.txt", goodSTS))
	if !strings.HasPrefix(rep.FirstDifference, "step 3") || len(rep.Diagnosis) != 0 {
		t.Errorf("wrong key: first difference %q, diagnosis %v", rep.FirstDifference, diagnosed(rep))
	}
	// A CRLF file with the right content is reported as such, not as a diff.
	rep, _ = verifyJSON(t, tl, raw, "--their-canonical-request", writeFile(t, "cr.txt", strings.ReplaceAll(goodCR, "\n", "\r\n")))
	if c := rep.Comparisons[0]; !c.Identical || !strings.Contains(strings.Join(c.Notes, ""), "CRLF") {
		t.Errorf("CRLF file: %+v", c)
	}
}

func TestVerifyV1TheirStringToSign(t *testing.T) {
	tl := newTool(t, testID, testKey)
	p := v1Params()
	theirs := "GET" + mHost + "/?" + joinSorted(p, v1Escape)
	p["Signature"] = base64.StdEncoding.EncodeToString(mac(sha256.New, []byte(testKey), theirs))
	rep, r := verifyJSON(t, tl, v1Wire("GET", p).raw(""), "--their-string-to-sign", writeFile(t, "sts.txt", theirs))
	if r.code != 1 || len(rep.Comparisons) != 1 || !strings.Contains(rep.Comparisons[0].FirstDifference, `in parameter "Name"`) || !strings.HasPrefix(rep.FirstDifference, "the v1 string to sign") {
		t.Errorf("exit %d %+v", r.code, rep.Comparisons)
	}
}

// diffHas reports whether the go-cmp diff has a line starting with sign
// (after indentation) whose text is want.
func diffHas(diff, sign, want string) bool {
	for _, l := range strings.Split(diff, "\n") {
		l = strings.TrimLeft(l, " ")
		if strings.HasPrefix(l, sign) && strings.TrimSpace(l[1:]) == want {
			return true
		}
	}
	return false
}
