package task

import (
	"context"
	"errors"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// split runs a Start command and returns its two parts: the work and the progress listener.
func split(t *testing.T, cmd tea.Cmd) (work, listener tea.Cmd) {
	t.Helper()
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("Start's command should batch the work and the listener, got %#v", batch)
	}
	return batch[0], batch[1]
}

// within runs cmd and fails the test if it does not return in time.
func within(t *testing.T, cmd tea.Cmd) tea.Msg {
	t.Helper()
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case m := <-ch:
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("command did not return")
		return nil
	}
}

func TestResultCarriesTheRunID(t *testing.T) {
	var b Board
	id1, cmd1 := Start(&b, context.Background(), "one", func(context.Context, Report) (int, error) { return 41, nil })
	id2, _ := Start(&b, context.Background(), "two", func(context.Context, Report) (int, error) { return 42, nil })
	if id1 == 0 || id1 == id2 {
		t.Fatalf("run IDs must be non-zero and distinct, got %d and %d", id1, id2)
	}
	work, _ := split(t, cmd1)
	res, ok := within(t, work).(Result[int])
	if !ok || res.Run != id1 || res.Value != 41 || res.Err != nil {
		t.Fatalf("got %#v, want Result{Run:%d, Value:41}", res, id1)
	}
	if len(b.Runs()) != 2 {
		t.Fatalf("board tracks %d runs, want 2", len(b.Runs()))
	}
	b.Update(res)
	if len(b.Runs()) != 1 || b.Runs()[0].ID != id2 {
		t.Fatalf("after run %d finished the board should track only run %d, has %v", id1, id2, b.Runs())
	}
}

func TestProgressIsRecordedAndTheListenerReArmed(t *testing.T) {
	var b Board
	release := make(chan struct{})
	id, cmd := Start(&b, context.Background(), "load", func(ctx context.Context, report Report) (string, error) {
		report(Step{Label: "reading", Done: 1, Total: 4})
		<-release
		return "done", nil
	})
	work, listener := split(t, cmd)
	results := make(chan tea.Msg, 1)
	go func() { results <- work() }()

	msg, ok := within(t, listener).(ProgressMsg)
	if !ok || msg.Run != id || msg.Step.Label != "reading" {
		t.Fatalf("listener returned %#v, want the reading step of run %d", msg, id)
	}
	next := b.Update(msg)
	if next == nil {
		t.Fatal("the board did not re-arm the listener after a step")
	}
	if got := b.Runs()[0].Step.Fraction(); got != 0.25 {
		t.Fatalf("recorded fraction %v, want 0.25", got)
	}
	close(release)
	if _, ok := within(t, next).(progressClosedMsg); !ok {
		t.Fatal("the re-armed listener should see the channel close when the work ends")
	}
	if res := (<-results).(Result[string]); res.Value != "done" {
		t.Fatalf("result %#v", res)
	}
}

func TestCancelStopsTheRunThroughItsContext(t *testing.T) {
	var b Board
	id, cmd := Start(&b, context.Background(), "slow", func(ctx context.Context, _ Report) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})
	work, _ := split(t, cmd)
	if got := b.CancelLatest(); got != id {
		t.Fatalf("CancelLatest cancelled run %d, want %d", got, id)
	}
	res := within(t, work).(Result[int])
	if !errors.Is(res.Err, context.Canceled) {
		t.Fatalf("cancelled run ended with %v, want context.Canceled", res.Err)
	}
	b.Update(res)
	if b.Busy() || b.Cancel(id) {
		t.Fatal("a finished run is still tracked")
	}
}

func TestReportNeverBlocks(t *testing.T) {
	var b Board
	_, cmd := Start(&b, context.Background(), "chatty", func(_ context.Context, report Report) (int, error) {
		for i := range 1000 { // nobody reads the steps
			report(Step{Done: i, Total: 1000})
		}
		return 1, nil
	})
	work, listener := split(t, cmd)
	within(t, work)
	if msg, ok := within(t, listener).(ProgressMsg); !ok || msg.Step.Done != 999 {
		t.Fatalf("the listener should see the newest step, got %#v", msg)
	}
}
