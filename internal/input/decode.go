package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// binaryCheckLen is how much of the decoded text is checked for NUL bytes.
const binaryCheckLen = 4096

// decode reads all of r and returns it as UTF-8 without a byte order mark.
// UTF-8 and UTF-16 byte order marks select the encoding; without one, a NUL
// in the first or second byte means BOM-less UTF-16 (LE or BE), else UTF-8.
// BOM-less text that is not UTF-8 and has no valid multi-byte UTF-8 sequence
// at all is Windows-1252, what Excel's "CSV" writes on Western Windows; in
// other text, invalid sequences become U+FFFD. Lone "\r" line ends (old Mac)
// become "\n". The encoding used is returned too.
func decode(r io.Reader) ([]byte, string, error) {
	src := &errReader{r: r}
	br := bufio.NewReaderSize(src, 64<<10)
	head, err := br.Peek(8)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, "", fmt.Errorf("read input list: %w", err)
	}
	if kind := container(head); kind != "" {
		return nil, "", unusable("unreadable input list: it looks like %s; export or save the list as CSV, TSV or JSONL", kind)
	}
	var fallback transform.Transformer = unicode.UTF8.NewDecoder()
	enc := "utf-8"
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
	case bytes.HasPrefix(head, []byte("\xFF\xFE")) || len(head) >= 2 && head[0] != 0 && head[1] == 0:
		fallback, enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder(), "utf-16le"
	case bytes.HasPrefix(head, []byte("\xFE\xFF")) || len(head) >= 2 && head[0] == 0 && head[1] != 0:
		fallback, enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder(), "utf-16be"
	}
	raw, err := io.ReadAll(br)
	if err != nil {
		return nil, "", fmt.Errorf("read input list: %w", err)
	}
	if enc == "utf-8" && !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBF")) && legacy(raw) {
		fallback, enc = charmap.Windows1252.NewDecoder(), "windows-1252"
	}
	text, _, err := transform.Bytes(unicode.BOMOverride(fallback), raw)
	if err != nil {
		if src.err != nil {
			return nil, "", fmt.Errorf("read input list: %w", src.err)
		}
		return nil, "", unusable("unreadable encoding: %v", err)
	}
	if bytes.IndexByte(text[:min(len(text), binaryCheckLen)], 0) >= 0 {
		return nil, "", unusable("unreadable encoding: the input list contains NUL bytes (binary data, or UTF-16/UTF-32 without the expected byte order mark)")
	}
	if bytes.IndexByte(text, '\n') < 0 && bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte{'\r'}, []byte{'\n'})
	}
	return text, enc, nil
}

// legacy reports whether b is not UTF-8 and holds no valid multi-byte UTF-8
// sequence either: a single-byte legacy encoding, not damaged UTF-8.
func legacy(b []byte) bool {
	if utf8.Valid(b) {
		return false
	}
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if n > 1 && r != utf8.RuneError {
			return false
		}
		b = b[n:]
	}
	return true
}

// container names the file kind when head is the magic number of a binary
// container that spreadsheet users commonly pick instead of a text export.
func container(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "an Excel workbook (.xlsx) or another zip archive"
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return "a legacy Excel workbook (.xls)"
	case bytes.HasPrefix(head, []byte("\x1F\x8B")):
		return "a gzip archive"
	}
	return ""
}

// errReader remembers the first error of the underlying reader other than
// io.EOF, so decode can tell read failures from decoding failures.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && e.err == nil {
		e.err = err
	}
	return n, err
}
