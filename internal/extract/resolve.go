package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// cleanURL prepares an attribute value for URL parsing as browsers do:
// leading and trailing C0 controls and spaces are stripped, and tabs and
// newlines anywhere are removed.
func cleanURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// splitScheme returns the scheme of s (RFC 3986 syntax) and the rest after
// the colon; ok is false when s has no scheme.
func splitScheme(s string) (scheme, rest string, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return "", s, false
			}
		case c == ':':
			if i == 0 {
				return "", s, false
			}
			return s[:i], s[i+1:], true
		default:
			return "", s, false
		}
	}
	return "", s, false
}

// isSpecial reports whether scheme (lower case) is one that browsers parse
// with the rules of http: backslashes are slashes.
func isSpecial(scheme string) bool {
	switch scheme {
	case "http", "https", "ftp", "ws", "wss":
		return true
	}
	return false
}

// isJavaScriptURL reports whether the cleaned URL s uses the javascript: scheme.
func isJavaScriptURL(s string) bool {
	return hasPrefixFold(s, "javascript:")
}

// resolve resolves the URL written as raw against base (nil for none) the
// way a browser would for http(s) documents and returns it when it is an
// absolute http or https URL with a host.
func resolve(base *url.URL, raw string) (string, bool) {
	u, ok := resolveAny(base, raw)
	if !ok || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", false
	}
	// net/url leaves the query as written; browsers percent-encode it.
	u.RawQuery = escapeQuery(u.RawQuery)
	s := u.String()
	if !utf8.ValidString(s) {
		return "", false // invalid UTF-8 in the host: no browser would go there
	}
	return s, true
}

// escapeQuery percent-encodes the bytes of a query that browsers encode:
// controls, space, '"', '<', '>', and non-ASCII bytes.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	if !strings.ContainsFunc(q, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == '"' || r == '<' || r == '>' }) {
		return q
	}
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// resolveAny resolves raw against base (nil for none) and returns the
// result when it is an absolute URL of any scheme.
func resolveAny(base *url.URL, raw string) (*url.URL, bool) {
	s := cleanURL(raw)
	scheme, rest, hasScheme := splitScheme(s)
	special := base != nil && isSpecial(base.Scheme)
	if hasScheme {
		scheme = strings.ToLower(scheme)
		special = isSpecial(scheme)
		if special {
			rest = backslashToSlash(rest)
			switch {
			case strings.HasPrefix(rest, "//"):
				s = scheme + ":" + rest
			case base != nil && base.Scheme == scheme:
				// "http:foo" relative to an http base is a relative reference.
				s = rest
				hasScheme = false
			default:
				// "http:foo" elsewhere names the host foo.
				s = scheme + "://" + strings.TrimLeft(rest, "/")
			}
		}
	} else if special {
		s = backslashToSlash(s)
	}
	u, err := url.Parse(s)
	if err != nil {
		if u, err = url.Parse(escapeLoose(s)); err != nil {
			return nil, false
		}
	}
	if base != nil && !hasScheme {
		hasFragment := strings.Contains(s, "#")
		u = base.ResolveReference(u)
		if !hasFragment {
			// net/url keeps the base's fragment for an empty reference;
			// browsers do not.
			u.Fragment, u.RawFragment = "", ""
		}
	}
	return u, u.IsAbs()
}

// backslashToSlash turns backslashes into slashes before any query or
// fragment, as browsers do for http(s) URLs.
func backslashToSlash(s string) string {
	end := strings.IndexAny(s, "?#")
	if end < 0 {
		end = len(s)
	}
	if !strings.Contains(s[:end], `\`) {
		return s
	}
	return strings.ReplaceAll(s[:end], `\`, "/") + s[end:]
}

// escapeLoose percent-encodes what browsers accept in a URL but net/url
// rejects: controls, spaces, and '%' not followed by two hex digits.
func escapeLoose(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' || c == '}' || c == '|' || c == '^':
		case c == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])):
		default:
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
