package render

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// worldWait is how long an evaluation waits for linkproof's world to appear
// in a new document before it creates the world itself.
const worldWait = 500 * time.Millisecond

// worldEval evaluates expr in linkproof's isolated world of the main frame
// and decodes its JSON result into out (nil: ignore it). await waits for a
// returned promise. ctx bounds the call: a renderer that is busy with a
// script answers nothing, so every caller passes a deadline.
func (t *tab) worldEval(ctx context.Context, expr string, await bool, out any) error {
	for attempt := 0; ; attempt++ {
		params := runtime.EvaluateParams{
			Expression:    expr,
			ReturnByValue: new(true),
			AwaitPromise:  new(await),
			Silent:        new(true),
		}
		id, ctxID, err := t.world(ctx)
		if err != nil {
			return err
		}
		if id != "" {
			params.UniqueContextID = id
		} else {
			params.ContextID = ctxID
		}
		res, err := cdp.Call(ctx, t.target, runtime.Evaluate, params)
		if err != nil {
			// The document was replaced between the lookup and the call.
			var cerr *cdproto.Error
			if attempt == 0 && errors.As(err, &cerr) && strings.Contains(cerr.Message, "context") {
				continue
			}
			return err
		}
		return decodeResult(res, out)
	}
}

// world returns linkproof's world in the current main-frame document: its
// unique ID, or else the execution context ID of a world made just now. The
// world is made by the script registered with
// Page.addScriptToEvaluateOnNewDocument; a document that did not run it (an
// error page, a document created before the tab was set up) gets one with
// Page.createIsolatedWorld.
func (t *tab) world(ctx context.Context) (string, runtime.ExecutionContextID, error) {
	if id := t.state.world(); id != "" {
		return id, 0, nil
	}
	wait := time.NewTimer(worldWait)
	defer wait.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for waiting := true; waiting; {
		select {
		case <-ctx.Done():
			return "", 0, ctx.Err()
		case <-wait.C:
			waiting = false
		case <-tick.C:
			if id := t.state.world(); id != "" {
				return id, 0, nil
			}
		}
	}
	res, err := cdp.Call(ctx, t.target, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{
		FrameID:   t.state.frame(),
		WorldName: worldName,
	})
	if err != nil {
		return "", 0, fmt.Errorf("creating the extraction world: %w", err)
	}
	boot, err := cdp.Call(ctx, t.target, runtime.Evaluate, runtime.EvaluateParams{
		Expression: extractJS,
		ContextID:  res.ExecutionContextID,
		Silent:     new(true),
	})
	if err != nil {
		return "", 0, fmt.Errorf("installing the extraction script: %w", err)
	}
	if boot.ExceptionDetails != nil {
		return "", 0, fmt.Errorf("installing the extraction script: %s", exceptionText(boot.ExceptionDetails))
	}
	return "", res.ExecutionContextID, nil
}

// decodeResult returns the exception of res as an error, or decodes its value
// into out.
func decodeResult(res runtime.EvaluateResult, out any) error {
	if res.ExceptionDetails != nil {
		return fmt.Errorf("javascript: %s", exceptionText(res.ExceptionDetails))
	}
	if out == nil || res.Result == nil {
		return nil
	}
	if res.Result.Type == runtime.RemoteObjectTypeUndefined || len(res.Result.Value) == 0 {
		return nil
	}
	if err := json.Unmarshal(res.Result.Value, out); err != nil {
		return fmt.Errorf("decoding the javascript result: %w", err)
	}
	return nil
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return strings.SplitN(d.Exception.Description, "\n", 2)[0]
	}
	return d.Text
}

// Evaluate runs the JavaScript expression expr in the page's own (main)
// world, waits for a returned promise, and decodes the JSON value of the
// result into out, which may be nil to ignore it. An exception becomes an
// error. The evaluation counts as a user gesture (a click in it may open
// what needs one). ctx bounds the call; without a deadline it is bounded by
// 30s, as a page whose script never yields does not answer. It is meant for
// detectors (consent, paywall) that need the page's globals.
func (p *Page) Evaluate(ctx context.Context, expr string, out any) error {
	t, err := p.liveTab()
	if err != nil {
		return err
	}
	cctx, cancel := t.callCtx(ctx)
	defer cancel()
	res, err := cdp.Call(cctx, t.target, runtime.Evaluate, runtime.EvaluateParams{
		Expression:    expr,
		ReturnByValue: new(true),
		AwaitPromise:  new(true),
		UserGesture:   new(true),
	})
	if err != nil {
		return fmt.Errorf("evaluating in %s: %w", p.URL, err)
	}
	if err := decodeResult(res, out); err != nil {
		return fmt.Errorf("evaluating in %s: %w", p.URL, err)
	}
	return nil
}

// jsString returns s as a JavaScript string literal.
func jsString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		return `""`
	}
	return string(b)
}
