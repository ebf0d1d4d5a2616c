package input

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// sourceNames are the header names recognized as the source page column,
// best first. The first seven are SPEC §5; the others are seen in tool
// exports and hand-made lists. Names are compared with headerKey.
//
//   - Ahrefs: "Referring page URL" (legacy exports: "Referring Page URL"), API "url_from"
//   - Semrush: "Source url"; Majestic: "SourceURL"; Search Console: "Linking page"
//   - Moz (Open Site Explorer / Link Explorer): "URL" next to "Target URL", see matchColumns
func sourceNames() []string {
	return []string{
		"source", "source_url", "source url", "referring page url", "referring page",
		"linking page", "url from",
		"linking page url", "referring url", "linking url", "source page", "source page url", "from url",
	}
}

// targetNames are the header names recognized as the target URL column,
// best first: SPEC §5, then names seen elsewhere.
//
//   - Ahrefs: "Target URL" (legacy exports: "Link URL"), API "url_to"
//   - Semrush: "Target url"; Majestic: "TargetURL"; Moz: "Target URL"
func targetNames() []string {
	return []string{
		"target", "target_url", "target url", "link url", "url to",
		"target page", "target page url", "linked url", "destination url", "to url",
	}
}

// bareURLKey is the key of a plain "URL" column, accepted as the source only
// when no other source column exists and a target column does (Moz exports
// name the linking page "URL" and the linked page "Target URL").
const bareURLKey = "url"

// headerKey folds a header name for comparison: lower case, and white space,
// "_", "-", ".", quotes, byte order marks and zero-width spaces removed, so
// "Referring page URL", "referring_page_url" and "ReferringPageURL" are equal.
func headerKey(name string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case isBlankRune(r), r == '_', r == '-', r == '.', r == '"', r == '\'', r == '`':
			return -1
		}
		return unicode.ToLower(r)
	}, name)
}

// matchColumns returns the indexes of the source and target columns in names,
// -1 when absent. Aliases are tried in priority order; for one alias the
// leftmost column wins.
func matchColumns(names []string) (src, tgt int) {
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = headerKey(n)
	}
	find := func(aliases []string) int {
		for _, a := range aliases {
			ak := headerKey(a)
			for i, k := range keys {
				if k == ak {
					return i
				}
			}
		}
		return -1
	}
	src, tgt = find(sourceNames()), find(targetNames())
	if src < 0 && tgt >= 0 {
		for i, k := range keys {
			if k == bareURLKey && i != tgt {
				src = i
				break
			}
		}
	}
	return src, tgt
}

// columnsError explains why no usable header was found: which role is
// missing, the accepted names, and the headers that were found.
func columnsError(found []string, src, tgt int) error {
	var b strings.Builder
	switch {
	case src < 0 && tgt < 0:
		fmt.Fprintf(&b, "no source or target column: expected a source column named one of %s and a target column named one of %s",
			quoteList(sourceNames()), quoteList(targetNames()))
	case src < 0:
		fmt.Fprintf(&b, "no source column: expected one of %s, or \"url\" next to a target column", quoteList(sourceNames()))
	default:
		fmt.Fprintf(&b, "no target column: expected one of %s", quoteList(targetNames()))
	}
	b.WriteString(" (case, spaces and underscores ignored); found ")
	if len(found) == 0 {
		b.WriteString("no header")
	} else {
		b.WriteString(quoteList(found))
	}
	if src >= 0 && tgt < 0 {
		b.WriteString("; exports that name only the linking page (such as Search Console \"Latest links\") need a target column added")
	}
	return unusable("%s", b.String())
}

// quoteList renders names as a quoted, comma-separated list, shortening long
// names and long lists so that a garbage first line gives a readable message.
func quoteList(names []string) string {
	const maxNames, maxLen = 20, 40
	parts := make([]string, 0, min(len(names), maxNames)+1)
	for i, n := range names {
		if i == maxNames {
			parts = append(parts, "and "+strconv.Itoa(len(names)-maxNames)+" more")
			break
		}
		if r := []rune(n); len(r) > maxLen {
			n = string(r[:maxLen]) + "…"
		}
		parts = append(parts, strconv.Quote(n))
	}
	return strings.Join(parts, ", ")
}

// cleanNames turns raw header fields into column names: trimmed (and
// unquoted when the CSV reader left the quotes in place), an empty
// name becomes "_column_N" (N 1-based), and a repeated name gets "_2", "_3"...
func cleanNames(fields []string) []string {
	names := make([]string, len(fields))
	used := make(map[string]bool, len(fields))
	for i, f := range fields {
		n := trimBlank(f)
		if len(n) >= 2 && n[0] == '"' && n[len(n)-1] == '"' {
			n = trimBlank(n[1 : len(n)-1]) // a quoted name after a stray BOM or space
		}
		if n == "" {
			n = "_column_" + strconv.Itoa(i+1)
		}
		names[i] = uniqueName(n, used)
	}
	return names
}

// uniqueName returns n, or n with the smallest suffix "_K" (K ≥ 2) that is
// not in used, and records the result in used.
func uniqueName(n string, used map[string]bool) string {
	u := n
	for k := 2; used[u]; k++ {
		u = n + "_" + strconv.Itoa(k)
	}
	used[u] = true
	return u
}
