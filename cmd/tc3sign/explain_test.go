package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestExplainParsesWhatSDKsPrint: the code, message and RequestId are found
// in every form an SDK or the API prints an error.
func TestExplainParsesWhatSDKsPrint(t *testing.T) {
	const rid = "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"
	type parsed struct{ Code, Message, RequestID string }
	for _, tt := range []struct {
		name, in string
		want     parsed
	}{
		{"bare code", "AuthFailure.SignatureFailure", parsed{"AuthFailure.SignatureFailure", "", ""}},
		// The Go SDK's Error() layout.
		{"go sdk", "[TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=Signature expired, RequestId=" + rid,
			parsed{"AuthFailure.SignatureExpire", "Signature expired", rid}},
		{"python sdk", "[TencentCloudSDKException] code:AuthFailure.SecretIdNotFound message:The SecretId is not found requestId:" + rid,
			parsed{"AuthFailure.SecretIdNotFound", "The SecretId is not found", rid}},
		// The documentation's error example.
		{"json envelope", `{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated. Please check your signature is correct."},"RequestId":"` + rid + `"}}`,
			parsed{"AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.", rid}},
		// FaceID's integration guide quotes the v1 size error so.
		{"guide form", "AuthFailure.SignatureFailure-The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`.",
			parsed{"AuthFailure.SignatureFailure", "The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`.", ""}},
		{"unknown sub-code", "Error: RequestLimitExceeded.SomethingNew", parsed{"RequestLimitExceeded.SomethingNew", "", ""}},
		{"no code", "connection refused", parsed{}},
	} {
		var got parsed
		got.Code, got.Message, got.RequestID = parseError(tt.in)
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
}

// TestExplainCoversTheIssueCodes: every AuthFailure code, the v1 size
// message, the region errors, RequestLimitExceeded, BizToken and
// UnauthorizedOperation codes have an entry with a cause, a fix, a next
// command and a Tencent page.
func TestExplainCoversTheIssueCodes(t *testing.T) {
	codes := []string{"AuthFailure.SignatureFailure", "AuthFailure.SignatureExpire", "AuthFailure.SecretIdNotFound", "AuthFailure.InvalidSecretId",
		"AuthFailure.TokenFailure", "AuthFailure.InvalidAuthorization", "AuthFailure.MFAFailure", "AuthFailure.UnauthorizedOperation",
		"UnsupportedRegion", "InvalidParameterValue.Region", "RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded", "RequestLimitExceeded.IPLimitExceeded",
		"RequestLimitExceeded.GlobalRegionUinLimitExceeded", "InvalidParameterValue.BizTokenExpired", "InvalidParameterValue.BizTokenIllegal",
		"UnauthorizedOperation", "UnauthorizedOperation.Nonactivated", "UnauthorizedOperation.Arrears", "UnauthorizedOperation.NonAuthorize"}
	for _, code := range codes {
		e := explain(code, "", "")
		if !e.Known || e.Cause == "" || e.Fix == "" || e.Next == "" || !strings.HasPrefix(e.Doc, "https://cloud.tencent.com/") {
			t.Errorf("%s: %+v", code, e)
		}
	}
	if n := len(explainedCodes()); n < len(codes) {
		t.Errorf("catalogue has %d codes", n)
	}
	v1 := explain("AuthFailure.SignatureFailure", "The provided credentials could not be validated because of exceeding request size limit, please use new signature method `TC3-HMAC-SHA256`.", "")
	if !strings.Contains(v1.Title, "1 MB") || !strings.Contains(v1.Fix, "TC3-HMAC-SHA256") {
		t.Errorf("v1 size message: %+v", v1)
	}
	if e := explain("AuthFailure.SignatureFailure", "signature does not match", ""); strings.Contains(e.Title, "1 MB") {
		t.Errorf("an ordinary signature failure explained as the v1 size limit: %+v", e)
	}
}

func TestExplainCommand(t *testing.T) {
	tl := newTool(t, "", "")
	r := tl.run("", "explain", "[TencentCloudSDKError]", "Code=AuthFailure.SignatureExpire,", "Message=expired,", "RequestId=ed93f3cb-f35e-473f-b9f3-0d451b8b79c6")
	for _, want := range []string{"AuthFailure.SignatureExpire: the timestamp is outside the 5-minute window", "RequestId: ed93f3cb-f35e-473f-b9f3-0d451b8b79c6", "Next:  date -u +%s", "Docs:  https://cloud.tencent.com/"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("exit %d, output lacks %q:\n%s", r.code, want, r.stdout)
		}
	}
	r = tl.run(`{"Response":{"Error":{"Code":"InvalidParameterValue.BizTokenExpired","Message":"BizToken过期。"},"RequestId":"x"}}`, "explain", "--format", "json", "-")
	var e explanation
	if err := json.Unmarshal([]byte(r.stdout), &e); err != nil || r.code != 0 || e.Code != "InvalidParameterValue.BizTokenExpired" || !strings.Contains(e.Next, "DetectAuth") {
		t.Errorf("json from stdin: exit %d, %v, %+v", r.code, err, e)
	}
	if r := tl.run("", "explain", "FailedOperation.SomethingNew"); r.code != 1 || !strings.Contains(r.stdout, "FailedOperation.SomethingNew") {
		t.Errorf("unknown code: exit %d\n%s", r.code, r.stdout)
	}
	for _, args := range [][]string{{"explain"}, {"explain", "hello world"}, {"explain", "--format", "xml", "AuthFailure"}} {
		if r := tl.run("", args...); r.code != 2 || !isOneLine(r.stderr) {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}
