package extract

import (
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// extractor holds the state of one pass over a parsed document.
type extractor struct {
	page   *Page
	base   *url.URL
	sel    *selectorBuilder
	text   textBuilder
	frames []frame // frames[len-1] is the frame of the node being visited
}

// extractPage fills a Page from a parsed document in two linear passes: the
// first counts ids and finds the base URL and the title, the second reads
// everything else.
func extractPage(doc *goquery.Document, pageURL *url.URL, rawPageURL string) *Page {
	p := &Page{URL: rawPageURL, Robots: make(map[string][]string)}
	x := &extractor{page: p, base: pageURL, sel: newSelectorBuilder()}
	var root *html.Node
	if len(doc.Nodes) > 0 {
		root = doc.Nodes[0]
	}
	if root == nil {
		p.Base = pageURL.String()
		return p
	}
	x.prepass(root)
	p.Base = x.base.String()
	x.frames = []frame{{}}
	walk(root, x.enter, x.leave)
	p.Text = x.text.String()
	return p
}

// prepass counts ids for selectors, and finds the effective base URL (the
// first <base href> outside templates, unless it does not resolve or is a
// data: or javascript: URL) and the title (the first HTML <title> outside
// templates).
func (x *extractor) prepass(root *html.Node) {
	templates := 0
	baseFound, titleFound := false, false
	walk(root, func(n *html.Node) action {
		x.sel.countIDs(n)
		if n.Type != html.ElementNode || n.Namespace != "" {
			return descend
		}
		switch {
		case n.Data == "template":
			templates++
		case templates > 0:
		case n.Data == "base" && !baseFound:
			if href, ok := attr(n, "href"); ok {
				baseFound = true
				if u, ok := resolveAny(x.base, href); ok && u.Scheme != "javascript" && u.Scheme != "data" {
					x.base = u
				}
			}
		case n.Data == "title" && !titleFound:
			titleFound = true
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode {
					b.WriteString(c.Data)
				}
			}
			x.page.Title = collapseASCII(b.String())
		}
		return descend
	}, func(n *html.Node) {
		if isHTML(n, "template") {
			templates--
		}
	})
}

// enter visits one node of the main pass.
func (x *extractor) enter(n *html.Node) action {
	switch n.Type {
	case html.DocumentNode:
		x.frames = append(x.frames, x.frames[len(x.frames)-1])
		return descend
	case html.TextNode:
		x.text.write(n.Data)
		return skip
	case html.ElementNode:
	default:
		return skip // comments and doctypes never count
	}
	if skipsContent(n) {
		if isHTML(n, "script") {
			x.jsonLD(n)
		}
		return skip
	}
	parent := x.frames[len(x.frames)-1]
	f := parent.child(n)
	x.frames = append(x.frames, f)
	if n.Namespace != "" || !isInline(n.Data) {
		x.text.brk()
	}
	if n.Namespace == "" {
		switch n.Data {
		case "meta":
			x.meta(n)
		case "link":
			if f.inHead {
				x.canonical(n)
			}
		case "a", "area":
			x.anchor(n, parent, f)
		}
	}
	x.pseudo(n, parent, f)
	return descend
}

// leave ends the visit of a node the main pass descended into.
func (x *extractor) leave(n *html.Node) {
	if n.Type == html.ElementNode && (n.Namespace != "" || !isInline(n.Data)) {
		x.text.brk()
	}
	x.frames = x.frames[:len(x.frames)-1]
}

