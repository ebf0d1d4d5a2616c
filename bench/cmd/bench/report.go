package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/linkproof/linkproof/bench/corpus"
)

// Targets of the issue.
const (
	targetSpeedup  = 2.0       // linkproof rows/s over the reference's, at concurrency 4
	targetFloor    = 1.5       // linkproof wall time over the floor's
	targetRSS      = 1.5 * gib // peak RSS at concurrency 4
	targetGrowth   = 0.20      // memory after row 1,000 over after row 200
	targetConc     = 4
	gib            = 1 << 30
	memoryEarlyRow = 200
	memoryLateRow  = 1000
	memoryWindow   = 50 // rows around each mark whose samples are averaged
)

// report is what a bench run writes to bench/results and prints.
type report struct {
	Kind         string
	Started      time.Time
	Command      string
	Options      map[string]any
	Machine      machine
	Corpus       corpusInfo
	Measurements []measurement
	Summary      []summaryRow
	Ratios       []ratio
	Targets      []targetCheck
	Agreement    []agreement
	Memory       *memoryCheck `json:",omitempty"`
	Real         *realSummary `json:",omitempty"`
}

// corpusInfo describes the generated corpus.
type corpusInfo struct {
	Pages, Rows, Unique, JS, Consent, Heavy, Present, Absent int
	Text                                                     string
}

func describeCorpus(c *corpus.Corpus) corpusInfo {
	ci := corpusInfo{Pages: len(c.Pages), Rows: len(c.Rows), Unique: len(c.UniqueSources())}
	for _, p := range c.Pages {
		ci.JS += b2i(p.JS)
		ci.Consent += b2i(p.Consent)
		ci.Heavy += b2i(p.Heavy)
	}
	distinct := map[corpus.Row]bool{}
	for _, r := range c.Rows {
		distinct[r] = true
		if r.Found {
			ci.Present++
		} else {
			ci.Absent++
		}
	}
	ci.Text = fmt.Sprintf("%d pages (%d with JS-injected links, %d with a consent banner, %d with over %d links), %d rows (%d repeated; %d links present, %d absent), latency %v-%v",
		ci.Pages, ci.JS, ci.Consent, ci.Heavy, corpus.HeavyLinks, ci.Rows, ci.Rows-len(distinct), ci.Present, ci.Absent,
		corpus.MinLatency, corpus.MinLatency+corpus.LatencySpread)
	return ci
}

// summaryRow is the median of the runs of one contender at one concurrency.
type summaryRow struct {
	Contender   string
	Concurrency int
	Runs        int
	Wall        float64
	RowsPerSec  float64
	CPU         float64
	RootCPU     float64
	PeakRSS     uint64
	PeakPSS     uint64
	PeakProcs   int
	RenderP50MS int64 `json:",omitempty"` // linkproof: median rendered.duration_ms of a page
	Wrong       int   // rows whose found differs from the corpus, worst run
	Missing     int   // rows with no result, worst run
	Errors      int   // worst run
	Failed      int   // runs that exited non-zero
}

// ratio compares linkproof with the others at one concurrency.
type ratio struct {
	Concurrency       int
	SpeedupVsRef      float64 // linkproof rows/s / reference rows/s, of the medians
	WallVsFloor       float64 // linkproof wall / floor wall, of the medians
	CPUVsRef, CPUVsFl float64
	// The same ratios taken round by round (runs that ran back to back, under about the same
	// load), then the median: steadier than the ratio of medians on a shared machine.
	PairedSpeedupVsRef, PairedWallVsFloor float64
}

// paired is the median over rounds of f(linkproof run, other run) for runs of one round.
func paired(ms []measurement, conc int, other string, f func(lp, o measurement) float64) float64 {
	var rs []float64
	for _, a := range ms {
		if a.Contender != "linkproof" || a.Concurrency != conc {
			continue
		}
		for _, b := range ms {
			if b.Contender == other && b.Concurrency == conc && b.Run == a.Run && b.Wall > 0 && a.Wall > 0 {
				rs = append(rs, f(a, b))
			}
		}
	}
	return median(rs)
}

