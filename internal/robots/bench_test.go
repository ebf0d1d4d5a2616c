package robots

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// bigRobots returns a file with n rules for "*": literal, wildcard and
// anchored patterns, none of which matches "/nomatch/...", plus one
// Allow for "/section-7/page-7/keep" that beats "Disallow: /section-7/".
func bigRobots(n int) []byte {
	var b strings.Builder
	b.WriteString("User-agent: googlebot\nDisallow: /google-only\n\nUser-agent: *\n")
	for i := range n - 2 {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "Disallow: /section-%d/\n", i)
		case 1:
			fmt.Fprintf(&b, "Disallow: /*/tag-%d/*.html$\n", i)
		default:
			fmt.Fprintf(&b, "Allow: /section-%d/page-%d/keep\n", i-2, i)
		}
	}
	b.WriteString("Disallow: /*?session=\nAllow: /section-0/page-2/keep/longer\n")
	return []byte(b.String())
}

func TestBigFile(t *testing.T) {
	r := Parse(bigRobots(5000))
	runChecksOn(t, r, []check{
		{"bingbot", "/nomatch/deep/path/file.html?x=1", true, ""},
		{"bingbot", "/section-3/x", false, "Disallow: /section-3/"},
		{"bingbot", "/section-0/page-2/keep/it", true, "Allow: /section-0/page-2/keep"},
		{"bingbot", "/section-0/page-2/keep/longer", true, "Allow: /section-0/page-2/keep/longer"},
		{"bingbot", "/a/b/tag-4/c/d.html", false, "Disallow: /*/tag-4/*.html$"},
		{"bingbot", "/a/b/tag-4/c/d.html?x", true, ""},
		{"bingbot", "/a/b?session=1", false, "Disallow: /*?session="},
		{"googlebot", "/section-3/x", true, ""},
	})
}

func runChecksOn(t *testing.T, r *Rules, checks []check) {
	t.Helper()
	for _, c := range checks {
		allowed, rule := r.Allowed(c.token, c.path)
		if allowed != c.allowed || rule != c.rule {
			t.Errorf("Allowed(%q, %q) = %v, %q; want %v, %q", c.token, c.path, allowed, rule, c.allowed, c.rule)
		}
	}
}

// BenchmarkAllowed5000Rules measures the worst case: no rule of a
// 5,000-rule group matches, so every rule is tried.
func BenchmarkAllowed5000Rules(b *testing.B) {
	r := Parse(bigRobots(5000))
	for b.Loop() {
		if ok, _ := r.Allowed("bingbot", "/nomatch/deep/path/file.html?x=1"); !ok {
			b.Fatal("disallowed")
		}
	}
}

// BenchmarkCheck5000Rules measures Cache.Check on a cached 5,000-rule file.
func BenchmarkCheck5000Rules(b *testing.B) {
	g := &fakeGetter{responses: map[string]response{
		"https://big.example/robots.txt": {status: 200, body: string(bigRobots(5000))},
	}}
	c := NewCache(g)
	ctx := context.Background()
	for b.Loop() {
		if _, err := c.Check(ctx, "https://big.example/nomatch/deep/path/file.html?x=1", "bingbot"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse5000Rules measures parsing a 5,000-rule file.
func BenchmarkParse5000Rules(b *testing.B) {
	body := bigRobots(5000)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Parse(body)
	}
}
