// Package render drives headless Chromium (through chromedp) to render web
// pages as a visitor's browser does, and reports what the rendered page
// holds: its final URL and navigation chain, its HTML, and every link and
// pseudo-link with where it is, whether a visitor sees it, and whether a
// crawler can follow it. It also takes the screenshots that serve as
// evidence.
//
// A Browser is one Chrome process with a temporary profile; New starts it,
// Close stops it and removes the profile. Open renders one URL in a tab of
// its own, in a fresh browser context (no cookies, storage or cache shared
// between pages, as for a crawler), and returns a Page:
//
//	b, err := render.New(ctx)
//	if err != nil { ... } // ErrChromeNotFound: Chromium is not installed
//	defer b.Close()
//	p, err := b.Open(ctx, "https://example.com/")
//	if err != nil { ... } // ctx is done, or the browser is gone (ErrBrowserGone)
//	defer p.Close()
//	for _, l := range p.Links { ... }
//	shot, err := p.Screenshot(ctx)
//
// # Waiting
//
// Open navigates and waits for the load event, bounded by the per-page
// budget (WithTimeout, default 30s). It then waits for the page to settle: no
// request in flight (requests older than 3s, WebSockets and EventSource do
// not count) and no DOM mutation for the quiet window (WithSettle, 500ms),
// for at most the settle bound (5s); a page that never stops changing is
// taken as it is then, without a timeout. Script navigations, and meta
// refreshes due within 3s, are followed and waited for. Open then scrolls to
// the bottom in viewport steps (at most 20, and the maximum screenshot
// height) so that lazy loaders fire, settles again (half the bound), scrolls
// back to the top and extracts. When the budget runs out first, loading is
// stopped and the page is extracted as it is, with TimedOut set.
//
// # Hostile pages
//
// JavaScript dialogs are dismissed and recorded (beforeunload is accepted),
// Chrome's popup blocker stays on and popups that get through are closed,
// downloads are denied. Every call into the renderer has a deadline. A
// renderer that does not answer for half the budget, or when the budget runs
// out, has its running script terminated (Runtime.terminateExecution: a
// while(true){} loop ends, the page is marked TimedOut and what it holds is
// extracted); a renderer that still does not answer, or that crashed, makes
// the Page Failed, and its tab is closed through the browser, which stays
// usable.
//
// # Extraction
//
// extract.js runs in an isolated JavaScript world, out of reach of the
// page's scripts, and walks the document, its open shadow roots and its
// same-origin iframes in one linear pass: a page with 5,000 links extracts
// in a few hundred milliseconds. Cross-site iframes run in other processes
// and are not walked (EvaluateInFrames reaches them).
//
// # Concurrency and hygiene
//
// A Browser is safe for concurrent use: many Opens can run at once, each in
// its own tab. The methods of one Page must not be called concurrently.
// Chrome is killed by the kernel when the process that started it dies
// (Pdeathsig, on the real binary rather than a launcher script; see
// ExecPath); Close kills whatever is left that uses the profile and removes
// it.
package render
