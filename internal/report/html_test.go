package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/verdict"
)

// manyRecords makes n records over a skewed set of referring domains with an uneven mix of
// verdicts (some verdicts never occur).
func manyRecords(n int) []record.Record {
	all := verdict.All()
	recs := make([]record.Record, n)
	for i := range recs {
		row := i + 1
		host := fmt.Sprintf("www.site%d.example", min(i%11, i%5))
		if i%3 == 0 {
			host = fmt.Sprintf("blog.site%d.example", i%4)
		}
		v := all[(i*i+3*i)%len(all)]
		src := fmt.Sprintf("https://%s/articles/2025/%d/some-long-article-slug-about-things", host, row)
		r := rec(row, src, "https://shop.example/product/widget-pro?ref=blog", v,
			"The link is there, but the page carries noindex: it is dropped from the index.",
			"Widget Pro, the best widget", "consent_banner", "consent_vendor:onetrust", "noindex")
		r.Evidence = evidenceFor(row, host)
		recs[i] = r
	}
	return recs
}

func TestWriteHTMLTotals(t *testing.T) {
	for _, n := range []int{0, 1, 37, 500} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			recs := manyRecords(n)
			_, doc := render(t, recs, testMeta())
			perVerdict := map[string]int{}
			perBucket := map[string]int{}
			for _, r := range recs {
				perVerdict[r.Verdict]++
				perBucket[verdict.Bucket(r.Verdict)]++
			}
			items := all(first(doc, class("verdicts")), tag("li"))
			var names []string
			for _, li := range items {
				v, _ := attr(li, "data-fv")
				names = append(names, v)
				if got := text(first(li, tag("b"))); got != strconv.Itoa(perVerdict[v]) {
					t.Errorf("verdict %s total = %s, want %d", v, got, perVerdict[v])
				}
				if got := text(first(li, class("badge"))); got != v {
					t.Errorf("verdict badge %q, want %q", got, v)
				}
				if hasClass(li, "zero") != (perVerdict[v] == 0) {
					t.Errorf("verdict %s (count %d): dimmed = %v", v, perVerdict[v], hasClass(li, "zero"))
				}
			}
			if !slices.Equal(names, verdict.All()) {
				t.Errorf("verdict totals in order %q, want %q", names, verdict.All())
			}
			var bnames []string
			sum := 0
			for _, b := range all(doc, tagClass("div", "bucket")) {
				name, _ := attr(b, "data-fb")
				bnames = append(bnames, name)
				got, err := strconv.Atoi(text(first(b, class("count"))))
				if err != nil || got != perBucket[name] {
					t.Errorf("bucket %s total = %d (%v), want %d", name, got, err, perBucket[name])
				}
				sum += got
				if text(first(b, tag("p"))) == "" {
					t.Errorf("bucket %s has no explanation", name)
				}
			}
			if want := []string{"rot", "reclaim", "plumbing", "noise", "error"}; !slices.Equal(bnames, want) {
				t.Errorf("buckets %q, want %q", bnames, want)
			}
			if sum != n {
				t.Errorf("bucket totals add up to %d, want %d", sum, n)
			}
			if got := text(first(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "total" })); got != strconv.Itoa(n) {
				t.Errorf("header row count %q, want %d", got, n)
			}
			if got := len(all(doc, tagClass("tr", "r"))); got != n {
				t.Errorf("%d rows in the table, want %d", got, n)
			}
		})
	}
}

func TestWriteHTMLGroups(t *testing.T) {
	_, doc := render(t, sampleRecords(), testMeta())
	type group struct {
		domain string
		rows   []string
		counts []string
	}
	want := []group{
		{"example.com", []string{"row-1", "row-2", "row-4", "row-7"}, []string{"removed 1", "js_only 1", "nofollow 1", "ok 1"}},
		{"example.co.uk", []string{"row-3", "row-5"}, []string{"gone 1", "redirected 1"}},
		{noDomain, []string{"row-6"}, []string{"invalid_input 1"}},
	}
	var got []group
	for _, tb := range all(doc, tagClass("tbody", "g")) {
		gh := first(tb, tagClass("tr", "gh"))
		g := group{domain: text(first(gh, class("dom")))}
		for _, b := range all(gh, class("badge")) {
			g.counts = append(g.counts, text(b))
		}
		for _, tr := range all(tb, tagClass("tr", "r")) {
			id, _ := attr(tr, "id")
			g.rows = append(g.rows, id)
		}
		if c, w := text(first(gh, class("cnt"))), fmt.Sprintf("%d row", len(g.rows)); !strings.HasPrefix(c, w) {
			t.Errorf("group %s says %q, want %q…", g.domain, c, w)
		}
		got = append(got, g)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("groups\n got %v\nwant %v", got, want)
	}
}

