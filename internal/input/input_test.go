package input

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name, file, content string
		format, src, tgt    string
		cols                []string
		rows                []wantRow
	}{
		{
			name: "comma csv", file: "list.csv",
			content: "source,target,anchor\nhttps://a.example/1,https://t.example/x,Foo\nhttps://a.example/2,https://t.example/y,Bar\n",
			format:  "csv", src: "source", tgt: "target", cols: []string{"source", "target", "anchor"},
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}, {2, 3, "https://a.example/2", "https://t.example/y", ""}},
		},
		{
			name: "semicolon csv (European Excel)", file: "list.csv",
			content: "Source URL;Target URL;Anchor\r\nhttps://a.example/1;https://t.example/x;a, b\r\n",
			format:  "csv", src: "Source URL", tgt: "Target URL", cols: []string{"Source URL", "Target URL", "Anchor"},
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "tsv", file: "list.tsv",
			content: "source_url\ttarget_url\tnote\nhttps://a.example/1\thttps://t.example/x\tsemi;colon, comma\n",
			format:  "tsv", src: "source_url", tgt: "target_url",
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "tsv named .txt", file: "export.txt",
			content: "url from\turl to\nhttps://a.example/1\thttps://t.example/x\n",
			format:  "tsv", src: "url from", tgt: "url to",
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "jsonl", file: "list.jsonl",
			content: `{"source":"https://a.example/1","target":"https://t.example/x","dr":71}` + "\n\n" + `{"target":"https://t.example/y","source":" https://a.example/2 "}` + "\n",
			format:  "jsonl", src: "source", tgt: "target", cols: []string{"source", "target", "dr"},
			rows: []wantRow{{1, 1, "https://a.example/1", "https://t.example/x", ""}, {2, 3, "https://a.example/2", "https://t.example/y", ""}},
		},
		{
			name: "json array", file: "list.json",
			content: "[\n  {\"source_url\": \"https://a.example/1\", \"target_url\": \"https://t.example/x\"},\n  {\n    \"source_url\": \"https://a.example/2\",\n    \"target_url\": \"https://t.example/y\"\n  }\n]\n",
			format:  "jsonl", src: "source_url", tgt: "target_url",
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}, {2, 3, "https://a.example/2", "https://t.example/y", ""}},
		},
		{
			name: "content beats extension: csv named .jsonl", file: "list.jsonl",
			content: "source,target\nhttps://a.example/1,https://t.example/x\n",
			format:  "csv", src: "source", tgt: "target",
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "content beats extension: jsonl named .csv", file: "list.csv",
			content: `{"source":"https://a.example/1","target":"https://t.example/x"}`,
			format:  "jsonl", src: "source", tgt: "target",
			rows: []wantRow{{1, 1, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "old Mac line ends", file: "list.csv",
			content: "source,target\rhttps://a.example/1,https://t.example/x\rhttps://a.example/2,https://t.example/y\r",
			format:  "csv", src: "source", tgt: "target",
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}, {2, 3, "https://a.example/2", "https://t.example/y", ""}},
		},
		{
			name: "no trailing newline, padded values", file: "list.csv",
			content: "Source , Target\n  https://a.example/1 ,\thttps://t.example/x",
			format:  "csv", src: "Source", tgt: "Target",
			rows: []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "excel sep directive", file: "list.csv",
			content: "sep=;\nsource;target;anchor\nhttps://a.example/1;https://t.example/x;x,y\n",
			format:  "csv", src: "source", tgt: "target", cols: []string{"source", "target", "anchor"},
			rows: []wantRow{{1, 3, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "report lines before the header", file: "moz.csv",
			content: "Inbound links for shop.example\nExported 2026-03-05\n\nURL,Title,Target URL\nhttps://a.example/1,\"T, 1\",https://t.example/x\n",
			format:  "csv", src: "URL", tgt: "Target URL", cols: []string{"URL", "Title", "Target URL"},
			rows: []wantRow{{1, 5, "https://a.example/1", "https://t.example/x", ""}},
		},
		{
			name: "header only", file: "list.csv",
			content: "source,target\n\n",
			format:  "csv", src: "source", tgt: "target",
			rows: []wantRow{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, []byte(tt.content), tt.file)
			checkColumns(t, l, tt.format, tt.src, tt.tgt, tt.cols...)
			checkRows(t, l.Rows, tt.rows)
		})
	}
}

