package tc3

import (
	"strings"
	"testing"
)

// TestFlattenJSONCollision: two paths that flatten to one name are refused
// with the name, whichever order the map yields them in.
func TestFlattenJSONCollision(t *testing.T) {
	for _, body := range []string{
		`{"a.b":"1","a":{"b":"2"}}`,
		`{"a":{"b":"2"},"a.b":"1"}`,
		`{"a.0":"x","a":["y"]}`,
		`{"a":{"b.c":1,"b":{"c":2}}}`,
	} {
		for i := 0; i < 20; i++ { // map order varies between runs
			_, err := FlattenJSON([]byte(body))
			if err == nil || !strings.HasPrefix(err.Error(), "tc3: ") || !strings.Contains(err.Error(), `"a.`) {
				t.Fatalf("FlattenJSON(%s) err = %v, want a collision error naming the parameter", body, err)
			}
		}
	}
	got, err := FlattenJSON([]byte(`{"a.b":"","a":{"b":"2"}}`)) // the empty string is dropped, so no collision
	if err != nil || got["a.b"] != "2" || len(got) != 1 {
		t.Errorf("got %v, %v", got, err)
	}
}
