package expect

import (
	"fmt"
	"slices"
	"strings"

	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/verdict"
)

// Result is the outcome for one link: the record the checker produced and every expectation
// the link missed.
type Result struct {
	Link   Link
	Record record.Record
	// Failures holds one line per missed expectation, saying what was expected and what was
	// found; empty when the link passed.
	Failures []string
}

// Passed reports whether the link met every expectation.
func (r Result) Passed() bool { return len(r.Failures) == 0 }

// Errored reports a failure the checker could not verify: the verdict was not allowed and is
// one of the error bucket (invalid_input, error). JUnit reports it as an <error>.
func (r Result) Errored() bool {
	return !r.Passed() && !r.verdictOK() && verdict.Bucket(r.Record.Verdict) == verdict.BucketError
}

// verdictOK reports whether the verdict is one of the allowed ones.
func (r Result) verdictOK() bool { return slices.Contains(r.Link.Verdicts, r.Record.Verdict) }

// Evaluate checks one record against the expectations of its link. The verdict must be one of
// l.Verdicts. Anchor, Followed, InRaw and Placement are checked against rec.Links: they hold
// when one crawlable occurrence of the target satisfies all of them together. They are not
// checked when the record has no occurrence at all (the verdict already says why: removed,
// gone, unreachable...). Every missed expectation is reported, even when the verdict failed.
func Evaluate(l Link, rec record.Record) Result {
	var fails []string
	if !slices.Contains(l.Verdicts, rec.Verdict) {
		fails = append(fails, verdictFailure(l.Verdicts, rec))
	}
	fails = append(fails, linkFailures(l, rec)...)
	return Result{Link: l, Record: rec, Failures: fails}
}

func verdictFailure(allowed []string, rec record.Record) string {
	got := rec.Verdict
	if got == "" {
		got = `""`
	}
	if e := collapseSpace(rec.Error); e != "" {
		got += " (" + e + ")"
	}
	if len(allowed) == 1 {
		return fmt.Sprintf("verdict is %s, expected %s", got, allowed[0])
	}
	return fmt.Sprintf("verdict is %s, expected one of %s", got, strings.Join(allowed, ", "))
}

// check is one link-level expectation.
type check struct {
	want string                   // what is expected, for the "no crawlable link" message
	ok   func(record.Link) bool   // whether an occurrence satisfies it
	miss func(record.Link) string // what the occurrence has instead
}

func checks(l Link, pageNofollow bool) []check {
	var cs []check
	if a := l.Anchor; a != nil {
		want := fmt.Sprintf("anchor text %q", a.Exact)
		if a.Contains != "" {
			want = fmt.Sprintf("anchor text containing %q", a.Contains)
		}
		cs = append(cs, check{
			want: want,
			ok:   func(o record.Link) bool { return a.Match(o.Text) },
			miss: func(o record.Link) string {
				return fmt.Sprintf("anchor text is %q, expected %s", collapseSpace(o.Text), a)
			},
		})
	}
	if f := l.Followed; f != nil {
		want := *f
		c := check{ok: func(o record.Link) bool { return followed(o, pageNofollow) == want }}
		if want {
			c.want = "followed"
			c.miss = func(o record.Link) string {
				if tokens := nofollowTokens(o); len(tokens) > 0 {
					return fmt.Sprintf("link is %s, expected followed", strings.Join(tokens, " and "))
				}
				return "page has meta robots nofollow, expected the link followed"
			}
		} else {
			c.want = "nofollow, ugc or sponsored"
			c.miss = func(record.Link) string { return "link is followed, expected nofollow, ugc or sponsored" }
		}
		cs = append(cs, c)
	}
	if r := l.InRaw; r != nil {
		want := *r
		c := check{ok: func(o record.Link) bool { return o.InRaw == want }}
		if want {
			c.want = "in the raw HTML"
			c.miss = func(o record.Link) string {
				if o.InRendered {
					return "link is not in the raw HTML, only in the rendered page"
				}
				return "link is not in the raw HTML"
			}
		} else {
			c.want = "only in the rendered page"
			c.miss = func(record.Link) string { return "link is in the raw HTML, expected it only after rendering" }
		}
		cs = append(cs, c)
	}
	if len(l.Placement) > 0 {
		allowed := l.Placement
		expected := allowed[0]
		if len(allowed) > 1 {
			expected = "one of " + strings.Join(allowed, ", ")
		}
		cs = append(cs, check{
			want: "placement " + strings.Join(allowed, " or "),
			ok:   func(o record.Link) bool { return slices.Contains(allowed, strings.ToLower(o.Placement)) },
			miss: func(o record.Link) string {
				got := o.Placement
				if got == "" {
					got = "unknown"
				}
				return fmt.Sprintf("placement is %s, expected %s", got, expected)
			},
		})
	}
	return cs
}

// nofollowTokens are the rel tokens of o that stop a crawler from following it.
func nofollowTokens(o record.Link) []string {
	var out []string
	for _, r := range o.Rel {
		r = strings.ToLower(r)
		if (r == "nofollow" || r == "ugc" || r == "sponsored") && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func followed(o record.Link, pageNofollow bool) bool {
	return !pageNofollow && len(nofollowTokens(o)) == 0
}

func linkFailures(l Link, rec record.Record) []string {
	cs := checks(l, slices.Contains(rec.Signals, "page_nofollow"))
	if len(cs) == 0 || len(rec.Links) == 0 {
		return nil
	}
	var cands []record.Link
	var kinds []string
	for _, o := range rec.Links {
		if o.Crawlable {
			cands = append(cands, o)
		} else if k := o.Kind; k != "" && !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if len(cands) == 0 {
		wants := make([]string, len(cs))
		for i, c := range cs {
			wants[i] = c.want
		}
		found := ""
		if len(kinds) > 0 {
			found = " (found only: " + strings.Join(kinds, ", ") + ")"
		}
		return []string{fmt.Sprintf("no crawlable link to the target%s, expected one with %s", found, strings.Join(wants, ", "))}
	}
	best, bestScore := 0, -1
	for i, o := range cands {
		score := 0
		for _, c := range cs {
			if c.ok(o) {
				score++
			}
		}
		if score == len(cs) {
			return nil
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	o := cands[best]
	var fails []string
	if len(cands) > 1 {
		where := o.Selector
		if where == "" {
			where = o.Href
		}
		if where == "" {
			where = fmt.Sprintf("link %d", best+1)
		}
		fails = append(fails, fmt.Sprintf("none of the %d crawlable links to the target meets every expectation; the closest is %s", len(cands), where))
	}
	for _, c := range cs {
		if !c.ok(o) {
			fails = append(fails, c.miss(o))
		}
	}
	return fails
}
