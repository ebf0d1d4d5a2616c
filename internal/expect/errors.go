package expect

import (
	"fmt"
	"strings"
)

// Error is one problem in a links file. Parse joins every Error it finds with errors.Join.
type Error struct {
	File string // the name given to Parse
	Line int    // 1-based; 0 when the problem has no line
	Path string // the field, such as "links[2].verdicts"; empty for the whole file
	Msg  string
}

// Error formats the problem as "file:line: path: message" ("line N: path: message" without a
// file name).
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d: ", e.File, e.Line)
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// suggest returns the candidate closest to s when it is a likely typo (at most two edits).
func suggest(s string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// unknownMsg is the message for a value outside a known set, with a suggestion when one fits.
func unknownMsg(what, value string, known []string) string {
	msg := fmt.Sprintf("unknown %s %q", what, value)
	if s := suggest(value, known); s != "" {
		msg += fmt.Sprintf(", did you mean %q?", s)
	}
	return msg + " (known: " + strings.Join(known, ", ") + ")"
}
