package evidence

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestCommitSharedAndVerify(t *testing.T) {
	out := t.TempDir()
	s, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	page := NewBlob([]byte("shared page screenshot"))
	var manifests []string
	for row := 1; row <= 2; row++ {
		b := NewBundle(row, "http://Blog.Example:8080/post?x=1")
		b.Add("page.jpg", page)
		b.Add("link.png", NewBlob([]byte{byte(row)}))
		mp, err := s.Commit(b, Manifest{Row: row, Verdict: "ok", UserAgents: map[string]string{"browser": "ua"}})
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, mp)
	}
	if manifests[0] != "evidence/0001-blog.example_8080/manifest.json" {
		t.Errorf("manifest path = %s", manifests[0])
	}
	for _, mp := range manifests {
		if err := Verify(filepath.Join(out, mp)); err != nil {
			t.Errorf("Verify(%s): %v", mp, err)
		}
	}
	// The shared file is one inode linked into both bundles.
	st1, _ := os.Stat(filepath.Join(out, "evidence/0001-blog.example_8080/page.jpg"))
	st2, _ := os.Stat(filepath.Join(out, "evidence/0002-blog.example_8080/page.jpg"))
	if st1 == nil || st2 == nil || st1.Sys().(*syscall.Stat_t).Ino != st2.Sys().(*syscall.Stat_t).Ino {
		t.Errorf("shared page screenshot is not hard-linked")
	}
	var m Manifest
	b, _ := os.ReadFile(filepath.Join(out, manifests[1]))
	if err := json.Unmarshal(b, &m); err != nil || len(m.Files) != 2 || m.Files[0].Size != int64(len("shared page screenshot")) {
		t.Errorf("manifest = %+v, %v", m, err)
	}
	// Tampering is detected.
	if err := os.WriteFile(filepath.Join(out, "evidence/0002-blog.example_8080/link.png"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Verify(filepath.Join(out, manifests[1])); err == nil || !strings.Contains(err.Error(), "link.png") {
		t.Errorf("Verify after tampering = %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := Verify(filepath.Join(out, manifests[0])); err != nil {
		t.Errorf("bundle lost files when blobs were removed: %v", err)
	}
}

func TestCommitReplacesWholeBundle(t *testing.T) {
	out := t.TempDir()
	s, _ := Open(out)
	b := NewBundle(7, "https://x.example/")
	b.Add("old.txt", NewBlob([]byte("old")))
	if _, err := s.Commit(b, Manifest{}); err != nil {
		t.Fatal(err)
	}
	b2 := NewBundle(7, "https://x.example/")
	b2.Add("new.txt", NewBlob([]byte("new")))
	if _, err := s.Commit(b2, Manifest{}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "evidence"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != ".blobs,0007-x.example" {
		t.Errorf("evidence dir = %v, want only the final bundle", names)
	}
	if _, err := os.Stat(filepath.Join(out, "evidence/0007-x.example/old.txt")); !os.IsNotExist(err) {
		t.Errorf("old file survived the re-run")
	}
}

func TestHostSlug(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.Example.com/a/b": "www.example.com",
		"not a url":                   "not_a_url",
		"":                            "page",
		"http://[::1]:80/":            "1_80",
		"https://bücher.example/":     "b_cher.example",
	} {
		if got := hostSlug(in); got != want {
			t.Errorf("hostSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