// targetCheck is one target of the issue and whether it was met.
type targetCheck struct {
	Name, Want, Got string
	Met             bool
}

// agreement counts rows where two contenders disagree on found.
type agreement struct {
	A, B        string
	Concurrency int
	Disagree    int
	Rows        []int `json:",omitempty"` // the first few
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// finish computes the summary, the ratios, the checks against the corpus and the targets.
func (r *report) finish(c *corpus.Corpus) {
	type key struct {
		name string
		conc int
	}
	groups := map[key][]measurement{}
	var order []key
	for _, m := range r.Measurements {
		k := key{m.Contender, m.Concurrency}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], m)
	}
	slices.SortStableFunc(order, func(a, b key) int { return a.conc - b.conc })
	byKey := map[key]summaryRow{}
	for _, k := range order {
		ms := groups[k]
		var wall, rps, cpu, root, rss, pss, procs []float64
		var render []float64
		s := summaryRow{Contender: k.name, Concurrency: k.conc, Runs: len(ms)}
		for _, m := range ms {
			wall, rps, cpu, root = append(wall, m.Wall), append(rps, m.RowsPerSec), append(cpu, m.CPU), append(root, m.RootCPU)
			rss, pss, procs = append(rss, float64(m.PeakRSS)), append(pss, float64(m.PeakPSS)), append(procs, float64(m.PeakProcs))
			for _, d := range m.Outcome.RenderMS {
				render = append(render, float64(d))
			}
			if m.ExitError != "" {
				s.Failed++
			}
			s.Errors = max(s.Errors, m.Outcome.Errors)
			if m.Outcome.Found != nil {
				wrong, missing := check(c, m.Outcome.Found)
				s.Wrong, s.Missing = max(s.Wrong, len(wrong)), max(s.Missing, missing)
			}
		}
		s.Wall, s.RowsPerSec, s.CPU, s.RootCPU = median(wall), median(rps), median(cpu), median(root)
		s.PeakRSS, s.PeakPSS, s.PeakProcs = uint64(median(rss)), uint64(median(pss)), int(median(procs))
		s.RenderP50MS = int64(median(render))
		r.Summary = append(r.Summary, s)
		byKey[k] = s
	}
	concs := []int{}
	for _, k := range order {
		if !slices.Contains(concs, k.conc) {
			concs = append(concs, k.conc)
		}
	}
	for _, conc := range concs {
		lp, okL := byKey[key{"linkproof", conc}]
		if !okL {
			continue
		}
		rt := ratio{Concurrency: conc}
		if ref, ok := byKey[key{"reference", conc}]; ok && ref.RowsPerSec > 0 {
			rt.SpeedupVsRef = lp.RowsPerSec / ref.RowsPerSec
			rt.CPUVsRef = lp.CPU / ref.CPU
		}
		if fl, ok := byKey[key{"floor", conc}]; ok && fl.Wall > 0 {
			rt.WallVsFloor = lp.Wall / fl.Wall
			rt.CPUVsFl = lp.CPU / fl.CPU
		}
		rt.PairedSpeedupVsRef = paired(r.Measurements, conc, "reference", func(lp, o measurement) float64 { return o.Wall / lp.Wall })
		rt.PairedWallVsFloor = paired(r.Measurements, conc, "floor", func(lp, o measurement) float64 { return lp.Wall / o.Wall })
		r.Ratios = append(r.Ratios, rt)
		if conc == targetConc {
			if rt.PairedSpeedupVsRef > 0 {
				r.Targets = append(r.Targets, targetCheck{"linkproof rows/s vs reference, concurrency 4 (median of rounds)", fmt.Sprintf(">= %.1fx", targetSpeedup),
					fmt.Sprintf("%.2fx (CPU per row %.2fx less)", rt.PairedSpeedupVsRef, 1/rt.CPUVsRef), rt.PairedSpeedupVsRef >= targetSpeedup})
			}
			if rt.PairedWallVsFloor > 0 {
				r.Targets = append(r.Targets, targetCheck{"linkproof wall time vs floor, concurrency 4 (median of rounds)", fmt.Sprintf("<= %.1fx", targetFloor),
					fmt.Sprintf("%.2fx (CPU %.2fx)", rt.PairedWallVsFloor, rt.CPUVsFl), rt.PairedWallVsFloor <= targetFloor})
			}
			r.Targets = append(r.Targets, targetCheck{"linkproof peak RSS of the tree, concurrency 4", "<= 1.5 GiB", fmt.Sprintf("%s (PSS %s)", mib(lp.PeakRSS), mib(lp.PeakPSS)), lp.PeakRSS <= targetRSS})
		}
	}
	r.Agreement = agreements(r.Measurements)
	if r.Kind == "memory" {
		r.Memory = memoryGrowth(r.Measurements)
		if r.Memory != nil {
			r.Targets = append(r.Targets, targetCheck{"memory after row 1,000 vs after row 200", "within 20%",
				fmt.Sprintf("RSS %+.1f%%, PSS %+.1f%%", 100*r.Memory.RSSGrowth, 100*r.Memory.PSSGrowth), r.Memory.Met})
		}
	}
}

