package tc3

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSignRequestFailureChangesNothing: a re-sign that fails (here a
// credential the signer refuses) leaves the previous attempt's headers
// untouched, so the request is never half re-signed.
func TestSignRequestFailureChangesNothing(t *testing.T) {
	req, err := http.NewRequest(http.MethodPost, "https://faceid.tencentcloudapi.com/", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	good := Credentials{SecretID: "AKIDEXAMPLE", SecretKey: "SECRETKEYEXAMPLE", Token: "TOKENEXAMPLE"}
	if err := NewSigner(0).SignRequest(req, good, "faceid", "", 1795750620, "X-TC-Timestamp"); err != nil {
		t.Fatal(err)
	}
	before := req.Header.Clone()
	bad := Credentials{SecretID: "AKID NEW", SecretKey: "", Token: "OTHERTOKEN"}
	if err := NewSigner(0).SignRequest(req, bad, "faceid", "", 1795750999, "X-TC-Timestamp"); err == nil {
		t.Fatal("signing with an empty SecretKey succeeded")
	}
	if diff := cmp.Diff(before, req.Header); diff != "" {
		t.Errorf("a failed SignRequest changed the headers (-before +after):\n%s", diff)
	}
}
