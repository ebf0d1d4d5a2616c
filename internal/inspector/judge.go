package inspector

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/extract"
	"github.com/linkproof/linkproof/internal/fetch"
	"github.com/linkproof/linkproof/internal/match"
	"github.com/linkproof/linkproof/internal/paywall"
	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/verdict"
	"github.com/linkproof/linkproof/render"
)

// occurrence is one place where the target appears on the page.
type occurrence struct {
	raw      *extract.Link
	rendered *render.Link
}

func (o occurrence) kind() string {
	if o.rendered != nil {
		return o.rendered.Kind
	}
	return o.raw.Kind
}

func (o occurrence) crawlable() bool { return o.kind() == "a" }

func (o occurrence) rel() []string {
	if o.raw != nil {
		return o.raw.Rel
	}
	return o.rendered.Rel
}

// judge decides one pair from the page facts and fills its record.
func (in *Inspector) judge(ctx context.Context, p *page, r *record.Record, pair Pair) {
	var f verdict.Facts
	if p.rawErr != nil {
		f.Unreachable = unreachableReason(p.rawErr)
		r.Raw.FinalURL = pair.Source
		in.finish(r, f)
		return
	}
	raw := p.raw
	r.Raw.Status, r.Raw.FinalURL, r.Raw.Bytes = raw.Status, raw.FinalURL, raw.Bytes
	for _, h := range raw.Redirects {
		r.Raw.Redirects = append(r.Raw.Redirects, record.Hop{URL: h.URL, Status: h.Status, Type: h.Kind})
	}
	f.Status = raw.Status
	f.Error = p.rawErrS
	rendered := p.rendered
	if rendered != nil && rendered.Failed {
		rendered = nil // a crashed tab tells nothing; the raw verdict stands
	}
	// A page that refuses the raw request (401/403) but renders fine is judged as rendered.
	if raw.Status >= 400 && raw.Status != 404 && raw.Status != 410 && raw.Status != 429 && raw.Status < 500 {
		if rendered != nil && rendered.Status >= 200 && rendered.Status < 300 {
			f.Status = rendered.Status
		} else {
			f.Error = "the page answered HTTP " + strconv.Itoa(raw.Status) + " to a browser"
		}
	}

	// Redirects: HTTP and meta refresh in the raw fetch; script navigation in Chrome.
	f.Redirect = len(raw.Redirects) > 0
	f.Redirected = !match.SamePage(pair.Source, raw.FinalURL)
	if rendered != nil {
		r.Rendered.FinalURL = rendered.FinalURL
		r.Rendered.Status = rendered.Status
		r.Rendered.DurationMS = p.renderTime.Milliseconds()
		for _, n := range rendered.Navigations {
			if n.Kind == "script" {
				f.Redirect = true
				r.Raw.Redirects = append(r.Raw.Redirects, record.Hop{URL: n.URL, Status: n.Status, Type: "script"})
			}
		}
		if !f.Redirected && rendered.FinalURL != "" && !rendered.TimedOut && !match.SamePage(raw.FinalURL, rendered.FinalURL) {
			f.Redirected, f.ScriptRedirect = true, true
		}
	}

	// Occurrences of the target.
	occ := in.occurrences(p, rendered, pair.Target)
	var crawlableFollowed, crawlableAny int
	for _, o := range occ {
		if o.raw != nil {
			f.InRaw = true
			f.CrawlableRaw = f.CrawlableRaw || o.raw.Kind == "a"
		}
		if o.rendered != nil {
			f.InRendered = true
			f.CrawlableRendered = f.CrawlableRendered || o.rendered.Kind == "a"
			if o.rendered.Visible {
				r.Rendered.Visible = true
			}
			if o.rendered.InShadowDOM {
				f.Extra = append(f.Extra, "shadow_dom")
			}
			if o.rendered.InIframe {
				f.Extra = append(f.Extra, "iframe")
			}
			if o.rendered.LazyLoaded {
				f.Extra = append(f.Extra, "lazy_loaded")
			}
		}
		if !o.crawlable() {
			continue
		}
		crawlableAny++
		rel := o.rel()
		nf, ugc, sp := slices.Contains(rel, "nofollow"), slices.Contains(rel, "ugc"), slices.Contains(rel, "sponsored")
		f.HasNofollow = f.HasNofollow || nf
		f.HasUGC = f.HasUGC || ugc
		f.HasSponsored = f.HasSponsored || sp
		if !nf && !ugc && !sp {
			crawlableFollowed++
		}
	}
	// Consent: the target among the links after consent was given.
	for i := range p.afterLinks {
		l := &p.afterLinks[i]
		if match.Same(l.Href, pair.Target, in.mode) {
			f.AfterConsent = true
			if l.Kind == "a" {
				f.CrawlableAfterConsent = true
				if !f.InRaw && !f.InRendered {
					rel := l.Rel
					nf, ugc, sp := slices.Contains(rel, "nofollow"), slices.Contains(rel, "ugc"), slices.Contains(rel, "sponsored")
					crawlableAny++
					if !nf && !ugc && !sp {
						crawlableFollowed++
					}
				}
			}
		}
	}
	f.ConsentBanner = p.consent.Shown
	f.ConsentVendors = mergeSorted(p.consent.Vendors, p.consentVendor)
	dismissed := p.consentAction != nil && p.consentAction.Dismissed
	f.ConsentBlocks = p.consent.Shown && p.consent.Wall && !dismissed
	f.AllNofollow = crawlableAny > 0 && crawlableFollowed == 0
	r.Raw.Found, r.Rendered.Found = f.InRaw, f.InRendered
	if f.InRendered && !r.Rendered.Visible {
		f.Extra = append(f.Extra, "hidden")
	} else if f.InRaw && !f.InRendered && rendered == nil {
		if slices.ContainsFunc(occ, func(o occurrence) bool { return o.raw != nil && o.raw.Hidden }) &&
			!slices.ContainsFunc(occ, func(o occurrence) bool { return o.raw != nil && !o.raw.Hidden }) {
			f.Extra = append(f.Extra, "hidden")
		}
	}
	if f.Redirected {
		f.LinkOnRedirectTarget = f.InRaw || f.InRendered
	}
	r.Links = linkRecords(occ)
	in.paywallFacts(ctx, p, rendered, occ, &f)

	// Page-level directives, for every checked crawler.
	in.directives(p, rendered, &f)
	in.crawlerFacts(p, r, pair.Target, &f)
	in.contextSignals(p, rendered, pair.Target, &f)

	in.finish(r, f)
	if in.store != nil && keepsEvidence(r.Verdict) {
		in.writeEvidence(ctx, p, rendered, occ, r)
	}
}

