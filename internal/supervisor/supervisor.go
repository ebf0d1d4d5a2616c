// Package supervisor keeps one headless browser running for a whole run: when Chrome dies
// (crash, OOM kill), the next Open starts a new one and the run goes on.
package supervisor

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/linkproof/linkproof/render"
)

// Supervisor owns the current browser. It is safe for concurrent use.
type Supervisor struct {
	opts []render.Option

	mu       sync.Mutex
	b        *render.Browser
	restarts int
	closed   bool
}

// Start starts the first browser.
func Start(ctx context.Context, opts ...render.Option) (*Supervisor, error) {
	b, err := render.New(ctx, opts...)
	if err != nil {
		return nil, err
	}
	return &Supervisor{opts: opts, b: b}, nil
}

// Open opens url in the current browser; when the browser is gone it starts a new one and
// tries once more.
func (s *Supervisor) Open(ctx context.Context, url string, opts ...render.PageOption) (*render.Page, error) {
	b, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	p, err := b.Open(ctx, url, opts...)
	if err == nil || !errors.Is(err, render.ErrBrowserGone) || ctx.Err() != nil {
		return p, err
	}
	b, rerr := s.restart(ctx, b)
	if rerr != nil {
		return nil, fmt.Errorf("%w; restart failed: %w", err, rerr)
	}
	return b.Open(ctx, url, opts...)
}

func (s *Supervisor) current(ctx context.Context) (*render.Browser, error) {
	s.mu.Lock()
	b := s.b
	s.mu.Unlock()
	if b != nil && b.Alive() {
		return b, nil
	}
	return s.restart(ctx, b)
}

// restart replaces dead with a new browser, unless another caller already did.
func (s *Supervisor) restart(ctx context.Context, dead *render.Browser) (*render.Browser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("supervisor closed: %w", render.ErrBrowserGone)
	}
	if s.b != dead && s.b != nil && s.b.Alive() {
		return s.b, nil
	}
	if s.b != nil {
		s.b.Close()
	}
	b, err := render.New(ctx, s.opts...)
	if err != nil {
		s.b = nil
		return nil, err
	}
	s.b = b
	s.restarts++
	return b, nil
}

// Restarts reports how many times the browser was restarted.
func (s *Supervisor) Restarts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.restarts
}

// Browser returns the current browser (nil after Close).
func (s *Supervisor) Browser() *render.Browser {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b
}

// Version returns the browser version.
func (s *Supervisor) Version() string {
	if b := s.Browser(); b != nil {
		return b.Version()
	}
	return ""
}

// UserAgent returns the browser's user agent.
func (s *Supervisor) UserAgent() string {
	if b := s.Browser(); b != nil {
		return b.UserAgent()
	}
	return ""
}

// Close stops the browser.
func (s *Supervisor) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	if s.b == nil {
		return nil
	}
	err := s.b.Close()
	s.b = nil
	return err
}
