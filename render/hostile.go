package render

import (
	"context"
	"fmt"
	"iter"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// This file holds the defences against pages that fight back: dialogs,
// popups, downloads and scripts that never yield.

// denyDownloads makes the browser context id (the default one when empty)
// refuse every download, so that nothing is written to disk and no navigation
// waits for a file.
func (b *Browser) denyDownloads(ctx context.Context, id cdp.BrowserContextID) error {
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:         browser.SetDownloadBehaviorBehaviorDeny,
		BrowserContextID: id,
	})
	if err != nil {
		return fmt.Errorf("denying downloads: %w", err)
	}
	return nil
}

// closePopups closes every page target that another page opened
// (window.open, target=_blank clicks). Chrome's popup blocker stops most of
// them; this catches the rest. It runs until the browser ends.
func (b *Browser) closePopups() {
	defer b.bg.Done()
	for ev, err := range chromedp.BrowserEvents(b.ctx, target.TargetCreated) {
		if err != nil {
			return
		}
		info := ev.TargetInfo
		if info == nil || info.Type != "page" || info.OpenerID == "" {
			continue
		}
		ctx, cancel := context.WithTimeout(b.ctx, cmdTimeout)
		_, err := chromedp.CallBrowser(ctx, target.CloseTarget, target.CloseTargetParams{TargetID: info.TargetID})
		cancel()
		if err != nil {
			b.cfg.logf("render: closing the popup %s: %v", info.URL, err)
		} else {
			b.cfg.logf("render: closed a popup of %s: %s", info.OpenerID, info.URL)
		}
	}
}

// dismissDialogs answers every JavaScript dialog of the tab: alert, confirm
// and prompt are dismissed (confirm returns false, prompt null), beforeunload
// is accepted so that the page can be left and closed. The messages are
// recorded. It runs until the tab ends; events must be subscribed before the
// navigation.
func (t *tab) dismissDialogs(events iter.Seq2[page.EventJavascriptDialogOpening, error]) {
	defer t.bg.Done()
	for ev, err := range events {
		if err != nil {
			return
		}
		t.state.addDialog(ev.Message)
		ctx, cancel := context.WithTimeout(t.ctx, cmdTimeout)
		_, err := cdp.Call(ctx, t.target, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{
			Accept: ev.Type == page.DialogTypeBeforeunload,
		})
		cancel()
		if err != nil {
			t.b.cfg.logf("render: dismissing a %s dialog: %v", ev.Type, err)
		}
	}
}

// terminateScript stops the JavaScript that is running in the tab, such as a
// while(true){} loop. Chrome handles the command off the renderer's main
// thread, so it works on a page that answers nothing else. Later scripts
// still run.
func (t *tab) terminateScript() error {
	ctx, cancel := context.WithTimeout(t.ctx, cmdTimeout)
	defer cancel()
	if _, err := cdp.Call(ctx, t.target, runtime.TerminateExecution, cdp.Empty{}); err != nil {
		return fmt.Errorf("terminating the page's script: %w", err)
	}
	return nil
}
