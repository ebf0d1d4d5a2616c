package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// ErrBrowserGone is wrapped by the errors of Open when the browser process
// has died or the Browser is closed. A batch restarts the browser on it.
var ErrBrowserGone = errors.New("render: browser is gone")

// Time limits of the browser's own operations.
const (
	startTimeout = 60 * time.Second // Chrome start-up when ctx has no deadline
	closeTimeout = 5 * time.Second  // graceful Browser.close
	cmdTimeout   = 5 * time.Second  // a browser-side command (no renderer involved)
)

// Browser is one headless Chrome process with a private, temporary profile.
// Its methods are safe for concurrent use; each Open runs in a tab of its own.
type Browser struct {
	cfg      config
	execPath string
	dataDir  string
	version  string
	ua       string

	// ctx is chromedp's browser context. chromedp binds the lifetime of the
	// Chrome process to the context of its first call, so the Browser has to
	// keep it; it ends in Close or when Chrome dies.
	ctx         context.Context
	cancel      context.CancelFunc
	allocCancel context.CancelFunc
	bg          sync.WaitGroup // the popup closer

	mu     sync.Mutex
	tabs   map[*tab]struct{}
	closed bool

	closeOnce sync.Once
	closeErr  error
}

// New starts Chrome and returns when it is ready to open pages. ctx bounds the
// start-up only (and a start-up takes at most a minute): the browser lives
// until Close, or until its process dies (see Alive). Close must be called to
// stop the process and remove the temporary profile.
func New(ctx context.Context, opts ...Option) (*Browser, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	path, err := ExecPath(cfg.execPath)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", profilePrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("creating the browser profile: %w", err)
	}
	b := &Browser{cfg: cfg, execPath: path, dataDir: dir, tabs: make(map[*tab]struct{})}

	actx, acancel := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path, dir)...)
	logf := func(format string, args ...any) { cfg.logf("chromedp: "+format, args...) }
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithBrowserOption(
		chromedp.WithBrowserLogf(logf), chromedp.WithBrowserErrorf(logf)))
	// chromedp's cancel funcs block when called twice on a browser that
	// never started: make them idempotent.
	b.ctx, b.cancel, b.allocCancel = bctx, sync.OnceFunc(bcancel), sync.OnceFunc(acancel)

	if err := b.start(ctx); err != nil {
		b.shutdown()
		return nil, err
	}
	cfg.logf("render: started %s (%s), profile %s", b.version, path, dir)
	return b, nil
}

// allocatorOptions are the Chrome flags. They start from nothing rather than
// chromedp's defaults, which include --disable-popup-blocking.
func allocatorOptions(path, dir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Headless, // also hide-scrollbars, mute-audio
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("no-sandbox", true), // we may run as root, in a container
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-crash-reporter", true),
		// Chromium still starts crashpad, with its database under
		// $XDG_CONFIG_HOME: keep that in the profile, so that nothing is
		// written to $HOME and crashpad's processes can be told ours.
		chromedp.Env("XDG_CONFIG_HOME="+filepath.Join(dir, "xdg-config"), "XDG_CACHE_HOME="+filepath.Join(dir, "xdg-cache")),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-ipc-flooding-protection", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Every new window of the new headless mode also loads the omnibox
		// popups as WebUI pages (a renderer and ~200ms per tab), and Chrome
		// keeps a spare renderer warm for the next navigation of a browser
		// context, which never comes: every page gets a context of its own.
		// Both are processes for nothing (docs/decisions).
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess"),
		chromedp.Flag("deny-permission-prompts", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("noerrdialogs", true),
		// The GPU process (software compositing here) and the network service
		// run as threads of the browser process: two processes fewer, ~200 MiB
		// less summed RSS and 8% less CPU on the bench (docs/decisions).
		chromedp.Flag("in-process-gpu", true),
		chromedp.Flag("enable-features", "NetworkServiceInProcess2"),
	}
}

