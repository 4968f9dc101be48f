// Command seglab is a terminal workbench for segmenting the customers of a power supply
// company: it opens raw exports in an embedded DuckDB, builds one row per customer, clusters
// them, profiles the segments and scores every customer with one segment id.
//
// Run with no arguments it opens the workbench on the built-in sample; every other task is a
// subcommand (seglab --help lists them).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/textsafe"
)

// Exit statuses: 0 success, 1 bad input or a failed task, 2 wrong usage, 3 an internal fault.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitInternal = 3
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes seglab with args and returns the exit status. It never lets a panic's stack
// trace reach the user: a panic becomes one line on stderr and exit status 3.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "seglab: internal error: %s (please report this)\n", textsafe.Terminal(fmt.Sprint(r)))
			status = exitInternal
		}
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	// Messages quote file names, headers and values from the data: never raw control codes,
	// and never DuckDB's statement or error class (data.Explain is the last guard of that).
	fmt.Fprintf(stderr, "seglab: %s\n", textsafe.Terminal(data.Explain(err).Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'seglab --help' for usage.")
		return exitUsage
	}
	return exitFailure
}

// usageError marks a mistake in how seglab was called (unknown flag, missing argument).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}
