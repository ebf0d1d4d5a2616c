package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/linkproof/linkproof/internal/record"
)

// workspace is what every contender run shares.
type workspace struct {
	dir       string // work directory
	csv       string // rows, header source,target
	pages     string // unique source URLs, one a line (the floor's input)
	linkproof string
	floor     string
	chrome    string   // the Chrome binary every contender runs (linkproof's choice)
	env       []string // added to the environment of every contender
	reference string   // directory of reference.mjs
}

// contender is one program under test.
type contender struct {
	name string
	// command returns the command line of one run writing into out.
	command func(ws *workspace, conc int, out string) []string
	// results is the file in out that gets one line per finished row (or page).
	results string
	// parse reads out after the run.
	parse func(out string) (outcome, error)
}

// outcome is what a run produced.
type outcome struct {
	Found  map[int]bool // by row number (1-based); nil for the floor
	Lines  int          // lines of the results file
	Errors int          // rows or pages with an error
	// linkproof only.
	Verdicts      map[string]int `json:",omitempty"`
	RenderMS      []int64        `json:"-"` // rendered.duration_ms of each page (first row of each source)
	RenderTimeout int            `json:",omitempty"`
}

func contenderByName(name string) (contender, bool) {
	switch name {
	case "linkproof":
		return linkproofContender(name), true
	case "linkproof-noevidence":
		return linkproofContender(name, "--no-evidence"), true
	case "linkproof-norender":
		return linkproofContender(name, "--no-render"), true
	case "reference":
		return contender{
			name: name, results: "results.jsonl", parse: parseReference,
			command: func(ws *workspace, conc int, out string) []string {
				return []string{"node", filepath.Join(ws.reference, "reference.mjs"),
					"--csv", ws.csv, "--out", out, "--concurrency", fmt.Sprint(conc), "--chrome", ws.chrome}
			},
		}, true
	case "floor", "floor-tuned":
		return contender{
			name: name, results: "results.jsonl", parse: parseFloor,
			command: func(ws *workspace, conc int, out string) []string {
				args := []string{ws.floor, "-urls", ws.pages, "-out", filepath.Join(out, "results.jsonl"),
					"-concurrency", fmt.Sprint(conc), "-chrome", ws.chrome}
				if name == "floor-tuned" {
					args = append(args, "-disable-features", linkproofDisabledFeatures)
				}
				return args
			},
		}, true
	}
	return contender{}, false
}

// linkproofDisabledFeatures is the --disable-features of render.New (render/browser.go): the
// floor-tuned contender starts Chrome the same way, to show what the floor costs with
// linkproof's process savings (no omnibox renderer, no spare renderer per tab).
const linkproofDisabledFeatures = "Translate,OptimizationHints,MediaRouter,WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess"

// linkproofContender runs `linkproof batch` with extra flags.
func linkproofContender(name string, extra ...string) contender {
	return contender{
		name: name, results: "results.jsonl", parse: parseLinkproof,
		command: func(ws *workspace, conc int, out string) []string {
			args := []string{ws.linkproof, "batch", ws.csv, "--out", out, "--concurrency", fmt.Sprint(conc), "--chrome", ws.chrome}
			return append(args, extra...)
		},
	}
}

// eachLine decodes every line of a JSONL file into a fresh T.
func eachLine[T any](file string, f func(T)) (int, error) {
	fh, err := os.Open(file)
	if err != nil {
		return 0, fmt.Errorf("reading results: %w", err)
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return n, fmt.Errorf("%s line %d: %w", file, n+1, err)
		}
		n++
		f(v)
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("reading %s: %w", file, err)
	}
	return n, nil
}

func parseLinkproof(out string) (outcome, error) {
	o := outcome{Found: map[int]bool{}, Verdicts: map[string]int{}}
	seen := map[string]bool{}
	n, err := eachLine(filepath.Join(out, "results.jsonl"), func(r record.Record) {
		o.Found[r.Row] = r.Raw.Found || r.Rendered.Found
		o.Verdicts[r.Verdict]++
		if r.Error != "" {
			o.Errors++
		}
		if slices.Contains(r.Signals, "render_timeout") {
			o.RenderTimeout++
		}
		if !seen[r.Source] && r.Rendered.DurationMS > 0 {
			seen[r.Source] = true
			o.RenderMS = append(o.RenderMS, r.Rendered.DurationMS)
		}
	})
	o.Lines = n
	return o, err
}

// referenceLine is a line of reference.mjs's results.
type referenceLine struct {
	Row   int    `json:"row"`
	Found bool   `json:"found"`
	Error string `json:"error"`
}

func parseReference(out string) (outcome, error) {
	o := outcome{Found: map[int]bool{}}
	n, err := eachLine(filepath.Join(out, "results.jsonl"), func(r referenceLine) {
		o.Found[r.Row] = r.Found
		if r.Error != "" {
			o.Errors++
		}
	})
	o.Lines = n
	return o, err
}

// floorLine is a line of the floor's results.
type floorLine struct {
	URL   string `json:"url"`
	Error string `json:"error"`
}

func parseFloor(out string) (outcome, error) {
	var o outcome
	n, err := eachLine(filepath.Join(out, "results.jsonl"), func(r floorLine) {
		if r.Error != "" {
			o.Errors++
		}
	})
	o.Lines = n
	return o, err
}
