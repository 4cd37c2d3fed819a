package main

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

var explainCmd = command{
	name:  "explain",
	usage: "explain [--format text|json] CODE|ERROR TEXT...|-",
	about: `Explains an error a Tencent Cloud API 3.0 call returned: give the error code
(AuthFailure.SignatureFailure), or paste the whole error text as your SDK printed it (Go
"[TencentCloudSDKError] Code=..., Message=..., RequestId=...", Python "[TencentCloudSDKException]
code:... message:... requestId:...", the JSON response, or "Code-Message"), as arguments or on
stdin with -. It prints the cause, the fix and the next command to run. The RequestId, when
present, is what Tencent support needs to find the call.

It knows every AuthFailure code, the v1 size-limit message, region errors, the
RequestLimitExceeded family, FaceID's BizToken codes and the UnauthorizedOperation codes
(service not activated, arrears, real-name). Exit status: 0 explained, 1 a code it does not
know (general advice is printed), 2 no error code found in the input.`,
	example: `  tc3sign explain AuthFailure.SignatureFailure
  tc3sign explain '[TencentCloudSDKError] Code=AuthFailure.SignatureExpire, Message=..., RequestId=ed93f3cb-f35e-473f-b9f3-0d451b8b79c6'
  pbpaste | tc3sign explain --format json -`,
}

// explanation is one entry of the catalogue (and the --format json document).
type explanation struct {
	Code      string `json:"code"`
	Message   string `json:"message,omitempty"`    // as the client got it
	RequestID string `json:"request_id,omitempty"` // as the client got it
	Known     bool   `json:"known"`
	Title     string `json:"title"`
	Cause     string `json:"cause"`
	Fix       string `json:"fix"`
	Next      string `json:"next"`
	Doc       string `json:"doc,omitempty"`
}

// Tencent's pages the explanations come from.
const (
	docSignV3     = "https://cloud.tencent.com/document/api/213/30654"
	docSignV1     = "https://cloud.tencent.com/document/api/1007/31325"
	docErrors     = "https://cloud.tencent.com/document/product/1778/111040"
	docFaceIDLink = "https://cloud.tencent.com/document/product/1007/33464"
	docFaceIDErr  = "https://cloud.tencent.com/document/api/1007/31320" // FaceID API index: each action page lists its error codes
	docEndpoints  = "https://cloud.tencent.com/document/product/1278/46710"
)

