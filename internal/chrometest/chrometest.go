// Package chrometest holds the one rule every test that needs Chrome follows: with CI=true a
// missing Chrome is a failure, elsewhere the test is skipped.
package chrometest

import (
	"os"
	"testing"

	"github.com/linkproof/linkproof/render"
)

// Require fails (CI) or skips (elsewhere) tb when no Chrome can be found.
func Require(tb testing.TB) {
	tb.Helper()
	if err := Missing(); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("Chrome is required in CI: %v", err)
		}
		tb.Skip("no Chrome on this machine (CI=true makes this a failure)")
	}
}

// Missing returns why Chrome cannot be found, or nil.
func Missing() error {
	_, err := render.ExecPath("")
	return err
}