// start runs Chrome, reads its version and denies downloads.
func (b *Browser) start(ctx context.Context) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, startTimeout)
		defer cancel()
	}
	// The first call binds Chrome to b.ctx, which must not carry ctx's
	// deadline: run it aside and give up when ctx ends.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(b.ctx) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("starting %s: %w", b.execPath, err)
		}
	case <-ctx.Done():
		b.cancel()
		<-done
		return fmt.Errorf("starting %s: %w", b.execPath, ctx.Err())
	}

	cctx, cancel := b.browserCtx(ctx, cmdTimeout)
	defer cancel()
	v, err := chromedp.CallBrowser(cctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		return fmt.Errorf("reading the browser version: %w", err)
	}
	b.version = v.Product
	b.ua = b.cfg.userAgent
	if b.ua == "" {
		b.ua = strings.ReplaceAll(v.UserAgent, "HeadlessChrome", "Chrome")
	}
	if err := b.denyDownloads(cctx, ""); err != nil {
		return err
	}
	b.bg.Add(1)
	go b.closePopups()
	return nil
}

// browserCtx returns a context that carries chromedp's browser and ends when
// the browser ends, when ctx ends, or after d.
func (b *Browser) browserCtx(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return joinCtx(b.ctx, ctx, d)
}

// joinCtx returns a context with base's values that ends when base ends, when
// ctx ends, or after d when d > 0. chromedp finds its browser and tab in the
// values, so every call has to derive from base, while the caller's ctx must
// still bound it.
func joinCtx(base, ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	c, cancel := context.WithCancel(base)
	stop := context.AfterFunc(ctx, cancel)
	if d <= 0 {
		return c, func() { stop(); cancel() }
	}
	tc, tcancel := context.WithTimeout(c, d)
	return tc, func() { tcancel(); stop(); cancel() }
}

// Version returns the browser's product name and version, as reported by
// Browser.getVersion, such as "Chrome/156.0.8078.79".
func (b *Browser) Version() string { return b.version }

// UserAgent returns the User-Agent that pages get (see WithUserAgent).
func (b *Browser) UserAgent() string { return b.ua }

// ExecPath returns the Chrome binary that the browser runs.
func (b *Browser) ExecPath() string { return b.execPath }

// Alive reports whether the browser can still open pages: false once its
// process died or Close was called.
func (b *Browser) Alive() bool {
	b.mu.Lock()
	closed := b.closed
	b.mu.Unlock()
	return !closed && b.ctx.Err() == nil
}

// gone returns the error of an Open on a browser that is not Alive, wrapping
// ErrBrowserGone, or nil.
func (b *Browser) gone() error {
	b.mu.Lock()
	closed := b.closed
	b.mu.Unlock()
	switch {
	case closed:
		return fmt.Errorf("%w: closed", ErrBrowserGone)
	case b.ctx.Err() != nil:
		return fmt.Errorf("%w: the browser process ended", ErrBrowserGone)
	}
	return nil
}

// addTab registers t so that Close closes it; it fails once Close began.
func (b *Browser) addTab(t *tab) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return fmt.Errorf("%w: closed", ErrBrowserGone)
	}
	b.tabs[t] = struct{}{}
	return nil
}

func (b *Browser) removeTab(t *tab) {
	b.mu.Lock()
	delete(b.tabs, t)
	b.mu.Unlock()
}

// Close closes the open pages and stops Chrome. When it returns, the Chrome
// processes are gone and the temporary profile is removed. It is safe to call
// more than once and from several goroutines; later calls return the first
// result.
func (b *Browser) Close() error {
	b.closeOnce.Do(func() { b.closeErr = b.close() })
	return b.closeErr
}

func (b *Browser) close() error {
	b.mu.Lock()
	b.closed = true
	tabs := make([]*tab, 0, len(b.tabs))
	for t := range b.tabs {
		tabs = append(tabs, t)
	}
	b.mu.Unlock()

	var wg sync.WaitGroup
	for _, t := range tabs {
		wg.Go(t.close)
	}
	wg.Wait()
	return b.shutdown()
}

// shutdown stops Chrome gracefully when it can, kills what is left and
// removes the profile.
func (b *Browser) shutdown() error {
	if b.ctx.Err() == nil {
		cctx, cancel := context.WithTimeout(b.ctx, closeTimeout)
		if err := chromedp.Cancel(cctx); err != nil {
			b.cfg.logf("render: closing the browser: %v", err)
		}
		cancel()
	}
	b.cancel()
	b.allocCancel() // waits until the process is reaped
	b.bg.Wait()
	killLeftovers(b.dataDir)
	return removeProfile(b.dataDir)
}
