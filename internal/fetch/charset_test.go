package fetch

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func TestFetchCharsets(t *testing.T) {
	const anchorFmt = `<a href="https://target.example/">%s</a>`
	tests := []struct {
		name        string
		enc         encoding.Encoding
		contentType string // Content-Type header
		head        string // declaration in <head>
		bom         string
		text        string // anchor text, non-ASCII
		wantCharset string
	}{
		{"windows-1252 in header", charmap.Windows1252, "text/html; charset=windows-1252", "", "", "Café – Größe “quoted”", "windows-1252"},
		{"iso-8859-1 label is windows-1252", charmap.Windows1252, "text/html; charset=ISO-8859-1", "", "", "Crème brûlée €", "windows-1252"},
		{"windows-1252 undeclared is guessed", charmap.Windows1252, "text/html", "", "", "Ça coûte cher", "windows-1252"},
		{"iso-8859-2 in meta charset", charmap.ISO8859_2, "text/html", `<meta charset="ISO-8859-2">`, "", "Żółć gęślą jaźń", "iso-8859-2"},
		{"shift_jis in http-equiv", japanese.ShiftJIS, "text/html", `<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">`, "", "日本語のリンク", "shift_jis"},
		{"gb2312 in header", simplifiedchinese.GBK, "text/html; charset=GB2312", "", "", "中文链接文字", "gbk"},
		{"euc-kr in meta charset", korean.EUCKR, "text/html", `<meta charset="euc-kr">`, "", "한국어 링크", "euc-kr"},
		{"utf-8 with BOM, undeclared", unicode.UTF8, "text/html", "", "\uFEFF", "Ünïcödé ✓ 链接", "utf-8"},
		{"BOM beats a wrong header", unicode.UTF8, "text/html; charset=windows-1252", "", "\uFEFF", "Ünïcödé ✓", "utf-8"},
		{"utf-8 in header", unicode.UTF8, "text/html; charset=utf-8", "", "", "Ünïcödé ✓", "utf-8"},
		{"utf-8 undeclared is guessed", unicode.UTF8, "text/html", "", "", "Ünïcödé ✓", "utf-8"},
		{"no Content-Type, meta charset", charmap.Windows1252, "", `<meta charset="windows-1252">`, "", "Café", "windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			anchor := strings.Replace(anchorFmt, "%s", tt.text, 1)
			doc := "<!DOCTYPE html><html><head>" + tt.head + "<title>t</title></head><body><p>" + anchor + "</p></body></html>"
			encoded, err := tt.enc.NewEncoder().Bytes([]byte(doc))
			if err != nil {
				t.Fatalf("encoding the fixture: %v", err)
			}
			served := append([]byte(tt.bom), encoded...)
			if tt.enc != unicode.UTF8 && utf8.Valid(served) {
				t.Fatalf("fixture is valid UTF-8; the test would prove nothing")
			}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType == "" {
					w.Header()["Content-Type"] = nil // no sniffed default either
				} else {
					w.Header().Set("Content-Type", tt.contentType)
				}
				_, _ = w.Write(served)
			}))
			defer srv.Close()

			resp := mustFetch(t, testClient(), Request{URL: srv.URL})
			if !bytes.Equal(resp.Raw, served) {
				t.Errorf("Raw differs from the bytes served")
			}
			if resp.Charset != tt.wantCharset {
				t.Errorf("Charset = %q, want %q", resp.Charset, tt.wantCharset)
			}
			if !utf8.Valid(resp.Body) {
				t.Errorf("Body is not valid UTF-8")
			}
			if !bytes.Contains(resp.Body, []byte(anchor)) {
				t.Errorf("Body lacks %q:\n%s", anchor, resp.Body)
			}
			if !bytes.HasPrefix(resp.Body, []byte("<!DOCTYPE html>")) {
				t.Errorf("Body starts with %q, want the doctype (BOM removed)", resp.Body[:min(len(resp.Body), 20)])
			}
			if !resp.IsHTML() {
				t.Errorf("IsHTML() = false")
			}
		})
	}
}

func TestFetchContentTypes(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
	tests := []struct {
		name            string
		contentType     string // "-" for no header
		body            []byte
		wantContentType string
		wantCharset     string
		wantBody        []byte
		wantHTML        bool
	}{
		{"params and case removed", "Text/HTML; Charset=UTF-8", []byte("<p>x</p>"), "text/html", "utf-8", []byte("<p>x</p>"), true},
		{"xhtml", "application/xhtml+xml", []byte("<html/>"), "application/xhtml+xml", "windows-1252", []byte("<html/>"), true},
		{"image is not decoded", "image/png", png, "image/png", "", png, false},
		{"no header, sniffed html", "-", []byte("<!doctype html><title>x</title>"), "", "windows-1252", []byte("<!doctype html><title>x</title>"), true},
		{"no header, binary", "-", png, "", "", png, false},
		{"plain text is decoded but not HTML", "text/plain; charset=iso-8859-1", []byte("caf\xe9 <a href=x>"), "text/plain", "windows-1252", []byte("café <a href=x>"), false},
		{"broken parameters keep the type", "text/html; charset", []byte("<p>x</p>"), "text/html", "windows-1252", []byte("<p>x</p>"), true},
		{"invalid utf-8 is replaced", "text/html; charset=utf-8", []byte("a\xffb"), "text/html", "utf-8", []byte("a\uFFFDb"), true},
		{"empty body", "text/html", nil, "text/html", "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType == "-" {
					w.Header()["Content-Type"] = nil
				} else {
					w.Header().Set("Content-Type", tt.contentType)
				}
				_, _ = w.Write(tt.body)
			}))
			defer srv.Close()
			resp := mustFetch(t, testClient(), Request{URL: srv.URL})
			if resp.ContentType != tt.wantContentType || resp.Charset != tt.wantCharset {
				t.Errorf("ContentType %q Charset %q, want %q %q", resp.ContentType, resp.Charset, tt.wantContentType, tt.wantCharset)
			}
			if !bytes.Equal(resp.Body, tt.wantBody) {
				t.Errorf("Body = %q, want %q", resp.Body, tt.wantBody)
			}
			if got := resp.IsHTML(); got != tt.wantHTML {
				t.Errorf("IsHTML() = %v, want %v", got, tt.wantHTML)
			}
		})
	}
}

func TestIsHTML(t *testing.T) {
	tests := []struct {
		name string
		resp *Response
		want bool
	}{
		{"nil", nil, false},
		{"text/html", &Response{ContentType: "text/html"}, true},
		{"xhtml", &Response{ContentType: "application/xhtml+xml"}, true},
		{"plain text with html body", &Response{ContentType: "text/plain", Raw: []byte("<html><body>")}, false},
		{"json", &Response{ContentType: "application/json", Raw: []byte("<html>")}, false},
		{"pdf", &Response{ContentType: "application/pdf"}, false},
		{"no type, html body", &Response{Raw: []byte("  <HTML><body>hi")}, true},
		{"no type, script body", &Response{Raw: []byte("<script>x()</script>")}, true},
		{"no type, text body", &Response{Raw: []byte("just text")}, false},
		{"no type, pdf body", &Response{Raw: []byte("%PDF-1.7")}, false},
		{"no type, empty", &Response{}, false},
	}
	for _, tt := range tests {
		if got := tt.resp.IsHTML(); got != tt.want {
			t.Errorf("%s: IsHTML() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
