package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mentions reports whether text mentions target as plain text (signal
// mention_unlinked): the target's host without "www." appears as a whole
// word, case-insensitively, in its punycode or its Unicode form. "shop.example"
// is mentioned by "visit shop.example today", "www.shop.example",
// "SHOP.EXAMPLE." and "shop.example/product", but not by "myshop.example.org"
// or "blog.shop.example". A mention of the full URL without its scheme always
// contains such a host mention, so it is covered too.
//
// As in Site, the host of an IP, "localhost" or single-label target must be
// followed by its port when the target has a non-default one
// ("127.0.0.1:8080"). Mentions is false when target is not a URL that Check
// accepts.
func Mentions(text, target string) bool {
	p, err := parse(target)
	if err != nil {
		return false
	}
	host := looseHost(p.host, p.ip)
	if host == "" {
		return false
	}
	needles := []string{host}
	if !p.ip && strings.Contains(host, "xn--") {
		if u, err := idnaProfile().ToUnicode(host); err == nil && u != host {
			needles = append(needles, strings.ToLower(u))
		}
	}
	if (p.ip || !strings.Contains(host, ".")) && p.port != "" && !isDefaultPort(p.port, p.scheme, Loose) {
		for i := range needles {
			needles[i] += ":" + p.port
		}
	}
	lower := strings.ToLower(text)
	for _, n := range needles {
		if containsWord(lower, n) {
			return true
		}
	}
	return false
}

// containsWord reports whether needle occurs in text as a whole host name:
// not preceded by a name character or a dot (except in a "www." prefix), and
// not followed by a name character or by a dot that continues the name.
func containsWord(text, needle string) bool {
	for from := 0; from <= len(text)-len(needle); {
		i := strings.Index(text[from:], needle)
		if i < 0 {
			return false
		}
		i += from
		if leftBoundary(text[:i]) && rightBoundary(text[i+len(needle):]) {
			return true
		}
		from = i + 1
	}
	return false
}

// isNameRune reports whether r can be part of a host name in running text.
func isNameRune(r rune) bool {
	return r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func leftBoundary(before string) bool {
	if rest, ok := strings.CutSuffix(before, "www."); ok {
		before = rest
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || r != '.' && !isNameRune(r)
}

func rightBoundary(after string) bool {
	r, n := utf8.DecodeRuneInString(after)
	if after == "" {
		return true
	}
	if r == '.' {
		next, _ := utf8.DecodeRuneInString(after[n:])
		return after[n:] == "" || !isNameRune(next)
	}
	return !isNameRune(r)
}
