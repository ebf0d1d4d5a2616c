// Package expect is the engine of `linkproof check FILE.yaml` (SPEC §1), the CI mode for teams
// that guard a curated list of valuable links: it parses the links file, evaluates each
// link's result record against what is expected of it, and writes the outcome as text, JSON,
// Markdown, JUnit XML or GitHub Actions annotations. Running the checker, exit codes and
// flags belong to the command.
//
// # The links file
//
//	defaults:                       # optional; every link inherits these
//	  verdicts: [ok]                # allowed verdicts (SPEC §2); [ok] when not set
//	  crawlers: [googlebot, ahrefsbot]   # for the checker (SPEC §6); one name or a list
//	  timeout: 30s                  # for the checker: per-page timeout (Go duration)
//	  match: loose                  # for the checker: exact | loose (SPEC §3)
//	  followed: true                # link expectations, as on a link below
//	  in_raw: true
//	  placement: [content, aside]
//	links:                          # required, at least one
//	  - name: Partner review on example blog   # optional, unique in the file
//	    source: https://blog.example/post      # required, absolute http(s) URL
//	    target: https://shop.example/product   # required, absolute http(s) URL
//	    verdicts: [ok, js_only]     # one verdict or a list
//	    anchor: {contains: "best product"}   # or {exact: "..."}, or a plain string (= exact)
//	    followed: true              # true: no nofollow/ugc/sponsored; false: must carry one
//	    in_raw: true                # true: in the raw HTML; false: only after rendering
//	    placement: [content]        # content | nav | header | footer | aside; one or a list
//	  - source: https://news.example/roundup
//	    target: https://shop.example/
//	    followed: null              # null drops an inherited expectation for this link
//
// Unknown fields are rejected. Verdict, crawler and placement names are case-insensitive.
// Anchor text is compared with runs of white space as one space: exact is case-sensitive,
// contains is not (Unicode case folding). YAML anchors, aliases and merge keys (<<) work.
//
// Parse reports every problem of the file at once, each as "file:line: field: message", for
// example
//
//	links.yaml:12: links[2].verdicts: unknown verdict "okk", did you mean "ok"? (known: ...)
//
// where links[2] is the third item (indexes count from 0).
//
// # Evaluation
//
// A link passes when its verdict is one of the allowed ones and, when the page holds the
// target at all, one crawlable occurrence of it satisfies anchor, followed, in_raw and
// placement together. Every missed expectation is one line of Result.Failures. The meta robots
// nofollow of the page (signal page_nofollow) makes every occurrence not followed.
package expect
