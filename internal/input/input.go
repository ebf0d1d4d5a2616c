package input

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// List is a parsed input list.
type List struct {
	// Format is "csv" (comma or semicolon separated), "tsv", or "jsonl"
	// (also used for a JSON array of objects).
	Format string
	// Encoding is how the file was read: "utf-8", "utf-16le", "utf-16be",
	// or "windows-1252" (a file that is not UTF-8, such as Excel's "CSV" on
	// Western Windows).
	Encoding string
	// Columns holds the header names in file order (JSONL: keys in first-seen
	// order), trimmed, with empty names replaced by "_column_N" and repeated
	// names made unique ("Anchor", "Anchor_2"). Names of surplus fields
	// ("_extra_1", ...) follow, in the order rows first used them, so a writer
	// that iterates over Columns repeats every value of every row.
	Columns []string
	// SourceColumn and TargetColumn are the entries of Columns recognized as
	// the source page and the target URL.
	SourceColumn, TargetColumn string
	// Rows are the data rows in input order.
	Rows []Row
}

// Row is one data row of a List.
type Row struct {
	// N is the 1-based data row number (the "row" of SPEC §4): the header and
	// skipped blank lines are not counted, so N is the index in List.Rows + 1.
	N int
	// Line is the 1-based line in the file where the row starts, for messages.
	Line int
	// Source is the trimmed source page URL; "" if missing.
	Source string
	// Target is the trimmed target URL; "" if missing.
	Target string
	// Fields holds every value of the row by column name (see List.Columns),
	// untrimmed. A column the row does not have is absent.
	Fields map[string]string
	// Err is non-empty for a bad row ("missing source URL", "wrong number of
	// fields ...", "invalid JSON: ..."). The row still exists and becomes an
	// invalid_input result.
	Err string
}

// ErrUnusable is wrapped by every error Read returns because the file as a
// whole cannot be used (empty, binary, no recognizable columns, broken JSON
// array). Errors from the underlying reader do not wrap it.
var ErrUnusable = errors.New("unusable input list")

// unusableError carries a message shown as is while matching ErrUnusable.
type unusableError struct{ msg string }

func (e *unusableError) Error() string { return e.msg }

func (e *unusableError) Is(target error) bool { return target == ErrUnusable }

func unusable(format string, args ...any) error {
	return &unusableError{msg: fmt.Sprintf(format, args...)}
}

// Read detects the encoding and the format of r and parses the whole list.
// name is the file name: its extension (.csv .tsv .txt .jsonl .ndjson .json)
// only breaks ties, the content decides. Read returns an error only when the
// file as a whole is unusable (see ErrUnusable) or r fails; bad rows are
// reported in Row.Err.
func Read(r io.Reader, name string) (*List, error) {
	text, enc, err := decode(r)
	if err != nil {
		return nil, err
	}
	if isBlank(text) {
		return nil, unusable("empty input list")
	}
	ext := extension(name)
	var l *List
	switch sniffFormat(text, ext) {
	case formatJSONArray:
		l, err = readJSONArray(text)
	case formatJSONL:
		l, err = readJSONL(text)
	default:
		l, err = readDelimited(text, ext)
	}
	if l != nil {
		l.Encoding = enc
	}
	return l, err
}

// ReadFile opens path and reads it with Read.
func ReadFile(path string) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read input list: %w", err)
	}
	defer f.Close()
	l, err := Read(f, filepath.Base(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}
