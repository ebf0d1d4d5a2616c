package paywall

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/linkproof/linkproof/internal/extract"
)

// schema is what schema.org markup says about access.
type schema struct {
	notFree bool     // some item says isAccessibleForFree false
	free    bool     // some item says isAccessibleForFree true
	gated   []string // cssSelectors (or generated selectors) of gated parts
}

func (s *schema) addGated(sel string) {
	sel = strings.TrimSpace(sel)
	if sel != "" && !slices.Contains(s.gated, sel) {
		s.gated = append(s.gated, sel)
	}
}

// maxDepth bounds the walk of a JSON-LD value.
const maxDepth = 64

// fromJSONLD reads the JSON-LD blocks. A block that is not valid JSON is
// repaired where it is cheap (comments and CDATA wrappers, raw control
// characters in strings, several values in a row); what still fails is read
// with a pattern for isAccessibleForFree false only.
func (s *schema) fromJSONLD(blocks []string) {
	for _, b := range blocks {
		vals, ok := decodeJSONLD(b)
		for _, v := range vals {
			s.walk(v, false, false, 0)
		}
		if !ok && notFreeRe.MatchString(b) {
			s.notFree = true
		}
	}
}

var (
	notFreeRe  = regexp.MustCompile(`(?i)"isAccessibleForFree"\s*:\s*"?(false|no|0|https?://schema\.org/False)\b`)
	wrapperRe  = regexp.MustCompile(`^\s*(<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(-->|//\s*\]\]>|\]\]>)\s*$`)
	ctrlInStrs = regexp.MustCompile(`[\x00-\x1f]`)
)

func decodeJSONLD(block string) ([]any, bool) {
	text := strings.TrimSpace(wrapperRe.ReplaceAllString(strings.TrimSpace(block), ""))
	vals, ok := decodeAll(text)
	if ok {
		return vals, true
	}
	// Raw newlines and tabs inside strings are common and invalid: JSON
	// allows them only between tokens, where a space does as well.
	if fixed, ok := decodeAll(ctrlInStrs.ReplaceAllString(text, " ")); ok || len(fixed) > len(vals) {
		return fixed, ok
	}
	return vals, false
}

func decodeAll(text string) ([]any, bool) {
	dec := json.NewDecoder(strings.NewReader(text))
	var out []any
	for {
		var v any
		if err := dec.Decode(&v); err != nil {
			return out, errors.Is(err, io.EOF) && len(out) > 0
		}
		out = append(out, v)
	}
}

// walk visits a JSON-LD value. parentNotFree says the enclosing item is not
// free; isPart says the value is a hasPart of it.
func (s *schema) walk(v any, parentNotFree, isPart bool, depth int) {
	if depth > maxDepth {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			s.walk(e, parentNotFree, isPart, depth+1)
		}
	case map[string]any:
		free, set := accessible(v["isAccessibleForFree"])
		notFree := set && !free
		if set && free {
			s.free = true
		}
		if notFree {
			s.notFree = true
		}
		// A part is gated when it says so, or says nothing inside a gated item.
		if notFree || (isPart && !set && parentNotFree) {
			for _, sel := range strs(v["cssSelector"]) {
				s.addGated(sel)
			}
		}
		for k, e := range v {
			switch k {
			case "hasPart":
				s.walk(e, notFree || (isPart && !set && parentNotFree), true, depth+1)
			case "isAccessibleForFree", "cssSelector":
			default:
				s.walk(e, false, false, depth+1)
			}
		}
	}
}

// accessible reads a schema.org Boolean: true, false, "True", "false",
// "https://schema.org/False", "yes", "no", 1, 0.
func accessible(v any) (value, ok bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case float64:
		return v != 0, true
	case string:
		return parseBool(v)
	case []any:
		if len(v) > 0 {
			return accessible(v[0])
		}
	case map[string]any:
		return accessible(v["@value"])
	}
	return false, false
}

