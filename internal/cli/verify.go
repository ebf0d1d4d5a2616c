package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkproof/linkproof/internal/inspector"
)

// VerifyOptions are the inputs of `linkproof verify`.
type VerifyOptions struct {
	IO     *IOStreams
	Now    func() time.Time
	Common CommonOptions

	Source, Target string
	JSON           bool
	Out            string // evidence directory; "" = a new temp dir (printed)
}

// NewCmdVerify builds `linkproof verify SOURCE TARGET`. runF replaces the run in tests.
func NewCmdVerify(f *Factory, runF func(context.Context, *VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: f.IO, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "verify SOURCE TARGET",
		Short: "Check one link: is TARGET linked from SOURCE, and who can see it?",
		Example: `  linkproof verify https://blog.example/post https://shop.example/product
  linkproof verify --json --crawlers googlebot,ahrefsbot https://blog.example/post https://shop.example/`,
		Args: exactArgs(2, "SOURCE and TARGET"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Source, opts.Target = args[0], args[1]
			if err := opts.Common.resolve(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runVerify(cmd.Context(), opts)
		},
	}
	opts.Common.addFlags(cmd)
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the SPEC §4 JSON record")
	cmd.Flags().StringVar(&opts.Out, "out", "", "directory for the evidence bundle (default: a new temporary directory)")
	cmd.Flags().StringVar(&opts.Out, "evidence", "", "same as --out")
	return cmd
}

func runVerify(ctx context.Context, opts *VerifyOptions) error {
	out := opts.Out
	if out == "" && !opts.Common.NoEvidence && !opts.Common.NoRender {
		dir, err := os.MkdirTemp("", "linkproof-")
		if err != nil {
			return fmt.Errorf("evidence directory: %w", err)
		}
		out = dir
	}
	e, err := startEngine(ctx, &opts.Common, &Factory{IO: opts.IO, Now: opts.Now}, out)
	if err != nil {
		return err
	}
	defer e.Close()
	recs := e.insp.Inspect(ctx, opts.Source, []inspector.Pair{{Row: 1, Source: opts.Source, Target: opts.Target}})
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted: %w", err)
	}
	rec := recs[0]
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetEscapeHTML(false)
		return enc.Encode(rec)
	}
	writeText(opts.IO.Out, &rec, out)
	return nil
}
