package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command may use. Commands never touch os.Stdout directly.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // results only
	ErrOut io.Writer // progress, messages
	// ErrTTY reports whether ErrOut is a terminal (progress bars go there only then).
	ErrTTY bool
	// ErrWidth is the terminal width of ErrOut, 0 when unknown.
	ErrWidth int
}

// System returns the process's standard streams.
func System() *IOStreams {
	tty := term.IsTerminal(int(os.Stderr.Fd()))
	w := 0
	if tty {
		w, _, _ = term.GetSize(int(os.Stderr.Fd()))
	}
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTTY: tty, ErrWidth: w}
}
