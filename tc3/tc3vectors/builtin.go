package tc3vectors

import (
	"embed"
	"io/fs"
)

// builtin is a copy of the case folders of testdata/tc3, embedded so that a
// binary (tc3sign vectors) runs them outside a checkout. go:embed cannot
// reach testdata/tc3 from here; TestBuiltinIsTestdata fails when the copy
// and the source differ. Refresh it with go generate.
//
//go:generate sh -c "rm -rf builtin && mkdir builtin && cp -R ../../testdata/tc3/*/ builtin/"
//go:embed builtin
var builtin embed.FS

// Builtin returns the embedded case folders, one per directory at its root:
// LoadFS(Builtin(), ".") loads them all.
func Builtin() fs.FS {
	sub, err := fs.Sub(builtin, "builtin")
	if err != nil {
		panic(err) // "builtin" is a literal directory of the embed
	}
	return sub
}
