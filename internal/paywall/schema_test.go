package paywall

import (
	"slices"
	"testing"
)

// TestDetectHTMLSchema covers schema.org markup in JSON-LD and microdata.
func TestDetectHTMLSchema(t *testing.T) {
	ld := func(s ...string) string {
		out := ""
		for _, b := range s {
			out += `<script type="application/ld+json">` + b + `</script>`
		}
		return "<html><head>" + out + "</head><body></body></html>"
	}
	tests := []struct {
		name    string
		html    string
		paywall bool
		notFree bool
		free    bool
		gated   []string
	}{
		{"object with part", ld(`{"@type":"NewsArticle","isAccessibleForFree":false,"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paywall"}}`),
			true, true, false, []string{".paywall"}},
		{"array, string False", ld(`[{"@type":"Article","isAccessibleForFree":"False","hasPart":[{"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".a"},{"@type":"WebPageElement","isAccessibleForFree":"False","cssSelector":".b"}]}]`),
			true, true, false, []string{".a", ".b"}},
		{"graph, nested, inherited, free part", ld(`{"@context":"https://schema.org","@graph":[{"@type":"WebSite","isAccessibleForFree":true},{"@type":"WebPage","mainEntity":{"@type":"NewsArticle","isAccessibleForFree":"false","hasPart":[{"@type":"WebPageElement","cssSelector":["#premium",".locked"]},{"@type":"WebPageElement","isAccessibleForFree":"True","cssSelector":".teaser"}]}}]}`),
			true, true, false, []string{"#premium", ".locked"}},
		{"schema URL and @value", ld(`{"@type":"Article","isAccessibleForFree":{"@value":"https://schema.org/False"},"hasPart":{"@type":"WebPageElement","isAccessibleForFree":"http://schema.org/False","cssSelector":".x"}}`),
			true, true, false, []string{".x"}},
		{"whole page, no part", ld(`{"@type":"NewsArticle","isAccessibleForFree":"no"}`), true, true, false, nil},
		{"raw newlines in strings", ld("{\"@type\":\"NewsArticle\",\"headline\":\"two\nlines\",\"isAccessibleForFree\":false,\"hasPart\":{\"@type\":\"WebPageElement\",\"cssSelector\":\".p\"}}"),
			true, true, false, []string{".p"}},
		{"CDATA wrapper and two values", ld("//<![CDATA[\n{\"@type\":\"WebSite\"} {\"@type\":\"NewsArticle\",\"isAccessibleForFree\":false}\n//]]>"), true, true, false, nil},
		{"broken JSON, pattern fallback", ld(`{"@type":"NewsArticle", "isAccessibleForFree": "False", "headline": "x",, }`), true, true, false, nil},
		{"several blocks", ld(`{"@type":"Organization"}`, `{"@type":"NewsArticle","isAccessibleForFree":false,"hasPart":{"cssSelector":".c"}}`), true, true, false, []string{".c"}},
		{"free", ld(`{"@type":"NewsArticle","isAccessibleForFree":true}`), false, false, true, nil},
		{"free part only", ld(`{"@type":"NewsArticle","hasPart":{"@type":"WebPageElement","isAccessibleForFree":true,"cssSelector":".open"}}`), false, false, true, nil},
		{"no markup", ld(`{"@type":"NewsArticle","headline":"x"}`), false, false, false, nil},
		{"not JSON at all", ld(`<p>oops</p>`), false, false, false, nil},
		{"deep nesting", ld(deepJSON(200)), false, false, false, nil},
		{"microdata, part", `<article itemscope itemtype="https://schema.org/NewsArticle"><meta itemprop="isAccessibleForFree" content="False">
<div itemprop="hasPart" itemscope itemtype="https://schema.org/WebPageElement"><meta itemprop="isAccessibleForFree" content="false"><meta itemprop="cssSelector" content=".members"></div></article>`,
			true, true, false, []string{".members"}},
		{"microdata, part without selector", `<article itemscope><meta itemprop="isAccessibleForFree" content="false"><section id="m" itemprop="hasPart" itemscope><p>x</p></section></article>`,
			true, true, false, []string{"#m"}},
		{"microdata, free", `<article itemscope><meta itemprop="isAccessibleForFree" content="true"></article>`, false, false, true, nil},
		{"microdata, link href", `<div itemscope><link itemprop="isAccessibleForFree" href="https://schema.org/False"></div>`, true, true, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := DetectHTML([]byte(tc.html), nil)
			if d.Paywall != tc.paywall || d.NotFree != tc.notFree || d.Free != tc.free || !slices.Equal(d.GatedSelectors, tc.gated) {
				t.Fatalf("DetectHTML = %+v, want paywall %t notFree %t free %t gated %q", d, tc.paywall, tc.notFree, tc.free, tc.gated)
			}
		})
	}
}

func deepJSON(n int) string {
	s := `{"isAccessibleForFree":false}`
	for range n {
		s = `{"a":` + s + `}`
	}
	return s
}

