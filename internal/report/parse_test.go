package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/linkproof/linkproof/internal/record"
)

// render writes recs as HTML and parses the output.
func render(t *testing.T, recs []record.Record, m Meta) ([]byte, *html.Node) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, recs, m); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("report.html does not parse: %v", err)
	}
	return buf.Bytes(), doc
}

// all returns every element below n (n included) for which match is true, in document order.
func all(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			out = append(out, d)
		}
	}
	if n.Type == html.ElementNode && match(n) {
		out = append([]*html.Node{n}, out...)
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, c string) bool {
	v, _ := attr(n, "class")
	return slices.Contains(strings.Fields(v), c)
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func class(c string) func(*html.Node) bool {
	return func(n *html.Node) bool { return hasClass(n, c) }
}

func tagClass(name, c string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name && hasClass(n, c) }
}

func withAttr(key string) func(*html.Node) bool {
	return func(n *html.Node) bool { _, ok := attr(n, key); return ok }
}

// first is the first match below n, nil when none.
func first(n *html.Node, match func(*html.Node) bool) *html.Node {
	if m := all(n, match); len(m) > 0 {
		return m[0]
	}
	return nil
}

// text is the text content of n.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