func TestReadEncodings(t *testing.T) {
	const doc = "Referring page URL\tTarget URL\tAnchor\nhttps://a.example/é\thttps://t.example/x\tCafé ☕ 日本\n"
	tests := []struct {
		name    string
		content []byte
	}{
		{"utf-8", []byte(doc)},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), doc...)},
		{"utf-16le with BOM", utf16Bytes(doc, binary.LittleEndian, true)},
		{"utf-16be with BOM", utf16Bytes(doc, binary.BigEndian, true)},
		{"utf-16le without BOM", utf16Bytes(doc, binary.LittleEndian, false)},
		{"utf-16be without BOM", utf16Bytes(doc, binary.BigEndian, false)},
		{"utf-16le with CRLF", utf16Bytes(strings.ReplaceAll(doc, "\n", "\r\n"), binary.LittleEndian, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, tt.content, "export.csv")
			checkColumns(t, l, "tsv", "Referring page URL", "Target URL", "Referring page URL", "Target URL", "Anchor")
			checkRows(t, l.Rows, []wantRow{{1, 2, "https://a.example/é", "https://t.example/x", ""}})
			if got := l.Rows[0].Fields["Anchor"]; got != "Café ☕ 日本" {
				t.Errorf("Anchor = %q", got)
			}
			for _, enc := range []string{"utf-16le", "utf-16be"} {
				if strings.HasPrefix(tt.name, enc) && l.Encoding != enc {
					t.Errorf("Encoding = %q, want %q", l.Encoding, enc)
				}
			}
		})
	}
}

func TestReadInvalidUTF8(t *testing.T) {
	tests := []struct {
		name, content, anchor, encoding string
	}{
		// Excel's "CSV" on Western Windows: é is 0xE9, € is 0x80.
		{"windows-1252", "source,target,anchor\nhttps://a.example/1,https://t.example/x,caf\xE9 \x80 \xFF\n", "café € ÿ", "windows-1252"},
		// UTF-8 with a damaged byte stays UTF-8: the valid é is kept.
		{"damaged utf-8", "source,target,anchor\nhttps://a.example/1,https://t.example/x,caf\xC3\xA9 \xFF\n", "café \uFFFD", "utf-8"},
		{"utf-8", "source,target,anchor\nhttps://a.example/1,https://t.example/x,café\n", "café", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, []byte(tt.content), "x.csv")
			checkRows(t, l.Rows, []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}})
			if got := l.Rows[0].Fields["anchor"]; got != tt.anchor {
				t.Errorf("anchor = %q, want %q", got, tt.anchor)
			}
			if l.Encoding != tt.encoding {
				t.Errorf("Encoding = %q, want %q", l.Encoding, tt.encoding)
			}
		})
	}
}

