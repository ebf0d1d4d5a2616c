package fetch

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// mediaType returns the lower-cased media type of a Content-Type header
// value, without parameters; "" when there is none.
func mediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); mt != "" || err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// isHTMLType reports whether a media type is an HTML one.
func isHTMLType(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// sniffsAsHTML reports whether content sniffs as HTML.
func sniffsAsHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html")
}

// isText reports whether a body of media type mt (possibly "", then the
// body is sniffed) is text to be converted to UTF-8.
func isText(mt string, b []byte) bool {
	switch {
	case mt == "":
		return strings.HasPrefix(http.DetectContentType(b), "text/")
	case strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+xml"), strings.HasSuffix(mt, "+json"):
		return true
	}
	switch mt {
	case "application/xml", "application/json", "application/javascript", "application/ecmascript":
		return true
	}
	return false
}

// decodeText converts raw to UTF-8. The encoding is found, in order, from a
// byte order mark, the charset of the contentType header, a <meta> in the
// first 1024 bytes, or guessed (UTF-8 if valid, else windows-1252). name is
// the WHATWG name of the encoding. A leading byte order mark is removed and
// invalid sequences become U+FFFD. When raw is already valid UTF-8 without a
// byte order mark, body is raw itself.
func decodeText(raw []byte, contentType string) (body []byte, name string) {
	if len(raw) == 0 {
		return raw, ""
	}
	enc, name, _ := charset.DetermineEncoding(raw, contentType)
	if enc == encoding.Nop || name == "utf-8" {
		return validUTF8(raw), "utf-8"
	}
	body, _, err := transform.Bytes(enc.NewDecoder(), raw)
	if err != nil {
		return validUTF8(raw), name
	}
	return bytes.TrimPrefix(body, []byte("\uFEFF")), name
}

// validUTF8 returns b without a leading byte order mark and with invalid
// sequences replaced by U+FFFD.
func validUTF8(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}
