package corpus

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// Page weights.
const (
	minText     = 6_000  // bytes of article text at least (about 1,000 words)
	extraText   = 8_000  // up to this much more
	minState    = 8_000  // bytes of the inline application state at least
	extraState  = 16_000 // up to this much more
	navLinks    = 30
	menuLinks   = 12 // per section of the (hidden) mega menu
	menuGroups  = 8
	footerLinks = 40
	themes      = 10 // per-section style sheets
	minPage     = 20_000
	maxPage     = 70_000 // light pages; heavy ones add their archive
)

// HTML returns the page's document. It is the same on every call.
func (p *Page) HTML(pages int) []byte {
	rng := rand.New(rand.NewPCG(p.seed, 2))
	var b strings.Builder
	b.Grow(maxPage)
	fmt.Fprintf(&b, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s | The Bench Times</title>
<meta name="description" content="%s">
<link rel="stylesheet" href="/static/site.css">
<link rel="stylesheet" href="/static/theme-%d.css">
<script async src="/static/analytics.js"></script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":%q}</script>
</head>
<body class="article theme-%d">
<header class="site-header"><a class="logo" href="/"><img src="/static/logo.png" width="160" height="40" alt="The Bench Times"></a>
<nav class="main-nav"><ul>
`, html.EscapeString(p.Title), html.EscapeString(p.Title), p.Index%themes, p.Title, p.Index%themes)
	for k := range navLinks {
		fmt.Fprintf(&b, "<li><a href=\"/section/%s\">%s</a></li>\n", words[k], words[k])
	}
	b.WriteString("</ul>\n")
	writeMegaMenu(&b)
	fmt.Fprintf(&b, "</nav></header>\n<main id=\"content\">\n<article>\n<h1>%s</h1>\n", html.EscapeString(p.Title))
	fmt.Fprintf(&b, "<p class=\"byline\">By %s %s &middot; <time datetime=\"2026-%02d-%02d\">%d %s 2026</time></p>\n",
		words[rng.IntN(60)], words[rng.IntN(60)], 1+p.Index%12, 1+p.Index%28, 1+p.Index%28, "March")
	p.writeArticle(&b, rng, pages)
	b.WriteString("</article>\n")
	p.writeRelated(&b, rng, pages)
	if p.Heavy {
		p.writeArchive(&b, rng, pages)
	}
	b.WriteString("</main>\n<aside class=\"sidebar\"><h2>Most read</h2><ol>\n")
	for range 8 {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", pagePath(rng, pages), headline(rng))
	}
	b.WriteString("</ol></aside>\n<footer class=\"site-footer\"><ul>\n")
	for k := range footerLinks {
		w := words[(k*7)%len(words)]
		fmt.Fprintf(&b, "<li><a href=\"/about/%s-%d\">%s</a></li>\n", w, k, w)
	}
	b.WriteString("</ul>\n<p class=\"social\">")
	for _, name := range []string{"facebook", "x", "instagram", "youtube", "rss"} {
		fmt.Fprintf(&b, "<a href=\"/follow/%s\" aria-label=\"%s\">%s</a>", name, name, icon)
	}
	b.WriteString("</p><p>&copy; 2026 The Bench Times</p></footer>\n")
	p.writeState(&b, rng, pages)
	if p.Consent {
		b.WriteString("<script src=\"/static/consent.js\"></script>\n")
	}
	b.WriteString("<script defer src=\"/static/widgets.js\"></script>\n")
	if p.JS {
		b.WriteString("<script defer src=\"/static/related.js\"></script>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// writeArticle writes paragraphs, images and (unless a script injects them) the target links.
func (p *Page) writeArticle(b *strings.Builder, rng *rand.Rand, pages int) {
	size := minText + rng.IntN(extraText)
	start := b.Len()
	para, img := 0, 0
	targetAt := [2]int{4, 9}
	for b.Len()-start < size {
		if para%3 == 2 && img < p.Images {
			lazy := ""
			if img > 0 {
				lazy = ` loading="lazy"`
			}
			fmt.Fprintf(b, "<figure><img src=\"/img/%04d-%d.jpg\" width=\"640\" height=\"360\" alt=\"%s\"%s><figcaption>%s</figcaption></figure>\n",
				p.Index, img, words[rng.IntN(60)], lazy, headline(rng))
			img++
		}
		if para%10 == 5 {
			fmt.Fprintf(b, "<h2 id=\"s%d\">%s</h2>\n", para, headline(rng))
		}
		b.WriteString("<p>")
		for s := range 4 + rng.IntN(4) {
			sentence(b, rng, 8+rng.IntN(14))
			if s == 1 && rng.IntN(3) == 0 {
				fmt.Fprintf(b, "See <a href=\"%s\">%s</a>. ", pagePath(rng, pages), words[rng.IntN(60)])
			}
		}
		for k, t := range p.Targets {
			if para == targetAt[k] && t.Present && !p.JS {
				fmt.Fprintf(b, "Details at <a href=\"%s\">%s %s</a>. ", t.URL, words[rng.IntN(60)], words[rng.IntN(60)])
			}
		}
		b.WriteString("</p>\n")
		para++
	}
	// Short articles still carry their targets.
	for k, t := range p.Targets {
		if para <= targetAt[k] && t.Present && !p.JS {
			fmt.Fprintf(b, "<p>More at <a href=\"%s\">%s</a>.</p>\n", t.URL, words[rng.IntN(60)])
		}
	}
}

// icon is an inline SVG, as sites put in their markup for every social link.
const icon = `<svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2C6.48 2 2 6.48 2 12c0 5 3.66 9.13 8.44 9.88v-6.99H7.9V12h2.54V9.8c0-2.5 1.49-3.89 3.78-3.89 1.09 0 2.24.2 2.24.2v2.46h-1.26c-1.24 0-1.63.77-1.63 1.56V12h2.78l-.44 2.89h-2.34v6.99C18.34 21.13 22 17 22 12c0-5.52-4.48-10-10-10z"/></svg>`

// writeMegaMenu writes the navigation's drop-down sections, hidden until hovered.
func writeMegaMenu(b *strings.Builder) {
	b.WriteString("<div class=\"mega-menu\" hidden>\n")
	for g := range menuGroups {
		fmt.Fprintf(b, "<section class=\"menu-group\"><h3>%s</h3><ul>", words[g*3])
		for k := range menuLinks {
			w := words[(g*menuLinks+k)%len(words)]
			fmt.Fprintf(b, "<li><a href=\"/section/%s/%s-%d\" data-track=\"menu-%d-%d\">%s</a></li>", words[g*3], w, k, g, k, w)
		}
		b.WriteString("</ul></section>\n")
	}
	b.WriteString("</div>\n")
}

// writeState writes the inline application state a client-side framework hydrates from: URLs
// in it are strings, not links.
func (p *Page) writeState(b *strings.Builder, rng *rand.Rand, pages int) {
	type teaser struct {
		ID       int      `json:"id"`
		Title    string   `json:"title"`
		URL      string   `json:"url"`
		Image    string   `json:"image"`
		Teaser   string   `json:"teaser"`
		Tags     []string `json:"tags"`
		Comments int      `json:"comments"`
	}
	var items []teaser
	size, n := minState+rng.IntN(extraState), 0
	for n < size {
		var t strings.Builder
		sentence(&t, rng, 20+rng.IntN(20))
		it := teaser{ID: rng.IntN(100000), Title: headline(rng), URL: pagePath(rng, pages), Image: fmt.Sprintf("/img/%04d-0.jpg", rng.IntN(pages)),
			Teaser: t.String(), Tags: []string{words[rng.IntN(60)], words[rng.IntN(60)]}, Comments: rng.IntN(300)}
		items = append(items, it)
		n += len(it.Title) + len(it.Teaser) + 120
	}
	state, err := json.Marshal(map[string]any{"page": p.Index, "section": words[p.Index%navLinks], "feed": items})
	if err != nil { // cannot happen: plain values
		state = []byte("{}")
	}
	fmt.Fprintf(b, "<script>window.__APP_STATE__ = %s;</script>\n", state)
}

// writeRelated writes the related-links box: static, or empty for related.js to fill.
func (p *Page) writeRelated(b *strings.Builder, rng *rand.Rand, pages int) {
	if p.JS {
		fmt.Fprintf(b, "<section class=\"related\" id=\"related\" data-page=\"%d\"><h2>Related</h2><ul></ul></section>\n", p.Index)
		return
	}
	b.WriteString("<section class=\"related\" id=\"related\"><h2>Related</h2><ul>\n")
	for range 6 {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", pagePath(rng, pages), headline(rng))
	}
	b.WriteString("</ul></section>\n")
}

// writeArchive writes the long list of links of a heavy page.
func (p *Page) writeArchive(b *strings.Builder, rng *rand.Rand, pages int) {
	n := HeavyLinks + rng.IntN(400)
	b.WriteString("<section class=\"archive\"><h2>Archive</h2><ul>\n")
	for k := range n {
		fmt.Fprintf(b, "<li><a href=\"/archive/%d/%s-%d\">%s %d</a></li>\n", 2000+k%26, words[rng.IntN(len(words))], k, words[rng.IntN(60)], k)
	}
	b.WriteString("</ul></section>\n")
}

func pagePath(rng *rand.Rand, pages int) string {
	return fmt.Sprintf("/articles/%04d", rng.IntN(pages))
}

// relatedLink is one entry of /api/related/N.json.
type relatedLink struct {
	Href string `json:"href"`
	Text string `json:"text"`
}

// RelatedJSON returns what related.js fetches for the page: a few site links and, for a JS
// page, its present targets.
func (p *Page) RelatedJSON(pages int) []byte {
	rng := rand.New(rand.NewPCG(p.seed, 3))
	var links []relatedLink
	for range 6 {
		links = append(links, relatedLink{Href: pagePath(rng, pages), Text: headline(rng)})
	}
	if p.JS {
		for k, t := range p.Targets {
			if t.Present {
				links = append(links[:2*k+1], append([]relatedLink{{Href: t.URL, Text: headline(rng)}}, links[2*k+1:]...)...)
			}
		}
	}
	out, err := json.Marshal(links)
	if err != nil { // cannot happen: strings only
		return []byte("[]")
	}
	return out
}
