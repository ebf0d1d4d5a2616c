package extract

import (
	"fmt"
	"strings"
	"testing"
)

// mustParse parses body as fetched from pageURL and fails the test on error.
func mustParse(t testing.TB, body, pageURL string) *Page {
	t.Helper()
	p, err := Parse([]byte(body), pageURL)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// summarize renders links one line each for golden comparison:
// "kind href |text| rel=a,b placement [hidden]".
func summarize(links []Link) []string {
	out := []string{}
	for _, l := range links {
		s := fmt.Sprintf("%s %s |%s| rel=%s %s", l.Kind, l.Href, l.Text, strings.Join(l.Rel, ","), l.Placement)
		if l.Hidden {
			s += " hidden"
		}
		out = append(out, s)
	}
	return out
}

// diffLines reports the difference between got and want line lists.
func diffLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	t.Errorf("%s:\ngot:\n  %s\nwant:\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
}

// checkSelectors verifies that every Link and Pseudo selector of p selects
// exactly one element of body with goquery, that Selector of that element
// gives the same selector back, and that Links select an <a> or <area>
// whose href is RawHref.
func checkSelectors(t *testing.T, body []byte, p *Page) {
	t.Helper()
	checkSomeSelectors(t, body, p, 0)
}

// checkSomeSelectors is checkSelectors on at most about limit links evenly
// spread over the page (all when limit is 0): goquery matching a long child
// path costs more than building it.
func checkSomeSelectors(t *testing.T, body []byte, p *Page, limit int) {
	t.Helper()
	doc := parseDocument(body)
	all := append(append([]Link{}, p.Links...), p.Pseudo...)
	step := 1
	if limit > 0 && len(all) > limit {
		step = len(all) / limit
	}
	for i := 0; i < len(all); i += step {
		l := all[i]
		found := doc.Find(l.Selector)
		if found.Length() != 1 {
			t.Errorf("link %d (%s %s): selector %q matches %d elements", i, l.Kind, l.Href, l.Selector, found.Length())
			continue
		}
		// Selector reads the whole document: check the round trip on a few.
		if i/step < 50 {
			if back := Selector(found); back != l.Selector {
				t.Errorf("link %d: Selector(found) = %q, want %q", i, back, l.Selector)
			}
		}
		if l.Kind != KindA {
			continue
		}
		n := found.Nodes[0]
		href, _ := attr(n, "href")
		if (n.Data != "a" && n.Data != "area") || href != l.RawHref {
			t.Errorf("link %d: selector %q selects <%s href=%q>, want href %q", i, l.Selector, n.Data, href, l.RawHref)
		}
	}
}
