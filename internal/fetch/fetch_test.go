package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func TestFetchRedirects(t *testing.T) {
	const page = "<html><body>final page</body></html>"
	chain := func(n int) map[string]route {
		routes := map[string]route{fmt.Sprintf("/r/%d", n): {status: 200, body: page}}
		for i := range n {
			routes[fmt.Sprintf("/r/%d", i)] = route{status: 302, location: fmt.Sprintf("/r/%d", i+1)}
		}
		return routes
	}
	chainHops := func(n int) []Hop {
		var hops []Hop
		for i := range n {
			hops = append(hops, Hop{URL: fmt.Sprintf("{srv}/r/%d", i), Status: 302})
		}
		return hops
	}
	tests := []struct {
		name       string
		routes     map[string]route
		start      string
		wantStatus int
		wantFinal  string
		wantHops   []Hop
		wantKind   string
	}{
		{
			name: "301 302 307 308 with relative locations",
			routes: map[string]route{
				"/start": {status: 301, location: "/a/b"},
				"/a/b":   {status: 302, location: "c"},
				"/a/c":   {status: 307, location: "../d?x=1"},
				"/d?x=1": {status: 308, location: "{srv}/final"},
				"/final": {status: 200, body: page},
			},
			start:      "/start",
			wantStatus: 200,
			wantFinal:  "{srv}/final",
			wantHops: []Hop{
				{URL: "{srv}/start", Status: 301},
				{URL: "{srv}/a/b", Status: 302},
				{URL: "{srv}/a/c", Status: 307},
				{URL: "{srv}/d?x=1", Status: 308},
			},
		},
		{
			name:       "303 to a protocol-relative location",
			routes:     map[string]route{"/s": {status: 303, location: "//{host}/t"}, "/t": {status: 200, body: page}},
			start:      "/s",
			wantStatus: 200,
			wantFinal:  "{srv}/t",
			wantHops:   []Hop{{URL: "{srv}/s", Status: 303}},
		},
		{
			name:       "no redirect",
			routes:     map[string]route{"/": {status: 200, body: page}},
			start:      "/",
			wantStatus: 200,
			wantFinal:  "{srv}/",
		},
		{
			name:       "3xx without Location is final",
			routes:     map[string]route{"/s": {status: 301, body: page}},
			start:      "/s",
			wantStatus: 301,
			wantFinal:  "{srv}/s",
		},
		{
			name:       "redirect to ftp ends the chain",
			routes:     map[string]route{"/s": {status: 302, location: "/t"}, "/t": {status: 302, location: "ftp://example.com/x", body: page}},
			start:      "/s",
			wantStatus: 302,
			wantFinal:  "{srv}/t",
			wantHops:   []Hop{{URL: "{srv}/s", Status: 302}},
		},
		{
			name:       "redirect to javascript: ends the chain",
			routes:     map[string]route{"/s": {status: 301, location: "javascript:alert(1)", body: page}},
			start:      "/s",
			wantStatus: 301,
			wantFinal:  "{srv}/s",
		},
		{
			name:       "300 is not followed",
			routes:     map[string]route{"/s": {status: 300, location: "/t", body: page}, "/t": {status: 200}},
			start:      "/s",
			wantStatus: 300,
			wantFinal:  "{srv}/s",
		},
		{
			name:       "404 is a response",
			routes:     map[string]route{"/s": {status: 301, location: "/gone"}, "/gone": {status: 404, body: "nope"}},
			start:      "/s",
			wantStatus: 404,
			wantFinal:  "{srv}/gone",
			wantHops:   []Hop{{URL: "{srv}/s", Status: 301}},
		},
		{
			name:       "410 is a response",
			routes:     map[string]route{"/s": {status: 410}},
			start:      "/s",
			wantStatus: 410,
			wantFinal:  "{srv}/s",
		},
		{
			name:     "loop",
			routes:   map[string]route{"/a": {status: 301, location: "/b"}, "/b": {status: 302, location: "/a"}},
			start:    "/a",
			wantKind: KindRedirectLoop,
		},
		{
			name:     "self loop",
			routes:   map[string]route{"/a": {status: 307, location: "/a"}},
			start:    "/a",
			wantKind: KindRedirectLoop,
		},
		{
			name:     "loop through a fragment",
			routes:   map[string]route{"/a": {status: 301, location: "/a#top"}},
			start:    "/a",
			wantKind: KindRedirectLoop,
		},
		{
			name:       "10 hops are followed",
			routes:     chain(10),
			start:      "/r/0",
			wantStatus: 200,
			wantFinal:  "{srv}/r/10",
			wantHops:   chainHops(10),
		},
		{
			name:     "11 hops are too many",
			routes:   chain(11),
			start:    "/r/0",
			wantKind: KindTooManyRedirects,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srvURL, host string
			expand := func(s string) string {
				return strings.NewReplacer("{srv}", srvURL, "{host}", host).Replace(s)
			}
			routes := make(map[string]route)
			for k, v := range tt.routes {
				routes[k] = v
			}
			srv := routeServer(t, routes)
			srvURL, host = srv.URL, strings.TrimPrefix(srv.URL, "http://")
			for k, v := range routes {
				v.location = expand(v.location)
				routes[k] = v
			}
			c := testClient()
			if tt.wantKind != "" {
				fe := fetchError(t, context.Background(), c, Request{URL: srv.URL + tt.start})
				if fe.Kind != tt.wantKind {
					t.Fatalf("error kind %q (%v), want %q", fe.Kind, fe, tt.wantKind)
				}
				return
			}
			resp := mustFetch(t, c, Request{URL: srv.URL + tt.start})
			if resp.Status != tt.wantStatus {
				t.Errorf("Status = %d, want %d", resp.Status, tt.wantStatus)
			}
			if want := expand(tt.wantFinal); resp.FinalURL != want {
				t.Errorf("FinalURL = %q, want %q", resp.FinalURL, want)
			}
			if resp.RequestURL != srv.URL+tt.start {
				t.Errorf("RequestURL = %q, want %q", resp.RequestURL, srv.URL+tt.start)
			}
			var wantHops []Hop
			for _, h := range tt.wantHops {
				h.URL = expand(h.URL)
				wantHops = append(wantHops, h)
			}
			if resp.Redirects == nil || !slices.Equal(resp.Redirects, wantHops) {
				t.Errorf("Redirects = %+v, want %+v", resp.Redirects, wantHops)
			}
			if body := routes[strings.TrimPrefix(resp.FinalURL, srv.URL)].body; string(resp.Body) != body {
				t.Errorf("Body = %q, want %q", resp.Body, body)
			}
		})
	}
}

