package extract

import (
	"testing"
)

func TestLinks(t *testing.T) {
	const page = "https://blog.example/posts/one.html?x=1"
	tests := []struct {
		name string
		html string
		want []string
	}{
		{
			name: "relative, absolute, root-relative, protocol-relative, query, fragment",
			html: `<p><a href="two.html">a</a><a href="https://t.example/p">b</a><a href="/root">c</a>
				<a href="//cdn.example/x">d</a><a href="?y=2">e</a><a href="#top">f</a><a href="">g</a>`,
			want: []string{
				"a https://blog.example/posts/two.html |a| rel= content",
				"a https://t.example/p |b| rel= content",
				"a https://blog.example/root |c| rel= content",
				"a https://cdn.example/x |d| rel= content",
				"a https://blog.example/posts/one.html?y=2 |e| rel= content",
				"a https://blog.example/posts/one.html?x=1#top |f| rel= content",
				"a https://blog.example/posts/one.html?x=1 |g| rel= content",
			},
		},
		{
			name: "relative base href applies to links before it too",
			html: `<html><head><title>t</title></head><body><a href="x">x</a><base href="/other/dir/"><a href="../y">y</a>
				<base href="https://ignored.example/">`,
			want: []string{
				"a https://blog.example/other/dir/x |x| rel= content",
				"a https://blog.example/other/y |y| rel= content",
			},
		},
		{
			name: "absolute base href",
			html: `<head><base href="https://mirror.example/root/"></head><a href="p">p</a><a href="/q">q</a>`,
			want: []string{
				"a https://mirror.example/root/p |p| rel= content",
				"a https://mirror.example/q |q| rel= content",
			},
		},
		{
			name: "base without href is skipped, javascript base is ignored",
			html: `<base target="_blank"><base href="javascript:alert(1)"><a href="p">p</a>`,
			want: []string{"a https://blog.example/posts/p |p| rel= content"},
		},
		{
			name: "base inside template does not count",
			html: `<template><base href="https://t.example/"></template><a href="p">p</a>`,
			want: []string{"a https://blog.example/posts/p |p| rel= content"},
		},
		{
			name: "area with alt text",
			html: `<img usemap="#m" alt="map"><map name="m"><area shape="rect" coords="0,0,1,1" href="/area" alt=" Our
				partner " rel="sponsored"></map>`,
			want: []string{"a https://blog.example/area |Our partner| rel=sponsored content"},
		},
		{
			name: "image link takes the alt text, mixed with text in order",
			html: `<a href="/i"><img src="logo.png" alt="Shop Logo"></a><a href="/j"><img alt="Shop"> best   <b>deals</b></a>`,
			want: []string{
				"a https://blog.example/i |Shop Logo| rel= content",
				"a https://blog.example/j |Shop best deals| rel= content",
			},
		},
		{
			name: "rel tokens in any case",
			html: `<a href="/a" rel="NoFollow UGC">a</a><a href="/b" rel=" SPONSORED
				noopener ">b</a><a href="/c" rel="">c</a>`,
			want: []string{
				"a https://blog.example/a |a| rel=nofollow,ugc content",
				"a https://blog.example/b |b| rel=sponsored,noopener content",
				"a https://blog.example/c |c| rel= content",
			},
		},
		{
			name: "whitespace, tabs and newlines in href are removed as browsers do",
			html: "<a href=\"  \n https://t.example/a\tb\n/c \">x</a><a href='http:\\\\t.example\\p'>y</a><a href=\"HTTPS://T.EXAMPLE/Z\">z</a>",
			want: []string{
				"a https://t.example/ab/c |x| rel= content",
				"a http://t.example/p |y| rel= content",
				"a https://T.EXAMPLE/Z |z| rel= content",
			},
		},
		{
			name: "non-http schemes are dropped",
			html: `<a href="mailto:a@b.example">m</a><a href="tel:123">t</a><a href="ftp://f.example/">f</a>
				<a href="data:text/html,hi">d</a><a href="https://">empty host</a><a>no href</a><a href="/ok">ok</a>`,
			want: []string{"a https://blog.example/ok |ok| rel= content"},
		},
		{
			name: "lenient percent and spaces",
			html: `<a href="/a b%zz">x</a>`,
			want: []string{"a https://blog.example/a%20b%25zz |x| rel= content"},
		},
		{
			name: "anchor text collapses whitespace and skips script and style",
			html: "<a href=/t>\n  Best\u00a0 <span>shoes</span><script>var x='no'</script><style>.a{}</style>\n<div>today</div></a>",
			want: []string{"a https://blog.example/t |Best shoes today| rel= content"},
		},
		{
			name: "svg anchors are not HTML links",
			html: `<svg><a href="/svg"><text>s</text></a></svg><a href="/html">h</a>`,
			want: []string{"a https://blog.example/html |h| rel= content"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, page)
			diffLines(t, "links", summarize(p.Links), tt.want)
			checkSelectors(t, []byte(tt.html), p)
		})
	}
}

func TestParseRejectsRelativePageURL(t *testing.T) {
	for _, u := range []string{"", "/path", "blog.example/x", "https://", "://x", "%zz"} {
		if _, err := Parse([]byte("<a href=/x>x</a>"), u); err == nil {
			t.Errorf("Parse(_, %q): no error, want one", u)
		}
	}
	p, err := Parse([]byte("<a href=/x>x</a>"), " https://blog.example/ ")
	if err != nil || p.Base != "https://blog.example/" {
		t.Errorf("Parse with spaces around the URL: base %q, err %v", p.Base, err)
	}
}

func TestLinkTextIsBounded(t *testing.T) {
	long := ""
	for range 500 {
		long += "word "
	}
	p := mustParse(t, `<a href="/x">`+long+`</a>`, "https://blog.example/")
	if n := len(p.Links[0].Text); n < maxTextBytes || n > maxTextBytes+4 {
		t.Errorf("text length %d, want about %d", n, maxTextBytes)
	}
}

func TestTitleTextAndJSONLD(t *testing.T) {
	body := `<!doctype html><html><head><title>
		Best   shoes &amp; boots </title><script type="application/ld+json">
		{"@type":"Article","isAccessibleForFree":false}
		</script><script type="Application/LD+JSON; charset=utf-8">{"b":2}</script>
		<script>var hidden = "https://t.example/script";</script><style>.x{content:"styled"}</style></head>
		<body><h1>Head<em>line</em></h1><p>First para</p><p>Visit t.example today</p>
		<!-- commented t.example/comment --><template><p>templated</p><script type="application/ld+json">{"t":1}</script></template>
		<noscript><p>noscripted</p></noscript><textarea>typed</textarea><svg><title>svg tip</title><text>drawn</text></svg>
		<div hidden>hidden text</div><iframe>fallback</iframe></body></html>`
	p := mustParse(t, body, "https://blog.example/")
	if p.Title != "Best shoes & boots" {
		t.Errorf("Title = %q", p.Title)
	}
	wantText := "Headline First para Visit t.example today typed svg tip drawn hidden text"
	if p.Text != wantText {
		t.Errorf("Text = %q\nwant   %q", p.Text, wantText)
	}
	wantLD := []string{`{"@type":"Article","isAccessibleForFree":false}`, `{"b":2}`}
	diffLines(t, "JSONLD", p.JSONLD, wantLD)
}

func TestFirstTitleOnly(t *testing.T) {
	p := mustParse(t, `<svg><title>svg</title></svg><title>one</title><title>two</title>`, "https://blog.example/")
	if p.Title != "one" {
		t.Errorf("Title = %q, want one", p.Title)
	}
}
