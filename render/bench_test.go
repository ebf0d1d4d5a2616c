package render

import (
	"context"
	"slices"
	"testing"
	"time"
)

// The benchmarks report the median besides the mean: the machines that run
// them are shared and noisy. Run them with
//
//	go test -run '^$' -bench . -benchtime 10x ./render/

func reportMedian(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	if len(d) > 0 {
		b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, "median-ms")
	}
}

func benchmarkOpen(b *testing.B, path string) {
	var d []time.Duration
	for b.Loop() {
		start := time.Now()
		p, err := shared.Open(context.Background(), srv.URL+path)
		if err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(start))
		if p.Failed || p.TimedOut {
			b.Fatalf("%s: Failed %v TimedOut %v %q", path, p.Failed, p.TimedOut, p.Err)
		}
		p.Close()
	}
	reportMedian(b, d)
}

// BenchmarkOpenStatic opens a small static page.
func BenchmarkOpenStatic(b *testing.B) { benchmarkOpen(b, "/static.html") }

// BenchmarkOpenJS opens a page that adds a link from a 300ms timer.
func BenchmarkOpenJS(b *testing.B) { benchmarkOpen(b, "/js.html") }

// BenchmarkScreenshot takes full-page screenshots of a 4,000 px page.
func BenchmarkScreenshot(b *testing.B) {
	p, err := shared.Open(context.Background(), srv.URL+"/tall?h=4000", WithoutScroll())
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	var d []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := p.Screenshot(context.Background()); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(start))
	}
	reportMedian(b, d)
}

// BenchmarkLinkScreenshot outlines a link and captures it.
func BenchmarkLinkScreenshot(b *testing.B) {
	p, err := shared.Open(context.Background(), srv.URL+"/screenshot.html", WithoutScroll())
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	var l Link
	for _, x := range p.Links {
		if x.Href == srv.URL+"/target" {
			l = x
		}
	}
	var d []time.Duration
	for b.Loop() {
		start := time.Now()
		if _, err := p.LinkScreenshot(context.Background(), l); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(start))
	}
	reportMedian(b, d)
}
