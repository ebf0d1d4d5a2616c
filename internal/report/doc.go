// Package report writes the two outputs of linkproof batch meant for people and
// spreadsheets (SPEC §1, §4): results.csv, the input columns carried through followed by the
// verdict columns, safe to open in Excel; and report.html, one self-contained page that
// groups the results by referring domain, totals them per verdict and bucket, and links
// each row to its screenshot evidence.
//
// Every string in a record may come from a hostile web page. WriteCSV neutralizes spreadsheet
// formulas; WriteHTML escapes everything through html/template, links only http(s) URLs and
// relative evidence paths, and pins its one inline script with a Content-Security-Policy hash.
package report
