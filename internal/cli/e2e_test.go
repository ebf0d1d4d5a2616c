package cli

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkproof/linkproof"
	"github.com/linkproof/linkproof/internal/site"
	"github.com/linkproof/linkproof/internal/verdict"
	"github.com/linkproof/linkproof/render"
)

func startSite(t *testing.T) *site.Site {
	t.Helper()
	fsys, err := linkproof.Site()
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Start(fsys)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func needChrome(t *testing.T) {
	t.Helper()
	if _, err := render.ExecPath(""); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("Chrome is required in CI: %v", err)
		}
		t.Skip("no Chrome on this machine (CI=true makes this a failure)")
	}
}

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	io, out, errOut := testIO()
	code := Main(t.Context(), args, io)
	return code, out.String(), errOut.String()
}

func TestVerifyJSONRecord(t *testing.T) {
	s := startSite(t)
	code, out, errOut := run(t, "verify", "--json", "--no-render", s.URL("blog")+"/nofollow", s.URL("shop")+"/product")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("stdout is not one JSON record: %v\n%s", err, out)
	}
	for _, k := range []string{"row", "source", "target", "verdict", "bucket", "signals", "summary", "raw", "rendered", "crawlers", "links", "evidence", "error", "checked_at"} {
		if _, ok := m[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
	if m["verdict"] != "nofollow" || m["bucket"] != "reclaim" {
		t.Errorf("verdict %v bucket %v", m["verdict"], m["bucket"])
	}
	raw := m["raw"].(map[string]any)
	for _, k := range []string{"status", "final_url", "redirects", "found", "bytes"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("raw lacks %q", k)
		}
	}
	links := m["links"].([]any)
	l := links[0].(map[string]any)
	if l["text"] != "the product" || !slices.Contains(l["rel"].([]any), any("nofollow")) || l["placement"] != "content" || l["in_raw"] != true {
		t.Errorf("link = %v", l)
	}
	if c := m["crawlers"].(map[string]any)["googlebot"].(map[string]any); c["robots"] != "allowed" || c["status"] != float64(200) {
		t.Errorf("crawlers.googlebot = %v", c)
	}
}

func TestVerifyText(t *testing.T) {
	s := startSite(t)
	code, out, _ := run(t, "verify", "--no-render", s.URL("private")+"/post", s.URL("shop")+"/product")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"BLOCKED  (noise)", "robots_disallowed:ahrefsbot", "ahrefsbot disallowed", "1. a \"the product\""} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	// A bad URL is a verdict, not a usage error.
	code, out, _ = run(t, "verify", "--no-render", "blog.example/post", s.URL("shop")+"/product")
	if code != 0 || !strings.Contains(out, "INVALID_INPUT") || !strings.Contains(out, "missing scheme") {
		t.Errorf("exit %d, output %s", code, out)
	}
}

