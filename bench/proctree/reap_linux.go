package proctree

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"
)

// prSetChildSubreaper is PR_SET_CHILD_SUBREAPER of prctl(2).
const prSetChildSubreaper = 36

// SetSubreaper makes the calling process the subreaper of its descendants: a process whose
// parent dies is reparented to it instead of to init, so it stays in the measured tree and its
// CPU time reaches RUSAGE_CHILDREN when ReapOrphans reaps it.
func SetSubreaper() error {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("proctree: prctl(PR_SET_CHILD_SUBREAPER): %w", errno)
	}
	return nil
}

// ChildrenCPU returns the user and system time of all reaped descendants of the calling
// process (getrusage RUSAGE_CHILDREN): children, and their descendants that were reaped in turn.
func ChildrenCPU() (user, sys time.Duration, err error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0, 0, fmt.Errorf("proctree: getrusage: %w", err)
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()), nil
}

// ReapOrphans reaps children of the calling process that are not waited for elsewhere (orphans
// reparented by SetSubreaper) until none is left or grace has passed; then it kills the ones
// still running and reaps them. It returns how many it had to kill. Call it only when no
// exec.Cmd of this process is running, or it may reap that command's child.
func ReapOrphans(ctx context.Context, grace time.Duration) (killed int, err error) {
	deadline := time.NewTimer(grace)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		done, err := reapExited()
		if err != nil || done {
			return killed, err
		}
		select {
		case <-ctx.Done():
			return killed, ctx.Err()
		case <-tick.C:
			continue
		case <-deadline.C:
		}
		// Grace is over: kill what is left of the tree.
		procs, err := All()
		if err != nil {
			return killed, err
		}
		for _, p := range Descendants(procs, syscall.Getpid()) {
			if syscall.Kill(p.PID, syscall.SIGKILL) == nil {
				killed++
			}
		}
		deadline.Reset(grace)
	}
}

// reapExited reaps every exited child; done is true when no child is left.
func reapExited() (done bool, err error) {
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, syscall.WNOHANG, nil)
		switch {
		case errors.Is(err, syscall.ECHILD):
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case err != nil:
			return false, fmt.Errorf("proctree: wait4: %w", err)
		case pid == 0:
			return false, nil // children left, all running
		}
	}
}
