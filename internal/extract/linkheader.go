package extract

import (
	"net/url"
	"slices"
	"strings"
)

// CanonicalsFromHeader parses HTTP Link header values (RFC 8288: several
// links per value, quoted parameters, rel lists such as rel="canonical next",
// any case) and returns the canonical targets resolved against base, in
// order, keeping absolute http(s) URLs only.
func CanonicalsFromHeader(values []string, base string) []string {
	var b *url.URL
	if u, err := url.Parse(strings.TrimSpace(base)); err == nil && u.IsAbs() {
		b = u
	}
	var out []string
	for _, v := range values {
		for _, l := range parseLinkHeader(v) {
			if !slices.Contains(l.rel, "canonical") {
				continue
			}
			if h, ok := resolve(b, l.target); ok {
				out = append(out, h)
			}
		}
	}
	return out
}

// headerLink is one link-value of a Link header.
type headerLink struct {
	target string
	rel    []string // lower-cased tokens of the first rel parameter
}

// parseLinkHeader parses one Link header field value. A malformed link-value
// is skipped up to the next comma outside quotes and angle brackets.
func parseLinkHeader(v string) []headerLink {
	var links []headerLink
	i := 0
	for i < len(v) {
		i = skipOWS(v, i)
		if i < len(v) && v[i] == ',' {
			i++
			continue
		}
		if i >= len(v) {
			break
		}
		if v[i] != '<' {
			i = skipToComma(v, i)
			continue
		}
		end := strings.IndexByte(v[i+1:], '>')
		if end < 0 {
			break
		}
		l := headerLink{target: v[i+1 : i+1+end]}
		i += end + 2
		seenRel := false
		for {
			i = skipOWS(v, i)
			if i >= len(v) || v[i] != ';' {
				break
			}
			i = skipOWS(v, i+1)
			start := i
			for i < len(v) && !strings.ContainsRune("=;, \t", rune(v[i])) {
				i++
			}
			name := strings.ToLower(v[start:i])
			var value string
			i = skipOWS(v, i)
			if i < len(v) && v[i] == '=' {
				value, i = readParamValue(v, skipOWS(v, i+1))
			}
			if name == "rel" && !seenRel {
				seenRel = true
				l.rel = asciiFields(strings.ToLower(value))
			}
		}
		links = append(links, l)
		if i < len(v) && v[i] != ',' {
			i = skipToComma(v, i)
		}
	}
	return links
}

// readParamValue reads a token or a quoted-string (with backslash escapes)
// at v[i:] and returns it and the index after it.
func readParamValue(v string, i int) (string, int) {
	if i < len(v) && v[i] == '"' {
		var b strings.Builder
		for i++; i < len(v); i++ {
			switch v[i] {
			case '\\':
				if i+1 < len(v) {
					i++
					b.WriteByte(v[i])
				}
			case '"':
				return b.String(), i + 1
			default:
				b.WriteByte(v[i])
			}
		}
		return b.String(), i
	}
	start := i
	for i < len(v) && !strings.ContainsRune(";, \t", rune(v[i])) {
		i++
	}
	return v[start:i], i
}

// skipOWS skips spaces and tabs.
func skipOWS(v string, i int) int {
	for i < len(v) && (v[i] == ' ' || v[i] == '\t') {
		i++
	}
	return i
}

// skipToComma returns the index of the next comma at v[i:] that is outside
// quotes and angle brackets, or len(v).
func skipToComma(v string, i int) int {
	quoted, angle := false, false
	for ; i < len(v); i++ {
		switch c := v[i]; {
		case quoted && c == '\\':
			i++
		case c == '"' && !angle:
			quoted = !quoted
		case c == '<' && !quoted:
			angle = true
		case c == '>' && !quoted:
			angle = false
		case c == ',' && !quoted && !angle:
			return i
		}
	}
	return len(v)
}