type junitSuites struct {
	Suites []struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestCheckExitCodesAndJUnit(t *testing.T) {
	s := startSite(t)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s.Expand(body)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", `defaults:
  crawlers: [googlebot]
links:
  - name: review
    source: {{host:blog}}/ok
    target: {{host:shop}}/product
    anchor: {contains: product}
    followed: true
    in_raw: true
    placement: content
  - name: sponsored
    source: {{host:blog}}/ugc
    target: {{host:shop}}/product
    verdicts: [nofollow]
`)
	bad := write("bad.yaml", `links:
  - name: review
    source: {{host:blog}}/ok
    target: {{host:shop}}/product
  - name: the removed one
    source: {{host:blog}}/removed
    target: {{host:shop}}/product
`)
	broken := write("broken.yaml", `links:
  - source: {{host:blog}}/ok
    target: {{host:shop}}/product
    verdict: [ok]
`)
	junit := filepath.Join(dir, "junit.xml")
	code, out, errOut := run(t, "check", "--no-render", good, "--junit", junit)
	if code != 0 {
		t.Fatalf("good file: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "2 passed, 0 failed") {
		t.Errorf("text output: %s", out)
	}
	code, out, _ = run(t, "check", "--no-render", bad, "--junit", junit)
	if code != 1 {
		t.Fatalf("bad expectations: exit %d, want 1\n%s", code, out)
	}
	b, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var js junitSuites
	if err := xml.Unmarshal(b, &js); err != nil {
		t.Fatalf("JUnit XML does not parse: %v\n%s", err, b)
	}
	if len(js.Suites) != 1 || js.Suites[0].Tests != 2 || js.Suites[0].Failures != 1 {
		t.Fatalf("JUnit = %+v", js)
	}
	var msg string
	for _, c := range js.Suites[0].Cases {
		if c.Failure != nil {
			msg = c.Name + ": " + c.Failure.Message
		}
	}
	if !strings.Contains(msg, "the removed one") || !strings.Contains(msg, "removed") {
		t.Errorf("failure = %q", msg)
	}
	code, _, errOut = run(t, "check", "--no-render", broken)
	if code != 2 || !strings.Contains(errOut, "broken.yaml:4") || !strings.Contains(errOut, "verdict") {
		t.Errorf("broken file: exit %d, stderr %q", code, errOut)
	}
	code, out, _ = run(t, "check", "--no-render", "--format", "junit", good)
	if code != 0 || xml.Unmarshal([]byte(out), &js) != nil {
		t.Errorf("--format junit: exit %d\n%s", code, out)
	}
}

func TestCheckGitHubAnnotations(t *testing.T) {
	s := startSite(t)
	dir := t.TempDir()
	p := filepath.Join(dir, "links.yaml")
	os.WriteFile(p, []byte(s.Expand("links:\n  - name: gone\n    source: {{host:blog}}/removed\n    target: {{host:shop}}/product\n")), 0o644)
	summary := filepath.Join(dir, "summary.md")
	io, out, _ := testIO()
	f := &Factory{IO: io, Now: nowFunc(), Getenv: func(k string) string {
		return map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary}[k]
	}}
	root := NewRootCmd(f)
	root.SetArgs([]string{"check", "--no-render", p})
	err := root.ExecuteContext(t.Context())
	if exitCode(err) != 1 {
		t.Fatalf("exit %d (%v)", exitCode(err), err)
	}
	if !strings.Contains(out.String(), "::error file="+p+",line=2") {
		t.Errorf("no annotation:\n%s", out)
	}
	if b, _ := os.ReadFile(summary); !strings.Contains(string(b), "| ") {
		t.Errorf("step summary: %q", b)
	}
}

func TestBatchResume(t *testing.T) {
	s := startSite(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "links.csv")
	var b strings.Builder
	b.WriteString("Referring page URL,Target URL,Anchor\n")
	pages := []string{"ok", "removed", "nofollow", "noindex", "ok", "canonical"}
	for _, p := range pages {
		fmt.Fprintf(&b, "%s/%s,%s/product,x\n", s.URL("blog"), p, s.URL("shop"))
	}
	b.WriteString("not a url,,\n")
	os.WriteFile(list, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, errOut := run(t, "batch", "--no-render", list, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	first, _ := os.ReadFile(filepath.Join(out, "results.jsonl"))
	lines := strings.Split(strings.TrimSpace(string(first)), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d records for 7 rows", len(lines))
	}
	for i, l := range lines {
		var r struct {
			Row     int
			Verdict string
		}
		json.Unmarshal([]byte(l), &r)
		if r.Row != i+1 {
			t.Errorf("line %d has row %d: not in input order", i+1, r.Row)
		}
	}
	if !strings.Contains(stdout, "invalid_input") || !strings.Contains(stdout, "total") {
		t.Errorf("summary table: %s", stdout)
	}
	// Cut the file to 3 records plus a torn line, as a killed run leaves it; resume redoes the rest.
	torn := strings.Join(lines[:3], "\n") + "\n" + lines[3][:20]
	os.WriteFile(filepath.Join(out, "results.jsonl"), []byte(torn), 0o644)
	code, _, errOut = run(t, "batch", "--no-render", list, "--out", out, "--resume")
	if code != 0 || !strings.Contains(errOut, "3 resumed") {
		t.Fatalf("resume: exit %d, %s", code, errOut)
	}
	second, _ := os.ReadFile(filepath.Join(out, "results.jsonl"))
	if stripTimes(string(second)) != stripTimes(string(first)) {
		t.Errorf("resumed results differ:\n%s\n---\n%s", first, second)
	}
	for _, f := range []string{"results.csv", "report.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

// A list saved by Excel as "CSV" on Western Windows is Windows-1252: it is read as such, with a
// note, and its accents survive into the results.
func TestBatchWindows1252(t *testing.T) {
	s := startSite(t)
	dir := t.TempDir()
	list := filepath.Join(dir, "excel.csv")
	content := "Source;Target;Anchor\r\n" + s.URL("blog") + "/ok;" + s.URL("shop") + "/product;Caf\xe9 cr\xe8me\r\n"
	if err := os.WriteFile(list, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, errOut := run(t, "batch", "--no-render", list, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "is not UTF-8; read as Windows-1252") {
		t.Errorf("no encoding note on stderr: %s", errOut)
	}
	csv, err := os.ReadFile(filepath.Join(out, "results.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csv), "Café crème") {
		t.Errorf("results.csv lost the accents:\n%s", csv)
	}
}

// stripTimes removes the fields that differ between two runs of the same rows.
func stripTimes(jsonl string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var m map[string]any
		json.Unmarshal([]byte(l), &m)
		delete(m, "checked_at")
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	return strings.Join(out, "\n")
}

func TestDemoShowsEveryVerdict(t *testing.T) {
	needChrome(t)
	out := t.TempDir()
	code, stdout, errOut := run(t, "demo", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, errOut)
	}
	b, err := os.ReadFile(filepath.Join(out, "results.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for l := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n") {
		var r struct{ Verdict string }
		json.Unmarshal([]byte(l), &r)
		seen[r.Verdict] = true
	}
	for _, v := range verdict.All() {
		if !seen[v] {
			t.Errorf("demo shows no %s verdict", v)
		}
	}
	if !strings.Contains(stdout, "report:") {
		t.Errorf("stdout: %s", stdout)
	}
}

// TestBatchThousandRows runs a 1,000-row export with duplicate rows, bad rows and hostile pages,
// then opens the report in Chromium.
func TestBatchThousandRows(t *testing.T) {
	needChrome(t)
	s := startSite(t)
	dir := t.TempDir()
	pages := []string{"ok", "removed", "nofollow", "js-only", "noindex", "hang", "busy-loop", "alert", "hostile",
		"redirect", "gone410", "unavailable", "doc.pdf", "loop-a", "lazy", "shadow", "canonical", "ugc", "onclick", "no-such-page"}
	var b strings.Builder
	b.WriteString("Source URL;Target URL;Anchor\n")
	bad := 0
	for i := range 1000 {
		switch {
		case i%97 == 13:
			b.WriteString("not a url;" + s.URL("shop") + "/product;x\n")
			bad++
		case i%101 == 50:
			b.WriteString(";;only an anchor\n")
			bad++
		default:
			// 100 distinct source pages: each is checked once for its 10 rows.
			fmt.Fprintf(&b, "%s/%s?copy=%d;%s/product;row %d\n", s.URL("blog"), pages[i%len(pages)], i%100/len(pages), s.URL("shop"), i)
		}
	}
	list := filepath.Join(dir, "big.csv")
	os.WriteFile(list, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out")
	code, stdout, errOut := run(t, "batch", list, "--out", out, "--concurrency", "4", "--timeout", "5s", "--crawlers", "googlebot,ahrefsbot")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, errOut)
	}
	recs := lines(t, filepath.Join(out, "results.jsonl"))
	if len(recs) != 1000 {
		t.Fatalf("%d records for 1,000 rows", len(recs))
	}
	invalid := 0
	for i, l := range recs {
		var r struct {
			Row     int
			Verdict string
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Row != i+1 || r.Verdict == "" {
			t.Fatalf("record %d: row %d verdict %q err %v", i+1, r.Row, r.Verdict, err)
		}
		if r.Verdict == "invalid_input" {
			invalid++
		}
	}
	if invalid != bad {
		t.Errorf("%d invalid_input records for %d bad rows", invalid, bad)
	}
	// One render per distinct page, however many rows name it.
	if n := s.Hits("blog", "/hostile?copy=0"); n > 1+2+1 { // browser fetch, 2 crawlers, Chrome
		t.Errorf("page fetched %d times", n)
	}

	// The report opens in Chromium, its totals match, and nothing from the pages runs.
	ctx := t.Context()
	br, err := render.New(ctx, render.WithTimeout(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	p, err := br.Open(ctx, "file://"+filepath.Join(out, "report.html"), render.WithoutScroll())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Failed || len(p.Dialogs) > 0 {
		t.Fatalf("report: failed=%v dialogs=%v (%s)", p.Failed, p.Dialogs, p.Err)
	}
	var rows int
	if err := p.Evaluate(ctx, `document.querySelectorAll("tr.r").length`, &rows); err != nil {
		t.Fatal(err)
	}
	if rows != 1000 {
		t.Errorf("report shows %d rows", rows)
	}
	var scripts int
	p.Evaluate(ctx, `document.querySelectorAll("script").length`, &scripts)
	if scripts > 1 {
		t.Errorf("report has %d script elements; only its own filter script is allowed", scripts)
	}
	var text string
	p.Evaluate(ctx, `document.body.innerText`, &text)
	if !strings.Contains(text, "<script>alert('anchor')</script>") {
		t.Errorf("the hostile anchor text is not shown as text")
	}
	shot, err := p.ViewportScreenshot(ctx)
	if err != nil || shot.Width < 800 {
		t.Errorf("report screenshot: %v %dx%d", err, shot.Width, shot.Height)
	}
}

func lines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}
