package extract

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestRoundupPage(t *testing.T) {
	body, err := os.ReadFile("testdata/roundup.html")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(body, "https://blog.example/roundup-212/?utm_source=x")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Links) != 1334 {
		t.Errorf("%d links, want 1334", len(p.Links))
	}
	placements := make(map[string]int)
	rels := make(map[string]int)
	hidden := 0
	for _, l := range p.Links {
		placements[l.Placement]++
		for _, r := range l.Rel {
			rels[r]++
		}
		if l.Hidden {
			hidden++
		}
	}
	wantPlacements := map[string]int{"content": 1163, "nav": 20, "header": 1, "aside": 100, "footer": 50}
	if fmt.Sprint(placements) != fmt.Sprint(wantPlacements) {
		t.Errorf("placements %v, want %v", placements, wantPlacements)
	}
	wantRels := map[string]int{"nofollow": 118, "sponsored": 13, "noopener": 13, "ugc": 30}
	if fmt.Sprint(rels) != fmt.Sprint(wantRels) {
		t.Errorf("rels %v, want %v", rels, wantRels)
	}
	if hidden != 6 {
		t.Errorf("%d hidden links, want 6", hidden)
	}
	kinds := make(map[string]int)
	for _, l := range p.Pseudo {
		kinds[l.Kind]++
	}
	if kinds[KindButton] != 30 || kinds[KindData] != 1 || len(p.Pseudo) != 31 {
		t.Errorf("pseudo kinds %v, want 30 buttons and 1 data", kinds)
	}
	first, dir := p.Links[0], p.Links[322]
	if first.Href != "https://blog.example/" || first.Text != "Example Blog" || first.Placement != "header" {
		t.Errorf("first link %+v", first)
	}
	if dir.Href != "https://dir0.example/entry/0?ref=roundup&id=0" || dir.Text != "Entry 0" ||
		dir.Selector != "#content > article > table > tbody > tr:nth-of-type(1) > td:nth-of-type(1) > a" {
		t.Errorf("first directory link %+v", dir)
	}
	if !slices.Equal(p.Canonicals, []string{"https://blog.example/roundup-212/"}) || p.Title != "Weekly Links Roundup #212 | Example Blog" {
		t.Errorf("canonicals %q, title %q", p.Canonicals, p.Title)
	}
	if len(p.JSONLD) != 1 || !p.Directives("googlebot")["follow"] {
		t.Errorf("JSONLD %q, robots %v", p.JSONLD, p.Robots)
	}
	for _, s := range []string{"commented.example", "script.example", "Follow us"} {
		if strings.Contains(p.Text, s) != (s == "Follow us") {
			t.Errorf("Text contains %q: %v", s, !(s == "Follow us"))
		}
	}
	checkSelectors(t, body, p)
}

func TestDeepNesting(t *testing.T) {
	const depth = 10000
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, `<div><a href="/l%d">l%d</a>`, i, i)
	}
	b.WriteString(`<a href="/bottom">bottom</a>`)
	for range depth {
		b.WriteString(`</div>`)
	}
	b.WriteString(`<footer><a href="/after">after</a></footer>`)
	body := []byte(b.String())
	p, err := Parse(body, "https://blog.example/")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Links) != depth+2 {
		t.Fatalf("%d links, want %d", len(p.Links), depth+2)
	}
	if l := p.Links[depth]; l.Href != "https://blog.example/bottom" || l.Text != "bottom" {
		t.Errorf("bottom link %+v", l)
	}
	if l := p.Links[depth+1]; l.Href != "https://blog.example/after" || l.Placement != "footer" {
		t.Errorf("link after the deep tree %+v", l)
	}
	checkSomeSelectors(t, body, p, 2)
}

func TestDeepNestingOtherShapes(t *testing.T) {
	tests := []struct {
		name  string
		open  string
		close string
	}{
		{"spans", "<span>", "</span>"},
		{"self-closing syntax opens HTML elements", "<div/>", ""},
		{"unclosed formatting", "<b><i>", ""},
		{"nested tables", "<table><tr><td>", "</td></tr></table>"},
		{"anchors in cells", `<a href="/cell"><table><tr><td>`, ""},
		{"templates", "<template><div>", ""},
		{"svg groups", "<svg><g>", ""},
		{"svg style holding elements", "<svg><style><div>", ""},
		{"lists", "<ul><li>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := strings.Repeat(tt.open, 3000) + `<a href="/deep">deep</a>` + strings.Repeat(tt.close, 3000) + `<p><a href="/end">end</a>`
			p := mustParse(t, body, "https://blog.example/")
			hrefs := make(map[string]bool)
			for _, l := range p.Links {
				hrefs[l.Href] = true
			}
			// Inside templates nothing counts; inside SVG, <a> is not an HTML link.
			if wantDeep := tt.name != "templates" && tt.name != "svg groups"; hrefs["https://blog.example/deep"] != wantDeep {
				t.Errorf("deep link found: %v, want %v", !wantDeep, wantDeep)
			}
			// An unclosed template swallows the rest of the document.
			if wantEnd := tt.name != "templates"; hrefs["https://blog.example/end"] != wantEnd {
				t.Errorf("link after the deep tree found: %v, want %v", !wantEnd, wantEnd)
			}
			checkSomeSelectors(t, []byte(body), p, 4)
		})
	}
}

