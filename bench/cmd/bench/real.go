package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/linkproof/linkproof/bench/realpages"
	"github.com/linkproof/linkproof/internal/record"
)

// realSummary is the outcome of the real-pages run.
type realSummary struct {
	Listed, Picked, Derived int
	Picks                   map[string]int // by place (content paragraph, content, body, page)
	Rows                    int
	Wall, RowsPerSec, CPU   float64
	PeakRSS, PeakPSS        uint64
	FoundRaw, FoundRender   int
	Found                   int
	NotFound                []realMiss
	Timeouts                int // rows with render_timeout or check_timeout
	Errors                  int // rows with an error (unreachable, error, render failures)
	Verdicts                map[string]int
	Proxy                   realpages.Counts
	ExitError               string `json:",omitempty"`
}

// realMiss is a row whose known link was not found.
type realMiss struct {
	Row     int
	Page    string
	Target  string
	Verdict string
	Signals []string
	Error   string
}

// runReal serves the saved pages under their original URLs and checks one known link per page
// with linkproof.
func runReal(ctx context.Context, o options, ws *workspace) error {
	entries, err := realpages.Load(o.real)
	if err != nil {
		return err
	}
	sum := &realSummary{Listed: len(entries), Picks: map[string]int{}, Verdicts: map[string]int{}}
	var rows [][]string
	for _, e := range entries {
		body, err := os.ReadFile(e.File)
		if err != nil {
			return fmt.Errorf("reading %s: %w", e.File, err)
		}
		l, ok := realpages.Pick(body, e.URL)
		if !ok {
			continue
		}
		sum.Picked++
		sum.Picks[l.Where]++
		if e.Derived {
			sum.Derived++
		}
		rows = append(rows, []string{e.Raw, l.URL, l.Text, l.Where})
		if o.rows > 0 && len(rows) >= o.rows {
			break
		}
	}
	sum.Rows = len(rows)
	proxy, err := realpages.NewProxy(entries)
	if err != nil {
		return err
	}
	defer proxy.Close()
	if err := writeRealInputs(ws, proxy, rows); err != nil {
		return err
	}
	rep := &report{Kind: "real", Started: time.Now().UTC(), Command: commandLine(), Options: o.summary(), Machine: describeMachine(ctx, ws.chrome)}
	fmt.Fprintf(os.Stderr, "bench: %d pages listed, %d with a known link; proxy on %s\n", sum.Listed, sum.Picked, proxy.Addr())
	ct, _ := contenderByName("linkproof")
	before := proxy.Counts()
	conc := o.concurrency[0]
	out := filepath.Join(ws.dir, "runs", fmt.Sprintf("real-c%d", conc))
	fmt.Fprintf(os.Stderr, "bench: linkproof over %d real pages at concurrency %d (load %.1f)...", len(rows), conc, load1())
	m, err := measure(ctx, ws, runSpec{c: ct, conc: conc, run: 1, rows: len(rows), out: out, timeout: o.runTimeout, pss: o.pss})
	if err != nil {
		fmt.Fprintln(os.Stderr)
		return err
	}
	fmt.Fprintf(os.Stderr, " %.1fs%s\n", m.Wall, failNote(m))
	after := proxy.Counts()
	sum.Proxy = realpages.Counts{Pages: after.Pages - before.Pages, NotFound: after.NotFound - before.NotFound, Blocked: after.Blocked - before.Blocked}
	sum.Wall, sum.RowsPerSec, sum.CPU, sum.PeakRSS, sum.PeakPSS = m.Wall, m.RowsPerSec, m.CPU, m.PeakRSS, m.PeakPSS
	sum.ExitError = m.ExitError
	if err := sum.read(filepath.Join(out, "results.jsonl")); err != nil && sum.ExitError == "" {
		sum.ExitError = err.Error()
	}
	m.Outcome = outcome{} // the per-row details are in Real
	rep.Measurements = []measurement{m}
	rep.Real = sum
	rep.print(os.Stdout)
	return rep.save(o.resultsDir)
}