func TestWriteHTMLGroupOrder(t *testing.T) {
	recs := manyRecords(300)
	_, doc := render(t, recs, testMeta())
	domainOf := map[string]string{}
	for _, r := range recs {
		domainOf["row-"+strconv.Itoa(r.Row)] = referringDomain(r.Source)
	}
	seen := map[string]bool{}
	rows := map[string]bool{}
	prev := len(recs) + 1
	for _, tb := range all(doc, tagClass("tbody", "g")) {
		d := text(first(tb, class("dom")))
		if seen[d] {
			t.Errorf("domain %s has two groups", d)
		}
		seen[d] = true
		trs := all(tb, tagClass("tr", "r"))
		if len(trs) > prev {
			t.Errorf("group %s (%d rows) after a group of %d rows", d, len(trs), prev)
		}
		prev = len(trs)
		counts := 0
		for _, b := range all(first(tb, tagClass("tr", "gh")), class("badge")) {
			f := strings.Fields(text(b))
			n, _ := strconv.Atoi(f[len(f)-1])
			counts += n
		}
		if counts != len(trs) {
			t.Errorf("group %s verdict counts add up to %d, want %d", d, counts, len(trs))
		}
		for _, tr := range trs {
			id, _ := attr(tr, "id")
			if rows[id] {
				t.Errorf("%s appears twice", id)
			}
			rows[id] = true
			if domainOf[id] != d {
				t.Errorf("%s (domain %s) is in group %s", id, domainOf[id], d)
			}
		}
	}
	if len(rows) != len(recs) {
		t.Errorf("%d rows in the report, want %d", len(rows), len(recs))
	}
	if len(seen) < 5 {
		t.Errorf("only %d groups; the fixture should spread over more domains", len(seen))
	}
}

func TestWriteHTMLRowContent(t *testing.T) {
	recs := sampleRecords()
	_, doc := render(t, recs, testMeta())
	for _, r := range recs {
		tr := first(doc, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == "row-"+strconv.Itoa(r.Row) })
		if tr == nil {
			t.Errorf("row %d missing", r.Row)
			continue
		}
		tds := all(tr, tag("td"))
		if len(tds) != 6 {
			t.Fatalf("row %d has %d cells, want 6", r.Row, len(tds))
		}
		if got := text(tds[0]); got != strconv.Itoa(r.Row) {
			t.Errorf("row %d number cell %q", r.Row, got)
		}
		if got := text(first(tds[3], class("badge"))); got != r.Verdict {
			t.Errorf("row %d verdict badge %q, want %q", r.Row, got, r.Verdict)
		}
		if b := first(tds[3], class("badge")); !hasClass(b, "b-"+verdict.Bucket(r.Verdict)) {
			t.Errorf("row %d badge not coloured by bucket %s", r.Row, verdict.Bucket(r.Verdict))
		}
		if !strings.HasPrefix(text(tds[4]), r.Summary) {
			t.Errorf("row %d finding %q does not start with the summary", r.Row, text(tds[4]))
		}
		var sigs []string
		for _, li := range all(tds[4], tag("li")) {
			sigs = append(sigs, text(li))
		}
		if !slices.Equal(sigs, r.Signals) {
			t.Errorf("row %d signals %q, want %q", r.Row, sigs, r.Signals)
		}
		if len(r.Links) > 0 && text(first(tds[2], tag("q"))) != r.Links[0].Text {
			t.Errorf("row %d anchor %q, want %q", r.Row, text(first(tds[2], tag("q"))), r.Links[0].Text)
		}
		if a := first(tds[1], tag("a")); webURL(r.Source) != "" {
			if a == nil {
				t.Fatalf("row %d source not linked", r.Row)
			}
			for k, v := range map[string]string{"href": r.Source, "target": "_blank", "rel": "noopener noreferrer nofollow"} {
				if got, _ := attr(a, k); got != v {
					t.Errorf("row %d source link %s=%q, want %q", r.Row, k, got, v)
				}
			}
		}
		for _, img := range all(tds[5], tag("img")) {
			if v, _ := attr(img, "loading"); v != "lazy" {
				t.Errorf("row %d thumbnail is not lazy-loaded", r.Row)
			}
			src, _ := attr(img, "src")
			if p, _ := attr(img.Parent, "href"); p != src {
				t.Errorf("row %d thumbnail %s opens %q", r.Row, src, p)
			}
			if src != r.Evidence.Screenshot && src != r.Evidence.ElementScreenshot {
				t.Errorf("row %d thumbnail %q is not a screenshot of the record", r.Row, src)
			}
		}
		var hrefs []string
		for _, a := range all(tds[5], tag("a")) {
			h, _ := attr(a, "href")
			hrefs = append(hrefs, h)
		}
		for _, p := range []string{r.Evidence.Dir, r.Evidence.Manifest} {
			if p != "" && !slices.Contains(hrefs, p) {
				t.Errorf("row %d evidence links %q miss %q", r.Row, hrefs, p)
			}
		}
	}
}

