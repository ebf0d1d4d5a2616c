package input

import (
	"testing"
)

func TestReadJSONL(t *testing.T) {
	content := `{"source":"https://a.example/1","target":"https://t.example/x","dr":71,"nofollow":false,"tags":["a", "b"],"meta":{"k": 1},"note":null}` + "\n" + // 1
		"\n" + // 2 blank
		`not json` + "\n" + // 3
		`["https://a.example/3","https://t.example/z"]` + "\n" + // 4
		`{"source":"https://a.example/4","target":"https://t.example/x"} trailing` + "\n" + // 5
		`"just a string"` + "\n" + // 6
		`{"Referring page URL":"https://a.example/7","Anchor":"x"}` + "\n" + // 7: no "source" key
		`{"target":"https://t.example/y","source":"https://a.example/8","source":"https://a.example/8b","extra":"e"}` + "\r\n" + // 8 CRLF, duplicate key
		`{"source":"","target":"https://t.example/x"}` + "\n" + // 9
		`{}` // 10
	l := mustRead(t, []byte(content), "lost.jsonl")
	checkColumns(t, l, "jsonl", "source", "target",
		"source", "target", "dr", "nofollow", "tags", "meta", "note", "Referring page URL", "Anchor", "extra")
	checkRows(t, l.Rows, []wantRow{
		{1, 1, "https://a.example/1", "https://t.example/x", ""},
		{2, 3, "", "", "invalid JSON: invalid character"},
		{3, 4, "", "", "invalid JSON: expected an object, found an array"},
		{4, 5, "", "", "invalid JSON: invalid character 't' after top-level value"},
		{5, 6, "", "", "invalid JSON: expected an object, found a string"},
		{6, 7, "", "", "missing source and target URLs"},
		{7, 8, "https://a.example/8b", "https://t.example/y", ""},
		{8, 9, "", "https://t.example/x", "missing source URL"},
		{9, 10, "", "", "missing source and target URLs"},
	})
	f := l.Rows[0].Fields
	for k, want := range map[string]string{"dr": "71", "nofollow": "false", "tags": `["a","b"]`, "meta": `{"k":1}`, "note": ""} {
		if got, ok := f[k]; !ok || got != want {
			t.Errorf("Fields[%q] = %q (present %v), want %q", k, got, ok, want)
		}
	}
	if got := l.Rows[6].Fields["extra"]; got != "e" {
		t.Errorf("extra = %q", got)
	}
}

func TestReadJSONLBadFirstLine(t *testing.T) {
	l := mustRead(t, []byte("oops\n{\"source\":\"https://a.example/1\",\"target\":\"https://t.example/x\"}\n"), "list.ndjson")
	checkColumns(t, l, "jsonl", "source", "target")
	checkRows(t, l.Rows, []wantRow{
		{1, 1, "", "", "invalid JSON"},
		{2, 2, "https://a.example/1", "https://t.example/x", ""},
	})
}

func TestReadJSONArray(t *testing.T) {
	content := "[{\"source\":\"https://a.example/1\",\"target\":\"https://t.example/x\"},\n" +
		"  42,\n" +
		"\n" +
		"  {\"source\":\"https://a.example/3\",\n   \"target\":\"https://t.example/z\", \"n\": 1.5e3}\n" +
		"]\n"
	l := mustRead(t, []byte(content), "export.json")
	checkColumns(t, l, "jsonl", "source", "target", "source", "target", "n")
	checkRows(t, l.Rows, []wantRow{
		{1, 1, "https://a.example/1", "https://t.example/x", ""},
		{2, 2, "", "", "expected an object, found a number"},
		{3, 4, "https://a.example/3", "https://t.example/z", ""},
	})
	if got := l.Rows[2].Fields["n"]; got != "1.5e3" {
		t.Errorf("n = %q, want the JSON text", got)
	}
}
