package expect

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/linkproof/linkproof/internal/record"
)

// JSONReport is the document WriteJSON writes.
type JSONReport struct {
	Passed  int          `json:"passed"`
	Failed  int          `json:"failed"`
	Results []JSONResult `json:"results"`
}

// JSONResult is one link in a JSONReport.
type JSONResult struct {
	Name     string        `json:"name"`
	Line     int           `json:"line"`
	Source   string        `json:"source"`
	Target   string        `json:"target"`
	Verdict  string        `json:"verdict"`
	Expected []string      `json:"expected"` // the allowed verdicts
	Passed   bool          `json:"passed"`
	Failures []string      `json:"failures"` // never null
	Record   record.Record `json:"record"`
}

// WriteJSON writes a JSONReport: {"passed":N,"failed":M,"results":[...]}, indented.
func WriteJSON(w io.Writer, rs []Result) error {
	rep := JSONReport{Results: make([]JSONResult, 0, len(rs))}
	rep.Passed, rep.Failed = counts(rs)
	for _, r := range rs {
		fails := r.Failures
		if fails == nil {
			fails = []string{}
		}
		expected := r.Link.Verdicts
		if expected == nil {
			expected = []string{}
		}
		rep.Results = append(rep.Results, JSONResult{
			Name: r.Link.Name, Line: r.Link.Line, Source: r.Link.Source, Target: r.Link.Target,
			Verdict: r.Record.Verdict, Expected: expected, Passed: r.Passed(), Failures: fails, Record: r.Record,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write JSON report: %w", err)
	}
	return nil
}
