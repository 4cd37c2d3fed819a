package tc3vectors

import (
	"os"
	"path/filepath"
	"testing"
)

const dir = "../../testdata/tc3"

// TestVectors checks every file of every case in testdata/tc3.
func TestVectors(t *testing.T) {
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 20 {
		t.Fatalf("only %d cases in %s; the published, SDK and edge cases add up to more", len(cases), dir)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			if len(c.Expected) < 2 {
				t.Fatalf("case has only %d expected files", len(c.Expected))
			}
			mismatches, err := c.Check()
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range mismatches {
				t.Errorf("%s:\nwant %q\ngot  %q", m.File, m.Want, m.Got)
			}
		})
	}
}

func TestLoadRejectsBrokenFolders(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty folder succeeded")
	}
	src := filepath.Join(dir, "b-doc-2019")
	copyCase := func(t *testing.T, skip string, extra string) string {
		root := t.TempDir()
		dst := filepath.Join(root, "case")
		if err := os.Mkdir(dst, 0o755); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(src)
		for _, e := range entries {
			if e.Name() == skip {
				continue
			}
			b, _ := os.ReadFile(filepath.Join(src, e.Name()))
			os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644)
		}
		if extra != "" {
			os.WriteFile(filepath.Join(dst, extra), []byte("x"), 0o644)
		}
		return root
	}
	if _, err := Load(copyCase(t, "", "")); err != nil {
		t.Fatalf("intact copy: %v", err)
	}
	if _, err := Load(copyCase(t, "signature.txt", "")); err == nil {
		t.Error("a case without signature.txt loaded")
	}
	if _, err := Load(copyCase(t, "", "signatrue.txt")); err == nil {
		t.Error("a case with a misspelt file loaded")
	}
	// A wrong expected value must be reported.
	root := copyCase(t, "", "")
	os.WriteFile(filepath.Join(root, "case", "string-to-sign.txt"), []byte("TC3-HMAC-SHA256\n0"), 0o644)
	cases, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := cases[0].Check(); err != nil || len(m) != 1 || m[0].File != "string-to-sign.txt" {
		t.Errorf("Check of a corrupted case = %+v, %v; want one string-to-sign.txt mismatch", m, err)
	}
}
