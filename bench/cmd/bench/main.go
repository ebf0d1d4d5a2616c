// Command bench is linkproof's benchmark harness (`make bench`, `make bench-real`). It is a
// development program, not a test: it prints a table and writes bench/results/*.json.
//
// Synthetic run (the default): it generates a corpus of source pages (bench/corpus), serves it
// on 127.0.0.1 with 20-80 ms latency, and runs three contenders over the same rows at each
// concurrency: linkproof batch with evidence on, the Playwright reference a user would write
// (bench/reference), and the chromedp floor (bench/cmd/floor) that only loads each unique page.
// Each run is a child process; the harness samples the memory of the whole process tree
// (Chrome included) from /proc every 100 ms and takes CPU time from the rusage of the reaped
// tree. It checks that every contender found the links the corpus says are there, and reports
// the median of the runs.
//
// Memory run (-memory-run): linkproof alone over 1,000 rows of 500 pages at concurrency 4; the
// tree's memory near row 200 and near row 1,000 of results.jsonl.
//
// Real-pages run (-real DIR): the saved pages of DIR/real-pages.tsv served under their original
// URLs through a local proxy (external requests blocked), one known link per page checked by
// linkproof.
//
// Usage:
//
//	go run ./bench/cmd/bench [-quick] [-pages 100] [-rows 200] [-concurrency 1,4] [-runs 3]
//	                         [-contenders linkproof,reference,floor] [-memory-run] [-real DIR]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the command-line flags.
type options struct {
	pages, rows  int
	concurrency  []int
	runs         int
	singleRuns   int // runs at concurrency 1
	contenders   []string
	quick        bool
	memoryRun    bool
	real         string
	seed         uint64
	linkproof    string // binary; "" builds ./cmd/linkproof
	chrome       string
	referenceDir string
	resultsDir   string
	keep         bool
	runTimeout   time.Duration
	pss          bool
}

func main() {
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, o)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o options
	var conc, contenders string
	fs.IntVar(&o.pages, "pages", 0, "source pages in the corpus (default 20, to fit ~15 minutes on 2 cores; -quick 6; -memory-run 250)")
	fs.IntVar(&o.rows, "rows", 0, "rows of the list (default 2 per page; -real: every page with a known link)")
	fs.StringVar(&conc, "concurrency", "", "comma-separated concurrencies (default 1,4; -memory-run 4)")
	fs.IntVar(&o.runs, "runs", 0, "runs of each contender at each concurrency above 1; the table shows the median (default 3; -quick and -memory-run 1)")
	fs.IntVar(&o.singleRuns, "single-runs", 1, "runs at concurrency 1, the slowest (default 1)")
	fs.StringVar(&contenders, "contenders", "", "comma-separated: linkproof, reference, floor, and for attribution floor-tuned, linkproof-noevidence, linkproof-norender (default linkproof,reference,floor,floor-tuned; -memory-run linkproof)")
	fs.BoolVar(&o.quick, "quick", false, "a smoke run: 6 pages, 12 rows, one run")
	fs.BoolVar(&o.memoryRun, "memory-run", false, "the growth check: linkproof over 1,000 rows (250 pages) at concurrency 4, memory near rows 200 and 1,000")
	fs.StringVar(&o.real, "real", "", "real-pages run over DIR/real-pages.tsv (such as ../shared/corpus)")
	fs.Uint64Var(&o.seed, "seed", 0, "corpus seed (default: corpus.DefaultSeed)")
	fs.StringVar(&o.linkproof, "linkproof", "", "linkproof binary (default: built from ./cmd/linkproof)")
	fs.StringVar(&o.chrome, "chrome", "", "Chrome or Chromium for every contender (default: chromium on PATH)")
	fs.StringVar(&o.referenceDir, "reference-dir", "bench/reference", "directory of reference.mjs and its package.json")
	fs.StringVar(&o.resultsDir, "results", "bench/results", "where the JSON results go")
	fs.BoolVar(&o.keep, "keep", false, "keep the work directory (outputs of every run)")
	fs.DurationVar(&o.runTimeout, "run-timeout", 20*time.Minute, "limit of one contender run")
	fs.BoolVar(&o.pss, "pss", true, "also sample PSS (smaps_rollup), which counts shared pages once")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	modes := 0
	for _, b := range []bool{o.quick, o.memoryRun, o.real != ""} {
		if b {
			modes++
		}
	}
	if modes > 1 {
		return o, fmt.Errorf("-quick, -memory-run and -real exclude each other")
	}
	defPages, defRuns, defConc, defContenders := 20, 3, "1,4", "linkproof,reference,floor,floor-tuned"
	defRows := 0 // 2 per page
	switch {
	case o.quick:
		defPages, defRuns = 6, 1
	case o.memoryRun:
		defPages, defRows, defRuns, defConc, defContenders = 250, 1000, 1, "4", "linkproof"
	case o.real != "":
		defRuns, defConc, defContenders = 1, "4", "linkproof"
	}
	if o.pages == 0 {
		o.pages = defPages
	}
	if o.rows == 0 && o.real == "" {
		o.rows = defRows
		if o.rows == 0 {
			o.rows = 2 * o.pages
		}
	}
	if o.runs == 0 {
		o.runs = defRuns
	}
	if conc == "" {
		conc = defConc
	}
	if contenders == "" {
		contenders = defContenders
	}
	for _, f := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-concurrency: %q is not a positive number", f)
		}
		o.concurrency = append(o.concurrency, n)
	}
	for _, f := range strings.Split(contenders, ",") {
		name := strings.TrimSpace(f)
		if _, ok := contenderByName(name); !ok {
			return o, fmt.Errorf("-contenders: unknown contender %q", name)
		}
		o.contenders = append(o.contenders, name)
	}
	if o.real == "" && (o.pages < 1 || o.rows < o.pages || o.runs < 1 || o.singleRuns < 1) {
		return o, fmt.Errorf("need pages >= 1, rows >= pages, runs >= 1 (got %d, %d, %d)", o.pages, o.rows, o.runs)
	}
	return o, nil
}