// TestDeepNestingIsLinear compares the time for nesting n and 4n deep; a
// quadratic pass would take about 16 times longer.
func TestDeepNestingIsLinear(t *testing.T) {
	page := func(n int) []byte {
		return []byte(strings.Repeat(`<div><a href="/x">x</a>`, n) + strings.Repeat("</div>", n))
	}
	measure := func(body []byte) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			if _, err := Parse(body, "https://blog.example/"); err != nil {
				t.Fatal(err)
			}
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := measure(page(2000)), measure(page(8000))
	if large > 10*small {
		t.Errorf("nesting 2000 deep: %v, 8000 deep: %v; want about 4 times", small, large)
	}
}

func TestBrokenMarkup(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"unclosed anchor before a paragraph", `<a href="/a">one <p>two <a href="/b">three`, []string{
			"a https://blog.example/a |one| rel= content",
			"a https://blog.example/a |two| rel= content",
			"a https://blog.example/b |three| rel= content",
		}},
		{"unquoted attributes and stray end tags", `</div></p><a href=/x rel=nofollow>x</a></span></a><a href='/y'>y`, []string{
			"a https://blog.example/x |x| rel=nofollow content",
			"a https://blog.example/y |y| rel= content",
		}},
		{"nested anchors", `<a href="/outer">o<a href="/inner">i</a></a>`, []string{
			"a https://blog.example/outer |o| rel= content",
			"a https://blog.example/inner |i| rel= content",
		}},
		{"anchor in table is foster-parented", `<table><a href="/f">f</a><tr><td>c</td></tr></table>`, []string{
			"a https://blog.example/f |f| rel= content",
		}},
		{"entities in href", `<a href="/q?a=1&amp;b=2&copy=3">e</a>`, []string{
			"a https://blog.example/q?a=1&b=2&copy=3 |e| rel= content",
		}},
		{"no html, head or body, frameset", `<frameset><frame src="/f"></frameset>`, []string{}},
		{"unterminated comment swallows the rest", `<a href="/ok">ok</a><!-- <a href="/c">c</a>`, []string{
			"a https://blog.example/ok |ok| rel= content",
		}},
		{"unterminated attribute", `<a href="/x>x</a><a href="/y">y</a>`, []string{
			"a https://blog.example/x%3Ex%3C/a%3E%3Ca%20href= |y| rel= content",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/")
			diffLines(t, "links", summarize(p.Links), tt.want)
			checkSelectors(t, []byte(tt.html), p)
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	body := "<title>caf\xe9</title><p>bad \xff\xfe bytes</p><a href=\"/caf\xe9?q=\xff\" data-x=\"1\">na\xefve</a><div onclick=\"location.href='/\xfe'\">z</div>"
	p := mustParse(t, body, "https://blog.example/")
	if len(p.Links) != 1 || len(p.Pseudo) != 1 {
		t.Fatalf("links %v, pseudo %v", p.Links, p.Pseudo)
	}
	for _, s := range []string{p.Title, p.Text, p.Links[0].Text, p.Links[0].RawHref, p.Links[0].Href, p.Pseudo[0].Href} {
		if !utf8.ValidString(s) {
			t.Errorf("%q is not valid UTF-8", s)
		}
	}
	if p.Links[0].Href != "https://blog.example/caf%E9?q=%FF" {
		t.Errorf("Href = %q", p.Links[0].Href)
	}
	if _, err := json.Marshal(p); err != nil {
		t.Error(err)
	}
}

func TestByteOrderMark(t *testing.T) {
	p := mustParse(t, "\xef\xbb\xbf<!doctype html><title>t</title><a href=/x>x</a>", "https://blog.example/")
	if p.Title != "t" || strings.Contains(p.Text, "\ufeff") {
		t.Errorf("title %q, text %q", p.Title, p.Text)
	}
}

func TestLargeDocument(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>big</title></head><body>")
	for i := 0; b.Len() < 10<<20; i++ {
		fmt.Fprintf(&b, `<div class="row"><p>Lorem ipsum dolor sit amet, consectetur adipiscing elit %d, sed do eiusmod tempor
			incididunt ut labore et dolore magna aliqua. <a href="/p/%d" rel="ugc">item %d</a></p></div>`, i, i, i)
	}
	body := []byte(b.String())
	start := time.Now()
	p := mustParse(t, string(body), "https://blog.example/")
	if len(p.Links) < 30000 {
		t.Errorf("%d links", len(p.Links))
	}
	t.Logf("%d bytes, %d links in %v", len(body), len(p.Links), time.Since(start))
}

func FuzzParse(f *testing.F) {
	seeds := []string{
		``,
		`<a href="/x" rel="nofollow">x</a>`,
		`<base href="//h.example/b/"><a href="c">c</a><area href="../d" alt="d">`,
		`<a href="javascript:location.href='/j'">j</a><div onclick="window.open('https://t.example/')" data-href="/d"></div>`,
		`<form action="/f"><button formaction="/b">b</button></form>`,
		`<meta name="robots" content="none"><meta http-equiv="refresh" content="0;url=/r"><link rel="canonical" href="/c">`,
		`<table><a href="/t"><tr><td><a href="/u">u</td></table>`,
		`<svg><foreignObject><a href="/s">s</a></foreignObject></svg>`,
		strings.Repeat("<div>", 600) + `<a href="/deep">d</a>`,
		strings.Repeat("<div/><svg><style><p>", 300) + `<a href="/deep">d</a><math><mi><a href="/m">m</a>`,
		"<a href=\"http:\\\\x\\y\">b</a><a href=\"http:x\">c</a><a href=\"https:/y\">d</a><a href=\"\x00http://z\">e</a>",
		`<a href="http://[::1]:80/">v6</a><a href="http://%41/">pct</a><a href="http://a b/">sp</a>`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Parse(body, "https://page.example/dir/page?q=1")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		check := func(what, u string) {
			pu, err := url.Parse(u)
			if err != nil || !pu.IsAbs() || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
				t.Errorf("%s %q is not an absolute http(s) URL (%v)", what, u, err)
			}
		}
		doc := parseDocument(body)
		for _, l := range append(append([]Link{}, p.Links...), p.Pseudo...) {
			check("Href", l.Href)
			if l.Selector == "" || doc.Find(l.Selector).Length() != 1 {
				t.Errorf("selector %q of %q does not select exactly one element", l.Selector, l.Href)
			}
		}
		for _, c := range p.Canonicals {
			check("canonical", c)
		}
		if p.MetaRefresh != nil {
			check("refresh", p.MetaRefresh.URL)
		}
		if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) {
			t.Errorf("invalid UTF-8 in text or title")
		}
	})
}

