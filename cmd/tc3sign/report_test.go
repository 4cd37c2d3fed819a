package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/faceid/faceidtest"
	"github.com/tcfaceid/tcfaceid/tc3"
	"github.com/tcfaceid/tcfaceid/tc3/tc3vectors"
)

// TestVerifyGolden pins verify's report, text and JSON, for an accepted TC3
// POST, an accepted v1 request, a TC3 and a v1 signing mistake, a request
// from an SDK that signs service "127" (what serve answers too), and an
// Authorization header not in the exact layout. The values in them are
// asserted by the other verify tests; the golden files pin the layout.
func TestVerifyGolden(t *testing.T) {
	type gcase struct {
		name string
		raw  string
		now  string
	}
	var cases []gcase
	for _, name := range []string{"s1-sdk-detectauth-post", "s4-sdk-detectauth-v1-hmacsha256-post"} {
		c, err := tc3vectors.LoadCase(filepath.Join(vectorDir, name))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, gcase{"accepted-" + name, string(c.Request), strconv.FormatInt(c.Context.Timestamp, 10)})
	}
	for _, mc := range append(tc3MistakeCases(), v1MistakeCases()...) {
		switch mc.id {
		case "local-date", "v1-encoded-values":
			cases = append(cases, gcase{"mistake-" + mc.id, mc.raw(), mTS})
		}
	}
	local := postWire("application/json", mBody)
	local.host = "127.0.0.1:43083"
	cr := canon("POST", "", []string{hCT, "host:127.0.0.1:43083"}, sigCTH, mBody)
	cases = append(cases, gcase{"service-127", local.raw(authz(testID, mDate, "127", sigCTH, tc3Sig(testKey, mDate, "127", mTS, cr))), mTS})
	good := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, mBody))
	cases = append(cases, gcase{"authorization-layout", postWire("application/json", mBody).raw(
		"TC3-HMAC-SHA256 Credential=" + testID + "/" + mDate + "/faceid/tc3_request,SignedHeaders=content-type;host,Signature=" + good), mTS})

	for _, gc := range cases {
		for _, format := range []string{"text", "json"} {
			t.Run(gc.name+"/"+format, func(t *testing.T) {
				tl := newTool(t, testID, testKey)
				if gc.name == "accepted-s1-sdk-detectauth-post" || gc.name == "accepted-s4-sdk-detectauth-v1-hmacsha256-post" {
					c, _ := tc3vectors.LoadCase(filepath.Join(vectorDir, gc.name[len("accepted-"):]))
					tl = toolFor(t, c)
				}
				r := tl.run(gc.raw, "verify", "--now", gc.now, "--format", format, "-")
				if r.code == 2 {
					t.Fatalf("exit 2: %s", r.stderr)
				}
				ext := map[string]string{"text": "text", "json": "json"}[format]
				golden(t, "verify-"+gc.name+"."+ext, r.stdout)
			})
		}
	}
}

// TestVerifyAndServeOneVerdict: for the requests the official Java, PHP and
// Node.js SDKs send to an IP endpoint (service "127"), verify and the
// handler behind serve answer the same code in the same words.
func TestVerifyAndServeOneVerdict(t *testing.T) {
	local := postWire("application/json", mBody)
	local.host = "127.0.0.1:43083"
	cr := canon("POST", "", []string{hCT, "host:127.0.0.1:43083"}, sigCTH, mBody)
	raw := local.raw(authz(testID, mDate, "127", sigCTH, tc3Sig(testKey, mDate, "127", mTS, cr)))
	rep, r := verifyJSON(t, newTool(t, testID, testKey), raw)
	if r.code != 1 {
		t.Fatalf("verify: exit %d\n%s", r.code, r.stdout)
	}
	req, err := parseRawRequest([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := strconv.ParseInt(mTS, 10, 64)
	h := faceidtest.NewHandler(faceidtest.Options{Credentials: []tc3.Credentials{{SecretID: testID, SecretKey: testKey}}, Now: func() time.Time { return time.Unix(ts, 0) }})
	hr := req.httpRequest()
	hr.Body = io.NopCloser(bytes.NewReader(req.Body))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, hr)
	var out struct {
		Response struct {
			Error struct{ Code, Message string }
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("%v: %s", err, w.Body.String())
	}
	if out.Response.Error.Code != rep.Code || out.Response.Error.Message != rep.Message {
		t.Errorf("serve answers %s: %s\nverify says  %s: %s", out.Response.Error.Code, out.Response.Error.Message, rep.Code, rep.Message)
	}
}
