package expect

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/linkproof/linkproof/internal/verdict"
)

// maxVisits bounds the YAML nodes Parse walks, so aliases cannot blow a small file up. A
// file of 10,000 links with every field set has about 200,000 nodes.
const maxVisits = 1 << 18

// maxErrors bounds the problems Parse reports; past it, one more says that it stopped.
const maxErrors = 200

// maxMergeDepth bounds nested merge keys (<<), which may also form a cycle.
const maxMergeDepth = 4

// Parse parses a links file. name (usually the path) prefixes every error message. It checks
// the whole file and returns every problem at once, joined with errors.Join, each an *Error
// with the line and the field; unknown fields are problems too. The defaults are merged into
// each Link.
func Parse(data []byte, name string) (*File, error) {
	if name == "" {
		name = "<input>"
	}
	p := &parser{file: name}
	var f *File
	if root := p.document(data); root != nil {
		f = p.parseFile(root)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	if f == nil { // unreachable: a nil file always comes with an error
		return nil, &Error{File: name, Msg: "no links"}
	}
	return f, nil
}

// parser walks the YAML node tree and collects every problem.
type parser struct {
	file    string
	errs    []*Error
	seen    map[Error]bool
	visits  int
	overrun bool // the walk stopped: too many nodes or problems
}

func (p *parser) addf(line int, path, format string, args ...any) {
	if p.overrun {
		return
	}
	if len(p.errs) == maxErrors {
		p.overrun = true
		p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf("too many problems: stopped after %d", maxErrors)})
		return
	}
	e := &Error{File: p.file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)}
	if p.seen == nil {
		p.seen = map[Error]bool{}
	}
	if !p.seen[*e] { // an alias can repeat a problem
		p.seen[*e] = true
		p.errs = append(p.errs, e)
	}
}

// err joins the problems in line order.
func (p *parser) err() error {
	slices.SortStableFunc(p.errs, func(a, b *Error) int { return cmp.Compare(a.Line, b.Line) })
	errs := make([]error, len(p.errs))
	for i, e := range p.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// yamlLine splits the "yaml: line N: problem" messages of the YAML parser.
var yamlLine = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)

// document decodes the single YAML document of data and returns its root node, or nil after
// recording why there is none.
func (p *parser) document(data []byte) (root *yaml.Node) {
	defer func() {
		// The YAML parser reports problems by panicking internally and recovers them itself;
		// this guards against any panic it lets through, so that no input crashes the caller.
		if r := recover(); r != nil {
			p.addf(0, "", "cannot parse YAML: %v", r)
			root = nil
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.addf(0, "", "the file is empty: it needs a links list")
		} else {
			p.syntax(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		p.syntax(err)
	default:
		p.addf(extra.Line, "", "only one YAML document is allowed in the file")
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		p.addf(doc.Line, "", "the file is empty: it needs a links list")
		return nil
	}
	return doc.Content[0]
}

// parserProblems are the messages of the YAML parser's (not scanner's) errors. For these the
// library reports a 0-based line (of the construct being parsed, such as the "[" of an
// unclosed list); scanner errors have a 1-based line.
func parserProblems() []string {
	return []string{
		"did not find expected <stream-start>", "did not find expected <document start>",
		"found undefined tag handle", "did not find expected node content",
		"did not find expected '-' indicator", "did not find expected key",
		"did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found duplicate %TAG directive",
	}
}

// syntax records a YAML syntax error, with its line when the parser gave one.
func (p *parser) syntax(err error) {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		if line, convErr := strconv.Atoi(m[1]); convErr == nil {
			if slices.Contains(parserProblems(), m[2]) {
				line++
			}
			p.addf(line, "", "invalid YAML: %s", m[2])
			return
		}
	}
	p.addf(0, "", "invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
}

// node resolves an alias and counts the visit. It returns nil once the walk has visited too
// many nodes; callers then stop quietly.
func (p *parser) node(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	if p.overrun {
		return nil
	}
	p.visits++
	if p.visits > maxVisits {
		p.addf(n.Line, "", "the document is too large or uses too many aliases")
		p.overrun = true
		return nil
	}
	for range 4 {
		if n.Kind != yaml.AliasNode || n.Alias == nil {
			break
		}
		n = n.Alias
	}
	if n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	default:
		return fmt.Sprintf("%q", n.Value)
	}
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// entry is one key and value of a mapping.
type entry struct{ key, val *yaml.Node }

// fields checks that n is a mapping whose keys are all in known and returns its entries by
// key. Merge keys (<<) bring in the entries of the merged mappings that n does not set itself.
// It returns nil, after recording why, when n is not a mapping.
func (p *parser) fields(n *yaml.Node, path, typ string, known []string) map[string]entry {
	if n = p.node(n); n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.addf(n.Line, path, "expected a mapping of %s fields (%s), got %s", typ, strings.Join(known, ", "), kindName(n))
		return nil
	}
	out := map[string]entry{}
	p.collect(n, path, typ, known, out, false, 0)
	return out
}

func (p *parser) collect(n *yaml.Node, path, typ string, known []string, out map[string]entry, merged bool, depth int) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := p.node(n.Content[i])
		if k == nil {
			return
		}
		switch {
		case k.Kind != yaml.ScalarNode:
			p.addf(k.Line, path, "a field name must be a plain word, got %s", kindName(k))
		case k.ShortTag() == "!!merge":
			merges = append(merges, n.Content[i+1])
		case !slices.Contains(known, k.Value):
			msg := fmt.Sprintf("field %q not found in %s", k.Value, typ)
			if s := suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf(", did you mean %q?", s)
			}
			p.addf(k.Line, path, "%s (known: %s)", msg, strings.Join(known, ", "))
		default:
			if prev, ok := out[k.Value]; ok {
				if !merged {
					p.addf(k.Line, path, "field %q is set twice (first at line %d)", k.Value, prev.key.Line)
				}
				continue
			}
			out[k.Value] = entry{k, n.Content[i+1]}
		}
	}
	for _, m := range merges {
		if m = p.node(m); m == nil {
			return
		}
		if depth >= maxMergeDepth {
			p.addf(m.Line, path, "merge keys (<<) nest too deep")
			continue
		}
		items := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			items = m.Content
		}
		for _, it := range items {
			if it = p.node(it); it == nil {
				return
			}
			if it.Kind != yaml.MappingNode {
				p.addf(it.Line, path, "a merge key (<<) needs a mapping or a list of mappings, got %s", kindName(it))
				continue
			}
			p.collect(it, path, typ, known, out, true, depth+1)
		}
	}
}

