package paywall

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/linkproof/linkproof/internal/consent"
	"github.com/linkproof/linkproof/render"
)

// paywallJS is the rendered-page script: one function expression that takes
// a config object (see the top of paywall.js).
//
//go:embed paywall.js
var paywallJS string

// evalTimeout bounds one evaluation when ctx allows longer.
const evalTimeout = 5 * time.Second

// Evidence thresholds: raw paragraphs that the rendered page must not show
// for "content removed or hidden".
const (
	minMissing      = 2
	minMissingShare = 0.25
)

// consentWords keep a consent wall's "accept or subscribe" offer (pay or
// okay) from reading as a paywall prompt: the consent package handles it.
func consentWords() []string {
	return []string{"cookie*", "consent*", "einwillig*", "zustimmung*", "tracking", "werbetracking", "consentement", "consentimiento", "consenso", "toestemming", "consentimento", "zgod*"}
}

// scriptConfig is the argument of paywall.js.
type scriptConfig struct {
	Op         string     `json:"op"`
	Vendors    []Vendor   `json:"vendors,omitempty"`
	Words      Vocabulary `json:"words"`
	Consent    []string   `json:"consent,omitempty"`
	Paragraphs []string   `json:"paragraphs,omitempty"`
	Selector   string     `json:"selector,omitempty"`
	Gated      []string   `json:"gated,omitempty"`
}

func expression(cfg scriptConfig) (string, error) {
	b, err := json.Marshal(cfg)
	if err != nil {
		return "", fmt.Errorf("encoding the paywall script config: %w", err)
	}
	return "(" + paywallJS + ")(" + string(b) + ", " + consent.WordMatcherJS() + ")", nil
}

// domResult is what paywall.js's detect returns.
type domResult struct {
	Vendors    []string `json:"vendors"`
	Prompt     string   `json:"prompt"`
	PromptPath string   `json:"promptPath"`
	Strong     bool     `json:"strong"`
	Total      int      `json:"total"`
	Missing    int      `json:"missing"`
	Removed    int      `json:"removed"`
	// MissingNear: the prompt stands where the missing paragraphs were.
	MissingNear bool   `json:"missingNear"`
	Fade        string `json:"fade"`
	Truncated   string `json:"truncated"`
	Blurred     string `json:"blurred"`
	HiddenNext  string `json:"hiddenNext"`
	VendorUI    string `json:"vendorUI"`
}

// DetectRendered adds what the rendered page p shows to raw, the result of
// DetectHTML on the page's raw HTML: schema.org markup that scripts added,
// vendor globals and UI, and the DOM evidence of a paywall. The evidence is
// a visible subscribe prompt — outside the page header, navigation and
// footer; not a newsletter box, a consent wall, a comments notice or a
// teaser card — with, right before it, a fade overlay or a truncated or
// blurred container holding article text. A strong prompt ("subscribe to
// continue reading", not just "subscribe") also counts where the raw
// article's paragraphs stop being shown (removed or hidden) or next to
// hidden article text. A page whose schema says it is free is never a
// paywall. One evaluation, bounded by ctx (and at most 5s).
func DetectRendered(ctx context.Context, p *render.Page, raw Detection) (Detection, error) {
	d := raw
	d.Vendors = slices.Clone(raw.Vendors)
	d.GatedSelectors = slices.Clone(raw.GatedSelectors)
	if p.HTML != "" {
		if doc := parseHTML([]byte(p.HTML)); doc != nil {
			var s schema
			s.fromJSONLD(jsonLDBlocks(doc))
			s.fromMicrodata(doc)
			d.apply(s)
		}
	}
	expr, err := expression(scriptConfig{
		Op: "detect", Vendors: Vendors(), Words: Words(), Consent: consentWords(), Paragraphs: d.paragraphs,
	})
	if err != nil {
		return d, err
	}
	ctx, cancel := context.WithTimeout(ctx, evalTimeout)
	defer cancel()
	var r domResult
	if err := p.Evaluate(ctx, expr, &r); err != nil {
		return d, fmt.Errorf("detecting a paywall: %w", err)
	}
	for _, v := range r.Vendors {
		if !slices.Contains(d.Vendors, v) {
			d.Vendors = append(d.Vendors, v)
		}
	}
	slices.Sort(d.Vendors)
	dom := d.judge(r)
	d.Paywall = !d.Free && (d.NotFree || dom)
	return d, nil
}

// judge turns the DOM result into evidence on d and reports whether it
// shows a paywall.
func (d *Detection) judge(r domResult) bool {
	missing := r.Missing >= minMissing && float64(r.Missing) >= minMissingShare*float64(r.Total)
	var bits []string
	if r.Prompt != "" {
		d.Prompt = r.Prompt
		kind := "subscribe prompt"
		if r.Strong {
			kind = "paywall prompt"
		}
		bits = append(bits, fmt.Sprintf("%s %q at %s", kind, r.Prompt, r.PromptPath))
	} else if r.VendorUI != "" {
		bits = append(bits, "paywall frame of "+r.VendorUI)
	}
	if r.Total > 0 && r.Missing > 0 {
		bits = append(bits, fmt.Sprintf("%d of %d raw paragraphs not shown (%d removed)", r.Missing, r.Total, r.Removed))
	}
	for _, h := range []struct{ what, sel string }{
		{"fade overlay", r.Fade}, {"truncated", r.Truncated}, {"blurred", r.Blurred}, {"hidden", r.HiddenNext},
	} {
		if h.sel == "" {
			continue
		}
		bits = append(bits, h.what+" "+h.sel)
		if h.what != "fade overlay" {
			sel, _, _ := strings.Cut(h.sel, "::")
			if !slices.Contains(d.HiddenSelectors, sel) {
				d.HiddenSelectors = append(d.HiddenSelectors, sel)
			}
		}
	}
	if len(bits) > 0 {
		d.DOMEvidence = strings.Join(bits, "; ")
	}
	// A weak prompt ("subscribe") counts only with what it does to the
	// article right before it; a strong one also with the article's missing
	// paragraphs where it stands, or hidden content next to it.
	near := r.Fade != "" || r.Truncated != "" || r.Blurred != ""
	switch {
	case r.Prompt != "" && r.Strong:
		return near || (missing && r.MissingNear) || r.HiddenNext != ""
	case r.Prompt != "", r.VendorUI != "":
		return near
	}
	return false
}

// LinkInGated reports whether the element at linkSelector (a render.Link
// Selector: " >>> " enters an open shadow root or a same-origin iframe) is
// inside an element that one of the gated selectors matches, in the rendered
// page. Invalid selectors match nothing. ctx bounds the call.
func LinkInGated(ctx context.Context, p *render.Page, linkSelector string, gated []string) (bool, error) {
	if linkSelector == "" || len(gated) == 0 {
		return false, nil
	}
	expr, err := expression(scriptConfig{Op: "inGated", Selector: linkSelector, Gated: gated})
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(ctx, evalTimeout)
	defer cancel()
	var in bool
	if err := p.Evaluate(ctx, expr, &in); err != nil {
		return false, fmt.Errorf("checking the link against the gated parts: %w", err)
	}
	return in, nil
}
