//go:build linux

package main

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// browserWait bounds each wait for the page; generous, for a loaded CI machine.
const browserWait = 30 * time.Second

var screenshots = flag.Bool("screenshots", false, "write the browser test's screenshots to testdata/screenshots")

// TestInspectorInBrowser drives the inspector page in headless Chromium
// (Debian's chromium package) over the DevTools protocol: the page is
// opened, a client sends one good and one badly signed call (the
// local-date mistake), both appear without a reload, the bad one names its
// mistake, the paste box diffs the client's string to sign, a pasted raw
// request gets its verdict, and the signing form gives a curl line. The
// page must report no JavaScript error and no blocked resource.
func TestInspectorInBrowser(t *testing.T) {
	b := startBrowser(t)

	// serve's clock runs from 16:30 UTC, when UTC+8 is already the next
	// day: the client's local-date mistake changes its signature.
	start := time.Now()
	var mu sync.Mutex
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return inspectBase.Add(time.Since(start))
	}
	addr, _ := serveForTest(t, clock)

	p := b.newTab(t, 1280, 820)
	p.navigate("http://" + addr + "/") // a person types the address: sent to the page
	if got := p.text("h1"); !strings.Contains(got, "request inspector") {
		t.Fatalf("page heading %q", got)
	}
	var loc string
	p.mustEval("location.pathname", &loc)
	if loc != inspectPrefix {
		t.Errorf("opened at %s, want %s", loc, inspectPrefix)
	}
	p.waitFor(`document.getElementById("live").classList.contains("on")`, browserWait)
	// A mark that survives only if the page is never reloaded.
	p.mustEval(`window.__sameDocument = "yes"`, nil)
	if n := p.text("#count"); n != "0" {
		t.Fatalf("requests before any call: %q", n)
	}

	// The client: one good call, one with the credential-scope date in UTC+8.
	ts := clock().Unix()
	if r := goodCall(ts).send(t, addr); r["Error"] != nil {
		t.Fatalf("good call refused: %v", r)
	}
	if r := localDateCall(ts).send(t, addr); r["Error"] == nil {
		t.Fatalf("local-date call accepted: %v", r)
	}
	p.waitFor(`document.querySelectorAll("#requests tbody tr").length === 2`, browserWait)
	var same string
	p.mustEval(`window.__sameDocument`, &same)
	if same != "yes" {
		t.Fatal("the page was reloaded to show the new requests")
	}
	var rows [][]string
	p.mustEval(`Array.from(document.querySelectorAll("#requests tbody tr")).map(tr => Array.from(tr.cells).map(td => td.textContent))`, &rows)
	if len(rows) != 2 || rows[0][0] != "2" || rows[0][4] != "AuthFailure.SignatureFailure" || !strings.Contains(rows[0][2], "mistake: local-date") ||
		rows[1][0] != "1" || rows[1][4] != "accepted" || rows[1][2] != "DetectAuth" || rows[1][5] != "OK: BizToken, Url" {
		t.Errorf("list rows (newest first): %q", rows)
	}
	if n := p.text("#count"); n != "2" {
		t.Errorf("count %q", n)
	}
	p.waitFor(`!document.querySelector("#requests tr.new")`, browserWait) // the arrival highlight has faded
	var listBottom int
	p.mustEval(`Math.ceil(document.getElementById("detail").getBoundingClientRect().bottom) + 12`, &listBottom)
	listShot := p.screenshot(listBottom)

	// Open the bad one: the named mistake and its fix.
	p.mustEval(`document.querySelector('#requests tbody tr[data-verdict="AuthFailure.SignatureFailure"]').click()`, nil)
	p.waitFor(`document.querySelector("#detail .mistake")`, browserWait)
	if id := p.text("#detail .mistake .id"); id != "local-date" {
		t.Errorf("named mistake %q, want local-date", id)
	}
	mistake := p.text("#detail .mistake")
	for _, want := range []string{"credential-scope date computed in local time (UTC+8: 2026-11-28) instead of UTC (2026-11-27)", "derive the date from the same timestamp in UTC"} {
		if !strings.Contains(mistake, want) {
			t.Errorf("mistake box %q lacks %q", mistake, want)
		}
	}
	if v := p.text("#detail .verdict"); !strings.HasPrefix(v, "Rejected: AuthFailure.SignatureFailure") {
		t.Errorf("verdict %q", v)
	}
	var failed []string
	p.mustEval(`Array.from(document.querySelectorAll("#detail tr.finding-fail td.check")).map(td => td.textContent)`, &failed)
	if strings.Join(failed, ",") != "scope-date,signature" {
		t.Errorf("failed checks shown: %q", failed)
	}
	failedShot := p.screenshot(0)

	// The paste box: the client's string to sign, with its UTC+8 scope.
	var sts string
	p.mustEval(`document.querySelectorAll("#detail pre")[1].textContent`, &sts) // ours
	theirs := strings.Replace(sts, "2026-11-27/faceid", "2026-11-28/faceid", 1)
	if theirs == sts {
		t.Fatalf("our string to sign has no 2026-11-27 scope: %q", sts)
	}
	p.mustEval(`document.querySelector("#detail textarea.their-sts").value = `+jsString(theirs), nil)
	p.mustEval(`document.querySelector("#detail form.compare button[type=submit]").click()`, nil)
	p.waitFor(`document.querySelector("#detail form.compare .first-diff")`, browserWait)
	if fd := p.text("#detail form.compare .first-diff"); !strings.Contains(fd, "step 2, the string to sign: line 3 (CredentialScope") {
		t.Errorf("first difference %q", fd)
	}
	var diff []string
	p.mustEval(`Array.from(document.querySelectorAll("#detail form.compare pre.diff span.del, #detail form.compare pre.diff span.add")).map(s => s.className + " " + s.textContent)`, &diff)
	if len(diff) != 2 || !strings.HasPrefix(diff[0], "del -") || !strings.Contains(diff[0], "2026-11-27/faceid") || !strings.HasPrefix(diff[1], "add +") || !strings.Contains(diff[1], "2026-11-28/faceid") {
		t.Errorf("diff lines %q", diff)
	}

	// The raw-request form: a capture with the charset mistake, judged at
	// its own timestamp.
	var charset mistakeCase
	for _, c := range tc3MistakeCases() {
		if c.id == "charset-added" {
			charset = c
		}
	}
	p.mustEval(`document.getElementById("tab-btn-check").click()`, nil)
	p.mustEval(`document.getElementById("raw").value = `+jsString(charset.raw()), nil)
	p.mustEval(`document.querySelector('#check-form input[name=now][value=request]').checked = true`, nil)
	p.mustEval(`document.getElementById("check-submit").click()`, nil)
	p.waitFor(`document.querySelector("#check-result .verdict")`, browserWait)
	if v := p.text("#check-result .verdict"); !strings.HasPrefix(v, "Rejected: AuthFailure.SignatureFailure") {
		t.Errorf("raw request verdict %q", v)
	}
	if id := p.text("#check-result .mistake .id"); id != "charset-added" {
		t.Errorf("raw request mistake %q, want charset-added", id)
	}
	checkShot := p.screenshot(0)

	// The same form with a file: a capture of a good call, CRLF line
	// endings kept byte for byte, judged now.
	good := goodCall(clock().Unix()).request(t, addr)
	var capture bytes.Buffer
	if err := good.Write(&capture); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "capture.http")
	if err := os.WriteFile(file, capture.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	p.mustEval(`document.getElementById("check-result").replaceChildren(); document.getElementById("raw").value = ""`, nil)
	p.mustEval(`document.querySelector('#check-form input[name=now][value=""]').checked = true`, nil)
	p.setFile("#raw-file", file)
	p.waitFor(`document.getElementById("raw").value.includes("Host: `+addr+`")`, browserWait)
	p.mustEval(`document.getElementById("check-submit").click()`, nil)
	p.waitFor(`document.querySelector("#check-result .verdict")`, browserWait)
	if v := p.text("#check-result .verdict"); !strings.HasPrefix(v, "Accepted") {
		t.Errorf("verdict on the file %q: %q", file, v)
	}
	if le := p.text("#check-result .kv"); !strings.Contains(le, "body14 bytes") {
		t.Errorf("file capture summary %q", le)
	}

	// The signing form: every intermediate and a curl line; derived keys hidden.
	p.mustEval(`document.getElementById("tab-btn-sign").click()`, nil)
	p.mustEval(`document.getElementById("sign-submit").click()`, nil)
	p.waitFor(`document.querySelector("#sign-result h2")`, browserWait)
	signed := p.text("#sign-result")
	for _, want := range []string{"Step 1: canonical request", "Step 2: string to sign", "start serve with --show-derived-keys", "curl -sS 'https://faceid.tencentcloudapi.com/'", "Authorization: TC3-HMAC-SHA256 Credential=" + testID + "/"} {
		if !strings.Contains(signed, want) {
			t.Errorf("signing result lacks %q", want)
		}
	}
	if strings.Contains(signed, testKey) {
		t.Error("the signing form shows the SecretKey")
	}
	signShot := p.screenshot(0)

	p.mustEval(`window.__sameDocument`, &same)
	if same != "yes" {
		t.Error("the page was reloaded")
	}
	if errs := b.pageErrors(); len(errs) > 0 {
		t.Errorf("the page reported errors: %q", errs)
	}

	for _, s := range []struct {
		name   string
		png    []byte
		height int
	}{{"inspector-list.png", listShot, listBottom}, {"inspector-failed-request.png", failedShot, 820}, {"inspector-raw-request.png", checkShot, 820}, {"inspector-sign.png", signShot, 820}} {
		img, err := png.Decode(bytes.NewReader(s.png))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != s.height {
			t.Errorf("%s is %v, want 1280x%d", s.name, b, s.height)
		}
		dir := t.TempDir()
		if *screenshots {
			dir = filepath.Join("testdata", "screenshots")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, s.name), s.png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
