package tui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/internal/engineadapter"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
)

// framed wraps the workbench in a real Bubble Tea program and checks every frame the program
// draws against the window it was drawn for: no more lines than the height, no line wider
// than the width (measured by lipgloss.Width, so Chinese counts two cells).
type framed struct {
	m    *model
	w, h int

	mu     sync.Mutex
	frames int
	sizes  map[[2]int]int // frames drawn per window size
	faults []string
	last   string // the view when the program ended
	opened bool   // whether a session was open when the program ended
	marks  map[int]chan struct{}
}

// mark is a message the test sends after a burst of keys: when the program reaches it, every
// key before it has been handled.
type mark int

func (f *framed) Init() tea.Cmd { return f.m.Init() }

func (f *framed) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.w, f.h = msg.Width, msg.Height
	case mark:
		f.mu.Lock()
		if ch, ok := f.marks[int(msg)]; ok {
			close(ch)
			delete(f.marks, int(msg))
		}
		f.mu.Unlock()
		return f, nil
	}
	_, cmd := f.m.Update(msg)
	return f, cmd
}

func (f *framed) View() string {
	v := f.m.View()
	if f.w == 0 {
		return v
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.frames++
	f.sizes[[2]int{f.w, f.h}]++
	lines := strings.Split(v, "\n")
	if len(lines) > f.h {
		f.faults = append(f.faults, fmt.Sprintf("%d×%d: %d lines", f.w, f.h, len(lines)))
	}
	for i, l := range lines {
		if w := lipgloss.Width(l); w > f.w {
			f.faults = append(f.faults, fmt.Sprintf("%d×%d: line %d is %d cells: %q", f.w, f.h, i+1, w, l))
		}
	}
	return v
}

// settle sends a mark and waits until the program has handled every message before it.
func (f *framed) settle(t *testing.T, tm *teatest.TestModel, id int) {
	t.Helper()
	ch := make(chan struct{})
	f.mu.Lock()
	f.marks[id] = ch
	f.mu.Unlock()
	tm.Send(mark(id))
	select {
	case <-ch:
	case <-time.After(60 * time.Second):
		t.Fatalf("the workbench did not reach mark %d within 60 s: frozen?", id)
	}
}

// realWorkbench starts the workbench on the built-in sample with the real engine, in a
// program of w×h, saving definitions and reports in a temporary folder, and waits until the
// data is loaded.
func realWorkbench(t *testing.T, w, h int) (*framed, *teatest.TestModel, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the sample into DuckDB")
	}
	tr := i18n.Tr{Lang: i18n.EN}
	m := newModel(context.Background(), i18n.EN, screentest.PlainStyles(), engineadapter.Opener(tr, workspace.Options{}), nil)
	dir := t.TempDir()
	m.c.WorkDir = dir
	f := &framed{m: m, marks: map[int]chan struct{}{}, sizes: map[[2]int]int{}}
	tm := teatest.NewTestModel(t, f, teatest.WithInitialTermSize(w, h))
	teatest.WaitFor(t, tm.Output(), contains("[residential]", "customers", "wide"), teatest.WithDuration(90*time.Second))
	return f, tm, dir
}

// finish quits the program, keeps its last view and releases the session.
func finish(t *testing.T, tm *teatest.TestModel) *framed {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	f := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(*framed)
	f.last, f.opened = f.m.View(), f.m.c.Session != nil
	f.m.close()
	return f
}

// Esc while the workbench writes a definition's report cancels the report: the screen says
// so and no report (nor any temporary file) is left in the folder.
func TestEscCancelsTheReportTask(t *testing.T) {
	f, tm, dir := realWorkbench(t, 120, 36)
	long := teatest.WithDuration(90 * time.Second)
	tm.Type("3")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), contains("Recommended k ="), long)
	tm.Type("f")
	teatest.WaitFor(t, tm.Output(), contains(" fitted on "), long)
	tm.Type("6s")
	for range 3 { // file, name, note: the defaults
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	}
	teatest.WaitFor(t, tm.Output(), contains("Saved /", ".yaml.", "Draft: not yet confirmed"), long)
	tm.Type("w")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), contains("writing the report"), long)
	pressed := time.Now()
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	teatest.WaitFor(t, tm.Output(), contains("Cancelled."), teatest.WithDuration(10*time.Second))
	t.Logf("the report ended as cancelled %v after Esc", time.Since(pressed).Round(time.Millisecond))
	f = finish(t, tm)
	if v := f.last; !strings.Contains(v, "Cancelled.") || strings.Contains(v, "Wrote the report") {
		t.Fatalf("the Definitions screen should say the report was cancelled:\n%s", v)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".yaml" {
			t.Errorf("the cancelled report left %s", e.Name())
		}
	}
}

