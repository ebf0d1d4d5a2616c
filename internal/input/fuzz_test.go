package input

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

func FuzzRead(f *testing.F) {
	seeds := []string{
		"source,target\nhttps://a.example/1,https://t.example/x\n",
		"sep=;\nsource;target\n;\n",
		"URL,Target URL\n\"a\nb\",c,d\n",
		"https://a.example/1\thttps://t.example/x\n",
		`{"source":"https://a.example/1","target":"x"}` + "\nnope\n[1]\n",
		`[{"source":"s","target":"t"}, 1, "x"]`,
		"Moz\n\nurl,title\nurl,Target URL\n1,2,3\n",
		"source,target,\"unterminated\nhttps://a.example,https://b.example\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), "in.csv")
	}
	f.Add(utf16Bytes("source\ttarget\nhttps://a\thttps://b\n", binary.LittleEndian, true), "in.tsv")
	f.Add(utf16Bytes("source\ttarget\n", binary.BigEndian, false), "in.jsonl")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		l, err := Read(bytes.NewReader(data), name)
		if err != nil {
			if !errors.Is(err, ErrUnusable) {
				t.Fatalf("error from an in-memory reader does not wrap ErrUnusable: %v", err)
			}
			if l != nil {
				t.Fatal("list returned with an error")
			}
			return
		}
		if l.SourceColumn == "" || l.TargetColumn == "" || l.SourceColumn == l.TargetColumn {
			t.Fatalf("columns %q, %q", l.SourceColumn, l.TargetColumn)
		}
		cols := map[string]bool{}
		for _, c := range l.Columns {
			if cols[c] {
				t.Fatalf("duplicate column %q in %q", c, l.Columns)
			}
			cols[c] = true
		}
		if !cols[l.SourceColumn] || !cols[l.TargetColumn] {
			t.Fatalf("source/target %q/%q not in columns %q", l.SourceColumn, l.TargetColumn, l.Columns)
		}
		prevLine := 0
		for i, r := range l.Rows {
			if r.N != i+1 {
				t.Fatalf("row %d has N=%d", i, r.N)
			}
			if r.Line < 1 || r.Line < prevLine {
				t.Fatalf("row %d has Line=%d after %d", i, r.Line, prevLine)
			}
			prevLine = r.Line
			if r.Err == "" && (r.Source == "" || r.Target == "") {
				t.Fatalf("row %d has no Err but Source=%q Target=%q", i, r.Source, r.Target)
			}
			for k := range r.Fields {
				if !cols[k] {
					t.Fatalf("row %d field %q is not a column", i, k)
				}
			}
		}
	})
}
