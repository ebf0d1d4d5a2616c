package paywall

import (
	"slices"
	"strings"
	"testing"

	"github.com/linkproof/linkproof/internal/extract"
	"github.com/linkproof/linkproof/render"
)

// TestDetectRendered covers the DOM evidence and the negatives in rendered
// fixtures: DetectHTML on the file, then DetectRendered on the page.
func TestDetectRendered(t *testing.T) {
	tests := []struct {
		file     string
		paywall  bool
		evidence []string // parts of DOMEvidence
		hidden   bool     // HiddenSelectors is not empty
		vendors  []string
		prompt   bool // a prompt is seen (a weak one does not make a paywall alone)
	}{
		{"removed.html", true, []string{"paywall prompt \"Subscribe to continue reading", "6 of 8 raw paragraphs not shown (6 removed)"}, false, []string{"piano"}, true},
		{"fade.html", true, []string{"paywall prompt \"Weiterlesen mit F+", "fade overlay ", "::before"}, false, nil, true},
		{"hidden.html", true, []string{"paywall prompt \"Cet article est réservé aux abonnés", "6 of 9 raw paragraphs not shown (0 removed)", "hidden #rest"}, true, nil, true},
		{"blur.html", true, []string{"paywall prompt \"Este contenido es exclusivo para suscriptores", "blurred #rest"}, true, nil, true},
		{"truncated.html", true, []string{"paywall prompt \"Contenuto riservato agli abbonati", "truncated #testo"}, true, nil, true},
		{"section.html", true, nil, false, nil, false},                                                         // schema: a gated part
		{"not-free.html", true, []string{"paywall prompt \"Subscribe to continue reading."}, false, nil, true}, // schema: the whole page
		// A weak prompt on a page that says it is free, and a newsletter box.
		{"free.html", false, []string{"subscribe prompt \"Enjoying our reporting?"}, false, []string{"piano"}, true},
		{"newsletter.html", false, nil, false, nil, false},
		// Every vendor's global and no evidence: vendors, no paywall.
		{"vendors.html", false, nil, false, []string{"laterpay", "leaky-paywall", "memberful", "pelcro", "piano", "pigeon", "poool", "steady", "swg", "zephr"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			raw := DetectHTML(readFixture(t, tc.file), nil)
			p := open(t, tc.file)
			d, err := DetectRendered(testCtx(t), p, raw)
			if err != nil {
				t.Fatal(err)
			}
			if d.Paywall != tc.paywall || !slices.Equal(d.Vendors, tc.vendors) || (len(d.HiddenSelectors) > 0) != tc.hidden {
				t.Fatalf("DetectRendered = %+v, want paywall %t vendors %v hidden %t", d, tc.paywall, tc.vendors, tc.hidden)
			}
			for _, e := range tc.evidence {
				if !strings.Contains(d.DOMEvidence, e) {
					t.Errorf("DOMEvidence %q lacks %q", d.DOMEvidence, e)
				}
			}
			if (d.Prompt != "") != tc.prompt {
				t.Errorf("prompt %q, want one: %t", d.Prompt, tc.prompt)
			}
		})
	}
}

// TestLinkInGated finds the target link of the schema fixtures in the raw
// HTML (extract) and the rendered page (render) and checks it against the
// gated selectors both ways.
func TestLinkInGated(t *testing.T) {
	tests := []struct {
		file, href string
		want       bool
	}{
		{"section.html", "https://target.example/shop", true},
		{"section.html", "https://target.example/free", false},
		{"graph.html", "https://target.example/shop", true},
		{"microdata.html", "https://target.example/shop", true},
	}
	for _, tc := range tests {
		t.Run(tc.file+" "+tc.href, func(t *testing.T) {
			t.Parallel()
			html := readFixture(t, tc.file)
			raw := DetectHTML(html, nil)
			if len(raw.GatedSelectors) == 0 {
				t.Fatalf("no gated selectors in %s: %+v", tc.file, raw)
			}
			xp, err := extract.Parse(html, srv.URL+"/"+tc.file)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(xp.Links, func(l extract.Link) bool { return l.Href == tc.href })
			if i < 0 {
				t.Fatalf("no raw link to %s", tc.href)
			}
			if got := RawLinkInGated(html, xp.Links[i].Selector, raw.GatedSelectors); got != tc.want {
				t.Errorf("RawLinkInGated(%q, %q) = %t, want %t", xp.Links[i].Selector, raw.GatedSelectors, got, tc.want)
			}
			p := open(t, tc.file)
			j := slices.IndexFunc(p.Links, func(l render.Link) bool { return l.Href == tc.href })
			if j < 0 {
				t.Fatalf("no rendered link to %s", tc.href)
			}
			got, err := LinkInGated(testCtx(t), p, p.Links[j].Selector, raw.GatedSelectors)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("LinkInGated(%q, %q) = %t, want %t", p.Links[j].Selector, raw.GatedSelectors, got, tc.want)
			}
		})
	}
}
