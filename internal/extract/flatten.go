package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// flatten rewrites an HTML byte stream so that no more than about limit
// elements are open at once, counted naively on start and end tags. Beyond
// the limit it drops start tags of ordinary elements and their matching end
// tags, so that their content joins the element at the limit (Chrome caps
// DOM depth the same way). It keeps void and raw-text elements, and <a> and
// <area> outside SVG and MathML (the parser never nests <a> in <a> without
// a table cell, whose tags are dropped). It removes whole <template>
// elements beyond the limit, whose content never counts, and whole SVG and
// MathML elements, up to their end or to a tag that makes the parser leave
// foreign content. A tag leaving foreign content beyond the limit becomes a
// <br>, which leaves it too without opening an element. Other bytes are
// copied unchanged, so the result tokenizes like the input.
func flatten(body []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(body))
	out := bytes.NewBuffer(make([]byte, 0, len(body)))
	depth := 0      // open elements, counted naively
	foreign := 0    // open <svg> and <math> elements that were kept
	skipping := 0   // nesting of the <svg> or <math> being removed
	inTemplate := 0 // nesting of the <template> being removed
	dropped := make(map[string]int)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// io.EOF, or a reader error that bytes.Reader never returns.
			return out.Bytes()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.EndTagToken && tt != html.SelfClosingTagToken {
			if inTemplate == 0 && skipping == 0 {
				out.Write(raw)
			}
			continue
		}
		name, _ := z.TagName()
		tag := string(name)
		inForeign := foreign > 0 || skipping > 0
		// "<div/>" opens a div in HTML; only SVG and MathML self-close.
		start := tt == html.StartTagToken || tt == html.SelfClosingTagToken && !inForeign
		end := tt == html.EndTagToken
		rawText := isRawText(tag) && !inForeign
		if isRawText(tag) && inForeign && start {
			// In SVG and MathML, <style> or <title> has element children;
			// the parser tells its tokenizer the same.
			z.NextIsNotRawText()
		}
		isForeignRoot := tag == "svg" || tag == "math"
		switch {
		case inTemplate > 0:
			if tag == "template" && start {
				inTemplate++
			} else if tag == "template" && end {
				inTemplate--
			}
			continue
		case skipping > 0:
			switch {
			case isForeignRoot && start:
				skipping++
				continue
			case isForeignRoot && end:
				skipping--
				continue
			case !start || !breaksOutOfForeign(tag):
				continue
			}
			skipping = 0 // and handle the tag below
		}
		switch {
		case start && foreign > 0 && breaksOutOfForeign(tag):
			foreign = 0
			if depth >= limit {
				dropped[tag]++
				out.WriteString("<br>")
				continue
			}
			depth++
		case start && (isVoid(tag) || rawText):
		case start && depth >= limit && tag == "template":
			inTemplate = 1
			continue
		case start && depth >= limit && isForeignRoot:
			skipping = 1
			continue
		case start && depth >= limit && (foreign > 0 || tag != "a" && tag != "area"):
			dropped[tag]++
			continue
		case start:
			depth++
			if isForeignRoot {
				foreign++
			}
		case end && dropped[tag] > 0:
			dropped[tag]--
			continue
		case end && (isVoid(tag) || rawText):
		case end && depth > 0:
			depth--
			if isForeignRoot && foreign > 0 {
				foreign--
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
