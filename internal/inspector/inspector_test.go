package inspector

import (
	"context"
	"flag"
	"fmt"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkproof/linkproof"
	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/evidence"
	"github.com/linkproof/linkproof/internal/fetch"
	"github.com/linkproof/linkproof/internal/match"
	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/site"
	"github.com/linkproof/linkproof/render"
)

var (
	fixtures *site.Site
	browser  *render.Browser // nil when Chrome is missing outside CI
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	fsys, err := linkproof.Site()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fixtures, err = site.Start(fsys)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer fixtures.Close()
	if _, err := render.ExecPath(""); err == nil {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		browser, err = render.New(ctx, render.WithTimeout(6*time.Second))
		if err != nil {
			fmt.Fprintln(os.Stderr, "start chrome:", err)
			return 1
		}
		defer browser.Close()
	} else if os.Getenv("CI") == "true" {
		fmt.Fprintln(os.Stderr, "Chrome is required in CI:", err)
		return 1
	}
	return m.Run()
}

func needBrowser(t *testing.T) {
	t.Helper()
	if browser == nil {
		t.Skip("no Chrome on this machine (CI=true makes this a failure)")
	}
}

func newInspector(t *testing.T, withBrowser bool, out string) *Inspector {
	t.Helper()
	cfg := Config{
		Fetch:   []fetch.Option{fetch.WithTimeout(5 * time.Second), fetch.WithRetries(1), fetch.WithBackoff(10*time.Millisecond, 50*time.Millisecond)},
		Mode:    match.Loose,
		Version: "test",
	}
	if withBrowser {
		cfg.Browser = browser
	}
	if out != "" {
		s, err := evidence.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		cfg.Evidence = s
	}
	in, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func product() string { return fixtures.URL("shop") + "/product" }

func closedPort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/post"
}

type verdictCase struct {
	name       string
	source     string // "host/path" on the fixture site, or a full URL
	target     string // "" = the shop product
	raw        string // verdict without a browser
	rendered   string // verdict with Chrome, "" = same as raw
	signals    []string
	noSignals  []string
	renSignals []string // extra signals only with Chrome
}

