package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/linkproof/linkproof/bench/corpus"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args              []string
		pages, rows, runs int
		conc              []int
		contenders        []string
		wantErr           bool
	}{
		{args: nil, pages: 20, rows: 40, runs: 3, conc: []int{1, 4}, contenders: []string{"linkproof", "reference", "floor", "floor-tuned"}},
		{args: []string{"-quick"}, pages: 6, rows: 12, runs: 1, conc: []int{1, 4}, contenders: []string{"linkproof", "reference", "floor", "floor-tuned"}},
		{args: []string{"-memory-run"}, pages: 250, rows: 1000, runs: 1, conc: []int{4}, contenders: []string{"linkproof"}},
		{args: []string{"-real", "/x"}, pages: 20, rows: 0, runs: 1, conc: []int{4}, contenders: []string{"linkproof"}},
		{args: []string{"-pages", "100", "-concurrency", "2, 8", "-contenders", "floor,linkproof-noevidence"}, pages: 100, rows: 200, runs: 3, conc: []int{2, 8}, contenders: []string{"floor", "linkproof-noevidence"}},
		{args: []string{"-contenders", "selenium"}, wantErr: true},
		{args: []string{"-concurrency", "0"}, wantErr: true},
		{args: []string{"-quick", "-memory-run"}, wantErr: true},
		{args: []string{"-pages", "10", "-rows", "5"}, wantErr: true},
		{args: []string{"extra"}, wantErr: true},
	}
	for _, tt := range tests {
		o, err := parseFlags(tt.args)
		if tt.wantErr {
			if err == nil {
				t.Errorf("parseFlags(%q) succeeded", tt.args)
			}
			continue
		}
		if err != nil || o.pages != tt.pages || o.rows != tt.rows || o.runs != tt.runs ||
			!slices.Equal(o.concurrency, tt.conc) || !slices.Equal(o.contenders, tt.contenders) {
			t.Errorf("parseFlags(%q) = pages %d rows %d runs %d conc %v contenders %v, %v", tt.args, o.pages, o.rows, o.runs, o.concurrency, o.contenders, err)
		}
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{9, 1, 5}, 5},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	c, err := corpus.New(corpus.Config{Pages: 5})
	if err != nil {
		t.Fatal(err)
	}
	right := map[int]bool{}
	for i, r := range c.Rows {
		right[i+1] = r.Found
	}
	if wrong, missing := check(c, right); len(wrong) != 0 || missing != 0 {
		t.Errorf("correct answers: wrong %v, missing %d", wrong, missing)
	}
	bad := map[int]bool{}
	for k, v := range right {
		bad[k] = v
	}
	bad[2] = !bad[2]
	delete(bad, 3)
	if wrong, missing := check(c, bad); !slices.Equal(wrong, []int{2}) || missing != 1 {
		t.Errorf("one wrong, one missing: wrong %v, missing %d", wrong, missing)
	}
}

func TestMemoryGrowth(t *testing.T) {
	trace := func(early, late uint64) []tracePoint {
		var tr []tracePoint
		for lines := 0; lines <= 1000; lines += 10 {
			rss := early
			if lines >= 900 {
				rss = late
			}
			tr = append(tr, tracePoint{Lines: lines, RSS: rss, PSS: rss / 2})
		}
		return tr
	}
	tests := []struct {
		early, late uint64
		met         bool
	}{
		{1000, 1100, true},
		{1000, 1300, false},
		{1000, 800, true},
	}
	for _, tt := range tests {
		mc := memoryGrowth([]measurement{{Rows: 1000, Trace: trace(tt.early, tt.late)}})
		if mc == nil || mc.Met != tt.met || mc.EarlyRSS != tt.early || mc.LateRSS != tt.late || mc.EarlySamples != 5 {
			t.Errorf("early %d late %d: %+v, want met %v", tt.early, tt.late, mc, tt.met)
		}
	}
	if mc := memoryGrowth([]measurement{{Rows: 1000}}); mc != nil {
		t.Errorf("no trace: %+v", mc)
	}
}

func TestLineCounter(t *testing.T) {
	file := filepath.Join(t.TempDir(), "results.jsonl")
	l := &lineCounter{file: file}
	if n := l.count(); n != 0 {
		t.Errorf("missing file: %d lines", n)
	}
	steps := []struct {
		write string
		app   bool
		want  int
	}{
		{"a\nb\n", false, 2},
		{"c\nd", true, 3},
		{"\ne\n", true, 5},
		{"x\n", false, 1}, // rewritten, shorter
	}
	for _, s := range steps {
		flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
		if s.app {
			flag = os.O_CREATE | os.O_WRONLY | os.O_APPEND
		}
		f, err := os.OpenFile(file, flag, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(s.write)
		f.Close()
		if n := l.count(); n != s.want {
			t.Errorf("after %q: %d lines, want %d", s.write, n, s.want)
		}
	}
}

func TestPaired(t *testing.T) {
	ms := []measurement{
		{Contender: "linkproof", Concurrency: 4, Run: 1, Wall: 10}, {Contender: "floor", Concurrency: 4, Run: 1, Wall: 5},
		{Contender: "linkproof", Concurrency: 4, Run: 2, Wall: 30}, {Contender: "floor", Concurrency: 4, Run: 2, Wall: 10},
		{Contender: "linkproof", Concurrency: 4, Run: 3, Wall: 12}, {Contender: "floor", Concurrency: 4, Run: 3, Wall: 3},
		{Contender: "linkproof", Concurrency: 1, Run: 1, Wall: 100}, {Contender: "floor", Concurrency: 1, Run: 1, Wall: 1},
	}
	ratio := func(lp, o measurement) float64 { return lp.Wall / o.Wall }
	tests := []struct {
		conc  int
		other string
		want  float64
	}{
		{4, "floor", 3}, // rounds 2x, 3x, 4x
		{1, "floor", 100},
		{4, "reference", 0},
	}
	for _, tt := range tests {
		if got := paired(ms, tt.conc, tt.other, ratio); got != tt.want {
			t.Errorf("paired(%d, %s) = %v, want %v", tt.conc, tt.other, got, tt.want)
		}
	}
}
