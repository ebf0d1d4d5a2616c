package render

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Kinds of Navigation.
const (
	KindHTTP        = "http"         // an HTTP redirect (3xx Location)
	KindMetaRefresh = "meta_refresh" // <meta http-equiv=refresh> or a Refresh header
	KindScript      = "script"       // a script (location.href, location.replace, form.submit, ...)
)

// Timing of Open. The budget (WithTimeout) bounds the waits; these bound the
// steps around them.
const (
	tabTimeout      = 15 * time.Second       // creating and setting up a tab
	probeInterval   = 100 * time.Millisecond // polling the DOM while settling
	minBusyLimit    = 5 * time.Second        // see opener.checkBusy
	maxTerminations = 3                      // scripts terminated before the page counts as Failed
	livenessTimeout = 2 * time.Second        // the check that the renderer answers before extraction
	extractTimeout  = 20 * time.Second       // one extraction (10 MB pages, 5,000 links)
	scrollTimeout   = 15 * time.Second       // the whole scroll-through
	stopTimeout     = time.Second            // Page.stopLoading
	callTimeout     = 30 * time.Second       // a Page method whose ctx has no deadline
	scrollSteps     = 20                     // viewport-high scroll steps at most
	maxRefreshWait  = 3.0                    // seconds: a meta refresh this soon is waited for
)

// errPageClosed is returned by the methods of a Page whose tab is gone.
var errPageClosed = errors.New("render: the page is closed")

// Page is a rendered page: what the browser ended with after Open. The
// exported fields are filled by Open and refreshed by Extract. The tab stays
// open, so that Screenshot, LinkScreenshot, Extract and Evaluate work, until
// Close (a Failed page's tab is closed at once). The methods of one Page must
// not be called concurrently.
type Page struct {
	// URL is the URL that was requested.
	URL string
	// FinalURL is the URL of the main-frame document at the end, after HTTP
	// redirects, meta refreshes and script navigations; "" when no document
	// was committed. history.pushState is not a navigation and is not seen.
	FinalURL string
	// Status is the HTTP status of the final main-frame document (0 when
	// unknown, such as for a data: URL or when nothing was committed).
	Status int
	// Navigations are the main-frame document navigations after the first
	// request, in order. Each entry is where the page went (URL), why (Kind)
	// and the HTTP status of the response it left: the 3xx of an HTTP
	// redirect hop, or the status of the document that refreshed or ran the
	// script. URL, then each Navigations[i].URL, then FinalURL, is the chain.
	Navigations []Navigation
	// HTML is document.documentElement.outerHTML at the end, after scrolling.
	HTML string
	// Title is document.title.
	Title string
	// Links are the links and pseudo-links of the document, its open shadow
	// roots and its same-origin iframes, in document order.
	Links []Link
	// TimedOut reports that the budget ran out before the page settled, or
	// that a script that blocked the page was terminated (render_timeout).
	// The fields hold what was captured.
	TimedOut bool
	// Failed reports that the tab crashed, stopped responding or could not
	// navigate (render_failed). Err says why.
	Failed bool
	// Err says why the page Failed or TimedOut.
	Err string
	// Dialogs are the messages of the JavaScript dialogs that were dismissed
	// (dialog_dismissed), in order; the first 50.
	Dialogs []string
	// Duration is how long Open took.
	Duration time.Duration
	// Width and Height are the document's scroll size in CSS pixels.
	Width, Height int

	tab *tab // nil once closed
}

// Navigation is one step of a page's navigation chain; see Page.Navigations.
type Navigation struct {
	URL    string // where the page went
	Status int    // HTTP status of the response that was left
	Kind   string // KindHTTP, KindMetaRefresh or KindScript
}

