package credentialstest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tcfaceid/tcfaceid/tc3"
)

var (
	now  = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	base = tc3.Credentials{SecretID: "AKIDBASE", SecretKey: "BASEKEYEXAMPLE"}
)

func stsRequest(t *testing.T, s *STS, action, body string, cred *tc3.Credentials) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL()+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-TC-Action", action)
	req.Header.Set("X-TC-Version", "2018-08-13")
	req.Header.Set("X-TC-Region", "ap-guangzhou")
	if cred != nil {
		if err := tc3.NewSigner(0).SignRequest(req, *cred, "sts", "", now.Unix()); err != nil {
			t.Fatal(err)
		}
	} else {
		req.Header.Set("Authorization", "SKIP")
	}
	return req
}

func errorCode(t *testing.T, req *http.Request) string {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct {
		Response struct {
			Error       struct{ Code string }
			Credentials *struct{ TmpSecretId string }
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v.Response.Error.Code == "" && v.Response.Credentials == nil {
		t.Fatal("neither an error nor credentials")
	}
	return v.Response.Error.Code
}

// TestSTSChecks: the stand-in refuses what STS refuses, so a provider that
// passes against it sends what STS wants.
func TestSTSChecks(t *testing.T) {
	s := NewSTS(STSOptions{Credentials: []tc3.Credentials{base}, WebIdentityToken: "eyJ.tok", Now: func() time.Time { return now }})
	defer s.Close()
	role := `{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"s1"}`
	web := `{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"s1","ProviderId":"p","WebIdentityToken":"eyJ.tok"}`
	wrong := base
	wrong.SecretKey = "WRONG"
	for _, tt := range []struct {
		name string
		req  *http.Request
		want string
	}{
		{"AssumeRole signed", stsRequest(t, s, "AssumeRole", role, &base), ""},
		{"AssumeRole unsigned", stsRequest(t, s, "AssumeRole", role, nil), "AuthFailure.InvalidAuthorization"},
		{"AssumeRole wrong key", stsRequest(t, s, "AssumeRole", role, &wrong), "AuthFailure.SignatureFailure"},
		{"AssumeRole no RoleArn", stsRequest(t, s, "AssumeRole", `{"RoleSessionName":"s1"}`, &base), "MissingParameter"},
		{"AssumeRole bad session name", stsRequest(t, s, "AssumeRole", `{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"a b"}`, &base), "InvalidParameter.ParamError"},
		{"AssumeRole duration too long", stsRequest(t, s, "AssumeRole", `{"RoleArn":"qcs::cam::uin/1:roleName/r","RoleSessionName":"s1","DurationSeconds":43201}`, &base), "InvalidParameter.OverTimeError"},
		{"web identity", stsRequest(t, s, "AssumeRoleWithWebIdentity", web, nil), ""},
		{"web identity signed", stsRequest(t, s, "AssumeRoleWithWebIdentity", web, &base), "AuthFailure.InvalidAuthorization"},
		{"web identity wrong token", stsRequest(t, s, "AssumeRoleWithWebIdentity", strings.Replace(web, "eyJ.tok", "eyJ.old", 1), nil), "InvalidParameter.WebIdentityTokenError"},
		{"web identity no ProviderId", stsRequest(t, s, "AssumeRoleWithWebIdentity", strings.Replace(web, `"ProviderId":"p",`, "", 1), nil), "MissingParameter"},
		{"unknown action", stsRequest(t, s, "GetFederationToken", role, &base), "InvalidAction"},
	} {
		if got := errorCode(t, tt.req); got != tt.want {
			t.Errorf("%s: code %q, want %q", tt.name, got, tt.want)
		}
	}
	if s.Calls("AssumeRole") != 1 || s.Calls("AssumeRoleWithWebIdentity") != 1 {
		t.Errorf("issued %d AssumeRole and %d web identity, want 1 and 1", s.Calls("AssumeRole"), s.Calls("AssumeRoleWithWebIdentity"))
	}
}

func TestMetadataUnknownRole(t *testing.T) {
	m := NewMetadata(MetadataOptions{Role: "r"})
	defer m.Close()
	resp, err := http.Get(m.Endpoint() + "other")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("status %d, want 404", resp.StatusCode)
	}
}