// hostileRecords carry script and markup in every field a page or an input file controls.
func hostileRecords() []record.Record {
	const (
		script = `<script>alert(1)</script>`
		img    = `"><img src=x onerror=alert(1)>`
		js     = `javascript:alert(1)`
	)
	var recs []record.Record
	for i, src := range []string{js, " JaVaScRiPt:alert(1)", "https://ok.example/" + img, "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/x"} {
		r := rec(i+1, src, js, verdict.OK, script+img, script+img, script, img, `" onmouseover="alert(1)`)
		r.Raw.FinalURL = "javascript:alert(2)"
		r.Error = `</td></tr></table>` + script
		r.Fields["Anchor"] = script
		r.Evidence = record.Evidence{
			Dir:               js,
			Screenshot:        "data:image/svg+xml,<svg onload=alert(1)>",
			ElementScreenshot: "evidence/" + img + ".png",
			Manifest:          `evidence/x/` + script + `.json`,
		}
		recs = append(recs, r)
	}
	u := rec(len(recs)+1, "https://a.example/", "https://b.example/"+img, `"><svg onload=alert(1)>`, img, "")
	u.Bucket = `x" onclick="alert(1)`
	u.Links = []record.Link{{Text: "\xff\xfe bad utf-8 " + script}}
	return append(recs, u)
}

// allowedTags are the elements the template itself writes.
var allowedTags = []string{"html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span",
	"b", "time", "div", "section", "ol", "li", "main", "label", "select", "option", "button", "table",
	"colgroup", "col", "thead", "tr", "th", "tbody", "td", "a", "q", "ul", "img", "footer", "script"}

func TestWriteHTMLHostile(t *testing.T) {
	m := testMeta()
	m.Title = "</title><script>alert(1)</script>"
	m.Input = `"><img src=x onerror=alert(1)>.csv`
	m.Version = "<script>alert(1)</script>"
	m.Browser = "javascript:alert(1)"
	recs := hostileRecords()
	out, doc := render(t, recs, m)
	if !utf8.Valid(out) {
		t.Error("report is not valid UTF-8")
	}
	for _, bad := range []string{"<script>alert", "<img src=x", "<svg", `" onmouseover`} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("output contains %q unescaped", bad)
		}
	}
	scripts := all(doc, tag("script"))
	if len(scripts) != 1 || text(scripts[0]) != pageScript {
		t.Errorf("%d script elements, want only the report's own", len(scripts))
	}
	style := regexp.MustCompile(`^flex-grow:\d+$`)
	for _, n := range all(doc, func(*html.Node) bool { return true }) {
		if !slices.Contains(allowedTags, n.Data) {
			t.Errorf("unexpected <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has event handler %s=%q", n.Data, a.Key, a.Val)
			}
			switch a.Key {
			case "href", "src", "action", "formaction", "srcset", "poster":
				if u, err := url.Parse(strings.TrimSpace(a.Val)); err == nil && u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" ||
					strings.HasPrefix(strings.TrimSpace(a.Val), "//") {
					t.Errorf("<%s %s=%q> leaves http(s)", n.Data, a.Key, a.Val)
				}
				if strings.Contains(strings.ToLower(a.Val), "javascript") {
					t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
				}
			case "style":
				if !style.MatchString(a.Val) {
					t.Errorf("<%s style=%q>", n.Data, a.Val)
				}
			}
		}
	}
	// The hostile text is shown, as text.
	if got := text(first(doc, tag("h1"))); got != m.Title {
		t.Errorf("title shown as %q", got)
	}
	if q := text(first(doc, tag("q"))); q != "<script>alert(1)</script>\"><img src=x onerror=alert(1)>" {
		t.Errorf("anchor shown as %q", q)
	}
	if !strings.Contains(text(doc), "javascript:alert(1)") {
		t.Error("the javascript: source is not shown as text")
	}
}

