package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/linkproof/linkproof/internal/record"
)

// writeText prints one record for people: the verdict, the summary and the facts behind it.
func writeText(w io.Writer, r *record.Record, out string) {
	fmt.Fprintf(w, "%s  (%s)\n", strings.ToUpper(r.Verdict), r.Bucket)
	fmt.Fprintf(w, "%s\n\n", r.Summary)
	kv := func(k, format string, a ...any) { fmt.Fprintf(w, "  %-10s %s\n", k, fmt.Sprintf(format, a...)) }
	kv("source", "%s", r.Source)
	kv("target", "%s", r.Target)
	if r.Error != "" {
		kv("error", "%s", r.Error)
	}
	if r.Raw.Status != 0 {
		line := fmt.Sprintf("HTTP %d, %s, link %s", r.Raw.Status, bytesText(r.Raw.Bytes), foundText(r.Raw.Found))
		kv("raw", "%s", line)
		for _, h := range r.Raw.Redirects {
			how := fmt.Sprint(h.Status)
			if h.Type != "" {
				how = h.Type
			}
			kv("", "redirect %s from %s", how, h.URL)
		}
		if r.Raw.FinalURL != r.Source {
			kv("", "final URL %s", r.Raw.FinalURL)
		}
	}
	if r.Rendered.DurationMS > 0 || r.Rendered.FinalURL != "" {
		vis := ""
		if r.Rendered.Found {
			vis = map[bool]string{true: ", visible", false: ", not visible"}[r.Rendered.Visible]
		}
		kv("rendered", "link %s%s (%.1f s)", foundText(r.Rendered.Found), vis, float64(r.Rendered.DurationMS)/1000)
	}
	if len(r.Signals) > 0 {
		kv("signals", "%s", strings.Join(r.Signals, ", "))
	}
	if len(r.Crawlers) > 0 {
		names := make([]string, 0, len(r.Crawlers))
		for n := range r.Crawlers {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		for _, n := range names {
			c := r.Crawlers[n]
			s := n + " " + c.Robots
			if c.Status != 0 {
				s += fmt.Sprintf(" %d", c.Status)
			}
			parts = append(parts, s)
		}
		kv("crawlers", "%s", strings.Join(parts, " · "))
	}
	for i, l := range r.Links {
		where := []string{}
		if l.InRaw {
			where = append(where, "raw")
		}
		if l.InRendered {
			where = append(where, "rendered")
		}
		rel := ""
		if len(l.Rel) > 0 {
			rel = " rel=" + strings.Join(l.Rel, ",")
		}
		label := ""
		if i == 0 {
			label = "links"
		}
		kv(label, "%d. %s %q%s, %s, %s [%s]", i+1, l.Kind, truncate(l.Text, 60), rel, l.Placement, l.Selector, strings.Join(where, "+"))
	}
	if r.Evidence.Manifest != "" {
		kv("evidence", "%s", filepath.Join(out, r.Evidence.Dir))
		if r.Evidence.Screenshot != "" {
			kv("", "page screenshot %s", filepath.Join(out, r.Evidence.Screenshot))
		}
		if r.Evidence.ElementScreenshot != "" {
			kv("", "link screenshot %s", filepath.Join(out, r.Evidence.ElementScreenshot))
		}
	}
}

func foundText(b bool) string {
	if b {
		return "found"
	}
	return "not found"
}

func bytesText(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
