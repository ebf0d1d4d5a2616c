package supervisor

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/linkproof/linkproof/render"
)

// chromePIDs lists the processes whose command line mentions dir.
func chromePIDs(dir string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte(dir)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func TestRestartAfterBrowserKilled(t *testing.T) {
	if _, err := render.ExecPath(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chrome is required in CI: %v", err)
		}
		t.Skip("no Chrome on this machine (CI=true makes this a failure)")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // the profile dir, and so Chrome's command line, is under tmp
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<p><a href="/x">x</a></p>`))
	}))
	defer ts.Close()
	s, err := Start(t.Context(), render.WithTimeout(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.Open(t.Context(), ts.URL)
	if err != nil || len(p.Links) != 1 {
		t.Fatalf("first open: %v", err)
	}
	p.Close()
	pids := chromePIDs(tmp)
	if len(pids) == 0 {
		t.Fatal("found no Chrome process to kill")
	}
	for _, pid := range pids {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	p, err = s.Open(t.Context(), ts.URL)
	if err != nil {
		t.Fatalf("open after the browser was killed: %v", err)
	}
	defer p.Close()
	if len(p.Links) != 1 || s.Restarts() != 1 {
		t.Errorf("links %d, restarts %d; want 1 and 1", len(p.Links), s.Restarts())
	}
}
