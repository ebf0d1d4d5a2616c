// Package render drives headless Chromium (through chromedp) to render web
// pages as a visitor's browser does, and reports what the rendered page
// holds: its final URL and navigation chain, its HTML, and every link and
// pseudo-link with where it is, whether it is visible, and how a crawler
// would treat it. It also takes the screenshots that serve as evidence.
//
// A Browser is one Chrome process with a temporary profile; New starts it
// and Close stops it and removes the profile. Open renders one URL in a tab
// of its own, in a fresh browser context (no cookies shared between pages),
// and returns a Page:
//
//	b, err := render.New(ctx)
//	if err != nil { ... }
//	defer b.Close()
//	p, err := b.Open(ctx, "https://example.com/")
//	if err != nil { ... } // ctx is done or the browser is gone
//	defer p.Close()
//	for _, l := range p.Links { ... }
//	shot, err := p.Screenshot(ctx)
//
// # Waiting
//
// Open navigates and waits for the load event, bounded by the per-page budget
// (WithTimeout, default 30s). It then waits until the page is settled: no
// request in flight (requests older than 3s, WebSockets and EventSource do
// not count) and no DOM mutation for the quiet window (WithSettle, 500ms), at
// most the settle bound (5s) — a page that keeps changing is taken as it is.
// Script navigations and meta refreshes due within 3s are followed and waited
// for. Open then scrolls to the bottom in viewport steps (at most 20, and the
// maximum screenshot height), settles again with half the bound, scrolls back
// to the top and extracts. When the budget runs out first, loading is stopped
// and the page is extracted as it is, with TimedOut set.
//
// # Hostile pages
//
// JavaScript dialogs are dismissed and recorded, popups are blocked or
// closed, downloads are denied. Every call into the renderer has a deadline:
// a script that blocks the renderer for 3s is terminated (Runtime.terminateExecution)
// and the page is marked TimedOut; a renderer that still does not answer, or
// that crashed, makes the Page Failed and its tab is closed through the
// browser, which stays usable.
//
// # Extraction
//
// extract.js runs in an isolated JavaScript world, out of reach of the page's
// scripts. It walks the document, open shadow roots and same-origin iframes
// in one linear pass; a page with 5,000 links extracts in well under a second.
//
// A Browser is safe for concurrent use: many Opens can run at once, each in
// its own tab. The methods of one Page must not be called concurrently.
package render
