package input

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode"
)

type format int

const (
	formatDelimited format = iota
	formatJSONL
	formatJSONArray
)

// maxLeadLines is how many non-blank lines at the top of a file are examined
// when looking for the header (tools such as Moz put a few report lines
// before it) or for a JSON object line.
const maxLeadLines = 10

// extension returns the lower-cased extension of name, with the dot.
func extension(name string) string {
	return strings.ToLower(filepath.Ext(name))
}

// sniffFormat decides between JSON and delimited text from the first
// non-blank line: "{" is JSONL, "[" a JSON array (JSONL when the name says
// .jsonl or .ndjson). A JSON-named file whose first lines are not objects is
// still read as JSONL when one of the first lines is, so a bad first line
// becomes a bad row and not a CSV header error.
func sniffFormat(text []byte, ext string) format {
	jsonlName := ext == ".jsonl" || ext == ".ndjson"
	lead := leadLines(text, maxLeadLines)
	if len(lead) == 0 {
		return formatDelimited
	}
	switch lead[0].text[0] {
	case '[':
		if jsonlName {
			return formatJSONL
		}
		return formatJSONArray
	case '{':
		return formatJSONL
	}
	if jsonlName || ext == ".json" {
		for _, ln := range lead[1:] {
			if ln.text[0] == '{' {
				return formatJSONL
			}
		}
	}
	return formatDelimited
}

// leadLine is a non-blank line: its 1-based number, the offset of its first
// byte in the text, and its content trimmed of surrounding blanks.
type leadLine struct {
	no     int
	offset int
	text   string
}

// leadLines returns up to limit non-blank lines from the top of text.
func leadLines(text []byte, limit int) []leadLine {
	var out []leadLine
	no, off := 0, 0
	for off < len(text) && len(out) < limit {
		no++
		end := bytes.IndexByte(text[off:], '\n')
		var line []byte
		next := len(text)
		if end < 0 {
			line = text[off:]
		} else {
			line = text[off : off+end]
			next = off + end + 1
		}
		if t := trimBlank(string(line)); t != "" {
			out = append(out, leadLine{no: no, offset: off, text: t})
		}
		off = next
	}
	return out
}

// isBlankRune reports the characters ignored around values and header names:
// white space, byte order marks and zero-width spaces.
func isBlankRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\uFEFF' || r == '\u200B'
}

func trimBlank(s string) string {
	return strings.TrimFunc(s, isBlankRune)
}

// isBlank reports whether text holds nothing but blanks.
func isBlank(text []byte) bool {
	return len(bytes.TrimFunc(text, isBlankRune)) == 0
}
