// Package match is the single implementation of SPEC §3 (matching and
// normalization): when a link found on a page "is" the target, and when two
// page URLs are "the same page".
//
// Every comparison goes through Key, which turns an absolute http(s) URL into
// a comparison key under a Mode. Two URLs match iff their keys are equal.
//
//   - Loose (the default, --match loose) ignores the scheme, a leading "www.",
//     a trailing dot on the host, default ports (80 and 443 for either scheme),
//     userinfo, the fragment, one trailing slash and the order of query
//     parameters, and treats "+" and "%20" in the query as equal.
//   - Exact (--match exact) applies RFC 3986 syntax-based normalization only:
//     case of scheme and host, percent-encoding case, decoding of percent-encoded
//     unreserved characters, dot segments, the scheme's default port and an
//     empty path.
//
// Both modes normalize percent-encoding the same way: %7E equals "~",
// %c3%a9 equals %C3%A9 equals "é", but reserved characters stay distinct
// (%2F is not "/"). Unicode and punycode host names are equal (IDNA, UTS #46
// lookup mapping as browsers do).
//
// HTML entities are not decoded here: that is the HTML parser's job, and an
// href taken from a parsed document already has them decoded. A literal
// "&amp;" that reaches this package is three query characters, not "&".
//
// Resolve turns an href attribute into an absolute URL like a browser does
// (against the page URL, or the effective <base href>), Check validates the
// URLs of an input row, Site gives the registrable domain used by the
// other_target_links signal, and Mentions finds plain-text mentions of a
// target for mention_unlinked. No function in this package panics on any
// input.
package match
