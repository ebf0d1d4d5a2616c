package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/linkproof/linkproof/internal/input"
	"github.com/linkproof/linkproof/internal/record"
)

// appender appends records to results.jsonl; each Append reaches the OS before it returns,
// so a killed run keeps every finished row.
type appender struct {
	f *os.File
}

func openAppender(path string) (*appender, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &appender{f: f}, nil
}

func (a *appender) Append(r *record.Record) error {
	b, err := marshal(r)
	if err != nil {
		return err
	}
	_, err = a.f.Write(b)
	return err
}

func (a *appender) Close() error {
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	return err
}

func marshal(r *record.Record) ([]byte, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode record %d: %w", r.Row, err)
	}
	return append(b, '\n'), nil
}

// loadDone reads the records of an earlier run that belong to this list: same row number,
// source and target. Torn or foreign lines are ignored.
func loadDone(path string, list *input.List) (map[int]record.Record, error) {
	done := map[int]record.Record{}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	defer f.Close()
	byRow := map[int]input.Row{}
	for _, r := range list.Rows {
		byRow[r.N] = r
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var r record.Record
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Verdict == "" {
			continue
		}
		in, ok := byRow[r.Row]
		if !ok || in.Source != r.Source || in.Target != r.Target {
			continue
		}
		done[r.Row] = r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("resume: read %s: %w", path, err)
	}
	return done, nil
}

func sortedRecords(m map[int]record.Record) []record.Record {
	out := make([]record.Record, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out
}

// writeJSONL replaces path atomically with recs, one per line.
func writeJSONL(path string, recs []record.Record) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".results-*.jsonl")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	for i := range recs {
		b, err := marshal(&recs[i])
		if err == nil {
			_, err = w.Write(b)
		}
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := errors.Join(w.Flush(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
