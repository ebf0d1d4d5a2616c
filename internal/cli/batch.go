package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkproof/linkproof/internal/batch"
	"github.com/linkproof/linkproof/internal/input"
	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/report"
)

// BatchOptions are the inputs of `linkproof batch`.
type BatchOptions struct {
	IO     *IOStreams
	Now    func() time.Time
	Common CommonOptions

	File   string
	Out    string
	Resume bool
}

// NewCmdBatch builds `linkproof batch FILE --out DIR`.
func NewCmdBatch(f *Factory, runF func(context.Context, *BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{IO: f.IO, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "batch FILE --out DIR",
		Short: "Check a list of links (CSV, TSV or JSONL export) and write results and a report",
		Long: `batch reads a lost-links export (Ahrefs, Semrush, Majestic, Moz, Search Console or your own
CSV/TSV/JSONL with source and target columns) and writes to DIR:
  results.jsonl  one record per row, in input order (appended as rows finish)
  results.csv    the input columns plus verdict, bucket, signals, summary, evidence paths
  report.html    a self-contained report for clients
  evidence/      screenshots, raw and rendered HTML, manifest.json with SHA-256 per file`,
		Example: `  linkproof batch lost-links.csv --out out/
  linkproof batch lost-links.csv --out out/ --resume     # after an interruption`,
		Args: exactArgs(1, "FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			if opts.Out == "" {
				return usageErrorf("batch needs --out DIR")
			}
			if err := opts.Common.resolve(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBatch(cmd.Context(), opts)
		},
	}
	opts.Common.addFlags(cmd)
	cmd.Flags().StringVar(&opts.Out, "out", "", "output directory (required)")
	cmd.Flags().BoolVar(&opts.Resume, "resume", false, "keep rows already in DIR/results.jsonl and check only the rest")
	return cmd
}

func runBatch(ctx context.Context, opts *BatchOptions) error {
	list, err := input.ReadFile(opts.File)
	if err != nil {
		return &usageError{err}
	}
	if list.Encoding == "windows-1252" {
		fmt.Fprintf(opts.IO.ErrOut, "linkproof: %s is not UTF-8; read as Windows-1252 (Excel's CSV on Western Windows)\n", opts.File)
	}
	_, err = runList(ctx, opts.IO, opts.Now, &opts.Common, list, opts.File, opts.Out, opts.Resume)
	return err
}

// runList runs a batch over list and prints the closing summary. batch and demo share it.
func runList(ctx context.Context, io *IOStreams, now func() time.Time, c *CommonOptions, list *input.List, name, out string, resume bool) (batch.Summary, error) {
	e, err := startEngine(ctx, c, &Factory{IO: io, Now: now}, out)
	if err != nil {
		return batch.Summary{}, err
	}
	defer e.Close()
	cfg := batch.Config{
		Inspector:   e.insp,
		Out:         out,
		Concurrency: c.Concurrency,
		Resume:      resume,
		PageBudget:  c.pageBudget,
	}
	if io.ErrTTY || c.Progress {
		cfg.Progress = newProgress(io.ErrOut, io.ErrTTY, io.ErrWidth, now)
	}
	start := now()
	cfg.Report = func(recs []record.Record) error {
		meta := report.Meta{
			Title:     "linkproof report — " + filepath.Base(name),
			Input:     filepath.Base(name),
			Generated: now(),
			Version:   Version,
			Browser:   e.browserVersion(),
			Columns:   list.Columns,
			Duration:  now().Sub(start),
		}
		return writeReports(out, recs, meta)
	}
	sum, err := batch.Run(ctx, list, cfg)
	if errors.Is(err, context.Canceled) || sum.Interrupted {
		fmt.Fprintf(io.ErrOut, "linkproof: interrupted: %d of %d rows are done and kept in %s\n  resume with: linkproof batch %s --out %s --resume\n",
			sum.Resumed+sum.Checked, sum.Total, filepath.Join(out, batch.ResultsJSONL), name, out)
		return sum, &exitError{code: 130}
	}
	if err != nil {
		return sum, err
	}
	fmt.Fprintf(io.ErrOut, "linkproof: %d rows checked (%d resumed) in %s\n", sum.Checked, sum.Resumed, sum.Duration.Round(time.Millisecond))
	writeCounts(io.Out, sum)
	fmt.Fprintf(io.Out, "\nreport:  %s\nresults: %s, %s\n", filepath.Join(out, batch.ReportHTML),
		filepath.Join(out, batch.ResultsJSONL), filepath.Join(out, batch.ResultsCSV))
	return sum, nil
}

// writeReports writes results.csv and report.html atomically.
func writeReports(out string, recs []record.Record, meta report.Meta) error {
	if err := writeFileAtomic(filepath.Join(out, batch.ResultsCSV), func(w *os.File) error { return report.WriteCSV(w, recs, meta) }); err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(out, batch.ReportHTML), func(w *os.File) error { return report.WriteHTML(w, recs, meta) })
}

func writeFileAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	if err := errors.Join(write(f), f.Close()); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}
