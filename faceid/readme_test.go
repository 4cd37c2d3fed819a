package faceid_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// goBlocks returns the ```go blocks of a Markdown document with the line
// each starts on.
func goBlocks(md []byte) (blocks []string, lines []int) {
	var cur *strings.Builder
	for i, line := range strings.Split(string(md), "\n") {
		switch {
		case cur == nil && strings.TrimSpace(line) == "```go":
			cur = new(strings.Builder)
			lines = append(lines, i+2)
		case cur != nil && strings.TrimSpace(line) == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line)
			cur.WriteByte('\n')
		}
	}
	return blocks, lines
}

func TestGoBlocks(t *testing.T) {
	md := "text\n```go\npackage main\n```\n```sh\nls\n```\n  ```go\nfunc f() {}\n  ```\n"
	blocks, lines := goBlocks([]byte(md))
	want := []string{"package main\n", "func f() {}\n"}
	if fmt.Sprint(blocks) != fmt.Sprint(want) || fmt.Sprint(lines) != "[3 9]" {
		t.Fatalf("goBlocks = %q at %v, want %q at [3 9]", blocks, lines, want)
	}
}

// TestReadmeProgramsBuild builds every Go block of the README as a program of
// a scratch module outside the repository that requires this module by its
// path, replaced by the checkout: what a user who runs `go get` and pastes the
// README gets. A block that is not a whole program fails the test, so the
// README cannot hold a fragment that no longer compiles.
func TestReadmeProgramsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds programs with the go command; skipped in -short mode")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	md := readFile(t, filepath.Join(root, "README.md"))
	modLine, _, _ := strings.Cut(string(readFile(t, filepath.Join(root, "go.mod"))), "\n")
	modPath := strings.TrimSpace(strings.TrimPrefix(modLine, "module"))
	sum := readFile(t, filepath.Join(root, "go.sum"))

	blocks, lines := goBlocks(md)
	if len(blocks) == 0 {
		t.Fatal("README.md has no ```go block; the usage section must show a program")
	}
	for i, src := range blocks {
		t.Run(fmt.Sprintf("line%d", lines[i]), func(t *testing.T) {
			if !strings.HasPrefix(src, "package main\n") {
				t.Fatalf("README.md line %d: a Go block must be a whole program starting with \"package main\", so that this test can build it", lines[i])
			}
			dir := t.TempDir()
			gomod := fmt.Sprintf("module example.com/readme\n\ngo 1.23\n\nrequire %s v0.0.0\n\nreplace %s => %s\n", modPath, modPath, root)
			write(t, filepath.Join(dir, "go.mod"), []byte(gomod))
			write(t, filepath.Join(dir, "go.sum"), sum)
			write(t, filepath.Join(dir, "main.go"), []byte(src))
			cmd := exec.Command(goTool, "build", "-mod=mod", "-o", os.DevNull, ".")
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("README.md line %d does not build as a program requiring %s: %v\n%s", lines[i], modPath, err, out.String())
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