func parseBool(s string) (value, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "http://schema.org/"), "https://schema.org/")
	switch s {
	case "true", "yes", "1":
		return true, true
	case "false", "no", "0":
		return false, true
	}
	return false, false
}

// strs returns a string or the strings of an array.
func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// fromMicrodata reads itemprop="isAccessibleForFree" in microdata. An item
// that is a hasPart and not free is gated: its cssSelector property, or else
// a selector of its own element.
func (s *schema) fromMicrodata(doc *goquery.Document) {
	doc.Find(`[itemprop~="isAccessibleForFree"]`).Each(func(_ int, prop *goquery.Selection) {
		free, ok := parseBool(microValue(prop))
		if !ok {
			return
		}
		if free {
			s.free = true
			return
		}
		s.notFree = true
		item := owner(prop)
		if item == nil {
			return
		}
		if isHasPart(item) {
			s.gateItem(item)
		}
		// Parts of a gated item that say nothing themselves are gated too.
		item.Find(`[itemprop~="hasPart"][itemscope]`).Each(func(_ int, part *goquery.Selection) {
			if n := owner(part); n == nil || !n.IsSelection(item) {
				return
			}
			if ownProp(part, "isAccessibleForFree") == nil {
				s.gateItem(part)
			}
		})
	})
}

// gateItem adds the gated part item: its cssSelector, or its own selector.
func (s *schema) gateItem(item *goquery.Selection) {
	if p := ownProp(item, "cssSelector"); p != nil {
		if sel := microValue(p); sel != "" {
			s.addGated(sel)
			return
		}
	}
	s.addGated(extract.Selector(item))
}

func isHasPart(item *goquery.Selection) bool {
	return slices.Contains(strings.Fields(item.AttrOr("itemprop", "")), "hasPart")
}

// owner returns the item that the property element prop belongs to: the
// nearest itemscope element around it (around its parent when prop is an
// item itself, as itemprop="hasPart" itemscope is); nil when none.
func owner(prop *goquery.Selection) *goquery.Selection {
	if prop == nil || prop.Length() == 0 {
		return nil
	}
	if _, scope := prop.Attr("itemscope"); scope {
		return nearestScope(prop.Parent())
	}
	return nearestScope(prop)
}

func nearestScope(s *goquery.Selection) *goquery.Selection {
	it := s.Closest("[itemscope]")
	if it.Length() == 0 {
		return nil
	}
	return it.First()
}

// ownProp returns the first property element called name that belongs to
// item itself, not to an item nested in it; nil when none.
func ownProp(item *goquery.Selection, name string) *goquery.Selection {
	var found *goquery.Selection
	item.Find(`[itemprop~="` + name + `"]`).EachWithBreak(func(_ int, p *goquery.Selection) bool {
		if o := owner(p); o != nil && o.IsSelection(item) {
			found = p
			return false
		}
		return true
	})
	return found
}

// microValue is a microdata property's value: content, href, or the text.
func microValue(p *goquery.Selection) string {
	if v, ok := p.Attr("content"); ok {
		return v
	}
	if v, ok := p.Attr("href"); ok {
		return v
	}
	if v, ok := p.Attr("value"); ok {
		return v
	}
	return strings.TrimSpace(p.Text())
}

// jsonLDBlocks returns the contents of the JSON-LD scripts of doc.
func jsonLDBlocks(doc *goquery.Document) []string {
	var out []string
	doc.Find("script[type]").Each(func(_ int, s *goquery.Selection) {
		t, _, _ := strings.Cut(s.AttrOr("type", ""), ";")
		if strings.EqualFold(strings.TrimSpace(t), "application/ld+json") {
			out = append(out, s.Text())
		}
	})
	return out
}

// parseHTML parses html with goquery; nil when it cannot be read.
func parseHTML(html []byte) *goquery.Document {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(html))
	if err != nil {
		return nil
	}
	return doc
}
