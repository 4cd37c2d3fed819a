package main

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The two signers of testdata/signers are real programs with real bugs:
// a C hex encoder that stops at strlen() of the binary HMAC, and a bash
// signer that keeps the derived keys in shell variables. The tests run them
// when cc, bash, openssl and xxd are installed, and check that verify names
// the mistake. Without the tools they check the same requests against the
// model of the bug (cutAtNUL, shellMangle), which the tool run validates.

// cStrlenHex runs testdata/signers/strlen_hex.c on a raw digest; ok is false
// when no C compiler is installed.
func cStrlenHex(t *testing.T, digest []byte) (string, bool) {
	t.Helper()
	cc, err := exec.LookPath("cc")
	if err != nil {
		return "", false
	}
	bin := filepath.Join(t.TempDir(), "strlen_hex")
	if out, err := exec.Command(cc, "-o", bin, filepath.Join("testdata", "signers", "strlen_hex.c")).CombinedOutput(); err != nil {
		t.Fatalf("cc: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(digest)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("strlen_hex: %v", err)
	}
	return string(out), true
}

func TestVerifyNamesCStrlenTruncation(t *testing.T) {
	tl := newTool(t, testID, testKey)
	// Find a body whose correct signature has a 0x00 byte (about 12%).
	var body, sig string
	for i := 0; i < 1000 && sig == ""; i++ {
		b := fmt.Sprintf(`{"RuleId":"%d"}`, i)
		s := tc3Sig(testKey, mDate, "faceid", mTS, canon("POST", "", []string{hCT, hHost}, sigCTH, b))
		if _, ok := cutAtNUL(s); ok {
			body, sig = b, s
		}
	}
	if sig == "" {
		t.Fatal("no signature with a 0x00 byte in 1000 bodies")
	}
	digest, _ := hex.DecodeString(sig)
	short, _ := cutAtNUL(sig)
	if c, ok := cStrlenHex(t, digest); ok && c != short {
		t.Fatalf("the C signer wrote %q, the model %q", c, short)
	} else if ok {
		short = c
	}
	raw := postWire("application/json", body).raw(authz(testID, mDate, "faceid", sigCTH, short))
	rep, r := verifyJSON(t, tl, raw)
	if r.code != 1 || rep.Code != "AuthFailure.SignatureFailure" {
		t.Fatalf("exit %d, code %s: want 1, AuthFailure.SignatureFailure (a parseable request the gateway refuses)\n%s%s", r.code, rep.Code, r.stdout, r.stderr)
	}
	if got := diagnosed(rep); len(got) == 0 || got[0] != "c-strlen-hex" {
		t.Errorf("diagnosis %v, want c-strlen-hex", got)
	}
	text := tl.run(raw, "verify", "--now", mTS, "-")
	if !strings.Contains(text.stdout, fmt.Sprintf("%d hex characters, not 64", len(short))) || !strings.Contains(text.stdout, "strlen") {
		t.Errorf("text report does not name the truncation:\n%s", text.stdout)
	}
}

func TestVerifyNamesShellBinaryKeys(t *testing.T) {
	// Find a key whose derived keys a shell mangles for mDate (about 30%).
	var key string
	for i := 0; i < 200 && key == ""; i++ {
		k := fmt.Sprintf("ShellSignerTestKey%04d", i)
		kd := mac(sha256.New, []byte("TC3"+k), mDate)
		ks := mac(sha256.New, kd, "faceid")
		kg := mac(sha256.New, ks, "tc3_request")
		for _, b := range [][]byte{kd, ks, kg} {
			if !bytes.Equal(shellMangle(b), b) {
				key = k
			}
		}
	}
	if key == "" {
		t.Fatal("no mangled key in 200")
	}
	cr := canon("POST", "", []string{hCT, hHost}, sigCTH, mBody)
	sts := "TC3-HMAC-SHA256\n" + mTS + "\n" + mDate + "/faceid/tc3_request\n" + hexSHA256(cr)
	// The model of the bug, then the real bash signer when it can run.
	want := func() string {
		kd := shellMangle(mac(sha256.New, []byte("TC3"+key), mDate))
		ks := shellMangle(mac(sha256.New, kd, "faceid"))
		kg := shellMangle(mac(sha256.New, ks, "tc3_request"))
		return hex.EncodeToString(mac(sha256.New, kg, sts))
	}()
	sig := want
	if haveTools("bash", "openssl", "xxd") {
		cmd := exec.Command("bash", filepath.Join("testdata", "signers", "shell_binary_keys.sh"))
		cmd.Env = append(os.Environ(), "SECRET_KEY="+key, "DATE="+mDate, "SERVICE=faceid")
		cmd.Stdin = strings.NewReader(sts)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("shell signer: %v", err)
		}
		if got := strings.TrimSpace(string(out)); got != want {
			t.Fatalf("the shell signer gives %s, the model %s", got, want)
		}
	}
	tl := newTool(t, testID, key)
	rep, r := verifyJSON(t, tl, postWire("application/json", mBody).raw(authz(testID, mDate, "faceid", sigCTH, sig)))
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	if got := diagnosed(rep); len(got) != 1 || got[0] != "shell-binary-keys" {
		t.Errorf("diagnosis %v, want shell-binary-keys", got)
	}
}

func haveTools(names ...string) bool {
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			return false
		}
	}
	return true
}

func TestVerifyNamesV1SignatureNewline(t *testing.T) {
	tl := newTool(t, testID, testKey)
	params := "Action=DetectAuth&Nonce=1&RuleId=1&SecretId=" + testID + "&SignatureMethod=HmacSHA1&Timestamp=" + mTS + "&Version=2018-03-01"
	sts := "GET" + mHost + "/?" + params
	sig := base64.StdEncoding.EncodeToString(mac(sha1.New, []byte(testKey), sts))
	raw := "GET /?" + params + "&Signature=" + strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(sig) + "%0A HTTP/1.1\r\nHost: " + mHost + "\r\n\r\n"
	rep, r := verifyJSON(t, tl, raw)
	if r.code != 1 || !strings.Contains(rep.Message, "Base64.encode64") {
		t.Errorf("exit %d, %s: %s", r.code, rep.Code, rep.Message)
	}
	if got := diagnosed(rep); len(got) != 1 || got[0] != "v1-signature-newline" {
		t.Errorf("diagnosis %v, want v1-signature-newline", got)
	}
}
