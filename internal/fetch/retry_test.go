package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// sequenceServer answers the nth request with statuses[n] (the last one
// repeats) and records when each request arrived.
type sequenceServer struct {
	*httptest.Server
	mu       sync.Mutex
	arrivals []time.Time
}

func newSequenceServer(t *testing.T, statuses []int, header http.Header) *sequenceServer {
	t.Helper()
	s := &sequenceServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		n := len(s.arrivals)
		s.arrivals = append(s.arrivals, time.Now())
		s.mu.Unlock()
		status := statuses[min(n, len(statuses)-1)]
		for k, v := range header {
			w.Header()[k] = v
		}
		if status >= 300 && status < 400 {
			w.Header().Set("Location", "/done")
		}
		if r.URL.Path == "/done" {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		fmt.Fprintf(w, "answer %d", n+1)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *sequenceServer) requests() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.arrivals)
}

func TestFetchRetries(t *testing.T) {
	tests := []struct {
		name         string
		statuses     []int
		retries      int
		wantStatus   int
		wantAttempts int
		wantRequests int
		wantFinal    string
	}{
		{"503 503 200", []int{503, 503, 200}, 2, 200, 3, 3, "/"},
		{"502 200", []int{502, 200}, 2, 200, 2, 2, "/"},
		{"429 every time", []int{429}, 2, 429, 3, 3, "/"},
		{"503 every time", []int{503}, 3, 503, 4, 4, "/"},
		{"500 without retries", []int{500}, 0, 500, 1, 1, "/"},
		{"404 is not retried", []int{404, 200}, 2, 404, 1, 1, "/"},
		{"503 then a redirect", []int{503, 301}, 2, 200, 1, 3, "/done"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSequenceServer(t, tt.statuses, http.Header{"Retry-After": {"0"}})
			resp := mustFetch(t, testClient(WithRetries(tt.retries)), Request{URL: srv.URL + "/"})
			if resp.Status != tt.wantStatus || resp.Attempts != tt.wantAttempts {
				t.Errorf("Status %d after %d attempts, want %d after %d", resp.Status, resp.Attempts, tt.wantStatus, tt.wantAttempts)
			}
			if n := len(srv.requests()); n != tt.wantRequests {
				t.Errorf("server saw %d requests, want %d", n, tt.wantRequests)
			}
			if resp.FinalURL != srv.URL+tt.wantFinal {
				t.Errorf("FinalURL = %q, want %q", resp.FinalURL, srv.URL+tt.wantFinal)
			}
			// The body of the last answer is kept, earlier ones are discarded.
			if want := fmt.Sprintf("answer %d", tt.wantRequests); string(resp.Body) != want {
				t.Errorf("Body = %q, want %q", resp.Body, want)
			}
		})
	}
}

func TestFetchRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter string
		base, max  time.Duration
		minGap     time.Duration
		maxGap     time.Duration
	}{
		{"zero seconds beats a long backoff", "0", 2 * time.Second, 2 * time.Second, 0, time.Second},
		{"delta seconds capped at the backoff max", "3", time.Millisecond, 150 * time.Millisecond, 145 * time.Millisecond, 2 * time.Second},
		{"HTTP-date capped at the backoff max", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), time.Millisecond, 150 * time.Millisecond, 145 * time.Millisecond, 2 * time.Second},
		{"HTTP-date in the past", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 2 * time.Second, 2 * time.Second, 0, time.Second},
		{"no Retry-After uses the backoff", "", 200 * time.Millisecond, 200 * time.Millisecond, 95 * time.Millisecond, 2 * time.Second},
		{"garbage Retry-After uses the backoff", "soon", 200 * time.Millisecond, 200 * time.Millisecond, 95 * time.Millisecond, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.retryAfter != "" {
				h.Set("Retry-After", tt.retryAfter)
			}
			srv := newSequenceServer(t, []int{503, 200}, h)
			resp := mustFetch(t, New(WithBackoff(tt.base, tt.max), WithRetries(1)), Request{URL: srv.URL})
			if resp.Status != 200 {
				t.Fatalf("Status = %d, want 200", resp.Status)
			}
			reqs := srv.requests()
			if len(reqs) != 2 {
				t.Fatalf("server saw %d requests, want 2", len(reqs))
			}
			if gap := reqs[1].Sub(reqs[0]); gap < tt.minGap || gap > tt.maxGap {
				t.Errorf("gap between attempts %v, want between %v and %v", gap, tt.minGap, tt.maxGap)
			}
		})
	}
}

