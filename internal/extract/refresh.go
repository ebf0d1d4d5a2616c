package extract

import (
	"math"
	"strings"
)

// parseRefresh parses the content of a meta refresh following the HTML
// "shared declarative refresh steps": a delay ("5", "0.5"), then an optional
// ';' or ',', then an optional "url=", then the URL, optionally quoted. ok
// is false when the content is invalid; rawURL is empty when it names none.
func parseRefresh(content string) (delay int, rawURL string, ok bool) {
	s := content
	i := skipASCIISpace(s, 0)
	start := i
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		if delay <= (math.MaxInt32-9)/10 {
			delay = delay*10 + int(s[i]-'0')
		} else {
			delay = math.MaxInt32
		}
		i++
	}
	if i == start && (i == len(s) || s[i] != '.') {
		return 0, "", false
	}
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == len(s) {
		return delay, "", true
	}
	if !isASCIISpace(s[i]) && s[i] != ';' && s[i] != ',' {
		return 0, "", false
	}
	i = skipASCIISpace(s, i)
	if i < len(s) && (s[i] == ';' || s[i] == ',') {
		i = skipASCIISpace(s, i+1)
	}
	urlStart := i
	if hasPrefixFold(s[i:], "url") {
		j := skipASCIISpace(s, i+3)
		if j < len(s) && s[j] == '=' {
			i = skipASCIISpace(s, j+1)
		} else {
			i = urlStart
		}
	}
	u := s[i:]
	if u != "" && (u[0] == '"' || u[0] == '\'') {
		if end := strings.IndexByte(u[1:], u[0]); end >= 0 {
			u = u[1 : 1+end]
		} else {
			u = u[1:]
		}
	}
	return delay, trimASCII(u), true
}

// skipASCIISpace returns the index of the first non-whitespace byte of s at
// or after i.
func skipASCIISpace(s string, i int) int {
	for i < len(s) && isASCIISpace(s[i]) {
		i++
	}
	return i
}
