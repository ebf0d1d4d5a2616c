package paywall

import (
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/linkproof/linkproof/internal/extract"
)

// Detection is what the paywall detectors found.
type Detection struct {
	// Paywall reports a paywall: schema.org says the page or a part of it is
	// not free, or the rendered page shows a subscribe prompt that removes,
	// hides, truncates, fades or blurs content. Never set when the schema
	// says the page is free and nothing says otherwise.
	Paywall bool `json:"paywall"`
	// Vendors are the paywall vendors whose signatures are on the page,
	// sorted. A vendor alone is not a paywall.
	Vendors []string `json:"vendors,omitempty"`
	// NotFree reports isAccessibleForFree false in JSON-LD or microdata.
	NotFree bool `json:"not_free,omitempty"`
	// Free reports isAccessibleForFree true, with nothing marked not free.
	Free bool `json:"free,omitempty"`
	// GatedSelectors are the cssSelectors of the parts marked not free (for
	// a microdata part without one, a selector of its element). A link
	// inside one gives paywall_section.
	GatedSelectors []string `json:"gated_selectors,omitempty"`
	// HiddenSelectors are the containers that the rendered paywall
	// truncates, blurs or hides, next to its prompt (DetectRendered only).
	HiddenSelectors []string `json:"hidden_selectors,omitempty"`
	// Prompt is the text of the subscribe prompt seen in the rendered page.
	Prompt string `json:"prompt,omitempty"`
	// DOMEvidence says what the rendered page shows, for the evidence
	// manifest; "" when it showed nothing (DetectRendered only).
	DOMEvidence string `json:"dom_evidence,omitempty"`

	// paragraphs are the article paragraphs of the raw HTML, which
	// DetectRendered looks for in the rendered page.
	paragraphs []string
}

// Limits of the raw paragraphs kept for the rendered comparison.
const (
	minParagraph  = 60 // characters
	maxParagraphs = 80
)

// DetectHTML reads the raw HTML: schema.org markup in JSON-LD and microdata,
// and vendor signatures. jsonLD are the contents of the page's JSON-LD
// scripts (extract.Page.JSONLD); when nil they are read from html. It keeps
// the article paragraphs for DetectRendered. It never fails: HTML that cannot
// be read gives a zero Detection.
func DetectHTML(html []byte, jsonLD []string) Detection {
	return DetectDoc(parseHTML(html), jsonLD)
}

// DetectDoc is DetectHTML for a document parsed already (extract.Page.Doc).
func DetectDoc(doc *goquery.Document, jsonLD []string) Detection {
	var d Detection
	if doc == nil {
		return d
	}
	if jsonLD == nil {
		jsonLD = jsonLDBlocks(doc)
	}
	var s schema
	s.fromJSONLD(jsonLD)
	s.fromMicrodata(doc)
	d.apply(s)
	d.Vendors = vendorsInHTML(doc)
	d.paragraphs = paragraphs(doc)
	d.Paywall = d.NotFree
	return d
}

// apply merges what the schema says into d.
func (d *Detection) apply(s schema) {
	d.NotFree = d.NotFree || s.notFree
	d.Free = (d.Free || s.free) && !d.NotFree
	for _, g := range s.gated {
		if !slices.Contains(d.GatedSelectors, g) {
			d.GatedSelectors = append(d.GatedSelectors, g)
		}
	}
}

func vendorsInHTML(doc *goquery.Document) []string {
	urls, inline := extract.Scripts(doc)
	lower := strings.ToLower(inline)
	body := ""
	if b := doc.Find("body"); b.Length() > 0 {
		body = b.Text()
	}
	var out []string
	for _, v := range Vendors() {
		if vendorInHTML(v, doc, urls, inline, lower, body) {
			out = append(out, v.Name)
		}
	}
	slices.Sort(out)
	return out
}

func vendorInHTML(v Vendor, doc *goquery.Document, urls []string, inline, lower, body string) bool {
	for _, p := range v.Scripts {
		p = strings.ToLower(p)
		if strings.Contains(lower, p) {
			return true
		}
		for _, u := range urls {
			if strings.Contains(u, p) {
				return true
			}
		}
	}
	for _, m := range v.Inline {
		if strings.Contains(inline, m) {
			return true
		}
	}
	for _, m := range v.Text {
		if strings.Contains(body, m) {
			return true
		}
	}
	for _, sel := range v.Containers {
		if doc.Find(sel).Length() > 0 {
			return true
		}
	}
	return false
}

// paragraphs returns the normalized text of the article paragraphs: <p>
// elements of at least minParagraph characters outside the page header,
// navigation, footer, asides and forms, at most maxParagraphs.
func paragraphs(doc *goquery.Document) []string {
	var out []string
	doc.Find("p").EachWithBreak(func(_ int, p *goquery.Selection) bool {
		if p.Closest("header, nav, footer, aside, form, template, [hidden], [aria-hidden=true]").Length() > 0 {
			return true
		}
		t := strings.Join(strings.Fields(p.Text()), " ")
		if len([]rune(t)) >= minParagraph {
			out = append(out, t)
		}
		return len(out) < maxParagraphs
	})
	return out
}
