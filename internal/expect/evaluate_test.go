package expect

import (
	"reflect"
	"testing"

	"github.com/linkproof/linkproof/internal/record"
)

// occ is a crawlable occurrence in the raw HTML, followed, in the content.
func occ(text string) record.Link {
	return record.Link{Href: "https://b.example/", Text: text, Rel: []string{}, Kind: "a", InRaw: true, InRendered: true,
		Crawlable: true, Visible: true, Placement: "content", Selector: "main > p > a"}
}

func with(o record.Link, f func(*record.Link)) record.Link { f(&o); return o }

func TestEvaluate(t *testing.T) {
	base := Link{Name: "x", Source: "https://a.example/", Target: "https://b.example/", Verdicts: []string{"ok"}}
	link := func(f func(*Link)) Link {
		l := base
		f(&l)
		return l
	}
	rec := func(v string, links ...record.Link) record.Record {
		return record.Record{Verdict: v, Links: links}
	}
	tests := []struct {
		name string
		link Link
		rec  record.Record
		want []string
	}{
		{name: "verdict ok", link: base, rec: rec("ok", occ("Shop")), want: nil},
		{name: "verdict unexpected", link: base, rec: rec("removed"), want: []string{"verdict is removed, expected ok"}},
		{
			name: "verdict outside a list, with the error",
			link: link(func(l *Link) { l.Verdicts = []string{"ok", "js_only"} }),
			rec:  record.Record{Verdict: "error", Error: "not HTML:\n image/png"},
			want: []string{"verdict is error (not HTML: image/png), expected one of ok, js_only"},
		},
		{name: "anchor exact pass", link: link(func(l *Link) { l.Anchor = &Anchor{Exact: "Best shop"} }), rec: rec("ok", occ(" Best\n shop ")), want: nil},
		{
			name: "anchor exact is case-sensitive",
			link: link(func(l *Link) { l.Anchor = &Anchor{Exact: "Best shop"} }),
			rec:  rec("ok", occ("best shop")),
			want: []string{`anchor text is "best shop", expected "Best shop"`},
		},
		{name: "anchor contains pass, case-folded", link: link(func(l *Link) { l.Anchor = &Anchor{Contains: "STRASSE"} }), rec: rec("ok", occ("Shop on Hauptstraße")), want: nil},
		{
			name: "anchor contains fail",
			link: link(func(l *Link) { l.Anchor = &Anchor{Contains: "best product"} }),
			rec:  rec("ok", occ("Shop")),
			want: []string{`anchor text is "Shop", expected it to contain "best product"`},
		},
		{name: "followed pass", link: link(func(l *Link) { l.Followed = ptr(true) }), rec: rec("ok", occ("Shop")), want: nil},
		{
			name: "followed fail on rel, any case",
			link: link(func(l *Link) { l.Followed = ptr(true) }),
			rec:  rec("nofollow", with(occ("Shop"), func(o *record.Link) { o.Rel = []string{"noopener", "UGC", "nofollow"} })),
			want: []string{"verdict is nofollow, expected ok", "link is ugc and nofollow, expected followed"},
		},
		{
			name: "followed fail on page nofollow",
			link: link(func(l *Link) { l.Followed = ptr(true); l.Verdicts = []string{"ok", "nofollow"} }),
			rec:  record.Record{Verdict: "nofollow", Signals: []string{"page_nofollow"}, Links: []record.Link{occ("Shop")}},
			want: []string{"page has meta robots nofollow, expected the link followed"},
		},
		{
			name: "nofollow expected and found",
			link: link(func(l *Link) { l.Followed = ptr(false); l.Verdicts = []string{"nofollow"} }),
			rec:  rec("nofollow", with(occ("Shop"), func(o *record.Link) { o.Rel = []string{"sponsored"} })),
			want: nil,
		},
		{
			name: "nofollow expected, link followed",
			link: link(func(l *Link) { l.Followed = ptr(false) }),
			rec:  rec("ok", occ("Shop")),
			want: []string{"link is followed, expected nofollow, ugc or sponsored"},
		},
		{name: "in raw pass", link: link(func(l *Link) { l.InRaw = ptr(true) }), rec: rec("ok", occ("Shop")), want: nil},
		{
			name: "in raw fail, js only",
			link: link(func(l *Link) { l.InRaw = ptr(true); l.Verdicts = []string{"ok", "js_only"} }),
			rec:  rec("js_only", with(occ("Shop"), func(o *record.Link) { o.InRaw = false })),
			want: []string{"link is not in the raw HTML, only in the rendered page"},
		},
		{
			name: "only after rendering expected",
			link: link(func(l *Link) { l.InRaw = ptr(false) }),
			rec:  rec("ok", occ("Shop")),
			want: []string{"link is in the raw HTML, expected it only after rendering"},
		},
		{name: "placement pass", link: link(func(l *Link) { l.Placement = []string{"content", "aside"} }), rec: rec("ok", occ("Shop")), want: nil},
		{
			name: "placement fail",
			link: link(func(l *Link) { l.Placement = []string{"content"} }),
			rec:  rec("ok", with(occ("Shop"), func(o *record.Link) { o.Placement = "footer" })),
			want: []string{"placement is footer, expected content"},
		},
		{
			name: "placement fail, several allowed, unknown found",
			link: link(func(l *Link) { l.Placement = []string{"content", "aside"} }),
			rec:  rec("ok", with(occ("Shop"), func(o *record.Link) { o.Placement = "" })),
			want: []string{"placement is unknown, expected one of content, aside"},
		},
		{
			name: "one occurrence satisfies all together",
			link: link(func(l *Link) {
				l.Anchor, l.Followed, l.Placement = &Anchor{Contains: "shop"}, ptr(true), []string{"content"}
			}),
			rec: rec("ok",
				with(occ("Shop"), func(o *record.Link) { o.Placement = "footer" }),
				with(occ("Home"), func(o *record.Link) { o.Placement = "content" }),
				with(occ("Our shop"), func(o *record.Link) { o.Placement = "content" }),
			),
			want: nil,
		},
		{
			name: "none satisfies all together: the closest is reported",
			link: link(func(l *Link) {
				l.Anchor, l.Followed, l.Placement = &Anchor{Contains: "shop"}, ptr(true), []string{"content"}
			}),
			rec: rec("ok",
				with(occ("Home"), func(o *record.Link) { o.Placement = "nav"; o.Selector = "nav > a" }),
				with(occ("Shop"), func(o *record.Link) { o.Placement = "footer"; o.Selector = "footer > a" }),
				with(occ("Home"), func(o *record.Link) { o.Rel = []string{"nofollow"}; o.Selector = "main > a" }),
			),
			want: []string{
				"none of the 3 crawlable links to the target meets every expectation; the closest is footer > a",
				"placement is footer, expected content",
			},
		},
		{
			name: "non-crawlable occurrences do not count",
			link: link(func(l *Link) { l.Anchor = &Anchor{Exact: "Shop"}; l.Verdicts = []string{"ok", "not_crawlable"} }),
			rec: rec("not_crawlable",
				with(occ("Shop"), func(o *record.Link) { o.Crawlable = false; o.Kind = "onclick" }),
				with(occ("Shop"), func(o *record.Link) { o.Crawlable = false; o.Kind = "button" }),
			),
			want: []string{`no crawlable link to the target (found only: onclick, button), expected one with anchor text "Shop"`},
		},
		{
			name: "verdict failed: link failures still reported",
			link: link(func(l *Link) { l.Anchor = &Anchor{Exact: "Shop"}; l.InRaw = ptr(true) }),
			rec:  rec("js_only", with(occ("Home"), func(o *record.Link) { o.InRaw = false })),
			want: []string{
				"verdict is js_only, expected ok",
				`anchor text is "Home", expected "Shop"`,
				"link is not in the raw HTML, only in the rendered page",
			},
		},
		{
			name: "no occurrence at all: only the verdict speaks",
			link: link(func(l *Link) { l.Anchor = &Anchor{Exact: "Shop"}; l.Verdicts = []string{"ok", "server_error"} }),
			rec:  rec("server_error"),
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(tt.link, tt.rec)
			if !reflect.DeepEqual(r.Failures, tt.want) {
				t.Errorf("Failures:\n got %q\nwant %q", r.Failures, tt.want)
			}
			if r.Passed() != (len(tt.want) == 0) {
				t.Errorf("Passed = %v with failures %q", r.Passed(), r.Failures)
			}
			if !reflect.DeepEqual(r.Link, tt.link) || !reflect.DeepEqual(r.Record, tt.rec) {
				t.Errorf("Result does not carry the link and record")
			}
		})
	}
}

func TestErrored(t *testing.T) {
	tests := []struct {
		verdict string
		allowed []string
		want    bool
	}{
		{"error", []string{"ok"}, true},
		{"invalid_input", []string{"ok"}, true},
		{"unreachable", []string{"ok"}, false},
		{"removed", []string{"ok"}, false},
		{"error", []string{"ok", "error"}, false},
		{"ok", []string{"ok"}, false},
	}
	for _, tt := range tests {
		r := Evaluate(Link{Verdicts: tt.allowed}, record.Record{Verdict: tt.verdict})
		if got := r.Errored(); got != tt.want {
			t.Errorf("verdict %s allowed %v: Errored = %v, want %v", tt.verdict, tt.allowed, got, tt.want)
		}
	}
}
