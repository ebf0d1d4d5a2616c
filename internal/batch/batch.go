// Package batch verifies a whole list of (source, target) rows: rows that share a source page
// are checked together (one fetch, one render), pages are checked by a bounded pool of workers,
// every finished record is appended to OUT/results.jsonl at once, a run can resume from that
// file, and at the end results.jsonl (in input order), results.csv and report.html are written.
package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/linkproof/linkproof/internal/input"
	"github.com/linkproof/linkproof/internal/inspector"
	"github.com/linkproof/linkproof/internal/record"
)

// File names in the output directory.
const (
	ResultsJSONL = "results.jsonl"
	ResultsCSV   = "results.csv"
	ReportHTML   = "report.html"
)

// Inspector checks the rows of one source page. *inspector.Inspector is one.
type Inspector interface {
	Inspect(ctx context.Context, source string, pairs []inspector.Pair) []record.Record
}

// Progress is told about the run as it goes. Implementations must be safe for use from one
// goroutine at a time (batch calls them from its writer only).
type Progress interface {
	Start(total, done int)
	Record(r *record.Record)
	Finish()
}

// Config sets up a run.
type Config struct {
	Inspector   Inspector
	Out         string
	Concurrency int
	Resume      bool
	Progress    Progress // nil: none
	// PageBudget bounds the work on one page and its rows; past it the rows get the signal
	// check_timeout with what was found. 0: no bound beyond the inspector's own timeouts.
	PageBudget func(rows int) time.Duration
	// Report writes results.csv and report.html from the ordered records.
	Report func(recs []record.Record) error
}

// Summary tells how a run went.
type Summary struct {
	Total       int
	Resumed     int // rows taken from an earlier run
	Checked     int // rows checked in this run
	Counts      map[string]int
	Interrupted bool
	Duration    time.Duration
}

type group struct {
	source string
	pairs  []inspector.Pair
}

// Run checks every row of list and writes the outputs. It returns an error for a tool failure
// (output not writable); an interrupted run returns ctx's error with the Summary of what was kept.
func Run(ctx context.Context, list *input.List, cfg Config) (Summary, error) {
	start := time.Now()
	sum := Summary{Total: len(list.Rows), Counts: map[string]int{}}
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return sum, fmt.Errorf("create output directory: %w", err)
	}
	jsonlPath := filepath.Join(cfg.Out, ResultsJSONL)
	done := map[int]record.Record{}
	if cfg.Resume {
		var err error
		if done, err = loadDone(jsonlPath, list); err != nil {
			return sum, err
		}
	}
	sum.Resumed = len(done)
	// Rewrite the kept records (dropping a torn last line), then append new ones.
	kept := sortedRecords(done)
	if err := writeJSONL(jsonlPath, kept); err != nil {
		return sum, err
	}
	w, err := openAppender(jsonlPath)
	if err != nil {
		return sum, err
	}
	defer w.Close()

	groups := plan(list, done)
	if cfg.Progress != nil {
		cfg.Progress.Start(len(list.Rows), len(done))
	}
	conc := max(1, cfg.Concurrency)
	results := make(chan []record.Record, conc)
	g, gctx := errgroup.WithContext(ctx)
	work := make(chan group)
	g.Go(func() error { // producer
		defer close(work)
		for _, gr := range groups {
			select {
			case work <- gr:
			case <-gctx.Done():
				return nil
			}
		}
		return nil
	})
	var workers errgroup.Group
	for range conc {
		workers.Go(func() error {
			for gr := range work {
				recs := checkGroup(gctx, cfg, gr)
				if gctx.Err() != nil {
					return nil // interrupted: these records are incomplete; resume redoes them
				}
				select {
				case results <- recs:
				case <-gctx.Done():
					return nil
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		workers.Wait()
		close(results)
		return nil
	})
	// Writer: the only goroutine that touches the file and the progress.
	var werr error
	for recs := range results {
		for i := range recs {
			if werr == nil {
				werr = w.Append(&recs[i])
			}
			done[recs[i].Row] = recs[i]
			sum.Checked++
			if cfg.Progress != nil {
				cfg.Progress.Record(&recs[i])
			}
		}
		if werr != nil {
			break
		}
	}
	if werr != nil {
		// Stop the workers; drain so that none blocks.
		go func() {
			for range results {
			}
		}()
	}
	g.Wait()
	if cfg.Progress != nil {
		cfg.Progress.Finish()
	}
	if werr != nil {
		return sum, fmt.Errorf("write %s: %w", jsonlPath, werr)
	}
	if err := w.Close(); err != nil {
		return sum, fmt.Errorf("write %s: %w", jsonlPath, err)
	}
	all := sortedRecords(done)
	for _, r := range all {
		sum.Counts[r.Verdict]++
	}
	sum.Duration = time.Since(start)
	if err := writeJSONL(jsonlPath, all); err != nil {
		return sum, err
	}
	if ctx.Err() != nil {
		sum.Interrupted = true
		return sum, ctx.Err()
	}
	if len(all) != len(list.Rows) {
		return sum, fmt.Errorf("internal error: %d records for %d rows", len(all), len(list.Rows))
	}
	if cfg.Report != nil {
		if err := cfg.Report(all); err != nil {
			return sum, fmt.Errorf("write report: %w", err)
		}
	}
	return sum, nil
}

// plan groups the rows still to do by source page, in order of first appearance.
func plan(list *input.List, done map[int]record.Record) []group {
	var groups []group
	index := map[string]int{}
	for _, row := range list.Rows {
		if _, ok := done[row.N]; ok {
			continue
		}
		p := inspector.Pair{Row: row.N, Source: row.Source, Target: row.Target, Fields: row.Fields, Err: row.Err}
		key := row.Source
		if row.Err != "" {
			key = fmt.Sprintf("\x00bad-row-%d", row.N)
		}
		i, ok := index[key]
		if !ok {
			i = len(groups)
			index[key] = i
			groups = append(groups, group{source: row.Source})
		}
		groups[i].pairs = append(groups[i].pairs, p)
	}
	return groups
}

// checkGroup inspects one page's rows within the page budget.
func checkGroup(ctx context.Context, cfg Config, gr group) []record.Record {
	pctx := ctx
	if cfg.PageBudget != nil {
		var cancel context.CancelFunc
		pctx, cancel = context.WithTimeout(ctx, cfg.PageBudget(len(gr.pairs)))
		defer cancel()
	}
	recs := cfg.Inspector.Inspect(pctx, gr.source, gr.pairs)
	if ctx.Err() == nil && errors.Is(pctx.Err(), context.DeadlineExceeded) {
		for i := range recs {
			recs[i].Signals = append(recs[i].Signals, "check_timeout")
		}
	}
	return recs
}
