package paywall

import (
	"strings"
)

// RawLinkInGated reports whether the element at linkSelector (an
// extract.Link Selector) is inside an element that one of the gated
// selectors matches, in the raw HTML. A selector that enters a shadow root or
// an iframe (" >>> ") cannot be followed in raw HTML and gives false, as do
// invalid selectors.
func RawLinkInGated(html []byte, linkSelector string, gated []string) bool {
	if linkSelector == "" || len(gated) == 0 || strings.Contains(linkSelector, ">>>") {
		return false
	}
	doc := parseHTML(html)
	if doc == nil {
		return false
	}
	el := doc.Find(linkSelector).First()
	if el.Length() == 0 {
		return false
	}
	for _, g := range gated {
		if el.Closest(g).Length() > 0 {
			return true
		}
	}
	return false
}
