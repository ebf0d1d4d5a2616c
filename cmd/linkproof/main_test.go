package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/linkproof/linkproof"
	"github.com/linkproof/linkproof/internal/site"
	"github.com/linkproof/linkproof/render"
)

// These tests run the real binary, so that signals and process trees are real.

func build(t *testing.T) string {
	t.Helper()
	if _, err := render.ExecPath(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chrome is required in CI: %v", err)
		}
		t.Skip("no Chrome on this machine (CI=true makes this a failure)")
	}
	bin := filepath.Join(t.TempDir(), "linkproof")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func startSite(t *testing.T) *site.Site {
	t.Helper()
	fsys, err := linkproof.Site()
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Start(fsys)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// command runs bin with its own TMPDIR, so that Chrome's profile and processes can be found.
func command(t *testing.T, bin, tmp string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	return cmd, &out, &errOut
}

// chromeLeft lists processes whose command line mentions dir (Chrome's --user-data-dir).
func chromeLeft(dir string) []string {
	var left []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(b, []byte(dir)) {
			continue
		}
		st, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if f := strings.Fields(string(st)); len(f) > 2 && f[2] == "Z" {
			continue // a zombie is already dead
		}
		left = append(left, e.Name()+" "+strings.ReplaceAll(string(b[:min(len(b), 120)]), "\x00", " "))
	}
	return left
}

// waitFor polls cond every 100 ms until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		if cond() {
			return true
		}
		select {
		case <-deadline.C:
			return cond()
		case <-tick.C:
		}
	}
}

func assertNoChrome(t *testing.T, tmp string) {
	t.Helper()
	if !waitFor(10*time.Second, func() bool { return len(chromeLeft(tmp)) == 0 }) {
		t.Errorf("Chrome processes left behind:\n%s", strings.Join(chromeLeft(tmp), "\n"))
	}
	profiles, _ := filepath.Glob(filepath.Join(tmp, "linkproof-chrome-*"))
	if len(profiles) > 0 {
		t.Errorf("temporary Chrome profiles left behind: %v", profiles)
	}
}

func lines(path string) []string {
	b, _ := os.ReadFile(path)
	s := strings.TrimSpace(string(b))
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func verdicts(path string) string {
	var out []string
	for _, l := range lines(path) {
		var r struct {
			Row     int
			Verdict string
			Signals []string
		}
		json.Unmarshal([]byte(l), &r)
		out = append(out, fmt.Sprintf("%d %s %v", r.Row, r.Verdict, r.Signals))
	}
	return strings.Join(out, "\n")
}

func TestInterruptThenResume(t *testing.T) {
	bin := build(t)
	s := startSite(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("source,target\n")
	pages := []string{"ok", "hang", "removed", "nofollow", "hang?2", "noindex", "js-only", "canonical", "hang?3", "ugc"}
	for _, p := range pages {
		fmt.Fprintf(&b, "%s/%s,%s/product\n", s.URL("blog"), p, s.URL("shop"))
	}
	list := filepath.Join(dir, "links.csv")
	os.WriteFile(list, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out")
	tmp := t.TempDir()
	args := []string{"batch", list, "--out", out, "--concurrency", "2", "--timeout", "4s", "--crawlers", "googlebot"}

	cmd, _, errOut := command(t, bin, tmp, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if !waitFor(60*time.Second, func() bool { return len(lines(filepath.Join(out, "results.jsonl"))) >= 2 }) {
		cmd.Process.Kill()
		t.Fatalf("no rows finished in 60 s: %s", errOut)
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if code := cmd.ProcessState.ExitCode(); code != 130 {
			t.Errorf("exit %d (%v), want 130 after SIGINT", code, err)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("linkproof did not stop within 20 s of SIGINT")
	}
	if !strings.Contains(errOut.String(), "--resume") {
		t.Errorf("exit message does not say how to resume: %s", errOut)
	}
	kept := len(lines(filepath.Join(out, "results.jsonl")))
	if kept < 2 || kept >= len(pages) {
		t.Errorf("%d rows kept after the interrupt", kept)
	}
	assertNoChrome(t, tmp)

	cmd, _, errOut = command(t, bin, tmp, append(args, "--resume")...)
	if err := cmd.Run(); err != nil {
		t.Fatalf("resume: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut.String(), fmt.Sprintf("(%d resumed)", kept)) {
		t.Errorf("resume summary: %s", errOut)
	}
	resumed := verdicts(filepath.Join(out, "results.jsonl"))

	full := filepath.Join(dir, "full")
	cmd, _, errOut = command(t, bin, tmp, append(args[:3:3], full, "--concurrency", "2", "--timeout", "4s", "--crawlers", "googlebot")...)
	if err := cmd.Run(); err != nil {
		t.Fatalf("full run: %v\n%s", err, errOut)
	}
	if want := verdicts(filepath.Join(full, "results.jsonl")); resumed != want {
		t.Errorf("resumed results differ from an uninterrupted run:\n%s\n--- want\n%s", resumed, want)
	}
	assertNoChrome(t, tmp)
}

func TestSignalsKillChrome(t *testing.T) {
	bin := build(t)
	s := startSite(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			cmd, _, errOut := command(t, bin, tmp, "verify", "--timeout", "20s", s.URL("blog")+"/hang", s.URL("shop")+"/product")
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			if !waitFor(30*time.Second, func() bool { return len(chromeLeft(tmp)) > 0 }) {
				cmd.Process.Kill()
				t.Fatalf("Chrome never started: %s", errOut)
			}
			time.Sleep(time.Second) // let the page start loading (a test pause, not a retry)
			cmd.Process.Signal(sig)
			done := make(chan struct{})
			go func() { cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("linkproof did not exit within 15 s of %v", sig)
			}
			if !waitFor(10*time.Second, func() bool { return len(chromeLeft(tmp)) == 0 }) {
				t.Errorf("Chrome outlived linkproof after %v:\n%s", sig, strings.Join(chromeLeft(tmp), "\n"))
				for _, p := range chromeLeft(tmp) {
					var pid int
					fmt.Sscan(p, &pid)
					syscall.Kill(pid, syscall.SIGKILL)
				}
			}
			if sig == syscall.SIGTERM {
				assertNoChrome(t, tmp) // a clean exit also removes the profile
			}
		})
	}
}
