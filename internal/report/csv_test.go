package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/verdict"
)

// readCSV writes recs and parses the result back, checking the BOM on the way.
func readCSV(t *testing.T, recs []record.Record, m Meta) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, recs, m); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("results.csv does not start with a UTF-8 BOM: % x", out[:min(3, len(out))])
	}
	rows, err := csv.NewReader(bytes.NewReader(out[3:])).ReadAll()
	if err != nil {
		t.Fatalf("results.csv does not parse: %v", err)
	}
	return rows
}

func TestWriteCSVHeader(t *testing.T) {
	rows := readCSV(t, sampleRecords(), testMeta())
	want := []string{"Referring page URL", "Target URL", "Anchor", "DR",
		"row", "verdict", "bucket", "signals", "summary", "raw_status", "final_url", "anchor_text",
		"error", "screenshot", "element_screenshot", "manifest"}
	if got := rows[0]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("header\n got %q\nwant %q", got, want)
	}
	if len(rows) != 1+len(sampleRecords()) {
		t.Errorf("got %d lines, want header + %d", len(rows), len(sampleRecords()))
	}
	for i, r := range rows {
		if len(r) != len(want) {
			t.Errorf("line %d has %d cells, want %d", i+1, len(r), len(want))
		}
	}
}

func TestWriteCSVRows(t *testing.T) {
	recs := sampleRecords()
	rows := readCSV(t, recs, testMeta())
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for i, r := range recs {
		line := rows[i+1]
		for _, c := range testColumns() {
			if got, want := line[col[c]], r.Fields[c]; got != want {
				t.Errorf("row %d column %q = %q, want carried through %q", r.Row, c, got, want)
			}
		}
		anchor := ""
		if len(r.Links) > 0 {
			anchor = r.Links[0].Text
		}
		status := ""
		if r.Raw.Status != 0 {
			status = strconv.Itoa(r.Raw.Status)
		}
		want := map[string]string{
			"row": strconv.Itoa(r.Row), "verdict": r.Verdict, "bucket": r.Bucket,
			"signals": strings.Join(r.Signals, "; "), "summary": r.Summary, "raw_status": status,
			"final_url": r.Raw.FinalURL, "error": r.Error, "screenshot": r.Evidence.Screenshot,
			"element_screenshot": r.Evidence.ElementScreenshot, "manifest": r.Evidence.Manifest,
		}
		if !strings.HasPrefix(anchor, "<") { // the hostile anchor is checked by TestWriteCSVInjection
			want["anchor_text"] = anchor
		}
		for name, w := range want {
			if got := line[col[name]]; got != w {
				t.Errorf("row %d %s = %q, want %q", r.Row, name, got, w)
			}
		}
	}
}

func TestWriteCSVMissingFields(t *testing.T) {
	r := rec(1, "https://a.example/", "https://b.example/", verdict.Removed, "gone", "")
	r.Fields = nil
	r.Raw = record.Raw{}
	rows := readCSV(t, []record.Record{r}, Meta{Columns: []string{"source", "target", "note"}})
	want := []string{"", "", "", "1", "removed", "reclaim", "", "gone", "", "", "", "", "", "", ""}
	if strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", rows[1], want)
	}
}

func TestWriteCSVNoRecords(t *testing.T) {
	rows := readCSV(t, nil, Meta{})
	if len(rows) != 1 || len(rows[0]) != 12 || rows[0][0] != "row" {
		t.Errorf("got %q, want only the 12 result columns", rows)
	}
}

func TestCSVCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"a=1", "a=1"},
		{" =1", " =1"},
		{"https://x.example/?a=1", "https://x.example/?a=1"},
		{"'quoted", "'quoted"},
	}
	for _, tt := range tests {
		if got := csvCell(tt.in); got != tt.want {
			t.Errorf("csvCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteCSVInjection(t *testing.T) {
	r := rec(1, "https://a.example/", "https://b.example/", verdict.OK, "=cmd|' /C calc'!A0", `=HYPERLINK("http://evil.example","x")`, "@sig", "ok")
	r.Fields["DR"] = "-1+1"
	r.Fields["Anchor"] = "+SUM(1)"
	r.Error = "\t=2"
	r.Raw.FinalURL = "=final"
	r.Evidence.Screenshot = "@shot"
	m := testMeta()
	m.Columns = append(m.Columns, "=evil column")
	rows := readCSV(t, []record.Record{r}, m)
	for i, line := range rows {
		for j, cell := range line {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("line %d cell %d = %q starts with a formula character", i+1, j+1, cell)
			}
		}
	}
	if got := rows[0][4]; got != "'=evil column" {
		t.Errorf("hostile header = %q", got)
	}
	if !strings.Contains(strings.Join(rows[1], "\x00"), `'=HYPERLINK("http://evil.example","x")`) {
		t.Errorf("anchor text not kept with a leading apostrophe: %q", rows[1])
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	recs := sampleRecords()
	if err := WriteCSV(failWriter{}, recs, testMeta()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteCSV to a failing writer: %v", err)
	}
	if err := WriteHTML(failWriter{}, recs, testMeta()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("WriteHTML to a failing writer: %v", err)
	}
}
