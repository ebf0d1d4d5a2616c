package consent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/linkproof/linkproof/render"
)

// Bounds of Accept.
const (
	// AcceptTimeout bounds the clicking and settling of one Accept (the
	// final extraction is bounded by ctx only).
	AcceptTimeout = 20 * time.Second
	// MaxAttempts is how many clicks Accept makes at most: a first layer
	// that opens a second one, or a button that did nothing.
	MaxAttempts   = 3
	clickTimeout  = 3 * time.Second        // one search-and-click evaluation
	framesTimeout = 6 * time.Second        // the search in cross-site frames
	settleQuiet   = 500 * time.Millisecond // DOM and network quiet after the UI went
	settleMax     = 3 * time.Second        // bound of one settle (a UI that stays)
	reloadPause   = 250 * time.Millisecond // before settling a document that replaced the old one
	maxFrameURLs  = 5                      // cross-site frames tried per attempt
)

// Click is one click that Accept made.
type Click struct {
	// Rule is the vendor whose rule gave the button, or RuleGeneric.
	Rule string `json:"rule"`
	// Selector is the rule's accept selector, or for a generic button a CSS
	// path to it (" >>> " enters a shadow root or an iframe).
	Selector string `json:"selector"`
	// Text is the button's label.
	Text string `json:"text,omitempty"`
	// Frame is the URL of the cross-site frame that held the button; "" for
	// the page itself (and its same-origin frames).
	Frame string `json:"frame,omitempty"`
}

// Action is what Accept did, for the evidence manifest.
type Action struct {
	// Rule, Selector, Text and Frame describe the last click (see Click).
	Rule     string `json:"rule,omitempty"`
	Selector string `json:"selector,omitempty"`
	Text     string `json:"text,omitempty"`
	Frame    string `json:"frame,omitempty"`
	// Clicked reports that at least one accept button was clicked.
	Clicked bool `json:"clicked"`
	// Dismissed reports that no consent UI was shown after the last click.
	Dismissed bool `json:"dismissed"`
	// Attempts is how many times Accept looked for a button.
	Attempts int `json:"attempts"`
	// Clicks are all the clicks, in order.
	Clicks []Click `json:"clicks,omitempty"`
	// After is the detection after the last click.
	After *Detection `json:"after,omitempty"`
	// Err says why no button was clicked or the UI stayed, "" when it went.
	Err string `json:"error,omitempty"`
	// Duration is how long Accept took, extraction included.
	Duration time.Duration `json:"duration_ns"`
}

// clickResult is what consent.js's accept and frame operations return.
type clickResult struct {
	Clicked  bool     `json:"clicked"`
	Rule     string   `json:"rule"`
	Selector string   `json:"selector"`
	Text     string   `json:"text"`
	Path     string   `json:"path"`
	Frames   []string `json:"frames"`
}

// Accept gives consent on the rendered page p: it clicks the accept button
// of the vendor's rule, else the generic "accept all" button (in the page,
// its open shadow roots, same-origin iframes, then the cross-site frames that
// may hold the UI), lets the page settle (a reload is waited for), and checks
// that the UI went; at most MaxAttempts clicks within AcceptTimeout. When it
// clicked, it extracts the page again (p.Extract), so that p.Links and p.HTML
// are the state after consent.
//
// A UI that has no button it recognizes, or that stays, is not an error: the
// Action says so. The error is for a page that is closed or does not answer,
// or an extraction that fails; ctx ending ends Accept with ctx's error.
func Accept(ctx context.Context, p *render.Page) (Action, error) {
	start := time.Now()
	a, err := accept(ctx, p)
	if err == nil && a.Clicked {
		if xerr := p.Extract(ctx); xerr != nil {
			err = fmt.Errorf("extracting after consent: %w", xerr)
		}
	}
	a.Duration = time.Since(start)
	return a, err
}

