package match

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Check reports whether raw is an absolute http(s) URL with a valid host that
// Key can compare in both modes. The error says why not ("missing scheme",
// "scheme ftp is not http(s)", "missing host", "invalid URL: ..."); callers
// turn it into the invalid_input verdict (SPEC §2 rule 1).
//
// Like a browser's address bar, Check ignores surrounding whitespace and
// control characters and any tab or newline inside raw.
func Check(raw string) error {
	p, err := parse(raw)
	if err != nil {
		return err
	}
	_, err = p.looseKey()
	return err
}

// parseAbs cleans raw like a browser (see clean) and parses it as an absolute
// http(s) URL with a non-empty host. It also reports whether raw carries a
// fragment delimiter, which url.URL does not record when the fragment is
// empty.
func parseAbs(raw string) (u *url.URL, hasFragment bool, err error) {
	s := clean(raw)
	if s == "" {
		return nil, false, errors.New("empty URL")
	}
	u, err = url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, false, fmt.Errorf("invalid URL: %w", err)
	}
	if u.Scheme == "" {
		return nil, false, errors.New("missing scheme")
	}
	if !isHTTP(u.Scheme) {
		// "example.com:8080/x" parses as scheme "example.com": it is a
		// host and port without a scheme, not a foreign scheme.
		if u.Opaque != "" && u.Opaque[0] >= '0' && u.Opaque[0] <= '9' {
			return nil, false, errors.New("missing scheme")
		}
		return nil, false, fmt.Errorf("scheme %s is not http(s)", u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, false, errors.New("missing host")
	}
	return u, strings.Contains(s, "#"), nil
}

// isHTTP reports whether scheme (already lower-cased) is http or https.
func isHTTP(scheme string) bool {
	return scheme == "http" || scheme == "https"
}

// clean prepares a URL string the way the WHATWG URL parser does before
// parsing: leading and trailing C0 controls and spaces are trimmed, and every
// tab, line feed and carriage return is removed. It goes on where net/url is
// stricter than browsers: any other control byte is percent-encoded, and a
// "%" that does not start a valid escape becomes "%25" (a literal percent
// sign, which is what a server receives for "50%-off").
func clean(raw string) string {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
		case c < ' ' || c == 0x7f:
			writeEscaped(&b, c)
		case c == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])):
			b.WriteString("%25")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
