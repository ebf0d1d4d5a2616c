package expect

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// WriteText writes one line per link, "PASS name — verdict" or "FAIL name — verdict", each
// failure indented below its link, and last the line "N passed, M failed".
func WriteText(w io.Writer, rs []Result) error {
	bw := bufio.NewWriter(w)
	for _, r := range rs {
		status := "PASS"
		if !r.Passed() {
			status = "FAIL"
		}
		fmt.Fprintf(bw, "%s %s — %s\n", status, oneLine(r.Link.Label()), oneLine(r.Record.Verdict))
		for _, f := range r.Failures {
			fmt.Fprintf(bw, "    %s\n", oneLine(f))
		}
	}
	passed, failed := counts(rs)
	fmt.Fprintf(bw, "%d passed, %d failed\n", passed, failed)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write text report: %w", err)
	}
	return nil
}

// counts returns how many results passed and failed.
func counts(rs []Result) (passed, failed int) {
	for _, r := range rs {
		if r.Passed() {
			passed++
		} else {
			failed++
		}
	}
	return passed, failed
}

// oneLine replaces line breaks and other control characters (which a page's text or a YAML
// block scalar may hold) with spaces, so that one item stays on one terminal line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