// occurrences finds the target among the raw and rendered links, pairing each rendered
// occurrence with a raw one of the same kind, href and text when there is one.
func (in *Inspector) occurrences(p *page, rendered *render.Page, target string) []occurrence {
	var occ []occurrence
	if p.rawPage != nil {
		for i := range p.rawPage.Links {
			if match.Same(p.rawPage.Links[i].Href, target, in.mode) {
				occ = append(occ, occurrence{raw: &p.rawPage.Links[i]})
			}
		}
		for i := range p.rawPage.Pseudo {
			if match.Same(p.rawPage.Pseudo[i].Href, target, in.mode) {
				occ = append(occ, occurrence{raw: &p.rawPage.Pseudo[i]})
			}
		}
	}
	if rendered == nil {
		return occ
	}
	for i := range p.beforeLinks {
		l := &p.beforeLinks[i]
		if !match.Same(l.Href, target, in.mode) {
			continue
		}
		paired := false
		for j := range occ {
			o := &occ[j]
			if o.rendered == nil && o.raw != nil && o.raw.Kind == l.Kind && o.raw.Text == l.Text {
				o.rendered, paired = l, true
				break
			}
		}
		if !paired {
			occ = append(occ, occurrence{rendered: l})
		}
	}
	return occ
}

func linkRecords(occ []occurrence) []record.Link {
	out := []record.Link{}
	for _, o := range occ {
		l := record.Link{InRaw: o.raw != nil, InRendered: o.rendered != nil, Crawlable: o.crawlable(), Kind: o.kind()}
		if o.raw != nil {
			l.Href, l.Text, l.Rel, l.Placement, l.Selector = o.raw.Href, o.raw.Text, o.raw.Rel, o.raw.Placement, o.raw.Selector
			l.Visible = !o.raw.Hidden
		}
		if o.rendered != nil {
			l.Href, l.Text, l.Rel, l.Placement, l.Selector = o.rendered.Href, o.rendered.Text, o.rendered.Rel, o.rendered.Placement, o.rendered.Selector
			l.Visible = o.rendered.Visible
		}
		if l.Rel == nil {
			l.Rel = []string{}
		}
		out = append(out, l)
	}
	return out
}

