package proctree

import (
	"context"
	"sync"
	"time"
)

// Sample is the memory of a tree at one moment.
type Sample struct {
	At      time.Duration // since the sampler started
	RSS     uint64        // sum over the tree, bytes (shared pages counted once per process)
	PSS     uint64        // sum over the tree, bytes (shared pages split among their users); 0 unless asked
	Procs   int
	RootCPU time.Duration // CPU of the tree's top process itself (for linkproof: the Go program)
	TreeCPU time.Duration // CPU of the live processes and of the children they reaped
}

// Summary is what a Sampler saw.
type Summary struct {
	Samples  int
	PeakRSS  uint64
	PeakPSS  uint64
	PeakProc int
	RootCPU  time.Duration // the largest RootCPU seen (the top process may end before its tree)
	Last     Sample        // the last sample with a live tree
}

// Measure takes one sample of the tree below root. top is the tree's top process (the
// contender itself), whose own CPU time goes into RootCPU.
func Measure(root, top int, withPSS bool) (Sample, error) {
	procs, err := All()
	if err != nil {
		return Sample{}, err
	}
	var s Sample
	for _, p := range Descendants(procs, root) {
		s.Procs++
		s.RSS += p.RSS
		s.TreeCPU += p.CPU + p.ChildCPU
		if p.PID == top {
			s.RootCPU = p.CPU
		}
		if withPSS {
			s.PSS += PSS(p.PID)
		}
	}
	return s, nil
}

// Sampler samples a tree on an interval until Stop.
type Sampler struct {
	cancel context.CancelFunc
	done   chan struct{}

	mu  sync.Mutex
	sum Summary
}

// pssEvery: PSS (smaps_rollup walks every mapping, which costs far more than stat) is read
// on every pssEvery-th sample only; the samples between carry the last value.
const pssEvery = 5

// Start samples the tree below root every interval, from its own goroutine, until Stop.
// onSample, when not nil, sees every sample (from that goroutine).
func Start(root, top int, interval time.Duration, withPSS bool, onSample func(Sample)) *Sampler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Sampler{cancel: cancel, done: make(chan struct{})}
	start := time.Now()
	go func() {
		defer close(s.done)
		tick := time.NewTicker(interval)
		defer tick.Stop()
		var lastPSS uint64
		for n := 0; ; n++ {
			pss := withPSS && n%pssEvery == 0
			if m, err := Measure(root, top, pss); err == nil && m.Procs > 0 {
				if pss {
					lastPSS = m.PSS
				}
				m.PSS = lastPSS
				m.At = time.Since(start)
				s.add(m)
				if onSample != nil {
					onSample(m)
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

func (s *Sampler) add(m Sample) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sum.Samples++
	s.sum.PeakRSS = max(s.sum.PeakRSS, m.RSS)
	s.sum.PeakPSS = max(s.sum.PeakPSS, m.PSS)
	s.sum.PeakProc = max(s.sum.PeakProc, m.Procs)
	s.sum.RootCPU = max(s.sum.RootCPU, m.RootCPU)
	s.sum.Last = m
}

// Stop ends the sampling and returns the summary. It is safe to call more than once.
func (s *Sampler) Stop() Summary {
	s.cancel()
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sum
}
