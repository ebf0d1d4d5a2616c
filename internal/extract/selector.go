package extract

import (
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Selector returns a CSS selector that selects exactly the first element of
// s, with document.querySelector as with goquery: a child path ("main >
// p:nth-of-type(3) > a") from the nearest ancestor-or-self whose id is
// unique in the document and safe in CSS ("#promo > a"), else from body.
// A step carries :nth-of-type only when same-type siblings exist; elements
// whose tag name cannot be written as a type selector (SVG's foreignObject,
// which selectors would lower-case, or "x.y") use *:nth-child. It costs one pass
// over the document; it returns "" when s holds no element.
func Selector(s *goquery.Selection) string {
	if s == nil || len(s.Nodes) == 0 || s.Nodes[0] == nil || s.Nodes[0].Type != html.ElementNode {
		return ""
	}
	n := s.Nodes[0]
	root := n
	for root.Parent != nil {
		root = root.Parent
	}
	b := newSelectorBuilder()
	walk(root, func(c *html.Node) action {
		b.countIDs(c)
		return descend
	}, func(*html.Node) {})
	return b.selector(n)
}

// selectorBuilder computes selectors for many elements of one document.
type selectorBuilder struct {
	ids  map[string]int        // lower-cased id value -> id attributes carrying it
	segs map[*html.Node]string // cached path step per element
	full map[*html.Node]string // cached selector per ancestor element
}

// newSelectorBuilder returns a builder to be fed with countIDs for every
// node of the document before selector is called.
func newSelectorBuilder() *selectorBuilder {
	return &selectorBuilder{
		ids:  make(map[string]int),
		segs: make(map[*html.Node]string),
		full: make(map[*html.Node]string),
	}
}

// countIDs records the id attributes of n. Every attribute named id counts,
// in any case, so that a selected id is unique both for goquery (which
// matches any id attribute) and for browsers in quirks mode (which ignore
// case).
func (b *selectorBuilder) countIDs(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	for _, a := range n.Attr {
		if a.Key == "id" {
			b.ids[strings.ToLower(a.Val)]++
		}
	}
}

// selector returns the selector of the element n (see Selector). The
// selectors of ancestors are cached, so that each link costs one step and
// one concatenation.
func (b *selectorBuilder) selector(n *html.Node) string {
	var chain []*html.Node // elements below the prefix, innermost first
	prefix := ""
	for cur := n; cur != nil && cur.Type == html.ElementNode; cur = cur.Parent {
		if s, ok := b.full[cur]; ok {
			prefix = s
			break
		}
		if id, ok := b.uniqueID(cur); ok {
			prefix = "#" + id
			b.full[cur] = prefix
			break
		}
		if cur.Namespace == "" && isRootPath(cur) {
			prefix = cur.Data
			b.full[cur] = prefix
			break
		}
		chain = append(chain, cur)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if prefix == "" {
			prefix = b.step(chain[i])
		} else {
			prefix = prefix + " > " + b.step(chain[i])
		}
		if i > 0 {
			b.full[chain[i]] = prefix
		}
	}
	return prefix
}

// isRootPath reports whether n is the document's html element or its body,
// each unique in a document.
func isRootPath(n *html.Node) bool {
	p := n.Parent
	switch n.Data {
	case "html":
		return p != nil && p.Type == html.DocumentNode
	case "body":
		return p != nil && isHTML(p, "html") && p.Parent != nil && p.Parent.Type == html.DocumentNode
	}
	return false
}

// uniqueID returns the first id of n when no other id attribute in the
// document has the same value and it is a plain CSS identifier.
func (b *selectorBuilder) uniqueID(n *html.Node) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == "id" {
			return a.Val, isCSSIdent(a.Val) && b.ids[strings.ToLower(a.Val)] == 1
		}
	}
	return "", false
}

// step returns the path step of n among its siblings. Steps are computed for
// all children of a parent at once and cached, so a page with many sibling
// links costs linear time.
func (b *selectorBuilder) step(n *html.Node) string {
	if s, ok := b.segs[n]; ok {
		return s
	}
	p := n.Parent
	if p == nil {
		return plainStep(n)
	}
	byTag := make(map[string]int)
	total := 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			byTag[c.Data]++
			total++
		}
	}
	seen := make(map[string]int)
	pos := 0
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		pos++
		seen[c.Data]++
		switch {
		case !isTypeSelector(c.Data):
			if total > 1 {
				b.segs[c] = "*:nth-child(" + strconv.Itoa(pos) + ")"
			} else {
				b.segs[c] = "*"
			}
		case byTag[c.Data] > 1:
			b.segs[c] = c.Data + ":nth-of-type(" + strconv.Itoa(seen[c.Data]) + ")"
		default:
			b.segs[c] = c.Data
		}
	}
	return b.segs[n]
}

// plainStep is the step of an element without a parent.
func plainStep(n *html.Node) string {
	if !isTypeSelector(n.Data) {
		return "*"
	}
	return n.Data
}

// isTypeSelector reports whether the tag name can be written as a type
// selector that matches it: a lower-case CSS identifier.
func isTypeSelector(tag string) bool {
	return isCSSIdent(tag) && tag == strings.ToLower(tag)
}

// isCSSIdent reports whether s can be written in a selector without
// escaping: an ASCII letter or '_' followed by letters, digits, '-' or '_'.
func isCSSIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case i > 0 && ('0' <= c && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return true
}
