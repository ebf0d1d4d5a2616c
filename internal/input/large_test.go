package input

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"time"
)

// bigList builds an Ahrefs-like export of n rows, with a quoted anchor.
func bigList(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Referring page title,Referring page URL,Domain rating,Target URL,Anchor,First seen,Lost status\n")
	for i := range n {
		fmt.Fprintf(&b, "Post %d,https://blog%d.example/post/%d,%d,https://shop.example/p/%d,\"anchor, %d\",2024-01-02,Link removed\n", i, i%500, i, i%100, i%50, i)
	}
	return b.Bytes()
}

func TestReadLarge(t *testing.T) {
	const n = 100_000
	tests := []struct {
		name    string
		content []byte
	}{
		{"utf-8 csv", bigList(n)},
		{"utf-16le tsv", utf16Bytes(strings.ReplaceAll(string(bigList(n)), ",", "\t"), binary.LittleEndian, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			l := mustRead(t, tt.content, "big.csv")
			elapsed := time.Since(start)
			if len(l.Rows) != n {
				t.Fatalf("got %d rows, want %d", len(l.Rows), n)
			}
			last := l.Rows[n-1]
			if last.N != n || last.Line != n+1 || last.Source != fmt.Sprintf("https://blog%d.example/post/%d", (n-1)%500, n-1) || last.Err != "" {
				t.Errorf("last row = %+v", last)
			}
			// About 0.2 s on an idle core (see BenchmarkRead100k). The limit
			// leaves room for a loaded shared machine and still catches
			// quadratic behavior; the race detector is several times slower.
			if limit := 3 * time.Second; !raceEnabled && elapsed > limit {
				t.Errorf("parsing %d rows took %v, want < %v", n, elapsed, limit)
			}
		})
	}
}

func BenchmarkRead100k(b *testing.B) {
	data := bigList(100_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), "big.csv"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadJSONL100k(b *testing.B) {
	var buf bytes.Buffer
	for i := range 100_000 {
		fmt.Fprintf(&buf, `{"source":"https://blog%d.example/post/%d","target":"https://shop.example/p/%d","dr":%d,"anchor":"anchor \"%d\""}`+"\n", i%500, i, i%50, i%100, i)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), "big.jsonl"); err != nil {
			b.Fatal(err)
		}
	}
}
