package consent

import (
	"context"
	"encoding/json"
	"fmt"
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

// afterConsent is the link that the fixtures add once consent is given.
const afterConsent = "https://target.example/after-consent"

func TestMain(m *testing.M) {
	srv = httptest.NewServer(fixtureHandler())
	code := chrometest.Main(m, "consent", &browser, render.WithTimeout(15*time.Second), render.WithSettle(100*time.Millisecond, time.Second))
	srv.Close()
	os.Exit(code)
}

// fixtureHandler serves testdata/ and the generated generic-language pages.
func fixtureHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir("testdata")))
	mux.HandleFunc("/generic/{lang}", func(w http.ResponseWriter, r *http.Request) {
		for _, g := range genericPages() {
			if g.lang == r.PathValue("lang") {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprint(w, g.html())
				return
			}
		}
		http.NotFound(w, r)
	})
	return mux
}

// open renders path of the fixture server (or an absolute URL) without
// scrolling and closes the page at the end of the test.
func open(t *testing.T, path string) *render.Page {
	t.Helper()
	if len(path) > 0 && path[0] == '/' {
		path = srv.URL + path
	}
	return chrometest.Open(t, browser, path)
}

func hasLink(p *render.Page, href string) bool {
	for _, l := range p.Links {
		if l.Href == href {
			return true
		}
	}
	return false
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// jsonCall returns the expression that calls the function fn with arg.
func jsonCall(fn string, arg any) (string, error) {
	b, err := json.Marshal(arg)
	if err != nil {
		return "", err
	}
	return "(" + fn + ")(" + string(b) + ")", nil
}
