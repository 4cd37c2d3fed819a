package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tcfaceid/tcfaceid/tc3/tc3vectors"
)

// FuzzVerifyTheirIntermediates: whatever the user passes as their canonical
// request and string to sign, the comparisons with ours (which index into
// both) neither panic nor show the key.
func FuzzVerifyTheirIntermediates(f *testing.F) {
	cases, err := tc3vectors.Load(vectorDir)
	if err != nil {
		f.Fatal(err)
	}
	for i, c := range cases {
		f.Add(uint8(i), c.Expected["canonical-request"], c.Expected["string-to-sign"])
		f.Add(uint8(i), "", strings.Repeat("&", 3))
	}
	f.Add(uint8(0), "POST\n/\n\n", "TC3-HMAC-SHA256\n1\n2019-02-25/cvm\n")
	f.Fuzz(func(t *testing.T, i uint8, cr, sts string) {
		c := cases[int(i)%len(cases)]
		r, err := parseRawRequest(c.Request)
		if err != nil {
			t.Fatal(err)
		}
		o := &verifyOptions{nowTime: fixedNow, theirCRv: &cr, theirSTSv: &sts}
		cred := c.Credentials()
		rep, err := checkRequest(r, cred, o)
		if err != nil {
			return
		}
		var b bytes.Buffer
		writeReportText(&b, r, rep)
		if len(cred.SecretKey) >= 6 && strings.Trim(cred.SecretKey, "*") != "" && strings.Contains(b.String(), cred.SecretKey) {
			t.Fatalf("the report shows the SecretKey")
		}
	})
}

// FuzzExplain: no pasted text makes explain's parser or its rendering
// panic, and a code it finds is a code of the text.
func FuzzExplain(f *testing.F) {
	for _, s := range []string{
		"AuthFailure.SignatureFailure",
		"[TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=Signature expired, RequestId=ed93f3cb-f35e-473f-b9f3-0d451b8b79c6",
		`{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"m"},"RequestId":"r"}}`,
		"AuthFailure.SignatureFailure-",
		"RequestLimitExceeded.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		code, msg, rid := parseError(text)
		if code == "" {
			return
		}
		e := explain(code, msg, rid)
		var b bytes.Buffer
		writeExplanation(&b, e)
		if !strings.Contains(text, code) {
			t.Fatalf("code %q is not in the text", code)
		}
	})
}
