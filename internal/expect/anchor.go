package expect

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/cases"
)

// Anchor is the expected anchor text: Exact is the whole text (case-sensitive), Contains a
// part of it (case-insensitive). Exactly one is set. Whitespace runs count as one space.
// In YAML it is {exact: "..."}, {contains: "..."} or a plain string (= exact).
type Anchor struct {
	Exact    string `yaml:"exact"`
	Contains string `yaml:"contains"`
}

// UnmarshalYAML decodes the three YAML forms of an anchor. Parse does not call it (it walks
// the nodes itself, with the same rules); it serves other decoders of a Link.
func (a *Anchor) UnmarshalYAML(value *yaml.Node) error {
	p := &parser{}
	if v := p.anchor(value, "anchor"); v != nil {
		*a = *v
	}
	errs := make([]error, len(p.errs))
	for i, e := range p.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// anchor decodes an anchor; null is nil (no expectation).
func (p *parser) anchor(n *yaml.Node, path string) *Anchor {
	r := p.node(n)
	if r == nil || isNull(r) {
		return nil
	}
	var a Anchor
	switch r.Kind {
	case yaml.ScalarNode:
		a.Exact = collapseSpace(r.Value)
		if a.Exact == "" {
			p.addf(r.Line, path, "the anchor text is empty")
			return nil
		}
	case yaml.MappingNode:
		fs := p.fields(r, path, "Anchor", anchorFields())
		e, hasExact := fs["exact"]
		c, hasContains := fs["contains"]
		if hasExact == hasContains {
			p.addf(r.Line, path, `set either "exact" or "contains"`)
			return nil
		}
		field, ptr := "exact", &a.Exact
		if hasContains {
			e, field, ptr = c, "contains", &a.Contains
		}
		s, ok := p.text(e.val, join(path, field))
		if !ok {
			return nil
		}
		if *ptr = collapseSpace(s); *ptr == "" {
			p.addf(e.val.Line, join(path, field), "the anchor text is empty")
			return nil
		}
	default:
		p.addf(r.Line, path, `expected anchor text, {exact: "..."} or {contains: "..."}, got %s`, kindName(r))
		return nil
	}
	return &a
}

// Match reports whether the anchor text of a link satisfies a.
func (a Anchor) Match(text string) bool {
	text = collapseSpace(text)
	if a.Contains != "" {
		f := cases.Fold()
		return strings.Contains(f.String(text), f.String(a.Contains))
	}
	return text == a.Exact
}

// String describes the expectation: `"text"` for exact, `it to contain "text"` for contains.
func (a Anchor) String() string {
	if a.Contains != "" {
		return fmt.Sprintf("it to contain %q", a.Contains)
	}
	return fmt.Sprintf("%q", a.Exact)
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
