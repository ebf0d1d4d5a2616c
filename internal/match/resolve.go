package match

import (
	"net/url"
	"strings"
)

// Resolve resolves href, the value of an href attribute as the HTML parser
// returns it (entities already decoded), against base, the page URL or the
// effective <base href> (itself resolved against the page URL with Resolve).
// It returns the absolute URL and true, or "" and false when the result is not
// an http(s) URL that Check accepts: mailto:, javascript:, tel:, data:, other
// schemes, an empty or blank href, or a relative href with an unusable base.
//
// Like a browser it trims leading and trailing whitespace and control
// characters, removes tabs and newlines anywhere, reads "\" as "/" before the
// query, percent-encodes characters that may not appear literally (spaces,
// non-ASCII, ...), removes dot segments, lower-cases the host, writes Unicode
// hosts in punycode, drops the scheme's default port and makes an empty path
// "/". The result is meant for reports and for Key; it keeps the fragment.
func Resolve(base, href string) (string, bool) {
	s := clean(href)
	if s == "" {
		return "", false
	}
	if scheme, ok := schemeOf(s); ok && !isHTTP(strings.ToLower(scheme)) {
		return "", false
	}
	ref, err := url.Parse(encodeHref(s))
	if err != nil {
		return "", false
	}
	var res *url.URL
	if b, _, err := parseAbs(base); err == nil {
		res = b.ResolveReference(ref)
	} else if ref.IsAbs() {
		// ResolveReference uses nothing of its receiver for an absolute
		// reference beyond removing dot segments.
		res = (&url.URL{}).ResolveReference(ref)
	} else {
		return "", false
	}
	if !isHTTP(res.Scheme) || res.Host == "" || res.Hostname() == "" {
		return "", false
	}
	p, err := normalize(res, false)
	if err != nil {
		return "", false
	}
	if _, err := p.looseKey(); err != nil {
		return "", false
	}
	var host strings.Builder
	authority(&host, p.host, p.port)
	res.Host = host.String()
	if res.Path == "" {
		res.Path, res.RawPath = "/", ""
	}
	return res.String(), true
}

// schemeOf returns the scheme of s if s starts with one (RFC 3986: a letter,
// then letters, digits, "+", "-" or ".", then ":").
func schemeOf(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return s[:i], true
		default:
			return "", false
		}
	}
	return "", false
}

// encodeHref rewrites a cleaned href the way a browser reads it for an http(s)
// URL: "\" before the query is "/", and bytes that the path, query or fragment
// may not hold literally are percent-encoded (the authority is left to
// net/url, which accepts Unicode host names).
func encodeHref(s string) string {
	end := strings.IndexAny(s, "?#")
	if end < 0 {
		end = len(s)
	}
	s = strings.ReplaceAll(s[:end], `\`, "/") + s[end:]

	// Find where the path starts: after "scheme:" and "//authority".
	start := 0
	if scheme, ok := schemeOf(s); ok {
		start = len(scheme) + 1
	}
	if strings.HasPrefix(s[start:], "//") {
		start += 2
		if i := strings.IndexAny(s[start:], "/?#"); i >= 0 {
			start += i
		} else {
			return s
		}
	}
	head, rest := s[:start], s[start:]
	rest, frag, hasFrag := strings.Cut(rest, "#")
	path, query, hasQuery := strings.Cut(rest, "?")
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(encodeInvalid(path, pathChar))
	if hasQuery {
		b.WriteByte('?')
		b.WriteString(encodeInvalid(query, queryChar))
	}
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(encodeInvalid(frag, queryChar))
	}
	return b.String()
}
