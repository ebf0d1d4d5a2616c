package render

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrChromeNotFound is returned by ExecPath and New when no Chrome or
// Chromium binary can be found.
var ErrChromeNotFound = errors.New("chromium not found: install it with apt-get install -y chromium or pass --chrome")

// execNames are the programs looked up on PATH, in order, when no path is
// given.
var execNames = []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"}

// profilePrefix starts the name of every temporary profile directory that a
// Browser creates, so that leaks are easy to find.
const profilePrefix = "linkproof-chrome-"

// ExecPath resolves the Chrome binary as New does: path itself (an absolute
// path or a name on PATH) when it is not empty, else the first of chromium,
// chromium-browser, google-chrome and headless-shell found on PATH.
//
// When the file found is a launcher shell script (Debian's /usr/bin/chromium,
// Google's google-chrome), ExecPath returns the real binary that the script
// starts, when it can find it: killing a wrapper that does not exec can leave
// Chrome running. The error wraps ErrChromeNotFound.
func ExecPath(path string) (string, error) {
	var found string
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("%w (%s: %v)", ErrChromeNotFound, path, err)
		}
		found = p
	} else {
		for _, name := range execNames {
			if p, err := exec.LookPath(name); err == nil {
				found = p
				break
			}
		}
		if found == "" {
			return "", ErrChromeNotFound
		}
	}
	if abs, err := filepath.Abs(found); err == nil {
		found = abs
	}
	return realBinary(found), nil
}

// realBinary returns the binary that the launcher script path starts, or path
// when path is not a script or the binary cannot be found.
func realBinary(path string) string {
	resolved, err := filepath.EvalSymlinks(path)
	if err != nil {
		return path
	}
	if !isScript(resolved) {
		return resolved
	}
	base := filepath.Base(resolved)
	candidates := []string{
		filepath.Join(filepath.Dir(resolved), "chrome"), // Google Chrome: /opt/google/chrome/chrome
		filepath.Join("/usr/lib", base, base),           // Debian: /usr/lib/chromium/chromium
		filepath.Join("/usr/lib64", base, base),         // Fedora
	}
	for _, c := range candidates {
		if c == resolved {
			continue
		}
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 && !isScript(c) {
			return c
		}
	}
	return resolved
}

// isScript reports whether the file starts with "#!".
func isScript(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 2)
	n, _ := io.ReadFull(f, head)
	return n == 2 && string(head) == "#!"
}

// removeProfile removes the profile dir, retrying for a short while: a
// dying Chrome helper can still create files in it.
func removeProfile(dir string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	t := time.NewTimer(0)
	defer t.Stop()
	var err error
	for {
		select {
		case <-ctx.Done():
			return fmt.Errorf("removing the browser profile %s: %w", dir, err)
		case <-t.C:
		}
		if err = os.RemoveAll(dir); err == nil {
			return nil
		}
		t.Reset(50 * time.Millisecond)
	}
}
