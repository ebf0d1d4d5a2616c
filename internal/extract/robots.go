package extract

import (
	"strings"
)

// robotsKey is the robots meta name, and the key of directives that apply to
// every crawler.
const robotsKey = "robots"

// isRobotsMetaName reports whether a lower-cased meta name carries robots
// directives: "robots" or a crawler's name ("googlebot", "bingbot",
// "googlebot-news", "yandex", ...).
func isRobotsMetaName(name string) bool {
	switch name {
	case robotsKey, "yandex", "slurp", "baiduspider", "teoma":
		return true
	}
	return strings.Contains(name, "bot")
}

// isValuedDirective reports whether a lower-cased directive name takes a
// value after a colon, so that "name: value" is a directive and not a
// crawler prefix.
func isValuedDirective(name string) bool {
	switch name {
	case "max-snippet", "max-image-preview", "max-video-preview", "unavailable_after":
		return true
	}
	return false
}

// isAgentName reports whether a lower-cased word before a colon in an
// X-Robots-Tag value names a crawler.
func isAgentName(name string) bool {
	if name == "" || isValuedDirective(name) || !('a' <= name[0] && name[0] <= 'z') {
		return false
	}
	return !strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' })
}

// addDirectives parses one comma-separated directive list into m under key.
// Tokens are lower-cased and de-duplicated; "none" and "all" are expanded;
// "name: value" directives keep their value as "name:value", except
// unavailable_after, which is dropped with its date. When agents is true
// (X-Robots-Tag), a "crawler:" prefix switches the key for the rest of the
// list. Whitespace also separates plain tokens ("noindex nofollow").
func addDirectives(m map[string][]string, key, list string, agents bool) {
	inDate := false
	for _, tok := range strings.Split(list, ",") {
		t := strings.ToLower(strings.TrimSpace(tok))
		if agents {
			if name, rest, ok := strings.Cut(t, ":"); ok && isAgentName(strings.TrimSpace(name)) {
				key = strings.TrimSpace(name)
				t = strings.TrimSpace(rest)
			}
		}
		if t == "" {
			continue
		}
		if name, value, ok := strings.Cut(t, ":"); ok && isValuedDirective(strings.TrimSpace(name)) {
			name = strings.TrimSpace(name)
			inDate = name == "unavailable_after"
			if !inDate {
				addToken(m, key, name+":"+strings.TrimSpace(value))
			}
			continue
		}
		if inDate && '0' <= t[0] && t[0] <= '9' {
			// The rest of an RFC 850 date ("Friday, 25-Jun-10 15:00:00 PST").
			continue
		}
		inDate = false
		for _, f := range strings.Fields(t) {
			switch f {
			case "none":
				addToken(m, key, "noindex")
				addToken(m, key, "nofollow")
			case "all":
				addToken(m, key, "index")
				addToken(m, key, "follow")
			default:
				addToken(m, key, f)
			}
		}
	}
}

// addToken appends tok to m[key] unless it is there already.
func addToken(m map[string][]string, key, tok string) {
	for _, t := range m[key] {
		if t == tok {
			return
		}
	}
	m[key] = append(m[key], tok)
}

// RobotsFromHeader parses X-Robots-Tag header values ("noindex",
// "googlebot: noindex, nofollow", "none", "max-snippet: 20", ...) into the
// shape of Page.Robots: unprefixed directives under "robots", prefixed ones
// under the lower-cased crawler name. unavailable_after is ignored. The map
// is never nil.
func RobotsFromHeader(values []string) map[string][]string {
	m := make(map[string][]string)
	for _, v := range values {
		addDirectives(m, robotsKey, v, true)
	}
	return m
}