// tab is one Chrome tab, in a browser context (cookie jar, cache) of its own
// so that pages do not see each other's cookies or consent.
type tab struct {
	b *Browser
	// ctx is chromedp's tab context: chromedp binds the tab to the context of
	// its first call, so the tab has to keep it. It ends in close.
	ctx       context.Context
	cancel    context.CancelFunc
	target    *chromedp.Target
	state     *tabState
	bg        sync.WaitGroup // the dialog handler
	closeOnce sync.Once
}

// newTab opens a tab and prepares it: event tracking, dialogs, downloads,
// viewport, user agent and the extraction world.
func (b *Browser) newTab(ctx context.Context) (*tab, error) {
	if err := b.gone(); err != nil {
		return nil, err
	}
	tctx, tcancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t := &tab{b: b, ctx: tctx, cancel: sync.OnceFunc(tcancel)}
	if err := b.addTab(t); err != nil {
		tcancel()
		return nil, err
	}
	if err := t.setUp(ctx); err != nil {
		t.close()
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		if gerr := b.gone(); gerr != nil {
			return nil, gerr
		}
		return nil, fmt.Errorf("%w: opening a tab: %w", ErrBrowserGone, err)
	}
	return t, nil
}

func (t *tab) setUp(ctx context.Context) error {
	// The first call binds the tab to t.ctx, which must not carry a
	// deadline: run it aside and bound the wait instead.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(t.ctx) }()
	limit := time.NewTimer(tabTimeout)
	defer limit.Stop()
	select {
	case err := <-done:
		if err != nil {
			return err
		}
	case <-ctx.Done():
		t.cancel()
		<-done
		return ctx.Err()
	case <-limit.C:
		t.cancel()
		<-done
		return errors.New("no tab within " + tabTimeout.String())
	}
	c := chromedp.FromContext(t.ctx)
	t.target = c.Target
	t.state = newTabState(cdp.FrameID(c.Target.TargetID))
	if err := chromedp.Listen(t.ctx, t.state.handle); err != nil {
		return err
	}
	dialogs := chromedp.Events(t.ctx, page.JavascriptDialogOpening)
	t.bg.Add(1)
	go t.dismissDialogs(dialogs)

	cctx, cancel := joinCtx(t.ctx, ctx, tabTimeout)
	defer cancel()
	if err := t.b.denyDownloads(cctx, c.BrowserContextID); err != nil {
		return err
	}
	cfg := t.b.cfg
	if _, err := cdp.Call(cctx, t.target, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(cfg.width), Height: int64(cfg.height), DeviceScaleFactor: 1,
	}); err != nil {
		return fmt.Errorf("setting the viewport: %w", err)
	}
	if _, err := cdp.Call(cctx, t.target, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: t.b.ua,
	}); err != nil {
		return fmt.Errorf("setting the user agent: %w", err)
	}
	if _, err := cdp.Call(cctx, t.target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: extractJS, WorldName: worldName,
	}); err != nil {
		return fmt.Errorf("registering the extraction script: %w", err)
	}
	return nil
}

// close closes the tab and its browser context through the browser, which
// works for a crashed or hung renderer too. It is safe to call more than once.
func (t *tab) close() {
	t.closeOnce.Do(func() {
		t.cancel() // chromedp detaches, closes the target, disposes the context
		t.bg.Wait()
		t.b.removeTab(t)
	})
}

