// Package cli builds linkproof's command line with cobra. Each command is made from an options
// struct by a NewCmdX(f, runF) constructor; runF replaces the run function in tests, which check
// argv -> options and options -> output separately over fake streams.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/match"
	"github.com/linkproof/linkproof/render"
)

// Version of linkproof, recorded in evidence manifests.
const Version = "0.1.0"

// Factory carries what commands need from outside: streams and the environment.
type Factory struct {
	IO     *IOStreams
	Getenv func(string) string
	Now    func() time.Time
}

// CommonOptions are the flags every checking command shares (SPEC §1).
type CommonOptions struct {
	Concurrency int
	Timeout     time.Duration
	Crawlers    []crawler.Profile
	Chrome      string
	NoEvidence  bool
	NoRender    bool
	Match       match.Mode
	Progress    bool
	MaxBody     int64
	Retries     int
	HostConns   int           // politeness: requests in flight per host
	HostGap     time.Duration // politeness: minimum time between requests to one host
	ShotScale   float64       // scale of the full-page screenshot

	crawlers string
	match    string
}

func (c *CommonOptions) addFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&c.Concurrency, "concurrency", defaultConcurrency(), "pages checked at once (browser tabs)")
	fl.DurationVar(&c.Timeout, "timeout", 30*time.Second, "time budget per page (fetch and render)")
	fl.StringVar(&c.crawlers, "crawlers", crawler.DefaultNames, "crawler profiles to check: "+strings.Join(crawler.Names(), ","))
	fl.StringVar(&c.Chrome, "chrome", "", "path to Chrome/Chromium (default: chromium, chromium-browser, google-chrome or headless-shell on PATH)")
	fl.BoolVar(&c.NoEvidence, "no-evidence", false, "write no screenshots or evidence bundles")
	fl.BoolVar(&c.NoRender, "no-render", false, "raw HTTP checks only: no browser, no js_only/consent/paywall detection")
	fl.StringVar(&c.match, "match", "loose", "URL matching: loose or exact (SPEC §3)")
	fl.BoolVar(&c.Progress, "progress", false, "report progress on stderr even when it is not a terminal")
	fl.Int64Var(&c.MaxBody, "max-body", 20<<20, "largest HTML body read, in bytes")
	fl.IntVar(&c.Retries, "retries", 2, "extra attempts for 5xx and 429 answers")
	fl.IntVar(&c.HostConns, "host-connections", 4, "politeness: at most this many HTTP requests in flight to one host")
	fl.DurationVar(&c.HostGap, "host-interval", 0, "politeness: at least this long between HTTP requests to one host")
	fl.Float64Var(&c.ShotScale, "screenshot-scale", render.DefaultScreenshotScale, "scale of the full-page screenshot, 0.1 to 1 (link screenshots are always full size)")
}

// resolve validates the string flags.
func (c *CommonOptions) resolve() error {
	var err error
	if c.Crawlers, err = crawler.Parse(c.crawlers); err != nil {
		return &usageError{fmt.Errorf("--crawlers: %w", err)}
	}
	if c.Match, err = match.ParseMode(c.match); err != nil {
		return &usageError{fmt.Errorf("--match: %w", err)}
	}
	if c.Concurrency < 1 || c.Concurrency > 64 {
		return usageErrorf("--concurrency must be between 1 and 64, not %d", c.Concurrency)
	}
	if c.Timeout <= 0 {
		return usageErrorf("--timeout must be positive")
	}
	if c.MaxBody < 1024 {
		return usageErrorf("--max-body must be at least 1024 bytes")
	}
	if c.HostConns < 1 || c.HostGap < 0 {
		return usageErrorf("--host-connections must be at least 1 and --host-interval not negative")
	}
	if c.ShotScale < 0.1 || c.ShotScale > 1 {
		return usageErrorf("--screenshot-scale must be between 0.1 and 1, not %g", c.ShotScale)
	}
	if c.Retries < 0 || c.Retries > 10 {
		return usageErrorf("--retries must be between 0 and 10")
	}
	return nil
}

// pageBudget bounds the work on one page and its rows in a batch: fetch, render, consent and
// one element screenshot per row, each within --timeout (docs/decisions: batch groups by source).
func (c *CommonOptions) pageBudget(rows int) time.Duration {
	return 3*c.Timeout + 15*time.Second + time.Duration(rows)*2*time.Second
}

func defaultConcurrency() int {
	n := runtime.NumCPU() * 2
	return max(2, min(n, 8))
}

// NewRootCmd builds the linkproof command tree.
func NewRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "linkproof",
		Short: "Settle disputed \"lost\" backlinks with evidence",
		Long: `linkproof fetches a source page's raw HTML, renders it in headless Chrome, compares the two,
checks what each crawler may see, and returns one verdict per link with the signals behind it
and screenshot evidence.`,
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{fmt.Errorf("%w (see %s --help)", err, c.CommandPath())}
	})
	root.AddCommand(NewCmdVerify(f, nil), NewCmdBatch(f, nil), NewCmdDemo(f, nil), NewCmdCheck(f, nil))
	return root
}

// Main runs linkproof with args and returns the exit code.
func Main(ctx context.Context, args []string, io *IOStreams) int {
	f := &Factory{IO: io, Getenv: os.Getenv, Now: time.Now}
	root := NewRootCmd(f)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && isCobraUsage(err) {
		err = &usageError{fmt.Errorf("%w (see linkproof --help)", err)}
	}
	if err != nil && !isSilent(err) {
		fmt.Fprintln(io.ErrOut, "linkproof:", err)
	}
	return exitCode(err)
}

func isSilent(err error) bool {
	var ee *exitError
	return errors.As(err, &ee) && ee.err == nil
}

// isCobraUsage recognizes cobra's own argument errors, which are plain errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// exactArgs is cobra.ExactArgs with a usage error that names the arguments.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s (got %d argument%s)", cmd.Name(), names, len(args), plural(len(args)))
		}
		return nil
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
