package match

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Key returns the comparison key of the absolute http(s) URL raw under mode;
// two URLs match iff their keys are equal (SPEC §3).
//
// Exact applies RFC 3986 syntax-based normalization only: scheme and host
// lower-cased (Unicode hosts in punycode), the scheme's default port dropped,
// an empty path made "/", dot segments removed, percent-encoding normalized
// (see the package doc). Userinfo, "www.", a trailing slash or dot, the query
// (with "?" alone kept) and the fragment (with "#" alone kept) are significant.
//
// Loose also ignores the scheme, userinfo, a leading "www.", trailing dots of
// the host, ports 80 and 443 for either scheme, the fragment, one trailing
// slash of the path, empty query parameters ("?" alone is no query) and the
// order of query parameters, and treats "+" and "%20" in the query as equal.
//
// A key has the shape of a URL (loose keys always say "http://") but is meant
// for comparison only, not for fetching. Key(Key(u, m), m) == Key(u, m).
func Key(raw string, mode Mode) (string, error) {
	if mode != Loose && mode != Exact {
		return "", fmt.Errorf("invalid match mode %d", int(mode))
	}
	p, err := parse(raw)
	if err != nil {
		return "", err
	}
	if mode == Exact {
		return p.exactKey(), nil
	}
	return p.looseKey()
}

// Same reports whether a and b match under mode. It is false when either is
// not a URL Key accepts.
func Same(a, b string, mode Mode) bool {
	ka, err := Key(a, mode)
	if err != nil {
		return false
	}
	kb, err := Key(b, mode)
	return err == nil && ka == kb
}

// SamePage reports whether a and b are "the same page" (SPEC §2 and §3):
// Same under Loose. A redirect between two such URLs gives the signal
// redirect_normalized rather than the verdict redirected.
func SamePage(a, b string) bool {
	return Same(a, b, Loose)
}

// parts is a URL after exact normalization, one field per component.
type parts struct {
	scheme      string
	user        string // normalized userinfo, without "@"; "" when absent or empty
	host        string // see normalizeHost
	ip          bool
	port        string // decimal without leading zeros; "" when absent or the scheme's default
	path        string // never empty
	query       string
	hasQuery    bool
	fragment    string
	hasFragment bool
}

// parse parses raw (see parseAbs) and normalizes it exactly.
func parse(raw string) (parts, error) {
	u, hasFragment, err := parseAbs(raw)
	if err != nil {
		return parts{}, err
	}
	return normalize(u, hasFragment)
}

// normalize applies exact normalization to an absolute http(s) URL with a
// host.
func normalize(u *url.URL, hasFragment bool) (parts, error) {
	p := parts{scheme: u.Scheme, hasFragment: hasFragment}
	var err error
	if p.host, p.ip, err = normalizeHost(u); err != nil {
		return parts{}, err
	}
	if port := u.Port(); port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n > 65535 {
			return parts{}, fmt.Errorf("invalid URL: port %s out of range", port)
		}
		if p.port = strconv.Itoa(n); isDefaultPort(p.port, p.scheme, Exact) {
			p.port = ""
		}
	}
	if u.User != nil {
		p.user = normalizePercent(u.User.String(), userinfoChar)
	}
	// RawPath (RawFragment) is the path as written whenever it differs from
	// what net/url would write; only the written form keeps "%2F" apart
	// from "/".
	path := u.RawPath
	if path == "" {
		path = u.EscapedPath()
	}
	if p.path = removeDotSegments(normalizePercent(path, pathChar)); p.path == "" {
		p.path = "/"
	}
	p.hasQuery = u.ForceQuery || u.RawQuery != ""
	p.query = normalizePercent(u.RawQuery, queryChar)
	frag := u.RawFragment
	if frag == "" {
		frag = u.EscapedFragment()
	}
	p.fragment = normalizePercent(frag, queryChar)
	return p, nil
}

// authority writes host and, if non-empty, ":" port.
func authority(b *strings.Builder, host, port string) {
	b.WriteString(host)
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
}

func (p parts) exactKey() string {
	var b strings.Builder
	b.WriteString(p.scheme)
	b.WriteString("://")
	if p.user != "" {
		b.WriteString(p.user)
		b.WriteByte('@')
	}
	authority(&b, p.host, p.port)
	b.WriteString(p.path)
	if p.hasQuery {
		b.WriteByte('?')
		b.WriteString(p.query)
	}
	if p.hasFragment {
		b.WriteByte('#')
		b.WriteString(p.fragment)
	}
	return b.String()
}

// looseKey derives the loose key from the exact parts only, so that equal
// exact keys always give equal loose keys.
func (p parts) looseKey() (string, error) {
	host := looseHost(p.host, p.ip)
	if host == "" {
		return "", errors.New("missing host")
	}
	port := p.port
	if isDefaultPort(port, p.scheme, Loose) {
		port = ""
	}
	var b strings.Builder
	b.WriteString("http://")
	authority(&b, host, port)
	b.WriteString(loosePath(p.path))
	if q := looseQuery(p.query); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// loosePath drops one trailing slash: "/a/" and "/a" give "/a". "/a//" keeps
// its slashes (it is "/a/" with one trailing slash ignored, a different page
// from "/a"), and so does the root "/".
func loosePath(path string) string {
	n := len(path)
	if n > 1 && path[n-1] == '/' && path[n-2] != '/' {
		return path[:n-1]
	}
	return path
}

// looseQuery returns the query with "+" read as a space ("%20"), empty
// parameters dropped and the parameters sorted by name, then value, then as
// written ("a" before "a="), so that their order does not matter.
func looseQuery(query string) string {
	if query == "" {
		return ""
	}
	query = strings.ReplaceAll(query, "+", "%20")
	params := slices.DeleteFunc(strings.Split(query, "&"), func(s string) bool { return s == "" })
	slices.SortFunc(params, func(a, b string) int {
		ak, av, _ := strings.Cut(a, "=")
		bk, bv, _ := strings.Cut(b, "=")
		return cmp.Or(strings.Compare(ak, bk), strings.Compare(av, bv), strings.Compare(a, b))
	})
	return strings.Join(params, "&")
}
