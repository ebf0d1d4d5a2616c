package expect

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

func ptr(b bool) *bool { return &b }

func TestParseFileExample(t *testing.T) {
	f, err := ParseFile("testdata/links.yaml")
	if err != nil {
		t.Fatalf("ParseFile: %v", err)
	}
	want := &File{
		Defaults: Defaults{
			Verdicts: []string{"ok"}, Crawlers: []string{"googlebot", "ahrefsbot"},
			Timeout: 30 * time.Second, Match: "loose", InRaw: ptr(true),
		},
		Links: []Link{
			{
				Name: "Partner review on example blog", Source: "https://blog.example/post", Target: "https://shop.example/product",
				Verdicts: []string{"ok", "js_only"}, Anchor: &Anchor{Contains: "best product"},
				Followed: ptr(true), InRaw: ptr(true), Placement: []string{"content"}, Line: 10,
			},
			{
				Name: "Directory listing", Source: "http://directory.example/shops?page=2", Target: "https://shop.example/",
				Verdicts: []string{"ok"}, Anchor: &Anchor{Exact: "Example Shop"},
				InRaw: ptr(true), Placement: []string{"footer"}, Line: 18,
			},
			{
				Name: "Sponsored mention", Source: "https://news.example/roundup", Target: "https://shop.example/deals",
				Verdicts: []string{"nofollow"}, Anchor: &Anchor{Exact: "Great deals"}, Followed: ptr(false), Line: 25,
			},
			{
				Source: "https://forum.example/t/123", Target: "https://shop.example/product",
				Verdicts: []string{"ok"}, InRaw: ptr(true), Line: 33,
			},
		},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("ParseFile:\n got %s\nwant %s", dump(t, f), dump(t, want))
	}
}

func dump(t *testing.T, v any) string {
	t.Helper()
	b, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := v.(Link); ok {
		return fmt.Sprintf("line %d\n%s", l.Line, b)
	}
	return string(b)
}

