package match

import (
	"strings"
	"testing"
)

// TestSame checks every rule of SPEC §3 in both modes, each with a case where
// it applies and one where it must not.
func TestSame(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		loose bool
		exact bool
	}{
		// Identity.
		{"identical", "https://shop.example/product", "https://shop.example/product", true, true},
		{"different path", "https://shop.example/product", "https://shop.example/products", false, false},
		{"different host", "https://shop.example/p", "https://shop2.example/p", false, false},

		// Scheme.
		{"scheme http = https", "http://shop.example/p", "https://shop.example/p", true, false},
		{"scheme case", "HTTPS://shop.example/p", "https://shop.example/p", true, true},

		// Host case and IDNA.
		{"host case", "https://Shop.EXAMPLE/p", "https://shop.example/p", true, true},
		{"IDNA unicode = punycode", "https://bücher.example/", "https://xn--bcher-kva.example/", true, true},
		{"IDNA unicode case", "https://BÜCHER.example/", "https://xn--bcher-kva.example/", true, true},
		{"IDNA punycode case", "https://XN--BCHER-KVA.example/", "https://bücher.example/", true, true},
		{"IDNA percent-encoded unicode host", "https://b%C3%BCcher.example/", "https://xn--bcher-kva.example/", true, true},
		{"IDNA fullwidth dot", "https://bücher。example/", "https://xn--bcher-kva.example/", true, true},
		{"IDNA different name", "https://bücher.example/", "https://bucher.example/", false, false},
		{"IDNA nontransitional sharp s", "https://faß.example/", "https://fass.example/", false, false},

		// www.
		{"leading www ignored", "https://www.shop.example/p", "https://shop.example/p", true, false},
		{"www case", "https://WWW.shop.example/p", "https://shop.example/p", true, false},
		{"www only leading", "https://shop.www.example/p", "https://shop.example/p", false, false},
		{"www2 is not www", "https://www2.shop.example/p", "https://shop.example/p", false, false},
		{"only one www ignored", "https://www.www.shop.example/p", "https://shop.example/p", false, false},
		{"wwwshop is not www.", "https://wwwshop.example/p", "https://shop.example/p", false, false},

		// Trailing dot on the host.
		{"host trailing dot", "https://shop.example./p", "https://shop.example/p", true, false},
		{"host trailing dot and www", "https://www.shop.example./p", "https://shop.example/p", true, false},

		// Ports.
		{"default port http", "http://shop.example:80/p", "http://shop.example/p", true, true},
		{"default port https", "https://shop.example:443/p", "https://shop.example/p", true, true},
		{"port 443 on http", "http://shop.example:443/p", "http://shop.example/p", true, false},
		{"port 80 on https", "https://shop.example:80/p", "https://shop.example/p", true, false},
		{"leading zeros in port", "http://shop.example:0080/p", "http://shop.example/p", true, true},
		{"empty port", "http://shop.example:/p", "http://shop.example/p", true, true},
		{"non-default port", "http://shop.example:8080/p", "http://shop.example/p", false, false},
		{"different ports", "http://127.0.0.1:8080/", "http://127.0.0.1:8081/", false, false},

		// Userinfo.
		{"userinfo dropped in loose", "https://user:pw@shop.example/p", "https://shop.example/p", true, false},
		{"userinfo kept in exact", "https://user:pw@shop.example/p", "https://user:pw@shop.example/p", true, true},
		{"userinfo percent case", "https://us%65r@shop.example/p", "https://user@shop.example/p", true, true},

		// Fragment.
		{"fragment dropped", "https://shop.example/p#reviews", "https://shop.example/p", true, false},
		{"fragments differ", "https://shop.example/p#a", "https://shop.example/p#b", true, false},
		{"empty fragment", "https://shop.example/p#", "https://shop.example/p", true, false},
		{"same fragment", "https://shop.example/p#a", "https://shop.example/p#a", true, true},
		{"fragment percent case", "https://shop.example/p#%c3%a9", "https://shop.example/p#é", true, true},

		// Empty path.
		{"empty path", "https://shop.example", "https://shop.example/", true, true},
		{"empty path with query", "https://shop.example?a=1", "https://shop.example/?a=1", true, true},

		// Trailing slash.
		{"one trailing slash ignored", "https://shop.example/p/", "https://shop.example/p", true, false},
		{"trailing slash deep", "https://shop.example/a/b/", "https://shop.example/a/b", true, false},
		{"trailing slash before query", "https://shop.example/p/?x=1", "https://shop.example/p?x=1", true, false},
		{"two trailing slashes", "https://shop.example/p//", "https://shop.example/p", false, false},
		{"two vs one trailing slash", "https://shop.example/p//", "https://shop.example/p/", false, false},
		{"inner slash significant", "https://shop.example/a/b", "https://shop.example/ab", false, false},

		// Percent-encoding.
		{"unreserved tilde decoded", "https://shop.example/%7Euser", "https://shop.example/~user", true, true},
		{"unreserved letter decoded", "https://shop.example/%41bc", "https://shop.example/Abc", true, true},
		{"hex case", "https://shop.example/caf%c3%a9", "https://shop.example/caf%C3%A9", true, true},
		{"raw unicode = encoded", "https://shop.example/café", "https://shop.example/caf%C3%A9", true, true},
		{"space = %20", "https://shop.example/a b", "https://shop.example/a%20b", true, true},
		{"%2F is not slash", "https://shop.example/a%2Fb", "https://shop.example/a/b", false, false},
		{"%2f case", "https://shop.example/a%2fb", "https://shop.example/a%2Fb", true, true},
		{"reserved stays encoded", "https://shop.example/a%3Bb", "https://shop.example/a;b", false, false},
		{"path case significant", "https://shop.example/Product", "https://shop.example/product", false, false},
		{"stray percent", "https://shop.example/50%-off", "https://shop.example/50%25-off", true, true},

		// Dot segments.
		{"dot segments", "https://shop.example/a/./b/../c", "https://shop.example/a/c", true, true},
		{"dot dot above root", "https://shop.example/../p", "https://shop.example/p", true, true},
		{"encoded dot segments", "https://shop.example/a/%2E%2e/p", "https://shop.example/p", true, true},
		{"dots in names kept", "https://shop.example/a..b/p", "https://shop.example/p", false, false},

		// Query.
		{"query must match", "https://shop.example/p?id=1", "https://shop.example/p?id=2", false, false},
		{"query missing", "https://shop.example/p?id=1", "https://shop.example/p", false, false},
		{"query order ignored", "https://shop.example/p?a=1&b=2", "https://shop.example/p?b=2&a=1", true, false},
		{"repeated key order", "https://shop.example/p?a=2&a=1", "https://shop.example/p?a=1&a=2", true, false},
		{"key without value vs empty value", "https://shop.example/p?a&a=", "https://shop.example/p?a=&a", true, false},
		{"key without value differs from empty value", "https://shop.example/p?a", "https://shop.example/p?a=", false, false},
		{"question mark alone", "https://shop.example/p?", "https://shop.example/p", true, false},
		{"empty parameters", "https://shop.example/p?a=1&&b=2&", "https://shop.example/p?b=2&a=1", true, false},
		{"plus = %20 in loose", "https://shop.example/s?q=a+b", "https://shop.example/s?q=a%20b", true, false},
		{"plus is not %2B", "https://shop.example/s?q=a+b", "https://shop.example/s?q=a%2Bb", false, false},
		{"query percent case", "https://shop.example/s?q=%c3%a9", "https://shop.example/s?q=é", true, true},
		{"query space", "https://shop.example/s?q=a b", "https://shop.example/s?q=a%20b", true, true},
		{"query encoded ampersand", "https://shop.example/s?a=1%26b=2", "https://shop.example/s?a=1&b=2", false, false},
		{"query value case", "https://shop.example/s?q=A", "https://shop.example/s?q=a", false, false},
		// HTML entities are decoded by the HTML parser, not here.
		{"entity not decoded", "https://shop.example/s?a=1&amp;b=2", "https://shop.example/s?a=1&b=2", false, false},

		// IP hosts.
		{"IPv4", "http://127.0.0.1:8080/p", "http://127.0.0.1:8080/p/", true, false},
		{"IPv6 compressed", "http://[2001:DB8:0:0::1]/", "http://[2001:db8::1]/", true, true},
		{"IPv6 port", "http://[::1]:8080/a", "https://[::1]:8080/a", true, false},
		{"IPv6 different", "http://[::1]/", "http://[::2]/", false, false},

		// Whitespace around input.
		{"surrounding whitespace", "  https://shop.example/p\n", "https://shop.example/p", true, true},
		{"tab inside", "https://shop.ex\tample/p", "https://shop.example/p", true, true},

		// Unparsable input never matches, even itself.
		{"invalid both", "not a url", "not a url", false, false},
		{"ftp never matches", "ftp://shop.example/p", "ftp://shop.example/p", false, false},
		{"one invalid", "https://shop.example/p", "shop.example/p", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				mode Mode
				want bool
			}{{Loose, tt.loose}, {Exact, tt.exact}} {
				if got := Same(tt.a, tt.b, c.mode); got != c.want {
					ka, ea := Key(tt.a, c.mode)
					kb, eb := Key(tt.b, c.mode)
					t.Errorf("Same(%q, %q, %v) = %v, want %v (keys %q %v / %q %v)",
						tt.a, tt.b, c.mode, got, c.want, ka, ea, kb, eb)
				}
				if got := Same(tt.b, tt.a, c.mode); got != c.want {
					t.Errorf("Same(%q, %q, %v) = %v (reversed), want %v", tt.b, tt.a, c.mode, got, c.want)
				}
			}
			if got := SamePage(tt.a, tt.b); got != tt.loose {
				t.Errorf("SamePage(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.loose)
			}
		})
	}
}