func TestFetchCookieThenRedirect(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if _, err := r.Cookie("session"); err != nil {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "1", Path: "/"})
			http.Redirect(w, r, "/article", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte("<p>article</p>"))
	}))
	defer srv.Close()

	c := testClient()
	for range 2 { // the jar is per fetch: the second fetch starts without the cookie
		requests.Store(0)
		resp := mustFetch(t, c, Request{URL: srv.URL + "/article"})
		if resp.Status != 200 || resp.FinalURL != srv.URL+"/article" {
			t.Errorf("got status %d at %s, want 200 at /article", resp.Status, resp.FinalURL)
		}
		want := []Hop{{URL: srv.URL + "/article", Status: 302}}
		if !slices.Equal(resp.Redirects, want) {
			t.Errorf("Redirects = %+v, want %+v", resp.Redirects, want)
		}
		if n := requests.Load(); n != 2 {
			t.Errorf("server saw %d requests, want 2", n)
		}
	}
}

func TestFetchInvalidURL(t *testing.T) {
	for _, u := range []string{"", "not a url", "/relative", "ftp://example.com/", "mailto:a@example.com", "http://", "https:///path", "http://[::1", "javascript:alert(1)"} {
		t.Run(u, func(t *testing.T) {
			fe := fetchError(t, context.Background(), testClient(), Request{URL: u})
			if fe.Kind != KindInvalidURL || fe.URL != u {
				t.Errorf("error = %+v, want kind %q for URL %q", fe, KindInvalidURL, u)
			}
		})
	}
}

func TestFetchRequestHeaders(t *testing.T) {
	got := make(chan http.Header, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Clone()
	}))
	defer srv.Close()

	tests := []struct {
		userAgent, want string
	}{
		{"", DefaultUserAgent},
		{"Mozilla/5.0 (compatible; Googlebot/2.1)", "Mozilla/5.0 (compatible; Googlebot/2.1)"},
	}
	for _, tt := range tests {
		mustFetch(t, testClient(), Request{URL: srv.URL, UserAgent: tt.userAgent})
		h := <-got
		want := map[string]string{
			"User-Agent":      tt.want,
			"Accept":          "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
			"Accept-Language": "en-US,en;q=0.9",
			"Accept-Encoding": "gzip, deflate",
		}
		for k, v := range want {
			if h.Get(k) != v {
				t.Errorf("request header %s = %q, want %q", k, h.Get(k), v)
			}
		}
	}
}

func TestFetchCanceledContext(t *testing.T) {
	srv := routeServer(t, map[string]route{"/": {status: 200}})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fe := fetchError(t, ctx, testClient(), Request{URL: srv.URL + "/"})
	if fe.Kind != KindCanceled {
		t.Errorf("kind %q, want %q", fe.Kind, KindCanceled)
	}
}