// explanations is the catalogue, by code.
var explanations = map[string]explanation{
	"AuthFailure.SignatureFailure": {Title: "the signature does not match",
		Cause: "the gateway computed another signature: the canonical request, the string to sign or the key derivation differs from yours (often the Content-Type or body sent differs from the one signed, the scope date is local time, the service is not the host's first label, or the SecretKey is wrong)",
		Fix:   "capture the exact request your client sends and let verify compare it step by step; it names the common mistakes",
		Next:  "tc3sign verify request.txt   (capture: see the README; pass --their-canonical-request/--their-string-to-sign to compare your intermediates)",
		Doc:   docSignV3},
	"AuthFailure.SignatureExpire": {Title: "the timestamp is outside the 5-minute window",
		Cause: "X-TC-Timestamp (or the v1 Timestamp) differs from the server's clock by more than 5 minutes: the client clock is off, the timestamp is in milliseconds, or a signed request was retried or queued too long",
		Fix:   "sync the clock (NTP), send seconds, and sign each attempt afresh",
		Next:  "date -u +%s   (compare with the timestamp you send; then tc3sign verify request.txt)",
		Doc:   docSignV3},
	"AuthFailure.SecretIdNotFound": {Title: "the SecretId does not exist",
		Cause: "the SecretId is unknown, disabled or deleted, or it was copied with a missing or extra character or a space",
		Fix:   "check the key in the console (CAM, API keys) and copy it whole, without whitespace",
		Next:  `printf %s "$TENCENTCLOUD_SECRET_ID" | od -c | tail -3   (look for spaces or newlines)`,
		Doc:   docErrors},
	"AuthFailure.InvalidSecretId": {Title: "the SecretId is not an API key",
		Cause: "the id is not of the Cloud API key type (for example an app id or a COS key)",
		Fix:   "create an API key in the console (CAM, API keys) and use its SecretId/SecretKey",
		Next:  "tc3sign sign --action DetectAuth --payload body.json   (with the new key, to check it signs)",
		Doc:   docErrors},
	"AuthFailure.TokenFailure": {Title: "the security token is wrong",
		Cause: "temporary (STS) credentials were sent without their token, with another key's token, with an expired token, or a token was sent with permanent credentials",
		Fix:   "send X-TC-Token (v1: the Token parameter) with exactly the token issued with this temporary SecretId, and none with permanent keys; refresh expired STS credentials",
		Next:  "tc3sign verify request.txt   (with TENCENTCLOUD_SECURITY_TOKEN set to the token you expect)",
		Doc:   docErrors},
	"AuthFailure.InvalidAuthorization": {Title: "the Authorization header is malformed",
		Cause: "the header is not \"TC3-HMAC-SHA256 Credential=SecretId/YYYY-MM-DD/service/tc3_request, SignedHeaders=..., Signature=...\" exactly (algorithm case, separators, scope parts), or a v1 POST was sent without the form Content-Type",
		Fix:   "write the header in the exact documented layout",
		Next:  "tc3sign verify request.txt   (it names the part that differs)",
		Doc:   docSignV3},
	"AuthFailure.MFAFailure": {Title: "MFA check failed",
		Cause: "the operation needs multi-factor authentication for this sub-account",
		Fix:   "use a key whose account does not require MFA for API calls, or complete MFA as the CAM policy requires",
		Next:  "review the sub-account's MFA settings in the CAM console",
		Doc:   docErrors},
	"AuthFailure.UnauthorizedOperation": {Title: "the key is not authorized (CAM)",
		Cause: "the sub-account of this key has no CAM policy that allows this action (for FaceID: QcloudFaceIDFullAccess or a custom policy)",
		Fix:   "grant the sub-account a policy that allows faceid:<Action>, or use the key of an account that has one",
		Next:  "check the sub-account's policies in the CAM console, then retry the call",
		Doc:   docErrors},
	"UnauthorizedOperation": {Title: "the operation is not authorized",
		Cause: "the account cannot use this action: the service is not activated, the account is in arrears or not verified, or the action is not enabled for it",
		Fix:   "activate the FaceID service in the console, settle arrears, complete real-name verification",
		Next:  "open the FaceID console, check the service status and the bill, then retry",
		Doc:   docFaceIDErr},
	"UnauthorizedOperation.Nonactivated": {Title: "the service is not activated",
		Cause: "FaceID is not activated for this account",
		Fix:   "activate the service in the FaceID console (and create the RuleId for DetectAuth)",
		Next:  "open the FaceID console, activate the service, then retry",
		Doc:   docFaceIDErr},
	"UnauthorizedOperation.Activating": {Title: "the service is being activated",
		Cause: "activation of FaceID has not finished",
		Fix:   "wait until the console shows the service active",
		Next:  "retry in a few minutes",
		Doc:   docFaceIDErr},
	"UnauthorizedOperation.ActivateError": {Title: "service activation failed",
		Cause: "activating FaceID ended in an error",
		Fix:   "activate the service again in the console, or contact Tencent support with the RequestId",
		Next:  "open the FaceID console",
		Doc:   docFaceIDErr},
	"UnauthorizedOperation.Arrears": {Title: "the account is in arrears",
		Cause: "the account's balance is overdue, so billable calls are refused",
		Fix:   "settle the bill (top up the account)",
		Next:  "open the billing center of the console, settle, then retry",
		Doc:   docFaceIDErr},
	"UnauthorizedOperation.ChargeStatusException": {Title: "the billing status is abnormal",
		Cause: "the account's billing state for FaceID is not normal",
		Fix:   "check the billing center, or contact Tencent support with the RequestId",
		Next:  "open the billing center of the console",
		Doc:   docFaceIDErr},
	"UnauthorizedOperation.NonAuthorize": {Title: "the account is not verified",
		Cause: "the account has not completed real-name (enterprise) verification, which FaceID requires",
		Fix:   "complete the account's real-name verification in the console",
		Next:  "open the account center of the console",
		Doc:   docFaceIDErr},
	"RequestLimitExceeded": {Title: "too many requests",
		Cause: "the call rate is above the action's limit (for example 100 requests/s for LivenessCompare and GetFaceIdToken)",
		Fix:   "retry after a backoff (exponential, with jitter); the request was not processed, so a retry is safe; spread the load",
		Next:  "retry with backoff; if it persists, ask Tencent for a higher limit",
		Doc:   docErrors},
	"RequestLimitExceeded.UinLimitExceeded": {Title: "the account (uin) is over its rate limit",
		Cause: "all keys of the main account together exceed the rate limit",
		Fix:   "back off and retry; spread the load over time",
		Next:  "retry with backoff",
		Doc:   docErrors},
	"RequestLimitExceeded.IPLimitExceeded": {Title: "this IP address is over its rate limit",
		Cause: "the calls from this IP address exceed the rate limit",
		Fix:   "back off and retry; spread the calls over more egress addresses only if Tencent allows it",
		Next:  "retry with backoff",
		Doc:   docErrors},
	"RequestLimitExceeded.GlobalRegionUinLimitExceeded": {Title: "the main account is over its global rate limit",
		Cause: "the main account's calls across regions exceed the limit",
		Fix:   "back off and retry",
		Next:  "retry with backoff",
		Doc:   docErrors},
	"RequestSizeLimitExceeded": {Title: "the request is too large",
		Cause: "a GET URL over 32 KB or a TC3 POST body over 10 MB",
		Fix:   "use POST for large parameters; send large media by URL (ImageUrl/VideoUrl) instead of Base64",
		Next:  "tc3sign verify request.txt   (it reports the sizes)",
		Doc:   docEndpoints},
	"UnsupportedRegion": {Title: "the action does not support this region",
		Cause: "X-TC-Region (v1: Region) names a region the action is not offered in (GetFaceIdToken only supports ap-beijing, ap-chengdu, ap-guangzhou and ap-shanghai; some international actions only ap-hongkong, ap-jakarta, ap-singapore)",
		Fix:   "send a supported region, or none for actions that take none; ap-guangzhou is the practical default",
		Next:  "tc3sign sign --action <Action> --region ap-guangzhou --payload body.json",
		Doc:   docFaceIDLink},
	"InvalidParameterValue.Region": {Title: "the region value is invalid",
		Cause: "the region is misspelt or does not exist",
		Fix:   "send a region such as ap-guangzhou",
		Next:  "tc3sign sign --action <Action> --region ap-guangzhou --payload body.json",
		Doc:   docFaceIDLink},
	"InvalidParameterValue.BizTokenExpired": {Title: "the BizToken expired",
		Cause: "a BizToken from DetectAuth is valid for a limited time (7200 s) and was used after it",
		Fix:   "call DetectAuth again for a new BizToken and start the verification again",
		Next:  "tc3sign sign --action DetectAuth --payload body.json   (body: {\"RuleId\":\"...\"})",
		Doc:   docFaceIDErr},
	"InvalidParameterValue.BizTokenIllegal": {Title: "the BizToken is not valid",
		Cause: "the BizToken was not issued to this account, was truncated or altered, or belongs to another RuleId",
		Fix:   "send the BizToken exactly as DetectAuth returned it, with the same RuleId and account",
		Next:  "tc3sign sign --action GetDetectInfoEnhanced --payload body.json   (body: {\"BizToken\":\"...\",\"RuleId\":\"...\"})",
		Doc:   docFaceIDErr},
	"FailedOperation.UnKnown": {Title: "internal FaceID failure", Cause: "FaceID failed without a specific reason",
		Fix: "retry later; if it persists, contact Tencent support with the RequestId", Next: "retry later", Doc: docFaceIDErr},
	"InternalError": {Title: "internal error", Cause: "the service failed; the call may or may not have been processed",
		Fix:  "for a billable action, do not blindly resend: query the result first (for DetectAuth flows, GetDetectInfoEnhanced); otherwise retry later",
		Next: "retry later; quote the RequestId to Tencent support if it persists", Doc: docErrors},
	"MissingParameter": {Title: "a required parameter is missing",
		Cause: "a common parameter (X-TC-Action, X-TC-Version, X-TC-Timestamp; v1 Action, Nonce, SecretId, Signature, Timestamp) or a required business parameter is absent",
		Fix:   "send it; the Message names it",
		Next:  "tc3sign verify request.txt",
		Doc:   docErrors},
	"InvalidParameter": {Title: "a parameter is malformed",
		Cause: "a parameter has the wrong format or type, or the Content-Type does not fit the signature method (a TC3 POST sends application/json, a v1 POST a form)",
		Fix:   "correct the parameter the Message names",
		Next:  "tc3sign verify request.txt",
		Doc:   docErrors},
}

