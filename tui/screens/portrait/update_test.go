package portrait

import (
	"context"
	"github.com/seglab/seglab/tui/screens/screentest"
	"strings"
	"testing"

	engine "github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// Each tab is computed on its first showing only; r computes it again.
func TestEachTabIsComputedOnce(t *testing.T) {
	fake := &backendtest.PortraitSession{}
	c, m := newView(t, i18n.EN, fake, 80, 24)
	open(t, c, m)
	screentest.Press(t, c, m, "right", "right", "right", "left", "left", "left")
	open(t, c, m) // shown again from the Data screen
	for _, call := range []string{"value", "payment", "business"} {
		if n := fake.CallCount(call); n != 1 {
			t.Errorf("%s computed %d times, want 1", call, n)
		}
	}
	screentest.Press(t, c, m, "r")
	if n := fake.CallCount("value"); n != 2 {
		t.Errorf("value computed %d times after r, want 2", n)
	}
}

// A result of a run the view no longer waits for is dropped.
func TestStaleResultIsDropped(t *testing.T) {
	fake := &backendtest.PortraitSession{}
	c, m := newView(t, i18n.EN, fake, 80, 24)
	m.Open() // the first run is not carried out
	first := m.value.run
	m.Update(screentest.Key("r")) // nor the second
	second := m.value.run
	if first == 0 || second == 0 || first == second {
		t.Fatalf("runs %d and %d", first, second)
	}
	stale := &engine.ValueResult{Customers: 99, Criteria: engine.Criteria}
	m.Update(task.Result[*engine.ValueResult]{Run: first, Value: stale})
	if m.value.result != nil || !m.Running() {
		t.Fatal("the stale result was taken")
	}
	v, err := fake.PortraitValue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m.Update(task.Result[*engine.ValueResult]{Run: second, Value: v})
	if m.value.result != v || m.Running() {
		t.Fatal("the awaited result was not taken")
	}
	if view := m.View(); !strings.Contains(view, "30 business customers scored") {
		t.Errorf("view:\n%s", view)
	}
	_ = c
}

// Cancelling the run (Esc at the root cancels the latest run) says so in plain words, and r
// runs it again.
func TestCancelledRunSaysSo(t *testing.T) {
	fake := &backendtest.PortraitSession{PortraitGate: make(chan struct{})}
	c, m := newView(t, i18n.ZH, fake, 80, 24)
	cmd := m.Open()
	if !m.Running() || !strings.Contains(m.View(), "计算中") {
		t.Fatalf("no computation shows:\n%s", m.View())
	}
	if c.Tasks.CancelLatest() != m.value.run {
		t.Fatal("the value run is not the latest")
	}
	for _, msg := range screentest.Run(t, cmd) {
		screentest.Drive(t, c, m, msg)
	}
	view := m.View()
	if m.Running() || !strings.Contains(view, "已取消") || !strings.Contains(view, "按 r 重新计算") {
		t.Fatalf("view after cancelling:\n%s", view)
	}
	close(fake.PortraitGate)
	screentest.Press(t, c, m, "r")
	if !strings.Contains(m.View(), "共 30 户大客户评分") {
		t.Fatalf("view after r:\n%s", m.View())
	}
}

// The filter keeps the matching customers; Esc clears it before it goes back.
func TestFilterAndBack(t *testing.T) {
	c, m := newView(t, i18n.EN, &backendtest.PortraitSession{}, 80, 24)
	open(t, c, m)
	screentest.Press(t, c, m, "/", "3100000010")
	if !m.Capturing() {
		t.Fatal("the filter does not take the keys")
	}
	screentest.Press(t, c, m, "enter")
	if rows := m.visibleRanking(); len(rows) != 1 || rows[0].CustomerID != "3100000010" {
		t.Fatalf("filtered rows: %+v", rows)
	}
	screentest.Press(t, c, m, "esc")
	if m.TakeBack() || len(m.visibleRanking()) != 30 {
		t.Fatal("esc did not clear the filter first")
	}
	screentest.Press(t, c, m, "esc")
	if !m.TakeBack() {
		t.Fatal("esc did not go back")
	}
	screentest.Press(t, c, m, "v")
	if !m.TakeBack() {
		t.Fatal("v did not go back")
	}
}

// Scrolling keeps the cursor in the ranking and the rows line follows it.
func TestScrolling(t *testing.T) {
	c, m := newView(t, i18n.EN, &backendtest.PortraitSession{}, 80, 24)
	open(t, c, m)
	for range 40 {
		screentest.Press(t, c, m, "down")
	}
	if m.cursor[TabValue] != 29 {
		t.Fatalf("cursor at %d, want 29", m.cursor[TabValue])
	}
	view := m.View()
	if !strings.Contains(view, "rows 20–30 of 30") || !strings.Contains(view, "› ") || !strings.Contains(view, "3100000206") {
		t.Fatalf("view at the end:\n%s", view)
	}
}

// Without a session that can compute the portrait the view starts nothing and says why.
func TestNoPortraitist(t *testing.T) {
	c := screentest.NewContext(t, i18n.EN, &backendtest.Session{})
	m := New(c, openKey)
	m.SetSize(screentest.BodySize(80, 24))
	if cmd := m.Open(); cmd != nil {
		t.Fatal("the view started a run without a Portraitist")
	}
	if view := m.View(); !strings.Contains(view, "cannot compute the portrait") {
		t.Fatalf("view:\n%s", view)
	}
}
