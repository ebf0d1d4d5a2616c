package expect

import (
	"fmt"
	"os"
	"time"
)

// File is a parsed links file: the defaults and the links to check. After Parse, every Link
// already carries the defaults that apply to it.
type File struct {
	Defaults Defaults `yaml:"defaults"`
	Links    []Link   `yaml:"links"`
}

// Defaults apply to every link that does not set the same field itself. Crawlers, Timeout and
// Match are settings for the checker; the others are expectations.
type Defaults struct {
	// Verdicts lists the allowed verdicts; [ok] when the file does not say.
	Verdicts []string `yaml:"verdicts"`
	// Crawlers names the crawler profiles to check (SPEC §6); empty means the command's default.
	Crawlers []string `yaml:"crawlers"`
	// Timeout is the per-page timeout; zero means the command's default.
	Timeout time.Duration `yaml:"timeout"`
	// Followed, InRaw and Placement are the link expectations every link inherits.
	Followed  *bool    `yaml:"followed"`
	InRaw     *bool    `yaml:"in_raw"`
	Placement []string `yaml:"placement"`
	// Match is "exact" or "loose" (SPEC §3); empty means the command's default.
	Match string `yaml:"match"`
}

// Link is one curated link and what is expected of it.
type Link struct {
	// Name is an optional friendly name, unique in the file.
	Name string `yaml:"name"`
	// Source is the page that should carry the link; Target is the URL it should point to.
	Source string `yaml:"source"`
	Target string `yaml:"target"`
	// Verdicts lists the allowed verdicts (SPEC §2); never empty after Parse.
	Verdicts []string `yaml:"verdicts"`
	// Anchor, when set, is the expected anchor text.
	Anchor *Anchor `yaml:"anchor"`
	// Followed, when set, says whether the link must be followed (true) or must carry
	// nofollow, ugc or sponsored (false).
	Followed *bool `yaml:"followed"`
	// InRaw, when set, says whether the link must be in the raw HTML (true) or must appear
	// only after rendering (false).
	InRaw *bool `yaml:"in_raw"`
	// Placement, when set, lists the page regions the link may sit in.
	Placement []string `yaml:"placement"`
	// Line is the line of the item in the YAML file (1-based).
	Line int `yaml:"-"`
}

// Label is the name of the link, or "source → target" when it has none.
func (l Link) Label() string {
	if l.Name != "" {
		return l.Name
	}
	return l.Source + " → " + l.Target
}

// ParseFile reads and parses a links file. Error messages name the path as given.
func ParseFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read links file: %w", err)
	}
	return Parse(data, path)
}
