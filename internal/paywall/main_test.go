package paywall

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

// One browser and one fixture server serve the whole test binary.
var (
	browser *render.Browser
	srv     *httptest.Server
)

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	if _, err := render.ExecPath(""); err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "FAIL: the paywall tests need Chromium in CI: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "skipping the paywall tests: %v\n", err)
		return 0
	}
	// The fixtures name vendor CDNs: Chrome (only) gets a proxy that refuses
	// every request that is not loopback, so nothing leaves the machine.
	refuse := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no network in tests", http.StatusForbidden)
	}))
	defer refuse.Close()
	restore := setEnv(map[string]string{"http_proxy": refuse.URL, "https_proxy": refuse.URL, "all_proxy": refuse.URL})
	srv = httptest.NewServer(http.FileServer(http.Dir("testdata")))
	defer srv.Close()
	var err error
	browser, err = render.New(context.Background(), render.WithTimeout(15*time.Second), render.WithSettle(100*time.Millisecond, time.Second))
	restore()
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: starting the browser: %v\n", err)
		return 1
	}
	code := m.Run()
	if err := browser.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: closing the browser: %v\n", err)
		code = 1
	}
	return code
}

// setEnv sets the variables and returns a func that restores them.
func setEnv(vars map[string]string) func() {
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

// open renders a fixture without scrolling; the page is closed at the end of
// the test.
func open(t *testing.T, file string) *render.Page {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := browser.Open(ctx, srv.URL+"/"+file, render.WithoutScroll())
	if err != nil {
		t.Fatalf("opening %s: %v", file, err)
	}
	t.Cleanup(func() { p.Close() })
	if p.Failed {
		t.Fatalf("rendering %s failed: %s", file, p.Err)
	}
	return p
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func readFixture(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