// check compares found with the corpus: the rows answered wrongly, and how many have no answer.
func check(c *corpus.Corpus, found map[int]bool) (wrong []int, missing int) {
	for i, row := range c.Rows {
		got, ok := found[i+1]
		switch {
		case !ok:
			missing++
		case got != row.Found:
			wrong = append(wrong, i+1)
		}
	}
	return wrong, missing
}

// agreements compares linkproof's and the reference's answers, run by run.
func agreements(ms []measurement) []agreement {
	var out []agreement
	for _, a := range ms {
		if a.Contender != "linkproof" || a.Outcome.Found == nil {
			continue
		}
		for _, b := range ms {
			if b.Contender != "reference" || b.Concurrency != a.Concurrency || b.Run != a.Run || b.Outcome.Found == nil {
				continue
			}
			ag := agreement{A: a.Contender, B: b.Contender, Concurrency: a.Concurrency}
			for row := 1; row <= a.Rows; row++ {
				fa, okA := a.Outcome.Found[row]
				fb, okB := b.Outcome.Found[row]
				if fa != fb || okA != okB {
					ag.Disagree++
					if len(ag.Rows) < 10 {
						ag.Rows = append(ag.Rows, row)
					}
				}
			}
			out = append(out, ag)
		}
	}
	return out
}

// memoryCheck is the growth check of the memory run.
type memoryCheck struct {
	EarlyRSS, LateRSS, EarlyPSS, LatePSS uint64 // means over the samples near each mark
	EarlySamples, LateSamples            int
	RSSGrowth, PSSGrowth                 float64
	Met                                  bool
}

// memoryGrowth compares the tree's memory over rows [200, 250) with rows [950, 1000] of the
// first linkproof run with a trace. Means over a window smooth out the pages in flight.
func memoryGrowth(ms []measurement) *memoryCheck {
	for _, m := range ms {
		if len(m.Trace) == 0 {
			continue
		}
		late := min(memoryLateRow, m.Rows)
		var mc memoryCheck
		var eR, eP, lR, lP uint64
		for _, p := range m.Trace {
			switch {
			case p.Lines >= memoryEarlyRow && p.Lines < memoryEarlyRow+memoryWindow:
				eR, eP, mc.EarlySamples = eR+p.RSS, eP+p.PSS, mc.EarlySamples+1
			case p.Lines >= late-memoryWindow && p.Lines <= late:
				lR, lP, mc.LateSamples = lR+p.RSS, lP+p.PSS, mc.LateSamples+1
			}
		}
		if mc.EarlySamples == 0 || mc.LateSamples == 0 {
			return &mc
		}
		mc.EarlyRSS, mc.EarlyPSS = eR/uint64(mc.EarlySamples), eP/uint64(mc.EarlySamples)
		mc.LateRSS, mc.LatePSS = lR/uint64(mc.LateSamples), lP/uint64(mc.LateSamples)
		mc.RSSGrowth = float64(mc.LateRSS)/float64(mc.EarlyRSS) - 1
		if mc.EarlyPSS > 0 {
			mc.PSSGrowth = float64(mc.LatePSS)/float64(mc.EarlyPSS) - 1
		}
		mc.Met = mc.RSSGrowth <= targetGrowth
		return &mc
	}
	return nil
}

