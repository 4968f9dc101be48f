package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/engineadapter"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
	"github.com/seglab/seglab/tui/task"
)

// TestFirstViewWithTheRealSample starts the workbench on the built-in sample with the real
// engine and times the first view that says the data is loading: it must show within
// 300 ms while the sample loads in the background. It then waits for the data, runs the
// sweep on the suggested residential dimensions and fits the recommended k.
func TestFirstViewWithTheRealSample(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample into DuckDB")
	}
	tr := i18n.Tr{Lang: i18n.EN}
	start := time.Now()
	m := newModel(context.Background(), i18n.EN, screentest.PlainStyles(), engineadapter.Opener(tr, workspace.Options{}), nil)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), contains(tr.T(i18n.Loading), tr.T(i18n.TaskOpen)),
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(time.Millisecond))
	first := time.Since(start)
	t.Logf("first view after %v", first)
	if first > 300*time.Millisecond {
		t.Errorf("the first view took %v, more than 300 ms", first)
	}
	long := teatest.WithDuration(90 * time.Second)
	teatest.WaitFor(t, tm.Output(), contains("[residential]", "customers", "wide"), long)
	t.Logf("data loaded after %v", time.Since(start))
	tm.Type("3")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), contains("Recommended k ="), long)
	tm.Type("f")
	teatest.WaitFor(t, tm.Output(), contains(" fitted on ", " customers"), long)
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*model)
	defer final.close()
	seg := final.c.Segmentation
	if seg == nil || seg.K < 2 || seg.K > 7 || len(seg.Labels) != len(seg.IDs) || len(seg.IDs) == 0 {
		t.Fatalf("no whole segmentation was stored: %+v", seg)
	}
	p, _ := backend.ProfilerOf(final.c.Session)
	if r, err := p.Profile(context.Background(), func(task.Step) {}); err != nil || r.Customers != len(seg.IDs) {
		t.Fatalf("the stored assignments profile %v customers (%v), want %d", r, err, len(seg.IDs))
	}
	if v := final.View(); !strings.Contains(v, "fitted on") {
		t.Fatalf("the status bar does not state the segmentation:\n%s", v)
	}
}
