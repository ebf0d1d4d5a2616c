// Package linkproof holds the fixture web site that the tests and `linkproof demo` serve.
// The program itself is in cmd/linkproof; its packages are under internal/ and render/.
package linkproof

import (
	"embed"
	"io/fs"
)

//go:embed all:testdata/site testdata/demo/lost-links.csv
var siteFiles embed.FS

// Site returns the fixture site: one directory per host (see internal/site).
func Site() (fs.FS, error) {
	return fs.Sub(siteFiles, "testdata/site")
}

// DemoLinks returns the demo's lost-links export; {{host:NAME}} stands for a fixture host.
func DemoLinks() ([]byte, error) {
	return siteFiles.ReadFile("testdata/demo/lost-links.csv")
}
