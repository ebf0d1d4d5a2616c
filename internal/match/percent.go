package match

import "strings"

// charClass tells which bytes a URL component may hold literally.
type charClass func(c byte) bool

// isUnreserved reports whether c is an RFC 3986 unreserved character: the
// only characters whose percent-encoded form is equivalent to the literal.
func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// isSubDelim reports whether c is an RFC 3986 sub-delimiter.
func isSubDelim(c byte) bool {
	return strings.IndexByte("!$&'()*+,;=", c) >= 0
}

// pathChar: pchar and "/".
func pathChar(c byte) bool {
	return isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' || c == '/'
}

// queryChar: pchar, "/" and "?"; also used for the fragment.
func queryChar(c byte) bool {
	return pathChar(c) || c == '?'
}

// userinfoChar: unreserved, sub-delims and ":".
func userinfoChar(c byte) bool {
	return isUnreserved(c) || isSubDelim(c) || c == ':'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func writeEscaped(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

// normalizePercent applies RFC 3986 §6.2.2.1-2 to one component: escapes of
// unreserved characters are decoded ("%7E" -> "~"), other escapes get
// upper-case hex ("%c3%a9" -> "%C3%A9"), and bytes the component may not hold
// literally (space, non-ASCII, "<", ...) are encoded, so "é" becomes
// "%C3%A9" too. Escapes of reserved characters stay escaped: "%2F" is not "/".
// A "%" that starts no valid escape is encoded as "%25".
func normalizePercent(s string, allowed charClass) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(d) {
				b.WriteByte(d)
			} else {
				writeEscaped(&b, d)
			}
			i += 2
		case c != '%' && allowed(c):
			b.WriteByte(c)
		default:
			writeEscaped(&b, c)
		}
	}
	return b.String()
}

// encodeInvalid percent-encodes the bytes that allowed rejects, leaving "%"
// and everything else as written. Resolve uses it so that net/url keeps the
// original escaping of an href (it drops RawPath, and with it the difference
// between "%2F" and "/", as soon as the path holds a space).
func encodeInvalid(s string, allowed charClass) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' || allowed(c) {
			b.WriteByte(c)
		} else {
			writeEscaped(&b, c)
		}
	}
	return b.String()
}

// removeDotSegments implements RFC 3986 §5.2.4 for an absolute path (or an
// empty one): "/a/./b/../c" -> "/a/c", "/a/.." -> "/a/", "/.." -> "/".
func removeDotSegments(path string) string {
	if path == "" {
		return ""
	}
	rest := strings.TrimPrefix(path, "/")
	segs := strings.Split(rest, "/")
	out := make([]string, 0, len(segs))
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	return "/" + strings.Join(out, "/")
}
