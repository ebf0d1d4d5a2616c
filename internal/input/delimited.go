package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readDelimited parses CSV or TSV text. The header is the first of the top
// non-blank lines (after an optional Excel "sep=X" line) whose fields name
// both a source and a target column; lines before it are skipped as report
// preamble. Without such a line, a first line of exactly two URL fields means
// a headerless source,target list.
func readDelimited(text []byte, ext string) (*List, error) {
	lead := leadLines(text, maxLeadLines+1)
	var forced rune
	if len(lead) > 0 {
		if d, ok := sepDirective(lead[0].text); ok {
			forced, lead = d, lead[1:]
		}
	}
	if len(lead) > maxLeadLines {
		lead = lead[:maxLeadLines]
	}
	var (
		best             []string
		bestSrc, bestTgt = -1, -1
	)
	for i, ln := range lead {
		delim := forced
		if delim == 0 {
			delim = sniffDelimiter(ln.text, ext)
		}
		names := cleanNames(splitLine(ln.text, delim))
		src, tgt := matchColumns(names)
		if src >= 0 && tgt >= 0 {
			return parseRecords(text[ln.offset:], ln.no-1, delim, nil)
		}
		if i == 0 || (bestSrc < 0 && bestTgt < 0 && (src >= 0 || tgt >= 0)) {
			best, bestSrc, bestTgt = names, src, tgt
		}
	}
	if len(lead) > 0 {
		ln := lead[0]
		delim := forced
		if delim == 0 {
			delim = sniffDelimiter(ln.text, ext)
		}
		if f := splitLine(ln.text, delim); len(f) == 2 && looksLikeURL(f[0]) && looksLikeURL(f[1]) {
			return parseRecords(text[ln.offset:], ln.no-1, delim, []string{"source", "target"})
		}
	}
	return nil, columnsError(best, bestSrc, bestTgt)
}

// parseRecords reads the records of text, whose first line is line
// lineBase+1 of the file. With names nil the first record is the header;
// otherwise names are the columns and every record is data.
func parseRecords(text []byte, lineBase int, delim rune, names []string) (*List, error) {
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = delim
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	if names == nil {
		header, err := r.Read()
		if err != nil {
			return nil, unusable("unreadable header line %d: %v", lineBase+1, err)
		}
		names = cleanNames(header)
	}
	src, tgt := matchColumns(names)
	if src < 0 || tgt < 0 {
		return nil, columnsError(names, src, tgt)
	}
	l := &List{
		Format:       "csv",
		Columns:      names,
		SourceColumn: names[src],
		TargetColumn: names[tgt],
	}
	if delim == '\t' {
		l.Format = "tsv"
	}
	used := make(map[string]bool, len(names))
	for _, n := range names {
		used[n] = true
	}
	var extras []string // extras[k] is the column name of surplus field k+1
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("read input list: %w", err)
			}
			l.Rows = append(l.Rows, Row{N: len(l.Rows) + 1, Line: pe.StartLine + lineBase, Err: "malformed line: " + pe.Err.Error()})
			continue
		}
		if allBlank(rec) {
			continue
		}
		line, _ := r.FieldPos(0)
		row := Row{N: len(l.Rows) + 1, Line: line + lineBase, Fields: make(map[string]string, len(rec))}
		for i, v := range rec {
			if i < len(names) {
				row.Fields[names[i]] = v
				continue
			}
			k := i - len(names)
			if k == len(extras) {
				n := uniqueName("_extra_"+strconv.Itoa(k+1), used)
				extras = append(extras, n)
				l.Columns = append(l.Columns, n)
			}
			row.Fields[extras[k]] = v
		}
		if src < len(rec) {
			row.Source = trimBlank(rec[src])
		}
		if tgt < len(rec) {
			row.Target = trimBlank(rec[tgt])
		}
		if src >= len(rec) || tgt >= len(rec) {
			row.Err = fmt.Sprintf("wrong number of fields: %d, header has %d", len(rec), len(names))
		} else {
			row.Err = missingURLs(row.Source, row.Target)
		}
		l.Rows = append(l.Rows, row)
	}
	return l, nil
}

// missingURLs describes which of source and target is empty, or returns "".
func missingURLs(source, target string) string {
	switch {
	case source == "" && target == "":
		return "missing source and target URLs"
	case source == "":
		return "missing source URL"
	case target == "":
		return "missing target URL"
	}
	return ""
}

// allBlank reports whether every field is blank (a line such as ",,,").
func allBlank(rec []string) bool {
	for _, f := range rec {
		if trimBlank(f) != "" {
			return false
		}
	}
	return true
}

// sepDirective recognizes Excel's "sep=X" first line, which names the delimiter.
func sepDirective(line string) (rune, bool) {
	if len(line) != 5 || !strings.EqualFold(line[:4], "sep=") {
		return 0, false
	}
	switch d := rune(line[4]); d {
	case ',', ';', '\t', '|':
		return d, true
	}
	return 0, false
}

// sniffDelimiter picks tab, comma or semicolon: whichever occurs most often
// outside double quotes in line. Ties go to the delimiter the extension
// suggests (.tsv tab, .csv comma), then to tab, comma, semicolon in that order.
func sniffDelimiter(line, ext string) rune {
	var tabs, commas, semis int
	inQuote := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\t':
			tabs++
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	order := []rune{'\t', ',', ';'}
	switch ext {
	case ".csv":
		order = []rune{',', '\t', ';'}
	}
	count := map[rune]int{'\t': tabs, ',': commas, ';': semis}
	best := order[0]
	for _, d := range order[1:] {
		if count[d] > count[best] {
			best = d
		}
	}
	return best
}

// splitLine splits one line into fields with the CSV rules used for data.
func splitLine(line string, delim rune) []string {
	r := csv.NewReader(strings.NewReader(line))
	r.Comma = delim
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	rec, err := r.Read()
	if err != nil {
		return nil
	}
	return rec
}

// looksLikeURL reports whether s is an absolute http(s) URL at a glance.
func looksLikeURL(s string) bool {
	s = strings.ToLower(trimBlank(s))
	return (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) && len(s) > len("https://")
}
