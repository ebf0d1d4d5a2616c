package consent

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// consentJS is the detection and acceptance script: one function expression
// that takes a config object (see the top of consent.js).
//
//go:embed consent.js
var consentJS string

// wordsJS is the vocabulary matcher that consent.js and paywall.js take as
// their second argument.
//
//go:embed words.js
var wordsJS string

// WordMatcherJS returns a JavaScript expression whose value is re(list): a
// matcher of a word list with the vocabulary's rules (whole words, "word*"
// for a prefix, case-insensitive, any white space between words), with a
// test(text) method. paywall.js takes it as its second argument.
func WordMatcherJS() string { return wordsJS }

// scriptConfig is the argument of consent.js.
type scriptConfig struct {
	Op    string     `json:"op"`
	Rules []Rule     `json:"rules,omitempty"`
	Words Vocabulary `json:"words"`
	Skip  []string   `json:"skip,omitempty"`
	Texts []text     `json:"texts,omitempty"` // classify
	Quiet int64      `json:"quiet,omitempty"` // settle: milliseconds
	Max   int64      `json:"max,omitempty"`   // settle: milliseconds
}

// text is one input of the classify operation (tests).
type text struct {
	Text string `json:"text"`
	Kind string `json:"kind"` // "notice" or "button"
}

// expression returns the JavaScript expression that runs consent.js with cfg.
func expression(cfg scriptConfig) (string, error) {
	if cfg.Rules == nil {
		cfg.Rules = Rules()
	}
	cfg.Words = Words()
	b, err := json.Marshal(cfg)
	if err != nil {
		return "", fmt.Errorf("encoding the consent script config: %w", err)
	}
	return "(" + consentJS + ")(" + string(b) + ", " + wordsJS + ")", nil
}
