package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// testClient returns a Client with short waits, plus opts.
func testClient(opts ...Option) *Client {
	base := []Option{WithBackoff(time.Millisecond, 20*time.Millisecond), WithTimeout(5 * time.Second)}
	return New(append(base, opts...)...)
}

// mustFetch fetches req and fails the test on error.
func mustFetch(t testing.TB, c *Client, req Request) *Response {
	t.Helper()
	resp, err := c.Fetch(context.Background(), req)
	if err != nil {
		t.Fatalf("Fetch(%q): %v", req.URL, err)
	}
	if resp == nil {
		t.Fatalf("Fetch(%q): nil response and nil error", req.URL)
	}
	return resp
}

// fetchError fetches req under ctx and returns the *Error it must fail with.
func fetchError(t *testing.T, ctx context.Context, c *Client, req Request) *Error {
	t.Helper()
	resp, err := c.Fetch(ctx, req)
	if err == nil {
		t.Fatalf("Fetch(%q) = status %d, want an error", req.URL, resp.Status)
	}
	if resp != nil {
		t.Errorf("Fetch(%q) returned a response with the error %v", req.URL, err)
	}
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("Fetch(%q) error %T %v, want *Error", req.URL, err, err)
	}
	return fe
}

// pause blocks for d or until ctx ends (for handlers that simulate work).
func pause(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// route is a canned answer of routeServer.
type route struct {
	status   int
	location string
	body     string
	header   map[string]string
}

// routeServer serves routes keyed by request URI; unknown URIs get 404.
func routeServer(t *testing.T, routes map[string]route) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, ok := routes[r.URL.RequestURI()]
		if !ok {
			http.NotFound(w, r)
			return
		}
		for k, v := range rt.header {
			w.Header().Set(k, v)
		}
		if rt.location != "" {
			w.Header().Set("Location", rt.location)
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.WriteHeader(rt.status)
		_, _ = w.Write([]byte(rt.body))
	}))
	t.Cleanup(srv.Close)
	return srv
}
