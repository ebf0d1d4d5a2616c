package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Page is what one HTML document says about its links and its indexing.
type Page struct {
	// URL is the page URL given to Parse.
	URL string
	// Base is the effective base URL used to resolve relative URLs: the first
	// <base href> resolved against URL, or URL when there is no usable one.
	Base string
	// Title is the first <title>, with ASCII whitespace stripped and collapsed.
	Title string
	// Links holds every <a href> and <area href> whose href resolves to an
	// absolute http(s) URL, in document order (Kind "a").
	Links []Link
	// Pseudo holds targets reachable only through means that are not an
	// <a href>: onclick handlers, javascript: hrefs, data-* URLs, buttons and
	// forms, in document order.
	Pseudo []Link
	// Robots maps a lower-cased robots meta name ("robots", "googlebot", ...)
	// to its lower-cased directive tokens, merged over repeated metas; "none"
	// is expanded to "noindex", "nofollow" and "all" to "index", "follow".
	Robots map[string][]string
	// Canonicals holds the resolved hrefs of <link rel="canonical"> in <head>,
	// in document order.
	Canonicals []string
	// MetaRefresh is the first <meta http-equiv="refresh"> that names a URL,
	// or nil.
	MetaRefresh *Refresh
	// Text is the visible body text with whitespace collapsed: no script,
	// style, template, noscript, title, comments or attribute values.
	Text string
	// JSONLD holds the trimmed contents of the <script type="application/ld+json">
	// blocks, in document order.
	JSONLD []string
}

// Refresh is a meta refresh: navigate to URL after Delay seconds.
type Refresh struct {
	// URL is the resolved absolute http(s) destination.
	URL string
	// Delay is the delay in whole seconds.
	Delay int
}

// Link is one way the page points at a URL.
type Link struct {
	// Href is the resolved absolute http(s) URL.
	Href string `json:"href"`
	// RawHref is the URL as written in the markup (attribute value or the
	// quoted string found in script).
	RawHref string `json:"raw_href"`
	// Text is the text of the element with whitespace collapsed, image alt
	// text included; for <area> its alt attribute. It is cut after about
	// 1,000 bytes.
	Text string `json:"text"`
	// Rel holds the rel tokens, lower-cased; never nil.
	Rel []string `json:"rel"`
	// Kind is how the URL is reached: "a" for <a href> and <area href>, else
	// "onclick", "javascript", "data", "button" or "form".
	Kind string `json:"kind"`
	// Placement is the page region: "content", "nav", "header", "footer" or
	// "aside".
	Placement string `json:"placement"`
	// Selector is a CSS selector that selects exactly this element.
	Selector string `json:"selector"`
	// Hidden reports a static hiding: the hidden attribute, aria-hidden="true",
	// or an inline style display:none or visibility:hidden (not overridden by
	// visibility:visible) on the element or an ancestor.
	Hidden bool `json:"hidden"`
}

// Kinds of Link.
const (
	KindA          = "a"
	KindOnclick    = "onclick"
	KindJavaScript = "javascript"
	KindData       = "data"
	KindButton     = "button"
	KindForm       = "form"
)

// Placements of Link.
const (
	PlacementContent = "content"
	PlacementNav     = "nav"
	PlacementHeader  = "header"
	PlacementFooter  = "footer"
	PlacementAside   = "aside"
)

// Parse parses one UTF-8 HTML document fetched from pageURL. It fails only
// when pageURL is not an absolute URL; broken markup, invalid UTF-8 and any
// nesting depth are accepted.
func Parse(body []byte, pageURL string) (*Page, error) {
	p, _, err := ParseDoc(body, pageURL)
	return p, err
}

// ParseDoc is Parse that also returns the parsed document, for the other
// readers of the same HTML (consent and paywall signatures), so that a page
// is parsed once. The document is read-only; a Page does not keep it, so it
// can be freed once read.
func ParseDoc(body []byte, pageURL string) (*Page, *goquery.Document, error) {
	pu, err := url.Parse(strings.TrimSpace(pageURL))
	if err != nil {
		return nil, nil, fmt.Errorf("parse page URL %q: %w", pageURL, err)
	}
	if !pu.IsAbs() || pu.Host == "" {
		return nil, nil, fmt.Errorf("page URL %q is not absolute", pageURL)
	}
	doc := parseDocument(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	return extractPage(doc, pu, pageURL), doc, nil
}

// parseDocument parses body; when the parser rejects it (it refuses trees
// deeper than 512 elements), it parses a flattened copy instead, with ever
// lower depth limits; the last one keeps no nesting at all, which the parser
// always accepts.
func parseDocument(body []byte) *goquery.Document {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	for _, limit := range []int{256, 64, 0} {
		if err == nil {
			return doc
		}
		doc, err = goquery.NewDocumentFromReader(bytes.NewReader(flatten(body, limit)))
	}
	if err != nil {
		// Unreachable in practice: a flat token stream always parses. Keep an
		// empty document rather than fail.
		doc, _ = goquery.NewDocumentFromReader(strings.NewReader(""))
	}
	return doc
}

// Directives returns the directive set that applies to the crawler whose
// robots meta name is name (for example "googlebot"): the tokens of "robots"
// plus those of name.
func (p *Page) Directives(name string) map[string]bool {
	return DirectivesFor(p.Robots, name)
}

// DirectivesFor is Page.Directives for any map of the same shape, such as the
// one RobotsFromHeader returns.
func DirectivesFor(robots map[string][]string, name string) map[string]bool {
	set := make(map[string]bool)
	for _, t := range robots[robotsKey] {
		set[t] = true
	}
	if name = strings.ToLower(strings.TrimSpace(name)); name != robotsKey {
		for _, t := range robots[name] {
			set[t] = true
		}
	}
	return set
}