// jsonLD keeps the content of a <script type="application/ld+json">.
func (x *extractor) jsonLD(n *html.Node) {
	t, _ := attr(n, "type")
	essence, _, _ := strings.Cut(t, ";")
	if !strings.EqualFold(trimASCII(essence), "application/ld+json") {
		return
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	x.page.JSONLD = append(x.page.JSONLD, strings.TrimSpace(b.String()))
}

// meta reads robots directives and meta refresh.
func (x *extractor) meta(n *html.Node) {
	content, _ := attr(n, "content")
	if name, ok := attr(n, "name"); ok {
		if name = strings.ToLower(trimASCII(name)); isRobotsMetaName(name) {
			addDirectives(x.page.Robots, name, content, false)
		}
	}
	if x.page.MetaRefresh != nil {
		return
	}
	if equiv, _ := attr(n, "http-equiv"); !strings.EqualFold(trimASCII(equiv), "refresh") {
		return
	}
	delay, raw, ok := parseRefresh(content)
	if !ok || raw == "" {
		return
	}
	if u, ok := resolve(x.base, raw); ok {
		x.page.MetaRefresh = &Refresh{URL: u, Delay: delay}
	}
}

// canonical reads a <link rel="canonical"> in <head>.
func (x *extractor) canonical(n *html.Node) {
	href, ok := attr(n, "href")
	if !ok {
		return
	}
	for _, r := range relTokens(n) {
		if r == "canonical" {
			if u, ok := resolve(x.base, href); ok {
				x.page.Canonicals = append(x.page.Canonicals, u)
			}
			return
		}
	}
}

// anchor reads an <a href> or <area href>; javascript: hrefs become
// pseudo-links of kind "javascript".
func (x *extractor) anchor(n *html.Node, parent, f frame) {
	raw, ok := attr(n, "href")
	if !ok {
		return
	}
	if isJavaScriptURL(cleanURL(raw)) {
		text := elementText(n)
		for _, u := range javaScriptURLs(cleanURL(raw)) {
			x.addPseudo(n, KindJavaScript, u, text, parent, f)
		}
		return
	}
	href, ok := resolve(x.base, raw)
	if !ok {
		return
	}
	var text string
	if n.Data == "area" {
		alt, _ := attr(n, "alt")
		text = collapseText(alt)
	} else {
		text = elementText(n)
	}
	x.page.Links = append(x.page.Links, x.link(n, KindA, raw, href, text, relTokens(n), parent, f))
}

// pseudo reads the attributes of n that lead somewhere without an <a href>:
// onclick, formaction on buttons, action on forms, and data-* URLs, in
// attribute order.
func (x *extractor) pseudo(n *html.Node, parent, f frame) {
	text, haveText := "", false
	elemText := func() string {
		if !haveText {
			text, haveText = elementText(n), true
		}
		return text
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch {
		case a.Key == "onclick":
			kind := KindOnclick
			if isButton(n) {
				kind = KindButton
			}
			for _, u := range jsURLs(a.Val) {
				x.addPseudo(n, kind, u, elemText(), parent, f)
			}
		case a.Key == "formaction" && isButton(n):
			if cleanURL(a.Val) != "" {
				x.addPseudo(n, KindButton, a.Val, elemText(), parent, f)
			}
		case a.Key == "action" && isHTML(n, "form"):
			if cleanURL(a.Val) != "" {
				x.addPseudo(n, KindForm, a.Val, elemText(), parent, f)
			}
		case strings.HasPrefix(a.Key, "data-") && len(a.Key) > len("data-"):
			if isDataURLValue(a.Val) && !isMediaDataAttr(n, a.Key) {
				x.addPseudo(n, KindData, strings.TrimSpace(a.Val), elemText(), parent, f)
			}
		}
	}
}

// addPseudo records a pseudo-link to raw when it resolves to http(s).
func (x *extractor) addPseudo(n *html.Node, kind, raw, text string, parent, f frame) {
	href, ok := resolve(x.base, raw)
	if !ok {
		return
	}
	x.page.Pseudo = append(x.page.Pseudo, x.link(n, kind, raw, href, text, []string{}, parent, f))
}

// link builds a Link for the element n; parent is the frame of its parent
// (for placement, which comes from ancestors) and f its own (for hiding).
func (x *extractor) link(n *html.Node, kind, raw, href, text string, rel []string, parent, f frame) Link {
	placement := parent.placement
	if placement == "" {
		placement = PlacementContent
	}
	return Link{
		Href:      href,
		RawHref:   strings.ToValidUTF8(raw, "\uFFFD"),
		Text:      text,
		Rel:       rel,
		Kind:      kind,
		Placement: placement,
		Selector:  x.sel.selector(n),
		Hidden:    f.hidden(),
	}
}

// collapseText collapses whitespace like the text of an element.
func collapseText(s string) string {
	t := textBuilder{limit: maxTextBytes}
	t.write(s)
	return t.String()
}