// TestToolHeaders uses one realistic header line per tool, with the columns
// those exports carry next to the two URLs.
func TestToolHeaders(t *testing.T) {
	tests := []struct {
		name     string
		content  []byte
		src, tgt string
		carry    map[string]string // other columns carried through
	}{
		{
			name: "ahrefs lost backlinks (UTF-16LE TSV, quoted)",
			content: utf16Bytes("\"Referring page title\"\t\"Referring page URL\"\t\"Language\"\t\"Domain rating\"\t\"UR\"\t\"Target URL\"\t\"Anchor\"\t\"Type\"\t\"Nofollow\"\t\"First seen\"\t\"Last seen\"\t\"Lost\"\t\"Lost status\"\n"+
				"\"Best tools, 2026\"\t\"https://blog.example/post\"\t\"en\"\t\"71\"\t\"12\"\t\"https://shop.example/p\"\t\"shop \"\"now\"\"\"\t\"text\"\t\"false\"\t\"2024-01-02\"\t\"2026-03-01\"\t\"2026-03-04\"\t\"Link removed\"\n",
				binary.LittleEndian, true),
			src: "Referring page URL", tgt: "Target URL",
			carry: map[string]string{"Anchor": `shop "now"`, "Domain rating": "71", "First seen": "2024-01-02", "Lost": "2026-03-04", "Lost status": "Link removed", "Referring page title": "Best tools, 2026"},
		},
		{
			name:    "ahrefs legacy export",
			content: []byte("#,Domain Rating,Referring Page URL,Referring Page Title,Link URL,TextPre,Link Anchor,TextPost,Type,Nofollow,First Seen,Last Check\n1,55,https://blog.example/post,Title,https://shop.example/p,,click,,href,false,2019-05-01,2020-01-01\n"),
			src:     "Referring Page URL", tgt: "Link URL",
			carry: map[string]string{"Link Anchor": "click", "Domain Rating": "55", "#": "1"},
		},
		{
			name:    "semrush backlinks",
			content: []byte("Page ascore,Source title,Source url,Target url,Anchor,External links,Internal links,Nofollow,Sponsored,Ugc,Text,Frame,Form,Image,Sitewide,First seen,Last seen,New link,Lost link\n12,Post,https://blog.example/post,https://shop.example/p,shop,3,40,false,false,false,true,false,false,false,false,2024-01-02,2026-03-01,false,true\n"),
			src:     "Source url", tgt: "Target url",
			carry: map[string]string{"Page ascore": "12", "Lost link": "true", "First seen": "2024-01-02"},
		},
		{
			name: "majestic backlinks",
			content: []byte(`"TargetURL","SourceURL","AnchorText","SourceCrawlDate","SourceFirstFoundDate","FlagNoFollow","FlagImageLink","FlagRedirect","FlagFrame","FlagOldCrawl","FlagAltText","FlagMention","SourceCitationFlow","SourceTrustFlow","TargetCitationFlow","TargetTrustFlow","SourceTopicalTrustFlow_Topic_0","SourceTopicalTrustFlow_Value_0","ReferringDomainTopicalTrustFlow_Topic_0","ReferringDomainTopicalTrustFlow_Value_0","LastSeenDate","DateLost","ReasonLost","LinkType","LinkSubType","TargetFinalRedirect","SourceOutDomainsExternalCount","SourceOutLinksExternalCount","SourceOutLinksInternalCount","SourceLinkDensity"` + "\n" +
				`"https://shop.example/p","https://blog.example/post","shop","2026-02-01","2024-01-02","-","-","-","-","-","-","-","22","15","30","20","Shopping","10","Shopping","12","2026-02-01","2026-03-01","Link removed","TextLink","","","5","9","40","0.1"` + "\n"),
			src: "SourceURL", tgt: "TargetURL",
			carry: map[string]string{"AnchorText": "shop", "ReasonLost": "Link removed", "DateLost": "2026-03-01"},
		},
		{
			name: "moz open site explorer (report lines before the header, bare URL)",
			content: []byte("Moz Link Explorer export\nTarget: shop.example\nCreated: 2026-03-05\n\n" +
				"URL,Title,Anchor Text,Spam Score,Page Authority,Domain Authority,Number of Domains Linking to this Page,Number of Domains Linking to Domain,Origin,Target URL,Link Equity,No Link Equity,Only rel=nofollow,Only follow,301\n" +
				"https://blog.example/post,Post,shop,1%,30,45,12,900,external,https://shop.example/p,Yes,No,No,Yes,No\n"),
			src: "URL", tgt: "Target URL",
			carry: map[string]string{"Anchor Text": "shop", "Spam Score": "1%", "Domain Authority": "45"},
		},
		{
			name:    "search console links with a target column added by hand",
			content: []byte("Linking page,Last crawled,Target\nhttps://blog.example/post,2026-03-01,https://shop.example/p\n"),
			src:     "Linking page", tgt: "Target",
			carry: map[string]string{"Last crawled": "2026-03-01"},
		},
		{
			name:    "ahrefs API field names",
			content: []byte("url_from;url_to;domain_rating;first_seen;last_visited\nhttps://blog.example/post;https://shop.example/p;71;2024-01-02;2026-03-01\n"),
			src:     "url_from", tgt: "url_to",
			carry: map[string]string{"domain_rating": "71"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, tt.content, "export.csv")
			if l.SourceColumn != tt.src || l.TargetColumn != tt.tgt {
				t.Fatalf("columns %q, %q; want %q, %q", l.SourceColumn, l.TargetColumn, tt.src, tt.tgt)
			}
			if len(l.Rows) != 1 {
				t.Fatalf("got %d rows: %+v", len(l.Rows), l.Rows)
			}
			r := l.Rows[0]
			if r.N != 1 || r.Source != "https://blog.example/post" || r.Target != "https://shop.example/p" || r.Err != "" {
				t.Errorf("row = %+v", r)
			}
			if len(r.Fields) != len(l.Columns) {
				t.Errorf("row has %d fields, list has %d columns", len(r.Fields), len(l.Columns))
			}
			for k, v := range tt.carry {
				if r.Fields[k] != v {
					t.Errorf("Fields[%q] = %q, want %q", k, r.Fields[k], v)
				}
			}
		})
	}
}

