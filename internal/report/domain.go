package report

import (
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// noDomain groups the rows whose source has no usable host.
const noDomain = "(no valid source)"

// referringDomain is the registrable domain (public suffix + 1, e.g. "example.co.uk" for
// "https://blog.example.co.uk/x") of a source URL, so that every host of one site lands in
// one group. An IP address or a host that is itself a public suffix stays as it is. IDNs are
// shown in Unicode.
func referringDomain(source string) string {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil {
		return noDomain
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return noDomain
	}
	if net.ParseIP(host) != nil {
		return host
	}
	ascii, err := idna.Lookup.ToASCII(host)
	if err != nil {
		return strings.TrimPrefix(host, "www.")
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(ascii)
	if err != nil {
		d = ascii
	}
	if uni, err := idna.Lookup.ToUnicode(d); err == nil {
		return uni
	}
	return d
}
