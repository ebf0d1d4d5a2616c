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

// chromeProcesses returns the ids of the processes whose command line holds
// --user-data-dir=dir. It finds none where /proc does not exist.
func chromeProcesses(dir string) []int {
	want := []byte("--user-data-dir=" + dir)
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
		for arg := range bytes.SplitSeq(cmdline, []byte{0}) {
			if bytes.Equal(arg, want) {
				pids = append(pids, pid)
				break
			}
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
