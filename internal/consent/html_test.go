package consent

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDetectHTMLFixtures: the raw HTML of each fixture names its vendors.
func TestDetectHTMLFixtures(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"onetrust.html", []string{"onetrust"}},
		{"cookiebot.html", []string{"cookiebot"}},
		{"quantcast.html", []string{"quantcast"}},
		{"trustarc.html", []string{"trustarc"}},
		{"didomi.html", []string{"didomi"}},
		{"usercentrics.html", []string{"usercentrics"}},
		{"sourcepoint.html", []string{"sourcepoint"}},
		{"iubenda.html", []string{"iubenda"}},
		{"complianz.html", []string{"complianz"}},
		{"cookieyes.html", []string{"cookieyes"}},
		{"osano.html", []string{"osano"}},
		{"borlabs.html", []string{"borlabs"}},
		{"termly.html", []string{"termly"}},
		{"google-fc.html", []string{"google-fc"}},
		{"klaro.html", []string{"klaro"}},
		{"generic-de.html", nil},
		{"hidden-content.html", nil},
		{"newsletter.html", nil},
		{"stuck.html", nil},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			html, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := DetectHTML(html); !slices.Equal(got, tc.want) {
				t.Fatalf("DetectHTML = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestDetectHTMLSnippets covers the other rules and the pages that only
// mention a vendor.
func TestDetectHTMLSnippets(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string
	}{
		{"orestbida cookieconsent", `<link rel="stylesheet" href="https://cdn.jsdelivr.net/gh/orestbida/cookieconsent@3.1.0/dist/cookieconsent.css"><script src="/js/cookieconsent.umd.js"></script>`, []string{"cookieconsent"}},
		{"insites cookieconsent", `<script src="//cdnjs.cloudflare.com/ajax/libs/cookieconsent2/3.1.0/cookieconsent.min.js"></script><script>window.cookieconsent.initialise({})</script>`, []string{"insites-cookieconsent"}},
		{"consentmanager", `<script src="https://cdn.consentmanager.net/delivery/autoblocking/abc.js" data-cmp-host="b.delivery.consentmanager.net"></script>`, []string{"consentmanager"}},
		{"cookie notice", `<script>var cnArgs = {"ajaxUrl":"x"};</script><script src="/wp-content/plugins/cookie-notice/js/front.min.js"></script>`, []string{"cookie-notice"}},
		{"cookie-script", `<script src="//cdn.cookie-script.com/s/abc.js"></script>`, []string{"cookie-script"}},
		{"silktide cookieconsent v1", `<script>window.cookieconsent_options = {"message":"This website uses cookies"};</script>`, []string{"insites-cookieconsent"}},
		{"cookiebot, alternative id", `<script id="CookieConsent" src="https://consent.example.org/uc.js" data-cbid="x"></script>`, []string{"cookiebot"}},
		{"moove gdpr", `<aside id="moove_gdpr_cookie_info_bar" class="moove-gdpr-info-bar-hidden"><button class="mgbutton moove-gdpr-infobar-allow-all">Accept</button></aside>`, []string{"moove-gdpr"}},
		{"blogger", `<script defer src="/js/cookienotice.js"></script><script>window.cookieChoices && cookieChoices.showCookieConsentBar && cookieChoices.showCookieConsentBar("msg", "OK", "Learn more", "https://policies.google.com/");</script>`, []string{"blogger"}},
		{"evidon", `<script src="https://c.evidon.com/sitenotice/evidon-sitenotice-tag.js"></script>`, []string{"evidon"}},
		{"klaro", `<script>var klaroConfig = {};</script><script defer src="/assets/klaro.js"></script>`, []string{"klaro"}},
		{"tcf stub", `<script>function addFrame(){if(!window.frames['__tcfapiLocator']){}}</script>`, []string{"iab-tcf"}},
		{"gpp stub", `<script>window.__gpp_addFrame=function(n){if(!window.frames[n]){}};window.__gpp_addFrame('__gppLocator');</script>`, []string{"iab-gpp"}},
		{"saved banner markup", `<body><div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk"></div></div></body>`, []string{"onetrust"}},
		{"several", `<script src="https://cdn.cookielaw.org/x.js"></script><script src="https://sdk.privacy-center.org/y/loader.js"></script>`, []string{"didomi", "onetrust"}},
		// Negatives: mentions, policy embeds, ad code that only asks for the API.
		{"text mention", `<p>We compared Cookiebot, OneTrust and Didomi.</p>`, nil},
		{"iubenda policy embed", `<a href="https://www.iubenda.com/privacy-policy/1" class="iubenda-embed">Privacy</a><script src="https://cdn.iubenda.com/iubenda.js"></script>`, nil},
		{"ad code asking the TCF API", `<script>if (typeof window.__tcfapi === 'function') { window.__tcfapi('addEventListener', 2, function(){}); }</script>`, nil},
		{"empty", ``, nil},
		{"binary junk", "\x00\xff<scr\x00ipt src=", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectHTML([]byte(tc.html)); !slices.Equal(got, tc.want) {
				t.Fatalf("DetectHTML = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRuleTable checks the table's invariants: unique lower-case vendor
// names, something to detect, something to click (or an API), and a test
// that exercises every vendor.
func TestRuleTable(t *testing.T) {
	name := regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	tested, err := os.ReadFile("html_test.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range Rules() {
		if !name.MatchString(r.Vendor) || seen[r.Vendor] {
			t.Errorf("vendor %q: not a unique lower-case name", r.Vendor)
		}
		seen[r.Vendor] = true
		if r.Name == "" {
			t.Errorf("%s: no display name", r.Vendor)
		}
		if len(r.Scripts)+len(r.Inline)+len(r.Globals)+len(r.Containers)+len(r.Markers) == 0 {
			t.Errorf("%s: nothing to detect", r.Vendor)
		}
		if r.API == "" && len(r.Accept)+len(r.FrameAccept) == 0 {
			t.Errorf("%s: no accept button and no API", r.Vendor)
		}
		if r.API != "" && r.API != "tcf" && r.API != "gpp" {
			t.Errorf("%s: unknown API %q", r.Vendor, r.API)
		}
		if !strings.Contains(string(tested), `"`+r.Vendor+`"}`) {
			t.Errorf("%s: no DetectHTML test expects it", r.Vendor)
		}
	}
	w := Words()
	for _, l := range [][]string{w.Cookie, w.Consent, w.Privacy, w.AcceptAll, w.Accept, w.Negative} {
		if len(l) == 0 {
			t.Error("an empty vocabulary list")
		}
	}
}
