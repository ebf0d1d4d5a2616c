package cli

import (
	"context"
	"errors"
	"fmt"
)

// Exit codes of SPEC §1.
const (
	ExitOK      = 0
	ExitFailure = 1 // tool failure; for check: an unexpected verdict
	ExitUsage   = 2 // usage or configuration error
)

// usageError marks an error in the command line or a config file (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, a ...any) error { return &usageError{fmt.Errorf(format, a...)} }

// exitError carries an explicit exit code with an optional message.
type exitError struct {
	code int
	err  error // nil: nothing more to print
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// exitCode maps an error to the process exit code: the one place that does.
func exitCode(err error) int {
	var ue *usageError
	var ee *exitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		return ExitUsage
	case errors.Is(err, context.Canceled):
		return 130
	default:
		return ExitFailure
	}
}
