package faceidtest

import (
	"sort"
	"strings"
	"testing"
)

// TestSchemaCoversEveryAction: schema.json holds the 38 actions of faceid 2018-03-01, and
// every registered handler is one of them.
func TestSchemaCoversEveryAction(t *testing.T) {
	if len(schema.Actions) != 38 || len(schemas) != 38 {
		t.Fatalf("schema.json has %d actions (%d request schemas), want 38", len(schema.Actions), len(schemas))
	}
	if schema.Version != Version {
		t.Errorf("schema version %q, want %s", schema.Version, Version)
	}
	for a := range handlers {
		if _, ok := schema.Actions[a]; !ok {
			t.Errorf("handler %s has no schema", a)
		}
	}
}

// TestSchemaValidation drives the schema-derived checks through the gateway path: required
// members, JSON types, documented lengths and enumerations, control characters.
func TestSchemaValidation(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name, action, body string
		code, mention      string
	}{
		{"required", "GetWeChatBillDetails", `{"Cursor":0}`, "MissingParameter", "`Date`"},
		{"type", "GetWeChatBillDetails", `{"Date":"2026-08-01","Cursor":"0"}`, "InvalidParameter", "`Cursor`"},
		{"valid", "GetWeChatBillDetails", `{"Date":"2026-08-01","Cursor":0}`, "", ""}, // every action has a handler now
		{"unknown member", "GetWeChatBillDetails", `{"Date":"2026-08-01","Cursor":0,"Page":1}`, "UnknownParameter", "`Page`"},
		{"string enumeration", "LivenessCompare", `{"LivenessType":"LIPS","ImageUrl":"https://e.com/a","VideoUrl":"https://e.com/v"}`, "InvalidParameterValue", "LIP, ACTION, SILENT"},
		{"numeric enumeration", "DetectAuth", `{"RuleId":"1","Config":{"Speed":4}}`, "InvalidParameterValue", "`Config.Speed`"},
		{"exact length", "ImageRecognition", `{"IdCard":"11010119900101001X","Name":"a","ImageBase64":"` + sampleJPEGBase64() + `","Encryption":{"EncryptList":["Name"],"CiphertextBlob":"b","Iv":"short"}}`, "InvalidParameterValue", "`Encryption.Iv`"},
		{"max length of list items", "DetectAuth", `{"RuleId":"1","IntentionQuestions":[{"Question":"q","Answers":["12345678901"]}]}`, "InvalidParameterValue", "`IntentionQuestions.0.Answers.0`"},
		{"NUL in a name", "DetectAuth", `{"RuleId":"1","Name":"张\u0000三"}`, "InvalidParameterValue", "`Name` has the control character U+0000"},
		{"line break in a nested string", "DetectAuth", `{"RuleId":"1","IntentionActions":[{"Text":"a\nb"}]}`, "InvalidParameterValue", "`IntentionActions.0.Text`"},
		{"invalid UTF-8 nested", "DetectAuth", "{\"RuleId\":\"1\",\"IntentionActions\":[{\"Text\":\"\xff\"}]}", "InvalidParameterValue", "`IntentionActions.0.Text` is not valid UTF-8"},
		{"relaxed Encryption of GetDetectInfoEnhanced", "GetDetectInfoEnhanced", `{"BizToken":"nope","RuleId":"1","Encryption":{"Algorithm":"SM4-GCM"}}`, "InvalidParameterValue.BizTokenIllegal", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := apiErr(callAPI(t, s, tt.action, tt.body))
			if code != tt.code || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %s %q, want %s containing %q", code, msg, tt.code, tt.mention)
			}
		})
	}
}

// TestV1InvalidUTF8AndControl: flattened parameters get the same string checks.
func TestV1InvalidUTF8AndControl(t *testing.T) {
	s := newTestServer(t, Options{})
	for name, tt := range map[string]struct{ value, want string }{
		"invalid UTF-8": {"\xff", "`Name` is not valid UTF-8"},
		"NUL":           {"a\x00b", "`Name` has the control character U+0000"},
	} {
		t.Run(name, func(t *testing.T) {
			req := v1Request(t, s, "POST", "HmacSHA256", "DetectAuth", map[string]string{"RuleId": "1", "Name": tt.value}, DefaultCredentials, testNow.Unix())
			code, msg := apiErr(do(t, s, req))
			if code != "InvalidParameterValue" || !strings.Contains(msg, tt.want) {
				t.Errorf("got %s %q, want InvalidParameterValue containing %q", code, msg, tt.want)
			}
		})
	}
}

