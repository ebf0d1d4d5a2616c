package robots

import (
	"strings"
	"testing"
)

// FuzzParseAllowed checks that no body, token or path makes Parse or Allowed
// panic, that /robots.txt is always allowed, and that a reported rule is one
// of the file's Allow/Disallow lines with the verdict it names.
func FuzzParseAllowed(f *testing.F) {
	f.Add([]byte(rfc9309Example), "foobot", "/example/page.html")
	f.Add([]byte("\xEF\xBB\xBFUser-agent: *\r\nDisallow: /*.gif$\rAllow: /a%2A*$\n"), "x", "/a*.gif")
	f.Add([]byte("User-agent: a\nDisallow: *\n"), "A", "")
	f.Add([]byte("user-agent:*\ndisallow:/%\nallow:/%zz%4"), "", "/%zz%41?%")
	f.Add([]byte("User-agent: *\nDisallow: /***$$\n"), "*", "/$$")
	f.Fuzz(func(t *testing.T, body []byte, token, path string) {
		r := Parse(body)
		allowed, rule := r.Allowed(token, path)
		switch {
		case rule == "":
			if !allowed {
				t.Fatalf("disallowed without a rule")
			}
		case strings.HasPrefix(rule, "Allow: "):
			if !allowed {
				t.Fatalf("rule %q but disallowed", rule)
			}
		case strings.HasPrefix(rule, "Disallow: "):
			if allowed {
				t.Fatalf("rule %q but allowed", rule)
			}
		default:
			t.Fatalf("rule %q is not an Allow or Disallow line", rule)
		}
		if ok, _ := r.Allowed(token, "/robots.txt"); !ok {
			t.Fatalf("/robots.txt disallowed")
		}
		c := canonical(path)
		if canonical(c) != c || !isCanonical(c) {
			t.Fatalf("canonical(%q) = %q is not stable", path, c)
		}
	})
}
