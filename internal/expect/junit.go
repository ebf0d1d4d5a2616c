package expect

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/linkproof/linkproof/internal/verdict"
)

// The JUnit XML elements, as GitHub and GitLab test reports and the common Jenkins schema
// read them.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Time     string       `xml:"time,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name      string      `xml:"name,attr"`
		Tests     int         `xml:"tests,attr"`
		Failures  int         `xml:"failures,attr"`
		Errors    int         `xml:"errors,attr"`
		Skipped   int         `xml:"skipped,attr"`
		Time      string      `xml:"time,attr"`
		Timestamp string      `xml:"timestamp,attr,omitempty"`
		Cases     []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      string        `xml:"time,attr"`
		Error     *junitProblem `xml:"error,omitempty"`
		Failure   *junitProblem `xml:"failure,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// WriteJUnit writes JUnit XML: one <testsuite> named suite (usually the links file) with one
// <testcase> per link. A link that missed an expectation gets a <failure>, or an <error> when
// Errored (the page could not be verified); its message lists what was expected and what was
// found, its text the record's details. elapsed is the time of the whole run; a test case's
// time is the page's render time; the timestamp is the earliest CheckedAt of the records.
func WriteJUnit(w io.Writer, rs []Result, suite string, elapsed time.Duration) error {
	s := junitSuite{Name: suite, Tests: len(rs), Time: seconds(elapsed)}
	var start time.Time
	for _, r := range rs {
		if t := r.Record.CheckedAt; !t.IsZero() && (start.IsZero() || t.Before(start)) {
			start = t
		}
		c := junitCase{
			Name:      oneLine(r.Link.Label()),
			Classname: classname(r.Link.Source, suite),
			Time:      seconds(time.Duration(r.Record.Rendered.DurationMS) * time.Millisecond),
		}
		if !r.Passed() {
			p := &junitProblem{Message: oneLine(strings.Join(r.Failures, "; ")), Type: "unexpected", Text: details(r)}
			if r.Errored() {
				p.Type = r.Record.Verdict
				c.Error = p
				s.Errors++
			} else {
				if !r.verdictOK() {
					p.Type = "unexpected_verdict"
				}
				c.Failure = p
				s.Failures++
			}
		}
		s.Cases = append(s.Cases, c)
	}
	if !start.IsZero() {
		s.Timestamp = start.UTC().Format("2006-01-02T15:04:05")
	}
	doc := junitSuites{Name: suite, Tests: s.Tests, Failures: s.Failures, Errors: s.Errors, Time: s.Time, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write JUnit report: %w", err)
	}
	return nil
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// classname groups the test cases by the host of the source page.
func classname(source, suite string) string {
	if u, err := url.Parse(source); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return suite
}

// details is the text of a <failure> or <error>: the failures, then the record's facts.
func details(r Result) string {
	var b strings.Builder
	for _, f := range r.Failures {
		b.WriteString(f + "\n")
	}
	rec := r.Record
	fmt.Fprintf(&b, "\nsource: %s\ntarget: %s\n", r.Link.Source, r.Link.Target)
	if r.Link.Line > 0 {
		fmt.Fprintf(&b, "defined at line: %d\n", r.Link.Line)
	}
	fmt.Fprintf(&b, "verdict: %s (%s)\n", rec.Verdict, verdict.Bucket(rec.Verdict))
	if rec.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", rec.Summary)
	}
	if len(rec.Signals) > 0 {
		fmt.Fprintf(&b, "signals: %s\n", strings.Join(rec.Signals, ", "))
	}
	if rec.Error != "" {
		fmt.Fprintf(&b, "error: %s\n", rec.Error)
	}
	if rec.Evidence.Screenshot != "" {
		fmt.Fprintf(&b, "screenshot: %s\n", rec.Evidence.Screenshot)
	}
	return b.String()
}
