package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// flatten rewrites an HTML byte stream so that no more than limit elements
// are open at once, counted naively on start and end tags. Beyond the limit
// it drops start tags of ordinary elements and their matching end tags, so
// their content joins the element at the limit (Chrome caps DOM depth the
// same way). It keeps <a> and <area> (the parser never nests <a> in <a>
// without a table cell, whose tags are dropped), void elements and raw-text
// elements, whose content the tokenizer has already read as text, and it
// removes whole <template> elements, whose content never counts. Bytes are
// copied unchanged from the input.
func flatten(body []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(body))
	out := bytes.NewBuffer(make([]byte, 0, len(body)))
	depth := 0
	foreign := 0 // open <svg> and <math> elements that were kept
	dropped := make(map[string]int)
	inTemplate := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// io.EOF, or a reader error that bytes.Reader never returns.
			return out.Bytes()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
			if inTemplate == 0 {
				out.Write(raw)
			}
			continue
		}
		name, _ := z.TagName()
		tag := string(name)
		if tag == "template" {
			switch {
			case tt == html.StartTagToken && (inTemplate > 0 || depth >= limit):
				inTemplate++
				continue
			case tt == html.EndTagToken && inTemplate > 0:
				inTemplate--
				continue
			}
		}
		if inTemplate > 0 {
			continue
		}
		switch tt {
		case html.StartTagToken:
			switch {
			case isVoid(tag) || isRawText(tag):
			case foreign > 0 && breaksOutOfForeign(tag):
				// The parser closes the open SVG or MathML elements
				// before this one, so keeping it cannot deepen the tree.
				foreign = 0
				depth++
			case depth >= limit && tag != "a" && tag != "area":
				dropped[tag]++
				continue
			default:
				depth++
				if tag == "svg" || tag == "math" {
					foreign++
				}
			}
		case html.EndTagToken:
			switch {
			case dropped[tag] > 0:
				dropped[tag]--
				continue
			case isVoid(tag) || isRawText(tag):
			case depth > 0:
				depth--
				if (tag == "svg" || tag == "math") && foreign > 0 {
					foreign--
				}
			}
		}
		out.Write(raw)
	}
}

// breaksOutOfForeign reports whether a start tag ends SVG or MathML content.
func breaksOutOfForeign(tag string) bool {
	switch tag {
	case "b", "big", "blockquote", "body", "center", "code", "dd", "div", "dl",
		"dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "head", "i", "li",
		"listing", "menu", "nobr", "ol", "p", "pre", "ruby", "s", "small",
		"span", "strike", "strong", "sub", "sup", "table", "tt", "u", "ul", "var":
		return true
	}
	return false
}

// isVoid reports whether tag never has content.
func isVoid(tag string) bool {
	switch tag {
	case "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame",
		"hr", "img", "image", "input", "keygen", "link", "meta", "param",
		"source", "track", "wbr":
		return true
	}
	return false
}

// isRawText reports whether the tokenizer reads the content of tag as text.
func isRawText(tag string) bool {
	switch tag {
	case "iframe", "noembed", "noframes", "noscript", "plaintext", "script",
		"style", "textarea", "title", "xmp":
		return true
	}
	return false
}
