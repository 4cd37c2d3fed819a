package tc3

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Expected values are Tencent's published v1 examples and the official Go
// SDK's request (https://cloud.tencent.com/document/api/1007/31325).
func TestSignV1Published(t *testing.T) {
	docParams := map[string]string{
		"Action": "DescribeInstances", "InstanceIds.0": "ins-09dx96dg", "Limit": "20", "Nonce": "11886",
		"Offset": "0", "Region": "ap-guangzhou", "Timestamp": "1465185768", "Version": "2017-03-12",
	}
	legacy := map[string]string{
		"Action": "DescribeInstances", "InstanceIds.0": "ins-09dx96dg", "Nonce": "11886",
		"Region": "ap-guangzhou", "Timestamp": "1465185768",
	}
	with := func(m map[string]string, k, v string) map[string]string {
		c := map[string]string{k: v}
		for k, v := range m {
			c[k] = v
		}
		return c
	}
	example := Credentials{SecretID: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SecretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"}
	legacyCred := Credentials{SecretID: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA", SecretKey: "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA"}
	tests := []struct {
		name    string
		in      V1Input
		wantSTS string
		wantSig string
	}{
		{
			name:    "API 3.0 v1 page, HmacSHA1 GET, EXAMPLE keys",
			in:      V1Input{Credentials: example, SignatureMethod: HmacSHA1, Method: "GET", Host: "cvm.tencentcloudapi.com", Params: docParams},
			wantSTS: "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12",
			wantSig: "EliP9YW3pW28FpsEdkXt/+WcGeI=",
		},
		{
			name:    "API 3.0 v1 page, current masked keys",
			in:      V1Input{Credentials: Credentials{SecretID: "AKID" + strings.Repeat("*", 32), SecretKey: strings.Repeat("*", 32)}, SignatureMethod: HmacSHA1, Method: "GET", Host: "cvm.tencentcloudapi.com", Params: docParams},
			wantSig: "7RAM2xfNMO9EiVTNmPg06MRnCvQ=",
		},
		{
			name:    "legacy API 2.0 HmacSHA256",
			in:      V1Input{Credentials: legacyCred, SignatureMethod: HmacSHA256, Method: "GET", Host: "cvm.api.qcloud.com", Path: "/v2/index.php", Params: legacy},
			wantSTS: "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768",
			wantSig: "0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=",
		},
		{
			name:    "legacy API 2.0 HmacSHA1 with explicit SignatureMethod",
			in:      V1Input{Credentials: legacyCred, SignatureMethod: HmacSHA1, Method: "GET", Host: "cvm.api.qcloud.com", Path: "/v2/index.php", Params: with(legacy, "SignatureMethod", HmacSHA1)},
			wantSTS: "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA1&Timestamp=1465185768",
			wantSig: "nPVnY6njQmwQ8ciqbPl5Qe+Oru4=",
		},
		{
			name: "SDK S4 DetectAuth POST HmacSHA256 with token",
			in: V1Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE", Token: "TOKENEXAMPLE"}, SignatureMethod: HmacSHA256, Method: "POST", Host: "faceid.tencentcloudapi.com",
				Params: map[string]string{
					"Action": "DetectAuth", "Config.IntentionRecognition": "false", "Config.Speed": "2", "Encryption.CiphertextBlob": "b+/=",
					"Encryption.EncryptList.0": "Name", "Encryption.Iv": "iv", "IntentionQuestions.0.Answers.0": "yes", "IntentionQuestions.0.Answers.1": "",
					"IntentionQuestions.0.Question": "q?", "Language": "zh-CN", "Name": "张 三", "Nonce": "2210692462156235123", "Region": "ap-guangzhou",
					"RequestClient": "SDK_GO_1.3.211", "RuleId": "1", "Timestamp": "1795750639", "Version": "2018-03-01",
				}},
			wantSTS: "POSTfaceid.tencentcloudapi.com/?Action=DetectAuth&Config.IntentionRecognition=false&Config.Speed=2&Encryption.CiphertextBlob=b+/=&Encryption.EncryptList.0=Name&Encryption.Iv=iv&IntentionQuestions.0.Answers.0=yes&IntentionQuestions.0.Answers.1=&IntentionQuestions.0.Question=q?&Language=zh-CN&Name=张 三&Nonce=2210692462156235123&Region=ap-guangzhou&RequestClient=SDK_GO_1.3.211&RuleId=1&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA256&Timestamp=1795750639&Token=TOKENEXAMPLE&Version=2018-03-01",
			wantSig: "23ISLOu/tziwe1mIT79vfwii+2sQxD0ynUbFGEuexhY=",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SignV1(&tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantSTS != "" {
				if diff := cmp.Diff(tt.wantSTS, got.StringToSign); diff != "" {
					t.Errorf("StringToSign (-want +got):\n%s", diff)
				}
			}
			if got.Signature != tt.wantSig {
				t.Errorf("Signature = %q, want %q", got.Signature, tt.wantSig)
			}
			if got.Params["Signature"] != tt.wantSig || !strings.Contains(got.Encoded, "Signature="+Escape(tt.wantSig)) {
				t.Errorf("Encoded %q lacks the escaped signature", got.Encoded)
			}
		})
	}
}

func TestEscapeAndEncodeQuery(t *testing.T) {
	got := EncodeQuery(map[string]string{"Name": "张 三", "Sig": "EliP9YW3pW28FpsEdkXt/+WcGeI=", "A": "-_.~", "Empty": ""})
	want := "A=-_.~&Empty=&Name=%E5%BC%A0%20%E4%B8%89&Sig=EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D"
	if got != want {
		t.Errorf("EncodeQuery = %q, want %q", got, want)
	}
}

func TestFlattenJSON(t *testing.T) {
	body := `{"RuleId":"1","Extra":"","Config":{"Speed":2,"IntentionRecognition":false,"Empty":""},` +
		`"Encryption":{"EncryptList":["Name","IdCard"],"CiphertextBlob":"b+/="},` +
		`"IntentionQuestions":[{"Question":"q?","Answers":["yes",""]}],"Ratio":0.5,"Null":null,"Big":18446744073709551615}`
	got, err := FlattenJSON([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"RuleId": "1", "Config.Speed": "2", "Config.IntentionRecognition": "false",
		"Encryption.EncryptList.0": "Name", "Encryption.EncryptList.1": "IdCard", "Encryption.CiphertextBlob": "b+/=",
		"IntentionQuestions.0.Question": "q?", "IntentionQuestions.0.Answers.0": "yes", "IntentionQuestions.0.Answers.1": "",
		"Ratio": "0.5", "Big": "18446744073709551615",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FlattenJSON (-want +got):\n%s", diff)
	}
	for _, bad := range []string{``, `[]`, `{"a":1} {}`, `{"a":`} {
		if _, err := FlattenJSON([]byte(bad)); err == nil {
			t.Errorf("FlattenJSON(%q) succeeded", bad)
		}
	}
}

func TestSignV1Errors(t *testing.T) {
	good := func() V1Input {
		return V1Input{Credentials: Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE"}, SignatureMethod: HmacSHA256,
			Method: "POST", Host: "faceid.tencentcloudapi.com", Params: map[string]string{"Action": "DetectAuth"}}
	}
	tests := []struct {
		name   string
		mutate func(*V1Input)
		want   string
	}{
		{"unknown method", func(in *V1Input) { in.SignatureMethod = "HmacMD5" }, `unknown v1 signature method "HmacMD5"`},
		{"tc3 given to v1", func(in *V1Input) { in.SignatureMethod = Algorithm }, "unknown v1 signature method"},
		{"http method", func(in *V1Input) { in.Method = "PUT" }, `Method "PUT" is not supported`},
		{"secret id param", func(in *V1Input) { in.Params["SecretId"] = "x" }, "parameter SecretId is set by SignV1"},
		{"disagreeing method", func(in *V1Input) { in.Params["SignatureMethod"] = HmacSHA1 }, "disagrees"},
		{"empty key", func(in *V1Input) { in.Credentials.SecretKey = "" }, "empty SecretKey"},
		{"bad host", func(in *V1Input) { in.Host = "" }, "must be a bare host name"},
	}
	for _, tt := range tests {
		in := good()
		tt.mutate(&in)
		_, err := SignV1(&in)
		if err == nil || !strings.HasPrefix(err.Error(), "tc3: ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}
