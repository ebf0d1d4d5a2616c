package cli

import (
	"context"
	"fmt"

	"github.com/linkproof/linkproof/internal/evidence"
	"github.com/linkproof/linkproof/internal/fetch"
	"github.com/linkproof/linkproof/internal/inspector"
	"github.com/linkproof/linkproof/internal/supervisor"
	"github.com/linkproof/linkproof/render"
)

// engine is the browser, the evidence store and the inspector of one run.
type engine struct {
	browser *supervisor.Supervisor
	store   *evidence.Store
	insp    *inspector.Inspector
}

// startEngine starts Chrome (unless --no-render) and builds the inspector. out is the
// evidence output directory, "" for none.
func startEngine(ctx context.Context, c *CommonOptions, f *Factory, out string) (*engine, error) {
	e := &engine{}
	if !c.NoRender {
		if _, err := render.ExecPath(c.Chrome); err != nil {
			return nil, fmt.Errorf("%w\n  install it: apt-get install -y chromium (Debian/Ubuntu), or pass --chrome PATH, or --no-render for raw checks only", err)
		}
		b, err := supervisor.Start(ctx,
			render.WithExecPath(c.Chrome),
			render.WithTimeout(c.Timeout),
			render.WithScreenshotScale(c.ShotScale),
		)
		if err != nil {
			return nil, fmt.Errorf("start the browser: %w", err)
		}
		e.browser = b
	}
	if out != "" && !c.NoEvidence {
		s, err := evidence.Open(out)
		if err != nil {
			e.Close()
			return nil, err
		}
		e.store = s
	}
	cfg := inspector.Config{
		Fetch: []fetch.Option{
			fetch.WithTimeout(c.Timeout),
			fetch.WithMaxBody(c.MaxBody),
			fetch.WithRetries(c.Retries),
			fetch.WithHostLimit(c.HostConns, c.HostGap),
		},
		Crawlers: c.Crawlers,
		Mode:     c.Match,
		Evidence: e.store,
		Version:  Version,
		Now:      f.Now,
	}
	if e.browser != nil {
		cfg.Browser = e.browser
	}
	insp, err := inspector.New(cfg)
	if err != nil {
		e.Close()
		return nil, err
	}
	e.insp = insp
	return e, nil
}

// Close stops Chrome and tidies the evidence store.
func (e *engine) Close() {
	if e.browser != nil {
		e.browser.Close()
	}
	if e.store != nil {
		e.store.Close()
	}
}

func (e *engine) browserVersion() string {
	if e.browser == nil {
		return ""
	}
	return e.browser.Version()
}
