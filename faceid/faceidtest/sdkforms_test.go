package faceidtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

// TestNumericParameterNames: a correctly signed TC3 GET or v1 request whose parameter names
// are all numeric (query "0") is answered with UnknownParameter, not a panic and a dropped
// connection.
func TestNumericParameterNames(t *testing.T) {
	s := newTestServer(t, Options{})
	for name, req := range map[string]*http.Request{
		"TC3 GET":         sign(t, tc3GetRequest(t, s, "GetLiveCode", map[string]string{"0": "x"}), DefaultCredentials, testNow.Unix()),
		"TC3 GET 0 and 1": sign(t, tc3GetRequest(t, s, "GetLiveCode", map[string]string{"0": "x", "1": "y"}), DefaultCredentials, testNow.Unix()),
		"v1 GET":          v1Request(t, s, http.MethodGet, tc3.HmacSHA256, "GetLiveCode", map[string]string{"0": "x"}, DefaultCredentials, testNow.Unix()),
		"v1 POST":         v1Request(t, s, http.MethodPost, tc3.HmacSHA1, "GetLiveCode", map[string]string{"0": "x"}, DefaultCredentials, testNow.Unix()),
	} {
		t.Run(name, func(t *testing.T) {
			code, msg := apiErr(do(t, s, req))
			if code != "UnknownParameter" || !strings.Contains(msg, "`0`") {
				t.Errorf("got %s %q, want UnknownParameter naming `0`", code, msg)
			}
		})
	}
}

// TestPythonSDKBooleans: the Python SDK sends booleans as True/False in v1 forms and TC3 GET
// queries; the gateway accepts them, so the stand-in does.
func TestPythonSDKBooleans(t *testing.T) {
	s := newTestServer(t, Options{})
	token := detectAuth(t, s, map[string]any{"RuleId": "1"})
	params := map[string]string{"BizToken": token, "RuleId": "1", "InfoType": "1", "IsEncrypt": "False", "IsReturnAllVideo": "True"}
	for name, req := range map[string]*http.Request{
		"TC3 GET": sign(t, tc3GetRequest(t, s, "GetDetectInfoEnhanced", params), DefaultCredentials, testNow.Unix()),
		"v1 POST": v1Request(t, s, http.MethodPost, tc3.HmacSHA1, "GetDetectInfoEnhanced", params, DefaultCredentials, testNow.Unix()),
		"v1 GET":  v1Request(t, s, http.MethodGet, tc3.HmacSHA256, "GetDetectInfoEnhanced", params, DefaultCredentials, testNow.Unix()),
	} {
		t.Run(name, func(t *testing.T) {
			mustOK(t, do(t, s, req))
		})
	}
	// Other spellings are still not booleans.
	params["IsEncrypt"] = "TRUE"
	code, msg := apiErr(do(t, s, sign(t, tc3GetRequest(t, s, "GetDetectInfoEnhanced", params), DefaultCredentials, testNow.Unix())))
	if code != "InvalidParameter" || !strings.Contains(msg, "`IsEncrypt`") {
		t.Errorf("TRUE: got %s %q", code, msg)
	}
}

// TestPHPSDKEmptyArrayBody: the PHP SDK sends [] as the JSON body of an action without
// parameters; the gateway accepts it as no parameters. A non-empty array is still refused.
func TestPHPSDKEmptyArrayBody(t *testing.T) {
	s := newTestServer(t, Options{})
	mustOK(t, callAPI(t, s, "GetLiveCode", `[]`))
	mustOK(t, callAPI(t, s, "GetActionSequence", ` [ ] `))
	code, _ := apiErr(callAPI(t, s, "GetLiveCode", `["a"]`))
	if code != "InvalidParameter" {
		t.Errorf(`["a"]: got %s, want InvalidParameter`, code)
	}
	code, msg := apiErr(callAPI(t, s, "DetectAuth", `[]`))
	if code != "MissingParameter" || !strings.Contains(msg, "`RuleId`") {
		t.Errorf("[] for DetectAuth: got %s %q, want MissingParameter for RuleId", code, msg)
	}
}

// FuzzSignedRequests feeds correctly signed requests of random shape (TC3 GET query, TC3 POST
// body, v1 form) into the handler: it never panics and always answers HTTP 200 with an
// envelope that has a RequestId and either an Error or a result.
func FuzzSignedRequests(f *testing.F) {
	f.Add(uint8(0), "GetLiveCode", "0", "x", "")
	f.Add(uint8(1), "DetectAuth", "RuleId", "1", `{"RuleId":"1"}`)
	f.Add(uint8(2), "GetDetectInfoEnhanced", "Encryption.EncryptList.0", "Name", `[]`)
	f.Add(uint8(0), "DetectAuth", "IntentionQuestions.0.Answers.1", "a", `{"IntentionQuestions":[{"Question":"q","Answers":[]}]}`)
	f.Add(uint8(2), "LivenessCompare", "0.0", "True", `{"Optional":"{}"}`)
	now := time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC)
	h := NewHandler(Options{Now: func() time.Time { return now }})
	f.Fuzz(func(t *testing.T, shape uint8, action, key, value, body string) {
		var req *http.Request
		var err error
		switch shape % 3 {
		case 0: // TC3 GET with a flattened query
			req, err = http.NewRequest(http.MethodGet, "http://127.0.0.1/?"+tc3.EncodeQuery(map[string]string{key: value, "k." + key: value}), nil)
			if err != nil {
				return
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		case 1: // TC3 POST with an arbitrary body
			req, err = http.NewRequest(http.MethodPost, "http://127.0.0.1/", strings.NewReader(body))
			if err != nil {
				return
			}
			req.Header.Set("Content-Type", "application/json")
		default: // v1 POST form
			p := map[string]string{"Action": action, "Version": Version, "Region": "ap-guangzhou", "Timestamp": strconv.FormatInt(now.Unix(), 10), "Nonce": "1", key: value}
			res, err := tc3.SignV1(&tc3.V1Input{Credentials: DefaultCredentials, SignatureMethod: tc3.HmacSHA256, Method: http.MethodPost, Host: "127.0.0.1", Path: "/", Params: p})
			if err != nil {
				return // a parameter the signer refuses (e.g. a reserved name)
			}
			req, _ = http.NewRequest(http.MethodPost, "http://127.0.0.1/", strings.NewReader(res.Encoded))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if shape%3 != 2 {
			req.Header.Set("X-TC-Action", action)
			req.Header.Set("X-TC-Version", Version)
			req.Header.Set("X-TC-Region", "ap-guangzhou")
			if err := tc3.NewSigner(0).SignRequest(req, DefaultCredentials, "faceid", "", now.Unix()); err != nil {
				return // an action or header value the signer refuses
			}
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("HTTP %d: %s", rec.Code, rec.Body.Bytes())
		}
		var env struct {
			Response map[string]json.RawMessage
		}
		if err := json.NewDecoder(bytes.NewReader(rec.Body.Bytes())).Decode(&env); err != nil || env.Response == nil || env.Response["RequestId"] == nil {
			t.Fatalf("not an envelope (%v): %s", err, rec.Body.Bytes())
		}
	})
}
