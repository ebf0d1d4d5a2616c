package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/linkproof/linkproof/bench/corpus"
	"github.com/linkproof/linkproof/bench/proctree"
	"github.com/linkproof/linkproof/render"
)

// run dispatches to the mode the flags chose.
func run(ctx context.Context, o options) error {
	if err := proctree.SetSubreaper(); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "linkproof-bench-*")
	if err != nil {
		return fmt.Errorf("creating the work directory: %w", err)
	}
	if o.keep {
		fmt.Fprintf(os.Stderr, "bench: work directory %s (kept)\n", work)
	} else {
		defer os.RemoveAll(work)
	}
	chrome, err := render.ExecPath(o.chrome)
	if err != nil {
		return err
	}
	ws := &workspace{dir: work, chrome: chrome, reference: o.referenceDir, linkproof: o.linkproof}
	if err := prepare(ctx, o, ws); err != nil {
		return err
	}
	if o.real != "" {
		return runReal(ctx, o, ws)
	}
	return runSynthetic(ctx, o, ws)
}

// prepare builds what the chosen contenders need.
func prepare(ctx context.Context, o options, ws *workspace) error {
	need := map[string]bool{}
	for _, c := range o.contenders {
		need[strings.SplitN(c, "-", 2)[0]] = true
	}
	if need["linkproof"] && ws.linkproof == "" {
		bin, err := goBuild(ctx, ws.dir, "./cmd/linkproof", "linkproof")
		if err != nil {
			return err
		}
		ws.linkproof = bin
	}
	if need["floor"] {
		bin, err := goBuild(ctx, ws.dir, "./bench/cmd/floor", "floor")
		if err != nil {
			return err
		}
		ws.floor = bin
	}
	if need["reference"] {
		abs, err := filepath.Abs(ws.reference)
		if err != nil {
			return fmt.Errorf("reference directory: %w", err)
		}
		ws.reference = abs
		if err := npmInstall(ctx, abs); err != nil {
			return err
		}
	}
	return nil
}

// runSynthetic is the default mode: the generated corpus, every contender, every concurrency.
func runSynthetic(ctx context.Context, o options, ws *workspace) error {
	c, err := corpus.New(corpus.Config{Seed: o.seed, Pages: o.pages, Rows: o.rows})
	if err != nil {
		return err
	}
	h := corpus.NewHandler(c, true)
	base, stop, err := corpus.Serve(h)
	if err != nil {
		return err
	}
	defer stop()
	ws.csv = filepath.Join(ws.dir, "rows.csv")
	ws.pages = filepath.Join(ws.dir, "pages.txt")
	if err := writeInputs(c, base, ws); err != nil {
		return err
	}
	rep := &report{
		Kind: "synthetic", Started: time.Now().UTC(), Command: commandLine(), Options: o.summary(),
		Machine: describeMachine(ctx, ws.chrome), Corpus: describeCorpus(c),
	}
	if o.memoryRun {
		rep.Kind = "memory"
	}
	fmt.Fprintf(os.Stderr, "bench: %s; serving on %s\n", rep.Corpus.Text, base)
	requests := func() map[string]int64 {
		r := h.Requests()
		return map[string]int64{"pages": r.Pages, "assets": r.Assets, "api": r.API, "robots": r.Robots, "beacons": r.Beacons, "not_found": r.NotFound}
	}
	for _, conc := range o.concurrency {
		runs := o.runs
		if conc == 1 {
			runs = min(o.runs, o.singleRuns)
		}
		for run := 1; run <= runs; run++ {
			for _, name := range o.contenders {
				ct, _ := contenderByName(name)
				out := filepath.Join(ws.dir, "runs", fmt.Sprintf("%s-c%d-r%d", name, conc, run))
				fmt.Fprintf(os.Stderr, "bench: %s concurrency %d run %d/%d (load %.1f)...", name, conc, run, runs, load1())
				m, err := measure(ctx, ws, runSpec{
					c: ct, conc: conc, run: run, rows: len(c.Rows), out: out, timeout: o.runTimeout,
					pss: o.pss, trace: o.memoryRun, requests: requests,
				})
				if err != nil {
					fmt.Fprintln(os.Stderr)
					return err
				}
				fmt.Fprintf(os.Stderr, " %.1fs, %.2f rows/s, CPU %.1fs, peak RSS %s%s\n", m.Wall, m.RowsPerSec, m.CPU, mib(m.PeakRSS), failNote(m))
				rep.Measurements = append(rep.Measurements, m)
			}
		}
	}
	rep.finish(c)
	rep.print(os.Stdout)
	return rep.save(o.resultsDir)
}

func writeInputs(c *corpus.Corpus, base string, ws *workspace) error {
	f, err := os.Create(ws.csv)
	if err != nil {
		return fmt.Errorf("writing the rows: %w", err)
	}
	if err := c.WriteCSV(f, base); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the rows: %w", err)
	}
	var pages strings.Builder
	for _, p := range c.UniqueSources() {
		pages.WriteString(base + p + "\n")
	}
	if err := os.WriteFile(ws.pages, []byte(pages.String()), 0o644); err != nil {
		return fmt.Errorf("writing the page list: %w", err)
	}
	return nil
}

func failNote(m measurement) string {
	var notes []string
	if m.ExitError != "" {
		notes = append(notes, "FAILED: "+m.ExitError)
	}
	if m.Killed > 0 {
		notes = append(notes, fmt.Sprintf("%d leftover processes killed", m.Killed))
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}

// commandLine is the command that reproduces this run.
func commandLine() string {
	return strings.TrimSpace("go run ./bench/cmd/bench " + strings.Join(os.Args[1:], " "))
}

func (o options) summary() map[string]any {
	return map[string]any{
		"pages": o.pages, "rows": o.rows, "concurrency": o.concurrency, "runs": o.runs, "single_runs": o.singleRuns,
		"contenders": o.contenders, "quick": o.quick, "memory_run": o.memoryRun, "real": o.real,
		"seed": o.seed, "chrome": o.chrome,
	}
}

func mib(b uint64) string {
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}