func TestWriteHTMLEvidencePaths(t *testing.T) {
	tests := []struct {
		path string
		href string // "" when it must not be linked
	}{
		{"evidence/0001-a.example/page.png", "evidence/0001-a.example/page.png"},
		{"evidence/0002 b.example/page#1?.png", "evidence/0002%20b.example/page%231%3F.png"},
		{"/etc/passwd", ""},
		{"/tmp/out/evidence/0001/page.png", ""},
		{"C:\\out\\evidence\\page.png", ""},
		{"C:/out/evidence/page.png", ""},
		{"\\\\host\\share\\page.png", ""},
		{"evidence\\..\\page.png", ""},
		{"//evil.example/page.png", ""},
		{"https://evil.example/page.png", ""},
		{"file:///etc/passwd", ""},
		{"javascript:alert(1)", ""},
		{"../secret/page.png", ""},
		{"evidence/../../page.png", ""},
		{"evidence/x\n/page.png", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := evidenceHref(tt.path); got != tt.href {
				t.Errorf("evidenceHref(%q) = %q, want %q", tt.path, got, tt.href)
			}
			r := rec(1, "https://a.example/", "https://b.example/", verdict.Removed, "s", "")
			r.Evidence = record.Evidence{Screenshot: tt.path}
			_, doc := render(t, []record.Record{r}, testMeta())
			cell := all(first(doc, tagClass("tr", "r")), tag("td"))[5]
			img := first(cell, tag("img"))
			switch {
			case tt.href == "" && img != nil:
				t.Errorf("unsafe path %q is shown as an image", tt.path)
			case tt.href == "" && !strings.Contains(text(cell), strings.TrimSpace(tt.path)):
				t.Errorf("unsafe path %q not shown as text: %q", tt.path, text(cell))
			case tt.href != "":
				src, _ := attr(img, "src")
				if img == nil || src != tt.href {
					t.Errorf("path %q: img src %q, want %q", tt.path, src, tt.href)
				}
			}
			if tt.href == "" {
				if a := first(cell, tag("a")); a != nil {
					h, _ := attr(a, "href")
					t.Errorf("unsafe path %q is linked as %q", tt.path, h)
				}
			}
		})
	}
}

func TestWebURL(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"https://a.example/x?y=1#z", true},
		{"http://a.example", true},
		{"HTTPS://A.EXAMPLE/", true},
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{" javascript:alert(1)", false},
		{"data:text/html,x", false},
		{"//a.example/x", false},
		{"/x", false},
		{"http:/x", false},
		{"http://a.example/\x00", false},
		{"ftp://a.example/", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := webURL(tt.in); (got != "") != tt.ok {
			t.Errorf("webURL(%q) = %q, want linked %v", tt.in, got, tt.ok)
		}
	}
}

