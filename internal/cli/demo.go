package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkproof/linkproof"
	"github.com/linkproof/linkproof/internal/input"
	"github.com/linkproof/linkproof/internal/site"
)

// DemoOptions are the inputs of `linkproof demo`.
type DemoOptions struct {
	IO     *IOStreams
	Now    func() time.Time
	Common CommonOptions
	Out    string
	Keep   bool // keep serving the site after the run, until interrupted
}

// NewCmdDemo builds `linkproof demo`.
func NewCmdDemo(f *Factory, runF func(context.Context, *DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run a batch over the bundled fixture site (no network needed) and write its report",
		Long: `demo serves the bundled fixture site on 127.0.0.1 — pages that show every verdict: a
JavaScript-only link, robots.txt blocks, noindex, canonical, redirects, nofollow, removed and
gone pages — runs a batch over its lost-links export, and writes the report.`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.Common.resolve(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDemo(cmd.Context(), opts)
		},
	}
	opts.Common.addFlags(cmd)
	cmd.Flags().Lookup("timeout").DefValue = "15s"
	opts.Common.Timeout = 15 * time.Second
	cmd.Flags().StringVar(&opts.Out, "out", "linkproof-demo", "output directory")
	cmd.Flags().BoolVar(&opts.Keep, "serve", false, "keep serving the fixture site after the run (Ctrl-C to stop)")
	return cmd
}

func runDemo(ctx context.Context, opts *DemoOptions) error {
	s, err := site.Fixtures()
	if err != nil {
		return err
	}
	defer s.Close()
	raw, err := linkproof.DemoLinks()
	if err != nil {
		return err
	}
	list, err := input.Read(strings.NewReader(s.Expand(string(raw))), "lost-links.csv")
	if err != nil {
		return fmt.Errorf("demo list: %w", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "linkproof demo: fixture site on %s (blog), %s (shop); checking %d links...\n",
		s.URL("blog"), s.URL("shop"), len(list.Rows))
	if _, err := runList(ctx, opts.IO, opts.Now, &opts.Common, list, "lost-links.csv", opts.Out, false); err != nil {
		return err
	}
	abs, _ := filepath.Abs(filepath.Join(opts.Out, "report.html"))
	fmt.Fprintf(opts.IO.Out, "open:    file://%s\n", abs)
	if opts.Keep {
		fmt.Fprintf(opts.IO.ErrOut, "serving the fixture site until Ctrl-C: %s/\n", s.URL("blog"))
		<-ctx.Done()
	}
	return nil
}