// directives sets noindex, nofollow and canonical facts from metas and headers.
func (in *Inspector) directives(p *page, rendered *render.Page, f *verdict.Facts) {
	if p.rawPage == nil {
		return
	}
	header := extract.RobotsFromHeader(p.raw.Header.Values("X-Robots-Tag"))
	has := func(pg *extract.Page, hdr map[string][]string, token string) bool {
		for _, c := range in.crawlers {
			if pg != nil && pg.Directives(c.MetaName)[token] {
				return true
			}
			if slices.Contains(hdr["robots"], token) || slices.Contains(hdr[c.MetaName], token) {
				return true
			}
		}
		return false
	}
	f.Noindex = has(p.rawPage, header, "noindex")
	f.PageNofollow = has(p.rawPage, header, "nofollow")
	if p.renderedPage != nil {
		if !f.Noindex && has(p.renderedPage, nil, "noindex") {
			f.JSNoindex = true
		}
		f.PageNofollow = f.PageNofollow || has(p.renderedPage, nil, "nofollow")
	}
	final := p.raw.FinalURL
	canon := append(slices.Clone(p.rawPage.Canonicals), extract.CanonicalsFromHeader(p.raw.Header.Values("Link"), final)...)
	for _, c := range canon {
		if !match.SamePage(c, final) {
			f.CanonicalMismatch = true
		}
	}
	if !f.CanonicalMismatch && p.renderedPage != nil && rendered != nil {
		for _, c := range p.renderedPage.Canonicals {
			if !match.SamePage(c, final) && !match.SamePage(c, rendered.FinalURL) {
				f.CanonicalMismatch = true
				f.Extra = append(f.Extra, "js_canonical")
			}
		}
	}
}

// crawlerFacts fills the crawlers map and the robots and bot-blocking facts.
func (in *Inspector) crawlerFacts(p *page, r *record.Record, target string, f *verdict.Facts) {
	browserOK := p.raw.Status >= 200 && p.raw.Status < 300
	// Crawlers usually get the browser's HTML, parsed once (examine): look the target up once
	// per parsed page, not once per crawler.
	foundIn := map[*extract.Page]bool{}
	for _, c := range in.crawlers {
		cr := record.Crawler{Robots: "allowed"}
		if d, ok := p.robots[c.Name]; ok && d.RobotsURL != "" {
			cr.Robots, cr.Rule = d.String(), d.Rule
			if d.Unavailable {
				f.RobotsUnavailable = true
			}
			if !d.Allowed {
				f.RobotsDisallowed = append(f.RobotsDisallowed, c.Name)
			}
		}
		if v := p.bots[c.Name]; v != nil {
			if v.err != nil {
				if browserOK {
					f.CrawlerBlocked = append(f.CrawlerBlocked, c.Name)
				}
			} else {
				cr.Status = v.resp.Status
				s := v.resp.Status
				if browserOK && (s == 401 || s == 403 || s == 429 || s >= 500) {
					f.CrawlerBlocked = append(f.CrawlerBlocked, c.Name)
				}
				if s >= 200 && s < 300 && v.page != nil {
					found, ok := foundIn[v.page]
					if !ok {
						found = slices.ContainsFunc(v.page.Links, func(l extract.Link) bool { return match.Same(l.Href, target, in.mode) })
						foundIn[v.page] = found
					}
					cr.Found = &found
					if found != f.CrawlableRaw {
						f.UAVariation = true
					}
				}
			}
		}
		r.Crawlers[c.Name] = cr
	}
}

