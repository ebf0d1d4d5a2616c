package robots

import (
	"strings"
	"testing"
)

// check is one Allowed question and its expected answer.
type check struct {
	token, path string
	allowed     bool
	rule        string
}

func runChecks(t *testing.T, body string, checks []check) {
	t.Helper()
	r := Parse([]byte(body))
	for _, c := range checks {
		allowed, rule := r.Allowed(c.token, c.path)
		if allowed != c.allowed || rule != c.rule {
			t.Errorf("Allowed(%q, %q) = %v, %q; want %v, %q", c.token, c.path, allowed, rule, c.allowed, c.rule)
		}
	}
}

// rfc9309Example is the file of RFC 9309 §5.1.
const rfc9309Example = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
`

func TestRulesRFCExamples(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		checks []check
	}{
		{"RFC9309 §5.1 simple example", rfc9309Example, []check{
			{"otherbot", "/example/page.html", false, "Disallow: /example/"},
			{"otherbot", "/publications/paper.pdf", true, "Allow: /publications/"},
			{"otherbot", "/publications/figure.gif", true, "Allow: /publications/"}, // 14 octets beat 6
			{"otherbot", "/images/logo.gif", false, "Disallow: *.gif$"},
			{"otherbot", "/images/logo.gif?v=2", true, ""}, // "$" anchors the end
			{"otherbot", "/", true, ""},
			{"foobot", "/example/page.html", true, "Allow: /example/page.html"},
			{"foobot", "/example/allowed.gif", true, "Allow: /example/allowed.gif"},
			{"foobot", "/example/disallowed.gif", false, "Disallow: /"},
			{"foobot", "/publications/", false, "Disallow: /"},
			{"barbot", "/example/page.html", false, "Disallow: /example/page.html"},
			{"bazbot", "/example/page.html", false, "Disallow: /example/page.html"},
			{"barbot", "/example/other.html", true, ""}, // does not inherit the * group
			{"barbot", "/images/logo.gif", true, ""},
			{"quxbot", "/example/page.html", true, ""}, // an empty group allows all
			{"quxbot", "/images/logo.gif", true, ""},
		}},
		{"RFC9309 §5.2 longest match", "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", []check{
			{"foobot", "/example/page/", true, "Allow: /example/page/"},
			{"foobot", "/example/page/allowed.gif", true, "Allow: /example/page/"},
			{"foobot", "/example/page/disallowed.gif", false, "Disallow: /example/page/disallowed.gif"},
			{"foobot", "/example/page/disallowed.gif.bak", false, "Disallow: /example/page/disallowed.gif"},
			{"foobot", "/example/", true, ""},
		}},
		{"RFC9309 §2.2.3 $ end of pattern", "User-agent: *\nDisallow: /this/path/exactly$\n", []check{
			{"a", "/this/path/exactly", false, "Disallow: /this/path/exactly$"},
			{"a", "/this/path/exactly/", true, ""},
			{"a", "/this/path/exactly?x=1", true, ""},
			{"a", "/this/path/exactl", true, ""},
		}},
		{"RFC9309 §2.2.3 * any characters", "User-agent: *\nDisallow: /this/*/exactly\n", []check{
			{"a", "/this/a/exactly", false, "Disallow: /this/*/exactly"},
			{"a", "/this/a/b/c/exactly", false, "Disallow: /this/*/exactly"},
			{"a", "/this//exactly", false, "Disallow: /this/*/exactly"},
			{"a", "/this/a/exactly-and-more", false, "Disallow: /this/*/exactly"},
			{"a", "/this/exactly", true, ""},
			{"a", "/that/a/exactly", true, ""},
		}},
		{"RFC9309 §2.2.3 # comments", "User-agent: * # all\n# a comment line\nDisallow: /x # not part of the path\n", []check{
			{"a", "/x", false, "Disallow: /x"},
			{"a", "/x%20", false, "Disallow: /x"},
			{"a", "/y", true, ""},
		}},
		{"wildcards: /fish*.php", "User-agent: *\nDisallow: /fish*.php\n", []check{
			{"a", "/fish.php", false, "Disallow: /fish*.php"},
			{"a", "/fishheads/catfish.php?parameters", false, "Disallow: /fish*.php"},
			{"a", "/Fish.PHP", true, ""},
			{"a", "/x/fish.php", true, ""}, // patterns are anchored at the start
		}},
		{"wildcards: /*.php$", "User-agent: *\nDisallow: /*.php$\n", []check{
			{"a", "/filename.php", false, "Disallow: /*.php$"},
			{"a", "/folder/filename.php", false, "Disallow: /*.php$"},
			{"a", "/a.php.php", false, "Disallow: /*.php$"},
			{"a", "/filename.php?parameters", true, ""},
			{"a", "/filename.php/", true, ""},
			{"a", "/windows.PHP", true, ""},
		}},
		{"wildcards: repeated and trailing *", "User-agent: *\nDisallow: /a**b*\nDisallow: /c*$\n", []check{
			{"a", "/ab", false, "Disallow: /a**b*"},
			{"a", "/axxbyy", false, "Disallow: /a**b*"},
			{"a", "/a", true, ""},
			{"a", "/c", false, "Disallow: /c*$"},
			{"a", "/cat?x", false, "Disallow: /c*$"},
		}},
		{"wildcards: $ inside a pattern is literal", "User-agent: *\nDisallow: /a$b\n", []check{
			{"a", "/a$b", false, "Disallow: /a$b"},
			{"a", "/a%24b", false, "Disallow: /a$b"},
			{"a", "/a", true, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runChecks(t, tt.body, tt.checks) })
	}
}

func TestRulesPrecedence(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		checks []check
	}{
		{"RFC9309 §2.2.2 longer disallow beats shorter allow", "User-agent: *\nAllow: /p\nDisallow: /page\n", []check{
			{"a", "/page", false, "Disallow: /page"},
			{"a", "/pa", true, "Allow: /p"},
		}},
		{"RFC9309 §2.2.2 longer allow beats shorter disallow", "User-agent: *\nDisallow: /p\nAllow: /page\n", []check{
			{"a", "/page", true, "Allow: /page"},
			{"a", "/pa", false, "Disallow: /p"},
		}},
		{"RFC9309 §2.2.2 order in the file does not matter", "User-agent: *\nDisallow: /page\nAllow: /p\n", []check{
			{"a", "/page", false, "Disallow: /page"},
			{"a", "/pa", true, "Allow: /p"},
		}},
		{"allow / with disallow /cgi-bin", "User-agent: *\nAllow: /\nDisallow: /cgi-bin\n", []check{
			{"a", "/cgi-bin/x", false, "Disallow: /cgi-bin"},
			{"a", "/index.html", true, "Allow: /"},
		}},
		{"RFC9309 §2.2.2 allow wins a tie, disallow first", "User-agent: *\nDisallow: /page\nAllow: /page\n", []check{
			{"a", "/page", true, "Allow: /page"},
		}},
		{"RFC9309 §2.2.2 allow wins a tie, allow first", "User-agent: *\nAllow: /page\nDisallow: /page\n", []check{
			{"a", "/page", true, "Allow: /page"},
		}},
		{"RFC9309 §2.2.2 allow wins a tie between different patterns", "User-agent: *\nDisallow: /abc\nAllow: /a*c\n", []check{
			{"a", "/abc", true, "Allow: /a*c"},
			{"a", "/axc", true, "Allow: /a*c"},
			{"a", "/abd", true, ""},
		}},
		{"wildcard length is the pattern as written", "User-agent: *\nDisallow: /page.htm\nAllow: /p*.html\n", []check{
			{"a", "/page.html", false, "Disallow: /page.htm"}, // 9 octets beat 8
			{"a", "/pages.html", true, "Allow: /p*.html"},
		}},
		{"disallow all", "User-agent: *\nDisallow: /\n", []check{
			{"a", "/", false, "Disallow: /"},
			{"a", "", false, "Disallow: /"},
			{"a", "/anything?at=all", false, "Disallow: /"},
		}},
		{"RFC9309 §2.2.2 /robots.txt is always allowed", "User-agent: *\nDisallow: /\nDisallow: /robots.txt\n", []check{
			{"a", "/robots.txt", true, ""},
			{"a", "/robots.txt?x=1", true, ""},
			{"a", "/robots%2etxt", true, ""},
			{"a", "/robots.txtx", false, "Disallow: /robots.txt"},
		}},
		{"query strings take part in matching", "User-agent: *\nDisallow: /search?q=\nDisallow: /*?sessionid\nDisallow: /page$\n", []check{
			{"a", "/search?q=shoes", false, "Disallow: /search?q="},
			{"a", "/search", true, ""},
			{"a", "/search?page=2", true, ""},
			{"a", "/a/b?sessionid=1", false, "Disallow: /*?sessionid"},
			{"a", "/a/b?x=1", true, ""},
			{"a", "/page", false, "Disallow: /page$"},
			{"a", "/page?x=1", true, ""},
			{"a", "?x=1", true, ""},                            // read as "/?x=1"
			{"a", "search?q=1", false, "Disallow: /search?q="}, // read as "/search?q=1"
		}},
		{"matching is case-sensitive", "User-agent: *\nDisallow: /Private\n", []check{
			{"a", "/Private", false, "Disallow: /Private"},
			{"a", "/private", true, ""},
		}},
		{"a pattern not starting with / or * never matches", "User-agent: *\nDisallow: private\n", []check{
			{"a", "/private", true, ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runChecks(t, tt.body, tt.checks) })
	}
}

func TestRulesGroupSelection(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		checks []check
	}{
		{"RFC9309 §2.2.1 specific group beats *", "User-agent: *\nDisallow: /\n\nUser-agent: googlebot\nDisallow: /private\n", []check{
			{"googlebot", "/page", true, ""},
			{"googlebot", "/private", false, "Disallow: /private"},
			{"bingbot", "/page", false, "Disallow: /"},
		}},
		{"RFC9309 §2.2.1 order of groups does not matter", "User-agent: googlebot\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n", []check{
			{"googlebot", "/page", true, ""},
			{"bingbot", "/page", false, "Disallow: /"},
		}},
		{"RFC9309 §2.2.1 token matching is case-insensitive", "User-Agent: GoogleBot\nDisallow: /g\n", []check{
			{"googlebot", "/g", false, "Disallow: /g"},
			{"GOOGLEBOT", "/g", false, "Disallow: /g"},
			{" Googlebot ", "/g", false, "Disallow: /g"},
		}},
		{"RFC9309 §2.2.1 googlebot-news does not select googlebot", "User-agent: googlebot\nDisallow: /\n\nUser-agent: *\nAllow: /\n", []check{
			{"googlebot-news", "/x", true, "Allow: /"},
			{"googlebot", "/x", false, "Disallow: /"},
		}},
		{"RFC9309 §2.2.1 googlebot does not select googlebot-news", "User-agent: googlebot-news\nDisallow: /\n\nUser-agent: *\nDisallow: /star\n", []check{
			{"googlebot", "/x", true, ""},
			{"googlebot", "/star", false, "Disallow: /star"},
			{"googlebot-news", "/x", false, "Disallow: /"},
		}},
		{"RFC9309 §2.2.1 groups naming the same token are merged", "User-agent: a\nDisallow: /x\n\nUser-agent: b\nDisallow: /y\n\nUser-agent: A\nDisallow: /z\nAllow: /x/ok\n", []check{
			{"a", "/x", false, "Disallow: /x"},
			{"a", "/z", false, "Disallow: /z"},
			{"a", "/x/ok", true, "Allow: /x/ok"},
			{"a", "/y", true, ""},
			{"b", "/y", false, "Disallow: /y"},
			{"b", "/z", true, ""},
		}},
		{"RFC9309 §2.2.1 * groups are merged too", "User-agent: *\nDisallow: /x\n\nUser-agent: a\nDisallow: /a\n\nUser-agent: *\nDisallow: /y\n", []check{
			{"other", "/x", false, "Disallow: /x"},
			{"other", "/y", false, "Disallow: /y"},
			{"other", "/a", true, ""},
		}},
		{"RFC9309 §2.1 a group with several user-agent lines", "User-agent: a\nUser-agent: b\n# comment between\nUser-agent: c\nDisallow: /abc\n", []check{
			{"a", "/abc", false, "Disallow: /abc"},
			{"b", "/abc", false, "Disallow: /abc"},
			{"c", "/abc", false, "Disallow: /abc"},
			{"d", "/abc", true, ""},
		}},
		{"a user-agent line after rules starts a new group", "User-agent: a\nDisallow: /a\nUser-agent: b\nDisallow: /b\n", []check{
			{"a", "/b", true, ""},
			{"b", "/a", true, ""},
			{"b", "/b", false, "Disallow: /b"},
		}},
		{"an empty disallow still ends the user-agent list", "User-agent: a\nDisallow:\nUser-agent: b\nDisallow: /\n", []check{
			{"a", "/x", true, ""},
			{"b", "/x", false, "Disallow: /"},
		}},
		{"sitemap and unknown lines do not split a group", "User-agent: a\nSitemap: https://example.com/sitemap.xml\nCrawl-delay: 5\nUser-agent: b\nDisallow: /\nfoo bar baz\nNoindex: /x\n", []check{
			{"a", "/x", false, "Disallow: /"},
			{"b", "/x", false, "Disallow: /"},
		}},
		{"the user-agent value is read up to its product token", "User-agent: Googlebot/2.1 (+http://www.google.com/bot.html)\nDisallow: /g\n", []check{
			{"googlebot", "/g", false, "Disallow: /g"},
		}},
		{"rules before any user-agent are ignored", "Disallow: /\nUser-agent: *\nDisallow: /x\n", []check{
			{"a", "/", true, ""},
			{"a", "/x", false, "Disallow: /x"},
		}},
		{"no * group and no matching group allows all", "User-agent: a\nDisallow: /\n", []check{
			{"b", "/x", true, ""},
		}},
		{"an empty token uses the * group", "User-agent: *\nDisallow: /\n\nUser-agent: /weird\nAllow: /\n", []check{
			{"", "/x", false, "Disallow: /"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runChecks(t, tt.body, tt.checks) })
	}
}

func TestRulesFileFormat(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		checks []check
	}{
		{"empty file", "", []check{{"a", "/x", true, ""}}},
		{"whitespace and comments only", "\n\n  \t\n# nothing here\n", []check{{"a", "/x", true, ""}}},
		{"RFC9309 §2.2.2 empty disallow is no rule", "User-agent: *\nDisallow:\n", []check{{"a", "/x", true, ""}}},
		{"empty allow is no rule", "User-agent: *\nDisallow: /x\nAllow:   \n", []check{{"a", "/x", false, "Disallow: /x"}}},
		{"BOM and CRLF", "\xEF\xBB\xBFUser-agent: *\r\nDisallow: /a\r\n\r\nUser-agent: b\r\nDisallow: /b\r\n", []check{
			{"x", "/a", false, "Disallow: /a"},
			{"b", "/b", false, "Disallow: /b"},
			{"b", "/a", true, ""},
		}},
		{"CR line ends", "User-agent: *\rDisallow: /c\rAllow: /c/ok\r", []check{
			{"x", "/c", false, "Disallow: /c"},
			{"x", "/c/ok", true, "Allow: /c/ok"},
		}},
		{"mixed line ends, no final newline", "User-agent: *\r\nDisallow: /a\rDisallow: /b\nDisallow: /c", []check{
			{"x", "/a", false, "Disallow: /a"},
			{"x", "/b", false, "Disallow: /b"},
			{"x", "/c", false, "Disallow: /c"},
		}},
		{"keys are case-insensitive and whitespace is trimmed", "  user-AGENT :  *  \n\tDISALLOW\t:\t/x\t\n allow:/x/y", []check{
			{"a", "/x", false, "Disallow: /x"},
			{"a", "/x/y", true, "Allow: /x/y"},
		}},
		{"lines without a colon are ignored", "User-agent *\nDisallow /\nUser-agent: *\nDisallow: /x\n", []check{
			{"a", "/", true, ""},
			{"a", "/x", false, "Disallow: /x"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runChecks(t, tt.body, tt.checks) })
	}
}

// padding returns comment and blank lines totalling exactly n bytes.
func padding(n int) string {
	var b strings.Builder
	for b.Len() < n {
		rest := n - b.Len()
		if rest < 3 {
			b.WriteString(strings.Repeat("\n", rest))
			break
		}
		b.WriteString("# " + strings.Repeat("x", min(78, rest-3)) + "\n")
	}
	return b.String()
}

// TestParseSizeLimit pins RFC 9309 §2.5: only the first 500 KiB are parsed.
func TestParseSizeLimit(t *testing.T) {
	const head = "User-agent: *\nDisallow: /early\n"
	const inside = "Disallow: /inside\n"
	tests := []struct {
		name   string
		body   string
		checks []check
	}{
		{"a rule ending exactly at the limit counts, the next is ignored",
			head + padding(MaxBytes-len(head)-len(inside)) + inside + "Disallow: /late\n",
			[]check{{"a", "/inside", false, "Disallow: /inside"}, {"a", "/late", true, ""}, {"a", "/early", false, "Disallow: /early"}}},
		{"a rule after the limit is ignored",
			head + padding(MaxBytes-len(head)+100) + "Disallow: /late\n",
			[]check{{"a", "/late", true, ""}, {"a", "/early", false, "Disallow: /early"}}},
		{"a rule cut by the limit is dropped, not shortened",
			head + padding(MaxBytes-len(head)-len("Disallow: /pri")) + "Disallow: /private-area\n",
			[]check{{"a", "/pri", true, ""}, {"a", "/private-area", true, ""}, {"a", "/early", false, "Disallow: /early"}}},
		{"one line longer than the limit is dropped",
			"User-agent: *\nDisallow: /" + strings.Repeat("a", MaxBytes),
			[]check{{"a", "/a", true, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) <= MaxBytes {
				t.Fatalf("test body is %d bytes, want more than %d", len(tt.body), MaxBytes)
			}
			runChecks(t, tt.body, tt.checks)
		})
	}
}

func TestNilRulesAllowAll(t *testing.T) {
	var r *Rules
	if ok, rule := r.Allowed("a", "/x"); !ok || rule != "" {
		t.Errorf("nil Rules: Allowed = %v, %q; want true, \"\"", ok, rule)
	}
}
