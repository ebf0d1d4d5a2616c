package extract

import (
	"slices"
	"testing"
)

func TestScripts(t *testing.T) {
	const body = `<html><head>
<script src="https://CDN.Cookielaw.org/otSDKStub.js"></script>
<link rel="preconnect" href="https://Consent.Example/">
<script>window.tp = window.tp || [];</script>
<script type="application/ld+json">{"isAccessibleForFree": false}</script>
</head><body><iframe src="https://Frame.Example/cmp"></iframe><script>var a=1</script></body></html>`
	p, doc, err := ParseDoc([]byte(body), "https://a.example/")
	if err != nil || p == nil || doc == nil {
		t.Fatalf("ParseDoc: %v %v %v", p, doc, err)
	}
	urls, inline := Scripts(doc)
	want := []string{"https://cdn.cookielaw.org/otsdkstub.js", "https://consent.example/", "https://frame.example/cmp"}
	if !slices.Equal(urls, want) {
		t.Errorf("urls = %q, want %q", urls, want)
	}
	wantInline := "window.tp = window.tp || [];\n{\"isAccessibleForFree\": false}\nvar a=1\n"
	if inline != wantInline {
		t.Errorf("inline = %q, want %q", inline, wantInline)
	}
}
