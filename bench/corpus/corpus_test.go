package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// parsed is what the tests read from a page.
type parsed struct {
	hrefs     []string // <a href>
	resources []string // src of img and script, href of stylesheets
}

func parse(t *testing.T, body []byte) parsed {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	var p parsed
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch {
			case n.Data == "a" && attr["href"] != "":
				p.hrefs = append(p.hrefs, attr["href"])
			case (n.Data == "img" || n.Data == "script") && attr["src"] != "":
				p.resources = append(p.resources, attr["src"])
			case n.Data == "link" && attr["rel"] == "stylesheet":
				p.resources = append(p.resources, attr["href"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return p
}

func mustNew(t *testing.T, cfg Config) *Corpus {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return c
}

func TestNewShares(t *testing.T) {
	tests := []struct {
		cfg                        Config
		wantJS, wantConsent, heavy int
		wantRows, wantPages        int
	}{
		{Config{}, 30, 10, 3, 200, 100},
		{Config{Pages: 10, Rows: 20}, 3, 1, 1, 20, 10},
		{Config{Pages: 500, Rows: 1000, Seed: 7}, 150, 50, 15, 1000, 500},
		{Config{Pages: 5, Rows: 40}, 2, 1, 1, 40, 5},
	}
	for _, tt := range tests {
		c := mustNew(t, tt.cfg)
		var js, consent, heavy int
		for _, p := range c.Pages {
			if p.JS {
				js++
			}
			if p.Consent {
				consent++
			}
			if p.Heavy {
				heavy++
			}
		}
		if js != tt.wantJS || consent != tt.wantConsent || heavy != tt.heavy {
			t.Errorf("%+v: js %d consent %d heavy %d, want %d %d %d", tt.cfg, js, consent, heavy, tt.wantJS, tt.wantConsent, tt.heavy)
		}
		if len(c.Rows) != tt.wantRows || len(c.UniqueSources()) != tt.wantPages {
			t.Errorf("%+v: %d rows over %d pages, want %d over %d", tt.cfg, len(c.Rows), len(c.UniqueSources()), tt.wantRows, tt.wantPages)
		}
		seen := map[Row]int{}
		for _, r := range c.Rows {
			seen[r]++
		}
		if len(seen) == len(c.Rows) {
			t.Errorf("%+v: no repeated row", tt.cfg)
		}
	}
}

func TestNewRejects(t *testing.T) {
	for _, cfg := range []Config{{Pages: -1}, {Pages: 10, Rows: 5}, {Pages: 3, Rows: 6, Heavy: 4}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}

func TestDeterministic(t *testing.T) {
	digest := func(c *Corpus) [32]byte {
		h := sha256.New()
		for _, p := range c.Pages {
			h.Write(p.HTML(len(c.Pages)))
			h.Write(p.RelatedJSON(len(c.Pages)))
		}
		var buf bytes.Buffer
		if err := c.WriteCSV(&buf, "http://127.0.0.1:1"); err != nil {
			t.Fatal(err)
		}
		h.Write(buf.Bytes())
		return [32]byte(h.Sum(nil))
	}
	a, b := mustNew(t, Config{Pages: 20}), mustNew(t, Config{Pages: 20})
	other := mustNew(t, Config{Pages: 20, Seed: 99})
	if digest(a) != digest(b) {
		t.Error("two corpora of one Config differ")
	}
	if digest(a) == digest(other) {
		t.Error("corpora of two seeds are the same")
	}
}

// TestExpectedFound checks the answer of every row against the page: a raw target link is in
// the HTML, an injected one is only in the API answer that related.js inserts.
func TestExpectedFound(t *testing.T) {
	c := mustNew(t, Config{})
	var present, absent int
	for _, r := range c.Rows {
		p := c.Pages[r.Page]
		page := parse(t, p.HTML(len(c.Pages)))
		inHTML := contains(page.hrefs, r.Target)
		inAPI := strings.Contains(string(p.RelatedJSON(len(c.Pages))), `"`+r.Target+`"`)
		switch {
		case p.JS && inHTML:
			t.Errorf("row %+v: a JS page has the target in its HTML", r)
		case p.JS && inAPI != r.Found, !p.JS && inHTML != r.Found:
			t.Errorf("row %+v: found %v, HTML %v, API %v", r, r.Found, inHTML, inAPI)
		}
		if r.Found {
			present++
		} else {
			absent++
		}
	}
	if present == 0 || absent == 0 {
		t.Errorf("%d present and %d absent targets: want both", present, absent)
	}
}

func TestPageWeight(t *testing.T) {
	c := mustNew(t, Config{})
	for _, p := range c.Pages {
		body := p.HTML(len(c.Pages))
		links := len(parse(t, body).hrefs)
		switch {
		case len(body) < minPage || (!p.Heavy && len(body) > maxPage):
			t.Errorf("%s: %d bytes", p.Path, len(body))
		case p.Heavy && links <= 1000:
			t.Errorf("%s: heavy page with %d links", p.Path, links)
		case !p.Heavy && links > 300:
			t.Errorf("%s: %d links on a light page", p.Path, links)
		}
	}
}

func TestHandler(t *testing.T) {
	c := mustNew(t, Config{Pages: 12})
	h := NewHandler(c, false)
	get := func(path string) (int, string, []byte) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()
	}
	for _, p := range c.Pages {
		code, typ, body := get(p.Path)
		if code != http.StatusOK || !strings.HasPrefix(typ, "text/html") {
			t.Fatalf("%s: %d %s", p.Path, code, typ)
		}
		for _, res := range parse(t, body).resources {
			if code, _, body := get(res); code != http.StatusOK || len(body) == 0 {
				t.Errorf("%s: resource %s: %d, %d bytes", p.Path, res, code, len(body))
			}
		}
		if code, _, _ := get("/api/related/" + strconv.Itoa(p.Index) + ".json"); code != http.StatusOK {
			t.Errorf("%s: related API: %d", p.Path, code)
		}
	}
	for _, path := range []string{"/", "/articles/9999-x.html", "/articles/0001-wrong.html", "/img/0001-99.jpg", "/img/x.jpg", "/static/theme-10.css", "/api/related/x.json"} {
		if code, _, _ := get(path); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, code)
		}
	}
	if code, _, body := get("/robots.txt"); code != http.StatusOK || !strings.Contains(string(body), "Allow: /") {
		t.Errorf("robots.txt: %d %q", code, body)
	}
	if code, _, body := get("/img/0003-0.jpg"); code != http.StatusOK || len(body) < 10_000 || len(body) > 80_000 {
		t.Errorf("photo: %d, %d bytes", code, len(body))
	}
	r := h.Requests()
	if r.Pages != 12 || r.NotFound != 7 || r.Robots != 1 || r.Total() < 40 {
		t.Errorf("counts %+v", r)
	}
}

func TestLatency(t *testing.T) {
	seen := map[time.Duration]bool{}
	for _, p := range []string{"/a", "/b", "/c", "/d", "/e", "/f", "/articles/0001-x.html", "/img/0001-1.jpg"} {
		d := Latency(p)
		if d < MinLatency || d > MinLatency+LatencySpread || d != Latency(p) {
			t.Errorf("Latency(%s) = %v", p, d)
		}
		seen[d] = true
	}
	if len(seen) < 3 {
		t.Errorf("latencies do not vary: %v", seen)
	}
}

func TestWriteCSV(t *testing.T) {
	c := mustNew(t, Config{Pages: 4})
	var buf bytes.Buffer
	if err := c.WriteCSV(&buf, "http://127.0.0.1:8/"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(c.Rows)+1 || recs[0][0] != "source" || recs[0][1] != "target" {
		t.Fatalf("CSV %v", recs)
	}
	for i, r := range c.Rows {
		if recs[i+1][0] != "http://127.0.0.1:8"+r.Source || recs[i+1][1] != r.Target {
			t.Errorf("line %d: %v, row %+v", i+2, recs[i+1], r)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
