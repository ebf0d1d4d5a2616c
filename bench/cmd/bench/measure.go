package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/linkproof/linkproof/bench/proctree"
)

// sampleInterval is how often the process tree is sampled.
const sampleInterval = 100 * time.Millisecond

// measurement is one run of one contender.
type measurement struct {
	Contender   string
	Concurrency int
	Run         int
	Rows        int
	Wall        float64 // seconds
	RowsPerSec  float64
	CPU         float64 // seconds, user + system of the whole tree
	UserCPU     float64
	SysCPU      float64
	RootCPU     float64 // seconds of the contender's own process (Go or Node), as last seen alive
	PeakRSS     uint64  // bytes, summed over the tree
	PeakPSS     uint64  // bytes, summed over the tree
	PeakProcs   int
	Samples     int
	Load1       float64          // load average when the run started
	Requests    map[string]int64 // what the server answered during the run, by kind
	Killed      int              // processes left behind by the contender, killed by the harness
	ExitError   string           `json:",omitempty"`
	Outcome     outcome
	Trace       []tracePoint `json:",omitempty"` // memory run: every sample
}

// tracePoint is one sample of a run with the progress of its results file.
type tracePoint struct {
	T     float64 `json:"t"` // seconds
	Lines int     `json:"lines"`
	RSS   uint64  `json:"rss"`
	PSS   uint64  `json:"pss"`
}

// runSpec says how to run one measurement.
type runSpec struct {
	c         contender
	conc, run int
	rows      int
	out       string
	timeout   time.Duration
	pss       bool
	trace     bool
	requests  func() map[string]int64 // snapshot of the server's counters; nil: none
}

// measure runs one contender as a child process and measures it with its whole tree.
func measure(ctx context.Context, ws *workspace, s runSpec) (measurement, error) {
	m := measurement{Contender: s.c.name, Concurrency: s.conc, Run: s.run, Rows: s.rows, Load1: load1()}
	if err := os.RemoveAll(s.out); err != nil {
		return m, fmt.Errorf("clearing %s: %w", s.out, err)
	}
	if err := os.MkdirAll(s.out, 0o755); err != nil {
		return m, fmt.Errorf("creating %s: %w", s.out, err)
	}
	stdout, err := os.Create(s.out + ".stdout")
	if err != nil {
		return m, fmt.Errorf("creating the log: %w", err)
	}
	defer stdout.Close()
	stderr := &tailBuffer{max: 64 << 10}
	errFile, err := os.Create(s.out + ".stderr")
	if err != nil {
		return m, fmt.Errorf("creating the log: %w", err)
	}
	defer errFile.Close()

	rctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	argv := s.c.command(ws, s.conc, s.out)
	cmd := exec.CommandContext(rctx, argv[0], argv[1:]...)
	cmd.Stdout = stdout
	cmd.Stderr = io.MultiWriter(errFile, stderr)
	if len(ws.env) > 0 {
		cmd.Env = append(os.Environ(), ws.env...)
	}
	// Its own process group, so that a timeout kills the contender with its browser.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second

	var before map[string]int64
	if s.requests != nil {
		before = s.requests()
	}
	u0, s0, err := proctree.ChildrenCPU()
	if err != nil {
		return m, err
	}
	lines := &lineCounter{file: filepath.Join(s.out, s.c.results)}
	var trace []tracePoint
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return m, fmt.Errorf("starting %s: %w", s.c.name, err)
	}
	var onSample func(proctree.Sample)
	if s.trace {
		onSample = func(p proctree.Sample) {
			trace = append(trace, tracePoint{T: p.At.Seconds(), Lines: lines.count(), RSS: p.RSS, PSS: p.PSS})
		}
	}
	sampler := proctree.Start(os.Getpid(), cmd.Process.Pid, sampleInterval, s.pss, onSample)
	werr := cmd.Wait()
	wall := time.Since(start)
	sum := sampler.Stop()
	killed, rerr := proctree.ReapOrphans(ctx, 5*time.Second)
	if rerr != nil {
		return m, rerr
	}
	u1, s1, err := proctree.ChildrenCPU()
	if err != nil {
		return m, err
	}
	m.Wall = wall.Seconds()
	m.RowsPerSec = float64(s.rows) / m.Wall
	m.UserCPU, m.SysCPU = (u1 - u0).Seconds(), (s1 - s0).Seconds()
	m.CPU = m.UserCPU + m.SysCPU
	m.RootCPU = sum.RootCPU.Seconds()
	m.PeakRSS, m.PeakPSS, m.PeakProcs, m.Samples = sum.PeakRSS, sum.PeakPSS, sum.PeakProc, sum.Samples
	m.Killed = killed
	m.Trace = trace
	if s.requests != nil {
		m.Requests = map[string]int64{}
		for k, v := range s.requests() {
			m.Requests[k] = v - before[k]
		}
	}
	if werr != nil {
		m.ExitError = fmt.Sprintf("%v; stderr: %s", werr, stderr.tail(800))
		if rctx.Err() != nil && ctx.Err() == nil {
			m.ExitError = "timed out after " + s.timeout.String() + "; " + m.ExitError
		}
	}
	if ctx.Err() != nil {
		return m, ctx.Err()
	}
	o, perr := s.c.parse(s.out)
	m.Outcome = o
	if perr != nil && m.ExitError == "" {
		m.ExitError = perr.Error()
	}
	return m, nil
}

// lineCounter counts the lines of a file that grows, reading only what is new. A file that
// shrinks (rewritten) is counted again from the start.
type lineCounter struct {
	file   string
	offset int64
	lines  int
}

func (l *lineCounter) count() int {
	f, err := os.Open(l.file)
	if err != nil {
		return l.lines
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return l.lines
	}
	if st.Size() < l.offset {
		l.offset, l.lines = 0, 0
	}
	if _, err := f.Seek(l.offset, io.SeekStart); err != nil {
		return l.lines
	}
	buf := make([]byte, 256<<10)
	for {
		n, err := f.Read(buf)
		l.lines += bytes.Count(buf[:n], []byte{'\n'})
		l.offset += int64(n)
		if err != nil || n == 0 {
			return l.lines
		}
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = t.buf[len(t.buf)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) tail(n int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.buf
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}

// load1 is the one-minute load average, or -1.
func load1() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}