func TestReadQuotedFields(t *testing.T) {
	content := "source,target,anchor,context\n" +
		"\"https://a.example/1?a=1,2\",https://t.example/x,\"multi\nline, anchor\",\"say \"\"hi\"\"\"\n" +
		"https://a.example/2,https://t.example/y,plain,bare \"quote\" inside\n" +
		"https://a.example/3,\"https://t.example/z\",\"\",\n"
	l := mustRead(t, []byte(content), "q.csv")
	checkRows(t, l.Rows, []wantRow{
		{1, 2, "https://a.example/1?a=1,2", "https://t.example/x", ""},
		{2, 4, "https://a.example/2", "https://t.example/y", ""},
		{3, 5, "https://a.example/3", "https://t.example/z", ""},
	})
	if got := l.Rows[0].Fields["anchor"]; got != "multi\nline, anchor" {
		t.Errorf("anchor = %q", got)
	}
	if got := l.Rows[0].Fields["context"]; got != `say "hi"` {
		t.Errorf("context = %q", got)
	}
	if got := l.Rows[1].Fields["context"]; got != `bare "quote" inside` {
		t.Errorf("lazy quotes: context = %q", got)
	}
}

func TestReadBadRows(t *testing.T) {
	content := "source,target,anchor,dr\n" + //  line 1
		"https://a.example/1,https://t.example/x,a,1\n" + // 2: ok
		",https://t.example/x,b,2\n" + //                   3: missing source
		"https://a.example/3,   ,c,3\n" + //                4: blank target
		"\n" + //                                           5: blank line, skipped
		" , ,d,4\n" + //                                    6: both missing
		"https://a.example/5\n" + //                        7: too few fields for target
		"https://a.example/6,https://t.example/y\n" + //    8: short, but source and target present
		",,,\n" + //                                        9: empty record, skipped
		"   \n" + //                                        10: white space only, skipped
		"https://a.example/7,https://t.example/z,e,5,x1,x2\n" // 11: extra fields
	l := mustRead(t, []byte(content), "bad.csv")
	checkColumns(t, l, "csv", "source", "target", "source", "target", "anchor", "dr", "_extra_1", "_extra_2")
	checkRows(t, l.Rows, []wantRow{
		{1, 2, "https://a.example/1", "https://t.example/x", ""},
		{2, 3, "", "https://t.example/x", "missing source URL"},
		{3, 4, "https://a.example/3", "", "missing target URL"},
		{4, 6, "", "", "missing source and target URLs"},
		{5, 7, "https://a.example/5", "", "wrong number of fields: 1, header has 4"},
		{6, 8, "https://a.example/6", "https://t.example/y", ""},
		{7, 11, "https://a.example/7", "https://t.example/z", ""},
	})
	if f := l.Rows[6].Fields; f["_extra_1"] != "x1" || f["_extra_2"] != "x2" || f["dr"] != "5" {
		t.Errorf("extra fields = %v", f)
	}
	if _, ok := l.Rows[5].Fields["dr"]; ok {
		t.Errorf("short row has a dr field: %v", l.Rows[5].Fields)
	}
	if got := l.Rows[1].Fields["anchor"]; got != "b" {
		t.Errorf("bad row lost its fields: %v", l.Rows[1].Fields)
	}
}

func TestReadHeaderNames(t *testing.T) {
	tests := []struct {
		name, content string
		src, tgt      string
		cols          []string
	}{
		{"case and spacing", "  SOURCE   URL ,Target_Url\n", "SOURCE   URL", "Target_Url", nil},
		{"BOM and quotes in the header", "\uFEFF\"source\",\"target\"\n", "source", "target", []string{"source", "target"}},
		{"two BOMs and quotes", "\uFEFF\uFEFF\"source\", \"target\"\n", "source", "target", []string{"source", "target"}},
		{"camel case", "ReferringPageUrl,LinkUrl\n", "ReferringPageUrl", "LinkUrl", nil},
		{"priority: source beats referring page", "Referring page,Source,Target\n", "Source", "Target", nil},
		{"priority: leftmost of equal names", "target,source,Source\n", "source", "target", []string{"target", "source", "Source"}},
		{"bare URL with target", "URL,Target URL\n", "URL", "Target URL", nil},
		{"bare URL loses to a source name", "URL,Source URL,Target URL\n", "Source URL", "Target URL", nil},
		{"empty and duplicate names", "source,,target,Anchor,Anchor,\n", "source", "target",
			[]string{"source", "_column_2", "target", "Anchor", "Anchor_2", "_column_6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustRead(t, []byte(tt.content+"https://a.example/1,https://t.example/x\n"), "h.csv")
			checkColumns(t, l, "csv", tt.src, tt.tgt, tt.cols...)
		})
	}
}

