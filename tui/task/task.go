// Package task runs the workbench's background work — DuckDB queries, clustering runs — as
// Bubble Tea commands.
//
// Every run has an ID. Its result arrives as a Result message carrying that ID, so a screen
// drops results of runs it no longer waits for. Progress streams through a channel that a
// command reads one step at a time and re-arms (the Board does the re-arming). Each run has
// its own context; cancelling it is how Esc stops a run.
package task

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
)

// ID identifies one run. The zero ID is never issued and means "no run".
type ID uint64

// Step is what a running task reports about itself.
type Step struct {
	Label string // what is being done now, in the interface language
	Done  int    // units finished
	Total int    // units in all; 0 when unknown
}

// Fraction returns Done/Total clamped to [0, 1], or 0 when Total is unknown.
func (s Step) Fraction() float64 {
	if s.Total <= 0 {
		return 0
	}
	f := float64(s.Done) / float64(s.Total)
	return min(max(f, 0), 1)
}

// Report is how work tells its progress. It never blocks: when the screen has not yet read
// the previous step, the newer one replaces it.
type Report func(Step)

// ProgressMsg carries a step of run Run.
type ProgressMsg struct {
	Run  ID
	Step Step
}

// progressClosedMsg says run Run will report no more steps.
type progressClosedMsg struct{ Run ID }

// Result is the outcome of run Run: Value, or Err when the work failed or was cancelled
// (then Err wraps context.Canceled).
type Result[T any] struct {
	Run   ID
	Value T
	Err   error
}

// RunID returns the run the result belongs to.
func (r Result[T]) RunID() ID { return r.Run }

// Finished is implemented by every Result, whatever its value type.
type Finished interface{ RunID() ID }

// Running is one run the board tracks.
type Running struct {
	ID    ID
	Label string // what the run is, as shown in the status bar
	Step  Step   // its latest reported step

	cancel   context.CancelFunc
	progress chan Step
}

// Board tracks the runs in flight. It lives in the model and is changed only from Update.
type Board struct {
	last ID
	runs []*Running
}

// Start launches work in the background under a context derived from parent and returns the
// new run's ID and the command to hand to Bubble Tea. The command yields ProgressMsg values
// while work reports and finally one Result[T]. Work must return promptly once its context
// is cancelled.
func Start[T any](b *Board, parent context.Context, label string, work func(context.Context, Report) (T, error)) (ID, tea.Cmd) {
	b.last++
	id := b.last
	ctx, cancel := context.WithCancel(parent)
	progress := make(chan Step, 1)
	b.runs = append(b.runs, &Running{ID: id, Label: label, cancel: cancel, progress: progress})
	report := func(s Step) {
		for {
			select {
			case progress <- s:
				return
			default:
			}
			select { // drop the unread older step, then try again
			case <-progress:
			default:
			}
		}
	}
	run := func() tea.Msg {
		defer cancel()
		v, err := work(ctx, report)
		close(progress)
		if err == nil && ctx.Err() != nil {
			err = ctx.Err()
		}
		return Result[T]{Run: id, Value: v, Err: err}
	}
	return id, tea.Batch(run, listen(id, progress))
}

// listen waits for the next step of run id.
func listen(id ID, progress <-chan Step) tea.Cmd {
	return func() tea.Msg {
		s, ok := <-progress
		if !ok {
			return progressClosedMsg{Run: id}
		}
		return ProgressMsg{Run: id, Step: s}
	}
}

// Update records progress messages and re-arms the listener of the run they came from; it
// forgets a run when its Finished result passes by. Other messages are ignored.
func (b *Board) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ProgressMsg:
		if r := b.find(msg.Run); r != nil {
			r.Step = msg.Step
			return listen(r.ID, r.progress)
		}
	case Finished:
		b.forget(msg.RunID())
	}
	return nil
}

// Cancel cancels run id, if it is still in flight, and reports whether it was.
func (b *Board) Cancel(id ID) bool {
	r := b.find(id)
	if r == nil {
		return false
	}
	r.cancel()
	return true
}

// CancelLatest cancels the most recently started run still in flight and returns its ID, or
// zero when nothing runs.
func (b *Board) CancelLatest() ID {
	if len(b.runs) == 0 {
		return 0
	}
	r := b.runs[len(b.runs)-1]
	r.cancel()
	return r.ID
}

// Runs returns the runs in flight, oldest first. The slice must not be modified.
func (b *Board) Runs() []*Running { return b.runs }

// Busy reports whether any run is in flight.
func (b *Board) Busy() bool { return len(b.runs) > 0 }

func (b *Board) find(id ID) *Running {
	for _, r := range b.runs {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func (b *Board) forget(id ID) {
	for i, r := range b.runs {
		if r.ID == id {
			r.cancel()
			b.runs = append(b.runs[:i], b.runs[i+1:]...)
			return
		}
	}
}