func TestReferringDomain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://blog.example.com/post", "example.com"},
		{"https://www.example.com/", "example.com"},
		{"https://EXAMPLE.com./x", "example.com"},
		{"https://a.b.example.co.uk/x", "example.co.uk"},
		{"https://user.github.io/x", "user.github.io"},
		{"http://127.0.0.1:8080/x", "127.0.0.1"},
		{"http://[::1]:8080/x", "::1"},
		{"https://bücher.example.de/x", "example.de"},
		{"https://xn--bcher-kva.de/", "bücher.de"},
		{"https://localhost/x", "localhost"},
		{"https://co.uk/", "co.uk"},
		{"not a url", noDomain},
		{"https:///path", noDomain},
		{"%%", noDomain},
		{"", noDomain},
	}
	for _, tt := range tests {
		if got := referringDomain(tt.in); got != tt.want {
			t.Errorf("referringDomain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteHTMLPolicy(t *testing.T) {
	_, doc := render(t, sampleRecords(), testMeta())
	meta := first(doc, func(n *html.Node) bool { v, _ := attr(n, "http-equiv"); return v == "Content-Security-Policy" })
	if meta == nil {
		t.Fatal("no Content-Security-Policy")
	}
	csp, _ := attr(meta, "content")
	sum := sha256.Sum256([]byte(text(first(doc, tag("script")))))
	if want := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, want) {
		t.Errorf("policy %q does not allow the page's script (%s)", csp, want)
	}
	for _, d := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("policy %q lacks %q", csp, d)
		}
	}
	// Readable without JS: the filter controls stay hidden until the script shows them, and no
	// element besides them is hidden.
	for _, n := range all(doc, withAttr("hidden")) {
		if v, _ := attr(n, "id"); v != "filters" {
			t.Errorf("<%s id=%q> is hidden", n.Data, v)
		}
	}
	// Nothing is loaded from elsewhere.
	for _, n := range all(doc, func(n *html.Node) bool { return n.Data == "link" || n.Data == "iframe" }) {
		t.Errorf("external resource <%s>", n.Data)
	}
	for _, img := range all(doc, tag("img")) {
		if src, _ := attr(img, "src"); strings.Contains(src, ":") {
			t.Errorf("image from %q", src)
		}
	}
}

func TestWriteHTMLSize(t *testing.T) {
	var empty, full bytes.Buffer
	if err := WriteHTML(&empty, nil, testMeta()); err != nil {
		t.Fatal(err)
	}
	const n = 2000
	if err := WriteHTML(&full, manyRecords(n), testMeta()); err != nil {
		t.Fatal(err)
	}
	if per := (full.Len() - empty.Len()) / n; per >= 2048 {
		t.Errorf("%d bytes per row, want < 2 KiB", per)
	}
	if !strings.Contains(empty.String(), "No rows.") {
		t.Error("an empty report does not say so")
	}
}

func BenchmarkWriteHTML(b *testing.B) {
	recs := manyRecords(10000)
	m := testMeta()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteHTML(&buf, recs, m); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/float64(len(recs)), "bytes/row")
}

func BenchmarkWriteCSV(b *testing.B) {
	recs := manyRecords(10000)
	m := testMeta()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := WriteCSV(&buf, recs, m); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWriteHTMLUnknownVerdict(t *testing.T) {
	recs := []record.Record{
		rec(1, "https://a.example/", "https://b.example/", "zz_future", "s", ""),
		rec(2, "https://a.example/", "https://b.example/", "zz_future", "s", ""),
		rec(3, "https://a.example/", "https://b.example/", "", "s", ""),
		rec(4, "https://a.example/", "https://b.example/", verdict.Gone, "s", ""),
	}
	recs[0].Bucket, recs[1].Bucket, recs[2].Bucket = "reclaim", "reclaim", "bogus"
	recs[3].Bucket = "noise" // wrong: SPEC §2 says rot, and the report follows SPEC
	_, doc := render(t, recs, testMeta())
	var got []string
	for _, li := range all(first(doc, class("verdicts")), tag("li")) {
		v, _ := attr(li, "data-fv")
		got = append(got, v+"="+text(first(li, tag("b"))))
	}
	want := []string{"gone=1", "(none)=1", "zz_future=2"}
	tail := got[len(verdict.All()):]
	if !slices.Equal(tail, want[1:]) || !slices.Contains(got, "gone=1") {
		t.Errorf("verdict totals %q, want the 16 then %q", got, want[1:])
	}
	buckets := map[string]string{}
	for _, b := range all(doc, tagClass("div", "bucket")) {
		name, _ := attr(b, "data-fb")
		buckets[name] = text(first(b, class("count")))
	}
	if want := map[string]string{"rot": "1", "reclaim": "2", "plumbing": "0", "noise": "0", "error": "1"}; fmt.Sprint(buckets) != fmt.Sprint(want) {
		t.Errorf("bucket totals %v, want %v", buckets, want)
	}
}
