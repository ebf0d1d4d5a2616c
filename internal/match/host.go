package match

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// idnaProfile returns the UTS #46 profile browsers use for host names
// (WHATWG URL "domain to ASCII"): lookup mapping (case folding, width and
// compatibility mapping, NFC), non-transitional, Bidi and joiner checks, but
// no STD3 restriction (so "_" is allowed) and no hyphen or DNS length checks.
// Later options override the ones MapForLookup sets.
func idnaProfile() *idna.Profile {
	return idna.New(
		idna.MapForLookup(),
		idna.Transitional(false),
		idna.BidiRule(),
		idna.StrictDomainName(false),
		idna.CheckHyphens(false),
		idna.VerifyDNSLength(false),
	)
}

// normalizeHost returns the host of u in canonical form: an IPv6 literal in
// brackets and RFC 5952 form ("[2001:db8::1]"), or a lower-case ASCII name
// (Unicode labels converted to punycode). ip reports an IP literal (v4 or v6).
func normalizeHost(u *url.URL) (host string, ip bool, err error) {
	h := u.Hostname()
	if strings.HasPrefix(u.Host, "[") {
		addr, err := netip.ParseAddr(h)
		switch {
		case err != nil:
			return "", false, fmt.Errorf("invalid URL: invalid IPv6 host: %w", err)
		case addr.Zone() != "":
			return "", false, errors.New("invalid URL: IPv6 zone is not supported")
		case !addr.Is6():
			return "", false, fmt.Errorf("invalid URL: invalid IPv6 host %q", h)
		}
		return "[" + addr.String() + "]", true, nil
	}
	if h == "" {
		return "", false, errors.New("missing host")
	}
	if isASCII(h) {
		h = strings.ToLower(h)
	} else {
		a, err := idnaProfile().ToASCII(h)
		if err != nil {
			return "", false, fmt.Errorf("invalid URL: invalid international host name %q: %w", h, err)
		}
		h = strings.ToLower(a)
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !isUnreserved(c) && !isSubDelim(c) {
			return "", false, fmt.Errorf("invalid URL: invalid character %q in host %q", c, h)
		}
	}
	if addr, err := netip.ParseAddr(h); err == nil && addr.Is4() {
		return h, true, nil
	}
	return h, false, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// looseHost applies the loose host rules to a normalized host: trailing dots
// dropped ("shop.example." = "shop.example") and a leading "www." ignored.
// Only one "www." is ignored: "www.www.x" stays as it is, so that the result
// is a fixed point ("www.www.x" equals neither "www.x" nor "x").
func looseHost(host string, ip bool) string {
	if ip {
		return host
	}
	host = strings.TrimRight(host, ".")
	if rest, ok := strings.CutPrefix(host, "www."); ok && rest != "" && !strings.HasPrefix(rest, "www.") {
		host = rest
	}
	return host
}

// isDefaultPort reports whether port is the default port of scheme (exact)
// or of either http scheme (loose).
func isDefaultPort(port, scheme string, mode Mode) bool {
	if mode == Loose {
		return port == "80" || port == "443"
	}
	return scheme == "http" && port == "80" || scheme == "https" && port == "443"
}
