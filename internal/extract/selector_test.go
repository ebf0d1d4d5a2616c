package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestSelectorStrings(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string // selectors of Links, in order
	}{
		{"single path, no nth", `<main><p><a href="/x">x</a></p></main>`, []string{"body > main > p > a"}},
		{"nth-of-type only with same-type siblings", `<main><h2>t</h2><p>1</p><p>2</p><p><span>s</span><a href="/x">x</a></p></main>`,
			[]string{"body > main > p:nth-of-type(3) > a"}},
		{"unique id anchors the path", `<div id="promo"><a href="/x">x</a></div>`, []string{"#promo > a"}},
		{"the link's own id", `<div id="promo"><a id="cta" href="/x">x</a></div>`, []string{"#cta"}},
		{"duplicate ids are skipped", `<div id="d"><a href="/x">x</a></div><div id="d"><a href="/y">y</a></div>`,
			[]string{"body > div:nth-of-type(1) > a", "body > div:nth-of-type(2) > a"}},
		{"ids differing only in case are duplicates (quirks mode)", `<div id="Card"><a href="/x">x</a></div><p id="card">p</p>`,
			[]string{"body > div > a"}},
		{"ids that need CSS escaping are skipped", `<div id="1st"><a href="/a">a</a></div><p id="a b"><a href="/b">b</a></p><p id="ü"><a href="/c">c</a></p>`,
			[]string{"body > div > a", "body > p:nth-of-type(1) > a", "body > p:nth-of-type(2) > a"}},
		{"custom elements", `<my-card><a href="/x">x</a></my-card><my-card><a href="/y">y</a></my-card>`,
			[]string{"body > my-card:nth-of-type(1) > a", "body > my-card:nth-of-type(2) > a"}},
		{"tag names that are not CSS identifiers", `<x.y><a href="/x">x</a></x.y><p>p</p>`, []string{"body > *:nth-child(1) > a"}},
		{"inside svg foreignObject", `<svg><g></g><foreignObject><div><a href="/x">x</a></div></foreignObject><foreignObject></foreignObject></svg>`,
			[]string{"body > svg > *:nth-child(2) > div > a"}},
		{"table rows", `<table><tr><td><a href="/a">a</a></td><td><a href="/b">b</a></td></tr><tr><td><a href="/c">c</a></td></tr></table>`,
			[]string{"body > table > tbody > tr:nth-of-type(1) > td:nth-of-type(1) > a",
				"body > table > tbody > tr:nth-of-type(1) > td:nth-of-type(2) > a",
				"body > table > tbody > tr:nth-of-type(2) > td > a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/")
			var got []string
			for _, l := range p.Links {
				got = append(got, l.Selector)
			}
			diffLines(t, "selectors", got, tt.want)
			checkSelectors(t, []byte(tt.html), p)
		})
	}
}

// TestSelectorUniqueOnRepeatedStructures builds a page of identical cards,
// lists and tables and checks that each link's selector selects that link
// and no other, in document order.
func TestSelectorUniqueOnRepeatedStructures(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><body><div id="dup"></div><div id="dup">`)
	for i := range 20 {
		b.WriteString(`<div class="card"><h3><a href="/title">T</a></h3><p>x <a href="/more">more</a> <a href="/more">again</a></p>
			<ul><li><a href="/li">1</a></li><li><a href="/li">2</a><a href="/li">3</a></li></ul></div>`)
		if i%5 == 0 {
			b.WriteString(`<table><tr><td><a href="/td">td</a><td><a href="/td">td</a></table><span onclick="location.href='/s'">s</span>`)
		}
	}
	b.WriteString(`</div><section id="only"><div><div><a href="/deep">d</a></div></div></section></body></html>`)
	body := []byte(b.String())
	p := mustParse(t, b.String(), "https://blog.example/")
	doc := parseDocument(body)
	anchors := doc.Find("a[href]")
	if anchors.Length() != len(p.Links) || len(p.Links) != 20*6+4*2+1 {
		t.Fatalf("%d anchors, %d links, want %d", anchors.Length(), len(p.Links), 20*6+4*2+1)
	}
	seen := make(map[string]bool)
	for i, l := range p.Links {
		found := doc.Find(l.Selector)
		if found.Length() != 1 || found.Nodes[0] != anchors.Nodes[i] {
			t.Fatalf("link %d: selector %q does not select exactly that link", i, l.Selector)
		}
		if seen[l.Selector] {
			t.Errorf("selector %q repeated", l.Selector)
		}
		seen[l.Selector] = true
	}
	if last := p.Links[len(p.Links)-1].Selector; last != "#only > div > div > a" {
		t.Errorf("last selector %q, want #only > div > div > a", last)
	}
	checkSelectors(t, body, p)
}

func TestSelectorFunc(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<ul><li>a</li><li id="x">b</li><li><b>c</b></li></ul>`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sel  *goquery.Selection
		want string
	}{
		{doc.Find("b"), "body > ul > li:nth-of-type(3) > b"},
		{doc.Find("li"), "body > ul > li:nth-of-type(1)"},
		{doc.Find("#x"), "#x"},
		{doc.Find("body"), "body"},
		{doc.Find("html"), "html"},
		{doc.Find("nothing"), ""},
		{doc.Selection, ""},
		{doc.Find("li").Contents(), ""}, // a text node first
		{nil, ""},
	}
	for _, tt := range tests {
		if got := Selector(tt.sel); got != tt.want {
			t.Errorf("Selector = %q, want %q", got, tt.want)
		}
	}
}
