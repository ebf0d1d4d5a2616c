package robots

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/singleflight"
)

// Getter fetches robots.txt. The caller adapts its HTTP client to it; the
// client follows redirects (RFC 9309 §2.3.1.2 allows five) and Get returns
// the final status and body. err is non-nil only when no HTTP response
// arrived (DNS, refused, TLS, timeout ...).
type Getter interface {
	Get(ctx context.Context, url string) (status int, body []byte, err error)
}

// File is what was fetched for one origin's robots.txt, for the evidence
// bundle.
type File struct {
	// URL is the robots.txt URL, scheme://host[:port]/robots.txt.
	URL string
	// Status is the final HTTP status, 0 when no response arrived.
	Status int
	// Body is the body as received (not capped; Parse reads MaxBytes of it).
	Body []byte
	// Err describes why no response arrived; empty otherwise.
	Err string
}

// Cache fetches each origin's robots.txt once per run and answers Check from
// it. It is safe for concurrent use; concurrent callers for the same origin
// share one fetch. The zero value is not usable: call NewCache.
type Cache struct {
	getter Getter
	flight singleflight.Group

	mu   sync.Mutex
	done map[string]*entry // by robots.txt URL
}

// entry is one fetched and parsed robots.txt.
type entry struct {
	file    File
	outcome outcome
	rules   *Rules
}

// NewCache returns an empty Cache that fetches through g.
func NewCache(g Getter) *Cache {
	return &Cache{getter: g, done: make(map[string]*entry)}
}

// Check reports whether the crawler with the given product token (e.g.
// "googlebot") may fetch pageURL, fetching the origin's robots.txt on first
// use. A failed fetch is a Decision (Unavailable), not an error: the error is
// only for a pageURL that is not an absolute http(s) URL, or ctx ending
// before the answer is known.
func (c *Cache) Check(ctx context.Context, pageURL, token string) (Decision, error) {
	u, robotsURL, err := robotsURLOf(pageURL)
	if err != nil {
		return Decision{}, err
	}
	e, err := c.entry(ctx, robotsURL)
	if err != nil {
		return Decision{}, err
	}
	d := Decision{Status: e.file.Status, RobotsURL: robotsURL}
	switch e.outcome {
	case parseBody:
		d.Allowed, d.Rule = e.rules.Allowed(token, u.RequestURI())
	case allowAll:
		d.Allowed = true
	case unreachable:
		d.Unavailable = true
	}
	return d, nil
}

// File returns what was fetched for the origin of pageURL, fetching it on
// first use. Body is a copy the caller may keep.
func (c *Cache) File(ctx context.Context, pageURL string) (File, error) {
	_, robotsURL, err := robotsURLOf(pageURL)
	if err != nil {
		return File{}, err
	}
	e, err := c.entry(ctx, robotsURL)
	if err != nil {
		return File{}, err
	}
	f := e.file
	f.Body = slices.Clone(f.Body)
	return f, nil
}

// errLeaderCanceled tells waiters that the caller running the shared fetch
// went away before it finished; they fetch again under their own ctx.
var errLeaderCanceled = errors.New("robots: shared fetch canceled")

// entry returns the cached entry for robotsURL, fetching it once.
func (c *Cache) entry(ctx context.Context, robotsURL string) (*entry, error) {
	for {
		if e := c.lookup(robotsURL); e != nil {
			return e, nil
		}
		ch := c.flight.DoChan(robotsURL, func() (any, error) {
			return c.fetch(ctx, robotsURL)
		})
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("robots: fetching %s: %w", robotsURL, ctx.Err())
		case res := <-ch:
			if res.Err == nil {
				return res.Val.(*entry), nil
			}
			// The fetch was cut short by its leader's ctx, which was ours
			// or someone else's.
			if ctx.Err() != nil {
				return nil, fmt.Errorf("robots: fetching %s: %w", robotsURL, ctx.Err())
			}
		}
	}
}

func (c *Cache) lookup(robotsURL string) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.done[robotsURL]
}

// fetch runs inside the singleflight call for robotsURL. An outcome caused by
// ctx ending is not cached: it says nothing about the site.
func (c *Cache) fetch(ctx context.Context, robotsURL string) (*entry, error) {
	if e := c.lookup(robotsURL); e != nil {
		return e, nil // finished between our lookup and DoChan
	}
	status, body, err := c.getter.Get(ctx, robotsURL)
	if err != nil && ctx.Err() != nil {
		return nil, errLeaderCanceled
	}
	e := &entry{file: File{URL: robotsURL, Status: status, Body: body}}
	if err != nil {
		e.file.Status, e.file.Body, e.file.Err = 0, nil, err.Error()
	}
	e.outcome = outcomeOf(e.file.Status, e.file.Err)
	if e.outcome == parseBody {
		e.rules = Parse(body)
	}
	c.mu.Lock()
	c.done[robotsURL] = e
	c.mu.Unlock()
	return e, nil
}

// robotsURLOf parses pageURL and returns it with the URL of its origin's
// robots.txt: scheme and host lower-cased, default port dropped.
func robotsURLOf(pageURL string) (*url.URL, string, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, "", fmt.Errorf("robots: bad page URL: %w", err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" || u.Host == "" {
		return nil, "", fmt.Errorf("robots: page URL %q is not an absolute http(s) URL", pageURL)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return nil, "", fmt.Errorf("robots: page URL %q has no host", pageURL)
	}
	port := u.Port()
	if port == "" || scheme == "http" && port == "80" || scheme == "https" && port == "443" {
		if strings.Contains(host, ":") {
			host = "[" + host + "]" // IPv6 literal
		}
	} else {
		host = net.JoinHostPort(host, port)
	}
	return u, scheme + "://" + host + "/robots.txt", nil
}
