package consent

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestVendorFixtures renders one fixture per vendor family: the UI must be
// found by the vendor's rule, accepted with the vendor's button, and the
// link that the page adds after consent must be in the page afterwards.
func TestVendorFixtures(t *testing.T) {
	tests := []struct {
		file     string
		vendor   string
		wall     bool
		selector string // the accept selector that must be clicked
		frame    bool   // the button is in a cross-site frame
	}{
		{"onetrust.html", "onetrust", true, "#onetrust-accept-btn-handler", false},
		{"cookiebot.html", "cookiebot", true, "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll", false},
		{"quantcast.html", "quantcast", true, "#qc-cmp2-ui button[mode=\"primary\"]", false},
		{"trustarc.html", "trustarc", false, "#truste-consent-button", false},
		{"didomi.html", "didomi", true, "#didomi-notice-agree-button", false},
		{"usercentrics.html", "usercentrics", true, "[data-testid=\"uc-accept-all-button\"]", false},
		{"sourcepoint.html", "sourcepoint", true, ".sp_choice_type_11", true},
		{"iubenda.html", "iubenda", false, ".iubenda-cs-accept-btn", false},
		{"complianz.html", "complianz", false, ".cmplz-cookiebanner .cmplz-accept", false},
		{"cookieyes.html", "cookieyes", false, ".cky-btn-accept", false},
		{"osano.html", "osano", false, ".osano-cm-accept-all", false},
		{"borlabs.html", "borlabs", true, "#BorlabsCookieBox a[data-cookie-accept-all]", false},
		{"termly.html", "termly", false, "[data-tid=\"banner-accept\"]", false},
		{"klaro.html", "klaro", false, ".klaro .cookie-notice .cm-btn-success", false},
		{"google-fc.html", "google-fc", true, ".fc-cta-consent", false},
	}
	for _, tc := range tests {
		t.Run(tc.vendor, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			p := open(t, "/"+tc.file)
			if hasLink(p, afterConsent) {
				t.Fatal("the after-consent link is there before consent")
			}
			d, err := Detect(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Shown || d.Rule != tc.vendor || d.Wall != tc.wall || !slices.Contains(d.Vendors, tc.vendor) {
				t.Fatalf("Detect = %+v, want shown by %s, wall %t", d, tc.vendor, tc.wall)
			}
			a, err := Accept(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Clicked || !a.Dismissed || a.Rule != tc.vendor || a.Selector != tc.selector || (a.Frame != "") != tc.frame || a.Attempts != 1 {
				t.Fatalf("Accept = %+v, want a click of %s by %s (frame %t)", a, tc.selector, tc.vendor, tc.frame)
			}
			if !hasLink(p, afterConsent) {
				t.Fatalf("no after-consent link after Accept; links: %v", p.Links)
			}
		})
	}
}

// TestAPIAndFrames covers the IAB APIs and the UIs that live in frames: a
// TCF CMP of no known vendor in a cross-site frame (found through the API's
// ping, accepted in the frame by the generic Spanish button), and a GPP CMP
// in a same-origin iframe (Dutch).
func TestAPIAndFrames(t *testing.T) {
	tests := []struct {
		file, rule, vendor string
		clickRule, text    string
		frame              bool
	}{
		{"tcf.html", "iab-tcf", "iab-tcf", RuleGeneric, "Aceptar y cerrar", true},
		{"gpp.html", "generic", "iab-gpp", RuleGeneric, "Akkoord", false},
	}
	for _, tc := range tests {
		t.Run(tc.vendor, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			p := open(t, "/"+tc.file)
			d, err := Detect(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Shown || !slices.Contains(d.Vendors, tc.vendor) {
				t.Fatalf("Detect = %+v, want shown with vendor %s", d, tc.vendor)
			}
			a, err := Accept(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Clicked || !a.Dismissed || a.Rule != tc.clickRule || a.Text != tc.text || (a.Frame != "") != tc.frame {
				t.Fatalf("Accept = %+v, want %s clicking %q (frame %t)", a, tc.clickRule, tc.text, tc.frame)
			}
			if !hasLink(p, afterConsent) {
				t.Fatal("no after-consent link after Accept")
			}
		})
	}
}

// genericPage is a consent UI of no known vendor, in one language and one
// shape, for TestGenericLanguages.
type genericPage struct {
	lang, notice string
	buttons      []string // the last one gives consent
	shape        string   // "bar", "dialog", "modal", "sticky"
	tag          string   // element of the buttons: "button", "a", "div", "input"
	wall         bool
}

func genericPages() []genericPage {
	return []genericPage{
		{"en", "We use cookies to improve your experience and, with your consent, for ads.", []string{"Manage options", "Reject all", "Accept all"}, "dialog", "button", false},
		{"fr", "Nous utilisons des cookies. Avec votre consentement, nos partenaires traitent vos données.", []string{"Paramétrer", "Tout refuser", "Tout accepter"}, "modal", "a", true},
		{"es", "Utilizamos cookies propias y de terceros. Necesitamos tu consentimiento.", []string{"Configurar", "Rechazar", "Aceptar todas"}, "bar", "div", false},
		{"it", "Questo sito utilizza cookie. Con il tuo consenso, anche per finalità di marketing.", []string{"Personalizza", "Rifiuta", "Accetta tutti"}, "modal", "input", true},
		{"nl", "Deze website gebruikt cookies. Geef je toestemming voor het gebruik van je gegevens.", []string{"Instellingen", "Weigeren", "Alles accepteren"}, "sticky", "button", false},
	}
}

// html renders the page; sim.js adds the link when the last button is clicked.
func (g genericPage) html() string {
	var btns strings.Builder
	for i, b := range g.buttons {
		id := fmt.Sprintf("b%d", i)
		switch g.tag {
		case "a":
			fmt.Fprintf(&btns, `<a href="#" id="%s">%s</a> `, id, b)
		case "div":
			fmt.Fprintf(&btns, `<div role="button" tabindex="0" id="%s" style="display:inline-block">%s</div> `, id, b)
		case "input":
			fmt.Fprintf(&btns, `<input type="submit" id="%s" value="%s"> `, id, b)
		default:
			fmt.Fprintf(&btns, `<button id="%s">%s</button> `, id, b)
		}
	}
	inner := "<p>" + g.notice + "</p>" + btns.String()
	var ui string
	switch g.shape {
	case "dialog":
		ui = `<dialog id="ui" open style="position:fixed;bottom:10px;margin:0 auto">` + inner + `</dialog>`
	case "modal":
		ui = `<div id="ui" style="position:fixed;inset:0;background:rgba(0,0,0,.6);z-index:9"><div role="dialog" aria-modal="true" style="margin:100px auto;width:600px;background:#fff;padding:20px">` + inner + `</div></div>`
	case "sticky":
		ui = `<div id="ui" style="position:sticky;top:0;background:#fff;padding:10px;z-index:9">` + inner + `</div>`
	default:
		ui = `<div id="ui" style="position:fixed;left:0;right:0;bottom:0;background:#fff;padding:10px;z-index:9">` + inner + `</div>`
	}
	return fmt.Sprintf(`<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head><body style="margin:0">%s
<main><h1>Title</h1><p>%s</p><div id="after"></div></main>
<script src="/sim.js" data-ui="#ui" data-accept="#b%d" data-into="#after"></script></body></html>`, g.lang, g.lang, ui, strings.Repeat("Body text of the article, long enough to be a page. ", 8), len(g.buttons)-1)
}

// TestGenericLanguages checks the generic detector and the generic accept
// button end to end on several UI shapes and button elements, in several
// languages (German: generic-de.html below; every language's words:
// TestVocabulary).
func TestGenericLanguages(t *testing.T) {
	for _, g := range genericPages() {
		t.Run(g.lang, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			p := open(t, "/generic/"+g.lang)
			d, err := Detect(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Shown || d.Rule != RuleGeneric || d.Wall != g.wall || len(d.Vendors) != 0 {
				t.Fatalf("Detect = %+v, want shown by the generic rule, wall %t", d, g.wall)
			}
			a, err := Accept(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			want := g.buttons[len(g.buttons)-1]
			if !a.Clicked || !a.Dismissed || a.Rule != RuleGeneric || a.Text != want {
				t.Fatalf("Accept = %+v, want the generic rule clicking %q", a, want)
			}
			if !hasLink(p, afterConsent) {
				t.Fatal("no after-consent link after Accept")
			}
		})
	}
}

// TestWalls covers the other outcomes: a German wall of no known vendor
// that locks scrolling, a small Portuguese banner whose page shows its
// content only after consent (a wall too), a wall with no accept button, a CMP whose button
// does nothing (bounded attempts), a wall that reloads the page on consent,
// a banner that hides nothing, and pages that must not read as consent UIs.
func TestWalls(t *testing.T) {
	type want struct {
		shown, wall, locked bool
		rule                string
		clicked, dismissed  bool
		attempts            int
		link                bool // the after-consent link is there after Accept
		errPart             string
	}
	tests := []struct {
		name, file string
		want       want
	}{
		{"German wall, content after consent", "generic-de.html",
			want{shown: true, wall: true, locked: true, rule: RuleGeneric, clicked: true, dismissed: true, attempts: 1, link: true}},
		{"content hidden until consent", "hidden-content.html",
			want{shown: true, wall: true, rule: RuleGeneric, clicked: true, dismissed: true, attempts: 1, link: true}},
		{"no accept button", "stuck.html",
			want{shown: true, wall: true, rule: RuleGeneric, attempts: 1, errPart: "no accept button"}},
		{"button that does nothing", "noop.html",
			want{shown: true, wall: true, rule: "cookiebot", clicked: true, attempts: 2, errPart: "still shown"}},
		{"reload on consent", "reload.html",
			want{shown: true, wall: true, rule: RuleGeneric, clicked: true, dismissed: true, attempts: 1, link: true}},
		{"banner that hides nothing", "banner-only.html",
			want{shown: true, rule: "cookieyes", clicked: true, dismissed: true, attempts: 1}},
		{"newsletter modal, cookie links", "newsletter.html", want{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := testCtx(t)
			p := open(t, "/"+tc.file)
			d, err := Detect(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			w := tc.want
			if d.Shown != w.shown || d.Wall != w.wall || d.ScrollLocked != w.locked || d.Rule != w.rule {
				t.Fatalf("Detect = %+v, want shown %t wall %t locked %t rule %q", d, w.shown, w.wall, w.locked, w.rule)
			}
			if !d.Shown {
				return
			}
			start := time.Now()
			a, err := Accept(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if a.Clicked != w.clicked || a.Dismissed != w.dismissed || a.Attempts != w.attempts || !strings.Contains(a.Err, w.errPart) || (w.errPart == "" && a.Err != "") {
				t.Fatalf("Accept = %+v, want clicked %t dismissed %t attempts %d error %q", a, w.clicked, w.dismissed, w.attempts, w.errPart)
			}
			if hasLink(p, afterConsent) != w.link {
				t.Fatalf("after-consent link present = %t, want %t", !w.link, w.link)
			}
			if el := time.Since(start); el > AcceptTimeout+5*time.Second {
				t.Fatalf("Accept took %v", el)
			}
		})
	}
}

// TestErrors: an ended ctx ends Accept with ctx's error, and a page whose
// tab is gone is an error, not a hang.
func TestErrors(t *testing.T) {
	t.Parallel()
	p := open(t, "/noop.html")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Accept(ctx, p); !errors.Is(err, context.Canceled) {
		t.Fatalf("Accept with a cancelled ctx = %v, want context.Canceled", err)
	}
	p.Close()
	if _, err := Detect(testCtx(t), p); err == nil {
		t.Fatal("Detect on a closed page: no error")
	}
	if _, err := Accept(testCtx(t), p); err == nil {
		t.Fatal("Accept on a closed page: no error")
	}
}

// TestInBrowser runs the table checks that need Chrome's JavaScript, on one
// page: every selector of the rule table parses, and the vocabulary scores
// notices and button labels in every supported language as it should.
func TestInBrowser(t *testing.T) {
	t.Parallel()
	p := open(t, "/newsletter.html")
	t.Run("selectors", func(t *testing.T) {
		var sels []string
		for _, r := range Rules() {
			sels = slices.Concat(sels, r.Containers, r.Markers, r.Accept, r.FrameAccept)
		}
		expr, err := jsonCall(`sels => sels.filter(s => { try { document.querySelector(s); return false; } catch (e) { return true; } })`, sels)
		if err != nil {
			t.Fatal(err)
		}
		var bad []string
		if err := p.Evaluate(testCtx(t), expr, &bad); err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Fatalf("selectors Chrome cannot parse: %q", bad)
		}
	})
	t.Run("vocabulary", func(t *testing.T) {
		tests := vocabularyCases()
		in := make([]text, len(tests))
		for i, tc := range tests {
			in[i] = text{Text: tc.text, Kind: tc.kind}
		}
		expr, err := expression(scriptConfig{Op: "classify", Texts: in})
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		if err := p.Evaluate(testCtx(t), expr, &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tests) {
			t.Fatalf("%d scores for %d texts", len(got), len(tests))
		}
		for i, tc := range tests {
			if got[i] != tc.want {
				t.Errorf("%s %q: score %d, want %d", tc.kind, tc.text, got[i], tc.want)
			}
		}
	})
}
