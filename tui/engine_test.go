package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/internal/engineadapter"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
	"github.com/seglab/seglab/tui/task"
)

// BenchmarkFirstView measures how long the workbench takes from start to its first view
// (which says the data is loading) with the real engine's opener: the opening runs in the
// background, so this is the time a user waits for the screen, whatever the data's size.
func BenchmarkFirstView(b *testing.B) {
	open := engineadapter.Opener(i18n.Tr{Lang: i18n.EN}, workspace.Options{})
	for range b.N {
		ctx, cancel := context.WithCancel(context.Background())
		m := newModel(ctx, i18n.EN, screentest.PlainStyles(), open, nil)
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		m.Init()
		if !strings.Contains(m.View(), "Loading") {
			b.Fatal("the first view does not say the data is loading")
		}
		cancel()
	}
}

// TestFirstViewWithTheRealSample starts the workbench on the built-in sample with the real
// engine: the first view says the data is loading, then the data shows, the sweep runs on
// the suggested residential dimensions and the recommended k is fitted.
func TestFirstViewWithTheRealSample(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample into DuckDB")
	}
	tr := i18n.Tr{Lang: i18n.EN}
	m := newModel(context.Background(), i18n.EN, screentest.PlainStyles(), engineadapter.Opener(tr, workspace.Options{}), nil)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), contains(tr.T(i18n.Loading), tr.T(i18n.TaskOpen)), teatest.WithDuration(5*time.Second))
	long := teatest.WithDuration(90 * time.Second)
	teatest.WaitFor(t, tm.Output(), contains("[residential]", "customers", "wide"), long)
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
