// Package evidence writes per-link evidence bundles: screenshots, raw and rendered HTML,
// response headers, robots.txt files and a manifest.json that lists every file with its
// SHA-256 and size. A bundle is built in a temporary directory and renamed into place, so a
// re-run never leaves a half-written bundle. Files shared by several rows of one source page
// are written once and hard-linked into each bundle (copied where links are not possible).
package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Store is an evidence directory: OUT/evidence.
type Store struct {
	out string // the output directory; bundle paths are relative to it
	dir string // out/evidence
}

// Open makes OUT/evidence and returns its store.
func Open(out string) (*Store, error) {
	dir := filepath.Join(out, "evidence")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create evidence directory: %w", err)
	}
	return &Store{out: out, dir: dir}, nil
}

// Dir returns the output directory that bundle paths are relative to.
func (s *Store) Dir() string { return s.out }

// Manifest describes one bundle.
type Manifest struct {
	Row            int               `json:"row"`
	Source         string            `json:"source"`
	Target         string            `json:"target"`
	FinalURL       string            `json:"final_url,omitempty"`
	Verdict        string            `json:"verdict"`
	CheckedAt      time.Time         `json:"checked_at"`
	ToolVersion    string            `json:"tool_version"`
	BrowserVersion string            `json:"browser_version,omitempty"`
	UserAgents     map[string]string `json:"user_agents"`
	Screenshot     *ScreenshotInfo   `json:"screenshot,omitempty"`
	Consent        any               `json:"consent,omitempty"` // what was detected and clicked
	Paywall        any               `json:"paywall,omitempty"`
	Notes          []string          `json:"notes,omitempty"`
	Files          []File            `json:"files"`
}

// ScreenshotInfo records how the page screenshot was taken.
type ScreenshotInfo struct {
	Format     string  `json:"format"`
	Width      int     `json:"width"`
	Height     int     `json:"height"`
	Scale      float64 `json:"scale"`       // image pixels per CSS pixel
	PageHeight int     `json:"page_height"` // CSS px
	Capped     bool    `json:"capped"`
	CapPx      int     `json:"cap_px"` // CSS px captured from the top
}

// File is one evidence file: its name inside the bundle, hash and size.
type File struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Blob is content that can be shared between bundles of one source page.
// Build it once with NewBlob and add it to every bundle that needs it.
type Blob struct {
	data []byte
	sum  string
}

// NewBlob wraps data and computes its hash once.
func NewBlob(data []byte) *Blob {
	h := sha256.Sum256(data)
	return &Blob{data: data, sum: hex.EncodeToString(h[:])}
}

// Bundle collects the files of one row before Commit writes them.
type Bundle struct {
	name  string
	files []entry
}

type entry struct {
	name string
	blob *Blob
}

// NewBundle starts the bundle of a row; its directory is evidence/NNNN-host.
func NewBundle(row int, source string) *Bundle {
	return &Bundle{name: fmt.Sprintf("%04d-%s", row, hostSlug(source))}
}

// Name returns the bundle directory name.
func (b *Bundle) Name() string { return b.name }

// Add adds a file; a later Add with the same name replaces it.
func (b *Bundle) Add(name string, blob *Blob) {
	if blob == nil {
		return
	}
	b.files = slices.DeleteFunc(b.files, func(e entry) bool { return e.name == name })
	b.files = append(b.files, entry{name, blob})
}

// Has reports whether the bundle has a file of that name.
func (b *Bundle) Has(name string) bool {
	return slices.ContainsFunc(b.files, func(e entry) bool { return e.name == name })
}

// Path returns the path, relative to the output directory, that file name will have.
func (s *Store) Path(b *Bundle, name string) string {
	return filepath.ToSlash(filepath.Join("evidence", b.name, name))
}

// Commit writes the bundle and its manifest atomically and returns the manifest path
// relative to the output directory. m.Files is filled in.
func (s *Store) Commit(b *Bundle, m Manifest) (string, error) {
	tmp, err := os.MkdirTemp(s.dir, ".tmp-"+b.name+"-")
	if err != nil {
		return "", fmt.Errorf("evidence bundle %s: %w", b.name, err)
	}
	defer os.RemoveAll(tmp) // gone after the rename; cleans up on failure
	m.Files = m.Files[:0]
	for _, e := range b.files {
		if err := s.place(e.blob, filepath.Join(tmp, e.name)); err != nil {
			return "", fmt.Errorf("evidence bundle %s: %w", b.name, err)
		}
		m.Files = append(m.Files, File{Name: e.name, SHA256: e.blob.sum, Size: int64(len(e.blob.data))})
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return "", fmt.Errorf("evidence manifest %s: %w", b.name, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), append(mj, '\n'), 0o644); err != nil {
		return "", fmt.Errorf("evidence manifest %s: %w", b.name, err)
	}
	final := filepath.Join(s.dir, b.name)
	old := ""
	if _, err := os.Stat(final); err == nil {
		old = final + ".old-" + filepath.Base(tmp)
		if err := os.Rename(final, old); err != nil {
			return "", fmt.Errorf("replace evidence bundle %s: %w", b.name, err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		return "", fmt.Errorf("evidence bundle %s: %w", b.name, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return s.Path(b, "manifest.json"), nil
}

// place writes blob at path, hard-linking a copy kept under evidence/.blobs when possible.
func (s *Store) place(b *Blob, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	shared := filepath.Join(s.dir, ".blobs", b.sum)
	if _, err := os.Stat(shared); err != nil {
		if err := writeAtomic(shared, b.data); err != nil {
			return os.WriteFile(path, b.data, 0o644)
		}
	}
	if err := os.Link(shared, path); err == nil {
		return nil
	}
	return os.WriteFile(path, b.data, 0o644)
}

// Close removes the shared blob directory; the bundles keep their links.
func (s *Store) Close() error {
	return os.RemoveAll(filepath.Join(s.dir, ".blobs"))
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".part-")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, errors.Join(werr, cerr))
	}
	return os.Rename(f.Name(), path)
}

var slugRe = regexp.MustCompile(`[^a-z0-9.-]+`)

func hostSlug(raw string) string {
	h := raw
	if i := strings.Index(h, "://"); i >= 0 {
		h = h[i+3:]
	}
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	h = slugRe.ReplaceAllString(strings.ToLower(h), "_")
	h = strings.Trim(h, "._-")
	if len(h) > 60 {
		h = h[:60]
	}
	if h == "" {
		h = "page"
	}
	return h
}

// Verify checks a bundle on disk against its manifest: every file exists with the recorded
// size and SHA-256. It returns the first mismatch.
func Verify(manifestPath string) error {
	b, err := os.ReadFile(manifestPath)
	if err != nil {
		return err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("manifest %s: %w", manifestPath, err)
	}
	dir := filepath.Dir(manifestPath)
	for _, f := range m.Files {
		fh, err := os.Open(filepath.Join(dir, f.Name))
		if err != nil {
			return err
		}
		h := sha256.New()
		n, err := io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return err
		}
		if n != f.Size || hex.EncodeToString(h.Sum(nil)) != f.SHA256 {
			return fmt.Errorf("evidence file %s does not match its manifest", f.Name)
		}
	}
	return nil
}
