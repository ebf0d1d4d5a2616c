// Package input reads the lists of (source page, target URL) pairs that
// "linkproof batch" verifies (SPEC §5): exports of lost links from Ahrefs,
// Semrush, Majestic, Moz, Google Search Console, or hand-made files.
//
// Read accepts CSV (comma or semicolon), TSV, JSONL and a JSON array of
// objects, in UTF-8 with or without a byte order mark or in UTF-16 (LE or BE).
// The format is sniffed from the content; the file name's extension is only a
// tie-breaker. Columns are recognized by header name (see SourceNames and
// TargetNames); every other column is carried through in Row.Fields so that
// results.csv can repeat it.
//
// A file as a whole is rejected (an error wrapping ErrUnusable) only when it is
// empty, binary, or has no recognizable source and target columns. A bad row
// never stops the list: it becomes a Row whose Err says what is wrong, and the
// batch turns it into an invalid_input result.
package input
