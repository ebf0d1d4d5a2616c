package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Scripts returns what a document loads and runs, for vendor signatures: the lower-cased URLs of
// its <script src>, <link href> and <iframe src>, in document order, and the text of its inline
// scripts, each followed by a newline.
func Scripts(doc *goquery.Document) (urls []string, inline string) {
	doc.Find("script[src], link[href], iframe[src]").Each(func(_ int, s *goquery.Selection) {
		u := s.AttrOr("src", "")
		if u == "" {
			u = s.AttrOr("href", "")
		}
		urls = append(urls, strings.ToLower(u))
	})
	var code strings.Builder
	doc.Find("script:not([src])").Each(func(_ int, s *goquery.Selection) {
		code.WriteString(s.Text())
		code.WriteByte('\n')
	})
	return urls, code.String()
}
