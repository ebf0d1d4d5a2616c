package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/linkproof/linkproof/internal/record"
)

// progress reports a batch on stderr: a bar on a terminal, plain lines every interval otherwise.
type progress struct {
	w        io.Writer
	bar      *progressbar.ProgressBar // nil: plain lines
	interval time.Duration
	now      func() time.Time

	total, done, startDone int
	counts                 map[string]int
	start, last            time.Time
}

func newProgress(w io.Writer, tty bool, width int, now func() time.Time) *progress {
	p := &progress{w: w, interval: 10 * time.Second, now: now, counts: map[string]int{}}
	if tty {
		p.bar = progressbar.NewOptions(0,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("checking"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetWidth(max(10, min(40, width-90))),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) Start(total, done int) {
	p.total, p.done, p.startDone = total, done, done
	p.start, p.last = p.now(), p.now()
	if p.bar != nil {
		p.bar.ChangeMax(total)
		p.bar.Set(done)
		return
	}
	fmt.Fprintf(p.w, "linkproof: %d rows, %d already done\n", total, done)
}

func (p *progress) Record(r *record.Record) {
	p.done++
	p.counts[r.Verdict]++
	if p.bar != nil {
		p.bar.Describe(p.countsText(4))
		p.bar.Add(1)
		return
	}
	if now := p.now(); now.Sub(p.last) >= p.interval {
		p.last = now
		fmt.Fprintln(p.w, p.line())
	}
}

func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
		return
	}
	fmt.Fprintln(p.w, p.line())
}

// line is one plain progress line: done/total, rate, ETA, counts per verdict.
func (p *progress) line() string {
	el := p.now().Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(p.done-p.startDone) / el
	}
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(p.total-p.done)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("linkproof: %d/%d rows, %.1f rows/s, ETA %s — %s", p.done, p.total, rate, eta, p.countsText(0))
}

func (p *progress) countsText(top int) string {
	type kv struct {
		k string
		v int
	}
	var s []kv
	for k, v := range p.counts {
		s = append(s, kv{k, v})
	}
	sort.Slice(s, func(i, j int) bool { return s[i].v > s[j].v || s[i].v == s[j].v && s[i].k < s[j].k })
	if top > 0 && len(s) > top {
		s = s[:top]
	}
	var parts []string
	for _, e := range s {
		parts = append(parts, fmt.Sprintf("%s %d", e.k, e.v))
	}
	return strings.Join(parts, ", ")
}
