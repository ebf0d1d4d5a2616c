package fetch

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Request headers sent on every attempt.
const (
	acceptHeader         = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
	acceptLanguageHeader = "en-US,en;q=0.9"
	acceptEncodingHeader = "gzip, deflate"
)

// page is the outcome of requesting one URL.
type page struct {
	status    int
	header    http.Header
	next      *url.URL // redirect to follow; the body was not kept
	raw       []byte
	truncated bool
	attempts  int
}

// retryable reports whether a status is worth another attempt.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500 && status <= 599
}

// get requests u, retrying 5xx and 429 answers up to c.retries times and a
// network error (not DNS, refused, TLS or timeout) once. After the last
// attempt the 5xx or 429 answer is returned as it is.
func (c *Client) get(ctx context.Context, hc *http.Client, u *url.URL, userAgent string) (*page, error) {
	attempts := 1 + c.retries
	networkRetried := false
	for attempt := 1; ; attempt++ {
		last := attempt >= attempts
		p, err := c.attempt(ctx, hc, u, userAgent, !last)
		if err != nil {
			e := newError(ctx, u.String(), err)
			if e.Kind != KindNetwork || networkRetried || last {
				return nil, e
			}
			networkRetried = true
			if err := wait(ctx, c.backoff(attempt)); err != nil {
				return nil, newError(ctx, u.String(), err)
			}
			continue
		}
		p.attempts = attempt
		if last || !retryable(p.status) {
			return p, nil
		}
		d := c.backoff(attempt)
		if ra, ok := retryAfter(p.header.Get("Retry-After"), time.Now()); ok {
			d = min(ra, c.backoffMax)
		}
		if err := wait(ctx, d); err != nil {
			return nil, newError(ctx, u.String(), err)
		}
	}
}

// attempt makes one request to u within the host limits and the attempt
// timeout. The body is kept unless the answer is a redirect to follow, or a
// retryable status while mayRetry.
func (c *Client) attempt(ctx context.Context, hc *http.Client, u *url.URL, userAgent string, mayRetry bool) (*page, error) {
	release, err := c.hosts.acquire(ctx, u.Hostname())
	if err != nil {
		return nil, err
	}
	defer release()

	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	req.Header.Set("Accept", acceptHeader)
	req.Header.Set("Accept-Language", acceptLanguageHeader)
	req.Header.Set("Accept-Encoding", acceptEncodingHeader)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer drainClose(resp.Body)

	p := &page{status: resp.StatusCode, header: resp.Header}
	if mayRetry && retryable(resp.StatusCode) {
		return p, nil
	}
	if p.next = redirectTarget(u, resp); p.next != nil {
		return p, nil
	}
	p.raw, p.truncated, err = readBody(resp.Body, resp.Header.Get("Content-Encoding"), c.maxBody)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// backoff returns the wait before attempt+1: base doubled for each earlier
// attempt, capped at backoffMax, with "equal jitter" (between half and all
// of it).
func (c *Client) backoff(attempt int) time.Duration {
	d := c.backoffMax
	if shift := attempt - 1; shift < 32 {
		if b := c.backoffBase << shift; b > 0 && b>>shift == c.backoffBase && b < d {
			d = b
		}
	}
	if d <= 0 {
		return 0
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// retryAfter parses a Retry-After value: delta-seconds or an HTTP-date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseUint(v, 10, 63); err == nil {
		if secs > uint64(math.MaxInt64/int64(time.Second)) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// wait blocks for d or until ctx ends, whichever comes first.
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