// Open renders url in a new tab: it navigates, waits for the load event and
// for the page to settle, scrolls to the bottom in viewport steps (triggering
// lazy loading), settles again, scrolls back to the top and extracts the
// HTML and the links. The per-page budget (WithTimeout, WithPageTimeout)
// bounds navigating, settling and scrolling; opening the tab comes before it
// (a few hundred milliseconds), extraction after it (a few seconds at most).
//
// Open returns an error only when ctx is done or the browser is unusable
// (the error wraps ErrBrowserGone). A page that times out, crashes, hangs or
// fails to navigate is returned with TimedOut or Failed set and whatever was
// captured. The caller must Close the Page.
func (b *Browser) Open(ctx context.Context, url string, opts ...PageOption) (*Page, error) {
	cfg := pageConfig{timeout: b.cfg.timeout, quiet: b.cfg.quiet, settleMax: b.cfg.settleMax, scroll: true}
	for _, o := range opts {
		o(&cfg)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	t, err := b.newTab(ctx)
	if err != nil {
		return nil, err
	}
	p := &Page{URL: url, tab: t}
	// The budget starts once the tab is ready: it is for the page.
	o := &opener{b: b, t: t, p: p, cfg: cfg, budget: time.Now().Add(cfg.timeout), refresh: -1}
	err = o.run(ctx)
	t.state.fill(p)
	p.Duration = time.Since(start)
	if err != nil {
		t.close()
		return nil, err
	}
	p.Failed = o.failed
	p.TimedOut = o.timedOut || o.terminated
	p.Err = strings.Join(o.notes, "; ")
	if p.Failed {
		t.close()
		p.tab = nil
	}
	return p, nil
}

// Close closes the page's tab. The exported fields stay. It is safe to call
// more than once.
func (p *Page) Close() error {
	if p.tab != nil {
		p.tab.close()
		p.tab = nil
	}
	return nil
}

// callCtx returns the context of a Page method: ctx joined with the tab, and
// bounded by callTimeout when ctx has no deadline of its own, so that a page
// that hangs cannot hang the caller.
func (t *tab) callCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return joinCtx(t.ctx, ctx, 0)
	}
	return joinCtx(t.ctx, ctx, callTimeout)
}

// liveTab returns the page's tab, or an error when it is closed or gone.
func (p *Page) liveTab() (*tab, error) {
	if p.tab == nil {
		return nil, errPageClosed
	}
	if p.tab.ctx.Err() != nil {
		return nil, fmt.Errorf("%w: the tab ended", errPageClosed)
	}
	if c := p.tab.state.crash(); c != "" {
		return nil, fmt.Errorf("%w: %s", errPageClosed, c)
	}
	return p.tab, nil
}

// probeValue is what extract.js's probe() returns.
type probeValue struct {
	Idle    float64 `json:"idle"`    // milliseconds since the DOM last changed
	Refresh float64 `json:"refresh"` // delay of a meta refresh to another URL, -1 if none
}

// probeResult is the answer of one probe.
type probeResult struct {
	v   probeValue
	err error
}

// opener runs one Open.
type opener struct {
	b      *Browser
	t      *tab
	p      *Page
	cfg    pageConfig
	budget time.Time

	failed      bool
	timedOut    bool
	terminated  bool // a script was terminated
	noDocument  bool // nothing committed: nothing to extract
	scrolled    bool
	scrollSteps int // viewport steps scrolled
	notes       []string

	// The probe polls the DOM from a goroutine of its own, so that a
	// renderer that does not answer is noticed instead of waited for. The
	// goroutines end when run returns.
	probeCh      chan probeResult // capacity 1: one probe at a time
	probeSince   time.Time        // when the outstanding probe started; zero: none
	probes       sync.WaitGroup
	probeStarted time.Time // when the outstanding probe was sent
	probedFrom   time.Time // when the last answered probe was sent
	domChanged   time.Time // when the DOM last changed, as of that probe
	refresh      float64
	terminations int
}

// fail marks the page Failed, for the reason msg.
func (o *opener) fail(msg string) {
	o.failed = true
	o.notes = append(o.notes, msg)
}

// timeout marks the page TimedOut, for the reason msg (the first one only).
func (o *opener) timeout(msg string) {
	if !o.timedOut {
		o.notes = append(o.notes, msg)
	}
	o.timedOut = true
}

// abort returns the error that ends Open: ctx is done or the browser is gone.
func (o *opener) abort(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return o.b.gone()
}

