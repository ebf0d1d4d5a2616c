package match

import (
	"strings"

	"golang.org/x/net/publicsuffix"
)

// Site returns the site of the absolute http(s) URL raw, for the signal
// other_target_links (links to other URLs on the target's site): the
// registrable domain (eTLD+1 from the Public Suffix List, lower-case,
// punycode, "www." and trailing dots ignored), e.g. "example.co.uk" for
// "https://www.shop.example.co.uk/x". The port is ignored for such names.
//
// For an IP literal, "localhost" or any single-label host the site is the
// host itself plus ":port" when a non-default port is given (80 and 443 are
// default for either scheme), so that "127.0.0.1:8080" and "127.0.0.1:8081"
// are different sites; IPv6 hosts keep their brackets ("[::1]:8080"). A host
// that is itself a public suffix ("github.io") is its own site. Site returns
// "" when raw is not a URL that Check accepts.
func Site(raw string) string {
	p, err := parse(raw)
	if err != nil {
		return ""
	}
	host := looseHost(p.host, p.ip)
	if host == "" {
		return ""
	}
	if p.ip || !strings.Contains(host, ".") {
		if p.port != "" && !isDefaultPort(p.port, p.scheme, Loose) {
			return host + ":" + p.port
		}
		return host
	}
	site, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil {
		return host
	}
	return site
}