// TestAnswerShapeChecked: a handler that answers an undocumented member, or a documented one
// with the wrong JSON type, makes the stand-in answer InternalError instead of passing a
// client's round trip.
func TestAnswerShapeChecked(t *testing.T) {
	tests := []struct {
		name   string
		fields map[string]any
		want   string
	}{
		{"documented", map[string]any{"ActionSequence": "1,2"}, ""},
		{"undocumented member", map[string]any{"ActionSequence": "1,2", "Sequence": "1"}, "`Sequence`"},
		{"wrong type", map[string]any{"ActionSequence": 12}, "`ActionSequence` is a number"},
		{"nested", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.fields == nil {
				return
			}
			e := checkAnswer("GetActionSequence", tt.fields)
			switch {
			case tt.want == "" && e != nil:
				t.Errorf("checkAnswer = %v, want nil", e.Message)
			case tt.want != "" && (e == nil || e.Code != "InternalError" || !strings.Contains(e.Message, tt.want)):
				t.Errorf("checkAnswer = %+v, want InternalError containing %q", e, tt.want)
			}
		})
	}
	e := checkAnswer("GetDetectInfoEnhanced", map[string]any{"Text": map[string]any{"ErrCode": "0"}})
	if e == nil || !strings.Contains(e.Message, "`Text.ErrCode`") {
		t.Errorf("nested wrong type: %+v", e)
	}
	e = checkAnswer("GetDetectInfoEnhanced", map[string]any{"BestFrame": map[string]any{"BestFrames": []any{1}}})
	if e == nil || !strings.Contains(e.Message, "`BestFrame.BestFrames.0`") {
		t.Errorf("list element wrong type: %+v", e)
	}
}

// TestDocumentedResult: SetResult accepts only values the action's schema documents.
func TestDocumentedResult(t *testing.T) {
	tests := []struct {
		action, value string
		ok            bool
	}{
		{"LivenessCompare", "Success", true},
		{"LivenessCompare", "FailedOperation.SilentDetectFail", true},
		{"LivenessCompare", "Succes", false},
		{"BankCard2EVerification", "-4", true},
		{"BankCard2EVerification", "-99", false},
		{"DetectAIFakeFaces", "High", true},
		{"DetectAIFakeFaces", "Highest", false},
		{"GetLiveCode", "Success", false},
	}
	for _, tt := range tests {
		if why := documentedResult(tt.action, tt.value); (why == "") != tt.ok {
			t.Errorf("documentedResult(%s, %q) = %q, want ok %v", tt.action, tt.value, why, tt.ok)
		}
	}
}

// minimalBody is a body with every required member of action set to a value of its type.
func minimalBody(action string) map[string]any {
	body := map[string]any{}
	for _, f := range schemas[action] {
		if !f.required {
			continue
		}
		switch f.kind {
		case kString:
			body[f.name] = "1"
			if f.enum != nil {
				body[f.name] = f.enum[0]
			}
		case kBool:
			body[f.name] = false
		case kObject:
			body[f.name] = map[string]any{}
		case kArray:
			body[f.name] = []any{}
		default:
			body[f.name] = 0
		}
	}
	return body
}

// TestCodeAnswerAndSetResult: a P2 handler written as an action helper writes it (one
// function answering codeAnswer) answers its default code, SetResult forces every code of the
// action's table, and each answer carries the code's documented meaning. It uses a P2 action
// that has no handler yet, registered for the test only.
func TestCodeAnswerAndSetResult(t *testing.T) {
	var action string
	for _, name := range sortedActions() {
		if schema.Actions[name].ResultPattern == "P2" && handlers[name] == nil {
			action = name
			break
		}
	}
	if action == "" {
		t.Skip("every P2 action has a handler; their own tests cover codeAnswer")
	}
	handlers[action] = func(c *call) (map[string]any, *apiError) { return c.codeAnswer("0"), nil }
	defer delete(handlers, action)

	s := newTestServer(t, Options{})
	body := jsonBody(t, minimalBody(action))
	resp := mustOK(t, callAPI(t, s, action, body))
	if resp["Result"] != "0" || resp["Description"] == "" {
		t.Errorf("default answer %v", resp)
	}
	r := resultOf(action)
	for _, row := range r.Codes {
		s.SetResult(action, row.Code)
		resp := mustOK(t, callAPI(t, s, action, body))
		if resp["Result"] != row.Code || resp["Description"] != row.Label {
			t.Errorf("SetResult(%s): answered %v, want Result %s Description %q", row.Code, resp, row.Code, row.Label)
		}
	}
	s.SetResult(action, "")
	if resp := mustOK(t, callAPI(t, s, action, body)); resp["Result"] != "0" {
		t.Errorf("after SetResult(\"\"): %v", resp)
	}
	defer func() {
		if recover() == nil {
			t.Error("SetResult of an undocumented code did not panic")
		}
	}()
	s.SetResult(action, "-999")
}

func sortedActions() []string {
	out := make([]string, 0, len(schema.Actions))
	for a := range schema.Actions {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}
