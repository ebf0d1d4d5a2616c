package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkproof/linkproof/internal/batch"
	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/expect"
	"github.com/linkproof/linkproof/internal/input"
	"github.com/linkproof/linkproof/internal/match"
	"github.com/linkproof/linkproof/internal/record"
)

// CheckOptions are the inputs of `linkproof check`.
type CheckOptions struct {
	IO     *IOStreams
	Now    func() time.Time
	Getenv func(string) string
	Common CommonOptions

	File   string
	Format string // text | json | junit | markdown
	JUnit  string // also write JUnit XML here
	Out    string // evidence of failed links; "" = none kept

	changed func(flag string) bool
}

// NewCmdCheck builds `linkproof check FILE.yaml`.
func NewCmdCheck(f *Factory, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Now: f.Now, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "check FILE.yaml",
		Short: "CI mode: check curated links against expected verdicts",
		Long: `check verifies the links listed in a YAML file and compares each with its expectations
(allowed verdicts, anchor text, followed, in the raw HTML, placement). Exit code 0 when every link
meets them, 1 when any does not, 2 when the file is wrong. See docs/ci.md.`,
		Example: `  linkproof check links.yaml
  linkproof check links.yaml --junit report.xml --out evidence/`,
		Args: exactArgs(1, "FILE.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File = args[0]
			opts.changed = func(name string) bool { return cmd.Flags().Changed(name) }
			switch opts.Format {
			case "text", "json", "junit", "markdown":
			default:
				return usageErrorf("--format must be text, json, junit or markdown, not %q", opts.Format)
			}
			if err := opts.Common.resolve(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runCheck(cmd.Context(), opts)
		},
	}
	opts.Common.addFlags(cmd)
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output on stdout: text, json, junit or markdown")
	cmd.Flags().StringVar(&opts.JUnit, "junit", "", "also write JUnit XML to this file")
	cmd.Flags().StringVar(&opts.Out, "out", "", "keep evidence of failed links in this directory")
	return cmd
}

// applyDefaults lets the file's defaults set what the command line did not.
func (o *CheckOptions) applyDefaults(d expect.Defaults) error {
	if len(d.Crawlers) > 0 && !o.changed("crawlers") {
		c, err := crawler.Parse(strings.Join(d.Crawlers, ","))
		if err != nil {
			return &usageError{fmt.Errorf("%s: defaults.crawlers: %w", o.File, err)}
		}
		o.Common.Crawlers = c
	}
	if d.Timeout > 0 && !o.changed("timeout") {
		o.Common.Timeout = d.Timeout
	}
	if d.Match != "" && !o.changed("match") {
		m, err := match.ParseMode(d.Match)
		if err != nil {
			return &usageError{fmt.Errorf("%s: defaults.match: %w", o.File, err)}
		}
		o.Common.Match = m
	}
	return nil
}

func runCheck(ctx context.Context, opts *CheckOptions) error {
	file, err := expect.ParseFile(opts.File)
	if err != nil {
		return &usageError{err}
	}
	if err := opts.applyDefaults(file.Defaults); err != nil {
		return err
	}
	list := &input.List{Format: "yaml", Columns: []string{"name"}, SourceColumn: "source", TargetColumn: "target"}
	for i, l := range file.Links {
		list.Rows = append(list.Rows, input.Row{N: i + 1, Line: l.Line, Source: l.Source, Target: l.Target,
			Fields: map[string]string{"name": l.Label()}})
	}
	out := opts.Out
	if out == "" {
		dir, err := os.MkdirTemp("", "linkproof-check-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		out = dir
		opts.Common.NoEvidence = true
	}
	start := opts.Now()
	e, err := startEngine(ctx, &opts.Common, &Factory{IO: opts.IO, Now: opts.Now}, out)
	if err != nil {
		return err
	}
	defer e.Close()
	cfg := batch.Config{Inspector: e.insp, Out: out, Concurrency: opts.Common.Concurrency,
		PageBudget: opts.Common.pageBudget}
	if opts.IO.ErrTTY || opts.Common.Progress {
		cfg.Progress = newProgress(opts.IO.ErrOut, opts.IO.ErrTTY, opts.IO.ErrWidth, opts.Now)
	}
	if _, err := batch.Run(ctx, list, cfg); err != nil {
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	recs, err := readResults(filepath.Join(out, batch.ResultsJSONL))
	if err != nil {
		return err
	}
	results := make([]expect.Result, len(file.Links))
	failed := 0
	for i, l := range file.Links {
		results[i] = expect.Evaluate(l, recs[i])
		if !results[i].Passed() {
			failed++
		} else if opts.Out != "" && recs[i].Evidence.Dir != "" {
			os.RemoveAll(filepath.Join(out, recs[i].Evidence.Dir)) // evidence is kept for failures only
		}
	}
	elapsed := opts.Now().Sub(start)
	if err := writeCheck(opts, results, elapsed); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: ExitFailure}
	}
	return nil
}

func writeCheck(opts *CheckOptions, results []expect.Result, elapsed time.Duration) error {
	suite := "linkproof " + filepath.Base(opts.File)
	var err error
	switch opts.Format {
	case "json":
		err = expect.WriteJSON(opts.IO.Out, results)
	case "junit":
		err = expect.WriteJUnit(opts.IO.Out, results, suite, elapsed)
	case "markdown":
		err = expect.WriteMarkdown(opts.IO.Out, results)
	default:
		err = expect.WriteText(opts.IO.Out, results)
	}
	if err != nil {
		return err
	}
	if opts.JUnit != "" {
		if err := writeFileAtomic(opts.JUnit, func(f *os.File) error { return expect.WriteJUnit(f, results, suite, elapsed) }); err != nil {
			return err
		}
	}
	if opts.Getenv("GITHUB_ACTIONS") == "true" {
		if err := expect.WriteGitHub(opts.IO.Out, results, opts.File); err != nil {
			return err
		}
		if p := opts.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
			if err := expect.AppendStepSummary(p, results); err != nil {
				return err
			}
		}
	}
	return nil
}

// readResults reads results.jsonl (in input order, one record per row).
func readResults(path string) ([]record.Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var recs []record.Record
	for line := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		var r record.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		recs = append(recs, r)
	}
	return recs, nil
}