// run navigates, settles, scrolls, settles again and extracts. It returns an
// error only when Open must fail (ctx done, browser gone); what happened to
// the page is in o.failed, o.timedOut and o.notes.
func (o *opener) run(ctx context.Context) error {
	// The probes outlive a settle call (a probe may be outstanding across
	// phases); they end with pctx.
	pctx, cancel := joinCtx(o.t.ctx, ctx, 0)
	o.probeCh = make(chan probeResult, 1)
	defer func() {
		cancel()
		o.probes.Wait()
	}()

	if err := o.navigate(ctx); err != nil || o.failed || o.noDocument {
		return err
	}
	if err := o.settle(ctx, pctx, o.cfg.quiet, o.cfg.settleMax, time.Time{}); err != nil {
		return err
	}
	if o.cfg.scroll && !o.failed && !o.timedOut {
		if err := o.scroll(ctx); err != nil {
			return err
		}
		if o.scrollSteps > 0 && !o.failed && !o.timedOut {
			// Scroll-triggered loaders start within the scroll's frames; a
			// shorter window after the scroll catches the debounced ones.
			if err := o.settle(ctx, pctx, o.cfg.quiet/2, o.cfg.settleMax/2, time.Now()); err != nil {
				return err
			}
		}
	}
	if o.failed {
		return nil
	}
	return o.finish(ctx)
}

// navigate sends Page.navigate, which returns when the main document
// commits or fails, bounded by the budget.
func (o *opener) navigate(ctx context.Context) error {
	nctx, cancel := joinCtx(o.t.ctx, ctx, time.Until(o.budget))
	defer cancel()
	o.t.state.start()
	res, err := cdp.Call(nctx, o.t.target, page.Navigate, page.NavigateParams{URL: o.p.URL})
	if err != nil {
		if aerr := o.abort(ctx); aerr != nil {
			return aerr
		}
		switch c := o.t.state.crash(); {
		case c != "":
			o.fail(c)
		case !time.Now().Before(o.budget):
			o.timeout("the page did not start loading within " + o.cfg.timeout.String())
			// A document that committed just as the budget ran out is
			// still worth extracting.
			o.noDocument = o.t.state.activity(time.Now()).committed.IsZero()
		default:
			o.fail("navigating: " + err.Error())
		}
		return nil
	}
	if res.ErrorText != "" {
		msg := "navigation failed: " + res.ErrorText
		if res.IsDownload {
			msg = "navigation failed: the URL is a download"
		}
		if c := o.awaitCrash(ctx, res.ErrorText); c != "" {
			msg = c
		}
		o.fail(msg)
	}
	return nil
}

// awaitCrash gives a crash that aborted the navigation a moment to be
// reported, so that the page says why.
func (o *opener) awaitCrash(ctx context.Context, errorText string) string {
	if !strings.Contains(errorText, "ERR_ABORTED") {
		return o.t.state.crash()
	}
	wait := time.NewTimer(300 * time.Millisecond)
	defer wait.Stop()
	for {
		if c := o.t.state.crash(); c != "" {
			return c
		}
		select {
		case <-ctx.Done():
			return ""
		case <-wait.C:
			return o.t.state.crash()
		case <-o.t.state.wake:
		}
	}
}

