package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// frame is the state a DOM element passes on to its descendants.
type frame struct {
	placement  string // region set by the nearest landmark ancestor; "" is content
	inSection  bool   // inside article, section or main
	inHead     bool   // inside <head>
	hardHidden bool   // hidden attribute, aria-hidden or display:none above
	visHidden  bool   // inherited visibility: hidden
}

// hidden reports whether elements with this frame are statically hidden.
func (f frame) hidden() bool { return f.hardHidden || f.visHidden }

// child returns the frame that the element n passes to its content, given
// the frame of its parent.
func (f frame) child(n *html.Node) frame {
	c := f
	if p := landmark(n); p != "" {
		// A header or footer scoped to an article, section or main is
		// ordinary content: the nearest landmark above it still applies.
		if !((p == PlacementHeader || p == PlacementFooter) && f.inSection) {
			c.placement = p
		}
	}
	if n.Namespace == "" {
		switch n.Data {
		case "article", "section", "main":
			c.inSection = true
		case "head":
			c.inHead = true
		}
	}
	if role, ok := attr(n, "role"); ok {
		for _, r := range asciiFields(strings.ToLower(role)) {
			if r == "main" || r == "article" {
				c.inSection = true
			}
		}
	}
	if _, ok := attr(n, "hidden"); ok {
		c.hardHidden = true
	}
	if v, ok := attr(n, "aria-hidden"); ok && strings.EqualFold(trimASCII(v), "true") {
		c.hardHidden = true
	}
	if style, ok := attr(n, "style"); ok {
		display, visibility := inlineDisplay(style)
		if display == "none" {
			c.hardHidden = true
		}
		switch visibility {
		case "hidden", "collapse":
			c.visHidden = true
		case "visible":
			c.visHidden = false
		}
	}
	return c
}

// landmark returns the placement that the element n gives its content: by
// tag (nav, header, footer, aside), by ARIA role, or by an id or class token
// equal to or prefixed ("nav-", "nav_") by a region word. The root, <body>
// and <main> are not judged by id or class: their classes describe the page.
func landmark(n *html.Node) string {
	if n.Namespace != "" {
		return ""
	}
	switch n.Data {
	case "nav":
		return PlacementNav
	case "header":
		return PlacementHeader
	case "footer":
		return PlacementFooter
	case "aside":
		return PlacementAside
	}
	if role, ok := attr(n, "role"); ok {
		for _, r := range asciiFields(strings.ToLower(role)) {
			switch r {
			case "navigation":
				return PlacementNav
			case "banner":
				return PlacementHeader
			case "contentinfo":
				return PlacementFooter
			case "complementary":
				return PlacementAside
			}
		}
	}
	switch n.Data {
	case "html", "body", "main":
		return ""
	}
	var tokens []string
	if id, ok := attr(n, "id"); ok {
		tokens = append(tokens, trimASCII(id))
	}
	if class, ok := attr(n, "class"); ok {
		tokens = append(tokens, asciiFields(class)...)
	}
	for _, t := range tokens {
		if p := wordPlacement(strings.ToLower(t)); p != "" {
			return p
		}
	}
	return ""
}

// wordPlacement maps an id or class token to a placement when it is one of
// the region words or starts with one followed by '-' or '_'.
func wordPlacement(tok string) string {
	for _, w := range []struct{ word, placement string }{
		{"navbar", PlacementNav},
		{"nav", PlacementNav},
		{"menu", PlacementNav},
		{"masthead", PlacementHeader},
		{"header", PlacementHeader},
		{"footer", PlacementFooter},
		{"sidebar", PlacementAside},
		{"widget", PlacementAside},
	} {
		if strings.HasPrefix(tok, w.word) && (len(tok) == len(w.word) || tok[len(w.word)] == '-' || tok[len(w.word)] == '_') {
			return w.placement
		}
	}
	return ""
}

// inlineDisplay returns the last display and visibility values declared in
// an inline style attribute, lower-cased, without !important.
func inlineDisplay(style string) (display, visibility string) {
	for _, decl := range strings.Split(style, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		if prop != "display" && prop != "visibility" {
			continue
		}
		val = strings.ToLower(strings.TrimSpace(val))
		val = strings.TrimSpace(strings.TrimSuffix(val, "!important"))
		if prop == "display" {
			display = val
		} else {
			visibility = val
		}
	}
	return display, visibility
}
