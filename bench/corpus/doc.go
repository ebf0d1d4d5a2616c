// Package corpus generates the synthetic web site that `make bench` measures: source pages of
// realistic weight (tens of KB of HTML, style sheets, JPEG images, a few scripts), some whose
// target links are injected by a script after an API call, some with a consent banner, a few
// heavy pages with over 1,000 links, and the list of (source, target) rows to check with the
// expected answer for each. Everything is derived from a seed, so two runs with the same
// Config serve byte-identical pages. Handler serves the site with a per-path latency.
package corpus
