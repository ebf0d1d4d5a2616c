// Package inspector checks the (source, target) pairs of one source page: it fetches the raw
// HTML with a browser user agent and with each crawler's, reads robots.txt, renders the page in
// Chrome, finds every occurrence of each target, and turns the facts into SPEC §4 records with
// evidence. Rows that share a source page share one fetch, one render and one page screenshot.
package inspector

import (
	"context"
	"fmt"
	"time"

	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/evidence"
	"github.com/linkproof/linkproof/internal/fetch"
	"github.com/linkproof/linkproof/internal/match"
	"github.com/linkproof/linkproof/internal/record"
	"github.com/linkproof/linkproof/internal/robots"
	"github.com/linkproof/linkproof/internal/verdict"
	"github.com/linkproof/linkproof/render"
)

// Browser opens rendered pages. *render.Browser is one; batch wraps it to restart a crashed browser.
type Browser interface {
	Open(ctx context.Context, url string, opts ...render.PageOption) (*render.Page, error)
	Version() string
	UserAgent() string
}

// Config sets up an Inspector.
type Config struct {
	Fetch    []fetch.Option    // options of the HTTP client
	Browser  Browser           // nil: no rendering (raw verdicts only)
	Crawlers []crawler.Profile // default: crawler.DefaultNames
	Mode     match.Mode
	Evidence *evidence.Store // nil: no evidence
	Version  string          // linkproof version, for manifests
	Now      func() time.Time
}

// Inspector checks pairs. It is safe for concurrent use by several goroutines.
type Inspector struct {
	http     *fetch.Client
	robots   *robots.Cache
	browser  Browser
	crawlers []crawler.Profile
	mode     match.Mode
	store    *evidence.Store
	version  string
	now      func() time.Time
}

// New builds an Inspector.
func New(cfg Config) (*Inspector, error) {
	if len(cfg.Crawlers) == 0 {
		c, err := crawler.Parse(crawler.DefaultNames)
		if err != nil {
			return nil, err
		}
		cfg.Crawlers = c
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	// robots.txt gets one quick retry at most: RFC 9309 already says what a 5xx means.
	robotsHTTP := fetch.New(append(append([]fetch.Option{}, cfg.Fetch...), fetch.WithRetries(0))...)
	return &Inspector{
		http:     fetch.New(cfg.Fetch...),
		robots:   robots.NewCache(robotsGetter{robotsHTTP}),
		browser:  cfg.Browser,
		crawlers: cfg.Crawlers,
		mode:     cfg.Mode,
		store:    cfg.Evidence,
		version:  cfg.Version,
		now:      cfg.Now,
	}, nil
}

// Pair is one input row.
type Pair struct {
	Row    int
	Source string
	Target string
	Fields map[string]string // carried through
	Err    string            // the row was bad in the input file
}

// Inspect checks every pair of one source page and returns one record per pair, in order.
// Pairs whose Source differs from source are checked against source all the same: the caller
// groups them. Inspect never fails: problems become invalid_input, unreachable or error records.
func (in *Inspector) Inspect(ctx context.Context, source string, pairs []Pair) []record.Record {
	recs := make([]record.Record, len(pairs))
	var live []int
	for i, p := range pairs {
		recs[i] = in.newRecord(p)
		reason := p.Err
		if reason == "" {
			if err := match.Check(p.Source); err != nil {
				reason = "source: " + err.Error()
			} else if err := match.Check(p.Target); err != nil {
				reason = "target: " + err.Error()
			}
		}
		if reason != "" {
			in.finish(&recs[i], verdict.Facts{InvalidInput: reason})
			continue
		}
		live = append(live, i)
	}
	if len(live) == 0 {
		return recs
	}
	pg := in.examine(ctx, source)
	defer pg.close()
	for _, i := range live {
		in.judge(ctx, pg, &recs[i], pairs[i])
	}
	return recs
}

func (in *Inspector) newRecord(p Pair) record.Record {
	return record.Record{
		Row: p.Row, Source: p.Source, Target: p.Target,
		Signals: []string{}, Links: []record.Link{}, Crawlers: map[string]record.Crawler{},
		Raw: record.Raw{Redirects: []record.Hop{}}, Fields: p.Fields,
		CheckedAt: in.now().UTC().Truncate(time.Second),
	}
}

// finish applies the verdict rules to f and fills the record's verdict fields.
func (in *Inspector) finish(r *record.Record, f verdict.Facts) {
	o := verdict.Decide(f)
	r.Verdict, r.Bucket, r.Signals, r.Summary = o.Verdict, o.Bucket, o.Signals, o.Summary
	if r.Signals == nil {
		r.Signals = []string{}
	}
	switch {
	case f.InvalidInput != "":
		r.Error = f.InvalidInput
	case f.Unreachable != "":
		r.Error = f.Unreachable
	case f.Error != "":
		r.Error = f.Error
	}
}

// robotsGetter adapts the HTTP client to robots.Getter.
type robotsGetter struct{ c *fetch.Client }

func (g robotsGetter) Get(ctx context.Context, url string) (int, []byte, error) {
	resp, err := g.c.Fetch(ctx, fetch.Request{URL: url, UserAgent: crawler.BrowserUserAgent})
	if err != nil {
		return 0, nil, fmt.Errorf("fetch robots.txt: %w", err)
	}
	return resp.Status, resp.Raw, nil
}
