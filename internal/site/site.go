// Package site serves a fixture web site on loopback: each top-level directory of the tree is
// one host with its own server (and so its own robots.txt). Tests and `linkproof demo` use it.
//
// Text files may name another host's base URL as {{host:NAME}}; it is replaced when served.
// A sidecar file NAME.http sets the response of NAME (which need not exist itself):
//
//	Status: 301
//	Location: {{host:shop}}/product
//	X-Robots-Tag: noindex
//	X-Fixture-Deny-UA: AhrefsBot, SemrushBot   (403 for user agents containing one of these)
//	X-Fixture-Bot-Body: other.html             (served instead to user agents containing "bot")
//	X-Fixture-Delay: 50ms                      (wait before answering)
//	X-Fixture-Hang: true                       (never answer; the request ends with the client)
//
// A request for /a serves a.html when a has no file of its own; / serves index.html.
package site

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linkproof/linkproof"
)

// Site is a running fixture site.
type Site struct {
	hosts   map[string]*host
	servers []*http.Server
}

type host struct {
	name string
	fsys fs.FS
	base string
	site *Site

	mu   sync.Mutex
	hits map[string]int // requests per path
}

// Start serves every top-level directory of fsys on its own 127.0.0.1 port.
// The servers run until Close.
func Start(fsys fs.FS) (*Site, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read fixture site: %w", err)
	}
	s := &Site{hosts: map[string]*host{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub, err := fs.Sub(fsys, e.Name())
		if err != nil {
			return nil, fmt.Errorf("fixture host %s: %w", e.Name(), err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("listen for fixture host %s: %w", e.Name(), err)
		}
		h := &host{name: e.Name(), fsys: sub, base: "http://" + ln.Addr().String(), site: s, hits: map[string]int{}}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
		s.hosts[h.name] = h
		s.servers = append(s.servers, srv)
		go srv.Serve(ln) // ends with Close (ErrServerClosed)
	}
	if len(s.hosts) == 0 {
		return nil, errors.New("fixture site has no host directories")
	}
	return s, nil
}

// URL returns the base URL of host name ("http://127.0.0.1:PORT"), or "" when unknown.
func (s *Site) URL(name string) string {
	if h, ok := s.hosts[name]; ok {
		return h.base
	}
	return ""
}

// Hosts lists the host names, sorted.
func (s *Site) Hosts() []string {
	var n []string
	for k := range s.hosts {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}

// Hits reports how many requests host name got for p (path and query, as requested).
func (s *Site) Hits(name, p string) int {
	h, ok := s.hosts[name]
	if !ok {
		return 0
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[p]
}

// Expand replaces {{host:NAME}} in text with the hosts' base URLs.
func (s *Site) Expand(text string) string {
	for name, h := range s.hosts {
		text = strings.ReplaceAll(text, "{{host:"+name+"}}", h.base)
	}
	return text
}

// Close stops every server at once; hanging requests are cut.
func (s *Site) Close() {
	for _, srv := range s.servers {
		srv.Close()
	}
}

func (h *host) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.hits[r.URL.RequestURI()]++
	h.mu.Unlock()

	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	side, hasSide := h.sidecar(name)
	if !hasSide && !h.exists(name) && h.exists(name+".html") {
		name += ".html"
		side, hasSide = h.sidecar(name)
	}
	status := http.StatusOK
	ua := r.UserAgent()
	if hasSide {
		for _, kv := range side {
			k, v := kv[0], kv[1]
			switch strings.ToLower(k) {
			case "status":
				if n, err := strconv.Atoi(v); err == nil {
					status = n
				}
			case "x-fixture-deny-ua":
				for bot := range strings.SplitSeq(v, ",") {
					if bot = strings.TrimSpace(bot); bot != "" && strings.Contains(strings.ToLower(ua), strings.ToLower(bot)) {
						http.Error(w, "forbidden for bots", http.StatusForbidden)
						return
					}
				}
			case "x-fixture-bot-body":
				if strings.Contains(strings.ToLower(ua), "bot") {
					name = v
				}
			case "x-fixture-delay":
				if d, err := time.ParseDuration(v); err == nil && !wait(r.Context(), d) {
					return
				}
			case "x-fixture-hang":
				<-r.Context().Done()
				return
			default:
				w.Header().Add(k, h.site.Expand(v))
			}
		}
	}
	body, err := fs.ReadFile(h.fsys, name)
	if err != nil {
		if status == http.StatusOK {
			status = http.StatusNotFound
		}
		if status >= 400 {
			body = fmt.Appendf(nil, "<!doctype html><title>%[1]d</title><h1>%[1]d %[2]s</h1><p>There is no page here.</p>", status, http.StatusText(status))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
	} else if w.Header().Get("Content-Type") == "" {
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(body)
		}
		w.Header().Set("Content-Type", ct)
	}
	if isText(w.Header().Get("Content-Type")) {
		body = []byte(h.site.Expand(string(body)))
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func (h *host) exists(name string) bool {
	st, err := fs.Stat(h.fsys, name)
	return err == nil && !st.IsDir()
}

// sidecar reads NAME.http as ordered header lines.
func (h *host) sidecar(name string) ([][2]string, bool) {
	b, err := fs.ReadFile(h.fsys, name+".http")
	if err != nil {
		return nil, false
	}
	var out [][2]string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) != "" {
			out = append(out, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
		}
	}
	return out, true
}

func isText(ct string) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	return strings.HasPrefix(mt, "text/") || mt == "application/javascript" || mt == "application/json"
}

func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Fixtures starts the fixture site of testdata/site (embedded in the linkproof package).
func Fixtures() (*Site, error) {
	fsys, err := linkproof.Site()
	if err != nil {
		return nil, err
	}
	return Start(fsys)
}
