package report

import (
	"fmt"
	"time"

	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/verdict"
)

// fixedTime is the Generated time of every test report, so that output is reproducible.
var fixedTime = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// testColumns are the input columns of the sample records.
func testColumns() []string { return []string{"Referring page URL", "Target URL", "Anchor", "DR"} }

func testMeta() Meta {
	return Meta{
		Title:     "linkproof report — lost-links.csv",
		Input:     "lost-links.csv",
		Generated: fixedTime,
		Version:   "1.2.3",
		Browser:   "Chromium 156.0.7000.0",
		Columns:   testColumns(),
		Duration:  83*time.Second + 400*time.Millisecond,
	}
}

// evidenceFor returns the evidence paths batch would write for row n.
func evidenceFor(n int, host string) record.Evidence {
	dir := fmt.Sprintf("evidence/%04d-%s", n, host)
	return record.Evidence{
		Dir:               dir,
		Screenshot:        dir + "/page.png",
		ElementScreenshot: dir + "/link.png",
		RawHTML:           dir + "/raw.html",
		RenderedHTML:      dir + "/rendered.html",
		Manifest:          dir + "/manifest.json",
	}
}

// rec builds a consistent record.
func rec(n int, source, target, v, summary, anchor string, signals ...string) record.Record {
	r := record.Record{
		Row:       n,
		Source:    source,
		Target:    target,
		Verdict:   v,
		Bucket:    verdict.Bucket(v),
		Signals:   signals,
		Summary:   summary,
		Raw:       record.Raw{Status: 200, FinalURL: source, Found: true, Bytes: 48213},
		CheckedAt: fixedTime,
		Fields: map[string]string{
			"Referring page URL": source,
			"Target URL":         target,
			"Anchor":             anchor,
			"DR":                 fmt.Sprint(40 + n),
		},
	}
	if anchor != "" {
		r.Links = []record.Link{{Href: target, Text: anchor, Kind: "a", InRaw: true, Crawlable: true, Visible: true}}
	}
	return r
}

// sampleRecords is a small batch over three referring domains, covering every bucket,
// a redirect, an invalid row, an unlinkable evidence path and hostile page text.
func sampleRecords() []record.Record {
	const shop = "https://shop.example/product"
	recs := []record.Record{
		rec(1, "https://blog.example.com/post-1", shop, verdict.OK,
			"A followed link to the target is in the raw HTML of an indexable page.", "the best product", "consent_banner"),
		rec(2, "https://www.blog.example.com/post-2", shop, verdict.JSOnly,
			"Link is added by JavaScript; crawlers that do not render miss it.", "shop", "js_only", "consent_banner", "consent_vendor:onetrust"),
		rec(3, "https://news.example.co.uk/a", shop, verdict.Gone,
			"The source page is gone (HTTP 404): link rot.", ""),
		rec(4, "https://blog.example.com/post-3", shop, verdict.Removed,
			"The page is live but the link is in neither the raw HTML nor the rendered page: a real loss to reclaim.", ""),
		rec(5, "http://old.example.co.uk/x", shop, verdict.Redirected,
			"The source page redirects to a different page; the link is there, so equity may consolidate on the destination.",
			"shop example", "link_on_redirect_target", "redirect"),
		rec(6, "not a url", shop, verdict.InvalidInput, "Not checked: the source is not an absolute http(s) URL.", ""),
		rec(7, "https://blog.example.com/post-4", shop, verdict.Nofollow,
			"Every occurrence of the link is nofollow, ugc or sponsored.",
			`<script>alert(1)</script> "><img src=x onerror=alert(1)>`, "nofollow", "ugc"),
	}
	hosts := []string{"blog.example.com", "www.blog.example.com", "news.example.co.uk", "blog.example.com", "old.example.co.uk", "", "blog.example.com"}
	for i := range recs {
		if hosts[i] != "" && recs[i].Verdict != verdict.InvalidInput {
			recs[i].Evidence = evidenceFor(recs[i].Row, hosts[i])
		}
	}
	recs[2].Raw = record.Raw{Status: 404, FinalURL: recs[2].Source}
	recs[2].Evidence.ElementScreenshot = ""
	recs[3].Evidence.ElementScreenshot = ""
	recs[4].Raw = record.Raw{Status: 200, FinalURL: "https://www.example.co.uk/x", Redirects: []record.Hop{{URL: recs[4].Source, Status: 301}}, Found: true}
	recs[5].Raw = record.Raw{}
	recs[5].Error = "source is not an absolute http(s) URL"
	recs[6].Evidence.Screenshot = "/etc/passwd" // never linked
	return recs
}
