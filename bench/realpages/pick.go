package realpages

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

type node = html.Node

// Link is the known link of a page.
type Link struct {
	Href  string // as written
	URL   string // resolved against the page (and its <base href>)
	Text  string
	Where string // "content paragraph", "content", "body" or "page": how good the pick is
}

// places, best first.
var places = []string{"content paragraph", "content", "body", "page"}

// parseHTML parses a page in whatever encoding it declares (meta charset, BOM; else UTF-8).
func parseHTML(body []byte) (*html.Node, error) {
	r, err := charset.NewReader(bytes.NewReader(body), "text/html")
	if err != nil {
		return nil, fmt.Errorf("realpages: decoding: %w", err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("realpages: parsing: %w", err)
	}
	return doc, nil
}

// walk visits n and its descendants in document order until f returns false.
func walk(n *node, f func(*node) bool) bool {
	if n.Type == html.ElementNode && !f(n) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !walk(c, f) {
			return false
		}
	}
	return true
}

func attr(n *node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// Words of class and id values that mark the page's content, or its chrome (navigation,
// banners, widgets), whose links are not what a backlink is.
var (
	contentWords = map[string]bool{"article": true, "content": true, "entry": true, "post": true, "story": true, "text": true, "body": true, "main": true}
	chromeWords  = map[string]bool{
		"nav": true, "navbar": true, "navigation": true, "menu": true, "footer": true, "header": true,
		"sidebar": true, "breadcrumb": true, "breadcrumbs": true, "cookie": true, "cookies": true,
		"consent": true, "share": true, "sharing": true, "social": true, "related": true,
		"comment": true, "comments": true, "widget": true, "banner": true, "newsletter": true,
		"subscribe": true, "login": true, "promo": true, "ad": true, "ads": true, "advert": true,
		"skip": true, "author": true, "byline": true, "tags": true, "teaser": true, "paywall": true,
	}
	chromeTags = map[string]bool{"nav": true, "header": true, "footer": true, "aside": true, "form": true, "button": true}
	skipTags   = map[string]bool{"script": true, "style": true, "template": true, "noscript": true, "iframe": true, "svg": true, "select": true}
)

// marks reports whether an element's class or id says content or chrome.
func marks(n *node) (content, chrome bool) {
	words := strings.FieldsFunc(strings.ToLower(attr(n, "class")+" "+attr(n, "id")), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n'
	})
	for _, w := range words {
		content = content || contentWords[w]
		chrome = chrome || chromeWords[w]
	}
	return content, chrome
}

// Pick chooses a link of the page at pageURL that a link checker must find in its raw HTML:
// an <a href> to an http(s) URL other than the page itself, with text, outside navigation and
// widgets, preferably in a paragraph of the article. It returns false when the page has none.
func Pick(body []byte, pageURL *url.URL) (Link, bool) {
	doc, err := parseHTML(body)
	if err != nil {
		return Link{}, false
	}
	base := pageURL
	walk(doc, func(n *node) bool {
		if n.Data == "base" && attr(n, "href") != "" {
			if u, err := pageURL.Parse(strings.TrimSpace(attr(n, "href"))); err == nil {
				base = u
			}
			return false
		}
		return true
	})
	best := map[string]Link{}
	var visit func(n *node, content, chrome, para bool)
	visit = func(n *node, content, chrome, para bool) {
		if n.Type == html.ElementNode {
			if skipTags[n.Data] {
				return
			}
			if n.Data != "html" && n.Data != "body" {
				c, ch := marks(n)
				content = content || c || n.Data == "article" || n.Data == "main" || attr(n, "role") == "main"
				chrome = chrome || ch || chromeTags[n.Data] || attr(n, "role") == "navigation"
			}
			para = para || n.Data == "p"
			if n.Data == "a" {
				if l, ok := candidate(n, base, pageURL); ok {
					where := "page"
					switch {
					case content && para && !chrome:
						where = "content paragraph"
					case content && !chrome:
						where = "content"
					case !chrome:
						where = "body"
					}
					l.Where = where
					if _, ok := best[where]; !ok {
						best[where] = l
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, content, chrome, para)
		}
	}
	visit(doc, false, false, false)
	for _, p := range places {
		if l, ok := best[p]; ok {
			return l, true
		}
	}
	return Link{}, false
}

// candidate returns the link of an <a> element when it can be the known link.
func candidate(n *node, base, page *url.URL) (Link, bool) {
	href := strings.TrimSpace(attr(n, "href"))
	low := strings.ToLower(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(low, "javascript:") ||
		strings.HasPrefix(low, "mailto:") || strings.HasPrefix(low, "tel:") || strings.HasPrefix(low, "data:") {
		return Link{}, false
	}
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Link{}, false
	}
	u.Fragment = ""
	if strings.EqualFold(u.Host, page.Host) && u.Path == page.Path {
		return Link{}, false // the page itself
	}
	text := strings.Join(strings.Fields(textOf(n)), " ")
	if len([]rune(text)) < 3 {
		return Link{}, false
	}
	return Link{Href: href, URL: u.String(), Text: text}, true
}

func textOf(n *node) string {
	var b strings.Builder
	var f func(*node)
	f = func(n *node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}
