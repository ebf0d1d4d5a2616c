package realpages

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/net/idna"
)

// Entry is one saved page.
type Entry struct {
	File    string   // absolute path of the saved HTML
	Name    string   // file name as listed
	URL     *url.URL // original URL (made up when the list has none, see Load)
	Raw     string   // the URL as listed (non-ASCII hosts as written), or URL.String()
	Flags   []string // rough hints of the list (consent, paywall, ...)
	Derived bool     // URL came from the page's canonical link or was made up
}

// Key is where the page is served: lower-cased host (no port) and path with query.
func (e Entry) Key() string {
	return key(e.URL.Hostname(), e.URL.RequestURI())
}

func key(host, requestURI string) string {
	return asciiHost(host) + " " + requestURI
}

// asciiHost is host lower-cased and in its IDNA ASCII form (xn--...), as a browser sends it.
func asciiHost(host string) string {
	if a, err := idna.Lookup.ToASCII(host); err == nil {
		return strings.ToLower(a)
	}
	return strings.ToLower(host)
}

// FallbackHost is the host of pages whose list entry has no usable URL and whose HTML names no
// canonical URL.
const FallbackHost = "real-pages.invalid"

// Load reads DIR/real-pages.tsv (columns file, original_url, bytes, flags). An entry whose URL
// is not absolute http(s) (the list has "hard::NAME" for some) takes the page's canonical or
// og:url, else http://real-pages.invalid/NAME. Two entries with the same URL keep the first.
func Load(dir string) ([]Entry, error) {
	list := filepath.Join(dir, "real-pages.tsv")
	f, err := os.Open(list)
	if err != nil {
		return nil, fmt.Errorf("realpages: %w", err)
	}
	defer f.Close()
	var out []Entry
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(sc.Text(), "\t")
		if line == 1 && len(cols) > 0 && cols[0] == "file" {
			continue
		}
		if len(cols) < 2 || strings.TrimSpace(cols[0]) == "" {
			continue
		}
		e := Entry{File: filepath.Join(dir, cols[0]), Name: filepath.Base(cols[0])}
		if len(cols) >= 4 && cols[3] != "" {
			e.Flags = strings.Split(cols[3], ",")
		}
		u, err := url.Parse(strings.TrimSpace(cols[1]))
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Fragment == "" {
			e.Raw = strings.TrimSpace(cols[1])
		}
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			body, rerr := os.ReadFile(e.File)
			if rerr != nil {
				return nil, fmt.Errorf("realpages: %s line %d: %w", list, line, rerr)
			}
			u = canonicalURL(body)
			if u == nil {
				u = &url.URL{Scheme: "http", Host: FallbackHost, Path: "/" + e.Name}
			}
			e.Derived = true
		}
		u.Fragment = ""
		if u.Path == "" {
			u.Path = "/"
		}
		e.URL = u
		if e.Raw == "" {
			e.Raw = u.String()
		}
		if seen[e.Key()] {
			continue
		}
		seen[e.Key()] = true
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("realpages: reading %s: %w", list, err)
	}
	return out, nil
}

// canonicalURL finds <link rel=canonical href> or <meta property=og:url content> in a page.
func canonicalURL(body []byte) *url.URL {
	doc, err := parseHTML(body)
	if err != nil {
		return nil
	}
	var found *url.URL
	walk(doc, func(n *node) bool {
		var raw string
		switch {
		case n.Data == "link" && strings.EqualFold(attr(n, "rel"), "canonical"):
			raw = attr(n, "href")
		case n.Data == "meta" && attr(n, "property") == "og:url":
			raw = attr(n, "content")
		default:
			return true
		}
		u, err := url.Parse(strings.TrimSpace(raw))
		if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			found = u
			return false
		}
		return true
	})
	return found
}
