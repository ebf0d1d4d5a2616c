package match

import "testing"

// FuzzKey checks the invariants of Key, Same and the helpers on any input:
// nothing panics; a key is a fixed point (Key of a key is the same key, and
// parses, and matches the URL it came from); Same is symmetric; Exact-equal implies Loose-equal; a URL that
// Check accepts has keys in both modes; Resolve's results pass Check.
func FuzzKey(f *testing.F) {
	seeds := [][2]string{
		{"https://www.shop.example/product/", "http://shop.example/product"},
		{"https://bücher.example/café?b=2&a=1#x", "https://xn--bcher-kva.example/caf%C3%A9?a=1&b=2"},
		{"http://[::1]:8080/a/../b?q=a+b", "http://[::1]:8080/b?q=a%20b"},
		{"HTTP://user:pw@Shop.Example.:80/%7e/./x%2Fy?", "http://shop.example/~/x%2Fy"},
		{"https://shop.example/50%-off#", "/relative/../path?x"},
		{"javascript:alert(1)", "mailto:a@b"},
		{"https://www.www.x/a//", "https://www.x/a/"},
		{"", " \t\n"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, mode := range []Mode{Loose, Exact} {
			k, err := Key(a, mode)
			if err != nil {
				continue
			}
			k2, err := Key(k, mode)
			if err != nil {
				t.Fatalf("Key(%q, %v) = %q, which does not parse: %v", a, mode, k, err)
			}
			if k2 != k {
				t.Fatalf("Key not idempotent in %v: %q -> %q -> %q", mode, a, k, k2)
			}
			if !Same(a, k, mode) || !Same(a, k, Loose) {
				t.Fatalf("%q does not match its own %v key %q in both modes", a, mode, k)
			}
		}
		if (Check(a) == nil) != (func() bool { _, e1 := Key(a, Loose); _, e2 := Key(a, Exact); return e1 == nil && e2 == nil })() {
			t.Fatalf("Check(%q) = %v disagrees with Key", a, Check(a))
		}
		for _, mode := range []Mode{Loose, Exact} {
			if Same(a, b, mode) != Same(b, a, mode) {
				t.Fatalf("Same(%q, %q, %v) is not symmetric", a, b, mode)
			}
		}
		if Same(a, b, Exact) && !Same(a, b, Loose) {
			ka, _ := Key(a, Loose)
			kb, _ := Key(b, Loose)
			t.Fatalf("Exact-equal but not Loose-equal: %q, %q (loose keys %q, %q)", a, b, ka, kb)
		}
		if r, ok := Resolve(a, b); ok {
			if err := Check(r); err != nil {
				t.Fatalf("Resolve(%q, %q) = %q, which fails Check: %v", a, b, r, err)
			}
		}
		_ = Site(a)
		_ = Mentions(b, a)
	})
}
