// Package record defines the result record of SPEC §4: one per input row, written as one line of
// results.jsonl and printed by verify --json. Field names and shapes are part of the contract.
package record

import "time"

// Record is the result for one (source, target) pair.
type Record struct {
	Row       int                `json:"row"`
	Source    string             `json:"source"`
	Target    string             `json:"target"`
	Verdict   string             `json:"verdict"`
	Bucket    string             `json:"bucket"`
	Signals   []string           `json:"signals"`
	Summary   string             `json:"summary"`
	Raw       Raw                `json:"raw"`
	Rendered  Rendered           `json:"rendered"`
	Crawlers  map[string]Crawler `json:"crawlers"`
	Links     []Link             `json:"links"`
	Evidence  Evidence           `json:"evidence"`
	Error     string             `json:"error"`
	CheckedAt time.Time          `json:"checked_at"`
	// Fields carries the input row's columns through (batch); not part of verify output.
	Fields map[string]string `json:"fields,omitempty"`
}

// Raw is what the raw HTTP fetch with a browser user agent saw.
type Raw struct {
	Status    int    `json:"status"`
	FinalURL  string `json:"final_url"`
	Redirects []Hop  `json:"redirects"`
	Found     bool   `json:"found"`
	Bytes     int    `json:"bytes"`
}

// Hop is one redirect hop: the URL that redirected and its status.
// Type is "" for an HTTP redirect, "meta_refresh" or "script".
type Hop struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
	Type   string `json:"type,omitempty"`
}

// Rendered is what headless Chrome saw.
type Rendered struct {
	Found      bool   `json:"found"`
	Visible    bool   `json:"visible"`
	FinalURL   string `json:"final_url"`
	DurationMS int64  `json:"duration_ms"`
	Status     int    `json:"status,omitempty"`
}

// Crawler is what one crawler profile may see.
type Crawler struct {
	Robots string `json:"robots"`          // allowed | disallowed | unavailable
	Status int    `json:"status"`          // HTTP status the crawler's user agent got (0: not fetched)
	Found  *bool  `json:"found,omitempty"` // whether the link was in the HTML served to this user agent
	Rule   string `json:"rule,omitempty"`  // the robots.txt rule that decided
}

// Link is one occurrence of the target on the page.
type Link struct {
	Href       string   `json:"href"`
	Text       string   `json:"text"`
	Rel        []string `json:"rel"`
	Kind       string   `json:"kind"`
	InRaw      bool     `json:"in_raw"`
	InRendered bool     `json:"in_rendered"`
	Crawlable  bool     `json:"crawlable"`
	Visible    bool     `json:"visible"`
	Placement  string   `json:"placement"`
	Selector   string   `json:"selector"`
}

// Evidence holds paths relative to the output directory.
type Evidence struct {
	Dir               string `json:"dir"`
	Screenshot        string `json:"screenshot"`
	ElementScreenshot string `json:"element_screenshot"`
	RawHTML           string `json:"raw_html"`
	RenderedHTML      string `json:"rendered_html"`
	Manifest          string `json:"manifest"`
}
