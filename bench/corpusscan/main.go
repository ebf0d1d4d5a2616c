// Command corpusscan runs the consent and paywall detectors over a corpus of
// saved real pages and reports how many pages they flag, against the rough
// flags of the corpus list. It is a development tool: it reads the corpus in
// place and writes nothing but its report.
//
//	go run ./bench/corpusscan -corpus /work/shared/corpus [-render] [-v]
//
// With -render each page is served over a local proxy under its original
// URL (http), with every other request refused, rendered in headless Chrome,
// checked with consent.Detect, consent.Accept (when a UI is shown) and
// paywall.DetectRendered.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/linkproof/linkproof/internal/consent"
	"github.com/linkproof/linkproof/internal/paywall"
	"github.com/linkproof/linkproof/render"
)

// entry is one line of real-pages.tsv.
type entry struct {
	File  string
	URL   string
	Flags []string
}

// result is what the detectors said about one page.
type result struct {
	entry
	RawVendors    []string
	RawPaywall    paywall.Detection
	Rendered      bool
	RenderErr     string
	Consent       consent.Detection
	Action        *consent.Action
	Paywall       paywall.Detection
	LinksBefore   int
	LinksAfter    int
	NewLinksAfter int
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "corpusscan:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("corpus", "/work/shared/corpus", "corpus directory (real-pages.tsv and real-pages/)")
	doRender := flag.Bool("render", false, "render each page in Chrome (slow)")
	conc := flag.Int("concurrency", 2, "pages rendered at once")
	timeout := flag.Duration("timeout", 20*time.Second, "per-page render budget")
	only := flag.String("only", "", "scan only files whose name contains this")
	verbose := flag.Bool("v", false, "print one line per page")
	flag.Parse()

	entries, err := readList(filepath.Join(*dir, "real-pages.tsv"))
	if err != nil {
		return err
	}
	if *only != "" {
		entries = slices.DeleteFunc(entries, func(e entry) bool { return !strings.Contains(e.File, *only) })
	}
	results := make([]result, len(entries))
	for i, e := range entries {
		raw, err := os.ReadFile(filepath.Join(*dir, e.File))
		if err != nil {
			return err
		}
		results[i] = result{entry: e, RawVendors: consent.DetectHTML(raw), RawPaywall: paywall.DetectHTML(raw, nil)}
	}
	if *doRender {
		if err := renderAll(*dir, results, *conc, *timeout); err != nil {
			return err
		}
	}
	if *verbose {
		printPages(os.Stdout, results, *doRender)
	}
	summarize(os.Stdout, results, *doRender)
	return nil
}

func readList(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []entry
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 {
			continue
		}
		var flags []string
		if cols[3] != "" {
			flags = strings.Split(cols[3], ",")
		}
		out = append(out, entry{File: cols[0], URL: cols[1], Flags: flags})
	}
	return out, sc.Err()
}

// renderAll serves every page through a local proxy under its original
// URL and renders it. The proxy answers only the page itself: every other
// request, and every CONNECT, gets 403, so nothing leaves the machine.
func renderAll(dir string, results []result, conc int, timeout time.Duration) error {
	pages := map[string]string{} // host+path -> file
	for _, r := range results {
		if u, err := url.Parse(r.URL); err == nil {
			pages[u.Host+u.EscapedPath()] = r.File
		}
	}
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		file, ok := pages[r.Host+r.URL.EscapedPath()]
		if r.Method != http.MethodGet || !ok {
			http.Error(w, "blocked by corpusscan", http.StatusForbidden)
			return
		}
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		w.Header().Set("Content-Type", "text/html")
		if _, err := io.Copy(w, f); err != nil {
			return
		}
	}))
	defer proxy.Close()
	// Chrome on Linux takes its proxy from the environment of the process.
	for _, k := range []string{"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"} {
		os.Setenv(k, proxy.URL)
	}
	os.Unsetenv("no_proxy")
	os.Unsetenv("NO_PROXY")

	ctx := context.Background()
	b, err := render.New(ctx, render.WithTimeout(timeout), render.WithSettle(300*time.Millisecond, 3*time.Second))
	if err != nil {
		return err
	}
	defer b.Close()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(conc, 1) {
		wg.Go(func() {
			for i := range jobs {
				scanPage(ctx, b, &results[i])
			}
		})
	}
	for i := range results {
		jobs <- i
		fmt.Fprintf(os.Stderr, "\r%d/%d", i+1, len(results))
	}
	close(jobs)
	wg.Wait()
	fmt.Fprintln(os.Stderr)
	return nil
}