func accept(parent context.Context, p *render.Page) (Action, error) {
	var a Action
	ctx, cancel := context.WithTimeout(parent, AcceptTimeout)
	defer cancel()
	var skip []string
	for a.Attempts < MaxAttempts {
		a.Attempts++
		c, err := clickOnce(ctx, p, skip)
		if err != nil {
			if perr := parent.Err(); perr != nil {
				return a, perr
			}
			if a.Clicked {
				// The budget ran out after a click: what was done stands.
				a.Err = "stopped: " + err.Error()
				return a, nil
			}
			return a, err
		}
		if c == nil {
			if !a.Clicked {
				a.Err = "no accept button found"
			} else {
				a.Err = "the consent UI is still shown and no other accept button was found"
			}
			return a, nil
		}
		a.Clicked = true
		a.Clicks = append(a.Clicks, *c)
		a.Rule, a.Selector, a.Text, a.Frame = c.Rule, c.Selector, c.Text, c.Frame
		skip = append(skip, c.Selector)
		if err := settle(ctx, p); err != nil {
			if perr := parent.Err(); perr != nil {
				return a, perr
			}
			a.Err = "settling after the click: " + err.Error()
			return a, nil
		}
		d, err := Detect(ctx, p)
		if err != nil {
			if perr := parent.Err(); perr != nil {
				return a, perr
			}
			a.Err = "checking after the click: " + err.Error()
			return a, nil
		}
		a.After = &d
		if !d.Shown {
			a.Dismissed = true
			a.Err = ""
			return a, nil
		}
		a.Err = "the consent UI is still shown"
	}
	return a, nil
}

// clickOnce clicks one accept button: in the document first, then in the
// cross-site frames the document points at. It returns nil when it found no
// button.
func clickOnce(ctx context.Context, p *render.Page, skip []string) (*Click, error) {
	expr, err := expression(scriptConfig{Op: "accept", Skip: skip})
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, clickTimeout)
	var r clickResult
	err = p.Evaluate(cctx, expr, &r)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("looking for the accept button: %w", err)
	}
	if r.Clicked {
		return &Click{Rule: r.Rule, Selector: r.Selector, Text: r.Text}, nil
	}
	return clickFrames(ctx, p, r.Frames, skip)
}

// clickFrames looks for the accept button in the cross-site frames whose
// URLs the document listed, by origin.
func clickFrames(ctx context.Context, p *render.Page, urls []string, skip []string) (*Click, error) {
	var origins []string
	for _, u := range urls {
		pu, err := url.Parse(u)
		if err != nil || pu.Host == "" {
			continue
		}
		o := pu.Scheme + "://" + pu.Host + "/"
		if !slices.Contains(origins, o) {
			origins = append(origins, o)
		}
	}
	if len(origins) > maxFrameURLs {
		origins = origins[:maxFrameURLs]
	}
	if len(origins) == 0 {
		return nil, nil
	}
	expr, err := expression(scriptConfig{Op: "frame", Skip: skip})
	if err != nil {
		return nil, err
	}
	fctx, cancel := context.WithTimeout(ctx, framesTimeout)
	defer cancel()
	var errs []string
	for _, o := range origins {
		res, err := p.EvaluateInFrames(fctx, o, expr)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			errs = append(errs, err.Error())
			continue
		}
		for _, fr := range res {
			if fr.Err != "" {
				continue
			}
			var r clickResult
			if json.Unmarshal(fr.Value, &r) != nil || !r.Clicked {
				continue
			}
			return &Click{Rule: r.Rule, Selector: r.Selector, Text: r.Text, Frame: fr.URL}, nil
		}
	}
	if len(errs) > 0 && fctx.Err() != nil {
		return nil, fmt.Errorf("searching the consent frames: %s", strings.Join(errs, "; "))
	}
	return nil, nil
}

// settle waits until the consent UI went and the page is quiet after a
// click, at most settleMax. A click that reloads
// or navigates destroys the document under the evaluation: settle then waits
// a moment and settles the new document, a few times at most.
func settle(ctx context.Context, p *render.Page) error {
	expr, err := expression(scriptConfig{Op: "settle", Quiet: settleQuiet.Milliseconds(), Max: settleMax.Milliseconds()})
	if err != nil {
		return err
	}
	var last error
	for range 3 {
		sctx, cancel := context.WithTimeout(ctx, settleMax+2*time.Second)
		last = p.Evaluate(sctx, expr, nil)
		cancel()
		if last == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t := time.NewTimer(reloadPause)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	return errors.Join(errors.New("the page did not settle"), last)
}
