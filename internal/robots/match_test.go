package robots

import "testing"

func TestRulesPercentEncoding(t *testing.T) {
	tests := []struct {
		name      string
		pattern   string
		path      string
		disallows bool
	}{
		// RFC 9309 §2.2.2: hex digits compare case-insensitively.
		{"§2.2.2 %3c vs %3C", "/a%3cd", "/a%3Cd", true},
		{"§2.2.2 %3C vs %3c", "/a%3Cd", "/a%3cd", true},
		// RFC 9309 §2.2.2: encoded unreserved characters are decoded.
		{"§2.2.2 %7E vs ~", "/%7Ejoe", "/~joe", true},
		{"§2.2.2 ~ vs %7e", "/~joe", "/%7ejoe", true},
		{"§2.2.2 table: %62%61%7A is baz (path)", "/foo/bar/baz", "/foo/bar/%62%61%7A", true},
		{"§2.2.2 table: %62%61%7A is baz (pattern)", "/foo/bar/%62%61%7A", "/foo/bar/baz", true},
		// RFC 9309 §2.2.2: non-ASCII octets are percent-encoded.
		{"§2.2.2 table: U+30C4 vs %E3%83%84", "/foo/bar/ツ", "/foo/bar/%E3%83%84", true},
		{"§2.2.2 table: %E3%83%84 vs U+30C4", "/foo/bar/%E3%83%84", "/foo/bar/ツ", true},
		{"§2.2.2 table: %e3%83%84 vs %E3%83%84", "/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", true},
		{"§2.2.2 table: query kept as is", "/foo/bar?baz=quz", "/foo/bar?baz=quz", true},
		{"§2.2.2 table: encoded query", "/foo/bar?baz=https%3A%2F%2Ffoo.bar", "/foo/bar?baz=https%3a%2f%2ffoo.bar", true},
		// Reserved characters keep their meaning (RFC 3986 §2.2).
		{"encoded slash is not a slash", "/a%2fb", "/a/b", false},
		{"slash is not an encoded slash", "/a/b", "/a%2Fb", false},
		{"encoded ? is not a query", "/a%3Fb", "/a?b", false},
		// RFC 9309 §2.2.3: %2A and %24 name "*" and "$" literally.
		{"§2.2.3 %2A matches a literal *", "/path/file-with-a-%2A.html", "/path/file-with-a-*.html", true},
		{"§2.2.3 %2A is no wildcard", "/path/file-with-a-%2A.html", "/path/file-with-a-x.html", false},
		{"§2.2.3 %24 matches a literal $", "/path/foo-%24", "/path/foo-$", true},
		{"§2.2.3 %24 is no anchor", "/path/foo-%24", "/path/foo-", false},
		{"space vs %20", "/a b", "/a%20b", true},
		{"stray % is %25", "/100%", "/100%25", true},
		{"stray % in path", "/100%25", "/100%", true},
		{"decoding is not case folding", "/%41", "/a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse([]byte("User-agent: *\nDisallow: " + tt.pattern + "\n"))
			allowed, rule := r.Allowed("x", tt.path)
			if allowed == tt.disallows {
				t.Errorf("pattern %q, path %q: allowed = %v (rule %q); want %v", tt.pattern, tt.path, allowed, rule, !tt.disallows)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"/plain/path?q=1&b=2", "/plain/path?q=1&b=2"},
		{"/%7e%41%2d", "/~A-"},
		{"/%2f%3a%3F", "/%2F%3A%3F"},
		{"/*$", "/%2A%24"},
		{"/é", "/%C3%A9"},
		{"/a b\t", "/a%20b%09"},
		{"/%", "/%25"},
		{"/%4", "/%254"},
		{"/%zz", "/%25zz"},
		{"/\"<>\\^`{|}", "/%22%3C%3E%5C%5E%60%7B%7C%7D"},
	}
	for _, tt := range tests {
		got := canonical(tt.in)
		if got != tt.want {
			t.Errorf("canonical(%q) = %q; want %q", tt.in, got, tt.want)
		}
		if again := canonical(got); again != got {
			t.Errorf("canonical is not idempotent on %q: %q", got, again)
		}
		if isCanonical(tt.in) != (tt.in == tt.want) {
			t.Errorf("isCanonical(%q) = %v; want %v", tt.in, isCanonical(tt.in), tt.in == tt.want)
		}
	}
}
