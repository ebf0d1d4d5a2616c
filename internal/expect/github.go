package expect

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteGitHub writes a GitHub Actions ::error workflow command for every link that failed,
// pointing at the link's line in file (the links file as the repository names it):
//
//	::error file=links.yaml,line=12,title=Lost link: NAME::verdict is removed, expected ok
//
// The title is "Lost link" when the verdict was not allowed, "Link not verified" when the
// page could not be verified (Errored), "Link changed" when only the link expectations
// failed. Each failure is one line of the message. Values are escaped per the workflow
// command rules.
func WriteGitHub(w io.Writer, rs []Result, file string) error {
	bw := bufio.NewWriter(w)
	for _, r := range rs {
		if r.Passed() {
			continue
		}
		title := "Link changed: "
		switch {
		case r.Errored():
			title = "Link not verified: "
		case !r.verdictOK():
			title = "Lost link: "
		}
		props := []string{"file=" + escapeProperty(file)}
		if r.Link.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", r.Link.Line))
		}
		props = append(props, "title="+escapeProperty(title+r.Link.Label()))
		fmt.Fprintf(bw, "::error %s::%s\n", strings.Join(props, ","), escapeData(strings.Join(r.Failures, "\n")))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write GitHub annotations: %w", err)
	}
	return nil
}

// escapeData escapes a workflow command's message as @actions/core does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value as @actions/core does.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
