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

// Exit statuses: 0 success, 1 bad input or a failed task, 2 wrong usage, 3 an internal fault,
// and the shell's 128 + signal number when SIGINT (130) or SIGTERM (143) stopped the task.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitInternal = 3
	exitSignal   = 128
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
	ctx, stop := interruptible()
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
	var sig interrupted
	if errors.As(context.Cause(ctx), &sig) {
		// Whatever the task said while it stopped (DuckDB adds "INTERRUPT Error"), the user's
		// act is the reason: every output is written to a temporary file first, and those are
		// removed on the way out.
		fmt.Fprintf(stderr, "seglab: %s\n", sig)
		return exitSignal + int(sig.sig)
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

// interrupted is the cause of the context cancelled by a signal.
type interrupted struct{ sig syscall.Signal }

func (i interrupted) Error() string {
	return fmt.Sprintf("stopped by %s; no output was written", signalName(i.sig))
}

// signalName names the two signals seglab stops on as a shell user knows them.
func signalName(s syscall.Signal) string {
	if s == syscall.SIGINT {
		return "SIGINT (Ctrl-C)"
	}
	return "SIGTERM"
}

// interruptible returns a context that SIGINT or SIGTERM cancels with an interrupted cause.
// Every long step (loading, building, sweeping, clustering, scoring, the report) takes this
// context and stops within about a second. After the first signal the default handling is
// restored, so a second Ctrl-C ends seglab at once should a step fail to stop.
func interruptible() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			sig, _ := s.(syscall.Signal)
			cancel(interrupted{sig})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// usageError marks a mistake in how seglab was called (unknown flag, missing argument).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}
