package extract

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

func TestMetaRobots(t *testing.T) {
	tests := []struct {
		name string
		html string
		want map[string][]string
	}{
		{"none", ``, map[string][]string{}},
		{"basic", `<meta name="robots" content="noindex, nofollow">`,
			map[string][]string{"robots": {"noindex", "nofollow"}}},
		{"any case, spaces, no commas", `<meta name=" ROBOTS " content=" NoIndex  NOFOLLOW ">`,
			map[string][]string{"robots": {"noindex", "nofollow"}}},
		{"none expands", `<meta name="robots" content="none">`,
			map[string][]string{"robots": {"noindex", "nofollow"}}},
		{"all expands", `<meta name="robots" content="all">`,
			map[string][]string{"robots": {"index", "follow"}}},
		{"googlebot specific", `<meta name="googlebot" content="noindex"><meta name="robots" content="index,follow">`,
			map[string][]string{"googlebot": {"noindex"}, "robots": {"index", "follow"}}},
		{"several crawlers", `<meta name="bingbot" content="nofollow"><meta name="Googlebot-News" content="noindex"><meta name="yandex" content="none">`,
			map[string][]string{"bingbot": {"nofollow"}, "googlebot-news": {"noindex"}, "yandex": {"noindex", "nofollow"}}},
		{"repeated metas merge without duplicates", `<meta name="robots" content="noindex"><meta name="robots" content="nofollow, noindex"><meta name="robots" content="max-snippet : -1, max-image-preview:large">`,
			map[string][]string{"robots": {"noindex", "nofollow", "max-snippet:-1", "max-image-preview:large"}}},
		{"unavailable_after is ignored", `<meta name="robots" content="unavailable_after: Friday, 25-Jun-10 15:00:00 PST, noarchive">`,
			map[string][]string{"robots": {"noarchive"}}},
		{"in body counts", `<body><p>x</p><meta name="robots" content="noindex"></body>`,
			map[string][]string{"robots": {"noindex"}}},
		{"other metas are not robots", `<meta name="description" content="noindex"><meta name="google" content="notranslate"><meta property="robots" content="noindex">`,
			map[string][]string{}},
		{"template and noscript never count", `<template><meta name="robots" content="noindex"></template><noscript><meta name="robots" content="nofollow"></noscript>`,
			map[string][]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/")
			if !reflect.DeepEqual(p.Robots, tt.want) {
				t.Errorf("Robots = %v, want %v", p.Robots, tt.want)
			}
		})
	}
}

func TestDirectives(t *testing.T) {
	p := mustParse(t, `<meta name="robots" content="nofollow"><meta name="googlebot" content="noindex"><meta name="bingbot" content="noarchive">`, "https://blog.example/")
	tests := []struct {
		name string
		want []string
	}{
		{"googlebot", []string{"nofollow", "noindex"}},
		{"GoogleBot", []string{"nofollow", "noindex"}},
		{"bingbot", []string{"noarchive", "nofollow"}},
		{"ahrefsbot", []string{"nofollow"}},
		{"robots", []string{"nofollow"}},
	}
	for _, tt := range tests {
		got := slices.Sorted(maps.Keys(p.Directives(tt.name)))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Directives(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRobotsFromHeader(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   map[string][]string
	}{
		{"nil", nil, map[string][]string{}},
		{"noindex", []string{"noindex"}, map[string][]string{"robots": {"noindex"}}},
		{"list any case", []string{"NoIndex, NOFOLLOW"}, map[string][]string{"robots": {"noindex", "nofollow"}}},
		{"none", []string{"none"}, map[string][]string{"robots": {"noindex", "nofollow"}}},
		{"crawler prefix applies to the rest of the value", []string{"googlebot: noindex, nofollow"},
			map[string][]string{"googlebot": {"noindex", "nofollow"}}},
		{"several values, several crawlers", []string{"Googlebot: noindex", "otherbot: nofollow, bingbot: none", "noarchive"},
			map[string][]string{"googlebot": {"noindex"}, "otherbot": {"nofollow"}, "bingbot": {"noindex", "nofollow"}, "robots": {"noarchive"}}},
		{"valued directives are not crawler prefixes", []string{"max-snippet: 20, max-image-preview: large", "googlebot: max-video-preview: -1"},
			map[string][]string{"robots": {"max-snippet:20", "max-image-preview:large"}, "googlebot": {"max-video-preview:-1"}}},
		{"unavailable_after ignored, with RFC 850 dates", []string{"unavailable_after: Friday, 25-Jun-10 15:00:00 PST", "unavailable_after: 2030-01-01T00:00:00Z, noimageindex"},
			map[string][]string{"robots": {"noimageindex"}}},
		{"empty tokens", []string{" , ,noindex,", ""}, map[string][]string{"robots": {"noindex"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RobotsFromHeader(tt.values); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("RobotsFromHeader(%q) = %v, want %v", tt.values, got, tt.want)
			}
		})
	}
	h := RobotsFromHeader([]string{"googlebot: noindex", "nofollow"})
	if got := DirectivesFor(h, "googlebot"); !got["noindex"] || !got["nofollow"] || len(got) != 2 {
		t.Errorf("DirectivesFor(header, googlebot) = %v", got)
	}
	if got := DirectivesFor(h, "bingbot"); got["noindex"] || !got["nofollow"] {
		t.Errorf("DirectivesFor(header, bingbot) = %v", got)
	}
}

func TestCanonicals(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"absolute", `<link rel="canonical" href="https://blog.example/canon">`, []string{"https://blog.example/canon"}},
		{"relative and any case", `<link rel="CANONICAL" href="../c?a=1">`, []string{"https://blog.example/c?a=1"}},
		{"rel list", `<link rel="alternate canonical" href="/one"><link rel="next" href="/two"><link rel=" Canonical
			" href="/three">`, []string{"https://blog.example/one", "https://blog.example/three"}},
		{"against base", `<base href="https://mirror.example/m/"><link rel="canonical" href="c">`, []string{"https://mirror.example/m/c"}},
		{"without href or non-http", `<link rel="canonical"><link rel="canonical" href="mailto:x@y">`, nil},
		{"body canonical ignored, as Google does", `<head></head><body><link rel="canonical" href="/body"></body>`, nil},
		{"head closed early by a stray element", `<head><img src="pixel.gif"><link rel="canonical" href="/late"></head>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/posts/p")
			if !slices.Equal(p.Canonicals, tt.want) {
				t.Errorf("Canonicals = %q, want %q", p.Canonicals, tt.want)
			}
		})
	}
}

func TestCanonicalsFromHeader(t *testing.T) {
	const base = "https://blog.example/posts/p"
	tests := []struct {
		name   string
		values []string
		want   []string
	}{
		{"simple", []string{`<https://blog.example/c>; rel="canonical"`}, []string{"https://blog.example/c"}},
		{"token rel any case", []string{`</c>; REL=Canonical`}, []string{"https://blog.example/c"}},
		{"several links per value", []string{`<https://cdn.example/style.css>; rel=preload; as=style, <https://blog.example/c2>; rel="canonical"`},
			[]string{"https://blog.example/c2"}},
		{"rel list", []string{`<../x>; rel="canonical next"`}, []string{"https://blog.example/x"}},
		{"quoted params with commas and semicolons", []string{`<https://a.example/n>; title="a, b; c"; rel="next", <https://a.example/c>; title="\"q\", x"; rel=canonical`},
			[]string{"https://a.example/c"}},
		{"url with comma", []string{`<https://a.example/a,b>; rel=canonical`}, []string{"https://a.example/a,b"}},
		{"only the first rel counts", []string{`<https://a.example/x>; rel=next; rel=canonical`}, nil},
		{"several values", []string{`<https://a.example/1>; rel=canonical`, `<https://a.example/2>; rel="canonical"`},
			[]string{"https://a.example/1", "https://a.example/2"}},
		{"garbage is skipped", []string{`garbage; rel=canonical, <https://a.example/ok>; rel=canonical, <unterminated`},
			[]string{"https://a.example/ok"}},
		{"not canonical", []string{`<https://a.example/x>; rel="alternate"; hreflang=de`}, nil},
		{"empty", []string{"", " , "}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanonicalsFromHeader(tt.values, base); !slices.Equal(got, tt.want) {
				t.Errorf("CanonicalsFromHeader(%q) = %q, want %q", tt.values, got, tt.want)
			}
		})
	}
}

