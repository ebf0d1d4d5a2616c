// Package fetch fetches the raw HTML of a page the way a non-rendering
// crawler does: a plain HTTP GET that follows redirects (and, on request,
// <meta http-equiv=refresh>), retries transient 5xx and 429 answers, caps and
// decompresses the body, and converts it to UTF-8.
//
// It is the "raw" half of linkproof's comparison (SPEC.md §4 `raw`). A
// [Response] always describes an HTTP answer, whatever its status; [Client.Fetch]
// returns an [*Error] only when no HTTP answer was obtained (SPEC.md §2 row 2,
// `unreachable`). Deciding between `gone`, `server_error` and `error` from the
// response is left to the caller.
package fetch
