package realpages

import (
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeCorpus(t *testing.T, files map[string]string, tsv string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real-pages"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, "real-pages", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "real-pages.tsv"), []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoad(t *testing.T) {
	dir := writeCorpus(t, map[string]string{
		"a.html": "<p>a</p>",
		"b.html": `<html><head><link rel="canonical" href="https://b.example/story#top"></head></html>`,
		"c.html": "<p>no URL anywhere</p>",
		"d.html": `<meta property="og:url" content="http://d.example/x?id=3">`,
	}, "file\toriginal_url\tbytes\tflags\n"+
		"real-pages/a.html\thttps://www.A.example/news/1.html?x=1#c\t8\tconsent,paywall\n"+
		"real-pages/b.html\thard::b.html\t10\t\n"+
		"real-pages/c.html\thard::c.html\t10\t\n"+
		"real-pages/d.html\thard::d.html\t10\t\n"+
		"real-pages/a.html\thttps://www.a.example/news/1.html?x=1\t8\t\n")
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		url, key string
		derived  bool
		flags    int
	}{
		{"https://www.A.example/news/1.html?x=1", "www.a.example /news/1.html?x=1", false, 2},
		{"https://b.example/story", "b.example /story", true, 0},
		{"http://real-pages.invalid/c.html", "real-pages.invalid /c.html", true, 0},
		{"http://d.example/x?id=3", "d.example /x?id=3", true, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("Load: %d entries, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		e := got[i]
		if e.URL.String() != w.url || e.Key() != w.key || e.Derived != w.derived || len(e.Flags) != w.flags {
			t.Errorf("entry %d: %s key %q derived %v flags %v; want %s %q %v %d", i, e.URL, e.Key(), e.Derived, e.Flags, w.url, w.key, w.derived, w.flags)
		}
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of a directory without a list succeeded")
	}
}

func TestPick(t *testing.T) {
	page, _ := url.Parse("https://news.example/2020/story.html")
	tests := []struct {
		name, html string
		want       string // resolved URL; "" for none
		where      string
	}{
		{"paragraph over navigation",
			`<nav><a href="/home">Home page</a></nav><div class="article-body"><p>Read <a href="https://other.example/report">the report</a>.</p></div>`,
			"https://other.example/report", "content paragraph"},
		{"content over body",
			`<div><a href="/about">About us</a></div><article><ul><li><a href="/2020/next.html">Next story</a></li></ul></article>`,
			"https://news.example/2020/next.html", "content"},
		{"body when no content",
			`<header><a href="/">Logo text</a></header><div><a href="rel/page">A page</a></div>`,
			"https://news.example/2020/rel/page", "body"},
		{"base href",
			`<head><base href="https://cdn.example/base/"></head><main><p><a href="doc">Document</a></p></main>`,
			"https://cdn.example/base/doc", "content paragraph"},
		{"skips what is not a link to a page",
			`<article><p><a href="#x">Jump here</a> <a href="javascript:go()">Go there</a> <a href="mailto:a@b.c">Mail us</a>
			 <a href="story.html">Self link</a> <a href="/x">x</a> <a href="/y">Long enough</a></p></article>`,
			"https://news.example/y", "content paragraph"},
		{"only chrome links", `<footer><a href="/imprint">Imprint</a></footer>`, "https://news.example/imprint", "page"},
		{"scripts and templates are not links", `<script>var a = '<a href="/s">Script link</a>'</script><template><a href="/t">Template</a></template>`, "", ""},
		{"legacy encoding",
			"<meta charset=\"windows-1252\"><article><p><a href=\"/caf\xe9\">Caf\xe9 cr\xe8me</a></p></article>",
			"https://news.example/caf%C3%A9", "content paragraph"},
	}
	for _, tt := range tests {
		l, ok := Pick([]byte(tt.html), page)
		if tt.want == "" {
			if ok {
				t.Errorf("%s: picked %+v, want none", tt.name, l)
			}
			continue
		}
		if !ok || l.URL != tt.want || l.Where != tt.where {
			t.Errorf("%s: %+v %v; want %s in %s", tt.name, l, ok, tt.want, tt.where)
		}
	}
}

func TestProxy(t *testing.T) {
	dir := writeCorpus(t, map[string]string{"a.html": "<p>saved page A</p>", "b.html": "<p>saved page B</p>", "c.html": "<p>saved page C</p>"},
		"file\toriginal_url\tbytes\tflags\nreal-pages/a.html\thttps://www.a.example/news/1.html?id=2\t1\t\nreal-pages/b.html\thttp://b.example/\t1\t\n"+
			"real-pages/c.html\thttps://blog.stössen.example/post/\t1\t\n")
	entries, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewProxy(entries)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(p.CAPEM()) {
		t.Fatal("bad CA PEM")
	}
	proxyURL, _ := url.Parse("http://" + p.Addr())
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL), TLSClientConfig: &tls.Config{RootCAs: pool}}}
	tests := []struct {
		url    string
		status int // 0: the request fails
		body   string
	}{
		{"https://www.a.example/news/1.html?id=2", 200, "saved page A"},
		{"https://WWW.A.EXAMPLE/news/1.html?id=2", 200, "saved page A"},
		{"https://www.a.example/news/style.css", 404, ""},
		{"http://b.example/", 200, "saved page B"},
		{"https://blog.xn--stssen-xxa.example/post/", 200, "saved page C"},
		{"http://b.example/robots.txt", 404, ""},
		{"https://elsewhere.example/", 0, ""},
		{"http://elsewhere.example/", 403, ""},
	}
	for _, tt := range tests {
		resp, err := client.Get(tt.url)
		if tt.status == 0 {
			if err == nil {
				resp.Body.Close()
				t.Errorf("GET %s: %d, want a failed tunnel", tt.url, resp.StatusCode)
			}
			continue
		}
		if err != nil {
			t.Errorf("GET %s: %v", tt.url, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.body) {
			t.Errorf("GET %s: %d %q, want %d %q", tt.url, resp.StatusCode, body, tt.status, tt.body)
		}
	}
	c := p.Counts()
	if c.Pages != 4 || c.NotFound != 2 || c.Blocked != 2 {
		t.Errorf("counts %+v, want 4 pages, 2 not found, 2 blocked", c)
	}
}