// stormKeys are the keys of the storm: every screen's and the root's, except those that quit.
var stormKeys = []string{"1", "2", "3", "4", "5", "6", "tab", "shift+tab", "up", "down", "left", "right",
	"pgdown", "enter", "esc", " ", "?", "/", "f", "p", "s", "w", "c", "o", "m", "r", "n", "y", "a", "+", "-",
	"backspace", "x", "东"}

// A storm of random keys and resizes on the real workbench over the built-in sample, at 80×24,
// 40×12, 20×5 and 250×70, each with a sweep started and resizes sent while it runs: no panic
// (the program would fail), no frozen loop (each burst is handled within a minute), and every
// frame within its window.
func TestKeyStormOnTheRealWorkbench(t *testing.T) {
	sizes := [][2]int{{80, 24}, {40, 12}, {20, 5}, {250, 70}}
	f, tm, _ := realWorkbench(t, sizes[0][0], sizes[0][1])
	rng := rand.New(rand.NewPCG(16, 4))
	keys := 0
	for i, size := range sizes {
		tm.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		tm.Send(screentest.Key("esc"))
		tm.Send(screentest.Key("3"))
		tm.Send(screentest.Key("enter")) // a sweep, which the storm and resizes then hit
		for j := range 1500 {
			if j%100 == 50 { // resize around the size under test, then back
				tm.Send(tea.WindowSizeMsg{Width: max(size[0]+rng.IntN(21)-10, 1), Height: max(size[1]+rng.IntN(9)-4, 1)})
				tm.Send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			}
			tm.Send(screentest.Key(stormKeys[rng.IntN(len(stormKeys))]))
			keys++
		}
		f.settle(t, tm, 100+i)
	}
	f = finish(t, tm)
	t.Logf("%d keys, %d frames checked (%d at 80×24, %d at 40×12, %d at 20×5, %d at 250×70, the rest at sizes around them)", keys, f.frames,
		f.sizes[sizes[0]], f.sizes[sizes[1]], f.sizes[sizes[2]], f.sizes[sizes[3]])
	if len(f.faults) > 0 {
		t.Errorf("%d frames outside their window; the first:\n%s", len(f.faults), strings.Join(f.faults[:min(len(f.faults), 10)], "\n"))
	}
	for _, size := range sizes {
		if f.sizes[size] == 0 {
			t.Errorf("no frame was drawn at %d×%d", size[0], size[1])
		}
	}
}

// Esc while the workbench opens a 300-row CSV of 1,000 columns (which once never finished
// loading, Esc doing nothing) cancels the opening within a moment: the screen says so.
func TestEscCancelsOpeningAWideFile(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a wide file into DuckDB")
	}
	var b strings.Builder
	b.WriteString("customer_id")
	for j := range 1000 {
		fmt.Fprintf(&b, ",c%d", j)
	}
	b.WriteString("\n")
	rng := rand.New(rand.NewPCG(16, 1000))
	for i := range 300 {
		fmt.Fprintf(&b, "C%04d", i)
		for range 1000 {
			fmt.Fprintf(&b, ",%.2f", 100*rng.Float64())
		}
		b.WriteString("\n")
	}
	p := filepath.Join(t.TempDir(), "wide.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tr := i18n.Tr{Lang: i18n.EN}
	m := newModel(context.Background(), i18n.EN, screentest.PlainStyles(), engineadapter.Opener(tr, workspace.Options{}), []string{p})
	f := &framed{m: m, marks: map[int]chan struct{}{}, sizes: map[[2]int]int{}}
	tm := teatest.NewTestModel(t, f, teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), contains(tr.T(i18n.TaskOpen)), teatest.WithDuration(10*time.Second))
	pressed := time.Now()
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	teatest.WaitFor(t, tm.Output(), contains("Cancelled."), teatest.WithDuration(10*time.Second))
	t.Logf("the opening ended as cancelled %v after Esc", time.Since(pressed).Round(time.Millisecond))
	f = finish(t, tm)
	if f.opened || !strings.Contains(f.last, "Cancelled.") {
		t.Fatalf("after Esc no data should be open and the screen should say the opening was cancelled:\n%s", f.last)
	}
}
