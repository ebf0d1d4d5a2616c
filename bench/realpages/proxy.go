package realpages

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Counts are what a Proxy answered.
type Counts struct {
	Pages    int64 // saved pages served
	NotFound int64 // other paths of the corpus's hosts (their assets were not saved)
	Blocked  int64 // requests and tunnels for hosts outside the corpus
}

// Proxy serves entries under their original URLs as an HTTP proxy. It is safe for concurrent
// use. Close stops it.
type Proxy struct {
	pages map[string]Entry // by Entry.Key
	hosts map[string]bool

	caCert *x509.Certificate
	caKey  *ecdsa.PrivateKey
	caPEM  []byte

	mu    sync.Mutex
	leafs map[string]*tls.Certificate
	conns map[net.Conn]bool // tunnels being served
	srv   *http.Server
	ln    net.Listener
	done  chan struct{}

	pagesServed, notFound, blocked atomic.Int64
}

// NewProxy starts a proxy for entries on a fresh 127.0.0.1 port, with a new CA.
func NewProxy(entries []Entry) (*Proxy, error) {
	p := &Proxy{pages: map[string]Entry{}, hosts: map[string]bool{}, leafs: map[string]*tls.Certificate{}, conns: map[net.Conn]bool{}, done: make(chan struct{})}
	for _, e := range entries {
		p.pages[e.Key()] = e
		p.hosts[asciiHost(e.URL.Hostname())] = true
	}
	if err := p.newCA(); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("realpages: listening: %w", err)
	}
	p.ln = ln
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(p.done)
		p.srv.Serve(ln) // returns ErrServerClosed on Close
	}()
	return p, nil
}

// Addr is the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// CAPEM is the PEM certificate of the CA that signs the tunnels' certificates (for
// SSL_CERT_FILE of a Go client).
func (p *Proxy) CAPEM() []byte { return p.caPEM }

// Counts returns what the proxy answered so far.
func (p *Proxy) Counts() Counts {
	return Counts{Pages: p.pagesServed.Load(), NotFound: p.notFound.Load(), Blocked: p.blocked.Load()}
}

// Close stops the proxy and every tunnel.
func (p *Proxy) Close() error {
	err := p.srv.Close()
	<-p.done
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	return err
}

// ServeHTTP answers proxy requests: CONNECT tunnels and absolute-URL requests.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodConnect:
		p.tunnel(w, r)
	case r.URL.IsAbs():
		if !p.hosts[asciiHost(r.URL.Hostname())] {
			p.block(w)
			return
		}
		p.serve(w, r, r.URL.Hostname())
	default:
		p.notFound.Add(1)
		http.NotFound(w, r)
	}
}

func (p *Proxy) block(w http.ResponseWriter) {
	p.blocked.Add(1)
	http.Error(w, "blocked: not in the real-pages corpus", http.StatusForbidden)
}

// serve answers a request for host from the corpus.
func (p *Proxy) serve(w http.ResponseWriter, r *http.Request, host string) {
	e, ok := p.pages[key(host, r.URL.RequestURI())]
	if !ok {
		e, ok = p.pages[key(host, r.URL.EscapedPath())]
	}
	if !ok || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		p.notFound.Add(1)
		http.NotFound(w, r)
		return
	}
	body, err := os.ReadFile(e.File)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	p.pagesServed.Add(1)
	// No charset: the page says its own, or the browser sniffs, as for the saved file.
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodGet {
		w.Write(body) // a failed write is the client's going away
	}
}

// tunnel terminates TLS for a corpus host and serves the requests that come through.
func (p *Proxy) tunnel(w http.ResponseWriter, r *http.Request) {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	host = asciiHost(host)
	if !p.hosts[host] {
		p.block(w)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		http.Error(w, "no hijacking", http.StatusInternalServerError)
		return
	}
	raw, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	if !p.track(raw, true) {
		raw.Close()
		return
	}
	defer func() {
		raw.Close()
		p.track(raw, false)
	}()
	if _, err := raw.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		return
	}
	leaf, err := p.leaf(host)
	if err != nil {
		return
	}
	conn := tls.Server(&bufferedConn{Conn: raw, r: buf.Reader}, &tls.Config{
		Certificates: []tls.Certificate{*leaf},
		NextProtos:   []string{"http/1.1"},
	})
	if err := conn.Handshake(); err != nil {
		return
	}
	br := bufio.NewReader(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		req.URL.Scheme, req.URL.Host = "https", r.Host
		rw := newResponse(conn, req)
		p.serve(rw, req, host)
		if err := rw.finish(); err != nil || req.Close {
			return
		}
	}
}

// track adds or removes a tunnel; it refuses new ones once the proxy is closed.
func (p *Proxy) track(c net.Conn, add bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !add {
		delete(p.conns, c)
		return true
	}
	select {
	case <-p.done:
		return false
	default:
	}
	p.conns[c] = true
	return true
}

// bufferedConn reads first what the HTTP server had buffered.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// leaf returns the certificate of host, signed by the CA.
func (p *Proxy) leaf(host string) (*tls.Certificate, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.leafs[host]; ok {
		return c, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("realpages: key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(48 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.caCert, &key.PublicKey, p.caKey)
	if err != nil {
		return nil, fmt.Errorf("realpages: certificate for %s: %w", host, err)
	}
	c := &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	p.leafs[host] = c
	return c, nil
}

func (p *Proxy) newCA() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return fmt.Errorf("realpages: CA key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "linkproof bench real-pages CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(48 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return fmt.Errorf("realpages: CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return fmt.Errorf("realpages: CA certificate: %w", err)
	}
	p.caCert, p.caKey = cert, key
	p.caPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return nil
}