func TestReadHeaderless(t *testing.T) {
	l := mustRead(t, []byte("https://a.example/1,https://t.example/x\nhttps://a.example/2 , https://t.example/y,note\n,https://t.example/z\n"), "pairs.txt")
	checkColumns(t, l, "csv", "source", "target", "source", "target", "_extra_1")
	checkRows(t, l.Rows, []wantRow{
		{1, 1, "https://a.example/1", "https://t.example/x", ""},
		{2, 2, "https://a.example/2", "https://t.example/y", ""},
		{3, 3, "", "https://t.example/z", "missing source URL"},
	})

	l = mustRead(t, []byte("HTTPS://a.example/1\thttp://t.example/x\n"), "pairs.tsv")
	checkColumns(t, l, "tsv", "source", "target")
	checkRows(t, l.Rows, []wantRow{{1, 1, "HTTPS://a.example/1", "http://t.example/x", ""}})
}

func TestReadUnusable(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    []string // substrings of the message
	}{
		{"empty", nil, []string{"empty input list"}},
		{"blank", []byte(" \r\n\t\n"), []string{"empty input list"}},
		{"utf-16 BOM only", []byte{0xFF, 0xFE}, []string{"empty input list"}},
		{"no header", []byte("page,link\nhttps://a.example/1,https://t.example/x\n"),
			[]string{"no source or target column", `"source"`, `"referring page url"`, `"url from"`, `"target"`, `"link url"`, `found "page", "link"`}},
		{"no target", []byte("Linking page,Last crawled\nhttps://a.example/1,2026-03-01\n"),
			[]string{"no target column: expected one of", `"target_url"`, `"url to"`, `found "Linking page", "Last crawled"`, "Search Console"}},
		{"no source", []byte("Target URL,Anchor\nhttps://t.example/x,shop\n"),
			[]string{"no source column: expected one of", `"source_url"`, `"linking page"`, `found "Target URL", "Anchor"`}},
		{"bare URL without target", []byte("URL,Title\nhttps://a.example/1,x\n"), []string{"no source or target column"}},
		{"single URL per line", []byte("https://a.example/1\nhttps://a.example/2\n"), []string{"no source or target column"}},
		{"jsonl without target", []byte(`{"source":"https://a.example/1"}` + "\n"), []string{"no target column", `found "source"`}},
		{"jsonl with only bad lines", []byte("{oops\n{\"a\":\n"), []string{"no source or target column", "found no header"}},
		{"broken json array", []byte("[\n{\"source\":\"https://a.example/1\",\"target\":\"https://t.example/x\"},\n{\"source\": oops}\n]"), []string{"invalid JSON array at line 3"}},
		{"xlsx", []byte("PK\x03\x04\x14\x00\x06\x00"), []string{"Excel workbook"}},
		{"binary", []byte("source,target\x00\x00\x01\x02"), []string{"unreadable encoding"}},
		{"utf-32", []byte("\xFF\xFE\x00\x00s\x00\x00\x00"), []string{"unreadable encoding"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Read(bytes.NewReader(tt.content), "in.csv")
			if err == nil {
				t.Fatalf("no error; list = %+v", l)
			}
			if !errors.Is(err, ErrUnusable) {
				t.Errorf("error %v does not wrap ErrUnusable", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadReaderError(t *testing.T) {
	boom := errors.New("disk on fire")
	_, err := Read(iotest.ErrReader(boom), "x.csv")
	if !errors.Is(err, boom) || errors.Is(err, ErrUnusable) {
		t.Fatalf("err = %v, want the reader's error and not ErrUnusable", err)
	}
	_, err = Read(io.MultiReader(strings.NewReader("source,target\nhttps://a.example/1,"), iotest.ErrReader(boom)), "x.csv")
	if !errors.Is(err, boom) || errors.Is(err, ErrUnusable) {
		t.Fatalf("late failure: err = %v", err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lost.tsv")
	if err := os.WriteFile(path, utf16Bytes("Referring page URL\tTarget URL\nhttps://a.example/1\thttps://t.example/x\n", binary.LittleEndian, true), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	checkColumns(t, l, "tsv", "Referring page URL", "Target URL")
	checkRows(t, l.Rows, []wantRow{{1, 2, "https://a.example/1", "https://t.example/x", ""}})

	if _, err := ReadFile(filepath.Join(dir, "missing.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: err = %v", err)
	}
	empty := filepath.Join(dir, "empty.csv")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(empty); !errors.Is(err, ErrUnusable) || !strings.Contains(err.Error(), empty) {
		t.Errorf("empty file: err = %v, want ErrUnusable naming the path", err)
	}
}
