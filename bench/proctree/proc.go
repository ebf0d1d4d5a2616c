package proctree

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"
)

// clockTick is USER_HZ, the unit of CPU times in /proc/PID/stat; it is 100 on every Linux
// architecture Go supports.
const clockTick = 10 * time.Millisecond

// Proc is what /proc/PID/stat says about one process.
type Proc struct {
	PID, PPID int
	Comm      string
	RSS       uint64        // bytes
	CPU       time.Duration // user + system time of the process itself
	ChildCPU  time.Duration // user + system time of its reaped children
}

// ParseStat parses the contents of /proc/PID/stat.
func ParseStat(b []byte) (Proc, error) {
	open, end := bytes.IndexByte(b, '('), bytes.LastIndexByte(b, ')')
	if open < 1 || end < open {
		return Proc{}, errors.New("proctree: stat has no (comm)")
	}
	pid, err := strconv.Atoi(string(bytes.TrimSpace(b[:open])))
	if err != nil {
		return Proc{}, fmt.Errorf("proctree: stat pid: %w", err)
	}
	f := bytes.Fields(b[end+1:])
	if len(f) < 22 {
		return Proc{}, fmt.Errorf("proctree: stat of %d has %d fields", pid, len(f))
	}
	// f[0] is field 3 (state) of proc(5): field N is f[N-3].
	nums := make(map[int]uint64, 6)
	for _, n := range []int{4, 14, 15, 16, 17, 24} {
		v, err := strconv.ParseInt(string(f[n-3]), 10, 64)
		if err != nil {
			return Proc{}, fmt.Errorf("proctree: stat of %d field %d: %w", pid, n, err)
		}
		nums[n] = uint64(max(v, 0))
	}
	return Proc{
		PID: pid, PPID: int(nums[4]), Comm: string(b[open+1 : end]),
		RSS:      nums[24] * uint64(os.Getpagesize()),
		CPU:      time.Duration(nums[14]+nums[15]) * clockTick,
		ChildCPU: time.Duration(nums[16]+nums[17]) * clockTick,
	}, nil
}

// ParsePSS returns the Pss line of /proc/PID/smaps_rollup, in bytes.
func ParsePSS(b []byte) (uint64, error) {
	for line := range bytes.Lines(b) {
		rest, ok := bytes.CutPrefix(line, []byte("Pss:"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) < 1 {
			break
		}
		kb, err := strconv.ParseUint(string(f[0]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("proctree: Pss: %w", err)
		}
		return kb * 1024, nil
	}
	return 0, errors.New("proctree: no Pss line")
}

// All reads every process in /proc. Processes that end while it reads are left out.
func All() ([]Proc, error) {
	d, err := os.Open("/proc")
	if err != nil {
		return nil, fmt.Errorf("proctree: %w", err)
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil, fmt.Errorf("proctree: reading /proc: %w", err)
	}
	procs := make([]Proc, 0, len(names))
	for _, n := range names {
		if n[0] < '0' || n[0] > '9' {
			continue
		}
		b, err := os.ReadFile("/proc/" + n + "/stat")
		if err != nil {
			continue // gone
		}
		p, err := ParseStat(b)
		if err != nil {
			continue
		}
		procs = append(procs, p)
	}
	return procs, nil
}

// Descendants returns the processes below root (root excluded) among procs.
func Descendants(procs []Proc, root int) []Proc {
	children := map[int][]int{}
	byPID := make(map[int]Proc, len(procs))
	for _, p := range procs {
		children[p.PPID] = append(children[p.PPID], p.PID)
		byPID[p.PID] = p
	}
	var out []Proc
	queue := append([]int{}, children[root]...)
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		out = append(out, byPID[pid])
		queue = append(queue, children[pid]...)
	}
	return out
}

// PSS returns the proportional set size of a process; 0 when it is gone.
func PSS(pid int) uint64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	v, err := ParsePSS(b)
	if err != nil {
		return 0
	}
	return v
}
