package render

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
)

// extractJS is installed in linkproof's isolated world of every document.
//
//go:embed extract.js
var extractJS string

// Kinds of Link.
const (
	LinkA          = "a"          // <a href> or <area href> with an http(s) URL: crawlable
	LinkOnclick    = "onclick"    // an onclick handler that navigates to a quoted URL
	LinkJavascript = "javascript" // a javascript: href holding a quoted URL
	LinkData       = "data"       // a data-* attribute holding a URL or a path starting with "/"
	LinkButton     = "button"     // a <button> (or submit input) formaction or onclick URL
	LinkForm       = "form"       // a <form action>
)

// Reasons of Link.Hidden.
const (
	HiddenDisplay    = "display"    // display:none on it or an ancestor (or not rendered at all)
	HiddenVisibility = "visibility" // visibility:hidden
	HiddenOpacity    = "opacity"    // opacity:0 on it or an ancestor
	HiddenSize       = "size"       // less than 2 CSS px wide or high
	HiddenOffpage    = "offpage"    // entirely left of or above the document
	HiddenCovered    = "covered"    // another element is on top of its centre (first 200 visible links only)
	HiddenClip       = "clip"       // clipped away: clip, clip-path, or an ancestor's overflow (first 200 visible links only)
)

// Placements of Link.
const (
	PlacementContent = "content"
	PlacementNav     = "nav"    // <nav>, role=navigation
	PlacementHeader  = "header" // page <header>, role=banner
	PlacementFooter  = "footer" // page <footer>, role=contentinfo
	PlacementAside   = "aside"  // <aside>, role=complementary
)

// Link is a link or pseudo-link of a rendered page. Only http(s) URLs are
// links: mailto:, tel: and fragment-only hrefs (#top) are left out. Text in
// comments, scripts and <template> is never a link.
type Link struct {
	// Href is the absolute URL, resolved by the browser against the
	// document's base URL; for a pseudo-link, the URL found in it.
	Href string
	// RawHref is the attribute value as written: href for <a> and <area>,
	// the quoted URL of an onclick, the javascript: href, the data-*
	// value, the formaction or the form action.
	RawHref string
	// Text is the element's text as written (textContent: no CSS
	// text-transform), whitespace collapsed, at most 300 characters; when
	// empty, an image's alt text, else the element's alt, aria-label, title
	// or value.
	Text string
	// Rel holds the lower-cased tokens of rel (<a> and <area> only).
	Rel []string
	// Kind is LinkA, LinkOnclick, LinkJavascript, LinkData, LinkButton or
	// LinkForm. Only LinkA is crawlable.
	Kind string
	// Visible reports whether a visitor sees the link: Hidden is "".
	Visible bool
	// Hidden says why the link is not visible (the Hidden... constants),
	// or "". "covered", and "clip" by an ancestor's overflow, are checked
	// for the first 200 links that pass the other checks only: a link
	// further down may be covered and still reported visible.
	Hidden string
	// Box is where the link is, in page coordinates (CSS px, scroll offset
	// included; links in iframes are placed in the top page).
	Box Rect
	// Placement is the nearest landmark: PlacementNav, PlacementHeader,
	// PlacementFooter, PlacementAside, or PlacementContent. A <header> or
	// <footer> inside article, section, main, aside or nav is content.
	Placement string
	// Selector is a CSS path that document.querySelector finds. A link in an
	// open shadow root has the host's path, " >>> ", and the path inside the
	// shadow root; a link in an iframe the same with the iframe's path.
	Selector string
	// InShadowDOM reports a link inside an open shadow root.
	InShadowDOM bool
	// InIframe reports a link inside a same-origin iframe's document.
	InIframe bool
	// LazyLoaded reports a link whose element was not in the document
	// before Open scrolled and was after. Extract keeps the mark.
	LazyLoaded bool
}

// Rect is a box in CSS pixels.
type Rect struct {
	X, Y, Width, Height float64
}

// extraction is what extract.js's extract() returns.
type extraction struct {
	URL    string   `json:"url"`
	Title  string   `json:"title"`
	HTML   string   `json:"html"`
	Width  float64  `json:"width"`
	Height float64  `json:"height"`
	Links  []jsLink `json:"links"`
}

// jsLink is one link of extract(), with short keys and no key for a default
// value (see extract.js).
type jsLink struct {
	Href      string     `json:"h"`
	Raw       *string    `json:"r"` // nil: the same as Href
	Text      string     `json:"t"`
	Rel       []string   `json:"rel"`
	Kind      string     `json:"k"`
	Hidden    string     `json:"x"`
	Box       [4]float64 `json:"b"` // x, y, width, height
	Placement string     `json:"p"` // "": content
	Selector  string     `json:"s"`
	Shadow    int        `json:"sh"`
	Iframe    int        `json:"if"`
	Lazy      int        `json:"lz"`
}

func (l jsLink) link() Link {
	raw := l.Href
	if l.Raw != nil {
		raw = *l.Raw
	}
	placement := l.Placement
	if placement == "" {
		placement = PlacementContent
	}
	return Link{
		Href:        l.Href,
		RawHref:     raw,
		Text:        l.Text,
		Rel:         l.Rel,
		Kind:        l.Kind,
		Visible:     l.Hidden == "",
		Hidden:      l.Hidden,
		Box:         Rect{X: l.Box[0], Y: l.Box[1], Width: l.Box[2], Height: l.Box[3]},
		Placement:   placement,
		Selector:    l.Selector,
		InShadowDOM: l.Shadow != 0,
		InIframe:    l.Iframe != 0,
		LazyLoaded:  l.Lazy != 0,
	}
}

// extract reads the document of the tab into p. markLazy marks the links
// that appeared since the scroll started as LazyLoaded.
func (t *tab) extract(ctx context.Context, p *Page, markLazy bool) error {
	ectx, cancel := joinCtx(t.ctx, ctx, extractTimeout)
	defer cancel()
	var raw string
	expr := fmt.Sprintf("__linkproof.extract({markLazy: %t})", markLazy)
	if err := t.worldEval(ectx, expr, false, &raw); err != nil {
		return err
	}
	var x extraction
	if err := json.Unmarshal([]byte(raw), &x); err != nil {
		return fmt.Errorf("decoding the extraction: %w", err)
	}
	p.HTML = x.HTML
	p.Title = x.Title
	p.Width, p.Height = int(x.Width), int(x.Height)
	p.Links = make([]Link, len(x.Links))
	for i, l := range x.Links {
		p.Links[i] = l.link()
	}
	return nil
}

// Extract reads the HTML, the title, the size and the links of the page
// again, as they are now (after a consent click, for example), and refreshes
// FinalURL, Status, Navigations and Dialogs. LazyLoaded stays set for the
// links that Open found lazy-loaded; links new since then are not marked.
// ctx bounds the call.
func (p *Page) Extract(ctx context.Context) error {
	t, err := p.liveTab()
	if err != nil {
		return err
	}
	if err := t.extract(ctx, p, false); err != nil {
		return fmt.Errorf("extracting %s: %w", p.URL, err)
	}
	t.state.fill(p)
	return nil
}
