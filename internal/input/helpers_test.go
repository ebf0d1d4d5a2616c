package input

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 in the given byte order, with a BOM if bom.
func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var b []byte
	if bom {
		b = order.AppendUint16(b, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = order.AppendUint16(b, u)
	}
	return b
}

func mustRead(t *testing.T, content []byte, name string) *List {
	t.Helper()
	l, err := Read(bytes.NewReader(content), name)
	if err != nil {
		t.Fatalf("Read(%q): %v", name, err)
	}
	return l
}

// wantRow is the part of a Row a table checks.
type wantRow struct {
	N, Line        int
	Source, Target string
	Err            string // substring; "" means no error
}

func checkRows(t *testing.T, got []Row, want []wantRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.N != w.N || g.Line != w.Line || g.Source != w.Source || g.Target != w.Target {
			t.Errorf("row %d: got N=%d Line=%d Source=%q Target=%q, want N=%d Line=%d Source=%q Target=%q",
				i, g.N, g.Line, g.Source, g.Target, w.N, w.Line, w.Source, w.Target)
		}
		switch {
		case w.Err == "" && g.Err != "":
			t.Errorf("row %d: unexpected Err %q", i, g.Err)
		case w.Err != "" && !strings.Contains(g.Err, w.Err):
			t.Errorf("row %d: Err %q, want it to contain %q", i, g.Err, w.Err)
		}
	}
}

func checkColumns(t *testing.T, l *List, format, src, tgt string, cols ...string) {
	t.Helper()
	if l.Format != format || l.SourceColumn != src || l.TargetColumn != tgt {
		t.Errorf("got Format=%q Source=%q Target=%q, want %q %q %q", l.Format, l.SourceColumn, l.TargetColumn, format, src, tgt)
	}
	if cols != nil && strings.Join(l.Columns, "|") != strings.Join(cols, "|") {
		t.Errorf("Columns = %q, want %q", l.Columns, cols)
	}
}