// writeRealInputs writes the rows, the CA for linkproof's HTTP client and the Chrome wrapper
// that sends Chrome through the proxy, and sets the workspace up to use them.
func writeRealInputs(ws *workspace, proxy *realpages.Proxy, rows [][]string) error {
	ws.csv = filepath.Join(ws.dir, "real-rows.csv")
	f, err := os.Create(ws.csv)
	if err != nil {
		return fmt.Errorf("writing the rows: %w", err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"source", "target", "anchor", "picked_from"})
	w.WriteAll(rows) // flushes
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("writing the rows: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the rows: %w", err)
	}
	ca := filepath.Join(ws.dir, "real-pages-ca.pem")
	if err := os.WriteFile(ca, proxy.CAPEM(), 0o644); err != nil {
		return fmt.Errorf("writing the CA: %w", err)
	}
	// linkproof resolves a launcher script to the binary it starts only when it finds that
	// binary next to it or under /usr/lib/NAME/NAME; this name has neither, so the flags stay.
	wrapper := filepath.Join(ws.dir, "chromium-via-bench-proxy")
	script := fmt.Sprintf("#!/bin/sh\nexec '%s' --proxy-server=http://%s --proxy-bypass-list='<-loopback>' --ignore-certificate-errors \"$@\"\n",
		ws.chrome, proxy.Addr())
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		return fmt.Errorf("writing the Chrome wrapper: %w", err)
	}
	ws.chrome = wrapper
	proxyURL := "http://" + proxy.Addr()
	ws.env = []string{"HTTP_PROXY=" + proxyURL, "HTTPS_PROXY=" + proxyURL, "http_proxy=" + proxyURL, "https_proxy=" + proxyURL,
		"NO_PROXY=", "no_proxy=", "SSL_CERT_FILE=" + ca}
	return nil
}

// read fills the per-row counts from linkproof's results.
func (s *realSummary) read(file string) error {
	_, err := eachLine(file, func(r record.Record) {
		s.Verdicts[r.Verdict]++
		if r.Raw.Found {
			s.FoundRaw++
		}
		if r.Rendered.Found {
			s.FoundRender++
		}
		if slices.Contains(r.Signals, "render_timeout") || slices.Contains(r.Signals, "check_timeout") {
			s.Timeouts++
		}
		if r.Error != "" || r.Verdict == "error" || r.Verdict == "unreachable" || slices.Contains(r.Signals, "render_failed") {
			s.Errors++
		}
		if r.Raw.Found || r.Rendered.Found {
			s.Found++
			return
		}
		s.NotFound = append(s.NotFound, realMiss{Row: r.Row, Page: r.Source, Target: r.Target, Verdict: r.Verdict, Signals: r.Signals, Error: r.Error})
	})
	return err
}

func (s *realSummary) print(w io.Writer) {
	fmt.Fprintf(w, "\nreal pages: %d listed, %d with a known link (%s), %d with a URL taken from the page\n",
		s.Listed, s.Picked, picks(s.Picks), s.Derived)
	fmt.Fprintf(w, "rows %d, wall %.1fs, %.2f rows/s, CPU %.1fs, peak RSS %s, peak PSS %s\n",
		s.Rows, s.Wall, s.RowsPerSec, s.CPU, mib(s.PeakRSS), mib(s.PeakPSS))
	fmt.Fprintf(w, "known link found: %d of %d (raw HTML %d, rendered %d); timeouts %d; errors %d\n",
		s.Found, s.Rows, s.FoundRaw, s.FoundRender, s.Timeouts, s.Errors)
	fmt.Fprintf(w, "proxy: %d pages served, %d other paths of the corpus hosts answered 404, %d requests to other hosts blocked\n",
		s.Proxy.Pages, s.Proxy.NotFound, s.Proxy.Blocked)
	fmt.Fprintf(w, "verdicts: %s\n", picks(s.Verdicts))
	if len(s.NotFound) > 0 {
		tw := header(w, "row", "verdict", "page", "target", "signals", "error")
		for i, m := range s.NotFound {
			if i == 20 {
				fmt.Fprintf(tw, "... %d more\n", len(s.NotFound)-20)
				break
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t\n", m.Row, m.Verdict, short(m.Page, 60), short(m.Target, 60), strings.Join(m.Signals, ","), short(m.Error, 60))
		}
		tw.Flush()
	}
}

// picks formats counts as "a 3, b 2", largest first.
func picks(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}
