// Command phases attributes linkproof's render time to its steps, for BENCHMARKS.md. It serves
// the bench corpus and drives linkproof's render package directly, one page at a time by
// default, opening each page several ways in fresh tabs:
//
//	load     the floor: navigate and wait for the load event only (settle 1 ms, no scroll)
//	settle   + the quiet-network/quiet-DOM wait (default settle, no scroll)
//	full     + the scroll-through and the second settle (what linkproof does)
//
// and on the full page it times the full-page screenshot and the link screenshot. For each
// step it reports the median wall time and the CPU time of the Chrome process tree.
//
//	go run ./bench/cmd/phases [-pages 30] [-concurrency 1]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/linkproof/linkproof/bench/corpus"
	"github.com/linkproof/linkproof/bench/proctree"
	"github.com/linkproof/linkproof/render"
)

// step names, in report order.
var steps = []string{"load", "settle", "full", "screenshot", "link screenshot"}

func main() {
	pages := flag.Int("pages", 30, "corpus pages to open")
	conc := flag.Int("concurrency", 1, "pages at once (CPU per step is exact only at 1)")
	chrome := flag.String("chrome", "", "Chrome binary (default: linkproof's search)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, *pages, max(1, *conc), *chrome)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "phases:", err)
		os.Exit(1)
	}
}

// timing is one step of one page.
type timing struct {
	wall, cpu time.Duration
}

type results struct {
	mu sync.Mutex
	by map[string][]timing
}

func (r *results) add(step string, t timing) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.by[step] = append(r.by[step], t)
}

func run(ctx context.Context, pages, conc int, chrome string) error {
	c, err := corpus.New(corpus.Config{Pages: max(pages, 3), Rows: 2 * max(pages, 3)})
	if err != nil {
		return err
	}
	base, stop, err := corpus.Serve(corpus.NewHandler(c, true))
	if err != nil {
		return err
	}
	defer stop()
	var opts []render.Option
	if chrome != "" {
		opts = append(opts, render.WithExecPath(chrome))
	}
	t0 := time.Now()
	b, err := render.New(ctx, opts...)
	if err != nil {
		return err
	}
	defer b.Close()
	fmt.Fprintf(os.Stderr, "phases: %s started in %v; %d pages at concurrency %d\n", b.Version(), time.Since(t0).Round(time.Millisecond), len(c.Pages), conc)

	res := &results{by: map[string][]timing{}}
	work := make(chan corpus.Page)
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for p := range work {
				if err := measurePage(ctx, b, base, p, res); err != nil {
					fmt.Fprintf(os.Stderr, "phases: %s: %v\n", p.Path, err)
				}
			}
		})
	}
	for _, p := range c.Pages {
		select {
		case work <- p:
		case <-ctx.Done():
		}
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "step\tpages\twall p50 ms\twall p90 ms\tChrome CPU p50 ms\t")
	for _, s := range steps {
		ts := res.by[s]
		if len(ts) == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t\n", s, len(ts), pct(ts, 50, wallOf), pct(ts, 90, wallOf), pct(ts, 50, cpuOf))
	}
	return tw.Flush()
}

func wallOf(t timing) time.Duration { return t.wall }
func cpuOf(t timing) time.Duration  { return t.cpu }

func pct(ts []timing, p int, f func(timing) time.Duration) int64 {
	ds := make([]time.Duration, len(ts))
	for i, t := range ts {
		ds[i] = f(t)
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, len(ds)*p/100)].Milliseconds()
}

// chromeCPU is the CPU time of this process's descendants (Chrome), live and reaped.
func chromeCPU() time.Duration {
	procs, err := proctree.All()
	if err != nil {
		return 0
	}
	var sum time.Duration
	for _, p := range proctree.Descendants(procs, os.Getpid()) {
		sum += p.CPU + p.ChildCPU
	}
	return sum
}

// measurePage opens one page three ways and shoots the full one.
func measurePage(ctx context.Context, b *render.Browser, base string, p corpus.Page, res *results) error {
	url := base + p.Path
	variants := []struct {
		step string
		opts []render.PageOption
	}{
		{"load", []render.PageOption{render.WithoutScroll(), render.WithPageSettle(time.Millisecond, time.Millisecond)}},
		{"settle", []render.PageOption{render.WithoutScroll()}},
		{"full", nil},
	}
	for _, v := range variants {
		c0, t0 := chromeCPU(), time.Now()
		pg, err := b.Open(ctx, url, v.opts...)
		if err != nil {
			return fmt.Errorf("open (%s): %w", v.step, err)
		}
		res.add(v.step, timing{time.Since(t0), chromeCPU() - c0})
		if pg.Failed || pg.TimedOut {
			fmt.Fprintf(os.Stderr, "phases: %s (%s): failed %v timed out %v: %s\n", p.Path, v.step, pg.Failed, pg.TimedOut, pg.Err)
		}
		if v.step == "full" {
			shoot(ctx, pg, p, res)
		}
		pg.Close()
	}
	return nil
}

// shoot times the full-page screenshot and the screenshot of the page's first target.
func shoot(ctx context.Context, pg *render.Page, p corpus.Page, res *results) {
	c0, t0 := chromeCPU(), time.Now()
	if _, err := pg.Screenshot(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "phases: %s: screenshot: %v\n", p.Path, err)
		return
	}
	res.add("screenshot", timing{time.Since(t0), chromeCPU() - c0})
	for _, l := range pg.Links {
		if l.Href != p.Targets[0].URL {
			continue
		}
		c0, t0 := chromeCPU(), time.Now()
		if _, err := pg.LinkScreenshot(ctx, l); err != nil {
			fmt.Fprintf(os.Stderr, "phases: %s: link screenshot: %v\n", p.Path, err)
			return
		}
		res.add("link screenshot", timing{time.Since(t0), chromeCPU() - c0})
		return
	}
}
