package inspector

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/linkproof/linkproof/internal/consent"
	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/evidence"
	"github.com/linkproof/linkproof/internal/extract"
	"github.com/linkproof/linkproof/internal/fetch"
	"github.com/linkproof/linkproof/internal/paywall"
	"github.com/linkproof/linkproof/internal/robots"
	"github.com/linkproof/linkproof/render"
)

// page is everything learned about one source page, shared by its rows.
type page struct {
	source string

	raw     *fetch.Response
	rawErr  error
	rawPage *extract.Page // the final page's raw HTML; nil when not HTML
	rawErrS string        // why the response could not be verified

	bots map[string]*botView // by crawler name

	robots map[string]robots.Decision // by crawler name, for the page that holds the link

	rendered     *render.Page
	renderedPage *extract.Page // the rendered HTML, for metas and canonicals
	renderErr    string
	renderTime   time.Duration

	shot     *render.Screenshot
	shotErr  string
	robotsTx []robots.File

	// Consent: the first render's links, what was detected and clicked, and the links after.
	consent       consent.Detection
	consentAction *consent.Action
	consentVendor []string
	beforeLinks   []render.Link // rendered links before consent was given
	afterLinks    []render.Link // rendered links after consent (nil: no consent given)
	shotBefore    *render.Screenshot
	shotAfter     *render.Screenshot

	paywall paywall.Detection

	blobsOnce sync.Once
	blobs     map[string]*evidence.Blob // shared evidence files of the page
	tab       sync.Mutex                // one element screenshot at a time on the tab
}

// botView is what one crawler's user agent was served.
type botView struct {
	resp *fetch.Response
	err  error
	page *extract.Page
}

func (p *page) close() {
	if p.rendered != nil {
		p.rendered.Close()
	}
}

// examine fetches, renders and reads robots.txt for one source page, all at once where possible.
func (in *Inspector) examine(ctx context.Context, source string) *page {
	p := &page{source: source, bots: map[string]*botView{}, robots: map[string]robots.Decision{}}
	p.raw, p.rawErr = in.http.Fetch(ctx, fetch.Request{URL: source, UserAgent: crawler.BrowserUserAgent, FollowMetaRefresh: true})
	if p.rawErr != nil {
		return p
	}
	if p.raw.IsHTML() {
		pg, doc, err := extract.ParseDoc(p.raw.Body, p.raw.FinalURL)
		if err != nil {
			p.rawErrS = "cannot read the HTML: " + err.Error()
		}
		p.rawPage = pg
		if pg != nil {
			p.paywall = paywall.DetectDoc(doc, pg.JSONLD)
			p.consentVendor = consent.DetectDoc(doc)
		}
	} else if p.raw.Status < 300 {
		ct := p.raw.ContentType
		if ct == "" {
			ct = "unknown"
		}
		p.rawErrS = fmt.Sprintf("content type %s is not HTML", ct)
	}
	if p.raw.Status >= 300 && p.raw.Status < 400 {
		p.rawErrS = fmt.Sprintf("the page answered HTTP %d without a usable Location", p.raw.Status)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	// Crawler user agents: same URL, each profile's user agent.
	for _, c := range in.crawlers {
		wg.Go(func() {
			v := &botView{}
			v.resp, v.err = in.http.Fetch(ctx, fetch.Request{URL: source, UserAgent: c.UserAgent, FollowMetaRefresh: true})
			if v.err == nil && v.resp.IsHTML() {
				if p.rawPage != nil && string(v.resp.Body) == string(p.raw.Body) && v.resp.FinalURL == p.raw.FinalURL {
					v.page = p.rawPage
				} else {
					v.page, _ = extract.Parse(v.resp.Body, v.resp.FinalURL)
				}
			}
			mu.Lock()
			p.bots[c.Name] = v
			mu.Unlock()
		})
	}
	// robots.txt for the source URL and the page that holds the link.
	wg.Go(func() {
		urls := []string{source}
		if p.raw.FinalURL != source {
			urls = append(urls, p.raw.FinalURL)
		}
		for _, c := range in.crawlers {
			var final robots.Decision
			for _, u := range urls {
				d, err := in.robots.Check(ctx, u, c.Token)
				if err != nil {
					continue
				}
				if final.RobotsURL == "" || !d.Allowed {
					final = d
				}
			}
			mu.Lock()
			p.robots[c.Name] = final
			mu.Unlock()
		}
		for _, u := range urls {
			if f, err := in.robots.File(ctx, u); err == nil && !hasRobotsFile(p.robotsTx, f.URL) {
				p.robotsTx = append(p.robotsTx, f)
			}
		}
	})
	// Render what a visitor sees (error pages too: they are the evidence), unless the
	// response is not a page at all.
	if in.browser != nil && p.rawErrS == "" {
		wg.Go(func() { in.render(ctx, p) })
	}
	wg.Wait()
	return p
}

func hasRobotsFile(fs []robots.File, url string) bool {
	for _, f := range fs {
		if f.URL == url {
			return true
		}
	}
	return false
}

func (in *Inspector) render(ctx context.Context, p *page) {
	start := time.Now()
	rp, err := in.browser.Open(ctx, p.source)
	p.renderTime = time.Since(start)
	if err != nil {
		p.renderErr = err.Error()
		if errors.Is(err, context.Canceled) {
			p.renderErr = "cancelled"
		}
		return
	}
	p.rendered = rp
	if !rp.Failed {
		in.seePast(ctx, p, rp)
	}
	if rp.HTML != "" && !rp.Failed {
		base := rp.FinalURL
		if base == "" {
			base = p.source
		}
		p.renderedPage, _ = extract.Parse([]byte(rp.HTML), base)
	}
	if in.store != nil && !rp.Failed {
		s, err := rp.Screenshot(ctx)
		if err != nil {
			p.shotErr = "page screenshot: " + err.Error()
		} else {
			p.shot = &s
		}
	}
}

// seePast detects a consent UI and a paywall in the rendered page; when a consent UI is shown
// it accepts it, so that the links after consent can be compared with the links before.
func (in *Inspector) seePast(ctx context.Context, p *page, rp *render.Page) {
	p.beforeLinks = slices.Clone(rp.Links)
	if d, err := consent.Detect(ctx, rp); err == nil {
		p.consent = d
	}
	if p.consent.Shown {
		in.giveConsent(ctx, p, rp)
	}
	// After consent, so that a cookie wall is not read as a paywall's overlay.
	if p.rawPage != nil {
		if d, err := paywall.DetectRendered(ctx, rp, p.paywall); err == nil {
			p.paywall = d
		}
	}
}

// giveConsent accepts the consent UI, keeping screenshots before and after and the links after.
func (in *Inspector) giveConsent(ctx context.Context, p *page, rp *render.Page) {
	if in.store != nil {
		if s, err := rp.ViewportScreenshot(ctx); err == nil {
			p.shotBefore = &s
		}
	}
	act, err := consent.Accept(ctx, rp)
	if err != nil && act.Err == "" {
		act.Err = err.Error()
	}
	p.consentAction = &act
	if act.Clicked {
		p.afterLinks = slices.Clone(rp.Links)
		if in.store != nil {
			if s, err := rp.ViewportScreenshot(ctx); err == nil {
				p.shotAfter = &s
			}
		}
	}
}
