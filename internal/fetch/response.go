package fetch

import (
	"net/http"
	"time"
)

// HopMetaRefresh is the Kind of a [Hop] made by <meta http-equiv=refresh>.
const HopMetaRefresh = "meta_refresh"

// Request describes one page to fetch.
type Request struct {
	// URL is the absolute http(s) URL of the page.
	URL string
	// UserAgent is sent as User-Agent; DefaultUserAgent when empty.
	UserAgent string
	// FollowMetaRefresh makes a <meta http-equiv=refresh> in the head of an
	// HTML page, with a delay of at most 30 seconds, count as a redirect hop.
	FollowMetaRefresh bool
}

// Response is the HTTP answer at the end of a fetch, whatever its status.
type Response struct {
	// RequestURL is Request.URL as given.
	RequestURL string
	// FinalURL is the URL of the final response, after HTTP redirects and
	// (if asked) meta refreshes.
	FinalURL string
	// Status is the status code of the final response, after retries.
	Status int
	// Redirects lists every hop in order; the destination of the last one is
	// FinalURL. It is empty, not nil, when there was no redirect.
	Redirects []Hop
	// Header holds the final response's headers.
	Header http.Header
	// ContentType is the lower-cased media type of the Content-Type header,
	// without parameters ("text/html"); "" when the header is absent.
	ContentType string
	// Charset is the WHATWG name of the encoding Body was decoded from
	// ("windows-1252", "shift_jis", "utf-8"); "" when the body is not text.
	Charset string
	// Raw holds the body as served, after Content-Encoding decompression,
	// cut at the client's maximum body size.
	Raw []byte
	// Body is Raw converted to UTF-8 when the content is text, else Raw.
	Body []byte
	// Bytes is len(Raw).
	Bytes int
	// Truncated reports that the body was longer than the maximum size (or
	// its compressed stream broke off), so Raw is incomplete.
	Truncated bool
	// Attempts is how many requests were made for the final URL (1 plus the
	// retries).
	Attempts int
	// Duration is the time the whole fetch took, waits included.
	Duration time.Duration
}

// Hop is one redirect step.
type Hop struct {
	// URL is the URL that redirected.
	URL string `json:"url"`
	// Status is its status code (for a meta refresh, that of the page
	// carrying the meta).
	Status int `json:"status"`
	// Kind is "" for an HTTP redirect and HopMetaRefresh for a meta refresh.
	Kind string `json:"type,omitempty"`
}

// IsHTML reports whether the response is an HTML page: its media type is
// text/html or application/xhtml+xml, or it has no Content-Type and the body
// sniffs as HTML.
func (r *Response) IsHTML() bool {
	if r == nil {
		return false
	}
	if r.ContentType == "" {
		return sniffsAsHTML(r.Raw)
	}
	return isHTMLType(r.ContentType)
}