func verdictCases() []verdictCase {
	return []verdictCase{
		{name: "ok", source: "blog/ok", raw: "ok", noSignals: []string{"redirect", "hidden", "js_only", "nofollow"}},
		{name: "removed", source: "blog/removed", raw: "removed", noSignals: []string{"mention_unlinked"}},
		{name: "mention unlinked", source: "blog/mention", raw: "removed", signals: []string{"mention_unlinked"}},
		{name: "other target links", source: "blog/other-target", raw: "removed", signals: []string{"other_target_links"}},
		{name: "nofollow any case", source: "blog/nofollow", raw: "nofollow", signals: []string{"nofollow"}},
		{name: "ugc and sponsored", source: "blog/ugc", raw: "nofollow", signals: []string{"ugc", "sponsored"}},
		{name: "page nofollow", source: "blog/page-nofollow", raw: "nofollow", signals: []string{"page_nofollow"}},
		{name: "noindex meta", source: "blog/noindex", raw: "noindex", signals: []string{"noindex"}, noSignals: []string{"js_noindex"}},
		{name: "noindex googlebot none", source: "blog/noindex-googlebot", raw: "noindex", signals: []string{"noindex"}},
		{name: "noindex header", source: "blog/noindex-header", raw: "noindex", signals: []string{"noindex"}},
		{name: "canonical elsewhere", source: "blog/canonical", raw: "canonicalized", signals: []string{"canonical_mismatch"}},
		{name: "canonical header", source: "blog/canonical-header", raw: "canonicalized", signals: []string{"canonical_mismatch"}},
		{name: "self canonical", source: "blog/canonical-self", raw: "ok", noSignals: []string{"canonical_mismatch"}},
		{name: "http redirect", source: "blog/redirect", raw: "redirected", signals: []string{"redirect", "link_on_redirect_target"}},
		{name: "redirect away", source: "blog/redirect-away", raw: "redirected", signals: []string{"redirect"}, noSignals: []string{"link_on_redirect_target"}},
		{name: "redirect to trailing slash", source: "blog/dir", raw: "ok", signals: []string{"redirect", "redirect_normalized"}},
		{name: "meta refresh", source: "blog/meta-refresh", raw: "redirected", signals: []string{"redirect", "link_on_redirect_target"}},
		{name: "redirect loop", source: "blog/loop-a", raw: "unreachable"},
		{name: "404", source: "blog/no-such-page", raw: "gone"},
		{name: "410", source: "blog/gone410", raw: "gone"},
		{name: "503", source: "blog/unavailable", raw: "server_error"},
		{name: "not html", source: "blog/doc.pdf", raw: "error"},
		{name: "not crawlable", source: "blog/onclick", raw: "not_crawlable", signals: []string{"not_crawlable"}},
		{name: "crawler blocked by status", source: "blog/crawler-blocked", raw: "blocked", signals: []string{"crawler_blocked:mj12bot"}},
		{name: "ua variation", source: "blog/ua-variation", raw: "ok", signals: []string{"ua_variation"}},
		{name: "robots disallow", source: "private/post", raw: "blocked", signals: []string{"robots_disallowed:ahrefsbot", "robots_disallowed:semrushbot"}, noSignals: []string{"robots_disallowed:googlebot"}},
		{name: "robots 5xx", source: "flaky/post", raw: "blocked", signals: []string{"robots_unavailable", "robots_disallowed:googlebot"}},
		{name: "bad target", source: "blog/ok", target: "ftp://shop.example/x", raw: "invalid_input"},
		{name: "bad source", source: "not a url", raw: "invalid_input"},
		{name: "hidden link", source: "blog/hidden", raw: "ok", signals: []string{"hidden"}},
		{name: "js only", source: "blog/js-only", raw: "removed", rendered: "js_only", renSignals: []string{"js_only"}},
		{name: "js noindex", source: "blog/js-noindex", raw: "ok", rendered: "noindex", renSignals: []string{"noindex", "js_noindex"}},
		{name: "js canonical", source: "blog/js-canonical", raw: "ok", rendered: "canonicalized", renSignals: []string{"canonical_mismatch", "js_canonical"}},
		{name: "script redirect", source: "blog/script-redirect", raw: "removed", rendered: "redirected", renSignals: []string{"redirect", "script_redirect", "link_on_redirect_target"}},
		{name: "shadow dom", source: "blog/shadow", raw: "removed", rendered: "js_only", renSignals: []string{"shadow_dom"}},
		{name: "iframe", source: "blog/iframe", raw: "removed", rendered: "js_only", renSignals: []string{"iframe"}},
		{name: "lazy loaded", source: "blog/lazy", raw: "removed", rendered: "js_only", renSignals: []string{"lazy_loaded"}},
		{name: "never finishes loading", source: "blog/hang", raw: "ok", renSignals: []string{"render_timeout"}},
		{name: "alert", source: "blog/alert", raw: "ok", renSignals: []string{"dialog_dismissed"}},
		{name: "consent wall", source: "news/consent-wall", raw: "removed", rendered: "consent_wall", renSignals: []string{"consent_wall", "consent_banner"}},
		{name: "consent banner hides nothing", source: "news/consent-banner", raw: "ok", renSignals: []string{"consent_banner"}, noSignals: []string{"consent_wall"}},
		{name: "paywall section", source: "news/paywall-section", raw: "paywalled", signals: []string{"paywall", "paywall_section"}},
		{name: "paywall removes the link", source: "news/paywall-removed", raw: "ok", rendered: "paywalled", renSignals: []string{"paywall"}},
		{name: "newsletter box is no paywall", source: "news/newsletter", raw: "ok", noSignals: []string{"paywall", "paywall_section"}},
	}
}

func (c verdictCase) urls(t *testing.T) (string, string) {
	src := c.source
	if host, path, ok := strings.Cut(src, "/"); ok && fixtures.URL(host) != "" {
		src = fixtures.URL(host) + "/" + path
	}
	tgt := c.target
	if tgt == "" {
		tgt = product()
	}
	return src, tgt
}

