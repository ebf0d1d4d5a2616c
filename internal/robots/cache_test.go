package robots

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
)

// response is what fakeGetter answers for one URL.
type response struct {
	status int
	body   string
	err    error
}

// fakeGetter answers from a table and counts calls per URL.
type fakeGetter struct {
	responses map[string]response
	// gate, when not nil, holds every Get until it is closed or ctx ends.
	gate chan struct{}
	// entered, when not nil, receives one value per Get that started.
	entered chan struct{}

	mu    sync.Mutex
	calls map[string]int
}

func (g *fakeGetter) Get(ctx context.Context, url string) (int, []byte, error) {
	g.mu.Lock()
	if g.calls == nil {
		g.calls = make(map[string]int)
	}
	g.calls[url]++
	g.mu.Unlock()
	if g.entered != nil {
		g.entered <- struct{}{}
	}
	if g.gate != nil {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return 0, nil, ctx.Err()
		}
	}
	r, ok := g.responses[url]
	if !ok {
		return 404, []byte("not found"), nil
	}
	return r.status, []byte(r.body), r.err
}

func (g *fakeGetter) count(url string) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.calls[url]
}

const siteRobots = "User-agent: *\nDisallow: /private\n\nUser-agent: ahrefsbot\nDisallow: /\n"

func TestCacheCheckOutcomes(t *testing.T) {
	errRefused := errors.New("dial tcp: connection refused")
	g := &fakeGetter{responses: map[string]response{
		"https://ok.example/robots.txt":       {status: 200, body: siteRobots},
		"https://empty.example/robots.txt":    {status: 204},
		"https://missing.example/robots.txt":  {status: 404, body: "User-agent: *\nDisallow: /"},
		"https://gone.example/robots.txt":     {status: 410},
		"https://auth.example/robots.txt":     {status: 401},
		"https://forbid.example/robots.txt":   {status: 403, body: "User-agent: *\nDisallow: /"},
		"https://limited.example/robots.txt":  {status: 429},
		"https://loop.example/robots.txt":     {status: 301},
		"https://broken.example/robots.txt":   {status: 500, body: "User-agent: *\nAllow: /"},
		"https://busy.example/robots.txt":     {status: 503},
		"https://down.example/robots.txt":     {err: errRefused},
		"https://down200.example/robots.txt":  {status: 200, err: errRefused},
		"https://weird.example/robots.txt":    {status: 999},
		"http://port.example:8080/robots.txt": {status: 200, body: "User-agent: *\nDisallow: /x\n"},
	}}
	tests := []struct {
		name, pageURL, token string
		want                 Decision
		str                  string
	}{
		{"2xx parsed, allowed", "https://ok.example/blog/post", "googlebot",
			Decision{Allowed: true, Status: 200, RobotsURL: "https://ok.example/robots.txt"}, "allowed"},
		{"2xx parsed, disallowed by * group", "https://ok.example/private/x?y=1", "googlebot",
			Decision{Status: 200, RobotsURL: "https://ok.example/robots.txt", Rule: "Disallow: /private"}, "disallowed"},
		{"2xx parsed, crawler group", "https://ok.example/blog/post", "AhrefsBot",
			Decision{Status: 200, RobotsURL: "https://ok.example/robots.txt", Rule: "Disallow: /"}, "disallowed"},
		{"2xx empty body allows all", "https://empty.example/x", "googlebot",
			Decision{Allowed: true, Status: 204, RobotsURL: "https://empty.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.3 404 allows all, body ignored", "https://missing.example/x", "googlebot",
			Decision{Allowed: true, Status: 404, RobotsURL: "https://missing.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.3 410 allows all", "https://gone.example/x", "googlebot",
			Decision{Allowed: true, Status: 410, RobotsURL: "https://gone.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.3 401 allows all", "https://auth.example/x", "googlebot",
			Decision{Allowed: true, Status: 401, RobotsURL: "https://auth.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.3 403 allows all", "https://forbid.example/x", "googlebot",
			Decision{Allowed: true, Status: 403, RobotsURL: "https://forbid.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.3 429 is a 4xx", "https://limited.example/x", "googlebot",
			Decision{Allowed: true, Status: 429, RobotsURL: "https://limited.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.2 redirects not resolved allow all", "https://loop.example/x", "googlebot",
			Decision{Allowed: true, Status: 301, RobotsURL: "https://loop.example/robots.txt"}, "allowed"},
		{"RFC9309 §2.3.1.4 500 disallows all, body ignored", "https://broken.example/x", "googlebot",
			Decision{Unavailable: true, Status: 500, RobotsURL: "https://broken.example/robots.txt"}, "unavailable"},
		{"RFC9309 §2.3.1.4 503 disallows all", "https://busy.example/x", "googlebot",
			Decision{Unavailable: true, Status: 503, RobotsURL: "https://busy.example/robots.txt"}, "unavailable"},
		{"RFC9309 §2.3.1.4 unreachable disallows all", "https://down.example/x", "googlebot",
			Decision{Unavailable: true, Status: 0, RobotsURL: "https://down.example/robots.txt"}, "unavailable"},
		{"an error wins over a status", "https://down200.example/x", "googlebot",
			Decision{Unavailable: true, Status: 0, RobotsURL: "https://down200.example/robots.txt"}, "unavailable"},
		{"an impossible status is unreachable", "https://weird.example/x", "googlebot",
			Decision{Unavailable: true, Status: 999, RobotsURL: "https://weird.example/robots.txt"}, "unavailable"},
		{"origin keeps a non-default port", "http://port.example:8080/x", "googlebot",
			Decision{Status: 200, RobotsURL: "http://port.example:8080/robots.txt", Rule: "Disallow: /x"}, "disallowed"},
		{"origin is lower-cased, default port and fragment dropped", "HTTPS://OK.Example:443/private#frag", "googlebot",
			Decision{Status: 200, RobotsURL: "https://ok.example/robots.txt", Rule: "Disallow: /private"}, "disallowed"},
		{"/robots.txt is allowed even when unparsed rules say no", "https://ok.example/robots.txt", "ahrefsbot",
			Decision{Allowed: true, Status: 200, RobotsURL: "https://ok.example/robots.txt"}, "allowed"},
		{"a page with an empty path checks /", "https://ok.example", "ahrefsbot",
			Decision{Status: 200, RobotsURL: "https://ok.example/robots.txt", Rule: "Disallow: /"}, "disallowed"},
	}
	c := NewCache(g)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Check(t.Context(), tt.pageURL, tt.token)
			if err != nil {
				t.Fatalf("Check(%q): %v", tt.pageURL, err)
			}
			if got != tt.want {
				t.Errorf("Check(%q, %q) = %+v; want %+v", tt.pageURL, tt.token, got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("String() = %q; want %q", got.String(), tt.str)
			}
		})
	}
	// Every origin was fetched once, failures included.
	for url := range g.responses {
		if n := g.count(url); n != 1 {
			t.Errorf("%s fetched %d times; want 1", url, n)
		}
	}
}

func TestCacheCheckBadURL(t *testing.T) {
	g := &fakeGetter{}
	c := NewCache(g)
	for _, u := range []string{"", "/relative/path", "example.com/x", "ftp://example.com/x", "http://", "mailto:a@example.com", "http://%zz/", "http://[::1", "https://:443/"} {
		if d, err := c.Check(t.Context(), u, "googlebot"); err == nil {
			t.Errorf("Check(%q) = %+v, nil; want an error", u, d)
		}
		if _, err := c.File(t.Context(), u); err == nil {
			t.Errorf("File(%q): want an error", u)
		}
	}
	if len(g.calls) != 0 {
		t.Errorf("bad URLs caused fetches: %v", g.calls)
	}
}

func TestCacheRobotsURL(t *testing.T) {
	tests := []struct{ page, want string }{
		{"https://example.com/a/b?c=d", "https://example.com/robots.txt"},
		{"http://example.com:80/", "http://example.com/robots.txt"},
		{"https://example.com:80/", "https://example.com:80/robots.txt"},
		{"http://example.com:443/", "http://example.com:443/robots.txt"},
		{"http://[::1]:8080/x", "http://[::1]:8080/robots.txt"},
		{"http://[::1]/x", "http://[::1]/robots.txt"},
		{"http://user:pw@Example.com/x", "http://example.com/robots.txt"},
	}
	for _, tt := range tests {
		g := &fakeGetter{}
		f, err := NewCache(g).File(t.Context(), tt.page)
		if err != nil {
			t.Fatalf("File(%q): %v", tt.page, err)
		}
		if f.URL != tt.want || g.count(tt.want) != 1 {
			t.Errorf("File(%q).URL = %q (fetched %d times); want %q fetched once", tt.page, f.URL, g.count(tt.want), tt.want)
		}
	}
}

func TestCacheFetchesOncePerOrigin(t *testing.T) {
	const robotsURL = "https://one.example/robots.txt"
	g := &fakeGetter{
		responses: map[string]response{robotsURL: {status: 200, body: siteRobots}},
		gate:      make(chan struct{}),
		entered:   make(chan struct{}, 100),
	}
	c := NewCache(g)
	const n = 50
	type result struct {
		d   Decision
		err error
	}
	results := make(chan result, n)
	for i := range n {
		go func() {
			path := "/public"
			if i%2 == 1 {
				path = "/private/page"
			}
			d, err := c.Check(t.Context(), "https://one.example"+path, "googlebot")
			results <- result{d, err}
		}()
	}
	<-g.entered // one fetch is under way; let it finish
	close(g.gate)
	allowed := 0
	for range n {
		r := <-results
		if r.err != nil {
			t.Fatalf("Check: %v", r.err)
		}
		if r.d.Allowed {
			allowed++
		}
	}
	if allowed != n/2 {
		t.Errorf("%d of %d checks allowed; want %d", allowed, n, n/2)
	}
	if got := g.count(robotsURL); got != 1 {
		t.Errorf("robots.txt fetched %d times for %d concurrent checks; want 1", got, n)
	}
	// Another origin is a separate fetch.
	if _, err := c.Check(t.Context(), "https://two.example/x", "googlebot"); err != nil {
		t.Fatal(err)
	}
	if got := g.count("https://two.example/robots.txt"); got != 1 {
		t.Errorf("second origin fetched %d times; want 1", got)
	}
}

func TestCacheContextCanceled(t *testing.T) {
	const robotsURL = "https://slow.example/robots.txt"
	g := &fakeGetter{
		responses: map[string]response{robotsURL: {status: 200, body: siteRobots}},
		gate:      make(chan struct{}),
		entered:   make(chan struct{}, 10),
	}
	c := NewCache(g)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := c.Check(ctx, "https://slow.example/x", "googlebot")
		done <- err
	}()
	<-g.entered
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Check with a canceled ctx: err = %v; want context.Canceled", err)
	}
	// The canceled fetch is not cached: the next caller fetches again.
	close(g.gate)
	d, err := c.Check(t.Context(), "https://slow.example/private", "googlebot")
	if err != nil {
		t.Fatal(err)
	}
	if d.Allowed || d.Unavailable || d.Rule != "Disallow: /private" {
		t.Errorf("Check after a canceled fetch = %+v; want disallowed by /private", d)
	}
	if got := g.count(robotsURL); got != 2 {
		t.Errorf("fetched %d times; want 2 (canceled, then real)", got)
	}
}

func TestCacheWaiterOutlivesCanceledLeader(t *testing.T) {
	const robotsURL = "https://shared.example/robots.txt"
	g := &fakeGetter{
		responses: map[string]response{robotsURL: {status: 200, body: siteRobots}},
		gate:      make(chan struct{}),
		entered:   make(chan struct{}, 10),
	}
	c := NewCache(g)
	leaderCtx, cancel := context.WithCancel(t.Context())
	leader := make(chan error, 1)
	go func() {
		_, err := c.Check(leaderCtx, "https://shared.example/x", "googlebot")
		leader <- err
	}()
	<-g.entered
	waiter := make(chan error, 1)
	var got Decision
	go func() {
		d, err := c.Check(t.Context(), "https://shared.example/private", "googlebot")
		got = d
		waiter <- err
	}()
	cancel()
	if err := <-leader; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: err = %v; want context.Canceled", err)
	}
	<-g.entered // the waiter fetches again under its own ctx
	close(g.gate)
	if err := <-waiter; err != nil {
		t.Fatalf("waiter: %v", err)
	}
	if got.Allowed || got.Rule != "Disallow: /private" {
		t.Errorf("waiter got %+v; want disallowed by /private", got)
	}
}

func TestCacheFile(t *testing.T) {
	g := &fakeGetter{responses: map[string]response{
		"https://a.example/robots.txt": {status: 200, body: siteRobots},
		"https://b.example/robots.txt": {err: errors.New("lookup b.example: no such host")},
	}}
	c := NewCache(g)
	f, err := c.File(t.Context(), "https://a.example/deep/page")
	if err != nil {
		t.Fatal(err)
	}
	if f.URL != "https://a.example/robots.txt" || f.Status != 200 || string(f.Body) != siteRobots || f.Err != "" {
		t.Errorf("File = %+v", f)
	}
	f.Body[0] = 'X' // the caller's copy
	again, err := c.File(t.Context(), "https://a.example/")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Body, []byte(siteRobots)) {
		t.Errorf("changing a returned body changed the cache: %q", again.Body)
	}
	fb, err := c.File(t.Context(), "https://b.example/")
	if err != nil {
		t.Fatal(err)
	}
	if fb.Status != 0 || fb.Err != "lookup b.example: no such host" || fb.Body != nil {
		t.Errorf("File for an unreachable origin = %+v", fb)
	}
	if n := g.count("https://a.example/robots.txt"); n != 1 {
		t.Errorf("fetched %d times; want 1", n)
	}
}

func TestDecisionJSON(t *testing.T) {
	d := Decision{Allowed: false, Unavailable: true, Status: 503, RobotsURL: "https://x.example/robots.txt"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"allowed":false,"unavailable":true,"status":503,"robots_url":"https://x.example/robots.txt"}`
	if string(b) != want {
		t.Errorf("JSON = %s; want %s", b, want)
	}
	if (Decision{Allowed: true, Rule: "Allow: /"}).String() != "allowed" || (Decision{}).String() != "disallowed" {
		t.Errorf("String() of allowed / zero Decision wrong")
	}
}
