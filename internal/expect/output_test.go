package expect

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkproof/linkproof/internal/record"
)

// sample returns one passing, one failing and one errored result.
func sample() []Result {
	checked := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	pass := Evaluate(
		Link{Name: "Partner review", Source: "https://blog.example/post", Target: "https://shop.example/product", Verdicts: []string{"ok", "js_only"}, Line: 10},
		record.Record{Verdict: "js_only", Summary: "Link is added by JavaScript.", Rendered: record.Rendered{DurationMS: 1840},
			CheckedAt: checked.Add(time.Minute), Links: []record.Link{occ("best product")}},
	)
	fail := Evaluate(
		Link{Name: "Footer | credit\nline", Source: "https://a.example/x|y", Target: "https://shop.example/", Verdicts: []string{"ok"},
			Anchor: &Anchor{Contains: "best product"}, Line: 18},
		record.Record{Verdict: "nofollow", Summary: "Every occurrence is nofollow.", Signals: []string{"nofollow"}, CheckedAt: checked,
			Links: []record.Link{with(occ("<b>Shop</b> | 50% off, now: *today*"), func(o *record.Link) { o.Rel = []string{"nofollow"} })}},
	)
	errored := Evaluate(
		Link{Source: "https://c.example/", Target: "https://shop.example/", Verdicts: []string{"ok"}, Line: 25},
		record.Record{Verdict: "error", Error: "not HTML (image/png)", CheckedAt: checked.Add(2 * time.Minute)},
	)
	return []Result{pass, fail, errored}
}

func TestWriteText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := `PASS Partner review — js_only
FAIL Footer | credit line — nofollow
    verdict is nofollow, expected ok
    anchor text is "<b>Shop</b> | 50% off, now: *today*", expected it to contain "best product"
FAIL https://c.example/ → https://shop.example/ — error
    verdict is error (not HTML (image/png)), expected ok
1 passed, 2 failed
`
	if got := b.String(); got != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteTextEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, nil); err != nil || b.String() != "0 passed, 0 failed\n" {
		t.Errorf("WriteText(nil) = %q, %v", b.String(), err)
	}
}

func TestWriteJSONRoundTrip(t *testing.T) {
	rs := sample()
	var b bytes.Buffer
	if err := WriteJSON(&b, rs); err != nil {
		t.Fatal(err)
	}
	var got JSONReport
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, b.String())
	}
	if got.Passed != 1 || got.Failed != 2 || len(got.Results) != 3 {
		t.Fatalf("counts: passed %d failed %d results %d", got.Passed, got.Failed, len(got.Results))
	}
	for i, r := range rs {
		g := got.Results[i]
		if g.Name != r.Link.Name || g.Line != r.Link.Line || g.Source != r.Link.Source || g.Target != r.Link.Target ||
			g.Verdict != r.Record.Verdict || g.Passed != r.Passed() || !reflect.DeepEqual(g.Expected, r.Link.Verdicts) {
			t.Errorf("result %d: %+v", i, g)
		}
		if len(g.Failures) != len(r.Failures) || (len(r.Failures) > 0 && !reflect.DeepEqual(g.Failures, r.Failures)) {
			t.Errorf("result %d failures %q, want %q", i, g.Failures, r.Failures)
		}
		if !g.Record.CheckedAt.Equal(r.Record.CheckedAt) || g.Record.Error != r.Record.Error || len(g.Record.Links) != len(r.Record.Links) {
			t.Errorf("result %d record %+v", i, g.Record)
		}
	}
	// A passing link has "failures": [], not null; HTML is not escaped.
	if !bytes.Contains(b.Bytes(), []byte(`"failures": []`)) || !bytes.Contains(b.Bytes(), []byte(`<b>Shop</b>`)) {
		t.Errorf("JSON:\n%s", b.String())
	}
}

func TestWriteMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMarkdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := "**linkproof check: 1 passed, 2 failed**\n\n" +
		"| | Link | Verdict | Details |\n|---|---|---|---|\n" +
		"| ✅ | Partner review<br>`https://blog.example/post` → `https://shop.example/product` | `js_only` | Link is added by JavaScript. |\n" +
		"| ❌ | Footer \\| credit<br>line<br>`https://a.example/x%7Cy` → `https://shop.example/` | `nofollow` | " +
		"verdict is nofollow, expected ok<br>anchor text is \"\\<b\\>Shop\\</b\\> \\| 50% off, now: \\*today\\*\", expected it to contain \"best product\" |\n" +
		"| ❌ | `https://c.example/` → `https://shop.example/` | `error` | verdict is error (not HTML (image/png)), expected ok |\n"
	if got := b.String(); got != want {
		t.Errorf("WriteMarkdown:\n%s\nwant:\n%s", got, want)
	}
	// Every table row has exactly the 5 unescaped pipes of its 4 cells.
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n")[2:] {
		if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 5 {
			t.Errorf("row has %d cell pipes: %s", n, line)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, text, code string }{
		{"a|b", `a\|b`, "`a%7Cb`"},
		{"a\\|b", `a\\\|b`, "`a%5C%7Cb`"},
		{"x\r\ny\nz\rw", "x<br>y<br>z<br>w", "`x%0D%0Ay%0Az%0Dw`"},
		{"<script>&amp;", `\<script\>\&amp;`, "`<script>&amp;`"},
		{"`code` *b* _i_ [l](u) ~s~", "\\`code\\` \\*b\\* \\_i\\_ \\[l\\](u) \\~s\\~", "`%60code%60%20*b*%20_i_%20[l](u)%20~s~`"},
		{"tab\there\x1b[31m", "tab here \\[31m", "`tab%09here%1B[31m`"},
	}
	for _, tt := range tests {
		if got := mdText(tt.in); got != tt.text {
			t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.text)
		}
		if got := mdCode(tt.in); got != tt.code {
			t.Errorf("mdCode(%q) = %q, want %q", tt.in, got, tt.code)
		}
	}
}

func TestAppendStepSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(path, []byte("# Earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := AppendStepSummary(path, sample()); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "# Earlier step\n\n**linkproof check: 1 passed, 2 failed**") || strings.Count(string(got), "\n| ") != 4 {
		t.Errorf("summary file:\n%s", got)
	}
	if err := AppendStepSummary(filepath.Join(t.TempDir(), "no", "dir.md"), nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("AppendStepSummary into a missing directory = %v", err)
	}
}

// The JUnit shapes as a consumer reads them, declared apart from the writer's.
type (
	xSuites struct {
		XMLName  xml.Name `xml:"testsuites"`
		Name     string   `xml:"name,attr"`
		Tests    string   `xml:"tests,attr"`
		Failures string   `xml:"failures,attr"`
		Errors   string   `xml:"errors,attr"`
		Time     string   `xml:"time,attr"`
		Suites   []xSuite `xml:"testsuite"`
	}
	xSuite struct {
		Name      string  `xml:"name,attr"`
		Tests     string  `xml:"tests,attr"`
		Failures  string  `xml:"failures,attr"`
		Errors    string  `xml:"errors,attr"`
		Skipped   string  `xml:"skipped,attr"`
		Time      string  `xml:"time,attr"`
		Timestamp string  `xml:"timestamp,attr"`
		Cases     []xCase `xml:"testcase"`
	}
	xCase struct {
		Name      string     `xml:"name,attr"`
		Classname string     `xml:"classname,attr"`
		Time      string     `xml:"time,attr"`
		Failures  []xProblem `xml:"failure"`
		Errors    []xProblem `xml:"error"`
	}
	xProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

func TestWriteJUnit(t *testing.T) {
	rs := sample()
	// Characters XML 1.0 cannot hold must not make the report unreadable.
	rs[1].Failures = append(rs[1].Failures, "control \x00\x1b chars & \"quotes\" ]]>")
	var b bytes.Buffer
	if err := WriteJUnit(&b, rs, "links.yaml", 12500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration:\n%s", b.String())
	}
	var got xSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("unmarshal: %v\n%s", err, b.String())
	}
	if got.Name != "links.yaml" || got.Tests != "3" || got.Failures != "1" || got.Errors != "1" || got.Time != "12.500" || len(got.Suites) != 1 {
		t.Fatalf("testsuites: %+v", got)
	}
	s := got.Suites[0]
	if s.Name != "links.yaml" || s.Tests != "3" || s.Failures != "1" || s.Errors != "1" || s.Skipped != "0" ||
		s.Time != "12.500" || s.Timestamp != "2026-11-22T10:00:00" || len(s.Cases) != 3 {
		t.Fatalf("testsuite: %+v", s)
	}
	c := s.Cases
	if c[0].Name != "Partner review" || c[0].Classname != "blog.example" || c[0].Time != "1.840" || len(c[0].Failures)+len(c[0].Errors) != 0 {
		t.Errorf("passing case: %+v", c[0])
	}
	if c[1].Name != "Footer | credit line" || len(c[1].Failures) != 1 || len(c[1].Errors) != 0 {
		t.Fatalf("failing case: %+v", c[1])
	}
	f := c[1].Failures[0]
	wantMsg := `verdict is nofollow, expected ok; anchor text is "<b>Shop</b> | 50% off, now: *today*", expected it to contain "best product"; control    chars & "quotes" ]]>`
	if f.Type != "unexpected_verdict" || f.Message != wantMsg {
		t.Errorf("failure: type %q message %q", f.Type, f.Message)
	}
	for _, part := range []string{"verdict is nofollow, expected ok\n", "source: https://a.example/x|y\n", "defined at line: 18\n", "verdict: nofollow (reclaim)\n", "signals: nofollow\n",
		"control \uFFFD\uFFFD chars & \"quotes\" ]]>\n"} {
		if !strings.Contains(f.Text, part) {
			t.Errorf("failure text lacks %q:\n%s", part, f.Text)
		}
	}
	if c[2].Name != "https://c.example/ → https://shop.example/" || len(c[2].Errors) != 1 || len(c[2].Failures) != 0 ||
		c[2].Errors[0].Type != "error" || c[2].Errors[0].Message != "verdict is error (not HTML (image/png)), expected ok" ||
		!strings.Contains(c[2].Errors[0].Text, "error: not HTML (image/png)\n") {
		t.Errorf("errored case: %+v", c[2])
	}
}