func check(t *testing.T, r record.Record, want string, signals, noSignals []string) {
	t.Helper()
	if r.Verdict != want {
		t.Fatalf("verdict = %s, want %s\nsignals %v\nerror %q\nlinks %+v", r.Verdict, want, r.Signals, r.Error, r.Links)
	}
	for _, s := range signals {
		if !slices.Contains(r.Signals, s) {
			t.Errorf("signals %v lack %s", r.Signals, s)
		}
	}
	for _, s := range noSignals {
		if slices.Contains(r.Signals, s) {
			t.Errorf("signals %v must not have %s", r.Signals, s)
		}
	}
	if r.Summary == "" || r.Bucket == "" || r.CheckedAt.IsZero() {
		t.Errorf("record lacks summary/bucket/time: %+v", r)
	}
}

func TestVerdictsRaw(t *testing.T) {
	in := newInspector(t, false, "")
	for _, c := range verdictCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src, tgt := c.urls(t)
			r := in.Inspect(t.Context(), src, []Pair{{Row: 1, Source: src, Target: tgt}})[0]
			check(t, r, c.raw, c.signals, c.noSignals)
		})
	}
}

func TestVerdictsRendered(t *testing.T) {
	needBrowser(t)
	in := newInspector(t, true, "")
	for _, c := range verdictCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src, tgt := c.urls(t)
			want := c.rendered
			if want == "" {
				want = c.raw
			}
			r := in.Inspect(t.Context(), src, []Pair{{Row: 1, Source: src, Target: tgt}})[0]
			check(t, r, want, append(slices.Clone(c.signals), c.renSignals...), c.noSignals)
		})
	}
}

func TestUnreachable(t *testing.T) {
	in := newInspector(t, false, "")
	src := closedPort(t)
	start := time.Now()
	r := in.Inspect(t.Context(), src, []Pair{{Row: 3, Source: src, Target: product()}})[0]
	check(t, r, "unreachable", nil, nil)
	if !strings.Contains(r.Error, "refused") || r.Row != 3 {
		t.Errorf("error = %q row %d", r.Error, r.Row)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("a refused port took %v", d)
	}
}

func TestSharedPageManyTargets(t *testing.T) {
	in := newInspector(t, false, "")
	src := fixtures.URL("blog") + "/ugc?shared=1"
	recs := in.Inspect(t.Context(), src, []Pair{
		{Row: 1, Source: src, Target: product()},
		{Row: 2, Source: src, Target: "mailto:x@example.com"},
		{Row: 3, Source: src, Target: fixtures.URL("shop") + "/nothing"},
	})
	got := []string{recs[0].Verdict, recs[1].Verdict, recs[2].Verdict}
	if strings.Join(got, ",") != "nofollow,invalid_input,removed" {
		t.Errorf("verdicts = %v", got)
	}
	// One browser-UA fetch of the page, one per crawler profile: never one per row.
	if n, want := fixtures.Hits("blog", "/ugc?shared=1"), 1+len(crawler.DefaultNamesList()); n != want {
		t.Errorf("page fetched %d times for 3 rows, want %d", n, want)
	}
}

func TestEvidenceJSOnly(t *testing.T) {
	needBrowser(t)
	out := t.TempDir()
	in := newInspector(t, true, out)
	src := fixtures.URL("blog") + "/js-only"
	r := in.Inspect(t.Context(), src, []Pair{{Row: 1, Source: src, Target: product()}})[0]
	check(t, r, "js_only", []string{"js_only"}, nil)
	if r.Evidence.Screenshot == "" || r.Evidence.ElementScreenshot == "" || r.Evidence.Manifest == "" || r.Evidence.RenderedHTML == "" {
		t.Fatalf("evidence = %+v", r.Evidence)
	}
	for _, p := range []string{r.Evidence.Screenshot, r.Evidence.ElementScreenshot} {
		f, err := os.Open(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(f)
		f.Close()
		if err != nil || cfg.Width < 50 || cfg.Height < 20 {
			t.Errorf("%s: %v %dx%d", p, err, cfg.Width, cfg.Height)
		}
	}
	if err := evidence.Verify(filepath.Join(out, r.Evidence.Manifest)); err != nil {
		t.Error(err)
	}
	raw, _ := os.ReadFile(filepath.Join(out, r.Evidence.RawHTML))
	ren, _ := os.ReadFile(filepath.Join(out, r.Evidence.RenderedHTML))
	anchor := `<a href="` + product() + `">the product</a>`
	if strings.Contains(string(raw), anchor) || !strings.Contains(string(ren), anchor) {
		t.Errorf("raw.html should lack the link and rendered.html have it")
	}
}
