package extract

import (
	"slices"
	"testing"
)

func TestPseudoLinks(t *testing.T) {
	const page = "https://blog.example/posts/one"
	tests := []struct {
		name  string
		html  string
		links []string
		want  []string
	}{
		{
			name: "onclick location forms",
			html: `<div onclick="location.href='https://t.example/a'">A</div>
				<span onclick="window.location = &quot;/b&quot;">B</span>
				<li onclick="window.open('c.html', '_blank')">C</li>
				<p onclick="document.location.assign('//t.example/d')">D</p>
				<section onclick="location.replace(&#39;e?x=1&#39;); return false">E</section>`,
			want: []string{
				"onclick https://t.example/a |A| rel= content",
				"onclick https://blog.example/b |B| rel= content",
				"onclick https://blog.example/posts/c.html |C| rel= content",
				"onclick https://t.example/d |D| rel= content",
				"onclick https://blog.example/posts/e?x=1 |E| rel= content",
			},
		},
		{
			name:  "a without href but with onclick; a href=# with onclick",
			html:  `<a onclick="go('https://t.example/x')">X</a><a href="#" onclick="location.href='/y'">Y</a>`,
			links: []string{"a https://blog.example/posts/one |Y| rel= content"},
			want: []string{
				"onclick https://t.example/x |X| rel= content",
				"onclick https://blog.example/y |Y| rel= content",
			},
		},
		{
			name: "onclick without a URL, or with non-URL strings, gives nothing",
			html: `<div onclick="toggle('menu'); track('click', '/')">m</div><div onclick="alert('see https://t.example now')">n</div>
				<div onclick="location.href='mailto:a@b.example'">o</div><div onclick="location.href='#top'">p</div>`,
			want: []string{},
		},
		{
			name: "escaped quotes and unicode escapes in script strings",
			html: `<div onclick="window.open('https:\/\/t.example\/it\'s')">q</div><div onclick='location.href="\u002Fr"'>r</div>`,
			want: []string{
				"onclick https://t.example/it's |q| rel= content",
				"onclick https://blog.example/r |r| rel= content",
			},
		},
		{
			name: "javascript: hrefs with a quoted URL, percent-encoded too",
			html: `<a href="javascript:window.location='https://t.example/j'">J</a>
				<a href="JavaScript:void(window.open(%22/k%22))">K</a><a href="javascript:void(0)">none</a>
				<a href=" javascript:go(&quot;l.html&quot;)">not navigation</a>`,
			want: []string{
				"javascript https://t.example/j |J| rel= content",
				"javascript https://blog.example/k |K| rel= content",
			},
		},
		{
			name: "data attributes with URLs or paths",
			html: `<div data-href="https://t.example/d" data-url="/u" data-link="rel/ative" data-target-url="HTTP://T.example/t"
				data-id="12" data-x="/">D</div><span data-json='{"url":"/j"}' data-text="/ slash in prose">S</span>`,
			want: []string{
				"data https://t.example/d |D| rel= content",
				"data https://blog.example/u |D| rel= content",
				"data http://T.example/t |D| rel= content",
				"data https://blog.example/ |D| rel= content",
			},
		},
		{
			name: "data attributes for lazy media are resources, not links",
			html: `<img data-src="/i.png" data-href="/i"><div data-bg="/b.jpg" data-background-image="/c.jpg" data-lazy-src="/d.png">x</div>`,
			want: []string{},
		},
		{
			name: "buttons: formaction and onclick",
			html: `<button formaction="/save">Save</button><button onclick="location.href='https://t.example/b'">Go</button>
				<input type="submit" formaction="/sub" value="v"><input type="button" onclick="window.open('/w')">
				<div formaction="/not-a-button">n</div>`,
			want: []string{
				"button https://blog.example/save |Save| rel= content",
				"button https://t.example/b |Go| rel= content",
				"button https://blog.example/sub || rel= content",
				"button https://blog.example/w || rel= content",
			},
		},
		{
			name: "forms with action; empty action is the page itself and skipped",
			html: `<form action="https://t.example/search" method="get"><input name="q"><button>Find</button></form>
				<form action="subscribe"><button>Join</button></form><form action=""></form><form></form>`,
			want: []string{
				"form https://t.example/search |Find| rel= content",
				"form https://blog.example/posts/subscribe |Join| rel= content",
			},
		},
		{
			name: "pseudo links resolve against base href",
			html: `<base href="https://mirror.example/m/"><div data-href="/x" onclick="location.href='y'">x</div>`,
			want: []string{"data https://mirror.example/x |x| rel= content", "onclick https://mirror.example/m/y |x| rel= content"},
		},
		{
			name:  "plain a href is never pseudo",
			html:  `<a href="https://t.example/plain" data-track="click" title="/not-counted">p</a>`,
			links: []string{"a https://t.example/plain |p| rel= content"},
			want:  []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, page)
			diffLines(t, "pseudo", summarize(p.Pseudo), tt.want)
			if tt.links == nil {
				tt.links = []string{}
			}
			diffLines(t, "links", summarize(p.Links), tt.links)
			checkSelectors(t, []byte(tt.html), p)
		})
	}
}

