package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/verdict"
)

// noVerdict stands for a record without a verdict.
const noVerdict = "(none)"

// maxAnchor bounds the anchor text shown per row (a link can wrap a whole article).
const maxAnchor = 200

// page is what the HTML template renders. Every string in it is plain text: the template
// escapes it.
type page struct {
	Title        string
	Input        string
	Generated    string
	GeneratedISO string
	Version      string
	Browser      string
	Duration     string
	Total        int
	Buckets      []bucketTotal
	Verdicts     []verdictTotal
	Groups       []domainGroup
}

type bucketTotal struct {
	Name  string
	Count int
	bucketInfo
}

type verdictTotal struct {
	Name   string
	Bucket string
	Means  string
	Count  int
}

// domainGroup is the rows whose source shares a registrable domain.
type domainGroup struct {
	Domain string
	Rows   []row
	Counts []verdictTotal // non-zero only, in SPEC order
}

// link is a URL or an evidence path shown as text and, when Href is not "", linked.
type link struct {
	Text string
	Href string
}

// row is one record as the report shows it.
type row struct {
	N        int
	Verdict  string
	Bucket   string
	Source   link
	Target   link
	Final    *link // the final URL when it differs from the source
	Status   int
	Summary  string
	Error    string
	Anchor   string
	Signals  []string
	Shot     *link
	Element  *link
	Dir      *link
	Manifest *link
}

// build turns the records into the page model: totals per verdict and bucket, and the rows
// grouped by referring domain, largest group first.
func build(recs []record.Record, m Meta) *page {
	p := &page{
		Title:    clean(m.Title),
		Input:    clean(m.Input),
		Version:  clean(m.Version),
		Browser:  clean(m.Browser),
		Duration: formatDuration(m.Duration),
		Total:    len(recs),
	}
	if p.Title == "" {
		p.Title = "linkproof report"
	}
	if !m.Generated.IsZero() {
		g := m.Generated.UTC()
		p.Generated = g.Format("2006-01-02 15:04 UTC")
		p.GeneratedISO = g.Format(time.RFC3339)
	}

	known := verdict.All()
	vIndex := make(map[string]int, len(known))
	isKnown := make(map[string]bool, len(known))
	for _, v := range known {
		isKnown[v] = true
		vIndex[v] = len(p.Verdicts)
		p.Verdicts = append(p.Verdicts, verdictTotal{Name: v, Bucket: verdict.Bucket(v), Means: verdictMeaning(v)})
	}
	bIndex := map[string]int{}
	for _, b := range buckets() {
		bIndex[b] = len(p.Buckets)
		p.Buckets = append(p.Buckets, bucketTotal{Name: b, bucketInfo: bucketText(b)})
	}

	gIndex := map[string]int{}
	domains := map[string]string{} // by source: rows often share a page
	unknown := false
	for i := range recs {
		r := &recs[i]
		v := clean(r.Verdict)
		if v == "" {
			v = noVerdict
		}
		b := bucketOf(v, r.Bucket, isKnown)
		vi, ok := vIndex[v]
		if !ok {
			vi = len(p.Verdicts)
			vIndex[v] = vi
			p.Verdicts = append(p.Verdicts, verdictTotal{Name: v, Bucket: b, Means: verdictMeaning(v)})
			unknown = true
		}
		p.Verdicts[vi].Count++
		p.Buckets[bIndex[b]].Count++

		d, ok := domains[r.Source]
		if !ok {
			d = referringDomain(r.Source)
			domains[r.Source] = d
		}
		gi, ok := gIndex[d]
		if !ok {
			gi = len(p.Groups)
			gIndex[d] = gi
			p.Groups = append(p.Groups, domainGroup{Domain: d})
		}
		p.Groups[gi].Rows = append(p.Groups[gi].Rows, newRow(r, v, b))
	}
	if unknown { // keep SPEC order for the known ones, then the others by name
		slices.SortStableFunc(p.Verdicts[len(known):], func(a, b verdictTotal) int { return cmp.Compare(a.Name, b.Name) })
	}
	order := make(map[string]int, len(p.Verdicts))
	for i, v := range p.Verdicts {
		order[v.Name] = i
	}
	for gi := range p.Groups {
		g := &p.Groups[gi]
		g.Counts = groupCounts(g.Rows, p.Verdicts, order)
	}
	slices.SortStableFunc(p.Groups, func(a, b domainGroup) int {
		if c := cmp.Compare(len(b.Rows), len(a.Rows)); c != 0 {
			return c
		}
		return cmp.Compare(a.Domain, b.Domain)
	})
	return p
}

// groupCounts counts the rows of a group per verdict, in the order of all.
func groupCounts(rows []row, all []verdictTotal, order map[string]int) []verdictTotal {
	n := make([]int, len(all))
	for _, r := range rows {
		n[order[r.Verdict]]++
	}
	var out []verdictTotal
	for i, c := range n {
		if c > 0 {
			v := all[i]
			v.Count = c
			out = append(out, v)
		}
	}
	return out
}

// bucketOf is the bucket a record with verdict v and bucket recBucket is shown and counted
// in: SPEC §2's bucket for a known verdict (so totals never disagree with the
// verdicts), else the record's own bucket when it is a known one, else error.
func bucketOf(v, recBucket string, known map[string]bool) string {
	if known[v] {
		return verdict.Bucket(v)
	}
	if slices.Contains(buckets(), recBucket) {
		return recBucket
	}
	return verdict.BucketError
}

func newRow(r *record.Record, v, bucket string) row {
	out := row{
		N:       r.Row,
		Verdict: v,
		Bucket:  bucket,
		Source:  newLink(r.Source),
		Target:  newLink(r.Target),
		Status:  r.Raw.Status,
		Summary: clean(r.Summary),
		Error:   clean(r.Error),
		Anchor:  truncate(clean(strings.Join(strings.Fields(anchorText(r)), " ")), maxAnchor),
	}
	if f := r.Raw.FinalURL; f != "" && f != r.Source {
		l := newLink(f)
		out.Final = &l
	}
	for _, s := range r.Signals {
		out.Signals = append(out.Signals, clean(s))
	}
	e := &r.Evidence
	out.Shot = newEvidence(e.Screenshot)
	out.Element = newEvidence(e.ElementScreenshot)
	out.Dir = newEvidence(e.Dir)
	out.Manifest = newEvidence(e.Manifest)
	return out
}

func newLink(u string) link {
	return link{Text: clean(u), Href: webURL(u)}
}

// newEvidence returns nil for no path; a path that may not be linked has Href "" and is
// shown as text.
func newEvidence(path string) *link {
	if path == "" {
		return nil
	}
	return &link{Text: clean(path), Href: evidenceHref(path)}
}

// clean makes page-supplied text valid UTF-8 (html/template escapes it; this keeps the
// file valid).
func clean(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

func formatDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return ""
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	default:
		return d.Round(time.Second).String()
	}
}
