package expect

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/linkproof/linkproof/internal/crawler"
	"github.com/linkproof/linkproof/internal/verdict"
)

// defaults decodes the defaults mapping into d.
func (p *parser) defaults(n *yaml.Node, d *Defaults) {
	if r := p.node(n); r == nil || isNull(r) {
		return
	}
	fs := p.fields(n, "defaults", "Defaults", defaultsFields())
	for _, key := range defaultsFields() {
		e, ok := fs[key]
		if !ok {
			continue
		}
		path := "defaults." + key
		switch key {
		case "verdicts":
			d.Verdicts = p.verdicts(e.val, path)
		case "crawlers":
			if v := p.node(e.val); v != nil && !isNull(v) {
				d.Crawlers, _ = p.names(e.val, path, "crawler", crawler.Names())
			}
		case "timeout":
			d.Timeout = p.duration(e.val, path)
		case "followed":
			d.Followed, _ = p.boolean(e.val, path)
		case "in_raw":
			d.InRaw, _ = p.boolean(e.val, path)
		case "placement":
			d.Placement = p.placement(e.val, path)
		case "match":
			if s, ok := p.text(e.val, path); ok && s != "" {
				m := strings.ToLower(strings.TrimSpace(s))
				if m != "exact" && m != "loose" {
					p.addf(e.val.Line, path, "%s", unknownMsg("match mode", s, []string{"exact", "loose"}))
				}
				d.Match = m
			}
		}
	}
}

// link decodes item i of the links list and applies the defaults to the fields it does not
// set. It reports false when the item is not a mapping.
func (p *parser) link(n *yaml.Node, i int, d *Defaults) (Link, bool) {
	path := fmt.Sprintf("links[%d]", i)
	fs := p.fields(n, path, "Link", linkFields())
	if fs == nil {
		return Link{}, false
	}
	l := Link{Line: n.Line}
	for _, key := range []string{"source", "target"} {
		e, ok := fs[key]
		if !ok {
			p.addf(n.Line, path, "missing field %q", key)
			continue
		}
		s, ok := p.text(e.val, join(path, key))
		if !ok {
			continue
		}
		if msg := checkURL(s); msg != "" {
			p.addf(e.val.Line, join(path, key), "%s", msg)
		}
		if key == "source" {
			l.Source = s
		} else {
			l.Target = s
		}
	}
	if e, ok := fs["name"]; ok {
		l.Name, _ = p.text(e.val, join(path, "name"))
		l.Name = strings.TrimSpace(l.Name)
	}
	if e, ok := fs["verdicts"]; ok {
		l.Verdicts = p.verdicts(e.val, join(path, "verdicts"))
	} else {
		l.Verdicts = slices.Clone(d.Verdicts)
	}
	if e, ok := fs["anchor"]; ok {
		l.Anchor = p.anchor(e.val, join(path, "anchor"))
	}
	if e, ok := fs["followed"]; ok {
		l.Followed, _ = p.boolean(e.val, join(path, "followed"))
	} else {
		l.Followed = cloneBool(d.Followed)
	}
	if e, ok := fs["in_raw"]; ok {
		l.InRaw, _ = p.boolean(e.val, join(path, "in_raw"))
	} else {
		l.InRaw = cloneBool(d.InRaw)
	}
	if e, ok := fs["placement"]; ok {
		l.Placement = p.placement(e.val, join(path, "placement"))
	} else {
		l.Placement = slices.Clone(d.Placement)
	}
	return l, true
}

func cloneBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	v := *b
	return &v
}

// checkURL returns why s is not an absolute http(s) URL, or "".
func checkURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("not a valid URL: %v", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return fmt.Sprintf("must be an absolute http(s) URL, got %q", s)
	}
	return ""
}

// verdicts decodes the allowed verdicts; null is a problem like an empty list.
func (p *parser) verdicts(n *yaml.Node, path string) []string {
	if r := p.node(n); r != nil && isNull(r) {
		p.addf(r.Line, path, "the list is empty: name at least one verdict")
		return nil
	}
	v, _ := p.names(n, path, "verdict", verdict.All())
	return v
}

// placement decodes one page region or a list of them; null is nil (no expectation).
func (p *parser) placement(n *yaml.Node, path string) []string {
	if r := p.node(n); r == nil || isNull(r) {
		return nil
	}
	v, _ := p.names(n, path, "placement", placementNames())
	return v
}

// duration decodes a positive Go duration such as 30s or 2m.
func (p *parser) duration(n *yaml.Node, path string) time.Duration {
	s, ok := p.text(n, path)
	if !ok || s == "" {
		return 0
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 {
		p.addf(n.Line, path, "expected a positive duration such as 30s or 2m, got %q", s)
		return 0
	}
	return d
}