// contextSignals adds render health, consent-free context and mention signals.
func (in *Inspector) contextSignals(p *page, rendered *render.Page, target string, f *verdict.Facts) {
	if p.rendered != nil {
		if p.rendered.TimedOut {
			f.Extra = append(f.Extra, "render_timeout")
		}
		if p.rendered.Failed {
			f.Extra = append(f.Extra, "render_failed")
		}
		if len(p.rendered.Dialogs) > 0 {
			f.Extra = append(f.Extra, "dialog_dismissed")
		}
	} else if p.renderErr != "" {
		f.Extra = append(f.Extra, "render_failed")
	}
	site := match.Site(target)
	other := func(href string) bool { return match.Site(href) == site && !match.Same(href, target, in.mode) }
	if p.rawPage != nil && slices.ContainsFunc(p.rawPage.Links, func(l extract.Link) bool { return other(l.Href) }) ||
		rendered != nil && slices.ContainsFunc(rendered.Links, func(l render.Link) bool { return l.Kind == "a" && other(l.Href) }) {
		f.Extra = append(f.Extra, "other_target_links")
	}
	if !f.Found() {
		text := ""
		if p.rawPage != nil {
			text = p.rawPage.Text
		}
		if p.renderedPage != nil {
			text += " " + p.renderedPage.Text
		}
		if match.Mentions(text, target) {
			f.Extra = append(f.Extra, "mention_unlinked")
		}
	}
}

func keepsEvidence(v string) bool {
	return v != verdict.InvalidInput && v != verdict.Unreachable && v != verdict.Error
}

func unreachableReason(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		switch fe.Kind {
		case "redirect_loop":
			return "redirect loop"
		case "too_many_redirects":
			return "more than 10 redirects"
		case "dns":
			return "DNS lookup failed"
		case "refused":
			return "connection refused"
		case "tls":
			return "TLS handshake failed"
		case "timeout":
			return "timed out"
		case "canceled":
			return "cancelled"
		}
	}
	return strings.TrimPrefix(err.Error(), "fetch: ")
}

// headersJSON is the response-headers evidence file.
func headersJSON(p *page) []byte {
	type botInfo struct {
		UserAgent string      `json:"user_agent"`
		Status    int         `json:"status,omitempty"`
		FinalURL  string      `json:"final_url,omitempty"`
		Error     string      `json:"error,omitempty"`
		Header    http.Header `json:"headers,omitempty"`
	}
	doc := struct {
		URL       string             `json:"url"`
		FinalURL  string             `json:"final_url"`
		Status    int                `json:"status"`
		Redirects []fetch.Hop        `json:"redirects"`
		Header    http.Header        `json:"headers"`
		Crawlers  map[string]botInfo `json:"crawlers"`
	}{URL: p.source, FinalURL: p.raw.FinalURL, Status: p.raw.Status, Redirects: p.raw.Redirects, Header: p.raw.Header, Crawlers: map[string]botInfo{}}
	for _, c := range crawler.All() {
		v := p.bots[c.Name]
		if v == nil {
			continue
		}
		bi := botInfo{UserAgent: c.UserAgent}
		if v.err != nil {
			bi.Error = v.err.Error()
		} else {
			bi.Status, bi.FinalURL, bi.Header = v.resp.Status, v.resp.FinalURL, v.resp.Header
		}
		doc.Crawlers[c.Name] = bi
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	return b
}

// paywallFacts decides whether a detected paywall gates the link: the link sits in a part marked
// not free, or the raw HTML had it and the rendered page hides or drops it.
func (in *Inspector) paywallFacts(ctx context.Context, p *page, rendered *render.Page, occ []occurrence, f *verdict.Facts) {
	pw := p.paywall
	if !pw.Paywall {
		return
	}
	f.Paywall = true
	for _, o := range occ {
		if o.raw != nil && len(pw.GatedSelectors) > 0 && paywall.RawLinkInGated(p.raw.Body, o.raw.Selector, pw.GatedSelectors) {
			f.PaywallSection = true
		}
		if o.rendered != nil && rendered != nil && len(pw.GatedSelectors) > 0 && !f.PaywallSection {
			p.tab.Lock()
			gated, err := paywall.LinkInGated(ctx, rendered, o.rendered.Selector, pw.GatedSelectors)
			p.tab.Unlock()
			f.PaywallSection = err == nil && gated
		}
		if o.raw != nil && rendered != nil && (o.rendered == nil || !o.rendered.Visible) {
			f.PaywallHides = true
		}
	}
}

func mergeSorted(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