func TestNeverCount(t *testing.T) {
	const target = "https://t.example/"
	tests := []struct {
		name string
		html string
	}{
		{"comment", `<!-- <a href="https://t.example/">old</a> -->`},
		{"conditional comment", `<!--[if IE]><a href="https://t.example/">ie</a><![endif]-->`},
		{"script string", `<script>document.write('<a href="https://t.example/">w</a>')</script>`},
		{"script src", `<script src="https://t.example/"></script>`},
		{"json-ld", `<script type="application/ld+json">{"url":"https://t.example/"}</script>`},
		{"template", `<template><a href="https://t.example/">t</a><div onclick="location.href='https://t.example/'"></div></template>`},
		{"noscript (parsed as text with scripting on)", `<noscript><a href="https://t.example/">n</a></noscript>`},
		{"style", `<style>a::after{content:"https://t.example/"}</style>`},
		{"plain text", `<p>Visit https://t.example/ today</p>`},
		{"title attribute", `<span title="https://t.example/">x</span>`},
		{"other attributes", `<img src="https://t.example/" srcset="https://t.example/ 2x"><link rel="alternate" href="https://t.example/">
			<div onmouseover="location.href='https://t.example/'" aria-describedby="https://t.example/" content="https://t.example/">d</div>`},
		{"iframe src and textarea", `<iframe src="https://t.example/"></iframe><textarea><a href="https://t.example/">x</a></textarea>`},
		{"href on other elements", `<div href="https://t.example/">d</div><span href="https://t.example/">s</span>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/")
			for _, l := range append(append([]Link{}, p.Links...), p.Pseudo...) {
				if l.Href == target {
					t.Errorf("%s counted as %s link (selector %q)", tt.name, l.Kind, l.Selector)
				}
			}
		})
	}
}

func TestJSURLs(t *testing.T) {
	tests := []struct {
		code string
		want []string
	}{
		{`location.href='a.html'`, []string{"a.html"}},
		{`location . href  =  "b"`, []string{"b"}},
		{`window.open('https://x.example/', "_blank")`, []string{"https://x.example/"}},
		{"track(`/tpl`)", []string{"/tpl"}},
		{`go('/a'); go("/b")`, []string{"/a", "/b"}},
		{`x.split('/')`, nil},
		{`f('unterminated`, nil},
		{`location.href='#'`, nil},
		{`a = 'it\'s'; location.href = "\x2Fhex"`, []string{"/hex"}},
	}
	for _, tt := range tests {
		if got := jsURLs(tt.code); !slices.Equal(got, tt.want) {
			t.Errorf("jsURLs(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}
