package verdict

import (
	"slices"
	"strings"
	"testing"
)

// live is a page that answered 200 with a followed link in its raw HTML: verdict ok.
func live() Facts {
	return Facts{Status: 200, InRaw: true, InRendered: true, CrawlableRaw: true, CrawlableRendered: true}
}

func with(mod func(*Facts)) Facts {
	f := live()
	mod(&f)
	return f
}

func TestDecide(t *testing.T) {
	tests := []struct {
		name        string
		facts       Facts
		verdict     string
		wantSignals []string
		noSignals   []string
	}{
		{"1 invalid input beats everything", Facts{InvalidInput: "missing scheme", Unreachable: "dns", Status: 404}, InvalidInput, nil, nil},
		{"2 unreachable", Facts{Unreachable: "connection refused"}, Unreachable, nil, nil},
		{"3 gone 404", Facts{Status: 404}, Gone, nil, []string{"link_not_seen"}},
		{"3 gone 410 with a redirect", Facts{Status: 410, Redirect: true, Redirected: true}, Gone, []string{"redirect"}, nil},
		{"4 server error 503", Facts{Status: 503}, ServerError, nil, nil},
		{"4 server error 429", Facts{Status: 429}, ServerError, nil, nil},
		{"5 error not html", Facts{Status: 200, Error: "content type application/pdf is not HTML"}, Error, nil, nil},
		{"6 redirected with link", with(func(f *Facts) { f.Redirect, f.Redirected, f.LinkOnRedirectTarget = true, true, true }), Redirected,
			[]string{"redirect", "link_on_redirect_target"}, []string{"redirect_normalized"}},
		{"6 redirected by script", with(func(f *Facts) { f.Redirect, f.Redirected, f.ScriptRedirect = true, true, true }), Redirected,
			[]string{"redirect", "script_redirect"}, []string{"link_on_redirect_target"}},
		{"6 normalized redirect is not redirected", with(func(f *Facts) { f.Redirect = true }), OK, []string{"redirect", "redirect_normalized"}, nil},
		{"7 paywall section", with(func(f *Facts) { f.Paywall, f.PaywallSection = true, true }), Paywalled, []string{"paywall", "paywall_section"}, nil},
		{"7 paywall hides link", with(func(f *Facts) { f.Paywall, f.PaywallHides = true, true }), Paywalled, []string{"paywall"}, nil},
		{"7 paywall and link not seen", Facts{Status: 200, Paywall: true}, Paywalled, []string{"paywall", "link_not_seen"}, nil},
		{"7 paywall that does not hide the link is a signal", with(func(f *Facts) { f.Paywall = true }), OK, []string{"paywall"}, []string{"link_not_seen"}},
		{"8 link only after consent", Facts{Status: 200, AfterConsent: true, CrawlableAfterConsent: true, ConsentBanner: true, ConsentVendors: []string{"onetrust"}}, ConsentWall,
			[]string{"consent_wall", "consent_banner", "consent_vendor:onetrust"}, nil},
		{"8 undismissable wall and no link", Facts{Status: 200, ConsentBlocks: true, ConsentBanner: true}, ConsentWall, []string{"consent_wall", "link_not_seen"}, nil},
		{"8 banner that hides nothing", with(func(f *Facts) { f.ConsentBanner = true; f.AfterConsent = true }), OK, []string{"consent_banner"}, []string{"consent_wall"}},
		{"9 removed", Facts{Status: 200}, Removed, nil, []string{"link_not_seen"}},
		{"9 removed beats robots", Facts{Status: 200, RobotsDisallowed: []string{"ahrefsbot"}}, Removed, []string{"robots_disallowed:ahrefsbot"}, nil},
		{"10 blocked by robots", with(func(f *Facts) { f.RobotsDisallowed = []string{"ahrefsbot", "semrushbot"} }), Blocked,
			[]string{"robots_disallowed:ahrefsbot", "robots_disallowed:semrushbot"}, nil},
		{"10 robots unavailable", with(func(f *Facts) { f.RobotsUnavailable = true }), Blocked, []string{"robots_unavailable"}, nil},
		{"10 crawler blocked by status", with(func(f *Facts) { f.CrawlerBlocked = []string{"mj12bot"}; f.UAVariation = true }), Blocked,
			[]string{"crawler_blocked:mj12bot", "ua_variation"}, nil},
		{"10 blocked beats noindex", with(func(f *Facts) { f.RobotsDisallowed = []string{"dotbot"}; f.Noindex = true }), Blocked, []string{"noindex"}, nil},
		{"11 noindex", with(func(f *Facts) { f.Noindex = true }), Noindex, []string{"noindex"}, []string{"js_noindex"}},
		{"11 js noindex", with(func(f *Facts) { f.JSNoindex = true }), Noindex, []string{"noindex", "js_noindex"}, nil},
		{"12 canonicalized", with(func(f *Facts) { f.CanonicalMismatch = true }), Canonicalized, []string{"canonical_mismatch"}, nil},
		{"13 js only", Facts{Status: 200, InRendered: true, CrawlableRendered: true}, JSOnly, []string{"js_only"}, nil},
		{"13 pseudo in raw, anchor after render", Facts{Status: 200, InRaw: true, InRendered: true, CrawlableRendered: true}, JSOnly, []string{"js_only"}, []string{"not_crawlable"}},
		{"14 not crawlable", Facts{Status: 200, InRaw: true, InRendered: true}, NotCrawlable, []string{"not_crawlable"}, nil},
		{"15 nofollow", with(func(f *Facts) { f.AllNofollow, f.HasNofollow = true, true }), Nofollow, []string{"nofollow"}, nil},
		{"15 ugc and sponsored", with(func(f *Facts) { f.AllNofollow, f.HasUGC, f.HasSponsored = true, true, true }), Nofollow, []string{"ugc", "sponsored"}, nil},
		{"15 page nofollow", with(func(f *Facts) { f.PageNofollow = true }), Nofollow, []string{"page_nofollow"}, nil},
		{"15 one followed occurrence is enough", with(func(f *Facts) { f.HasNofollow = true }), OK, []string{"nofollow"}, nil},
		{"16 ok", live(), OK, nil, []string{"js_only", "nofollow"}},
		{"extra signals pass through sorted and unique", with(func(f *Facts) { f.Extra = []string{"shadow_dom", "hidden", "shadow_dom"} }), OK, []string{"hidden", "shadow_dom"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decide(tt.facts)
			if got.Verdict != tt.verdict {
				t.Fatalf("verdict = %s, want %s (signals %v)", got.Verdict, tt.verdict, got.Signals)
			}
			if got.Bucket != Bucket(tt.verdict) || got.Bucket == "" {
				t.Errorf("bucket = %q", got.Bucket)
			}
			if got.Summary == "" || !strings.HasSuffix(got.Summary, ".") {
				t.Errorf("summary %q: want one sentence", got.Summary)
			}
			for _, s := range tt.wantSignals {
				if !slices.Contains(got.Signals, s) {
					t.Errorf("signals %v lack %q", got.Signals, s)
				}
			}
			for _, s := range tt.noSignals {
				if slices.Contains(got.Signals, s) {
					t.Errorf("signals %v must not have %q", got.Signals, s)
				}
			}
			if !slices.IsSorted(got.Signals) || len(slices.Compact(slices.Clone(got.Signals))) != len(got.Signals) {
				t.Errorf("signals %v not sorted and unique", got.Signals)
			}
		})
	}
}

func TestBuckets(t *testing.T) {
	want := map[string]string{
		InvalidInput: "error", Unreachable: "rot", Gone: "rot", ServerError: "noise", Error: "error",
		Redirected: "plumbing", Paywalled: "noise", ConsentWall: "noise", Removed: "reclaim", Blocked: "noise",
		Noindex: "plumbing", Canonicalized: "plumbing", JSOnly: "noise", NotCrawlable: "reclaim", Nofollow: "reclaim", OK: "noise",
	}
	if len(All()) != 16 || len(want) != 16 {
		t.Fatalf("SPEC §2 has 16 verdicts, All() has %d", len(All()))
	}
	for _, v := range All() {
		if Bucket(v) != want[v] {
			t.Errorf("Bucket(%s) = %s, want %s", v, Bucket(v), want[v])
		}
	}
}