// settle waits until the current document has fired its load event and then
// has had no request in flight and no DOM change for window, and window has
// passed since from (zero: no such bound); or, after the load event, until max
// has passed; or until the budget runs out. Only a probe sent after from
// vouches for the DOM. Probes run with pctx.
func (o *opener) settle(ctx, pctx context.Context, window, max time.Duration, from time.Time) error {
	budget := time.NewTimer(time.Until(o.budget))
	defer budget.Stop()
	tick := time.NewTicker(probeInterval)
	defer tick.Stop()
	// due fires when the quiet window would end if nothing happens meanwhile, so
	// that settling does not wait for the next tick.
	due := time.NewTimer(time.Hour)
	due.Stop()
	defer due.Stop()
	var readySince time.Time
	if o.probeSince.IsZero() {
		o.startProbe(pctx)
	}
	for {
		now := time.Now()
		a := o.t.state.activity(now)
		if a.crashed != "" {
			o.fail(a.crashed)
			return nil
		}
		if o.checkBusy(now) {
			return nil
		}
		if a.loaded && !a.navigating {
			if readySince.IsZero() {
				readySince = now
			}
			if o.quiet(a, now, window, from) || now.Sub(readySince) >= max {
				return nil
			}
			if at := o.quietAt(a, window, from); !a.netBusy && at.After(now) {
				due.Reset(at.Sub(now))
			}
		} else {
			readySince = time.Time{}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-o.b.ctx.Done():
			return o.abort(ctx)
		case <-o.t.ctx.Done():
			if err := o.abort(ctx); err != nil {
				return err
			}
			o.fail("the tab was closed")
			return nil
		case <-budget.C:
			if a.loaded {
				o.timeout("the page did not settle within " + o.cfg.timeout.String())
			} else {
				o.timeout("the page did not finish loading within " + o.cfg.timeout.String())
			}
			return nil
		case <-o.t.state.wake:
		case <-due.C:
		case <-tick.C:
			if o.probeSince.IsZero() {
				o.startProbe(pctx)
			}
		case r := <-o.probeCh:
			o.probeDone(r, time.Now())
		}
	}
}

// quiet reports whether the network and the DOM have been quiet for window,
// window has passed since from, and no meta refresh is due.
func (o *opener) quiet(a activity, now time.Time, window time.Duration, from time.Time) bool {
	switch {
	case a.netBusy || now.Sub(a.netQuiet) < window || now.Sub(from) < window:
		return false
	case o.probedFrom.Before(a.committed) || o.probedFrom.Before(from) || now.Sub(o.domChanged) < window:
		return false
	case o.refresh >= 0 && o.refresh <= maxRefreshWait &&
		now.Before(a.committed.Add(time.Duration(o.refresh*float64(time.Second))+time.Second)):
		return false
	}
	return true
}

// quietAt is when the quiet window ends if the network and the DOM stay as
// they are.
func (o *opener) quietAt(a activity, window time.Duration, from time.Time) time.Time {
	last := from
	for _, t := range []time.Time{a.netQuiet, o.domChanged} {
		if t.After(last) {
			last = t
		}
	}
	return last.Add(window)
}

// startProbe asks the page, from a goroutine, how long its DOM has been
// idle; the answer arrives on probeCh.
func (o *opener) startProbe(ctx context.Context) {
	o.probeSince = time.Now()
	o.probeStarted = o.probeSince
	o.probes.Add(1)
	go func() {
		defer o.probes.Done()
		var v probeValue
		err := o.t.worldEval(ctx, "__linkproof.probe()", false, &v)
		o.probeCh <- probeResult{v: v, err: err}
	}()
}

// probeDone records the answer of a probe.
func (o *opener) probeDone(r probeResult, now time.Time) {
	o.probeSince = time.Time{}
	if r.err != nil {
		return // the document changed under the probe, or the tab is going
	}
	o.domChanged = now.Add(-time.Duration(r.v.Idle * float64(time.Millisecond)))
	o.refresh = r.v.Refresh
	o.probedFrom = o.probeStarted
}

// checkBusy terminates the script of a renderer that has not answered a
// probe for half the budget (at least 5s), so that a page stuck in a loop
// can go on loading. A renderer busy with a huge layout looks the same, hence
// the generous limit. It reports true when the page Failed: the renderer
// stayed unresponsive after maxTerminations terminations.
func (o *opener) checkBusy(now time.Time) bool {
	busyLimit := max(o.cfg.timeout/2, minBusyLimit)
	if o.probeSince.IsZero() || now.Sub(o.probeSince) < busyLimit {
		return false
	}
	if o.terminations >= maxTerminations {
		o.fail("the renderer stopped responding")
		return true
	}
	o.kill()
	o.probeSince = now // give the outstanding probe another busyLimit
	return false
}

