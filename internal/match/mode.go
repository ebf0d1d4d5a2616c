package match

import (
	"fmt"
	"strconv"
	"strings"
)

// Mode selects how strictly two URLs are compared (SPEC §3, flag --match).
type Mode int

const (
	// Loose is the default comparison: scheme, leading "www.", default ports,
	// fragment, one trailing slash and query parameter order are ignored.
	Loose Mode = iota
	// Exact compares URLs after RFC 3986 syntax-based normalization only.
	Exact
)

// ParseMode parses "loose" or "exact" (case-insensitive, surrounding spaces
// ignored).
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "loose":
		return Loose, nil
	case "exact":
		return Exact, nil
	}
	return Loose, fmt.Errorf("invalid match mode %q: want loose or exact", s)
}

// String returns "loose" or "exact", the spelling ParseMode accepts.
func (m Mode) String() string {
	switch m {
	case Loose:
		return "loose"
	case Exact:
		return "exact"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// MarshalText implements encoding.TextMarshaler (JSON and YAML output).
func (m Mode) MarshalText() ([]byte, error) {
	if m != Loose && m != Exact {
		return nil, fmt.Errorf("invalid match mode %d", int(m))
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler (JSON and YAML input)
// with the rules of ParseMode.
func (m *Mode) UnmarshalText(text []byte) error {
	v, err := ParseMode(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Set parses s with ParseMode; with String and Type it makes *Mode a
// command-line flag value (pflag.Value).
func (m *Mode) Set(s string) error {
	return m.UnmarshalText([]byte(s))
}

// Type names the flag value type in command-line help.
func (m *Mode) Type() string {
	return "loose|exact"
}
