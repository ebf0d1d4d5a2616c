// Package chrometest holds the one rule every test that needs Chrome follows: with CI=true a
// missing Chrome is a failure, elsewhere the test is skipped.
package chrometest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

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

// Main is the TestMain of a package whose tests share one browser: it starts Chrome with opts
// behind a proxy that refuses every request that is not loopback (fixtures name vendor CDNs:
// nothing may leave the machine or wait for DNS), stores it in *browser, runs the tests and
// closes the browser. Without Chrome it fails with CI=true and skips the package elsewhere. pkg
// names the package in messages. It returns the exit code.
func Main(m *testing.M, pkg string, browser **render.Browser, opts ...render.Option) int {
	if err := Missing(); err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "FAIL: the %s tests need Chromium in CI: %v\n", pkg, err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "skipping the %s tests: %v\n", pkg, err)
		return 0
	}
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no network in tests", http.StatusForbidden)
	}))
	defer refuse.Close()
	// Chrome takes its proxy from the environment; only Chrome gets it: the environment is
	// restored once it started.
	restore := SetEnv(map[string]string{"http_proxy": refuse.URL, "https_proxy": refuse.URL, "all_proxy": refuse.URL})
	b, err := render.New(context.Background(), opts...)
	restore()
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: starting the browser: %v\n", err)
		return 1
	}
	*browser = b
	code := m.Run()
	if err := b.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: closing the browser: %v\n", err)
		code = 1
	}
	return code
}

// SetEnv sets the environment variables and returns a func that restores them.
func SetEnv(vars map[string]string) func() {
	type saved struct {
		value string
		set   bool
	}
	old := map[string]saved{}
	for k, v := range vars {
		o, ok := os.LookupEnv(k)
		old[k] = saved{o, ok}
		os.Setenv(k, v)
	}
	return func() {
		for k, o := range old {
			if o.set {
				os.Setenv(k, o.value)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}

// Open renders url in b without scrolling, within 30s, and closes the page when tb ends. A page
// that cannot be opened or whose render Failed fails tb.
func Open(tb testing.TB, b *render.Browser, url string) *render.Page {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := b.Open(ctx, url, render.WithoutScroll())
	if err != nil {
		tb.Fatalf("opening %s: %v", url, err)
	}
	tb.Cleanup(func() { p.Close() })
	if p.Failed {
		tb.Fatalf("rendering %s failed: %s", url, p.Err)
	}
	return p
}