// text decodes a single value; null is the empty string.
func (p *parser) text(n *yaml.Node, path string) (string, bool) {
	if n = p.node(n); n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		p.addf(n.Line, path, "expected a single value, got %s", kindName(n))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}

// words decodes one value or a list of values, with the node of each for its line.
func (p *parser) words(n *yaml.Node, path string) ([]string, []*yaml.Node, bool) {
	if n = p.node(n); n == nil {
		return nil, nil, false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, []*yaml.Node{n}, true
	case yaml.SequenceNode:
		vals, nodes, ok := []string{}, []*yaml.Node{}, true
		for _, it := range n.Content {
			if it = p.node(it); it == nil {
				return nil, nil, false
			}
			if it.Kind != yaml.ScalarNode || isNull(it) {
				p.addf(it.Line, path, "expected a plain value in the list, got %s", kindName(it))
				ok = false
				continue
			}
			vals, nodes = append(vals, it.Value), append(nodes, it)
		}
		return vals, nodes, ok
	default:
		p.addf(n.Line, path, "expected a value or a list of values, got %s", kindName(n))
		return nil, nil, false
	}
}

// names decodes one name or a list of names from known (case-insensitive), without repeats.
// An empty list is a problem. null must be handled by the caller.
func (p *parser) names(n *yaml.Node, path, what string, known []string) ([]string, bool) {
	vals, nodes, ok := p.words(n, path)
	if !ok {
		return nil, false
	}
	if len(vals) == 0 {
		p.addf(n.Line, path, "the list is empty: name at least one %s", what)
		return nil, false
	}
	var out []string
	for i, v := range vals {
		lv := strings.ToLower(strings.TrimSpace(v))
		if !slices.Contains(known, lv) {
			p.addf(nodes[i].Line, path, "%s", unknownMsg(what, v, known))
			ok = false
			continue
		}
		if !slices.Contains(out, lv) {
			out = append(out, lv)
		}
	}
	return out, ok
}

// boolean decodes true or false; null is nil.
func (p *parser) boolean(n *yaml.Node, path string) (*bool, bool) {
	if n = p.node(n); n == nil {
		return nil, false
	}
	if isNull(n) {
		return nil, true
	}
	var b bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		p.addf(n.Line, path, "expected true or false, got %s", kindName(n))
		return nil, false
	}
	return &b, true
}

// placementNames are the page regions of SPEC §4 links[].placement (as the extract package
// reports them).
func placementNames() []string { return []string{"content", "nav", "header", "footer", "aside"} }

func fileFields() []string { return []string{"defaults", "links"} }

func defaultsFields() []string {
	return []string{"verdicts", "crawlers", "timeout", "followed", "in_raw", "placement", "match"}
}

func linkFields() []string {
	return []string{"name", "source", "target", "verdicts", "anchor", "followed", "in_raw", "placement"}
}

func anchorFields() []string { return []string{"exact", "contains"} }

func (p *parser) parseFile(root *yaml.Node) *File {
	fs := p.fields(root, "", "File", fileFields())
	if fs == nil {
		return nil
	}
	f := &File{}
	if e, ok := fs["defaults"]; ok {
		p.defaults(e.val, &f.Defaults)
	}
	if f.Defaults.Verdicts == nil {
		f.Defaults.Verdicts = []string{verdict.OK}
	}
	e, ok := fs["links"]
	if !ok {
		p.addf(root.Line, "", `missing field "links": list the links to check`)
		return f
	}
	list := p.node(e.val)
	switch {
	case list == nil:
		return f
	case isNull(list) || (list.Kind == yaml.SequenceNode && len(list.Content) == 0):
		p.addf(e.key.Line, "links", "the list is empty: add at least one link")
		return f
	case list.Kind != yaml.SequenceNode:
		p.addf(list.Line, "links", "expected a list of links, got %s", kindName(list))
		return f
	}
	firstLine := map[string]int{}
	for i, item := range list.Content {
		l, ok := p.link(item, i, &f.Defaults)
		if !ok {
			continue
		}
		if l.Name != "" {
			if first, dup := firstLine[l.Name]; dup {
				p.addf(l.Line, fmt.Sprintf("links[%d].name", i), "duplicate name %q (first at line %d)", l.Name, first)
			} else {
				firstLine[l.Name] = l.Line
			}
		}
		f.Links = append(f.Links, l)
	}
	return f
}
