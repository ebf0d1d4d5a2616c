// Package extract reads one HTML document (the raw HTML served over HTTP, or
// the serialized DOM after rendering) and returns everything the verdict
// needs that is in the markup: crawlable links, pseudo-links that no crawler
// follows, robots directives, canonical URLs, meta refresh, title, visible
// text and JSON-LD blocks. It also parses the HTTP headers that carry the same
// signals (Link: rel=canonical and X-Robots-Tag).
//
// Parsing follows the HTML5 algorithm of golang.org/x/net/html (through
// goquery) with scripting enabled, as Chrome and rendering crawlers do, so the
// content of <noscript> is raw text and never yields links. Every traversal
// is iterative and linear in the size of the document; documents nested
// deeper than the parser accepts are flattened the way Chrome caps DOM depth.
//
// URLs are resolved here with net/url against the effective base URL (the
// first <base href>, resolved against the page URL); this package does not
// normalize URLs for matching, which is the job of package match.
package extract
