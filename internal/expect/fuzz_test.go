package expect

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and that what it accepts is a usable file.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile("testdata/links.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		string(example),
		"links:\n  - source: https://a.example/\n    target: https://b.example/\n",
		"links:\n  - &a {source: https://a.example/, target: https://b.example/}\n  - <<: *a\n    name: x\n",
		"a: &a [*a]\nlinks: *a\n",
		"links: [{<<: &m {<<: *m}}]\n",
		"defaults: {verdicts: ok, placement: [content], timeout: 1s}\nlinks: [{source: http://x, target: http://y, anchor: {contains: z}}]\n",
		"links:\n  - source: [a\n",
		"---\n...\n---\nlinks: []\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data, "links.yaml")
		if err != nil {
			if file != nil {
				t.Fatalf("Parse returned a file with error %v", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "links.yaml") {
					t.Fatalf("error line without the file name: %q", line)
				}
			}
			return
		}
		if len(file.Links) == 0 {
			t.Fatal("accepted a file without links")
		}
		for _, l := range file.Links {
			if len(l.Verdicts) == 0 || checkURL(l.Source) != "" || checkURL(l.Target) != "" || l.Line <= 0 {
				t.Fatalf("accepted an unusable link %+v", l)
			}
		}
	})
}
