package fetch

import (
	"net"
	"net/http"
	"time"
)

// Defaults used by [New] when no option overrides them.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultMaxBody     = 20 << 20
	DefaultRetries     = 2
	DefaultBackoffBase = 500 * time.Millisecond
	DefaultBackoffMax  = 8 * time.Second
	DefaultHostConns   = 4
)

// DefaultUserAgent is sent when a [Request] has no UserAgent.
const DefaultUserAgent = "Mozilla/5.0 (compatible; linkproof)"

// maxHops is the most redirect hops (HTTP and meta refresh together) one
// fetch follows.
const maxHops = 10

// Client fetches pages. Its zero value is not usable: create one with [New].
// A Client is safe for concurrent use by multiple goroutines.
type Client struct {
	timeout     time.Duration
	maxBody     int64
	retries     int
	backoffBase time.Duration
	backoffMax  time.Duration
	transport   http.RoundTripper
	hostConns   int
	interval    time.Duration
	hosts       *hostLimits
}

// Option configures a [Client].
type Option func(*Client)

// New returns a Client configured by opts.
func New(opts ...Option) *Client {
	c := &Client{
		timeout:     DefaultTimeout,
		maxBody:     DefaultMaxBody,
		retries:     DefaultRetries,
		backoffBase: DefaultBackoffBase,
		backoffMax:  DefaultBackoffMax,
		hostConns:   DefaultHostConns,
	}
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	if c.transport == nil {
		c.transport = newTransport(c.hostConns)
	}
	c.hosts = newHostLimits(c.hostConns, c.interval)
	return c
}

// WithTimeout sets the time limit of one request attempt, from sending the
// request to the end of the body. Non-positive values keep the default (30s).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithMaxBody sets how many body bytes (after decompression) are kept; a
// longer body is cut and the Response is marked Truncated. Non-positive values
// keep the default (20 MiB).
func WithMaxBody(n int64) Option {
	return func(c *Client) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithRetries sets how many extra attempts are made when the server answers
// 5xx or 429 (default 2). Negative values mean 0.
func WithRetries(n int) Option {
	return func(c *Client) {
		c.retries = max(n, 0)
	}
}

// WithBackoff sets the exponential backoff between attempts: the first wait
// is about base, doubling each time, never more than maxWait. maxWait also
// caps a server's Retry-After. Defaults: 500ms and 8s.
func WithBackoff(base, maxWait time.Duration) Option {
	return func(c *Client) {
		c.backoffBase = max(base, 0)
		c.backoffMax = max(maxWait, c.backoffBase)
	}
}

// WithTransport replaces the HTTP transport (for tests). A nil rt keeps the
// default transport.
func WithTransport(rt http.RoundTripper) Option {
	return func(c *Client) {
		if rt != nil {
			c.transport = rt
		}
	}
}

// WithHostLimit sets per-host politeness: at most conns requests in flight to
// one host name, and at least interval between the starts of two requests to
// it. Defaults: 4 and 0. Non-positive conns keep the default; negative
// interval means 0.
func WithHostLimit(conns int, interval time.Duration) Option {
	return func(c *Client) {
		if conns > 0 {
			c.hostConns = conns
		}
		c.interval = max(interval, 0)
	}
}

// CloseIdleConnections closes the idle keep-alive connections of the
// Client's transport, when the transport supports it.
func (c *Client) CloseIdleConnections() {
	if t, ok := c.transport.(interface{ CloseIdleConnections() }); ok {
		t.CloseIdleConnections()
	}
}

// newTransport returns the default transport: the settings of
// http.DefaultTransport, without automatic decompression (the package asks
// for and decodes gzip and deflate itself).
func newTransport(hostConns int) *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    hostConns,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    10 * time.Second,
		ExpectContinueTimeout:  1 * time.Second,
		DisableCompression:     true,
		MaxResponseHeaderBytes: 1 << 20,
	}
}
