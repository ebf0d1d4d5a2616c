package fetch

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func BenchmarkFetch(b *testing.B) {
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>bench</title></head><body>")
	for page.Len() < 50_000 {
		page.WriteString(`<p>Some text with a <a href="https://target.example/product">link</a> — ünïcode.</p>`)
	}
	page.WriteString("</body></html>")
	body := []byte(page.String())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	}))
	defer srv.Close()

	c := New()
	defer c.CloseIdleConnections()
	req := Request{URL: srv.URL, FollowMetaRefresh: true}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		resp := mustFetch(b, c, req)
		if resp.Bytes != len(body) {
			b.Fatalf("got %d bytes, want %d", resp.Bytes, len(body))
		}
	}
}
