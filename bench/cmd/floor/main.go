// Command floor is the floor contender of `make bench`: the least work any renderer of a list
// of pages must do. It starts Chrome with the flags every program needs here (headless, no
// sandbox, no GPU, no background networking) and, for each unique page, opens a tab in a fresh
// browser context, navigates and waits for the load event, then closes the tab. No settling, no
// extraction, no screenshot. With -disable-features it also turns off the Chrome features
// linkproof turns off (the floor-tuned contender), which saves processes.
//
//	floor -urls pages.txt -out results.jsonl [-concurrency 4] [-chrome chromium] [-timeout 30s] [-disable-features LIST]
//
// pages.txt has one URL a line; results.jsonl gets one line per page as pages finish:
// {"url":"...","ms":312,"error":""}.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// result is one line of the output.
type result struct {
	URL   string `json:"url"`
	MS    int64  `json:"ms"`
	Error string `json:"error"`
}

func main() {
	urls := flag.String("urls", "", "file with one URL a line (required)")
	out := flag.String("out", "", "JSONL output file (required)")
	conc := flag.Int("concurrency", 4, "tabs at once")
	chrome := flag.String("chrome", "chromium", "Chrome or Chromium binary (path or name on PATH)")
	timeout := flag.Duration("timeout", 30*time.Second, "per-page navigation timeout")
	features := flag.String("disable-features", "", "Chrome's --disable-features (the floor-tuned contender passes linkproof's)")
	flag.Parse()
	if *urls == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, *urls, *out, *chrome, *features, max(1, *conc), *timeout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, urlsFile, outFile, chrome, features string, conc int, timeout time.Duration) error {
	list, err := readLines(urlsFile)
	if err != nil {
		return err
	}
	path, err := exec.LookPath(chrome)
	if err != nil {
		return fmt.Errorf("finding Chrome: %w", err)
	}
	dir, err := os.MkdirTemp("", "bench-floor-*")
	if err != nil {
		return fmt.Errorf("creating the profile: %w", err)
	}
	defer os.RemoveAll(dir)
	f, err := os.Create(outFile)
	if err != nil {
		return fmt.Errorf("creating the output: %w", err)
	}
	defer f.Close()

	// The flags every program needs on these machines (no network, root).
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	}
	if features != "" {
		opts = append(opts, chromedp.Flag("disable-features", features))
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx); err != nil { // starts Chrome; no deadline on the first call
		return fmt.Errorf("starting %s: %w", path, err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(bctx, 5*time.Second)
		defer cancel()
		chromedp.Cancel(cctx) // graceful close; the allocator's cancel kills what is left
	}()

	work := make(chan string)
	var mu sync.Mutex
	enc := json.NewEncoder(f)
	var writeErr error
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for u := range work {
				r := visit(bctx, u, timeout)
				mu.Lock()
				if err := enc.Encode(r); err != nil && writeErr == nil {
					writeErr = fmt.Errorf("writing the output: %w", err)
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, u := range list {
		select {
		case work <- u:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return writeErr
}

// visit opens url in a new tab of a new browser context and waits for its load event.
func visit(bctx context.Context, url string, timeout time.Duration) result {
	start := time.Now()
	r := result{URL: url}
	tctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	defer cancel()           // closes the tab and disposes of its browser context
	err := chromedp.Do(tctx) // opens the tab; no deadline on the first call
	if err == nil {
		nctx, ncancel := context.WithTimeout(tctx, timeout)
		err = chromedp.Do(nctx, chromedp.Navigate(url)) // returns after the load event
		ncancel()
	}
	if err != nil {
		r.Error = err.Error()
		if errors.Is(err, context.DeadlineExceeded) {
			r.Error = "timeout: " + r.Error
		}
	}
	r.MS = time.Since(start).Milliseconds()
	return r
}

func readLines(file string) ([]string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("reading the URL list: %w", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading the URL list: %w", err)
	}
	return out, nil
}
