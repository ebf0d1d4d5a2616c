package consent

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Open-source consent managers from the npm registry, installed at test
// time into a temporary directory (their code is never committed). They
// prove detection and acceptance on code we did not write.
var npmPackages = []string{"klaro@0.7.22", "vanilla-cookieconsent@3.1.0"}

// The pages that run them. The content that waits for consent is a
// script the CMP activates once consent is given; it adds the target link.
const (
	klaroPage = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Klaro</title>
<script>
var klaroConfig = {
  elementID: "klaro", lang: "de", mustConsent: true, acceptAll: true, storageMethod: "cookie",
  services: [{name: "shop", title: "Partnershop", purposes: ["marketing"]}]
};
</script>
<script defer src="/npm/klaro/dist/klaro.js"></script>
</head><body style="margin:0"><main><h1>Artikel</h1><p>%s</p><div id="after"></div></main>
<script type="text/plain" data-type="application/javascript" data-name="shop">
var a = document.createElement("a"); a.href = "https://target.example/after-consent"; a.textContent = "Partnershop";
document.getElementById("after").appendChild(a);
</script>
</body></html>`
	cookieConsentPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CookieConsent</title>
<link rel="stylesheet" href="/npm/vanilla-cookieconsent/dist/cookieconsent.css">
<script src="/npm/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
</head><body style="margin:0"><main><h1>Article</h1><p>%s</p><div id="after"></div></main>
<script type="text/plain" data-category="marketing">
var a = document.createElement("a"); a.href = "https://target.example/after-consent"; a.textContent = "partner shop";
document.getElementById("after").appendChild(a);
</script>
<script>
// hideFromBots is on by default: the library hides itself from automated
// browsers (navigator.webdriver), so a real site with the default shows
// linkproof no banner at all.
CookieConsent.run({
  hideFromBots: false,
  categories: {necessary: {enabled: true, readOnly: true}, marketing: {}},
  language: {default: "en", translations: {en: {
    consentModal: {title: "We use cookies", description: "We and our partners use cookies for marketing, with your consent.",
      acceptAllBtn: "Accept all", acceptNecessaryBtn: "Reject all", showPreferencesBtn: "Manage preferences"},
    preferencesModal: {title: "Cookie preferences", acceptAllBtn: "Accept all", acceptNecessaryBtn: "Reject all",
      savePreferencesBtn: "Save preferences", sections: []}
  }}}
});
</script>
</body></html>`
)

// TestRealCMPs renders Klaro (a German modal that must be answered) and
// vanilla-cookieconsent (a corner box) from their published packages.
func TestRealCMPs(t *testing.T) {
	t.Parallel()
	dir := installNPM(t)
	text := strings.Repeat("Ein Absatz des Artikels, lang genug für eine echte Seite. ", 8)
	mux := http.NewServeMux()
	mux.Handle("/npm/", http.StripPrefix("/npm/", http.FileServer(http.Dir(dir))))
	mux.HandleFunc("/klaro", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, klaroPage, text)
	})
	mux.HandleFunc("/cookieconsent", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, cookieConsentPage, text)
	})
	npmSrv := httptest.NewServer(mux)
	t.Cleanup(npmSrv.Close)

	tests := []struct {
		path, vendor string
		wall         bool
		selector     string
	}{
		{"/klaro", "klaro", true, ".klaro .cm-btn-accept-all"},
		{"/cookieconsent", "cookieconsent", false, "#cc-main .cm [data-role=\"all\"]"},
	}
	for _, tc := range tests {
		t.Run(tc.vendor, func(t *testing.T) {
			ctx := testCtx(t)
			p := open(t, npmSrv.URL+tc.path)
			if hasLink(p, afterConsent) {
				t.Fatal("the after-consent link is there before consent")
			}
			d, err := Detect(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !d.Shown || d.Rule != tc.vendor || d.Wall != tc.wall || !slices.Contains(d.Vendors, tc.vendor) {
				t.Fatalf("Detect = %+v, want shown by %s, wall %t", d, tc.vendor, tc.wall)
			}
			a, err := Accept(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Clicked || !a.Dismissed || a.Rule != tc.vendor || a.Selector != tc.selector {
				t.Fatalf("Accept = %+v, want %s clicking %s", a, tc.vendor, tc.selector)
			}
			if !hasLink(p, afterConsent) {
				t.Fatal("no after-consent link after Accept")
			}
		})
	}
}

// installNPM packs npmPackages into a temporary directory and unpacks each
// as dir/<name>/. Without npm it skips, except in CI.
func installNPM(t *testing.T) string {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("npm is needed in CI: %v", err)
		}
		t.Skipf("npm is not installed: %v", err)
	}
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	for _, pkg := range npmPackages {
		cmd := exec.CommandContext(ctx, npm, "pack", pkg, "--silent", "--pack-destination", dir)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				err = fmt.Errorf("%w: %s", err, ee.Stderr)
			}
			if os.Getenv("CI") == "true" {
				t.Fatalf("npm pack %s: %v", pkg, err)
			}
			t.Skipf("npm pack %s (no registry?): %v", pkg, err)
		}
		lines := strings.Fields(strings.TrimSpace(string(out)))
		if len(lines) == 0 {
			t.Fatalf("npm pack %s: no file name in its output", pkg)
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(pkg, "@"), "@")
		if err := untar(filepath.Join(dir, lines[len(lines)-1]), filepath.Join(dir, name)); err != nil {
			t.Fatalf("unpacking %s: %v", pkg, err)
		}
	}
	return dir
}

// untar unpacks the package tarball tgz (files under package/) into dst.
func untar(tgz, dst string) error {
	f, err := os.Open(tgz)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		rel, ok := strings.CutPrefix(filepath.ToSlash(filepath.Clean(h.Name)), "package/")
		if !ok || !filepath.IsLocal(rel) {
			continue
		}
		p := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		out, err := os.Create(p)
		if err != nil {
			return err
		}
		_, err = io.Copy(out, io.LimitReader(tr, 64<<20))
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
}
