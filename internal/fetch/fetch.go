package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Fetch gets req.URL, following redirects (and meta refreshes when asked),
// retrying 5xx and 429 answers. It returns a non-nil error, always an
// [*Error], only when no HTTP response was obtained: an invalid URL, a DNS,
// connection, TLS or timeout failure, a redirect loop or more than 10 hops,
// or ctx ending. Any HTTP status, including 4xx and 5xx, is a Response.
//
// Each call has its own cookie jar, so cookies set along a redirect chain
// are sent on its later hops and nowhere else.
func (c *Client) Fetch(ctx context.Context, req Request) (*Response, error) {
	start := time.Now()
	u, err := parseStartURL(req.URL)
	if err != nil {
		return nil, &Error{Kind: KindInvalidURL, URL: req.URL, Err: err}
	}
	if err := ctx.Err(); err != nil {
		return nil, newError(ctx, req.URL, err)
	}
	jar, err := cookiejar.New(&cookiejar.Options{PublicSuffixList: publicsuffix.List})
	if err != nil {
		return nil, &Error{Kind: KindNetwork, URL: req.URL, Err: err}
	}
	hc := &http.Client{
		Transport: c.transport,
		Jar:       jar,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // hops are followed and recorded by Fetch
		},
	}
	userAgent := req.UserAgent
	if userAgent == "" {
		userAgent = DefaultUserAgent
	}

	hops := []Hop{}
	seen := make(map[string]bool)
	for {
		// The same URL with the same cookies again is a loop. A site that
		// sets a cookie and redirects to the same URL is not.
		key := visitKey(jar, u)
		if seen[key] {
			return nil, &Error{Kind: KindRedirectLoop, URL: u.String(), Err: errRedirectLoop}
		}
		seen[key] = true

		p, err := c.get(ctx, hc, u, userAgent)
		if err != nil {
			return nil, err
		}
		if p.next != nil {
			if len(hops) >= maxHops {
				return nil, &Error{Kind: KindTooManyRedirects, URL: p.next.String(), Err: errTooManyRedirects}
			}
			hops = append(hops, Hop{URL: u.String(), Status: p.status})
			u = p.next
			continue
		}

		resp := newResponse(req.URL, u, p)
		if req.FollowMetaRefresh && resp.IsHTML() {
			if next := metaRefresh(resp.Body, u); next != nil {
				if len(hops) >= maxHops {
					return nil, &Error{Kind: KindTooManyRedirects, URL: next.String(), Err: errTooManyRedirects}
				}
				hops = append(hops, Hop{URL: u.String(), Status: p.status, Kind: HopMetaRefresh})
				u = next
				continue
			}
		}
		resp.Redirects = hops
		resp.Duration = time.Since(start)
		return resp, nil
	}
}

// parseStartURL accepts only absolute http(s) URLs with a host.
func parseStartURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if !isHTTPURL(u) {
		return nil, errors.New("not an absolute http(s) URL")
	}
	return u, nil
}

// isHTTPURL reports whether u is an absolute http(s) URL with a host.
func isHTTPURL(u *url.URL) bool {
	s := strings.ToLower(u.Scheme)
	return (s == "http" || s == "https") && u.Hostname() != ""
}

// visitKey identifies a request for loop detection: the URL without its
// fragment and the cookies that go with it.
func visitKey(jar http.CookieJar, u *url.URL) string {
	var b strings.Builder
	b.WriteString(withoutFragment(u))
	for _, ck := range jar.Cookies(u) {
		b.WriteString("\x00")
		b.WriteString(ck.String())
	}
	return b.String()
}

// redirectTarget returns where a response redirects to, or nil when it is
// final: not a 301, 302, 303, 307 or 308, no usable Location, or a Location
// that is not http(s).
func redirectTarget(from *url.URL, resp *http.Response) *url.URL {
	switch resp.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
	default:
		return nil
	}
	loc := strings.TrimSpace(resp.Header.Get("Location"))
	if loc == "" {
		return nil
	}
	u, err := from.Parse(loc)
	if err != nil || !isHTTPURL(u) {
		return nil
	}
	return u
}

// newResponse builds the Response for page p, the final answer from u.
func newResponse(requestURL string, u *url.URL, p *page) *Response {
	ct := p.header.Get("Content-Type")
	r := &Response{
		RequestURL:  requestURL,
		FinalURL:    u.String(),
		Status:      p.status,
		Header:      p.header,
		ContentType: mediaType(ct),
		Raw:         p.raw,
		Body:        p.raw,
		Bytes:       len(p.raw),
		Truncated:   p.truncated,
		Attempts:    p.attempts,
	}
	if isText(r.ContentType, r.Raw) {
		r.Body, r.Charset = decodeText(r.Raw, ct)
	}
	return r
}
