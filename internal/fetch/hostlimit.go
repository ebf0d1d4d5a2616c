package fetch

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"
	"golang.org/x/time/rate"
)

// hostLimits holds the politeness state of every host a Client has talked
// to. Entries are never evicted: one per distinct host name, a few hundred
// bytes each.
type hostLimits struct {
	conns    int64
	interval time.Duration

	mu    sync.Mutex
	hosts map[string]*hostLimit
}

// hostLimit bounds the requests to one host.
type hostLimit struct {
	inFlight *semaphore.Weighted
	starts   *rate.Limiter // nil when there is no minimum interval
}

func newHostLimits(conns int, interval time.Duration) *hostLimits {
	return &hostLimits{
		conns:    int64(conns),
		interval: interval,
		hosts:    make(map[string]*hostLimit),
	}
}

func (h *hostLimits) get(host string) *hostLimit {
	host = strings.ToLower(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	l, ok := h.hosts[host]
	if !ok {
		l = &hostLimit{inFlight: semaphore.NewWeighted(h.conns)}
		if h.interval > 0 {
			l.starts = rate.NewLimiter(rate.Every(h.interval), 1)
		}
		h.hosts[host] = l
	}
	return l
}

// acquire waits for a request slot to host and returns the function that
// gives it back. It fails when ctx ends first, or when ctx's deadline comes
// before the host's next allowed start.
func (h *hostLimits) acquire(ctx context.Context, host string) (release func(), err error) {
	l := h.get(host)
	if err := l.inFlight.Acquire(ctx, 1); err != nil {
		return nil, fmt.Errorf("waiting for a connection slot to %s: %w", host, err)
	}
	if l.starts != nil {
		if err := l.starts.Wait(ctx); err != nil {
			l.inFlight.Release(1)
			if ctx.Err() == nil {
				// The limiter refuses waits that would pass the deadline.
				err = fmt.Errorf("%w (%v)", context.DeadlineExceeded, err)
			}
			return nil, fmt.Errorf("waiting for the request interval to %s: %w", host, err)
		}
	}
	return func() { l.inFlight.Release(1) }, nil
}