func TestMetaRefresh(t *testing.T) {
	tests := []struct {
		name string
		html string
		want *Refresh
	}{
		{"url=", `<meta http-equiv="refresh" content="0; url=https://t.example/new">`, &Refresh{"https://t.example/new", 0}},
		{"any case, comma, quotes, relative", `<meta http-equiv="Refresh" content="5,URL = 'next.html'">`, &Refresh{"https://blog.example/posts/next.html", 5}},
		{"no url keyword", `<meta http-equiv="refresh" content="3;/moved">`, &Refresh{"https://blog.example/moved", 3}},
		{"fractional delay", `<meta http-equiv="refresh" content="1.5; url=/x">`, &Refresh{"https://blog.example/x", 1}},
		{"reload without url is skipped for the next one", `<meta http-equiv="refresh" content="30"><meta http-equiv="refresh" content="0;url=/y">`, &Refresh{"https://blog.example/y", 0}},
		{"first with url wins", `<meta http-equiv="refresh" content="0;url=/a"><meta http-equiv="refresh" content="0;url=/b">`, &Refresh{"https://blog.example/a", 0}},
		{"invalid delay", `<meta http-equiv="refresh" content="soon; url=/z">`, nil},
		{"in noscript never counts", `<noscript><meta http-equiv="refresh" content="0;url=/n"></noscript>`, nil},
		{"huge delay is clamped", `<meta http-equiv="refresh" content="99999999999999999999;url=/h">`, &Refresh{"https://blog.example/h", 2147483647}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, tt.html, "https://blog.example/posts/p")
			if !reflect.DeepEqual(p.MetaRefresh, tt.want) {
				t.Errorf("MetaRefresh = %+v, want %+v", p.MetaRefresh, tt.want)
			}
		})
	}
}

func TestParseRefresh(t *testing.T) {
	tests := []struct {
		content string
		delay   int
		url     string
		ok      bool
	}{
		{"0", 0, "", true},
		{" 7 ", 7, "", true},
		{"0;url=a", 0, "a", true},
		{"0; URL=\"a b\" trailing", 0, "a b", true},
		{"0 url=x", 0, "x", true},
		{"0;urlx", 0, "urlx", true},
		{"0; url", 0, "url", true},
		{".5;url=y", 0, "y", true},
		{"0x;url=y", 0, "", false},
		{"", 0, "", false},
		{";url=y", 0, "", false},
		{"2; 'unterminated", 2, "unterminated", true},
	}
	for _, tt := range tests {
		d, u, ok := parseRefresh(tt.content)
		if d != tt.delay || u != tt.url || ok != tt.ok {
			t.Errorf("parseRefresh(%q) = %d, %q, %v; want %d, %q, %v", tt.content, d, u, ok, tt.delay, tt.url, tt.ok)
		}
	}
}
