package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// action tells walk what to do after visiting a node.
type action int

const (
	descend action = iota // visit the children, then call leave
	skip                  // do not visit the children; leave is not called
	stop                  // end the walk
)

// walk visits the subtree rooted at root in document order without
// recursion, so any depth is safe. enter decides for each node; leave is
// called after the children of every node that enter descended into.
func walk(root *html.Node, enter func(*html.Node) action, leave func(*html.Node)) {
	n := root
	for {
		switch enter(n) {
		case stop:
			return
		case descend:
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			leave(n)
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// isHTML reports whether n is an HTML element named tag.
func isHTML(n *html.Node, tag string) bool {
	return n.Type == html.ElementNode && n.Namespace == "" && n.Data == tag
}

// attr returns the value of the first attribute key (in no namespace) of n.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// isASCIISpace reports whether c is ASCII whitespace as HTML defines it.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// asciiFields splits s around runs of ASCII whitespace.
func asciiFields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) })
}

// trimASCII removes leading and trailing ASCII whitespace.
func trimASCII(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r < 0x80 && isASCIISpace(byte(r)) })
}

// hasPrefixFold reports whether s begins with prefix, ASCII case-insensitively.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// relTokens returns the lower-cased rel tokens of n, never nil.
func relTokens(n *html.Node) []string {
	v, _ := attr(n, "rel")
	toks := asciiFields(strings.ToLower(v))
	if toks == nil {
		toks = []string{}
	}
	return toks
}

// skipsContent reports whether the content of the element n never counts as
// page content: scripts, styles, templates, and elements whose content the
// parser keeps as unrendered text.
func skipsContent(n *html.Node) bool {
	switch n.Data {
	case "script", "style":
		return true
	case "template", "noscript", "noembed", "noframes", "iframe", "title":
		return n.Namespace == ""
	}
	return false
}

// isInline reports whether the HTML element tag flows inside text, so that
// its boundaries do not separate words.
func isInline(tag string) bool {
	switch tag {
	case "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del",
		"dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "nobr", "q",
		"s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
		"tt", "u", "var", "wbr":
		return true
	}
	return false
}