// print writes the table.
func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "\nlinkproof bench (%s), %s\n", r.Kind, r.Started.Format(time.RFC3339))
	fmt.Fprintf(w, "machine: %s cores, %s, load at start %s\n", r.Machine.NProc, r.Machine.Chromium, r.Machine.Load)
	if r.Corpus.Pages > 0 {
		fmt.Fprintf(w, "corpus:  %s\n", r.Corpus.Text)
	}
	fmt.Fprintf(w, "command: %s\n\n", r.Command)
	if len(r.Summary) > 0 {
		r.printTable(w)
	}
	r.printNotes(w)
}

func (r *report) printTable(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "conc\tcontender\truns\twall s\trows/s\tCPU s\tof it own process\tpeak RSS\tpeak PSS\tprocs\trender p50 ms\twrong\tmissing\terrors\tfailed\t")
	for _, s := range r.Summary {
		render := "-"
		if s.RenderP50MS > 0 {
			render = fmt.Sprint(s.RenderP50MS)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%.1f\t%.2f\t%.1f\t%.1f\t%s\t%s\t%d\t%s\t%d\t%d\t%d\t%d\t\n",
			s.Concurrency, s.Contender, s.Runs, s.Wall, s.RowsPerSec, s.CPU, s.RootCPU, mib(s.PeakRSS), mib(s.PeakPSS), s.PeakProcs, render, s.Wrong, s.Missing, s.Errors, s.Failed)
	}
	tw.Flush()
}

func (r *report) printNotes(w io.Writer) {
	if len(r.Ratios) > 0 {
		fmt.Fprintln(w)
		for _, rt := range r.Ratios {
			fmt.Fprintf(w, "concurrency %d: linkproof/reference rows/s %s (median of rounds %s), linkproof/floor wall %s (median of rounds %s), CPU linkproof/reference %s, linkproof/floor %s\n",
				rt.Concurrency, x(rt.SpeedupVsRef), x(rt.PairedSpeedupVsRef), x(rt.WallVsFloor), x(rt.PairedWallVsFloor), x(rt.CPUVsRef), x(rt.CPUVsFl))
		}
	}
	for _, a := range r.Agreement {
		if a.Disagree > 0 {
			fmt.Fprintf(w, "DISAGREE: %s and %s at concurrency %d on %d rows (e.g. %v)\n", a.A, a.B, a.Concurrency, a.Disagree, a.Rows)
		}
	}
	if r.Memory != nil {
		fmt.Fprintf(w, "\nmemory near row %d: RSS %s, PSS %s (%d samples); near row %d: RSS %s, PSS %s (%d samples)\n",
			memoryEarlyRow, mib(r.Memory.EarlyRSS), mib(r.Memory.EarlyPSS), r.Memory.EarlySamples,
			memoryLateRow, mib(r.Memory.LateRSS), mib(r.Memory.LatePSS), r.Memory.LateSamples)
	}
	if r.Real != nil {
		r.Real.print(w)
	}
	if len(r.Targets) > 0 {
		fmt.Fprintln(w, "\ntargets:")
		for _, t := range r.Targets {
			mark := "MET "
			if !t.Met {
				mark = "MISS"
			}
			fmt.Fprintf(w, "  %s %s: %s (want %s)\n", mark, t.Name, t.Got, t.Want)
		}
	}
}

func x(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", v)
}

// save writes the report as JSON into dir.
func (r *report) save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	name := filepath.Join(dir, fmt.Sprintf("%s-%s.json", r.Started.Format("20060102-150405"), r.Kind))
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the results: %w", err)
	}
	if err := os.WriteFile(name, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the results: %w", err)
	}
	fmt.Fprintf(os.Stderr, "bench: results in %s\n", name)
	return nil
}

// header is used by the real-pages report.
func header(w io.Writer, cols ...string) *tabwriter.Writer {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(cols, "\t")+"\t")
	return tw
}
