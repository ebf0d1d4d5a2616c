package extract

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// jsURLs returns the string literals in the JavaScript code that are URLs a
// click would navigate to: any quoted absolute http(s) URL, protocol-relative
// URL or path longer than "/", and any other literal that is assigned to
// location or href or passed to assign, replace, open or navigate.
func jsURLs(code string) []string {
	var out []string
	for i := 0; i < len(code); i++ {
		q := code[i]
		if q != '\'' && q != '"' && q != '`' {
			continue
		}
		lit, end, ok := readJSString(code, i)
		if !ok {
			break
		}
		if isNavigationLiteral(lit, code[:i]) {
			out = append(out, lit)
		}
		i = end
	}
	return out
}

// readJSString reads the string literal that starts with the quote at
// code[i]. It returns the unescaped value and the index of the closing quote;
// ok is false when the literal is not closed.
func readJSString(code string, i int) (lit string, end int, ok bool) {
	q := code[i]
	var b strings.Builder
	for j := i + 1; j < len(code); j++ {
		c := code[j]
		switch {
		case c == q:
			return b.String(), j, true
		case c == '\\' && j+1 < len(code):
			j++
			switch code[j] {
			case 'x':
				if r, ok := hexRune(code, j+1, 2); ok {
					b.WriteRune(r)
					j += 2
					continue
				}
			case 'u':
				if r, ok := hexRune(code, j+1, 4); ok {
					b.WriteRune(r)
					j += 4
					continue
				}
			case 'n', 'r', 't':
				b.WriteByte(' ')
				continue
			}
			b.WriteByte(code[j])
		default:
			b.WriteByte(c)
		}
	}
	return "", len(code), false
}

// hexRune decodes n hex digits at s[i:].
func hexRune(s string, i, n int) (rune, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+n], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}

// isNavigationLiteral reports whether the string literal lit, preceded in
// the code by before, is a navigation URL (see jsURLs).
func isNavigationLiteral(lit, before string) bool {
	if lit == "" || strings.ContainsFunc(lit, unicode.IsSpace) || lit[0] == '#' {
		return false
	}
	if hasPrefixFold(lit, "http://") || hasPrefixFold(lit, "https://") || strings.HasPrefix(lit, "/") && len(lit) > 1 {
		return true
	}
	if len(before) > 64 {
		before = before[len(before)-64:]
	}
	ctx := strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, before))
	for _, suffix := range []string{"location=", "href=", "assign(", "replace(", "open(", "navigate("} {
		if strings.HasSuffix(ctx, suffix) {
			return true
		}
	}
	return false
}

// javaScriptURLs returns the navigation URLs in a javascript: URL, whose code
// browsers percent-decode before running it.
func javaScriptURLs(href string) []string {
	code := href[len("javascript:"):]
	if dec, err := url.PathUnescape(code); err == nil {
		code = dec
	}
	return jsURLs(code)
}

// isDataURLValue reports whether a data-* attribute value is a URL or a
// path: it starts with "http://", "https://" or "/" and has no whitespace.
func isDataURLValue(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || strings.ContainsFunc(v, unicode.IsSpace) {
		return false
	}
	return v[0] == '/' || hasPrefixFold(v, "http://") || hasPrefixFold(v, "https://")
}

// isMediaDataAttr reports whether the data-* attribute key on element n
// holds a resource to load (lazy-loaded images, backgrounds, media) rather
// than a place to go.
func isMediaDataAttr(n *html.Node, key string) bool {
	switch n.Data {
	case "img", "picture", "source", "video", "audio", "iframe", "embed",
		"object", "track", "script", "link", "style", "image":
		return true
	}
	name := key[len("data-"):]
	for _, w := range []string{"src", "bg", "background", "image", "img", "poster", "icon", "thumb", "sprite"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// isButton reports whether n is a button: <button>, or an <input> of type
// button, submit, image or reset.
func isButton(n *html.Node) bool {
	if n.Namespace != "" {
		return false
	}
	switch n.Data {
	case "button":
		return true
	case "input":
		t, _ := attr(n, "type")
		switch strings.ToLower(trimASCII(t)) {
		case "button", "submit", "image", "reset":
			return true
		}
	}
	return false
}
