package fetch

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestParseRefresh(t *testing.T) {
	const huge = int(^uint(0) >> 1)
	tests := []struct {
		in         string
		wantDelay  int
		wantTarget string
		wantOK     bool
	}{
		{"0; url=/x", 0, "/x", true},
		{"0;URL='/x'", 0, "/x", true},
		{`0; url="x"`, 0, "x", true},
		{"5", 5, "", true},
		{"  3 , url = /y ", 3, "/y", true},
		{"0; /plain", 0, "/plain", true},
		{"0 https://example.com/a", 0, "https://example.com/a", true},
		{"1.5; url=/z", 1, "/z", true},
		{".5;url=/a", 0, "/a", true},
		{"0; url='/q", 0, "/q", true},
		{"0; url='/q' trailing", 0, "/q", true},
		{"0; URL=http://example.com/?a=1;b=2", 0, "http://example.com/?a=1;b=2", true},
		{"0;", 0, "", true},
		{"99999999999999999999; url=/x", huge, "/x", true},
		{"0x; url=/x", 0, "", false},
		{"abc", 0, "", false},
		{"", 0, "", false},
		{"; url=/x", 0, "", false},
	}
	for _, tt := range tests {
		delay, target, ok := parseRefresh(tt.in)
		if delay != tt.wantDelay || target != tt.wantTarget || ok != tt.wantOK {
			t.Errorf("parseRefresh(%q) = %d, %q, %v; want %d, %q, %v", tt.in, delay, target, ok, tt.wantDelay, tt.wantTarget, tt.wantOK)
		}
	}
}

func TestMetaRefresh(t *testing.T) {
	page, _ := url.Parse("https://example.com/dir/page?x=1")
	tests := []struct {
		name string
		html string
		want string // "" for no hop
	}{
		{"in head", `<html><head><meta http-equiv="refresh" content="0; url=/next"></head></html>`, "https://example.com/next"},
		{"relative to the page", `<meta http-equiv=refresh content="0;URL='other'">`, "https://example.com/dir/other"},
		{"upper-case attribute and value", `<HEAD><META HTTP-EQUIV="Refresh" CONTENT="2; URL=https://b.example/">`, "https://b.example/"},
		{"self-closing", `<head><meta http-equiv="refresh" content="0; url=/x" /></head>`, "https://example.com/x"},
		{"30 seconds is followed", `<meta http-equiv="refresh" content="30; url=/x">`, "https://example.com/x"},
		{"31 seconds is not", `<meta http-equiv="refresh" content="31; url=/x">`, ""},
		{"no url", `<meta http-equiv="refresh" content="5">`, ""},
		{"same page", `<meta http-equiv="refresh" content="0; url=/dir/page?x=1">`, ""},
		{"same page with a fragment", `<meta http-equiv="refresh" content="0; url=#top">`, ""},
		{"javascript", `<meta http-equiv="refresh" content="0; url=javascript:go()">`, ""},
		{"after </head>", `<head></head><meta http-equiv="refresh" content="0; url=/x">`, ""},
		{"in body", `<body><meta http-equiv="refresh" content="0; url=/x"></body>`, ""},
		{"in a comment", `<head><!-- <meta http-equiv="refresh" content="0; url=/x"> --></head>`, ""},
		{"in noscript", `<head><noscript><meta http-equiv="refresh" content="0; url=/x"></noscript></head>`, ""},
		{"other meta", `<head><meta name="refresh" content="0; url=/x"></head>`, ""},
		{"base href", `<head><base href="https://cdn.example/base/"><meta http-equiv="refresh" content="0; url=to"></head>`, "https://cdn.example/base/to"},
		{"first refresh wins", `<head><meta http-equiv="refresh" content="60; url=/a"><meta http-equiv="refresh" content="0; url=/b"></head>`, ""},
		{"unparsable refresh is skipped", `<head><meta http-equiv="refresh" content="soon"><meta http-equiv="refresh" content="0; url=/b"></head>`, "https://example.com/b"},
		{"beyond 64 KiB", "<head><title>" + strings.Repeat("x", 70<<10) + `</title><meta http-equiv="refresh" content="0; url=/x"></head>`, ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := metaRefresh([]byte(tt.html), page)
			switch {
			case tt.want == "" && got != nil:
				t.Errorf("got a hop to %s, want none", got)
			case tt.want != "" && (got == nil || got.String() != tt.want):
				t.Errorf("got %v, want %s", got, tt.want)
			}
		})
	}
}

