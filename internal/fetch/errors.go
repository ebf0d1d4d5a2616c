package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
)

// Kinds of [Error].
const (
	KindDNS              = "dns"
	KindRefused          = "refused"
	KindTLS              = "tls"
	KindTimeout          = "timeout"
	KindRedirectLoop     = "redirect_loop"
	KindTooManyRedirects = "too_many_redirects"
	KindInvalidURL       = "invalid_url"
	KindCanceled         = "canceled"
	KindNetwork          = "network"
)

var (
	errRedirectLoop     = errors.New("redirect loop")
	errTooManyRedirects = fmt.Errorf("more than %d redirects", maxHops)
)

// Error reports a fetch that obtained no HTTP response.
type Error struct {
	// Kind is one of the Kind constants.
	Kind string
	// URL is the URL being requested when the fetch failed.
	URL string
	// Err is the underlying error.
	Err error
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e == nil {
		return "<nil>"
	}
	if e.Err == nil {
		return fmt.Sprintf("fetch %s: %s", e.URL, e.Kind)
	}
	return fmt.Sprintf("fetch %s: %s: %v", e.URL, e.Kind, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// newError builds the Error for err, a failure while requesting u under ctx.
func newError(ctx context.Context, u string, err error) *Error {
	var uerr *url.Error
	if errors.As(err, &uerr) && uerr.Err != nil {
		err = uerr.Err // its message repeats the method and URL
	}
	return &Error{Kind: classify(ctx, err), URL: u, Err: err}
}

// classify maps a request error to a Kind. ctx is the caller's context: its
// cancellation is "canceled", its deadline (or an attempt's) "timeout".
func classify(ctx context.Context, err error) string {
	switch {
	case errors.Is(ctx.Err(), context.Canceled) || errors.Is(err, context.Canceled):
		return KindCanceled
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		return KindTimeout
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return KindDNS
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return KindRefused
	}
	if isTLSError(err) {
		return KindTLS
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return KindTimeout
	}
	return KindNetwork
}

// isTLSError reports whether err comes from a TLS handshake or certificate
// check.
func isTLSError(err error) bool {
	var (
		verifyErr *tls.CertificateVerificationError
		recordErr tls.RecordHeaderError
		alertErr  tls.AlertError
		echErr    *tls.ECHRejectionError
		authErr   x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		certErr   x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &verifyErr), errors.As(err, &recordErr), errors.As(err, &alertErr),
		errors.As(err, &echErr), errors.As(err, &authErr), errors.As(err, &hostErr),
		errors.As(err, &certErr):
		return true
	}
	// crypto/tls returns many handshake failures as plain errors.New("tls: ...").
	return anyInChain(err, func(e error) bool { return strings.HasPrefix(e.Error(), "tls: ") })
}

// anyInChain reports whether match holds for err or any error it wraps.
func anyInChain(err error, match func(error) bool) bool {
	if err == nil {
		return false
	}
	if match(err) {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return anyInChain(u.Unwrap(), match)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if anyInChain(e, match) {
				return true
			}
		}
	}
	return false
}
