package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linkproof/linkproof/internal/record"
)

// utf8BOM makes Excel read the file as UTF-8 instead of the local code page.
const utf8BOM = "\uFEFF"

// resultColumns follow the input columns in results.csv, in this order.
var resultColumns = [...]string{"row", "verdict", "bucket", "signals", "summary", "raw_status",
	"final_url", "anchor_text", "error", "screenshot", "element_screenshot", "manifest"}

// WriteCSV writes results.csv: a UTF-8 byte order mark, then a header of m.Columns followed
// by row, verdict, bucket, signals (joined with "; "), summary, raw_status, final_url,
// anchor_text (the first link's text), error, screenshot, element_screenshot and manifest,
// then one line per record in the order given. The input columns are taken from rec.Fields
// by name; a missing field is empty. A cell that a spreadsheet would read as a formula
// (starting with = + - @, tab or carriage return) gets a leading apostrophe (OWASP CSV
// injection). raw_status is empty when no response came.
func WriteCSV(w io.Writer, recs []record.Record, m Meta) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("write results.csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	cells := make([]string, 0, len(m.Columns)+len(resultColumns))
	for _, c := range m.Columns {
		cells = append(cells, csvCell(c))
	}
	for _, c := range resultColumns {
		cells = append(cells, c)
	}
	if err := cw.Write(cells); err != nil {
		return fmt.Errorf("write results.csv header: %w", err)
	}
	for i := range recs {
		if err := cw.Write(csvRow(cells[:0], &recs[i], m.Columns)); err != nil {
			return fmt.Errorf("write results.csv row %d: %w", recs[i].Row, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write results.csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write results.csv: %w", err)
	}
	return nil
}

// csvRow appends the cells of r to cells.
func csvRow(cells []string, r *record.Record, columns []string) []string {
	for _, c := range columns {
		cells = append(cells, csvCell(r.Fields[c]))
	}
	status := ""
	if r.Raw.Status != 0 {
		status = strconv.Itoa(r.Raw.Status)
	}
	return append(cells,
		strconv.Itoa(r.Row),
		csvCell(r.Verdict),
		csvCell(r.Bucket),
		csvCell(strings.Join(r.Signals, "; ")),
		csvCell(r.Summary),
		status,
		csvCell(r.Raw.FinalURL),
		csvCell(anchorText(r)),
		csvCell(r.Error),
		csvCell(r.Evidence.Screenshot),
		csvCell(r.Evidence.ElementScreenshot),
		csvCell(r.Evidence.Manifest),
	)
}

// csvCell defuses a value that a spreadsheet would evaluate as a formula by prefixing an
// apostrophe, which Excel, LibreOffice and Google Sheets take as "this is text". The
// full-width forms of the trigger characters count too: some Excel locales fold them.
func csvCell(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + s
	}
	return s
}

// anchorText is the text of the first link occurrence, "" when there is none.
func anchorText(r *record.Record) string {
	if len(r.Links) == 0 {
		return ""
	}
	return r.Links[0].Text
}
