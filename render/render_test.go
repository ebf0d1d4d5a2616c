package render

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// One Browser serves the whole test binary; each test opens its own tabs.
var (
	shared *Browser
	srv    *httptest.Server
	quit   chan struct{} // closed at the end: releases the hanging handlers

	popupHits atomic.Int64

	profilesMu sync.Mutex
	profiles   []string // profile dirs of every Browser the tests made
)

func TestMain(m *testing.M) { os.Exit(testMain(m)) }

func testMain(m *testing.M) int {
	if os.Getenv(childEnv) != "" {
		return childMain()
	}
	if _, err := ExecPath(""); err != nil {
		if os.Getenv("CI") == "true" {
			fmt.Fprintf(os.Stderr, "FAIL: the render tests need Chromium in CI: %v\n", err)
			return 1
		}
		fmt.Fprintf(os.Stderr, "skipping the render tests: %v\n", err)
		return 0
	}
	quit = make(chan struct{})
	srv = httptest.NewServer(testHandler())
	b, err := New(context.Background(), WithTimeout(15*time.Second))
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: starting the browser: %v\n", err)
		return 1
	}
	shared = b
	track(b)

	code := m.Run()

	close(quit)
	srv.Close()
	if err := shared.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "FAIL: closing the browser: %v\n", err)
		code = 1
	}
	if leaks := leaked(); len(leaks) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: leaked after Close: %s\n", strings.Join(leaks, "; "))
		code = 1
	}
	return code
}

// track records the profile of a Browser for the leak check.
func track(b *Browser) {
	profilesMu.Lock()
	profiles = append(profiles, b.dataDir)
	profilesMu.Unlock()
}

// leaked lists the Chrome processes and profile dirs still there: processes
// that use a tracked profile, the profiles themselves, and Chrome processes
// that are children of this test binary (the examples' browsers too).
func leaked() []string {
	var out []string
	profilesMu.Lock()
	defer profilesMu.Unlock()
	for _, dir := range profiles {
		if pids := chromeProcesses(dir); len(pids) > 0 {
			out = append(out, fmt.Sprintf("%d processes use %s", len(pids), dir))
		}
		if _, err := os.Stat(dir); err == nil {
			out = append(out, "profile "+dir+" exists")
		}
	}
	if kids := chromeChildren(); len(kids) > 0 {
		out = append(out, fmt.Sprintf("chrome child processes %v", kids))
	}
	return out
}

// chromeChildren returns the Chrome processes whose parent is this process.
func chromeChildren() []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...
		s := string(stat)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(s[i+1:])
		if len(fields) < 2 || fields[1] != strconv.Itoa(self) {
			continue
		}
		if strings.Contains(strings.ToLower(s[:i]), "chrom") || strings.Contains(strings.ToLower(s[:i]), "headless") {
			pids = append(pids, pid)
		}
	}
	return pids
}

