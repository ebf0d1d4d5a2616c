package paywall

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/linkproof/linkproof/internal/chrometest"
	"github.com/linkproof/linkproof/render"
)

// One browser and one fixture server serve the whole test binary.
var (
	browser *render.Browser
	srv     *httptest.Server
)

func TestMain(m *testing.M) {
	srv = httptest.NewServer(http.FileServer(http.Dir("testdata")))
	code := chrometest.Main(m, "paywall", &browser, render.WithTimeout(15*time.Second), render.WithSettle(100*time.Millisecond, time.Second))
	srv.Close()
	os.Exit(code)
}

// open renders a fixture without scrolling; the page is closed at the end of
// the test.
func open(t *testing.T, file string) *render.Page {
	t.Helper()
	return chrometest.Open(t, browser, srv.URL+"/"+file)
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
