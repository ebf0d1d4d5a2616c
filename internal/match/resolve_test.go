package match

import "testing"

func TestResolve(t *testing.T) {
	const (
		file = "https://blog.example/posts/2024/review"  // page URL without trailing slash
		dir  = "https://blog.example/posts/2024/review/" // page URL with trailing slash
	)
	tests := []struct {
		name string
		base string
		href string
		want string // "" means not resolvable (false)
	}{
		{"absolute", file, "https://shop.example/product", "https://shop.example/product"},
		{"relative file base", file, "product", "https://blog.example/posts/2024/product"},
		{"relative dir base", dir, "product", "https://blog.example/posts/2024/review/product"},
		{"dot relative", file, "./product", "https://blog.example/posts/2024/product"},
		{"parent", file, "../product", "https://blog.example/posts/product"},
		{"parent dir base", dir, "../product", "https://blog.example/posts/2024/product"},
		{"above root", file, "../../../../product", "https://blog.example/product"},
		{"root relative", file, "/product", "https://blog.example/product"},
		{"scheme relative", file, "//shop.example/product", "https://shop.example/product"},
		{"scheme relative http base", "http://blog.example/", "//shop.example/p", "http://shop.example/p"},
		{"query only", file, "?page=2", "https://blog.example/posts/2024/review?page=2"},
		{"fragment only", file + "?x=1", "#top", "https://blog.example/posts/2024/review?x=1#top"},
		{"base fragment dropped", file + "#old", "other", "https://blog.example/posts/2024/other"},
		{"surrounding whitespace", file, " \n https://shop.example/product \t", "https://shop.example/product"},
		{"newline and tab inside", file, "https://shop.exa\nmple/pro\tduct", "https://shop.example/product"},
		{"backslashes", file, `\product\item`, "https://blog.example/product/item"},
		{"backslash authority", file, `https:\\shop.example\p`, "https://shop.example/p"},
		{"backslash in query kept", file, `/p?a=\x`, `https://blog.example/p?a=%5Cx`},
		{"space in path", file, "/a b", "https://blog.example/a%20b"},
		{"space in query", file, "/s?q=a b", "https://blog.example/s?q=a%20b"},
		{"encoded slash kept with space", file, "/a%2Fb c", "https://blog.example/a%2Fb%20c"},
		{"unicode path", file, "/café", "https://blog.example/caf%C3%A9"},
		{"unicode host", file, "https://Bücher.example/x", "https://xn--bcher-kva.example/x"},
		{"host lower-cased, default port dropped", file, "HTTPS://SHOP.Example:443/P", "https://shop.example/P"},
		{"stray percent", file, "/50%-off", "https://blog.example/50%25-off"},
		{"entities are not decoded here", file, "/s?a=1&amp;b=2", "https://blog.example/s?a=1&amp;b=2"},
		{"uppercase scheme", file, "HTTP://shop.example/", "http://shop.example/"},
		{"absolute with bad base", "not a base", "https://shop.example/p", "https://shop.example/p"},
		{"absolute dot segments", "", "https://shop.example/a/../p", "https://shop.example/p"},
		{"empty path", file, "https://shop.example", "https://shop.example/"},
		{"empty path with query", file, "//shop.example?x=1", "https://shop.example/?x=1"},
		{"dot", file, ".", "https://blog.example/posts/2024/"},
		{"IPv6", file, "http://[::1]:8080/p", "http://[::1]:8080/p"},

		{"empty", file, "", ""},
		{"blank", file, " \t\n", ""},
		{"mailto", file, "mailto:info@shop.example", ""},
		{"javascript", file, "javascript:void(0)", ""},
		{"javascript uppercase with space", file, " JavaScript:go('https://shop.example/')", ""},
		{"tel", file, "tel:+123", ""},
		{"data", file, "data:text/html,hi", ""},
		{"ftp", file, "ftp://shop.example/p", ""},
		{"relative with bad base", "not a base", "/product", ""},
		{"relative with ftp base", "ftp://files.example/", "x", ""},
		{"missing host", file, "https:///p", ""},
		{"opaque http", file, "http:shop.example", ""},
		{"bad host", file, "https://sh op.example/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Resolve(tt.base, tt.href)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Resolve(%q, %q) = %q, %v; want %q", tt.base, tt.href, got, ok, tt.want)
			}
			if ok {
				if err := Check(got); err != nil {
					t.Errorf("Resolve result %q fails Check: %v", got, err)
				}
			}
		})
	}
}

// TestResolveBaseHref resolves the way the extractor handles <base href>: the
// base href is resolved against the page URL first, then links against it.
func TestResolveBaseHref(t *testing.T) {
	const page = "https://blog.example/posts/2024/review"
	tests := []struct {
		baseHref string
		href     string
		want     string
	}{
		{"https://cdn.example/mirror/", "product", "https://cdn.example/mirror/product"},
		{"https://cdn.example/mirror", "product", "https://cdn.example/product"},
		{"/shop/", "product", "https://blog.example/shop/product"},
		{"/shop/", "../product", "https://blog.example/product"},
		{"//shop.example/", "p", "https://shop.example/p"},
		{"sub/", "p", "https://blog.example/posts/2024/sub/p"},
		{"https://cdn.example/mirror/", "/root", "https://cdn.example/root"},
		{"https://cdn.example/mirror/", "https://shop.example/p", "https://shop.example/p"},
	}
	for _, tt := range tests {
		base, ok := Resolve(page, tt.baseHref)
		if !ok {
			t.Errorf("Resolve(%q, %q) failed", page, tt.baseHref)
			continue
		}
		got, ok := Resolve(base, tt.href)
		if !ok || got != tt.want {
			t.Errorf("with <base href=%q>: Resolve(%q, %q) = %q, %v; want %q", tt.baseHref, base, tt.href, got, ok, tt.want)
		}
	}
}

// TestResolveThenMatch is the way the verdict engine uses the package: a link
// found on a page matches the target after resolution.
func TestResolveThenMatch(t *testing.T) {
	const page = "https://blog.example/posts/review/"
	tests := []struct {
		href, target string
		want         bool
	}{
		{"../../product/", "https://shop.example/product", false},
		{"https://www.shop.example/product/", "http://shop.example/product", true},
		{"//SHOP.example/product?b=2&a=1#buy", "https://shop.example/product?a=1&b=2", true},
		{"../../product", "https://blog.example/product", true},
		{"/product?id=1", "https://blog.example/product?id=2", false},
	}
	for _, tt := range tests {
		abs, ok := Resolve(page, tt.href)
		if !ok {
			t.Errorf("Resolve(%q, %q) failed", page, tt.href)
			continue
		}
		if got := SamePage(abs, tt.target); got != tt.want {
			t.Errorf("SamePage(%q (from %q), %q) = %v, want %v", abs, tt.href, tt.target, got, tt.want)
		}
	}
}
