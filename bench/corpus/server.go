package corpus

import (
	"fmt"
	"hash/fnv"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server latency: every response waits MinLatency plus up to LatencySpread, fixed per path.
const (
	MinLatency    = 20 * time.Millisecond
	LatencySpread = 60 * time.Millisecond
)

// Latency is the fixed delay of a path, between MinLatency and MinLatency+LatencySpread.
func Latency(path string) time.Duration {
	h := fnv.New32a()
	h.Write([]byte(path)) // never fails
	spread := int64(LatencySpread/time.Millisecond) + 1
	return MinLatency + time.Duration(int64(h.Sum32())%spread)*time.Millisecond
}

// Requests counts the requests a Handler answered, by kind.
type Requests struct {
	Pages    int64 // source pages
	Assets   int64 // style sheets, scripts, images
	API      int64 // /api/related
	Robots   int64 // robots.txt
	Beacons  int64 // /collect
	NotFound int64
}

// Total is the number of requests.
func (r Requests) Total() int64 {
	return r.Pages + r.Assets + r.API + r.Robots + r.Beacons + r.NotFound
}

// Sub returns r - o.
func (r Requests) Sub(o Requests) Requests {
	return Requests{
		Pages: r.Pages - o.Pages, Assets: r.Assets - o.Assets, API: r.API - o.API,
		Robots: r.Robots - o.Robots, Beacons: r.Beacons - o.Beacons, NotFound: r.NotFound - o.NotFound,
	}
}

// Handler serves a Corpus over HTTP. It is safe for concurrent use.
type Handler struct {
	c       *Corpus
	latency bool

	mu    sync.Mutex
	cache map[string]*entry // generated bodies, by path

	pages, assets, api, robots, beacons, notFound atomic.Int64
}

type entry struct {
	once sync.Once
	body []byte
	err  error
}

// NewHandler returns a Handler for c. With latency false it answers at once (for tests).
func NewHandler(c *Corpus, latency bool) *Handler {
	return &Handler{c: c, latency: latency, cache: map[string]*entry{}}
}

// Requests returns the counts so far.
func (h *Handler) Requests() Requests {
	return Requests{
		Pages: h.pages.Load(), Assets: h.assets.Load(), API: h.api.Load(),
		Robots: h.robots.Load(), Beacons: h.beacons.Load(), NotFound: h.notFound.Load(),
	}
}

// ServeHTTP answers after the path's latency.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.latency {
		t := time.NewTimer(Latency(r.URL.Path))
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		h.robots.Add(1)
		h.send(w, "text/plain; charset=utf-8", "", []byte("User-agent: *\nAllow: /\n"))
	case p == "/collect":
		h.beacons.Add(1)
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(p, "/articles/"):
		pg, ok := h.c.page(p)
		if !ok {
			h.notFoundPage(w)
			return
		}
		h.pages.Add(1)
		body, _ := h.cached(p, func() ([]byte, error) { return pg.HTML(len(h.c.Pages)), nil })
		h.send(w, "text/html; charset=utf-8", "max-age=60", body)
	case strings.HasPrefix(p, "/api/related/"):
		i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/api/related/"), ".json"))
		if err != nil || i < 0 || i >= len(h.c.Pages) {
			h.notFoundPage(w)
			return
		}
		h.api.Add(1)
		h.send(w, "application/json", "no-store", h.c.Pages[i].RelatedJSON(len(h.c.Pages)))
	default:
		h.asset(w, p)
	}
}

// asset serves /static/ and /img/ files.
func (h *Handler) asset(w http.ResponseWriter, p string) {
	var typ string
	var gen func() ([]byte, error)
	switch {
	case p == "/static/site.css":
		typ, gen = "text/css", func() ([]byte, error) { return siteCSS(), nil }
	case strings.HasPrefix(p, "/static/theme-") && strings.HasSuffix(p, ".css"):
		k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/static/theme-"), ".css"))
		if err == nil && k >= 0 && k < themes {
			typ, gen = "text/css", func() ([]byte, error) { return themeCSS(k), nil }
		}
	case p == "/static/analytics.js":
		typ, gen = "text/javascript", func() ([]byte, error) { return []byte(analyticsJS), nil }
	case p == "/static/widgets.js":
		typ, gen = "text/javascript", func() ([]byte, error) { return []byte(widgetsJS), nil }
	case p == "/static/related.js":
		typ, gen = "text/javascript", func() ([]byte, error) { return []byte(relatedJS), nil }
	case p == "/static/consent.js":
		typ, gen = "text/javascript", func() ([]byte, error) { return []byte(consentJS), nil }
	case p == "/static/logo.png":
		typ, gen = "image/png", logo
	case strings.HasPrefix(p, "/img/") && strings.HasSuffix(p, ".jpg"):
		i, k, ok := imageIndex(strings.TrimSuffix(strings.TrimPrefix(p, "/img/"), ".jpg"))
		if ok && i < len(h.c.Pages) && k < h.c.Pages[i].Images {
			seed := h.c.Pages[i].seed*16 + uint64(k)
			typ, gen = "image/jpeg", func() ([]byte, error) { return photo(seed, 640, 360) }
		}
	}
	if gen == nil {
		h.notFoundPage(w)
		return
	}
	body, err := h.cached(p, gen)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h.assets.Add(1)
	h.send(w, typ, "public, max-age=86400", body)
}

func (h *Handler) cached(key string, gen func() ([]byte, error)) ([]byte, error) {
	h.mu.Lock()
	e, ok := h.cache[key]
	if !ok {
		e = &entry{}
		h.cache[key] = e
	}
	h.mu.Unlock()
	e.once.Do(func() { e.body, e.err = gen() })
	return e.body, e.err
}

func (h *Handler) send(w http.ResponseWriter, typ, cacheControl string, body []byte) {
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if cacheControl != "" {
		w.Header().Set("Cache-Control", cacheControl)
	}
	w.Write(body) // a failed write is the client's going away
}

func (h *Handler) notFoundPage(w http.ResponseWriter) {
	h.notFound.Add(1)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write([]byte("<!doctype html><title>Not found</title><h1>Not found</h1>\n"))
}

// imageIndex parses "0042-1" (page 42, image 1).
func imageIndex(name string) (page, k int, ok bool) {
	a, b, found := strings.Cut(name, "-")
	if !found {
		return 0, 0, false
	}
	page, err1 := strconv.Atoi(a)
	k, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || page < 0 || k < 0 {
		return 0, 0, false
	}
	return page, k, true
}

// Serve serves h on a fresh 127.0.0.1 port until stop is called; base is
// http://127.0.0.1:PORT.
func Serve(h http.Handler) (base string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("corpus: listening: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln) // returns ErrServerClosed on Close
	}()
	return "http://" + ln.Addr().String(), func() {
		srv.Close()
		<-done
	}, nil
}