func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Sun, 22 Nov 2026 10:00:30 GMT", 30 * time.Second, true},
		{"Sunday, 22-Nov-26 10:01:00 GMT", time.Minute, true},
		{"Sun, 22 Nov 2026 09:00:00 GMT", 0, true},
		{"99999999999999999999", 0, false},
		{"9223372036854775807", time.Duration(1<<63 - 1), true},
		{"-5", 0, false},
		{"1.5", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestBackoff(t *testing.T) {
	c := New(WithBackoff(100*time.Millisecond, time.Second))
	tests := []struct {
		attempt  int
		min, max time.Duration
	}{
		{1, 50 * time.Millisecond, 100 * time.Millisecond},
		{2, 100 * time.Millisecond, 200 * time.Millisecond},
		{3, 200 * time.Millisecond, 400 * time.Millisecond},
		{5, 500 * time.Millisecond, time.Second},
		{80, 500 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		for range 50 {
			if d := c.backoff(tt.attempt); d < tt.min || d > tt.max {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", tt.attempt, d, tt.min, tt.max)
			}
		}
	}
	if d := New(WithBackoff(0, 0)).backoff(3); d != 0 {
		t.Errorf("zero backoff waits %v", d)
	}
}

func TestFetchContextEndsDuringBackoff(t *testing.T) {
	tests := []struct {
		name     string
		ctx      func() (context.Context, context.CancelFunc)
		wantKind string
	}{
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			return ctx, cancel
		}, KindCanceled},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}, KindTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSequenceServer(t, []int{503}, nil)
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			fe := fetchError(t, ctx, New(WithBackoff(10*time.Second, 10*time.Second)), Request{URL: srv.URL})
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("Fetch took %v after the context ended", elapsed)
			}
			if fe.Kind != tt.wantKind {
				t.Errorf("kind %q (%v), want %q", fe.Kind, fe, tt.wantKind)
			}
			if n := len(srv.requests()); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

func TestFetchRefusedIsFast(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	start := time.Now()
	fe := fetchError(t, context.Background(), New(), Request{URL: "http://" + addr + "/page"})
	if fe.Kind != KindRefused {
		t.Errorf("kind %q (%v), want %q", fe.Kind, fe, KindRefused)
	}
	if fe.URL != "http://"+addr+"/page" {
		t.Errorf("URL = %q", fe.URL)
	}
	if elapsed := time.Since(start); elapsed >= time.Second {
		t.Errorf("refused port took %v, want < 1s", elapsed)
	}
}

func TestFetchTimeout(t *testing.T) {
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"no headers", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
		{"body stalls", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte("<html><body>partial"))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				requests.Add(1)
				tt.handler(w, r)
			}))
			defer srv.Close()
			start := time.Now()
			fe := fetchError(t, context.Background(), testClient(WithTimeout(200*time.Millisecond)), Request{URL: srv.URL})
			if fe.Kind != KindTimeout {
				t.Errorf("kind %q (%v), want %q", fe.Kind, fe, KindTimeout)
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("timeout took %v", elapsed)
			}
			if n := requests.Load(); n != 1 {
				t.Errorf("server saw %d requests, want 1 (timeouts are not retried)", n)
			}
		})
	}
}

func TestFetchTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("<p>secure</p>"))
	}))
	defer srv.Close()

	fe := fetchError(t, context.Background(), New(), Request{URL: srv.URL})
	if fe.Kind != KindTLS {
		t.Errorf("untrusted certificate: kind %q (%v), want %q", fe.Kind, fe, KindTLS)
	}
	resp := mustFetch(t, New(WithTransport(srv.Client().Transport)), Request{URL: srv.URL})
	if resp.Status != 200 || string(resp.Body) != "<p>secure</p>" {
		t.Errorf("trusted certificate: status %d body %q", resp.Status, resp.Body)
	}
}

func TestFetchNetworkErrorRetriedOnce(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // no response at all
		}
	}))
	defer srv.Close()

	fe := fetchError(t, context.Background(), testClient(WithRetries(5)), Request{URL: srv.URL})
	if fe.Kind != KindNetwork {
		t.Errorf("kind %q (%v), want %q", fe.Kind, fe, KindNetwork)
	}
	if n := requests.Load(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestClassify(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	live := context.Background()
	wrap := func(err error) error {
		return &url.Error{Op: "Get", URL: "https://example.com/", Err: err}
	}
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want string
	}{
		{"dns", live, wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}}), KindDNS},
		{"refused", live, wrap(&net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), KindRefused},
		{"unknown authority", live, wrap(&tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}), KindTLS},
		{"hostname mismatch", live, wrap(x509.HostnameError{Host: "example.com", Certificate: &x509.Certificate{}}), KindTLS},
		{"expired", live, wrap(x509.CertificateInvalidError{Reason: x509.Expired, Cert: &x509.Certificate{}}), KindTLS},
		{"alert", live, wrap(&net.OpError{Op: "remote error", Err: tls.AlertError(40)}), KindTLS},
		{"record header", live, wrap(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), KindTLS},
		{"plain tls error", live, wrap(fmt.Errorf("handshake: %w", errors.New("tls: server selected unsupported protocol version 301"))), KindTLS},
		{"attempt deadline", live, wrap(context.DeadlineExceeded), KindTimeout},
		{"net timeout", live, wrap(&net.OpError{Op: "read", Err: os.ErrDeadlineExceeded}), KindTimeout},
		{"caller deadline", expired, wrap(errors.New("whatever")), KindTimeout},
		{"caller canceled", canceled, wrap(context.Canceled), KindCanceled},
		{"canceled beats dns", canceled, wrap(&net.DNSError{Err: "x"}), KindCanceled},
		{"reset", live, wrap(&net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), KindNetwork},
		{"eof", live, wrap(errors.New("EOF")), KindNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newError(tt.ctx, "https://example.com/", tt.err)
			if e.Kind != tt.want {
				t.Errorf("kind %q, want %q", e.Kind, tt.want)
			}
			var uerr *url.Error
			if errors.As(e, &uerr) {
				t.Errorf("Err still wraps the *url.Error: %v", e)
			}
			if e.Error() == "" || e.URL != "https://example.com/" {
				t.Errorf("Error() = %q, URL = %q", e.Error(), e.URL)
			}
		})
	}
}
