package robots

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
)

// MaxBytes is how much of a robots.txt body is parsed (RFC 9309 §2.5:
// 500 kibibytes). Anything after it is ignored.
const MaxBytes = 500 << 10

// Rules is a parsed robots.txt file. A nil *Rules allows everything. Rules is
// safe for concurrent use once built.
type Rules struct {
	// groups maps a lower-cased product token ("*" for the global group) to
	// its merged rules, sorted so that the first match is the winner.
	groups map[string][]rule
}

// Parse parses a robots.txt body. It never fails: lines it does not
// understand are ignored (RFC 9309 §2.2). Only the first MaxBytes are read;
// when the body is longer, the line cut by the limit is dropped too, so a
// truncated pattern never becomes a broader rule.
func Parse(body []byte) *Rules {
	if len(body) > MaxBytes {
		body = body[:MaxBytes]
		if i := bytes.LastIndexAny(body, "\r\n"); i >= 0 {
			body = body[:i]
		} else {
			body = nil
		}
	}
	body = bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))

	p := parser{groups: make(map[string][]rule)}
	for len(body) > 0 {
		line := body
		body = nil
		if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
			next := i + 1
			if line[i] == '\r' && next < len(line) && line[next] == '\n' {
				next++ // CRLF
			}
			line, body = line[:i], line[next:]
		}
		p.line(string(line))
	}
	for token, rules := range p.groups {
		// Longest pattern first; on equal length Allow first (RFC 9309
		// §2.2.2); otherwise file order, so the result is deterministic.
		slices.SortFunc(rules, func(a, b rule) int {
			if c := cmp.Compare(b.length, a.length); c != 0 {
				return c
			}
			if a.allow != b.allow {
				if a.allow {
					return -1
				}
				return 1
			}
			return cmp.Compare(a.seq, b.seq)
		})
		p.groups[token] = rules
	}
	return &Rules{groups: p.groups}
}

// parser holds the state of Parse between lines.
type parser struct {
	groups map[string][]rule
	// current lists the tokens the rules being read apply to.
	current []string
	// inRules is set once a rule line follows the current user-agent lines:
	// the next user-agent line then starts a new group (RFC 9309 §2.1).
	inRules bool
	// rules counts the rules read so far.
	rules int
}

func (p *parser) line(line string) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return
	}
	value = strings.TrimSpace(value)
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "user-agent":
		if p.inRules {
			p.current, p.inRules = nil, false
		}
		token := productToken(value)
		if _, seen := p.groups[token]; !seen {
			p.groups[token] = nil
		}
		if !slices.Contains(p.current, token) {
			p.current = append(p.current, token)
		}
	case "allow", "disallow":
		if p.current == nil {
			return // a rule outside any group
		}
		p.inRules = true
		if value == "" {
			return // an empty pattern is no rule (RFC 9309 §2.2.2)
		}
		r := compileRule(strings.EqualFold(strings.TrimSpace(key), "allow"), value, p.rules)
		p.rules++
		for _, token := range p.current {
			p.groups[token] = append(p.groups[token], r)
		}
	}
}

// productToken extracts the product token a User-agent value names:
// "*" for the global group, else its leading letters, "_" and "-" (RFC 9309
// §2.2.1), lower-cased, so "Googlebot/2.1" names "googlebot".
func productToken(value string) string {
	if value == "*" || strings.HasPrefix(value, "* ") || strings.HasPrefix(value, "*\t") {
		return "*"
	}
	end := 0
	for end < len(value) {
		c := value[end]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '-') {
			break
		}
		end++
	}
	return strings.ToLower(value[:end])
}

// Allowed reports whether the crawler with the given product token may fetch
// pathAndQuery (the URL's escaped path and query, e.g. "/a/b?c=d"), and the
// rule that decided, such as "Disallow: /private", or "" when no rule
// matched. A missing leading "/" is added. The group naming token
// (case-insensitive) is used, else the "*" group; /robots.txt itself is
// always allowed (RFC 9309 §2.2.2).
func (r *Rules) Allowed(token, pathAndQuery string) (allowed bool, rule string) {
	if r == nil {
		return true, ""
	}
	if !strings.HasPrefix(pathAndQuery, "/") {
		pathAndQuery = "/" + pathAndQuery
	}
	p := canonical(pathAndQuery)
	if path, _, _ := strings.Cut(p, "?"); path == "/robots.txt" {
		return true, ""
	}
	token = strings.ToLower(strings.TrimSpace(token))
	if token == "" {
		token = "*"
	}
	rules, ok := r.groups[token]
	if !ok {
		rules = r.groups["*"]
	}
	if len(rules) == 0 {
		return true, ""
	}
	for i := range rules {
		if rules[i].match(p) {
			return rules[i].allow, rules[i].line
		}
	}
	return true, ""
}
