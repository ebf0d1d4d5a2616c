package report

import (
	"net/url"
	"strings"
)

// webURL returns s when it is an absolute http(s) URL with a host, the only kind of page URL
// the report links to; otherwise "" (the URL is then shown as text only).
func webURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return ""
	}
	if !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return ""
	}
	return s
}

// evidenceHref turns an evidence path (relative to the output directory, where report.html
// sits) into a relative URL reference with every segment percent-encoded. It returns "" for
// a path it will not link: empty, absolute, with a scheme or drive letter (any colon), with a
// backslash (browsers read it as a slash, so "\\host" would leave the directory), with ".."
// anywhere, or with control characters.
func evidenceHref(p string) string {
	if p == "" || p[0] == '/' || strings.ContainsAny(p, ":\\") || strings.Contains(p, "..") {
		return ""
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if strings.ContainsFunc(s, isControl) {
			return ""
		}
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
