package report

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"

	"github.com/linkproof/linkproof/internal/record"
)

//go:embed report.html.tmpl
var pageTemplate string

//go:embed report.css
var pageCSS string

//go:embed filter.js
var pageScript string

// htmlPage is the template's data: the page model plus the report's own style and script.
type htmlPage struct {
	*page
	CSP    string
	CSS    template.CSS // our stylesheet, never page data
	Script template.JS  // our filter script, never page data
}

// WriteHTML writes report.html: one self-contained page (inline style and script, no
// external resources) with the run's totals per verdict and per bucket, then every record in
// a table grouped by the referring domain of its source, largest group first.
//
// The page is meant to sit in the output directory: evidence paths, relative to that
// directory, are linked as they are; an evidence path that is absolute, has a scheme or
// contains ".." is shown as text only, and so is a page URL that is not http(s). All record
// text is escaped by html/template, and a Content-Security-Policy allows no script but the
// report's own (by hash), so a hostile page cannot run script in the report. The page is fully
// readable without JavaScript; the script adds filtering by verdict and bucket.
func WriteHTML(w io.Writer, recs []record.Record, m Meta) error {
	t, err := template.New("report").Parse(pageTemplate)
	if err != nil {
		return fmt.Errorf("parse report template: %w", err)
	}
	data := htmlPage{
		page:   build(recs, m),
		CSP:    contentSecurityPolicy(pageScript),
		CSS:    template.CSS(pageCSS),
		Script: template.JS(pageScript),
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := t.Execute(bw, data); err != nil {
		return fmt.Errorf("write report.html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report.html: %w", err)
	}
	return nil
}

// contentSecurityPolicy allows inline style, images from the report's own location and
// data: URLs, and only the given inline script. Nothing else may load or run: no network
// access, no plugin, no form, no base URL change.
func contentSecurityPolicy(script string) string {
	sum := sha256.Sum256([]byte(script))
	return "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'sha256-" +
		base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'"
}
