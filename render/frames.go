package render

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// frameAttachTimeout bounds attaching to one cross-site iframe target.
const frameAttachTimeout = 5 * time.Second

// maxFrames caps how many iframe targets one EvaluateInFrames visits.
const maxFrames = 20

// FrameResult is the outcome of an evaluation in one cross-site iframe.
type FrameResult struct {
	// URL is the URL of the iframe's document.
	URL string
	// Value is the JSON value of the result (null for undefined); nil when
	// Err is set.
	Value json.RawMessage
	// Err says why the evaluation failed in this frame: the frame went away,
	// the script threw, ctx ended.
	Err string
}

// EvaluateInFrames runs the JavaScript expression expr in the main world of
// each cross-site iframe of the page whose URL contains urlContains (every
// one when it is ""), waits for a returned promise, and returns the JSON
// results in the order the browser lists the frames (at most 20 frames).
// Chrome runs such iframes in processes of their own (site isolation), out
// of reach of Evaluate and of the page's scripts; same-site iframes are not
// listed (reach them from Evaluate through contentDocument). The expression
// runs with a user gesture, so it may click. ctx bounds the whole call.
//
// It fails only when the page is closed or the frames cannot be listed; a
// frame that fails has Err set.
func (p *Page) EvaluateInFrames(ctx context.Context, urlContains, expr string) ([]FrameResult, error) {
	t, err := p.liveTab()
	if err != nil {
		return nil, err
	}
	lctx, cancel := joinCtx(t.ctx, ctx, cmdTimeout)
	infos, err := chromedp.Targets(lctx)
	cancel()
	if err != nil {
		return nil, fmt.Errorf("listing the frames of %s: %w", p.URL, err)
	}
	bc := chromedp.FromContext(t.ctx).BrowserContextID
	var out []FrameResult
	for _, info := range infos {
		if len(out) >= maxFrames {
			break
		}
		if info.Type != "iframe" || !strings.Contains(info.URL, urlContains) {
			continue
		}
		if bc != "" && info.BrowserContextID != bc || bc == "" && info.ParentID != t.target.TargetID {
			continue
		}
		r := FrameResult{URL: info.URL}
		v, err := t.frameEval(ctx, info.TargetID, expr)
		if err != nil {
			r.Err = err.Error()
		} else {
			r.Value = v
		}
		out = append(out, r)
		if cerr := ctx.Err(); cerr != nil {
			return out, cerr
		}
	}
	return out, nil
}

// frameEval attaches to the iframe target id, evaluates expr in it and
// detaches, leaving the frame as it is.
func (t *tab) frameEval(ctx context.Context, id target.ID, expr string) (json.RawMessage, error) {
	// The frame's context is bound to its first call, which must not carry a
	// deadline: run it aside and bound the wait, as setUp does for tabs.
	fctx, fcancel := chromedp.NewContext(t.ctx, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
	defer fcancel()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(fctx) }()
	limit := time.NewTimer(frameAttachTimeout)
	defer limit.Stop()
	select {
	case err := <-done:
		if err != nil {
			return nil, fmt.Errorf("attaching to the frame: %w", err)
		}
	case <-ctx.Done():
		fcancel()
		<-done
		return nil, ctx.Err()
	case <-limit.C:
		fcancel()
		<-done
		return nil, errors.New("attaching to the frame: no answer within " + frameAttachTimeout.String())
	}
	ft := chromedp.FromContext(fctx).Target
	ectx, cancel := joinCtx(fctx, ctx, 0)
	defer cancel()
	res, err := cdp.Call(ectx, ft, runtime.Evaluate, runtime.EvaluateParams{
		Expression:    expr,
		ReturnByValue: new(true),
		AwaitPromise:  new(true),
		UserGesture:   new(true),
	})
	if err != nil {
		return nil, err
	}
	var v json.RawMessage
	if err := decodeResult(res, &v); err != nil {
		return nil, err
	}
	if v == nil {
		v = json.RawMessage("null")
	}
	return v, nil
}
