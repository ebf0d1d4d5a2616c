package consent

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/linkproof/linkproof/render"
)

// detectTimeout bounds one Detect evaluation when ctx allows longer.
const detectTimeout = 5 * time.Second

// RuleGeneric is Detection.Rule and Action.Rule when the generic detector,
// not a vendor rule, found the UI or the button.
const RuleGeneric = "generic"

// Detection is what Detect found in a rendered page.
type Detection struct {
	// Vendors are the consent managers whose signatures (UI or marker
	// elements, script and frame URLs, globals) are in the page, sorted.
	Vendors []string `json:"vendors,omitempty"`
	// Shown reports that a consent UI is visible in the viewport (or that an
	// IAB API's ping says it is).
	Shown bool `json:"shown"`
	// Wall reports that the shown UI blocks the page: it and its backdrop
	// cover at least half of the viewport, it locks scrolling, or the page
	// shows almost no content next to it (or blurs it).
	Wall bool `json:"wall"`
	// Rule is the vendor whose rule found the shown UI, RuleGeneric, or an
	// IAB API rule ("iab-tcf", "iab-gpp"); "" when nothing is shown.
	Rule string `json:"rule,omitempty"`
	// Detail says what was seen, for the evidence manifest.
	Detail string `json:"detail,omitempty"`
	// Coverage is the share of the viewport that the UI covers, 0 to 1
	// (sampled on a grid of 45 points).
	Coverage float64 `json:"coverage,omitempty"`
	// ScrollLocked reports that html or body stops scrolling a page taller
	// than the viewport while the UI is shown.
	ScrollLocked bool `json:"scroll_locked,omitempty"`
}

// Detect looks for a consent UI in the rendered page p, in one evaluation in
// the page's main world. ctx bounds it (and at most 5s). It fails when the
// page is closed or does not answer.
func Detect(ctx context.Context, p *render.Page) (Detection, error) {
	var d Detection
	expr, err := expression(scriptConfig{Op: "detect"})
	if err != nil {
		return d, err
	}
	ctx, cancel := context.WithTimeout(ctx, detectTimeout)
	defer cancel()
	if err := p.Evaluate(ctx, expr, &d); err != nil {
		return Detection{}, fmt.Errorf("detecting consent: %w", err)
	}
	slices.Sort(d.Vendors)
	d.Vendors = slices.Compact(d.Vendors)
	return d, nil
}
