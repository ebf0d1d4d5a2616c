package match

import "testing"

func TestSite(t *testing.T) {
	tests := []struct {
		raw  string
		want string
	}{
		{"https://shop.example/product", "shop.example"},
		{"https://www.shop.example/product", "shop.example"},
		{"https://blog.shop.example/", "shop.example"},
		{"https://WWW.Shop.Example./", "shop.example"},
		{"https://shop.example:8443/", "shop.example"},
		{"https://www.example.co.uk/p", "example.co.uk"},
		{"https://a.b.example.co.uk/p", "example.co.uk"},
		{"https://example.co.uk/p", "example.co.uk"},
		{"https://user.github.io/p", "user.github.io"},
		{"https://github.io/", "github.io"},
		{"https://co.uk/", "co.uk"},
		{"https://www.bücher.de/", "xn--bcher-kva.de"},
		{"https://shop.xn--bcher-kva.de/", "xn--bcher-kva.de"},
		{"http://127.0.0.1:8080/p", "127.0.0.1:8080"},
		{"http://127.0.0.1:8081/p", "127.0.0.1:8081"},
		{"http://127.0.0.1/p", "127.0.0.1"},
		{"http://127.0.0.1:80/p", "127.0.0.1"},
		{"https://127.0.0.1:443/p", "127.0.0.1"},
		{"http://[::1]:8080/p", "[::1]:8080"},
		{"http://[::1]/p", "[::1]"},
		{"http://localhost:3000/", "localhost:3000"},
		{"http://LOCALHOST./", "localhost"},
		{"http://intranet/", "intranet"},
		{"http://www.intranet:81/", "intranet:81"},
		{"not a url", ""},
		{"ftp://shop.example/", ""},
		{"https://./", ""},
	}
	for _, tt := range tests {
		if got := Site(tt.raw); got != tt.want {
			t.Errorf("Site(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestMentions(t *testing.T) {
	const target = "https://www.shop.example/product"
	tests := []struct {
		text   string
		target string
		want   bool
	}{
		{"visit shop.example today", target, true},
		{"Visit SHOP.EXAMPLE today", target, true},
		{"shop.example", target, true},
		{"Buy it at shop.example.", target, true},
		{"Buy it at shop.example...", target, true},
		{"(shop.example)", target, true},
		{"see www.shop.example", target, true},
		{"see https://shop.example/product for details", target, true},
		{"see shop.example/product", target, true},
		{"mail info@shop.example", target, true},
		{"shop.example:8080 runs the shop", target, true},
		{"«shop.example»", target, true},

		{"visit myshop.example.org", target, false},
		{"visit myshop.example", target, false},
		{"visit shop.example.org", target, false},
		{"visit shop.examples", target, false},
		{"visit blog.shop.example", target, false},
		{"visit shop-example.com", target, false},
		{"visit shop example", target, false},
		{"visit éshop.example", target, false},
		{"xwww.shop.example", target, false},
		{"", target, false},

		{"Bücher gibt es bei bücher.example", "https://xn--bcher-kva.example/", true},
		{"see xn--bcher-kva.example", "https://bücher.example/", true},
		{"see BÜCHER.example", "https://bücher.example/", true},
		{"see bucher.example", "https://bücher.example/", false},

		{"running on 127.0.0.1:8080/page", "http://127.0.0.1:8080/page", true},
		{"running on 127.0.0.1:8081/page", "http://127.0.0.1:8080/page", false},
		{"running on 127.0.0.1:80800", "http://127.0.0.1:8080/", false},
		{"running on 10.127.0.0.1:8080", "http://127.0.0.1:8080/", false},
		{"running on 127.0.0.1", "http://127.0.0.1/", true},
		{"at [::1]:8080 now", "http://[::1]:8080/", true},

		{"visit shop.example today", "not a url", false},
		{"visit shop.example today", "", false},
	}
	for _, tt := range tests {
		if got := Mentions(tt.text, tt.target); got != tt.want {
			t.Errorf("Mentions(%q, %q) = %v, want %v", tt.text, tt.target, got, tt.want)
		}
	}
}
