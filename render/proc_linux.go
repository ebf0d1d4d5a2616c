//go:build linux

package render

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// chromeProcesses returns the ids of the processes whose command line names
// the profile dir: Chrome and its helpers have --user-data-dir=dir, crashpad
// has its database in dir. It finds none where /proc does not exist.
func chromeProcesses(dir string) []int {
	want := []byte(dir)
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	self := os.Getpid()
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == self {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		if hasArg(cmdline, want) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// killLeftovers kills the processes that still use the profile dir, until
// none has been seen for a few passes in a row or two seconds have passed.
// Chrome's helpers (zygote, network service, renderers) can outlive the main
// process for a moment, and one can fork while the main process dies.
func killLeftovers(dir string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	const quietPasses = 3
	t := time.NewTimer(0)
	defer t.Stop()
	for quiet := 0; quiet < quietPasses; {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pids := chromeProcesses(dir)
		for _, pid := range pids {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		if len(pids) == 0 {
			quiet++
		} else {
			quiet = 0
		}
		t.Reset(20 * time.Millisecond)
	}
}

// hasArg reports whether the command line holds the path arg, at the end of
// an argument or followed by "/". Chrome's zygote children rewrite their
// command line into one string joined by spaces, so an argument ends at a
// NUL, a space or the end.
func hasArg(cmdline, arg []byte) bool {
	for i := 0; ; {
		j := bytes.Index(cmdline[i:], arg)
		if j < 0 {
			return false
		}
		end := i + j + len(arg)
		after := end == len(cmdline) || cmdline[end] == 0 || cmdline[end] == ' ' || cmdline[end] == '/'
		if after {
			return true
		}
		i = end
	}
}