func TestFetchMetaRefresh(t *testing.T) {
	refresh := func(content string) string {
		return `<html><head><meta http-equiv="refresh" content="` + content + `"></head><body>moved</body></html>`
	}
	chain := func(n int) map[string]route {
		routes := map[string]route{fmt.Sprintf("/m/%d", n): {status: 200, body: "end"}}
		for i := range n {
			routes[fmt.Sprintf("/m/%d", i)] = route{status: 200, body: refresh(fmt.Sprintf("0; url=/m/%d", i+1))}
		}
		return routes
	}
	tests := []struct {
		name       string
		routes     map[string]route
		follow     bool
		wantFinal  string
		wantStatus int
		wantHops   []Hop
		wantKind   string
	}{
		{
			name:       "followed",
			routes:     map[string]route{"/a": {status: 200, body: refresh("0; url=/b")}, "/b": {status: 200, body: "b"}},
			follow:     true,
			wantFinal:  "/b",
			wantStatus: 200,
			wantHops:   []Hop{{URL: "/a", Status: 200, Kind: HopMetaRefresh}},
		},
		{
			name:       "not asked",
			routes:     map[string]route{"/a": {status: 200, body: refresh("0; url=/b")}, "/b": {status: 200, body: "b"}},
			wantFinal:  "/a",
			wantStatus: 200,
		},
		{
			name: "after HTTP redirects, on a 404 page",
			routes: map[string]route{
				"/s": {status: 301, location: "/a"},
				"/a": {status: 404, body: refresh("1;URL='/b'")},
				"/b": {status: 302, location: "/c"},
				"/c": {status: 200, body: "c"},
			},
			follow:     true,
			wantFinal:  "/c",
			wantStatus: 200,
			wantHops:   []Hop{{URL: "/s", Status: 301}, {URL: "/a", Status: 404, Kind: HopMetaRefresh}, {URL: "/b", Status: 302}},
		},
		{
			name:       "not HTML",
			routes:     map[string]route{"/a": {status: 200, body: refresh("0; url=/b"), header: map[string]string{"Content-Type": "text/plain"}}},
			follow:     true,
			wantFinal:  "/a",
			wantStatus: 200,
		},
		{
			name:       "long delay",
			routes:     map[string]route{"/a": {status: 200, body: refresh("300; url=/b")}},
			follow:     true,
			wantFinal:  "/a",
			wantStatus: 200,
		},
		{
			name:     "loop",
			routes:   map[string]route{"/a": {status: 200, body: refresh("0; url=/b")}, "/b": {status: 200, body: refresh("0; url=/a")}},
			follow:   true,
			wantKind: KindRedirectLoop,
		},
		{
			name:     "HTTP redirect back to a refreshing page",
			routes:   map[string]route{"/a": {status: 200, body: refresh("0; url=/b")}, "/b": {status: 301, location: "/a"}},
			follow:   true,
			wantKind: KindRedirectLoop,
		},
		{
			name:       "10 refreshes are followed",
			routes:     chain(10),
			follow:     true,
			wantFinal:  "/m/10",
			wantStatus: 200,
			wantHops: func() []Hop {
				var hops []Hop
				for i := range 10 {
					hops = append(hops, Hop{URL: fmt.Sprintf("/m/%d", i), Status: 200, Kind: HopMetaRefresh})
				}
				return hops
			}(),
		},
		{
			name:     "11 refreshes are too many",
			routes:   chain(11),
			follow:   true,
			wantKind: KindTooManyRedirects,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := routeServer(t, tt.routes)
			req := Request{URL: srv.URL + firstRoute(tt.routes), FollowMetaRefresh: tt.follow}
			if tt.wantKind != "" {
				fe := fetchError(t, context.Background(), testClient(), req)
				if fe.Kind != tt.wantKind {
					t.Errorf("kind %q (%v), want %q", fe.Kind, fe, tt.wantKind)
				}
				return
			}
			resp := mustFetch(t, testClient(), req)
			if resp.FinalURL != srv.URL+tt.wantFinal || resp.Status != tt.wantStatus {
				t.Errorf("final %s (%d), want %s (%d)", resp.FinalURL, resp.Status, srv.URL+tt.wantFinal, tt.wantStatus)
			}
			var want []Hop
			for _, h := range tt.wantHops {
				h.URL = srv.URL + h.URL
				want = append(want, h)
			}
			if !slices.Equal(resp.Redirects, want) {
				t.Errorf("Redirects = %+v, want %+v", resp.Redirects, want)
			}
		})
	}
}

// firstRoute returns the route a test starts from: "/s" if present, then
// "/a", then "/m/0".
func firstRoute(routes map[string]route) string {
	for _, p := range []string{"/s", "/a", "/m/0"} {
		if _, ok := routes[p]; ok {
			return p
		}
	}
	return "/"
}