func TestWriteJUnitLinkExpectationType(t *testing.T) {
	r := Evaluate(Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, Anchor: &Anchor{Exact: "X"}},
		record.Record{Verdict: "ok", Links: []record.Link{occ("Y")}})
	var b bytes.Buffer
	if err := WriteJUnit(&b, []Result{r}, "s", 0); err != nil {
		t.Fatal(err)
	}
	var got xSuites
	if err := xml.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	c := got.Suites[0].Cases[0]
	if len(c.Failures) != 1 || c.Failures[0].Type != "unexpected" || got.Suites[0].Timestamp != "" {
		t.Errorf("case %+v, timestamp %q", c, got.Suites[0].Timestamp)
	}
}

func TestWriteGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, sample(), "ci/links,1.yaml"); err != nil {
		t.Fatal(err)
	}
	want := "::error file=ci/links%2C1.yaml,line=18,title=Lost link%3A Footer | credit%0Aline::" +
		"verdict is nofollow, expected ok%0Aanchor text is \"<b>Shop</b> | 50%25 off, now: *today*\", expected it to contain \"best product\"\n" +
		"::error file=ci/links%2C1.yaml,line=25,title=Link not verified%3A https%3A//c.example/ → https%3A//shop.example/::" +
		"verdict is error (not HTML (image/png)), expected ok\n"
	if got := b.String(); got != want {
		t.Errorf("WriteGitHub:\n%s\nwant:\n%s", got, want)
	}
}

func TestWriteGitHubLinkChanged(t *testing.T) {
	r := Evaluate(Link{Name: "n", Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, InRaw: ptr(true)},
		record.Record{Verdict: "ok", Links: []record.Link{with(occ("x"), func(o *record.Link) { o.InRaw = false })}})
	var b bytes.Buffer
	if err := WriteGitHub(&b, []Result{r}, "links.yaml"); err != nil {
		t.Fatal(err)
	}
	if want := "::error file=links.yaml,title=Link changed%3A n::link is not in the raw HTML, only in the rendered page\n"; b.String() != want {
		t.Errorf("WriteGitHub = %q, want %q", b.String(), want)
	}
}

func TestEscapeWorkflowCommand(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k: v, w", "k: v, w", "k%3A v%2C w"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		if got := escapeData(tt.in); got != tt.data {
			t.Errorf("escapeData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := escapeProperty(tt.in); got != tt.prop {
			t.Errorf("escapeProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWritersReportWriteErrors(t *testing.T) {
	rs := sample()
	writers := map[string]func() error{
		"text":     func() error { return WriteText(failWriter{}, rs) },
		"json":     func() error { return WriteJSON(failWriter{}, rs) },
		"markdown": func() error { return WriteMarkdown(failWriter{}, rs) },
		"junit":    func() error { return WriteJUnit(failWriter{}, rs, "s", time.Second) },
		"github":   func() error { return WriteGitHub(failWriter{}, rs, "f") },
	}
	for name, w := range writers {
		if err := w(); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: err = %v, want the write error", name, err)
		}
	}
}
