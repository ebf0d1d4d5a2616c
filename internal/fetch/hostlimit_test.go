package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHostLimitConcurrency(t *testing.T) {
	for _, limit := range []int{1, 2, 3} {
		var inFlight, peak atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			pause(r.Context(), 30*time.Millisecond)
		}))
		c := testClient(WithHostLimit(limit, 0))
		var wg sync.WaitGroup
		for range 4 * limit {
			wg.Go(func() {
				if _, err := c.Fetch(context.Background(), Request{URL: srv.URL}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		srv.Close()
		if p := int(peak.Load()); p > limit || p < min(limit, 2) {
			t.Errorf("limit %d: peak of %d requests in flight", limit, p)
		}
	}
}

func TestHostLimitInterval(t *testing.T) {
	const interval = 60 * time.Millisecond
	var mu sync.Mutex
	var starts []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		mu.Unlock()
	}))
	defer srv.Close()

	c := testClient(WithHostLimit(4, interval))
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.Fetch(context.Background(), Request{URL: srv.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	slices.SortFunc(starts, time.Time.Compare)
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < interval-10*time.Millisecond {
			t.Errorf("requests %d and %d started %v apart, want >= %v", i-1, i, gap, interval)
		}
	}
}

func TestHostLimitWaitHonoursContext(t *testing.T) {
	release := make(chan struct{})
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	c := testClient(WithHostLimit(1, 0))
	firstDone := make(chan error, 1)
	go func() {
		_, err := c.Fetch(context.Background(), Request{URL: srv.URL + "/first"})
		firstDone <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); requests.Load() == 0; { // the first request holds the slot
		if time.Now().After(deadline) {
			t.Fatal("the first request never reached the server")
		}
		pause(context.Background(), time.Millisecond)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	fe := fetchError(t, ctx, c, Request{URL: srv.URL + "/second"})
	if fe.Kind != KindTimeout {
		t.Errorf("kind %q (%v), want %q", fe.Kind, fe, KindTimeout)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("waiting for the slot took %v", elapsed)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
	release <- struct{}{}
	if err := <-firstDone; err != nil {
		t.Errorf("first fetch: %v", err)
	}
}

func TestHostLimitIntervalRespectsDeadline(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c := testClient(WithHostLimit(4, time.Hour))
	mustFetch(t, c, Request{URL: srv.URL}) // takes the only token for an hour

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	start := time.Now()
	fe := fetchError(t, ctx, c, Request{URL: srv.URL})
	if fe.Kind != KindTimeout {
		t.Errorf("kind %q (%v), want %q", fe.Kind, fe, KindTimeout)
	}
	if elapsed := time.Since(start); elapsed > 500*time.Millisecond {
		t.Errorf("a wait past the deadline should fail at once, took %v", elapsed)
	}
}