func TestParseForms(t *testing.T) {
	const pair = "source: https://a.example/\n    target: https://b.example/\n"
	tests := []struct {
		name string
		yaml string
		want Link // Line is checked too
	}{
		{
			name: "defaults only",
			yaml: "links:\n  - " + pair,
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, Line: 2},
		},
		{
			name: "anchor plain string is exact, spaces collapsed",
			yaml: "links:\n  - " + pair + "    anchor: \"  Best   shop \"\n",
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, Anchor: &Anchor{Exact: "Best shop"}, Line: 2},
		},
		{
			name: "anchor exact mapping",
			yaml: "links:\n  - " + pair + "    anchor: {exact: Shop}\n",
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, Anchor: &Anchor{Exact: "Shop"}, Line: 2},
		},
		{
			name: "anchor contains block mapping",
			yaml: "links:\n  - " + pair + "    anchor:\n      contains: shop\n",
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, Anchor: &Anchor{Contains: "shop"}, Line: 2},
		},
		{
			name: "single verdict and placement, case-insensitive, repeats dropped",
			yaml: "links:\n  - " + pair + "    verdicts: JS_Only\n    placement: [Footer, footer, nav]\n",
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"js_only"}, Placement: []string{"footer", "nav"}, Line: 2},
		},
		{
			name: "defaults merged, link values win",
			yaml: "defaults:\n  verdicts: [ok, nofollow]\n  followed: true\n  in_raw: false\n  placement: content\nlinks:\n  - " + pair + "    followed: false\n",
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok", "nofollow"},
				Followed: ptr(false), InRaw: ptr(false), Placement: []string{"content"}, Line: 7},
		},
		{
			name: "null drops an inherited expectation",
			yaml: "defaults:\n  followed: true\n  placement: [content]\nlinks:\n  - " + pair + "    followed: null\n    placement: ~\n",
			want: Link{Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}, Line: 5},
		},
		{
			name: "merge key and alias",
			yaml: "links:\n  - &base\n    " + pair + "    verdicts: [ok, js_only]\n  - <<: *base\n    name: second\n    verdicts: [removed]\n",
			want: Link{Name: "second", Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"removed"}, Line: 6},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.yaml), "links.yaml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got := f.Links[len(f.Links)-1]
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("link:\n got %s\nwant %s", dump(t, got), dump(t, tt.want))
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const ok = "  - source: https://a.example/\n    target: https://b.example/\n"
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{
			name: "unknown verdict",
			yaml: "links:\n" + ok + "  - source: https://a.example/x\n    target: https://b.example/\n    verdicts: [ok, okk]\n",
			want: []string{`links.yaml:6: links[1].verdicts: unknown verdict "okk", did you mean "ok"? (known: invalid_input, unreachable, gone, server_error, error, redirected, paywalled, consent_wall, removed, blocked, noindex, canonicalized, js_only, not_crawlable, nofollow, ok)`},
		},
		{
			name: "verdict on its own line points at that line",
			yaml: "links:\n" + ok + "    verdicts:\n      - ok\n      - gnoe\n",
			want: []string{`links.yaml:6: links[0].verdicts: unknown verdict "gnoe", did you mean "gone"? (known: invalid_input, unreachable, gone, server_error, error, redirected, paywalled, consent_wall, removed, blocked, noindex, canonicalized, js_only, not_crawlable, nofollow, ok)`},
		},
		{
			name: "unknown link field",
			yaml: "links:\n" + ok + "    verdict: [ok]\n",
			want: []string{`links.yaml:4: links[0]: field "verdict" not found in Link, did you mean "verdicts"? (known: name, source, target, verdicts, anchor, followed, in_raw, placement)`},
		},
		{
			name: "unknown top-level and defaults fields",
			yaml: "version: 2\ndefaults:\n  timout: 3s\nlinks:\n" + ok,
			want: []string{
				`links.yaml:1: field "version" not found in File (known: defaults, links)`,
				`links.yaml:3: defaults: field "timout" not found in Defaults, did you mean "timeout"? (known: verdicts, crawlers, timeout, followed, in_raw, placement, match)`,
			},
		},
		{
			name: "unknown anchor field",
			yaml: "links:\n" + ok + "    anchor: {contain: shop}\n",
			want: []string{
				`links.yaml:4: links[0].anchor: field "contain" not found in Anchor, did you mean "contains"? (known: exact, contains)`,
				`links.yaml:4: links[0].anchor: set either "exact" or "contains"`,
			},
		},
		{
			name: "missing source and target",
			yaml: "links:\n  - name: x\n",
			want: []string{`links.yaml:2: links[0]: missing field "source"`, `links.yaml:2: links[0]: missing field "target"`},
		},
		{
			name: "relative, ftp and host-less URLs",
			yaml: "links:\n  - source: /post\n    target: ftp://b.example/\n  - source: https://\n    target: \"http://a b\"\n",
			want: []string{
				`links.yaml:2: links[0].source: must be an absolute http(s) URL, got "/post"`,
				`links.yaml:3: links[0].target: must be an absolute http(s) URL, got "ftp://b.example/"`,
				`links.yaml:4: links[1].source: must be an absolute http(s) URL, got "https://"`,
				`links.yaml:5: links[1].target: not a valid URL: parse "http://a b": invalid character " " in host name`,
			},
		},
		{
			name: "empty links list",
			yaml: "defaults:\n  verdicts: [ok]\nlinks: []\n",
			want: []string{`links.yaml:3: links: the list is empty: add at least one link`},
		},
		{
			name: "links missing",
			yaml: "defaults:\n  verdicts: [ok]\n",
			want: []string{`links.yaml:1: missing field "links": list the links to check`},
		},
		{
			name: "links not a list",
			yaml: "links:\n  source: https://a.example/\n",
			want: []string{`links.yaml:2: links: expected a list of links, got a mapping`},
		},
		{
			name: "bad placement",
			yaml: "links:\n" + ok + "    placement: [content, sidebar]\n",
			want: []string{`links.yaml:4: links[0].placement: unknown placement "sidebar" (known: content, nav, header, footer, aside)`},
		},
		{
			name: "duplicate name",
			yaml: "links:\n  - name: A\n" + strings.Replace(ok, "  - ", "    ", 1) + "  - name: A\n" + strings.Replace(ok, "  - ", "    ", 1),
			want: []string{`links.yaml:5: links[1].name: duplicate name "A" (first at line 2)`},
		},
		{
			name: "field set twice",
			yaml: "links:\n" + ok + "    source: https://c.example/\n",
			want: []string{`links.yaml:4: links[0]: field "source" is set twice (first at line 2)`},
		},
		{
			name: "bad scalars",
			yaml: "defaults:\n  timeout: 30\n  match: fuzzy\n  crawlers: [googlebot, gogglebot]\n  followed: yes\nlinks:\n" + ok + "    in_raw: [true]\n    verdicts: []\n    anchor: \"  \"\n",
			want: []string{
				`links.yaml:2: defaults.timeout: expected a positive duration such as 30s or 2m, got "30"`,
				`links.yaml:3: defaults.match: unknown match mode "fuzzy" (known: exact, loose)`,
				`links.yaml:4: defaults.crawlers: unknown crawler "gogglebot", did you mean "googlebot"? (known: googlebot, bingbot, ahrefsbot, semrushbot, mj12bot, dotbot, yandexbot, applebot, gptbot)`,
				`links.yaml:5: defaults.followed: expected true or false, got "yes"`,
				`links.yaml:9: links[0].in_raw: expected true or false, got a list`,
				`links.yaml:10: links[0].verdicts: the list is empty: name at least one verdict`,
				`links.yaml:11: links[0].anchor: the anchor text is empty`,
			},
		},
		{
			name: "syntax error",
			yaml: "links:\n  - source: [a\n",
			want: []string{`links.yaml:2: invalid YAML: did not find expected ',' or ']'`},
		},
		{
			name: "syntax error in a block mapping",
			yaml: "links:\n  - source: https://a.example/\n    target: https://b.example/\n   name: x\n",
			want: []string{`links.yaml:2: invalid YAML: did not find expected '-' indicator`},
		},
		{
			name: "scanner error",
			yaml: "links:\n  - source: a: b\n",
			want: []string{`links.yaml:2: invalid YAML: mapping values are not allowed in this context`},
		},
		{
			name: "empty file",
			yaml: "# nothing\n",
			want: []string{`links.yaml: the file is empty: it needs a links list`},
		},
		{
			name: "not a mapping",
			yaml: "- https://a.example/\n",
			want: []string{`links.yaml:1: expected a mapping of File fields (defaults, links), got a list`},
		},
		{
			name: "two documents",
			yaml: "links:\n" + ok + "---\nlinks: []\n",
			want: []string{`links.yaml:4: only one YAML document is allowed in the file`},
		},
		{
			name: "link item not a mapping",
			yaml: "links:\n  - https://a.example/\n",
			want: []string{`links.yaml:2: links[0]: expected a mapping of Link fields (name, source, target, verdicts, anchor, followed, in_raw, placement), got "https://a.example/"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.yaml), "links.yaml")
			if err == nil {
				t.Fatalf("Parse succeeded (%d links), want errors", len(f.Links))
			}
			if f != nil {
				t.Errorf("Parse returned a file with the error")
			}
			got := strings.Split(err.Error(), "\n")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n got %q\nwant %q", got, tt.want)
			}
			var pe *Error
			if !errors.As(err, &pe) || pe.File != "links.yaml" {
				t.Errorf("errors.As(*Error) = %v, %+v", errors.As(err, &pe), pe)
			}
		})
	}
}

// TestParseAllErrorsAtOnce checks that one pass reports every problem, in line order.
func TestParseAllErrorsAtOnce(t *testing.T) {
	in := `defaults:
  verdicts: [ok, fine]
links:
  - name: one
    source: https://a.example/
    target: https://b.example/
    placement: sidebar
  - name: one
    source: nope
    target: https://b.example/
    followd: true
  - target: https://b.example/
`
	_, err := Parse([]byte(in), "links.yaml")
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	var lines []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var pe *Error
		if !errors.As(e, &pe) {
			t.Fatalf("%v is not an *Error", e)
		}
		lines = append(lines, pe.Line)
	}
	want := []int{2, 7, 8, 9, 11, 12}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("error lines = %v, want %v\n%v", lines, want, err)
	}
}

func TestParseFileMissing(t *testing.T) {
	_, err := ParseFile(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ParseFile = %v, want a wrapped os.ErrNotExist", err)
	}
}

// TestFieldListsMatchTags keeps the field lists the parser accepts in step with the yaml tags.
func TestFieldListsMatchTags(t *testing.T) {
	tests := []struct {
		typ  any
		list []string
	}{
		{File{}, fileFields()},
		{Defaults{}, defaultsFields()},
		{Link{}, linkFields()},
		{Anchor{}, anchorFields()},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.typ)
		var tags []string
		for f := range typ.Fields() {
			if tag := f.Tag.Get("yaml"); tag != "-" {
				tags = append(tags, tag)
			}
		}
		if !reflect.DeepEqual(tags, tt.list) {
			t.Errorf("%s: yaml tags %v, parser fields %v", typ.Name(), tags, tt.list)
		}
	}
}

func TestAnchorUnmarshalYAML(t *testing.T) {
	tests := []struct {
		in      string
		want    Anchor
		wantErr string
	}{
		{in: "a: Shop now", want: Anchor{Exact: "Shop now"}},
		{in: "a: {exact: Shop}", want: Anchor{Exact: "Shop"}},
		{in: "a: {contains: shop}", want: Anchor{Contains: "shop"}},
		{in: "a: {exact: x, contains: y}", wantErr: `line 1: anchor: set either "exact" or "contains"`},
		{in: "a: [x]", wantErr: `line 1: anchor: expected anchor text, {exact: "..."} or {contains: "..."}, got a list`},
	}
	for _, tt := range tests {
		var v struct {
			A Anchor `yaml:"a"`
		}
		err := yaml.Unmarshal([]byte(tt.in), &v)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || v.A != tt.want {
			t.Errorf("%s: got %+v, %v; want %+v", tt.in, v.A, err, tt.want)
		}
	}
}

func TestLabel(t *testing.T) {
	if got := (Link{Name: "n", Source: "s", Target: "t"}).Label(); got != "n" {
		t.Errorf("Label = %q", got)
	}
	if got := (Link{Source: "s", Target: "t"}).Label(); got != "s → t" {
		t.Errorf("Label = %q", got)
	}
}

// TestParseLimits checks that aliases cannot make a small file expensive and that the number
// of problems reported is bounded.
func TestParseLimits(t *testing.T) {
	list := func(item string, n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat(item+", ", n), ", ") + "]"
	}
	tests := []struct {
		name, yaml, want string
		lines            int
	}{
		{
			name:  "merge fan-out",
			yaml:  "links:\n  - &m {<<: " + list("*m", 60) + "}\n",
			want:  "links.yaml:2: the document is too large or uses too many aliases",
			lines: 2,
		},
		{
			name:  "repeated problem through an alias",
			yaml:  "p: &p " + list("sidebar", 500) + "\nlinks: " + list("{placement: *p}", 500) + "\n",
			want:  "too many problems: stopped after 200",
			lines: 201,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse([]byte(tt.yaml), "links.yaml")
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Parse took %v", d)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %.300v, want it to contain %q", err, tt.want)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != tt.lines {
				t.Errorf("%d problems, want %d", n, tt.lines)
			}
		})
	}
}
