package report

import "time"

// Meta describes the run a report is about.
type Meta struct {
	// Title is the page title, e.g. "linkproof report — lost-links.csv".
	Title string
	// Input is the input file name.
	Input string
	// Generated is when the report was made; it is shown in UTC.
	Generated time.Time
	// Version is the linkproof version.
	Version string
	// Browser is the browser version, "" when none was used.
	Browser string
	// Columns are the input columns in order; WriteCSV carries them through from
	// record.Record.Fields.
	Columns []string
	// Duration is how long the run took; 0 hides it.
	Duration time.Duration
}