// kill terminates the running script and notes it once.
func (o *opener) kill() {
	o.terminations++
	if !o.terminated {
		o.notes = append(o.notes, "the renderer stopped answering; its running script was terminated")
		o.terminated = true
	}
	if err := o.t.terminateScript(); err != nil {
		o.b.cfg.logf("render: %s: %v", o.p.URL, err)
	}
}

// scroll scrolls to the bottom in viewport steps, at most scrollSteps steps
// and the maximum screenshot height, waiting two animation frames after each
// step so that lazy loaders see it. extract.js remembers the links present
// before, for LazyLoaded.
func (o *opener) scroll(ctx context.Context) error {
	d := min(time.Until(o.budget), scrollTimeout)
	if d <= 0 {
		// Lazy content below the fold was never triggered: say so, or a lazy link
		// would look removed.
		o.timeout("no time was left to scroll within " + o.cfg.timeout.String())
		return nil
	}
	sctx, cancel := joinCtx(o.t.ctx, ctx, d)
	defer cancel()
	expr := fmt.Sprintf("__linkproof.scroll(%d, %d)", scrollSteps, o.b.cfg.maxShotHeight)
	var res struct {
		Steps int `json:"steps"`
	}
	err := o.t.worldEval(sctx, expr, true, &res)
	switch {
	case err == nil:
		o.scrolled = true
		o.scrollSteps = res.Steps
	case o.abort(ctx) != nil:
		return o.abort(ctx)
	case !time.Now().Before(o.budget):
		o.timeout("scrolling did not finish within " + o.cfg.timeout.String())
	default:
		o.b.cfg.logf("render: %s: scrolling: %v", o.p.URL, err)
	}
	return nil
}

// finish stops loading after a timeout, makes sure the renderer answers
// (terminating a script that blocks it) and extracts the page.
func (o *opener) finish(ctx context.Context) error {
	if o.timedOut {
		sctx, cancel := joinCtx(o.t.ctx, ctx, stopTimeout)
		if _, err := cdp.Call(sctx, o.t.target, page.StopLoading, cdp.Empty{}); err != nil {
			o.b.cfg.logf("render: %s: stopping the load: %v", o.p.URL, err)
		}
		cancel()
	}
	if err := o.awaitRenderer(ctx); err != nil || o.failed {
		return err
	}
	err := o.t.extract(ctx, o.p, o.scrolled)
	switch {
	case err == nil:
		return nil
	case o.abort(ctx) != nil:
		return o.abort(ctx)
	case o.t.state.crash() != "":
		o.fail(o.t.state.crash())
	default:
		o.fail("extracting: " + err.Error())
	}
	return nil
}

// awaitRenderer checks that the renderer answers, terminating a script that
// blocks it; a renderer that still does not answer makes the page Failed.
// After a timeout it is impatient: a few seconds. Otherwise the page may just
// be busy laying out a huge document, and it gets the same patience as while
// settling.
func (o *opener) awaitRenderer(ctx context.Context) error {
	wait := livenessTimeout
	if o.timedOut {
		if !o.probeSince.IsZero() && time.Since(o.probeSince) > time.Second {
			o.kill() // a probe has been waiting already
		}
	} else {
		wait = max(o.cfg.timeout/2, minBusyLimit)
	}
	for attempt := 0; ; attempt++ {
		lctx, cancel := joinCtx(o.t.ctx, ctx, wait)
		err := o.t.worldEval(lctx, "1", false, nil)
		cancel()
		switch {
		case err == nil:
			return nil
		case o.abort(ctx) != nil:
			return o.abort(ctx)
		case o.t.state.crash() != "":
			o.fail(o.t.state.crash())
			return nil
		case attempt >= 1:
			o.fail("the renderer stopped responding")
			return nil
		}
		o.kill()
		wait = livenessTimeout
	}
}