// v1SizeLimit is the gateway's wording for a v1 request over its 1 MB
// limit, as FaceID's integration guide quotes it
// (https://cloud.tencent.com/document/product/1007/33464).
const v1SizeLimit = "exceeding request size limit, please use new signature method"

var v1SizeExplanation = explanation{Title: "the v1 request is over its 1 MB limit",
	Cause: "a v1 (HmacSHA1/HmacSHA256) POST may be at most 1 MB; large Base64 images or videos exceed it",
	Fix:   "sign with TC3-HMAC-SHA256 (limit 10 MB), or send media by URL (ImageUrl/VideoUrl)",
	Next:  "tc3sign sign --action <Action> --payload body.json   (TC3-HMAC-SHA256 is the default)",
	Doc:   docFaceIDLink}

var (
	codeRE      = regexp.MustCompile(`\b[A-Z][A-Za-z]+(?:\.[A-Za-z0-9]+)*\b`)
	requestIDRE = regexp.MustCompile(`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`)
	messageRE   = []*regexp.Regexp{
		regexp.MustCompile(`Message=(.*?)(?:, RequestId=|$)`),         // Go SDK
		regexp.MustCompile(`(?i)message:\s*(.*?)(?:\s+requestId:|$)`), // Python and Node SDKs
	}
)

