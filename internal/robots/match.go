package robots

import "strings"

// A rule is one Allow or Disallow line, compiled for matching.
type rule struct {
	allow bool
	// length is the length of the pattern as written in the file; the
	// longest matching pattern decides (RFC 9309 §2.2.2).
	length int
	// segs are the pattern's canonical literal parts between "*" wildcards;
	// segs[0] must be a prefix of the path. It always has at least one
	// element.
	segs []string
	// anchored is set when the pattern ends in "$" (RFC 9309 §2.2.3).
	anchored bool
	// line is the rule as reported to callers, e.g. "Disallow: /private".
	line string
	// seq is the rule's position in the file, the last tie-breaker.
	seq int
}

// compileRule compiles a non-empty pattern value.
func compileRule(allow bool, value string, seq int) rule {
	r := rule{allow: allow, length: len(value), seq: seq}
	if allow {
		r.line = "Allow: " + value
	} else {
		r.line = "Disallow: " + value
	}
	p := value
	if strings.HasSuffix(p, "$") {
		r.anchored = true
		p = p[:len(p)-1]
	}
	parts := strings.Split(p, "*")
	r.segs = make([]string, 0, len(parts))
	for i, part := range parts {
		// Consecutive wildcards are one wildcard; keep the first segment
		// (the prefix) and the last one (the anchored suffix) even if empty.
		if part == "" && i != 0 && i != len(parts)-1 {
			continue
		}
		r.segs = append(r.segs, canonical(part))
	}
	return r
}

// match reports whether the canonical path p matches the rule.
// Each literal segment is placed at its leftmost possible position, which is
// optimal for patterns whose only metacharacter is "*", so matching is linear
// in len(p) per segment and never backtracks.
func (r *rule) match(p string) bool {
	if !strings.HasPrefix(p, r.segs[0]) {
		return false
	}
	last := len(r.segs) - 1
	if last == 0 {
		return !r.anchored || len(p) == len(r.segs[0])
	}
	pos := len(r.segs[0])
	for _, s := range r.segs[1:last] {
		j := strings.Index(p[pos:], s)
		if j < 0 {
			return false
		}
		pos += j + len(s)
	}
	tail := r.segs[last]
	if r.anchored {
		return len(p)-pos >= len(tail) && strings.HasSuffix(p, tail)
	}
	return strings.Contains(p[pos:], tail)
}

// canonical returns s in the form used for comparison (RFC 9309 §2.2.2 and
// RFC 3986 §6.2.2): percent-encoded unreserved characters are decoded, other
// percent-encodings get upper-case hex digits, and octets that may not
// appear literally in a URI (non-ASCII, controls, space, a "%" that starts no
// escape ...) are percent-encoded. Reserved characters keep their form, so
// "/a%2Fb" and "/a/b" stay different, except "*" and "$": they are always
// encoded, because a robots.txt pattern can only name them literally as
// "%2A" and "%24" (RFC 9309 §2.2.3).
func canonical(s string) string {
	if isCanonical(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				writeEscaped(&b, v)
			}
			i += 2
		case keepsLiteral(c):
			b.WriteByte(c)
		default:
			writeEscaped(&b, c)
		}
	}
	return b.String()
}

// isCanonical reports whether canonical(s) == s, so the common case of an
// already clean path costs no allocation.
func isCanonical(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 >= len(s) || !isUpperHex(s[i+1]) || !isUpperHex(s[i+2]) {
				return false
			}
			if isUnreserved(unhex(s[i+1])<<4 | unhex(s[i+2])) {
				return false
			}
			i += 2
			continue
		}
		if !keepsLiteral(c) {
			return false
		}
	}
	return true
}

func writeEscaped(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

// keepsLiteral reports whether c stays as is in canonical form: unreserved
// and reserved characters of RFC 3986, except "*" and "$".
func keepsLiteral(c byte) bool {
	if isUnreserved(c) {
		return true
	}
	switch c {
	case ':', '/', '?', '#', '[', ']', '@', '!', '&', '\'', '(', ')', '+', ',', ';', '=':
		return true
	}
	return false
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isUpperHex(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
