package batch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/linkproof/linkproof/internal/input"
	"github.com/linkproof/linkproof/internal/inspector"
	"github.com/linkproof/linkproof/internal/record"
)

// fakeInspector records which pages it was asked about; it stands in for the network.
type fakeInspector struct {
	mu    sync.Mutex
	calls map[string]int
	block chan struct{} // when set, Inspect waits for it or ctx
}

func (f *fakeInspector) Inspect(ctx context.Context, source string, pairs []inspector.Pair) []record.Record {
	f.mu.Lock()
	f.calls[source]++
	f.mu.Unlock()
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
		}
	}
	var out []record.Record
	for _, p := range pairs {
		v := "ok"
		if p.Err != "" {
			v = "invalid_input"
		}
		out = append(out, record.Record{Row: p.Row, Source: p.Source, Target: p.Target, Verdict: v})
	}
	return out
}

func list(t *testing.T, csv string) *input.List {
	t.Helper()
	l, err := input.Read(strings.NewReader(csv), "x.csv")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

const sample = `source,target
https://a.example/1,https://t.example/x
https://b.example/2,https://t.example/x
https://a.example/1,https://t.example/y
,https://t.example/z
https://a.example/1,https://t.example/x
`

func TestRunGroupsBySourceAndKeepsOrder(t *testing.T) {
	f := &fakeInspector{calls: map[string]int{}}
	out := t.TempDir()
	var reported []record.Record
	sum, err := Run(t.Context(), list(t, sample), Config{Inspector: f, Out: out, Concurrency: 3,
		Report: func(r []record.Record) error { reported = r; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if f.calls["https://a.example/1"] != 1 || f.calls["https://b.example/2"] != 1 {
		t.Errorf("calls = %v: each page must be inspected once", f.calls)
	}
	if sum.Total != 5 || sum.Checked != 5 || sum.Counts["ok"] != 4 || sum.Counts["invalid_input"] != 1 {
		t.Errorf("summary = %+v", sum)
	}
	if len(reported) != 5 {
		t.Fatalf("report got %d records", len(reported))
	}
	for i, r := range reported {
		if r.Row != i+1 {
			t.Errorf("record %d has row %d", i, r.Row)
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, ResultsJSONL))
	if n := strings.Count(string(b), "\n"); n != 5 {
		t.Errorf("results.jsonl has %d lines", n)
	}
}

func TestResumeSkipsDoneRowsAndIgnoresForeignOnes(t *testing.T) {
	out := t.TempDir()
	l := list(t, sample)
	done := `{"row":1,"source":"https://a.example/1","target":"https://t.example/x","verdict":"removed"}
{"row":2,"source":"https://other.example/","target":"https://t.example/x","verdict":"removed"}
{"row":3,"source":"https://a.example/1","target":"https://t.example/y","verd`
	os.WriteFile(filepath.Join(out, ResultsJSONL), []byte(done), 0o644)
	f := &fakeInspector{calls: map[string]int{}}
	sum, err := Run(t.Context(), l, Config{Inspector: f, Out: out, Concurrency: 2, Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Resumed != 1 || sum.Checked != 4 {
		t.Errorf("resumed %d checked %d, want 1 and 4 (row 2 is from another list, row 3 is torn)", sum.Resumed, sum.Checked)
	}
	if sum.Counts["removed"] != 1 {
		t.Errorf("the resumed verdict was not kept: %v", sum.Counts)
	}
}

func TestInterruptKeepsFinishedRows(t *testing.T) {
	out := t.TempDir()
	f := &fakeInspector{calls: map[string]int{}, block: make(chan struct{})}
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // interrupted before any page finished
	sum, err := Run(ctx, list(t, sample), Config{Inspector: f, Out: out, Concurrency: 2})
	if err == nil || !sum.Interrupted {
		t.Fatalf("err %v, summary %+v: want an interrupted run", err, sum)
	}
	b, _ := os.ReadFile(filepath.Join(out, ResultsJSONL))
	if len(b) != 0 {
		t.Errorf("an interrupted page left records: %s", b)
	}
}