// topCodes are the first parts of the common error codes: a dotted word
// starting with one of them is taken as an error code even when the
// catalogue does not know it.
var topCodes = []string{"AuthFailure", "FailedOperation", "InternalError", "InvalidAction", "InvalidParameter", "InvalidParameterValue",
	"LimitExceeded", "MissingParameter", "RequestLimitExceeded", "RequestSizeLimitExceeded", "ResourceNotFound", "ResourceUnavailable",
	"ResourceInsufficient", "ServiceUnavailable", "UnauthorizedOperation", "UnknownParameter", "UnsupportedOperation", "UnsupportedProtocol",
	"UnsupportedRegion", "NoSuchVersion", "NoSuchProduct", "ActionOffline", "IpInBlacklist", "IpNotInWhitelist", "DryRunOperation", "OperationDenied"}

// parseError finds the code, message and RequestId in what a client printed.
func parseError(text string) (code, message, requestID string) {
	text = strings.TrimSpace(text)
	var env struct {
		Response struct {
			Error     struct{ Code, Message string }
			RequestID string `json:"RequestId"`
		}
	}
	if json.Unmarshal([]byte(text), &env) == nil && env.Response.Error.Code != "" {
		return env.Response.Error.Code, env.Response.Error.Message, env.Response.RequestID
	}
	for _, w := range codeRE.FindAllString(text, -1) {
		top, _, _ := strings.Cut(w, ".")
		if _, known := explanations[w]; known || contains(topCodes, top) {
			code = w
			break
		}
	}
	if code == "" {
		return "", "", ""
	}
	requestID = requestIDRE.FindString(text)
	for _, re := range messageRE {
		if m := re.FindStringSubmatch(text); m != nil {
			message = strings.TrimSpace(m[1])
			break
		}
	}
	if message == "" {
		// "Code-Message", as FaceID's guide prints the v1 size error.
		if i := strings.Index(text, code+"-"); i >= 0 {
			message = strings.TrimSpace(text[i+len(code)+1:])
		}
	}
	return code, message, requestID
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// explain returns the explanation of a parsed error.
func explain(code, message, requestID string) explanation {
	e, known := explanations[code]
	if code == "AuthFailure.SignatureFailure" && strings.Contains(message, v1SizeLimit) {
		e, known = v1SizeExplanation, true
	}
	if !known {
		top, _, _ := strings.Cut(code, ".")
		if parent, ok := explanations[top]; ok {
			e = parent
			e.Title += " (" + code + " is a case of " + top + ")"
		} else {
			e = explanation{Title: "a code tc3sign does not know",
				Cause: "see the action's error code table and the common error codes",
				Fix:   "branch on the code, not on the message; the message may change",
				Next:  "look the code up in the action's documentation page (section 错误码 / Error Codes)",
				Doc:   docErrors}
		}
	}
	e.Code, e.Message, e.RequestID, e.Known = code, message, requestID, known
	return e
}

func (c *cli) explain(args []string) int {
	var format string
	fs := newFlagSet("explain")
	fs.StringVar(&format, "format", "text", "output format: text or json")
	pos, done, code := c.parse(explainCmd, fs, args)
	if done {
		return code
	}
	if format != "text" && format != "json" {
		return c.fail("tc3sign explain", "--format %q: use text or json", format)
	}
	var text string
	switch {
	case len(pos) == 0:
		return c.fail("tc3sign explain", "give an error code or the error text (or - to read it from stdin), e.g. tc3sign explain AuthFailure.SignatureFailure")
	case len(pos) == 1 && pos[0] == "-":
		b, err := readLimited(c.stdin, 1<<20, "stdin")
		if err != nil {
			return c.fail("tc3sign explain", "cannot read the error text: %v", err)
		}
		text = string(b)
	default:
		text = strings.Join(pos, " ")
	}
	ecode, msg, rid := parseError(text)
	if ecode == "" {
		return c.fail("tc3sign explain", "no error code found in %q: give the code (AuthFailure.SignatureFailure) or paste the error as the SDK printed it", truncateRunes(oneLine(text), 80))
	}
	e := explain(ecode, msg, rid)
	if format == "json" {
		writeJSON(c.stdout, e)
	} else {
		writeExplanation(c.stdout, e)
	}
	if !e.Known {
		return exitRejected
	}
	return exitOK
}

func writeExplanation(w io.Writer, e explanation) {
	fmt.Fprintf(w, "%s: %s\n", e.Code, e.Title)
	if e.Message != "" {
		fmt.Fprintf(w, "Message:   %s\n", truncateRunes(e.Message, 400))
	}
	if e.RequestID != "" {
		fmt.Fprintf(w, "RequestId: %s (quote it to Tencent support: it finds the call in their logs)\n", e.RequestID)
	}
	fmt.Fprintf(w, "\nCause: %s\nFix:   %s\nNext:  %s\n", e.Cause, e.Fix, e.Next)
	if e.Doc != "" {
		fmt.Fprintf(w, "Docs:  %s\n", e.Doc)
	}
}

// explainedCodes lists the catalogue, for tests and help.
func explainedCodes() []string {
	out := make([]string, 0, len(explanations))
	for k := range explanations {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
