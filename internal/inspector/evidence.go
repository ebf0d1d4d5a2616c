package inspector

import (
	"context"
	"math"
	"net/url"
	"strings"

	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/evidence"
	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/render"
)

// sharedBlobs builds the page-level evidence files once per source page.
func (p *page) sharedBlobs() map[string]*evidence.Blob {
	p.blobsOnce.Do(func() {
		p.blobs = map[string]*evidence.Blob{}
		if p.shot != nil {
			p.blobs["page."+ext(p.shot.Format)] = evidence.NewBlob(p.shot.Data)
		}
		p.blobs["raw.html"] = evidence.NewBlob(p.raw.Raw)
		if p.rendered != nil && p.rendered.HTML != "" {
			p.blobs["rendered.html"] = evidence.NewBlob([]byte(p.rendered.HTML))
		}
		p.blobs["headers.json"] = evidence.NewBlob(headersJSON(p))
		for _, f := range p.robotsTx {
			body := f.Body
			if f.Err != "" {
				body = []byte("# not fetched: " + f.Err + "\n")
			}
			p.blobs["robots/"+robotsName(f.URL)] = evidence.NewBlob(body)
		}
	})
	return p.blobs
}

func ext(format string) string {
	if format == "jpeg" {
		return "jpg"
	}
	if format == "" {
		return "png"
	}
	return format
}

func robotsName(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return "robots.txt"
	}
	return strings.NewReplacer(":", "_", "/", "_").Replace(pu.Host) + ".robots.txt"
}

// writeEvidence writes the bundle of one row and sets r.Evidence.
func (in *Inspector) writeEvidence(ctx context.Context, p *page, rendered *render.Page, occ []occurrence, r *record.Record) {
	b := evidence.NewBundle(r.Row, r.Source)
	m := evidence.Manifest{
		Row: r.Row, Source: r.Source, Target: r.Target, FinalURL: r.Raw.FinalURL, Verdict: r.Verdict,
		CheckedAt: r.CheckedAt, ToolVersion: in.version,
		UserAgents: map[string]string{"browser_raw": crawler.BrowserUserAgent},
	}
	for _, c := range in.crawlers {
		m.UserAgents[c.Name] = c.UserAgent
	}
	if in.browser != nil {
		m.BrowserVersion = in.browser.Version()
		m.UserAgents["browser_rendered"] = in.browser.UserAgent()
	}
	shared := p.sharedBlobs()
	for name, blob := range shared {
		b.Add(name, blob)
	}
	ev := record.Evidence{Dir: "evidence/" + b.Name()}
	if p.shot != nil {
		name := "page." + ext(p.shot.Format)
		ev.Screenshot = in.store.Path(b, name)
		m.Screenshot = &evidence.ScreenshotInfo{Format: p.shot.Format, Width: p.shot.Width, Height: p.shot.Height,
			Scale: p.shot.Scale, PageHeight: p.shot.FullHeight, Capped: p.shot.Capped, CapPx: cssPx(p.shot.Height, p.shot.Scale)}
	} else if p.shotErr != "" {
		m.Notes = append(m.Notes, p.shotErr)
	} else if p.renderErr != "" {
		m.Notes = append(m.Notes, "render: "+p.renderErr)
	}
	for name, shot := range map[string]*render.Screenshot{"consent-before": p.shotBefore, "consent-after": p.shotAfter} {
		if shot != nil {
			b.Add(name+"."+ext(shot.Format), evidence.NewBlob(shot.Data))
		}
	}
	if p.consent.Shown {
		m.Consent = map[string]any{"detected": p.consent, "action": p.consentAction}
	}
	if p.paywall.Paywall || len(p.paywall.Vendors) > 0 {
		m.Paywall = p.paywall
	}
	ev.RawHTML = in.store.Path(b, "raw.html")
	if b.Has("rendered.html") {
		ev.RenderedHTML = in.store.Path(b, "rendered.html")
	}
	if rendered != nil {
		if l := bestRendered(occ); l != nil {
			p.tab.Lock()
			s, err := rendered.LinkScreenshot(ctx, *l)
			p.tab.Unlock()
			if err != nil {
				m.Notes = append(m.Notes, "element screenshot: "+err.Error())
			} else {
				name := "link." + ext(s.Format)
				b.Add(name, evidence.NewBlob(s.Data))
				ev.ElementScreenshot = in.store.Path(b, name)
			}
		}
	}
	mp, err := in.store.Commit(b, m)
	if err != nil {
		r.Signals = append(r.Signals, "evidence_failed")
		if r.Error == "" {
			r.Error = "evidence: " + err.Error()
		}
		return
	}
	ev.Manifest = mp
	r.Evidence = ev
}

// bestRendered picks the occurrence to outline: a visible crawlable link first.
func bestRendered(occ []occurrence) *render.Link {
	var best *render.Link
	for _, o := range occ {
		l := o.rendered
		if l == nil {
			continue
		}
		switch {
		case best == nil:
			best = l
		case l.Visible && !best.Visible, l.Visible == best.Visible && l.Kind == "a" && best.Kind != "a":
			best = l
		}
	}
	return best
}

// cssPx converts an image dimension in pixels to CSS px at scale (image pixels per CSS px).
func cssPx(px int, scale float64) int {
	if scale <= 0 {
		return px
	}
	return int(math.Round(float64(px) / scale))
}
