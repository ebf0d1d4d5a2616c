package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// Defaults of Config.
const (
	DefaultSeed         = 20261122
	DefaultPages        = 100
	DefaultRows         = 200
	DefaultJSShare      = 0.30 // pages whose target links a script injects
	DefaultConsentShare = 0.10 // pages with a consent banner
	DefaultMissingShare = 0.25 // second targets that are not on the page (verdict removed)
	HeavyLinks          = 1200 // links on a heavy page at least
)

// Config says what to generate. Zero fields take the defaults.
type Config struct {
	Seed         uint64
	Pages        int
	Rows         int
	Heavy        int     // heavy pages (over HeavyLinks links); 0: one per 33 pages, at least 1
	JSShare      float64 // share of pages whose target links are injected by a script
	ConsentShare float64 // share of pages with a consent banner
	MissingShare float64 // share of pages whose second target is absent
}

// Corpus is a generated site and its list of rows.
type Corpus struct {
	Config Config
	Pages  []Page
	Rows   []Row
}

// Page is one source page of the site.
type Page struct {
	Index   int
	Path    string // URL path, such as /articles/0042-harbour-budget.html
	Title   string
	JS      bool // the target links are injected by a script after an API call
	Consent bool // a consent banner covers the bottom of the page (it hides no link)
	Heavy   bool // over HeavyLinks links
	Images  int  // content images
	Targets [2]Target
	seed    uint64
}

// Target is a URL that rows ask about, and whether the page links to it.
type Target struct {
	URL     string
	Present bool
}

// Row is one (source, target) row of the list, with the answer a correct checker gives.
type Row struct {
	Page   int    // index into Corpus.Pages
	Source string // URL path of the page; see Corpus.SourceURL
	Target string
	Found  bool // the page links to the target (in the HTML or after its script ran)
}

// New generates a corpus. It fails on a Config that cannot be met.
func New(cfg Config) (*Corpus, error) {
	cfg = withDefaults(cfg)
	switch {
	case cfg.Pages < 1:
		return nil, errors.New("corpus: at least one page is needed")
	case cfg.Rows < cfg.Pages:
		return nil, fmt.Errorf("corpus: %d rows cannot cover %d pages", cfg.Rows, cfg.Pages)
	case cfg.Heavy > cfg.Pages:
		return nil, fmt.Errorf("corpus: %d heavy pages out of %d", cfg.Heavy, cfg.Pages)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0))
	c := &Corpus{Config: cfg, Pages: make([]Page, cfg.Pages)}
	js := pick(rng, cfg.Pages, share(cfg.Pages, cfg.JSShare))
	consent := pick(rng, cfg.Pages, share(cfg.Pages, cfg.ConsentShare))
	heavy := pick(rng, cfg.Pages, cfg.Heavy)
	for i := range c.Pages {
		c.Pages[i] = newPage(cfg, i, js[i], consent[i], heavy[i])
	}
	c.Rows = plan(rng, c.Pages, cfg.Rows)
	return c, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Seed == 0 {
		cfg.Seed = DefaultSeed
	}
	if cfg.Pages == 0 {
		cfg.Pages = DefaultPages
	}
	if cfg.Rows == 0 {
		cfg.Rows = 2 * cfg.Pages
	}
	if cfg.Heavy == 0 {
		cfg.Heavy = max(1, cfg.Pages/33)
	}
	if cfg.JSShare == 0 {
		cfg.JSShare = DefaultJSShare
	}
	if cfg.ConsentShare == 0 {
		cfg.ConsentShare = DefaultConsentShare
	}
	if cfg.MissingShare == 0 {
		cfg.MissingShare = DefaultMissingShare
	}
	return cfg
}

// share is the number of pages out of n for a share, rounded, at least one when the share is
// positive.
func share(n int, s float64) int {
	k := int(float64(n)*s + 0.5)
	if s > 0 && k == 0 {
		k = 1
	}
	return min(k, n)
}

// pick marks k of n indexes at random.
func pick(rng *rand.Rand, n, k int) []bool {
	marked := make([]bool, n)
	for _, i := range rng.Perm(n)[:k] {
		marked[i] = true
	}
	return marked
}

func newPage(cfg Config, i int, js, consent, heavy bool) Page {
	seed := cfg.Seed*1_000_003 + uint64(i)
	rng := rand.New(rand.NewPCG(seed, 1))
	title := headline(rng)
	p := Page{
		Index: i, Title: title, JS: js, Consent: consent, Heavy: heavy,
		Path:   fmt.Sprintf("/articles/%04d-%s.html", i, slug(title)),
		Images: 3 + rng.IntN(4),
		seed:   seed,
	}
	shop := shops[rng.IntN(len(shops))]
	p.Targets[0] = Target{URL: fmt.Sprintf("https://%s/products/%04d-%s", shop, i, words[rng.IntN(len(words))]), Present: true}
	other := shops[rng.IntN(len(shops))]
	p.Targets[1] = Target{
		URL:     fmt.Sprintf("https://%s/guides/%s-%04d/", other, words[rng.IntN(len(words))], i),
		Present: rng.Float64() >= cfg.MissingShare,
	}
	return p
}

// plan lists the rows: every page's first target, second targets until the list is full less
// a few repeats, then the repeats (copies of earlier rows, as exports have), shuffled.
func plan(rng *rand.Rand, pages []Page, n int) []Row {
	repeats := max(1, n/50)
	var unique []Row
	add := func(p Page, t Target) {
		unique = append(unique, Row{Page: p.Index, Source: p.Path, Target: t.URL, Found: t.Present})
	}
	for _, p := range pages {
		add(p, p.Targets[0])
	}
	for _, p := range pages {
		if len(unique) >= n-repeats {
			break
		}
		add(p, p.Targets[1])
	}
	rows := append([]Row{}, unique...)
	for len(rows) < n {
		rows = append(rows, unique[rng.IntN(len(unique))])
	}
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	return rows
}

// SourceURL is the absolute URL of a row's source page on a server at base
// (such as http://127.0.0.1:8080).
func (c *Corpus) SourceURL(base string, r Row) string {
	return strings.TrimSuffix(base, "/") + r.Source
}

// WriteCSV writes the rows as a CSV with the header source,target, sources served at base.
func (c *Corpus) WriteCSV(w io.Writer, base string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"source", "target"}); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	for _, r := range c.Rows {
		if err := cw.Write([]string{c.SourceURL(base, r), r.Target}); err != nil {
			return fmt.Errorf("write CSV row: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// UniqueSources returns the distinct source paths of the rows, in the order first seen.
func (c *Corpus) UniqueSources() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range c.Rows {
		if !seen[r.Source] {
			seen[r.Source] = true
			out = append(out, r.Source)
		}
	}
	return out
}

// page returns the page at path, or false.
func (c *Corpus) page(path string) (*Page, bool) {
	var i int
	if _, err := fmt.Sscanf(path, "/articles/%04d-", &i); err != nil || i < 0 || i >= len(c.Pages) {
		return nil, false
	}
	if c.Pages[i].Path != path {
		return nil, false
	}
	return &c.Pages[i], true
}