// TestDetectHTMLJSONLDArgument: the caller's JSON-LD blocks are used as
// given, without reading them from the HTML again.
func TestDetectHTMLJSONLDArgument(t *testing.T) {
	d := DetectHTML([]byte(`<html><body><p>no markup here</p></body></html>`), []string{`{"@type":"NewsArticle","isAccessibleForFree":false}`})
	if !d.Paywall || !d.NotFree {
		t.Fatalf("DetectHTML with jsonLD = %+v, want not free", d)
	}
	d = DetectHTML([]byte(`<script type="application/ld+json">{"isAccessibleForFree":false}</script>`), []string{})
	if d.NotFree {
		t.Fatalf("DetectHTML with empty jsonLD read the HTML's block: %+v", d)
	}
}

// TestVendorsInHTML: one signature per vendor family, and pages that only
// mention one.
func TestVendorsInHTML(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string
	}{
		{"piano", `<script src="https://cdn.tinypass.com/api/tinypass.min.js"></script>`, []string{"piano"}},
		{"piano snippet", `<script>(function(src){var a=document.createElement("script");a.src=src;})("https://experience.piano.io/xbuilder/experience/load?aid=X")</script>`, []string{"piano"}},
		{"zephr", `<script src="/zephr/features/zephr-browser.umd.js"></script>`, []string{"zephr"}},
		{"poool", `<script src="https://assets.poool.fr/audit.min.js"></script>`, []string{"poool"}},
		{"pelcro", `<script src="https://js.pelcro.com/sdk/main.min.js"></script><script>window.Pelcro = window.Pelcro || {};</script>`, []string{"pelcro"}},
		{"laterpay", `<script src="https://connectormwi.laterpay.net/2.0.0/live/laterpay-connector.js"></script>`, []string{"laterpay"}},
		{"memberful", `<script>window.MemberfulOptions = {site: "https://x.memberful.com"};</script><script src="https://d35xxde4fgg0cx.cloudfront.net/assets/embedded.js"></script>`, []string{"memberful"}},
		{"leaky paywall", `<div class="leaky_paywall_message_wrap"><div id="leaky_paywall_message">Subscribe</div></div>`, []string{"leaky-paywall"}},
		{"pigeon", `<script>var Pigeon = new PigeonClass({subdomain: "my.example.com"});</script><div class="pigeon-remove"><p>x</p></div>`, []string{"pigeon"}},
		{"steady", `<script src="https://steadyhq.com/widget_loader/abc"></script>`, []string{"steady"}},
		{"steady marker", `<body><p>Free part.</p><p>___STEADY_PAYWALL___</p><p>Paid part.</p></body>`, []string{"steady"}},
		{"subscribe with google", `<script async type="application/javascript" src="https://news.google.com/swg/js/v1/swg-basic.js"></script><script>(self.SWG_BASIC = self.SWG_BASIC || []).push(function(b) {});</script>`, []string{"swg"}},
		{"text mention", `<p>Piano, Zephr and Poool sell paywalls; Memberful and Steady too.</p>`, nil},
		{"empty", ``, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := DetectHTML([]byte(tc.html), nil)
			if !slices.Equal(d.Vendors, tc.want) {
				t.Fatalf("vendors = %v, want %v", d.Vendors, tc.want)
			}
			if d.Paywall {
				t.Fatal("a vendor signature alone made a paywall")
			}
		})
	}
}

// TestVendorTable: every vendor has a name, something to detect and a test.
func TestVendorTable(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range Vendors() {
		if v.Name == "" || seen[v.Name] {
			t.Errorf("vendor %q: empty or repeated name", v.Name)
		}
		seen[v.Name] = true
		if len(v.Scripts)+len(v.Inline)+len(v.Globals)+len(v.Containers)+len(v.Text) == 0 {
			t.Errorf("%s: nothing to detect", v.Name)
		}
	}
	for _, want := range []string{"piano", "zephr", "poool", "pelcro", "laterpay", "memberful", "leaky-paywall", "pigeon", "steady", "swg"} {
		if !seen[want] {
			t.Errorf("vendor %s is missing from the table", want)
		}
	}
}

// TestRawLinkInGated: the link's own selector, against gated selectors, in
// raw HTML.
func TestRawLinkInGated(t *testing.T) {
	html := []byte(`<html><body><article><p><a id="free" href="/f">f</a></p><div class="paywall"><p><a id="paid" href="/p">p</a></p></div></article></body></html>`)
	tests := []struct {
		sel   string
		gated []string
		want  bool
	}{
		{"#paid", []string{".paywall"}, true},
		{"article > div > p > a", []string{".other", ".paywall"}, true},
		{"#free", []string{".paywall"}, false},
		{"#paid", []string{"[[invalid"}, false},
		{"#paid", nil, false},
		{"#missing", []string{".paywall"}, false},
		{"div >>> a", []string{".paywall"}, false},
		{"", []string{".paywall"}, false},
	}
	for _, tc := range tests {
		if got := RawLinkInGated(html, tc.sel, tc.gated); got != tc.want {
			t.Errorf("RawLinkInGated(%q, %q) = %t, want %t", tc.sel, tc.gated, got, tc.want)
		}
	}
}