func FuzzHeaders(f *testing.F) {
	for _, s := range []string{`<https://a.example/>; rel="canonical next"`, `googlebot: noindex, none`, `<x>; rel=canonical; title="a\"b,c"`, `unavailable_after: 1 Jan, 2020`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, c := range CanonicalsFromHeader([]string{v}, "https://page.example/a") {
			if u, err := url.Parse(c); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
				t.Errorf("canonical %q", c)
			}
		}
		for k, toks := range RobotsFromHeader([]string{v}) {
			if k == "" || len(toks) == 0 {
				t.Errorf("empty key or directive list: %q %q", k, toks)
			}
		}
	})
}

func BenchmarkParse5000Links(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<!doctype html><html><head><title>bench</title><meta name="robots" content="index"></head><body><header><nav>`)
	for i := range 50 {
		fmt.Fprintf(&sb, `<a href="/nav/%d">Nav %d</a>`, i, i)
	}
	sb.WriteString(`</nav></header><main><article>`)
	for i := range 4900 {
		fmt.Fprintf(&sb, `<div class="item"><h3>Item %d</h3><p>Some text about item %d. <a href="https://site%d.example/p/%d" rel="nofollow">read more</a></p></div>`, i, i, i%100, i)
	}
	sb.WriteString(`</article></main><footer>`)
	for i := range 50 {
		fmt.Fprintf(&sb, `<a href="/f/%d">F %d</a>`, i, i)
	}
	sb.WriteString(`</footer></body></html>`)
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		p, err := Parse(body, "https://blog.example/")
		if err != nil || len(p.Links) != 5000 {
			b.Fatalf("%d links, %v", len(p.Links), err)
		}
	}
}
