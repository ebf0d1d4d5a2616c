package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Bounds on the text kept for one Link: the text stops growing after
// maxTextBytes bytes, and at most maxTextNodes nodes of the element are
// read, so that text extraction stays linear however links nest.
const (
	maxTextBytes = 1000
	maxTextNodes = 5000
)

// textBuilder accumulates text with runs of whitespace collapsed to one
// space and no leading or trailing space. Invalid UTF-8 becomes U+FFFD.
type textBuilder struct {
	b     strings.Builder
	space bool // a space is pending before the next word
	limit int  // stop after this many bytes; 0 means no limit
	full  bool // limit reached
}

// write appends s.
func (t *textBuilder) write(s string) {
	if t.full {
		return
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		if t.space && t.b.Len() > 0 {
			t.b.WriteByte(' ')
		}
		t.space = false
		t.b.WriteRune(r)
		if t.limit > 0 && t.b.Len() >= t.limit {
			t.full = true
			return
		}
	}
}

// brk marks a word boundary.
func (t *textBuilder) brk() { t.space = true }

// String returns the text.
func (t *textBuilder) String() string { return t.b.String() }

// elementText returns the text of the element n: its text nodes and the alt
// text of its images, outside scripts, styles, templates and other
// unrendered content, whitespace collapsed, bounded by maxTextBytes and
// maxTextNodes.
func elementText(n *html.Node) string {
	t := textBuilder{limit: maxTextBytes}
	visited := 0
	walk(n, func(c *html.Node) action {
		visited++
		if visited > maxTextNodes || t.full {
			return stop
		}
		switch c.Type {
		case html.TextNode:
			t.write(c.Data)
			return skip
		case html.ElementNode:
			if skipsContent(c) {
				return skip
			}
			if isHTML(c, "img") {
				alt, _ := attr(c, "alt")
				t.brk()
				t.write(alt)
				t.brk()
				return skip
			}
			if c.Namespace != "" || !isInline(c.Data) {
				t.brk()
			}
			return descend
		}
		return skip
	}, func(c *html.Node) {
		if c.Type == html.ElementNode && (c.Namespace != "" || !isInline(c.Data)) {
			t.brk()
		}
	})
	return t.String()
}

// collapseASCII strips and collapses ASCII whitespace, as document.title does.
func collapseASCII(s string) string {
	return strings.ToValidUTF8(strings.Join(asciiFields(s), " "), "\uFFFD")
}
