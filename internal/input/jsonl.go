package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readJSONL parses one JSON object per line. Blank lines are skipped; any
// other line that is not a single object becomes a Row with Err.
func readJSONL(text []byte) (*List, error) {
	b := newJSONBuilder()
	no := 0
	for off := 0; off < len(text); {
		no++
		end := bytes.IndexByte(text[off:], '\n')
		var line []byte
		if end < 0 {
			line, off = text[off:], len(text)
		} else {
			line, off = text[off:off+end], off+end+1
		}
		line = bytes.TrimFunc(line, isBlankRune)
		if len(line) == 0 {
			continue
		}
		b.add(no, line)
	}
	return b.finish()
}

// readJSONArray parses a JSON array of objects. An element that is not an
// object becomes a Row with Err; a syntax error makes the whole file unusable
// because nothing after it can be located.
func readJSONArray(text []byte) (*List, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, unusable("invalid JSON array: %v", jsonErr(err, tok))
	}
	b := newJSONBuilder()
	pos, line := 0, 1
	lineAt := func(off int) int {
		line += bytes.Count(text[pos:off], []byte{'\n'})
		pos = off
		return line
	}
	for dec.More() {
		start := elementStart(text, int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, unusable("invalid JSON array at line %d: %v", lineAt(start), err)
		}
		b.add(lineAt(start), raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, unusable("invalid JSON array: %v", err)
	}
	if tok, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, unusable("invalid JSON array: unexpected %v after the closing bracket", jsonErr(err, tok))
	}
	return b.finish()
}

// elementStart skips white space and a separating comma from off, so that the
// line of an array element is the line where it begins.
func elementStart(text []byte, off int) int {
	for off < len(text) {
		switch text[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonErr describes a failed Token call: the error, or the token found.
func jsonErr(err error, tok json.Token) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%v", tok)
}

// jsonBuilder collects rows and their keys in first-seen order; the source
// and target columns are chosen once all keys are known.
type jsonBuilder struct {
	l    *List
	seen map[string]bool
}

func newJSONBuilder() *jsonBuilder {
	return &jsonBuilder{l: &List{Format: "jsonl"}, seen: map[string]bool{}}
}

// add appends the row for one JSON value found at line no.
func (b *jsonBuilder) add(no int, raw []byte) {
	row := Row{N: len(b.l.Rows) + 1, Line: no}
	fields, err := parseObject(raw)
	if err != "" {
		row.Err = "invalid JSON: " + err
	} else {
		row.Fields = fields
		b.addKeys(raw, fields)
	}
	b.l.Rows = append(b.l.Rows, row)
}

// addKeys appends the keys of fields not seen before to the columns, in the
// order they appear in raw (only rows with new keys pay for the ordered walk).
func (b *jsonBuilder) addKeys(raw []byte, fields map[string]string) {
	fresh := false
	for k := range fields {
		if !b.seen[k] {
			fresh = true
			break
		}
	}
	if !fresh {
		return
	}
	for _, k := range objectKeys(raw) {
		if !b.seen[k] {
			b.seen[k] = true
			b.l.Columns = append(b.l.Columns, k)
		}
	}
}

// finish picks the source and target keys and fills in every row.
func (b *jsonBuilder) finish() (*List, error) {
	l := b.l
	src, tgt := matchColumns(l.Columns)
	if src < 0 || tgt < 0 {
		return nil, columnsError(l.Columns, src, tgt)
	}
	l.SourceColumn, l.TargetColumn = l.Columns[src], l.Columns[tgt]
	for i := range l.Rows {
		row := &l.Rows[i]
		if row.Err != "" {
			continue
		}
		row.Source = trimBlank(row.Fields[l.SourceColumn])
		row.Target = trimBlank(row.Fields[l.TargetColumn])
		row.Err = missingURLs(row.Source, row.Target)
	}
	return l, nil
}

// parseObject decodes one JSON object. String values are unquoted, null is
// "", and any other value is its compact JSON text. A repeated key keeps its
// last value. err is "" on success.
func parseObject(raw []byte) (fields map[string]string, err string) {
	var m map[string]fieldText
	if e := json.Unmarshal(raw, &m); e != nil {
		var te *json.UnmarshalTypeError
		if errors.As(e, &te) {
			return nil, "expected an object, found " + jsonKind(raw)
		}
		return nil, e.Error()
	}
	if m == nil {
		return nil, "expected an object, found null"
	}
	fields = make(map[string]string, len(m))
	for k, v := range m {
		fields[k] = string(v)
	}
	return fields, ""
}

// fieldText is a JSON value decoded straight into its field text (jsonText).
type fieldText string

// UnmarshalJSON implements json.Unmarshaler.
func (f *fieldText) UnmarshalJSON(b []byte) error {
	*f = fieldText(jsonText(b))
	return nil
}

// objectKeys returns the keys of the valid JSON object raw in order, once each.
func objectKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil
	}
	var keys []string
	seen := map[string]bool{}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return keys
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return keys
		}
		if k, ok := kt.(string); ok && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// jsonKind names the kind of the valid JSON value raw.
func jsonKind(raw []byte) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// jsonText renders a JSON value as a field: strings unquoted, null empty,
// anything else as compact JSON.
func jsonText(v []byte) string {
	switch {
	case len(v) == 0 || string(v) == "null":
		return ""
	case v[0] == '"' && bytes.IndexByte(v, '\\') < 0:
		return string(v[1 : len(v)-1]) // valid and without escapes: the text as is
	case v[0] == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case v[0] != '{' && v[0] != '[':
		return string(v) // a number or a boolean: already compact
	}
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return string(v)
	}
	return buf.String()
}
