package fetch

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

const (
	// metaScanLimit is how much of a decoded body is searched for a refresh.
	metaScanLimit = 64 << 10
	// maxRefreshDelay is the longest meta refresh delay followed as a
	// redirect, in seconds.
	maxRefreshDelay = 30
)

// metaRefresh returns the destination of the first <meta http-equiv=refresh>
// in the head of an HTML body (UTF-8), resolved against page (or an earlier
// <base href>). It returns nil when there is none, when its delay is over
// maxRefreshDelay seconds, when it reloads the same page, or when it leads to
// something other than http(s).
func metaRefresh(body []byte, page *url.URL) *url.URL {
	base := page
	baseSet := false
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), metaScanLimit)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return nil
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := tagAttrs(z, hasAttr)
			switch string(name) {
			case "body":
				return nil
			case "base":
				if href, ok := attrs["href"]; ok && !baseSet {
					baseSet = true
					if u, err := page.Parse(strings.TrimSpace(href)); err == nil {
						base = u
					}
				}
			case "meta":
				content, ok := attrs["content"]
				if !ok || !strings.EqualFold(strings.TrimSpace(attrs["http-equiv"]), "refresh") {
					continue
				}
				delay, target, ok := parseRefresh(content)
				if !ok {
					continue // an unparsable refresh is ignored, as browsers do
				}
				return refreshTarget(delay, target, base, page)
			}
		}
	}
}

// tagAttrs returns the attributes of the current tag; the first of a
// repeated name wins.
func tagAttrs(z *html.Tokenizer, hasAttr bool) map[string]string {
	attrs := make(map[string]string)
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		if _, dup := attrs[string(key)]; !dup {
			attrs[string(key)] = string(val)
		}
	}
	return attrs
}

// refreshTarget resolves a parsed refresh and decides whether it is a hop.
func refreshTarget(delay int, target string, base, page *url.URL) *url.URL {
	if delay > maxRefreshDelay || target == "" {
		return nil
	}
	u, err := base.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	if withoutFragment(u) == withoutFragment(page) {
		return nil
	}
	return u
}

// withoutFragment returns u as a string without its fragment.
func withoutFragment(u *url.URL) string {
	v := *u
	v.Fragment, v.RawFragment = "", ""
	return v.String()
}

// parseRefresh parses the content of a meta refresh following the HTML
// standard's "shared declarative refresh steps": a delay in seconds
// (fractions ignored), then optionally a separator and a URL, possibly
// written `url=...` and quoted. target is "" when the page refreshes itself.
// Delays too large for an int are reported as a very large delay.
func parseRefresh(content string) (delay int, target string, ok bool) {
	s := strings.TrimLeft(content, asciiSpace)
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	if digits == 0 && !strings.HasPrefix(s, ".") {
		return 0, "", false
	}
	delay, err := strconv.Atoi(s[:digits])
	if err != nil {
		delay = int(^uint(0) >> 1)
		if digits == 0 {
			delay = 0
		}
	}
	s = strings.TrimLeft(s[digits:], "0123456789.")
	if s == "" {
		return delay, "", true
	}
	if !strings.ContainsRune(";,"+asciiSpace, rune(s[0])) {
		return 0, "", false
	}
	s = strings.TrimLeft(s, asciiSpace)
	if s != "" && (s[0] == ';' || s[0] == ',') {
		s = strings.TrimLeft(s[1:], asciiSpace)
	}
	s = skipURLLabel(s)
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		quote := s[0]
		s = s[1:]
		if i := strings.IndexByte(s, quote); i >= 0 {
			s = s[:i]
		}
	}
	return delay, strings.Trim(s, asciiSpace), true
}

// skipURLLabel consumes a leading `url =` (any case), as far as it matches,
// the way the HTML standard does.
func skipURLLabel(s string) string {
	for _, c := range []byte("url") {
		if s == "" || (s[0]|0x20) != c {
			return s
		}
		s = s[1:]
	}
	s = strings.TrimLeft(s, asciiSpace)
	if s == "" || s[0] != '=' {
		return s
	}
	return strings.TrimLeft(s[1:], asciiSpace)
}

// asciiSpace is the HTML standard's ASCII whitespace.
const asciiSpace = "\t\n\f\r "