func scanPage(ctx context.Context, b *render.Browser, r *result) {
	u, err := url.Parse(r.URL)
	if err != nil {
		r.RenderErr = err.Error()
		return
	}
	u.Scheme = "http"
	u.Fragment = ""
	p, err := b.Open(ctx, u.String())
	if err != nil {
		r.RenderErr = err.Error()
		return
	}
	defer p.Close()
	if p.Failed {
		r.RenderErr = p.Err
		return
	}
	r.Rendered = true
	r.LinksBefore = len(p.Links)
	if d, err := consent.Detect(ctx, p); err != nil {
		r.RenderErr = err.Error()
	} else {
		r.Consent = d
	}
	if d, err := paywall.DetectRendered(ctx, p, r.RawPaywall); err != nil {
		r.RenderErr = strings.TrimPrefix(r.RenderErr+"; "+err.Error(), "; ")
	} else {
		r.Paywall = d
	}
	if r.Consent.Shown {
		before := map[string]bool{}
		for _, l := range p.Links {
			before[l.Href] = true
		}
		a, err := consent.Accept(ctx, p)
		if err != nil && a.Err == "" {
			a.Err = err.Error()
		}
		r.Action = &a
		r.LinksAfter = len(p.Links)
		for _, l := range p.Links {
			if !before[l.Href] {
				r.NewLinksAfter++
			}
		}
	}
}

func has(flags []string, f string) bool { return slices.Contains(flags, f) }

func printPages(w io.Writer, results []result, rendered bool) {
	tw := tabwriter.NewWriter(w, 2, 4, 1, ' ', 0)
	fmt.Fprintln(tw, "file\tflags\traw vendors\traw paywall\tshown\twall\trule\taccept\tpaywall\tdetail")
	for _, r := range results {
		acc := ""
		if r.Action != nil {
			acc = fmt.Sprintf("clicked=%t dismissed=%t new_links=%d %s", r.Action.Clicked, r.Action.Dismissed, r.NewLinksAfter, r.Action.Err)
		}
		pw := ""
		if rendered {
			pw = fmt.Sprintf("%t %s", r.Paywall.Paywall, r.Paywall.DOMEvidence)
		}
		rawPW := fmt.Sprintf("%t notfree=%t %v", r.RawPaywall.Paywall, r.RawPaywall.NotFree, r.RawPaywall.Vendors)
		fmt.Fprintf(tw, "%s\t%s\t%v\t%s\t%t\t%t\t%s\t%s\t%s\t%s %s\n", strings.TrimPrefix(r.File, "real-pages/"),
			strings.Join(r.Flags, ","), r.RawVendors, rawPW, r.Consent.Shown, r.Consent.Wall, r.Consent.Rule, acc, pw, r.Consent.Detail, r.RenderErr)
	}
	tw.Flush()
}

// summarize prints the counts: per group of pages (by the corpus flags),
// how many the detectors flagged.
func summarize(w io.Writer, results []result, rendered bool) {
	type group struct {
		name string
		in   func(r result) bool
	}
	groups := []group{
		{"flag consent", func(r result) bool { return has(r.Flags, "consent") }},
		{"flag paywall", func(r result) bool { return has(r.Flags, "paywall") }},
		{"neither flag", func(r result) bool { return !has(r.Flags, "consent") && !has(r.Flags, "paywall") }},
		{"all pages", func(result) bool { return true }},
	}
	type metric struct {
		name string
		is   func(r result) bool
	}
	metrics := []metric{
		{"raw CMP vendor", func(r result) bool { return len(r.RawVendors) > 0 }},
		{"raw paywall", func(r result) bool { return r.RawPaywall.Paywall }},
		{"raw paywall vendor", func(r result) bool { return len(r.RawPaywall.Vendors) > 0 }},
	}
	if rendered {
		metrics = append(metrics,
			metric{"rendered", func(r result) bool { return r.Rendered }},
			metric{"consent shown", func(r result) bool { return r.Consent.Shown }},
			metric{"consent wall", func(r result) bool { return r.Consent.Wall }},
			metric{"accept clicked", func(r result) bool { return r.Action != nil && r.Action.Clicked }},
			metric{"accept dismissed", func(r result) bool { return r.Action != nil && r.Action.Dismissed }},
			metric{"new links after", func(r result) bool { return r.NewLinksAfter > 0 }},
			metric{"paywall", func(r result) bool { return r.Paywall.Paywall }},
		)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, g := range groups {
		fmt.Fprintf(tw, "%s\t", g.name)
	}
	fmt.Fprintln(tw)
	fmt.Fprint(tw, "pages\t")
	for _, g := range groups {
		n := 0
		for _, r := range results {
			if g.in(r) {
				n++
			}
		}
		fmt.Fprintf(tw, "%d\t", n)
	}
	fmt.Fprintln(tw)
	for _, m := range metrics {
		fmt.Fprintf(tw, "%s\t", m.name)
		for _, g := range groups {
			n := 0
			for _, r := range results {
				if g.in(r) && m.is(r) {
					n++
				}
			}
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}
