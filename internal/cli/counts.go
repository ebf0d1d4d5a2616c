package cli

import (
	"fmt"
	"io"

	"github.com/linkproof/linkproof/internal/batch"
	"github.com/linkproof/linkproof/internal/verdict"
)

// writeCounts prints a table of verdicts with their buckets, in SPEC order.
func writeCounts(w io.Writer, sum batch.Summary) {
	fmt.Fprintf(w, "%-15s %-9s %6s\n", "VERDICT", "BUCKET", "ROWS")
	for _, v := range verdict.All() {
		if n := sum.Counts[v]; n > 0 {
			fmt.Fprintf(w, "%-15s %-9s %6d\n", v, verdict.Bucket(v), n)
		}
	}
	fmt.Fprintf(w, "%-15s %-9s %6d\n", "total", "", sum.Total)
}
