package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func compress(t testing.TB, coding string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "zlib":
		w = zlib.NewWriter(&buf)
	case "flate":
		fw, err := flate.NewWriter(&buf, flate.DefaultCompression)
		if err != nil {
			t.Fatal(err)
		}
		w = fw
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFetchContentEncoding(t *testing.T) {
	page := []byte(strings.Repeat(`<p><a href="https://target.example/">target</a></p>`, 200))
	gz := compress(t, "gzip", page)
	tests := []struct {
		name          string
		encoding      string
		served        []byte
		want          []byte
		wantTruncated bool
	}{
		{"gzip", "gzip", gz, page, false},
		{"x-gzip", "x-gzip", gz, page, false},
		{"deflate zlib-wrapped", "deflate", compress(t, "zlib", page), page, false},
		{"deflate raw", "deflate", compress(t, "flate", page), page, false},
		{"deflate then gzip", "deflate, gzip", compress(t, "gzip", compress(t, "zlib", page)), page, false},
		{"identity", "identity", page, page, false},
		{"none", "", page, page, false},
		{"upper case", "GZIP", gz, page, false},
		{"br is left as served", "br", []byte("\x1b\x03brotli?"), []byte("\x1b\x03brotli?"), false},
		{"claims gzip, sends plain", "gzip", page, page, false},
		{"gzip cut short keeps the decoded part", "gzip", gz[:len(gz)/2], nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				if tt.encoding != "" {
					w.Header().Set("Content-Encoding", tt.encoding)
				}
				_, _ = w.Write(tt.served)
			}))
			defer srv.Close()
			resp := mustFetch(t, testClient(), Request{URL: srv.URL})
			if resp.Truncated != tt.wantTruncated {
				t.Errorf("Truncated = %v, want %v", resp.Truncated, tt.wantTruncated)
			}
			if tt.want == nil { // a prefix of the page
				if len(resp.Raw) == 0 || len(resp.Raw) >= len(page) || !bytes.HasPrefix(page, resp.Raw) {
					t.Errorf("Raw is %d bytes, want a proper prefix of the %d-byte page", len(resp.Raw), len(page))
				}
				return
			}
			if !bytes.Equal(resp.Raw, tt.want) {
				t.Errorf("Raw = %.60q... (%d bytes), want %.60q... (%d bytes)", resp.Raw, len(resp.Raw), tt.want, len(tt.want))
			}
			if resp.Bytes != len(tt.want) {
				t.Errorf("Bytes = %d, want %d", resp.Bytes, len(tt.want))
			}
			if got := resp.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("Header Content-Encoding = %q, want %q", got, tt.encoding)
			}
		})
	}
}

func TestFetchBodyCap(t *testing.T) {
	const chunk = 64 << 10
	stream := func(total int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			buf := bytes.Repeat([]byte("a"), chunk)
			for sent := 0; sent < total; sent += chunk {
				if _, err := w.Write(buf[:min(chunk, total-sent)]); err != nil {
					return // the client stopped reading
				}
			}
		}
	}
	tests := []struct {
		name          string
		handler       http.HandlerFunc
		opts          []Option
		wantBytes     int
		wantTruncated bool
	}{
		{"25 MB stream, default cap", stream(25_000_000), nil, DefaultMaxBody, true},
		{"body exactly at the cap", stream(1000), []Option{WithMaxBody(1000)}, 1000, false},
		{"one byte over the cap", stream(1001), []Option{WithMaxBody(1000)}, 1000, true},
		{"gzip bomb is capped after decompression", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(compress(t, "gzip", make([]byte, 10<<20)))
		}, []Option{WithMaxBody(1 << 20)}, 1 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			resp := mustFetch(t, testClient(tt.opts...), Request{URL: srv.URL})
			if resp.Bytes != tt.wantBytes || len(resp.Raw) != tt.wantBytes || resp.Truncated != tt.wantTruncated {
				t.Errorf("Bytes %d (len(Raw) %d), Truncated %v; want %d, %v", resp.Bytes, len(resp.Raw), resp.Truncated, tt.wantBytes, tt.wantTruncated)
			}
		})
	}
}

func TestIsZlibHeader(t *testing.T) {
	tests := []struct {
		in   []byte
		want bool
	}{
		{[]byte{0x78, 0x9c}, true},
		{[]byte{0x78, 0x01}, true},
		{[]byte{0x78, 0xda}, true},
		{[]byte{0x78, 0x9d}, false},
		{[]byte{0x1f, 0x8b}, false},
		{[]byte{0x78}, false},
		{nil, false},
	}
	for _, tt := range tests {
		if got := isZlibHeader(tt.in); got != tt.want {
			t.Errorf("isZlibHeader(% x) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
