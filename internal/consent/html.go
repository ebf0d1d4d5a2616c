package consent

import (
	"bytes"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/linkproof/linkproof/internal/extract"
)

// DetectHTML returns the consent managers whose signatures are in the raw
// HTML, sorted: a script, stylesheet, preconnect or iframe URL of the vendor,
// a loader snippet or global in an inline script, or one of its UI or marker
// elements (pages saved after their CMP ran carry the banner itself). It
// never fails: HTML that cannot be read has no vendors.
func DetectHTML(html []byte) []string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return nil
	}
	return DetectDoc(doc)
}

// DetectDoc is DetectHTML for a document parsed already (extract.Page.Doc).
func DetectDoc(doc *goquery.Document) []string {
	if doc == nil {
		return nil
	}
	urls, code := extract.Scripts(doc)
	codeLower := strings.ToLower(code)

	var vendors []string
	for _, r := range Rules() {
		if ruleInHTML(r, doc, urls, code, codeLower) {
			vendors = append(vendors, r.Vendor)
		}
	}
	slices.Sort(vendors)
	return vendors
}

func ruleInHTML(r Rule, doc *goquery.Document, urls []string, code, codeLower string) bool {
	for _, p := range r.Scripts {
		if strings.Contains(codeLower, strings.ToLower(p)) || anyContains(urls, p) {
			return true
		}
	}
	for _, p := range r.Frames {
		if anyContains(urls, p) {
			return true
		}
	}
	for _, m := range r.Inline {
		if strings.Contains(code, m) {
			return true
		}
	}
	for _, sel := range slices.Concat(r.Containers, r.Markers) {
		if doc.Find(sel).Length() > 0 {
			return true
		}
	}
	return false
}

// anyContains reports whether one of the lower-cased urls contains pattern,
// compared case-insensitively.
func anyContains(urls []string, pattern string) bool {
	p := strings.ToLower(pattern)
	for _, u := range urls {
		if strings.Contains(u, p) {
			return true
		}
	}
	return false
}