func TestKey(t *testing.T) {
	tests := []struct {
		raw   string
		mode  Mode
		want  string
		error string // substring of the error; "" for success
	}{
		{"HTTPS://WWW.Shop.Example:443/a/./b/../%7Ec/?b=2&a=1#frag", Loose, "http://shop.example/a/~c?a=1&b=2", ""},
		{"HTTPS://WWW.Shop.Example:443/a/./b/../%7Ec/?b=2&a=1#frag", Exact, "https://www.shop.example/a/~c/?b=2&a=1#frag", ""},
		{"https://shop.example", Loose, "http://shop.example/", ""},
		{"https://shop.example", Exact, "https://shop.example/", ""},
		{"https://shop.example/?", Exact, "https://shop.example/?", ""},
		{"https://shop.example/#", Exact, "https://shop.example/#", ""},
		{"https://bücher.example/café?q=é", Exact, "https://xn--bcher-kva.example/caf%C3%A9?q=%C3%A9", ""},
		{"https://shop.example/s?q=a+b&p=%2b", Loose, "http://shop.example/s?p=%2B&q=a%20b", ""},
		{"https://shop.example/s?q=a+b", Exact, "https://shop.example/s?q=a+b", ""},
		{"http://u%3a:p@[::FFFF:7f00:1]:8080/", Exact, "http://u%3A:p@[::ffff:127.0.0.1]:8080/", ""},
		{"http://u:p@[::1]:8080/", Loose, "http://[::1]:8080/", ""},
		{"https://shop.example:8443/p", Loose, "http://shop.example:8443/p", ""},
		{"https://shop_1.example/", Loose, "http://shop_1.example/", ""},
		{"https://www.www.shop.example/", Loose, "http://www.www.shop.example/", ""},
		{"https://shop.example/p", Mode(7), "", "invalid match mode"},
		{"", Loose, "", "empty URL"},
		{"//shop.example/p", Loose, "", "missing scheme"},
		{"ftp://shop.example/p", Exact, "", "scheme ftp is not http(s)"},
		{"https:///p", Loose, "", "missing host"},
		{"https://./", Loose, "", "missing host"},
		{"https://./", Exact, "https://./", ""},
		{"https://shop.example:99999/", Loose, "", "out of range"},
		{"https://sh op.example/", Loose, "", "invalid URL"},
		{"https://shop<.example/", Loose, "", "invalid character"},
		{"http://[fe80::1%25en0]/", Loose, "", "zone"},
	}
	for _, tt := range tests {
		got, err := Key(tt.raw, tt.mode)
		if tt.error != "" {
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Errorf("Key(%q, %v) = %q, %v; want error containing %q", tt.raw, tt.mode, got, err, tt.error)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Key(%q, %v) = %q, %v; want %q", tt.raw, tt.mode, got, err, tt.want)
		}
	}
}
