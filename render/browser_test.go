package render

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// popupTargets lists the page targets of the shared browser that a page
// opened.
func popupTargets(ctx context.Context) ([]string, error) {
	cctx, cancel := shared.browserCtx(ctx, 0)
	defer cancel()
	infos, err := chromedp.Targets(cctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, i := range infos {
		if i.Type == "page" && (i.OpenerID != "" || strings.Contains(i.URL, "popup-target")) {
			out = append(out, i.URL)
		}
	}
	return out, nil
}

func TestExecPath(t *testing.T) {
	// Not parallel: it changes PATH.
	if _, err := ExecPath("/nonexistent/chromium"); !errors.Is(err, ErrChromeNotFound) {
		t.Errorf("a missing binary: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := ExecPath(""); !errors.Is(err, ErrChromeNotFound) || !strings.Contains(err.Error(), "apt-get install -y chromium") {
		t.Errorf("nothing on PATH: %v", err)
	}
}

func TestExecPathWrapper(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	script := filepath.Join(dir, "linkproof-test-browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nexec /somewhere/else \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	real := filepath.Join(dir, "chrome") // next to the script, as Google Chrome has it
	if err := os.WriteFile(real, []byte("\x7fELF"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := ExecPath(script); err != nil || got != real {
		t.Errorf("ExecPath(wrapper) = %q, %v; want %q", got, err, real)
	}
	os.Remove(real)
	if got, err := ExecPath(script); err != nil || got != script {
		t.Errorf("ExecPath(wrapper without binary) = %q, %v; want the wrapper", got, err)
	}
	// The Debian wrapper, when this machine has it.
	if _, err := os.Stat("/usr/lib/chromium/chromium"); err == nil && isScript("/usr/bin/chromium") {
		if got, err := ExecPath("/usr/bin/chromium"); err != nil || got != "/usr/lib/chromium/chromium" {
			t.Errorf("ExecPath(/usr/bin/chromium) = %q, %v", got, err)
		}
	}
	if isScript(shared.ExecPath()) {
		t.Errorf("the browser runs the wrapper script %s", shared.ExecPath())
	}
}

// newBrowser starts a browser of the test's own, closed when the test ends.
func newBrowser(t *testing.T, opts ...Option) *Browser {
	t.Helper()
	b, err := New(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	track(b)
	t.Cleanup(func() { b.Close() })
	return b
}

func TestCloseLeavesNothing(t *testing.T) {
	t.Parallel()
	b := newBrowser(t, WithTimeout(5*time.Second))
	if !strings.HasPrefix(filepath.Base(b.dataDir), profilePrefix) {
		t.Errorf("profile %s", b.dataDir)
	}
	p, err := b.Open(context.Background(), srv.URL+"/static.html")
	if err != nil {
		t.Fatal(err)
	}
	// A page left open, and a hung one: Close must deal with both.
	q, err := b.Open(context.Background(), srv.URL+"/never-loads.html", WithPageTimeout(500*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_ = q
	if n := len(chromeProcesses(b.dataDir)); n < 2 {
		t.Fatalf("%d Chrome processes use %s while it runs", n, b.dataDir)
	}
	start := time.Now()
	if err := b.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	t.Logf("Close took %v", time.Since(start))
	if pids := chromeProcesses(b.dataDir); len(pids) > 0 {
		t.Errorf("processes left after Close: %v", pids)
	}
	if _, err := os.Stat(b.dataDir); !os.IsNotExist(err) {
		t.Errorf("profile left after Close: %v", err)
	}
	if b.Alive() {
		t.Error("Alive after Close")
	}
	if _, err := b.Open(context.Background(), srv.URL+"/static.html"); !errors.Is(err, ErrBrowserGone) {
		t.Errorf("Open after Close: %v", err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	if _, err := p.Screenshot(context.Background()); err == nil {
		t.Error("a page of a closed browser still takes screenshots")
	}
}

func TestBrowserDies(t *testing.T) {
	t.Parallel()
	b := newBrowser(t)
	proc := chromedp.FromContext(b.ctx).Browser.Process()
	if proc == nil {
		t.Fatal("no browser process")
	}
	if err := proc.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if !eventually(5*time.Second, func() bool { return !b.Alive() }) {
		t.Fatal("Alive after the process was killed")
	}
	if _, err := b.Open(context.Background(), srv.URL+"/static.html"); !errors.Is(err, ErrBrowserGone) {
		t.Errorf("Open on a dead browser: %v", err)
	}
	if err := b.Close(); err != nil {
		t.Errorf("Close of a dead browser: %v", err)
	}
	if pids := chromeProcesses(b.dataDir); len(pids) > 0 {
		t.Errorf("processes left: %v", pids)
	}
}

func TestNewCanceled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if b, err := New(ctx); err == nil {
		track(b)
		b.Close()
		t.Fatal("New with a canceled context succeeded")
	}
	if _, err := New(context.Background(), WithExecPath("/nonexistent/chrome")); !errors.Is(err, ErrChromeNotFound) {
		t.Errorf("New with a missing binary: %v", err)
	}
}

// childEnv makes the test binary start a browser, print its profile dir and
// wait to be killed (see TestChromeDiesWithUs).
const childEnv = "LINKPROOF_RENDER_TEST_CHILD"

func childMain() int {
	b, err := New(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(b.dataDir)
	select {} // until killed
}

func TestChromeDiesWithUs(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child did not start a browser: %v", err)
	}
	dir := strings.TrimSpace(line)
	defer os.RemoveAll(dir) // a killed process cannot remove it
	if len(chromeProcesses(dir)) == 0 {
		t.Fatalf("no Chrome process uses %s", dir)
	}
	cmd.Process.Kill()
	cmd.Wait()
	killed := time.Now()
	defer func() { t.Logf("Chrome gone %v after its parent was killed", time.Since(killed)) }()
	eventually(10*time.Second, func() bool { return len(chromeProcesses(dir)) == 0 })
	if pids := chromeProcesses(dir); len(pids) > 0 {
		t.Errorf("Chrome outlived the process that started it: %v", pids)
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// eventually polls cond until it holds or d has passed, and reports whether
// it held.
func eventually(d time.Duration, cond func() bool) bool {
	limit := time.NewTimer(d)
	defer limit.Stop()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-limit.C:
			return cond()
		case <-tick.C:
		}
	}
	return true
}