// testHandler serves testdata/ and the endpoints that files cannot be.
func testHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir("testdata")))
	mux.HandleFunc("/redirect/first", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/redirect/second", http.StatusFound)
	})
	mux.HandleFunc("/redirect/second", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static.html", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		select { // never answers while the test runs
		case <-r.Context().Done():
		case <-quit:
		}
	})
	mux.HandleFunc("/download.bin", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="file.bin"`)
		w.Write([]byte(strings.Repeat("x", 1<<16)))
	})
	mux.HandleFunc("/popup-target", func(w http.ResponseWriter, r *http.Request) {
		popupHits.Add(1)
		fmt.Fprint(w, "<!doctype html><title>popup</title><p>popup")
	})
	mux.HandleFunc("/cross-frame", func(w http.ResponseWriter, r *http.Request) {
		// 127.0.0.1 and localhost are different sites: the frame gets a
		// process and a target of its own.
		_, port, _ := strings.Cut(r.Host, ":")
		fmt.Fprintf(w, `<!doctype html><title>Cross</title><a href="/top">top</a>
<iframe src="http://localhost:%s/iframe-inner.html"></iframe>`, port)
	})
	mux.HandleFunc("/no-content", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `<!doctype html><title>Not found</title><a href="/home">home</a>`)
	})
	mux.HandleFunc("/tall", func(w http.ResponseWriter, r *http.Request) {
		h, _ := strconv.Atoi(r.URL.Query().Get("h"))
		fmt.Fprintf(w, `<!doctype html><title>Tall</title><body style="margin:0">
<div style="height:%dpx;background:linear-gradient(#ff8c00,#4169e1)"><a href="/tall-link">tall</a></div>`, h)
	})
	mux.HandleFunc("/many", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		pad, _ := strconv.Atoi(r.URL.Query().Get("pad"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!doctype html><title>Many</title><body><nav><a href=\"/nav\">nav</a></nav><main>")
		filler := strings.Repeat("lorem ipsum dolor sit amet ", 40)
		for i := range n {
			fmt.Fprintf(w, `<p>Paragraph %d <a href="/l/%d" rel="nofollow">link number %d</a> <span data-href="/d/%d">d</span></p>`, i, i, i, i)
		}
		// Bulk that costs parsing and transfer but no layout.
		fmt.Fprint(w, `<div style="display:none">`)
		for range pad {
			fmt.Fprintf(w, "<p>%s</p>\n", filler)
		}
		fmt.Fprint(w, "</div></main></body>")
	})
	return mux
}

// tabAllowance is what opening a tab may add to a page's budget in the
// timing assertions (the budget starts once the tab is ready), on a busy
// machine.
const tabAllowance = time.Second

// open renders path of the test server in the shared browser and closes the
// page when the test ends.
func open(t *testing.T, path string, opts ...PageOption) *Page {
	t.Helper()
	p, err := shared.Open(context.Background(), srv.URL+path, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// link returns the first link of p with the href srv.URL+path (or path when
// it is absolute) and the kind, or fails the test.
func link(t *testing.T, p *Page, path, kind string) Link {
	t.Helper()
	want := path
	if strings.HasPrefix(path, "/") {
		want = srv.URL + path
	}
	for _, l := range p.Links {
		if l.Href == want && l.Kind == kind {
			return l
		}
	}
	t.Fatalf("no %s link to %s among %d links: %s", kind, want, len(p.Links), hrefs(p))
	return Link{}
}

func hasHref(p *Page, path string) bool {
	for _, l := range p.Links {
		if l.Href == srv.URL+path {
			return true
		}
	}
	return false
}

func hrefs(p *Page) string {
	var s []string
	for _, l := range p.Links {
		s = append(s, l.Kind+":"+strings.TrimPrefix(l.Href, srv.URL))
	}
	return strings.Join(s, " ")
}

func TestStaticPage(t *testing.T) {
	t.Parallel()
	p := open(t, "/static.html")
	if p.Failed || p.TimedOut {
		t.Fatalf("Failed=%v TimedOut=%v Err=%q", p.Failed, p.TimedOut, p.Err)
	}
	if p.Title != "Static page" || p.Status != 200 || p.FinalURL != srv.URL+"/static.html" || len(p.Navigations) != 0 {
		t.Errorf("Title %q Status %d FinalURL %q Navigations %v", p.Title, p.Status, p.FinalURL, p.Navigations)
	}
	if !strings.Contains(p.HTML, `id="logo"`) || !strings.HasPrefix(p.HTML, "<html") {
		t.Errorf("HTML does not hold the document: %.80q", p.HTML)
	}
	if p.Width != 1280 || p.Height < 800 {
		t.Errorf("size %dx%d, want 1280 wide and at least the viewport", p.Width, p.Height)
	}

	l := link(t, p, "https://target.example/product?a=1&b=2", LinkA)
	if l.Text != "great product" || strings.Join(l.Rel, ",") != "nofollow,ugc" || l.RawHref != "https://target.example/product?a=1&b=2" {
		t.Errorf("link: Text %q Rel %q RawHref %q", l.Text, l.Rel, l.RawHref)
	}
	if !l.Visible || l.Hidden != "" || l.Box.Width <= 0 || l.Box.Height <= 0 || l.Placement != PlacementContent {
		t.Errorf("link: Visible %v Hidden %q Box %+v Placement %q", l.Visible, l.Hidden, l.Box, l.Placement)
	}
	if l.InShadowDOM || l.InIframe || l.LazyLoaded {
		t.Errorf("link: shadow %v iframe %v lazy %v", l.InShadowDOM, l.InIframe, l.LazyLoaded)
	}
	var n int
	if err := p.Evaluate(context.Background(), "document.querySelectorAll("+jsString(l.Selector)+").length", &n); err != nil || n != 1 {
		t.Errorf("selector %q matches %d elements (%v)", l.Selector, n, err)
	}

	for _, c := range []struct{ path, placement, text string }{
		{"/home", PlacementHeader, "Home"},
		{"/nav-1", PlacementNav, "One"},
		{"/role-nav", PlacementNav, "Role nav"},
		{"/article-header", PlacementContent, "Article header"},
		{"/aside", PlacementAside, "Aside"},
		{"/footer", PlacementFooter, "Footer"},
		{"/role-footer", PlacementFooter, "Role footer"},
		{"/img-link", PlacementContent, "Logo of the shop"},
		{"/svg-link", PlacementContent, "svg"},
		{"/area", PlacementContent, "Area link"},
	} {
		l := link(t, p, c.path, LinkA)
		if l.Placement != c.placement || l.Text != c.text || !l.Visible {
			t.Errorf("%s: Placement %q Text %q Visible %v (%s), want %q %q visible", c.path, l.Placement, l.Text, l.Visible, l.Hidden, c.placement, c.text)
		}
	}
	if sel := link(t, p, "/home", LinkA).Selector; sel != "#logo" {
		t.Errorf("selector of the link with an id: %q", sel)
	}
	for _, path := range []string{"/in-template", "/in-comment", "/in-script"} {
		if hasHref(p, path) {
			t.Errorf("%s is not a link but was extracted", path)
		}
	}
	for _, l := range p.Links {
		if strings.HasPrefix(l.Href, "mailto:") || strings.HasSuffix(l.Href, "#top") {
			t.Errorf("non-http or same-page link extracted: %+v", l)
		}
	}
}

func TestJSInjectedLink(t *testing.T) {
	t.Parallel()
	p := open(t, "/js.html")
	l := link(t, p, "/injected", LinkA)
	if !l.Visible || l.LazyLoaded || l.Text != "Injected link" {
		t.Errorf("injected link: %+v", l)
	}
	if p.TimedOut || p.Failed {
		t.Errorf("TimedOut %v Failed %v %q", p.TimedOut, p.Failed, p.Err)
	}
}

func TestNavigations(t *testing.T) {
	t.Parallel()
	u := func(path string) string { return srv.URL + path }
	for _, c := range []struct {
		name, path string
		want       []Navigation
	}{
		{"script", "/script-redirect.html", []Navigation{{u("/static.html"), 200, KindScript}}},
		{"http", "/redirect/first", []Navigation{{u("/redirect/second"), 302, KindHTTP}, {u("/static.html"), 301, KindHTTP}}},
		{"meta refresh", "/meta-refresh.html", []Navigation{{u("/static.html"), 200, KindMetaRefresh}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := open(t, c.path)
			if p.FinalURL != u("/static.html") || p.Status != 200 || p.Title != "Static page" {
				t.Errorf("FinalURL %q Status %d Title %q", p.FinalURL, p.Status, p.Title)
			}
			if fmt.Sprint(p.Navigations) != fmt.Sprint(c.want) {
				t.Errorf("Navigations\n got %v\nwant %v", p.Navigations, c.want)
			}
			link(t, p, "/home", LinkA)
		})
	}
}

func TestStatusOfErrorPage(t *testing.T) {
	t.Parallel()
	p := open(t, "/missing")
	if p.Status != 404 || p.Failed || p.Title != "Not found" {
		t.Errorf("Status %d Failed %v Title %q", p.Status, p.Failed, p.Title)
	}
	link(t, p, "/home", LinkA)
}

func TestLazyLoaded(t *testing.T) {
	t.Parallel()
	p := open(t, "/lazy.html")
	if l := link(t, p, "/lazy-link", LinkA); !l.LazyLoaded || l.Box.Y < 4000 {
		t.Errorf("lazy link: LazyLoaded %v Box %+v", l.LazyLoaded, l.Box)
	}
	if l := link(t, p, "/top", LinkA); l.LazyLoaded {
		t.Errorf("the top link is not lazy: %+v", l)
	}

	q := open(t, "/lazy.html", WithoutScroll())
	if hasHref(q, "/lazy-link") {
		t.Errorf("WithoutScroll: the lazy link appeared")
	}
}

func TestShadowDOM(t *testing.T) {
	t.Parallel()
	p := open(t, "/shadow.html")
	l := link(t, p, "/shadow-link", LinkA)
	if !l.InShadowDOM || !l.Visible || l.Selector != "#host >>> p > a" {
		t.Errorf("shadow link: InShadowDOM %v Visible %v Selector %q", l.InShadowDOM, l.Visible, l.Selector)
	}
	n := link(t, p, "/nested-shadow", LinkA)
	if !n.InShadowDOM || strings.Count(n.Selector, " >>> ") != 2 {
		t.Errorf("nested shadow link: %+v", n)
	}
	if hasHref(p, "/closed-shadow") {
		t.Errorf("a closed shadow root cannot be read, yet its link was found")
	}
	if _, err := p.LinkScreenshot(context.Background(), n); err != nil {
		t.Errorf("LinkScreenshot of a nested shadow link: %v", err)
	}
}

func TestIframe(t *testing.T) {
	t.Parallel()
	p := open(t, "/iframe.html")
	l := link(t, p, "/in-iframe", LinkA)
	if !l.InIframe || l.InShadowDOM || !l.Visible || l.Selector != "#frame >>> #in" {
		t.Errorf("iframe link: %+v", l)
	}
	// The frame is 200px down and 100px right; the link 50px down inside it.
	if l.Box.X < 99 || l.Box.X > 101 || l.Box.Y < 249 || l.Box.Y > 251 {
		t.Errorf("iframe link box %+v, want it at (100, 250)", l.Box)
	}
	if l.Hidden != "" {
		t.Errorf("iframe link hidden: %q", l.Hidden)
	}
}

func TestCrossSiteIframe(t *testing.T) {
	t.Parallel()
	p := open(t, "/cross-frame", WithoutScroll())
	link(t, p, "/top", LinkA)
	for _, l := range p.Links {
		if l.InIframe {
			t.Errorf("a cross-site frame cannot be read from the page, yet %+v was found", l)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := p.EvaluateInFrames(ctx, "iframe-inner", "document.getElementById('in').getAttribute('href')")
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].Err != "" || string(res[0].Value) != `"/in-iframe"` {
		t.Errorf("EvaluateInFrames: %+v", res)
	}
	if res, err := p.EvaluateInFrames(ctx, "no-such-frame", "1"); err != nil || len(res) != 0 {
		t.Errorf("EvaluateInFrames with no match: %+v %v", res, err)
	}
}

func TestHiddenLinks(t *testing.T) {
	t.Parallel()
	p := open(t, "/hidden.html")
	for _, c := range []struct{ path, hidden string }{
		{"/visible", ""},
		{"/display", HiddenDisplay},
		{"/display-parent", HiddenDisplay},
		{"/visibility", HiddenVisibility},
		{"/opacity", HiddenOpacity},
		{"/size", HiddenSize},
		{"/offpage", HiddenOffpage},
		{"/clip", HiddenClip},
		{"/overflow", HiddenClip},
		{"/covered", HiddenCovered},
		{"/covered-fixed", HiddenCovered},
	} {
		l := link(t, p, c.path, LinkA)
		if l.Hidden != c.hidden || l.Visible != (c.hidden == "") {
			t.Errorf("%s: Hidden %q Visible %v, want %q", c.path, l.Hidden, l.Visible, c.hidden)
		}
	}
}

func TestPseudoLinks(t *testing.T) {
	t.Parallel()
	p := open(t, "/pseudo.html")
	for _, c := range []struct{ href, kind, raw string }{
		{"/onclick", LinkOnclick, "/onclick"},
		{"https://other.example/open", LinkOnclick, "https://other.example/open"},
		{"/onclick-a", LinkOnclick, "/onclick-a"},
		{"/js-href", LinkJavascript, "javascript:void(window.location='/js-href')"},
		{"/data-path", LinkData, "/data-path"},
		{"https://target.example/data", LinkData, "https://target.example/data"},
		{"/button-click", LinkButton, "/button-click"},
		{"/form-button", LinkButton, "/form-button"},
		{"/form-action", LinkForm, "/form-action"},
	} {
		if l := link(t, p, c.href, c.kind); l.RawHref != c.raw {
			t.Errorf("%s: RawHref %q, want %q", c.href, l.RawHref, c.raw)
		}
	}
	for _, l := range p.Links {
		if l.Kind == LinkA {
			t.Errorf("no crawlable link on this page, got %+v", l)
		}
		if strings.HasSuffix(l.Href, "/image.png") {
			t.Errorf("data-src is an image, not a link: %+v", l)
		}
	}
}

func TestNeverFinishesLoading(t *testing.T) {
	t.Parallel()
	const budget = 2 * time.Second
	start := time.Now()
	p := open(t, "/never-loads.html", WithPageTimeout(budget))
	if took := time.Since(start); took > budget+2*time.Second+tabAllowance {
		t.Errorf("Open took %v with a budget of %v", took, budget)
	}
	if !p.TimedOut || p.Failed || !strings.Contains(p.Err, "loading") {
		t.Errorf("TimedOut %v Failed %v Err %q", p.TimedOut, p.Failed, p.Err)
	}
	link(t, p, "/before-image", LinkA)
}

func TestInfiniteLoop(t *testing.T) {
	t.Parallel()
	const budget = 2 * time.Second
	start := time.Now()
	p := open(t, "/loop.html", WithPageTimeout(budget))
	if took := time.Since(start); took > budget+5*time.Second+tabAllowance {
		t.Errorf("Open took %v with a budget of %v", took, budget)
	}
	if !p.TimedOut && !p.Failed {
		t.Fatalf("a page stuck in while(true) is neither TimedOut nor Failed")
	}
	if p.TimedOut && !p.Failed {
		link(t, p, "/before-loop", LinkA) // the loop was terminated: what came before is there
	}
	t.Logf("while(true): %v in %v, Err %q", map[bool]string{true: "Failed", false: "TimedOut"}[p.Failed], time.Since(start), p.Err)

	next := open(t, "/static.html")
	if next.Failed || next.TimedOut || next.Title != "Static page" {
		t.Errorf("the next Open: Failed %v TimedOut %v Title %q", next.Failed, next.TimedOut, next.Title)
	}
}

func TestEndlessMutation(t *testing.T) {
	t.Parallel()
	start := time.Now()
	p := open(t, "/endless.html", WithPageSettle(300*time.Millisecond, time.Second), WithoutScroll())
	if p.TimedOut || time.Since(start) > 5*time.Second {
		t.Errorf("a page that never stops changing is taken after the settle bound: TimedOut %v after %v", p.TimedOut, time.Since(start))
	}
	link(t, p, "/ticking", LinkA)

	start = time.Now()
	q := open(t, "/endless.html", WithPageTimeout(2*time.Second), WithPageSettle(300*time.Millisecond, time.Minute))
	if !q.TimedOut || time.Since(start) > 4*time.Second+tabAllowance {
		t.Errorf("with a settle bound beyond the budget: TimedOut %v after %v", q.TimedOut, time.Since(start))
	}
	link(t, q, "/ticking", LinkA)
}

func TestDialogs(t *testing.T) {
	t.Parallel()
	p := open(t, "/dialogs.html")
	if strings.Join(p.Dialogs, "|") != "hello from alert|are you sure?" {
		t.Errorf("Dialogs %q", p.Dialogs)
	}
	link(t, p, "/after-alert", LinkA)
	link(t, p, "/dismissed", LinkA) // confirm() answered false
	if p.Failed || p.TimedOut {
		t.Errorf("Failed %v TimedOut %v %q", p.Failed, p.TimedOut, p.Err)
	}
}

func TestBeforeUnload(t *testing.T) {
	t.Parallel()
	start := time.Now()
	p := open(t, "/beforeunload.html")
	t.Logf("Open: %v", time.Since(start))
	if p.FinalURL != srv.URL+"/static.html" {
		t.Errorf("the script navigation away from a beforeunload page: FinalURL %q", p.FinalURL)
	}
	// Open the page again, stay on it with a user gesture (which arms
	// beforeunload), and close it.
	q, err := shared.Open(context.Background(), srv.URL+"/beforeunload-stay.html", WithoutScroll())
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Evaluate(context.Background(), "document.body.click()", nil); err != nil {
		t.Fatal(err)
	}
	id := q.tab.target.TargetID
	start = time.Now()
	q.Close()
	t.Logf("Close of a page with an armed beforeunload: %v", time.Since(start))
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("closing a page with a beforeunload handler took %v", d)
	}
	ctx, cancel := shared.browserCtx(context.Background(), 5*time.Second)
	defer cancel()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range infos {
		if i.TargetID == id {
			t.Errorf("the tab is still there after Close: %+v", i)
		}
	}
}

func TestPopupsClosed(t *testing.T) {
	t.Parallel()
	p := open(t, "/popup.html")
	link(t, p, "/popup-stays", LinkA)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	popups, err := popupTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(popups) > 0 {
		t.Errorf("popups left open: %v (%d popup requests)", popups, popupHits.Load())
	}
}

func TestDownloads(t *testing.T) {
	t.Parallel()
	p := open(t, "/download.html")
	if p.Failed || p.FinalURL != srv.URL+"/download.html" {
		t.Errorf("a page that starts a download: Failed %v FinalURL %q Err %q", p.Failed, p.FinalURL, p.Err)
	}
	link(t, p, "/download.bin", LinkA)

	q := open(t, "/download.bin")
	if !q.Failed || !strings.Contains(q.Err, "download") && !strings.Contains(q.Err, "ABORTED") {
		t.Errorf("opening a download: Failed %v Err %q", q.Failed, q.Err)
	}
	found, _ := filepath.Glob(filepath.Join(shared.dataDir, "*", "file.bin"))
	home, _ := os.UserHomeDir()
	more, _ := filepath.Glob(filepath.Join(home, "Downloads", "file*.bin"))
	if len(found)+len(more) > 0 {
		t.Errorf("a download was written: %v %v", found, more)
	}
}

func TestCrash(t *testing.T) {
	t.Parallel()
	p, err := shared.Open(context.Background(), "chrome://crash")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if !p.Failed {
		t.Errorf("chrome://crash: Failed %v Err %q", p.Failed, p.Err)
	}
	if _, err := p.Screenshot(context.Background()); err == nil {
		t.Errorf("a screenshot of a crashed page succeeded")
	}
	next := open(t, "/static.html")
	if next.Failed || next.Title != "Static page" {
		t.Errorf("after a crash: Failed %v Title %q", next.Failed, next.Title)
	}
}

func TestNoContent(t *testing.T) {
	t.Parallel()
	start := time.Now()
	p := open(t, "/no-content", WithPageTimeout(5*time.Second))
	// A 204 commits no document: the navigation is aborted, and that is
	// known at once, without waiting for the budget.
	if !p.Failed || p.FinalURL != "" || time.Since(start) > 4*time.Second {
		t.Errorf("204: after %v Failed %v FinalURL %q Err %q", time.Since(start), p.Failed, p.FinalURL, p.Err)
	}
}

func TestUnreachable(t *testing.T) {
	t.Parallel()
	l, err := newListenerURL()
	if err != nil {
		t.Fatal(err)
	}
	p, err := shared.Open(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if !p.Failed || !strings.Contains(p.Err, "ERR_CONNECTION_REFUSED") {
		t.Errorf("Failed %v Err %q", p.Failed, p.Err)
	}
}

// newListenerURL returns the URL of a port on which nothing listens.
func newListenerURL() (string, error) {
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	return u + "/", nil
}

func TestConcurrentOpens(t *testing.T) {
	t.Parallel()
	paths := []string{"/static.html", "/js.html", "/shadow.html", "/iframe.html"}
	var wg sync.WaitGroup
	errs := make([]error, len(paths))
	for i, path := range paths {
		wg.Go(func() {
			p, err := shared.Open(context.Background(), srv.URL+path)
			if err != nil {
				errs[i] = err
				return
			}
			defer p.Close()
			if p.Failed || p.TimedOut || len(p.Links) == 0 {
				errs[i] = fmt.Errorf("%s: Failed %v TimedOut %v %d links %q", path, p.Failed, p.TimedOut, len(p.Links), p.Err)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestOpenCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	p, err := shared.Open(ctx, srv.URL+"/never-loads.html")
	if err == nil {
		p.Close()
		t.Fatalf("Open with a context that ends returned no error")
	}
	if ctx.Err() == nil || !strings.Contains(err.Error(), "context") {
		t.Errorf("error %v", err)
	}
}

func TestHugePage(t *testing.T) {
	t.Parallel()
	// 2,000 links and 10,000 paragraphs of filler: about 11 MB. The budget
	// is generous: the machine that runs the tests may be busy.
	start := time.Now()
	p := open(t, "/many?n=2000&pad=10000", WithPageTimeout(60*time.Second))
	t.Logf("a page of %d bytes with %d links: %v", len(p.HTML), len(p.Links), time.Since(start))
	if len(p.HTML) < 10<<20 {
		t.Errorf("HTML is %d bytes, want about 10 MB", len(p.HTML))
	}
	if p.Failed || p.TimedOut {
		t.Errorf("Failed %v TimedOut %v %q", p.Failed, p.TimedOut, p.Err)
	}
	var a, d int
	for _, l := range p.Links {
		switch l.Kind {
		case LinkA:
			a++
		case LinkData:
			d++
		}
	}
	if a != 2001 || d != 2000 {
		t.Errorf("%d <a> and %d data links, want 2001 and 2000", a, d)
	}
}

// TestExtractionSpeed checks that extraction is linear in the number of
// links and fast in absolute terms. The absolute bound is loose: the test
// machines are shared, and a wall clock measures their load too. The quiet
// figure is logged (about 0.4s for 5,000 links).
func TestExtractionSpeed(t *testing.T) {
	t.Parallel()
	fastest := func(path string, links int) time.Duration {
		p := open(t, path, WithoutScroll())
		if len(p.Links) != links {
			t.Fatalf("%s: %d links, want %d", path, len(p.Links), links)
		}
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			if err := p.Extract(context.Background()); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	small := fastest("/many?n=500", 1001)
	large := fastest("/many?n=5000", 10001)
	t.Logf("extracting 500 links: %v; 5,000 links (10,001 with pseudo-links): %v", small, large)
	// Linear is 10 times (less, with the fixed cost of a call); quadratic 100.
	if large > 30*small {
		t.Errorf("extraction is not linear: 10 times the links took %.1f times as long", float64(large)/float64(small))
	}
	if limit := 5 * time.Second; large > limit && !raceEnabled {
		t.Errorf("extracting 5,000 links took %v", large)
	}
}

func TestExtractAfterConsent(t *testing.T) {
	t.Parallel()
	p := open(t, "/consent.html")
	if hasHref(p, "/after-consent") {
		t.Fatal("the link is there before consent")
	}
	ctx := context.Background()
	var clicked bool
	if err := p.Evaluate(ctx, `document.getElementById('accept').click(), window.consentGiven`, &clicked); err != nil || !clicked {
		t.Fatalf("Evaluate: %v, consentGiven %v", err, clicked)
	}
	if err := p.Extract(ctx); err != nil {
		t.Fatal(err)
	}
	if l := link(t, p, "/after-consent", LinkA); l.LazyLoaded || !l.Visible {
		t.Errorf("revealed link: %+v", l)
	}
	if err := p.Evaluate(ctx, `Promise.resolve(40 + 2)`, &clicked); err == nil {
		t.Errorf("decoding a number into a bool succeeded")
	}
	var n int
	if err := p.Evaluate(ctx, `Promise.resolve(40 + 2)`, &n); err != nil || n != 42 {
		t.Errorf("Evaluate of a promise: %d, %v", n, err)
	}
	if err := p.Evaluate(ctx, `nope()`, nil); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Evaluate of a throwing expression: %v", err)
	}
	tctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if err := p.Evaluate(tctx, `new Promise(() => {})`, nil); err == nil {
		t.Errorf("Evaluate of a promise that never settles returned no error")
	}
}

func TestClosedPage(t *testing.T) {
	t.Parallel()
	p := open(t, "/static.html")
	p.Close()
	p.Close()
	if _, err := p.Screenshot(context.Background()); err == nil {
		t.Error("Screenshot of a closed page succeeded")
	}
	if err := p.Extract(context.Background()); err == nil {
		t.Error("Extract of a closed page succeeded")
	}
	if len(p.Links) == 0 {
		t.Error("Close dropped the extracted links")
	}
}

func TestUserAgent(t *testing.T) {
	t.Parallel()
	if strings.Contains(shared.UserAgent(), "HeadlessChrome") || !strings.Contains(shared.UserAgent(), "Chrome/") {
		t.Errorf("UserAgent %q", shared.UserAgent())
	}
	if !strings.Contains(shared.Version(), "/") {
		t.Errorf("Version %q", shared.Version())
	}
	p := open(t, "/static.html", WithoutScroll())
	var ua string
	if err := p.Evaluate(context.Background(), "navigator.userAgent", &ua); err != nil || ua != shared.UserAgent() {
		t.Errorf("the page sees %q (%v), want %q", ua, err, shared.UserAgent())
	}
	var w int
	if err := p.Evaluate(context.Background(), "innerWidth", &w); err != nil || w != 1280 {
		t.Errorf("innerWidth %d (%v)", w, err)
	}
}
