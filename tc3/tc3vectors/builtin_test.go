package tc3vectors

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBuiltinIsTestdata: the embedded copy holds exactly the case folders
// of testdata/tc3, byte for byte (go generate refreshes it).
func TestBuiltinIsTestdata(t *testing.T) {
	read := func(fsys fs.FS) map[string]string {
		out := map[string]string{}
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || filepath.Dir(p) == "." {
				return nil // top-level files (README.md, reference_signer.py) are not cases
			}
			b, err := fs.ReadFile(fsys, p)
			out[p] = string(b)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := read(os.DirFS(filepath.Join("..", "..", "testdata", "tc3")))
	if len(want) == 0 {
		t.Fatal("no files in testdata/tc3")
	}
	if d := cmp.Diff(want, read(Builtin())); d != "" {
		t.Errorf("embedded vectors differ from testdata/tc3 (run go generate ./tc3/tc3vectors) (-testdata +embedded):\n%s", d)
	}
	cases, err := LoadFS(Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if ms, err := c.Check(); err != nil || len(ms) > 0 {
			t.Errorf("builtin %s: %v %+v", c.Name, err, ms)
		}
	}
}
