package expect

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// WriteMarkdown writes a bold summary line and a GitHub-flavored table with one row per link:
// | | Link | Verdict | Details |. Details are the failures, or the verdict's summary for a
// link that passed. Every text is escaped so that pipes, line breaks, HTML and Markdown
// syntax in names or anchor texts cannot break the table.
func WriteMarkdown(w io.Writer, rs []Result) error {
	bw := bufio.NewWriter(w)
	passed, failed := counts(rs)
	fmt.Fprintf(bw, "**linkproof check: %d passed, %d failed**\n\n", passed, failed)
	bw.WriteString("| | Link | Verdict | Details |\n|---|---|---|---|\n")
	for _, r := range rs {
		mark := "✅"
		if !r.Passed() {
			mark = "❌"
		}
		link := mdCode(r.Link.Source) + " → " + mdCode(r.Link.Target)
		if r.Link.Name != "" {
			link = mdText(r.Link.Name) + "<br>" + link
		}
		var details []string
		if r.Passed() {
			if s := r.Record.Summary; s != "" {
				details = append(details, mdText(s))
			}
		} else {
			for _, f := range r.Failures {
				details = append(details, mdText(f))
			}
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s |\n", mark, link, mdCode(r.Record.Verdict), strings.Join(details, "<br>"))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write Markdown report: %w", err)
	}
	return nil
}

// AppendStepSummary appends the Markdown report to a GitHub Actions job summary, the file
// named by $GITHUB_STEP_SUMMARY.
func AppendStepSummary(path string, rs []Result) (err error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open step summary: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close step summary: %w", cerr)
		}
	}()
	if _, err := io.WriteString(f, "\n"); err != nil {
		return fmt.Errorf("write step summary: %w", err)
	}
	return WriteMarkdown(f, rs)
}

// mdText escapes s for a table cell: Markdown and HTML syntax characters get a backslash
// (CommonMark renders any escaped ASCII punctuation literally, and GFM tables take \| as a
// pipe inside a cell), line breaks become <br>, other control characters spaces.
func mdText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString("<br>")
		case strings.ContainsRune("\\|`*_[]<>&~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteString(oneLine(string(r)))
		}
	}
	return b.String()
}

// mdCode puts a URL or a verdict in a code span. Characters a code span or a table cell cannot
// hold are percent-encoded, which leaves a URL meaning the same.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.WriteByte('`')
	for _, r := range s {
		switch {
		case r == '`' || r == '|' || r == '\\' || r == ' ' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "%%%02X", r)
		case r == '\u2028' || r == '\u2029' || (r >= 0x80 && r <= 0x9f):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('`')
	return b.String()
}
