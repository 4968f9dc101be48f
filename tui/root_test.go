package tui

import (
	"context"
	"errors"
	"github.com/seglab/seglab/tui/screens/screentest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// newTest returns a workbench over a fake session, sized w×h, in lang.
func newTest(t *testing.T, lang i18n.Lang, s *backendtest.Session, w, h int) *model {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	m := newModel(ctx, lang, screentest.PlainStyles(), backendtest.Opener(s, nil), nil)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// drive hands msg to m and then runs the commands that come back, feeding their messages
// to m, until none are left. Spinner ticks are dropped, so a spinner never loops.
func drive(t *testing.T, m *model, msg tea.Msg) (quit bool) {
	t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			quit = true
			continue
		}
		_, cmd := m.Update(msg)
		queue = append(queue, run(t, cmd)...)
	}
	return quit
}

// run executes cmd (flattening batches) and returns the messages it produced, dropping
// spinner ticks. It fails t when a command blocks for 5 s; call it from the test's own
// goroutine only (see collect).
func run(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	msgs, err := collect(cmd)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// collect is run without the test: it returns an error instead of failing, so that it may
// run on another goroutine.
func collect(cmd tea.Cmd) ([]tea.Msg, error) {
	if cmd == nil {
		return nil, nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		return nil, errors.New("a command blocked for 5 s")
	}
	switch msg := msg.(type) {
	case nil, spinner.TickMsg:
		return nil, nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			more, err := collect(c)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
		return out, nil
	}
	return []tea.Msg{msg}, nil
}

// open starts m and runs its start-up to the end.
func open(t *testing.T, m *model) {
	t.Helper()
	for _, msg := range run(t, m.Init()) {
		drive(t, m, msg)
	}
}

func press(t *testing.T, m *model, keys ...string) (quit bool) {
	t.Helper()
	for _, k := range keys {
		msg := screentest.Key(k)
		if drive(t, m, msg) {
			quit = true
		}
	}
	return quit
}

// checkFrame fails unless view is exactly h lines, none wider than w cells.
func checkFrame(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, lipgloss.Width(l), w, l)
		}
	}
}

func TestKeysSwitchScreens(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{}, 80, 24)
	open(t, m)
	steps := []struct {
		key  string
		want int
	}{{"2", 1}, {"tab", 2}, {"shift+tab", 1}, {"6", 5}, {"tab", 0}, {"shift+tab", 5}, {"4", 3}}
	for _, s := range steps {
		press(t, m, s.key)
		if m.active != s.want {
			t.Fatalf("after %q the active screen is %d, want %d", s.key, m.active+1, s.want+1)
		}
	}
	if !strings.Contains(m.View(), "[4 Profiles]") {
		t.Fatalf("the header does not mark screen 4 as active:\n%s", m.View())
	}
}

func TestEveryScreenFitsEverySize(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, size := range [][2]int{{80, 24}, {81, 25}, {100, 30}, {160, 48}, {211, 61}} {
			m := newTest(t, lang, &backendtest.Session{}, size[0], size[1])
			open(t, m)
			press(t, m, "2", " ", "down", " ", "down", " ") // a heat map on screen 2
			for i := range m.screens {
				press(t, m, string(rune('1'+i)))
				checkFrame(t, m.View(), size[0], size[1])
				press(t, m, "?")
				checkFrame(t, m.View(), size[0], size[1])
				press(t, m, "?")
			}
		}
	}
}

func TestResizeReflows(t *testing.T) {
	m := newTest(t, i18n.ZH, &backendtest.Session{}, 80, 24)
	open(t, m)
	drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	checkFrame(t, m.View(), 120, 40)
	if !strings.Contains(m.View(), "household_size") {
		t.Fatal("after growing, the Data screen no longer shows the column table")
	}
	drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	checkFrame(t, m.View(), 80, 24)
}

func TestFirstScreenShowsBeforeTheDataLoads(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	blocked := func(ctx context.Context, _ []string, report task.Report) (backend.Session, error) {
		report(task.Step{Label: "unpacking", Done: 1, Total: 4})
		<-ctx.Done()
		return nil, ctx.Err()
	}
	m := newModel(ctx, i18n.EN, screentest.PlainStyles(), blocked, nil)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	cmd := m.Init() // opening the data is a command: Init itself does not wait for it
	view := m.View()
	checkFrame(t, view, 80, 24)
	if !strings.Contains(view, "Loading") || !strings.Contains(view, "opening data") {
		t.Fatalf("the first view does not say the data is loading:\n%s", view)
	}
	cancel()
	for _, msg := range run(t, cmd) {
		drive(t, m, msg)
	}
}

func TestEscCancelsTheRunningLoad(t *testing.T) {
	blocked := func(ctx context.Context, _ []string, _ task.Report) (backend.Session, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	m := newModel(context.Background(), i18n.ZH, screentest.PlainStyles(), blocked, nil)
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	cmd := m.Init()
	press(t, m, "esc")
	for _, msg := range run(t, cmd) {
		drive(t, m, msg)
	}
	view := m.View()
	if !strings.Contains(view, "已取消") || !strings.Contains(view, "就绪") {
		t.Fatalf("after Esc the load should end as cancelled and the status bar be idle:\n%s", view)
	}
}

func TestStaleDescriptionIsDropped(t *testing.T) {
	s := &backendtest.Session{}
	m := newTest(t, i18n.EN, s, 100, 30)
	open(t, m)
	s.Gate = make(chan struct{})
	// Two moves down the sources list start two descriptions; the second cancels the
	// first, whose (cancelled) result then arrives after the second's.
	_, first := m.Update(tea.KeyMsg{Type: tea.KeyDown})
	_, second := m.Update(tea.KeyMsg{Type: tea.KeyDown})
	older := run(t, first)
	type collected struct {
		msgs []tea.Msg
		err  error
	}
	results := make(chan collected, 1)
	go func() {
		msgs, err := collect(second)
		results <- collected{msgs, err}
	}()
	select {
	case s.Gate <- struct{}{}:
	case <-time.After(5 * time.Second):
		t.Fatal("the second description never asked the backend")
	}
	got := <-results
	if got.err != nil {
		t.Fatal(got.err)
	}
	newer := got.msgs
	for _, msg := range append(newer, older...) {
		drive(t, m, msg)
	}
	view := m.View()
	if !strings.Contains(view, "late_share") || strings.Contains(view, "Cancelled") {
		t.Fatalf("the columns of wide should show, not the stale cancelled run:\n%s", view)
	}
}

func TestQuitAsksOnlyWithUnsavedWork(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{}, 80, 24)
	open(t, m)
	if !press(t, m, "q") {
		t.Fatal("q with nothing unsaved should quit at once")
	}
	m = newTest(t, i18n.EN, &backendtest.Session{}, 80, 24)
	open(t, m)
	press(t, m, "2", " ")
	if press(t, m, "q") {
		t.Fatal("q with an unsaved choice of dimensions quit without asking")
	}
	if !strings.Contains(m.View(), "Not saved: the dimension choices.") {
		t.Fatalf("the quit question is not shown:\n%s", m.View())
	}
	checkFrame(t, m.View(), 80, 24)
	press(t, m, "n")
	if m.confirming || !strings.Contains(m.View(), "[2 Dimensions]") {
		t.Fatal("n should close the question and stay on screen 2")
	}
	press(t, m, "q")
	if !press(t, m, "y") {
		t.Fatal("y should quit")
	}
}

func TestFilterTakesTheKeysFirst(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{}, 100, 30)
	open(t, m)
	if press(t, m, "/", "2", "q") || m.active != 0 {
		t.Fatal("a digit or q typed into the filter acted as a global key")
	}
	press(t, m, "esc")
	if !strings.Contains(m.View(), "customer_class") {
		t.Fatal("Esc in the filter should clear it")
	}
	press(t, m, "/", "h", "o", "l", "d", "enter")
	view := m.View()
	if strings.Contains(view, "customer_class  VARCHAR") || !strings.Contains(view, "household_size  BIGINT") ||
		!strings.Contains(view, "filter: hold") {
		t.Fatalf("the filter should show its query and keep only matching columns:\n%s", view)
	}
}

func TestPopulationChoiceIsCounted(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{NoSuggestion: true}, 100, 30)
	open(t, m)
	if !strings.Contains(m.View(), "[everyone]  1,200 customers") {
		t.Fatalf("population line:\n%s", m.View())
	}
	press(t, m, "p")
	if !strings.Contains(m.View(), "[residential]  1,000 customers") {
		t.Fatalf("after p the population should be residential:\n%s", m.View())
	}
	press(t, m, "f", "r", "e", "g", "i", "o", "n", "enter")
	if !strings.Contains(m.View(), "Write the filter as column = value") {
		t.Fatalf("a filter without = should be refused in plain words:\n%s", m.View())
	}
	press(t, m, " ", "=", " ", "东", "部", "enter")
	if !strings.Contains(m.View(), "[region = 东部]  42 customers") {
		t.Fatalf("column filter not applied:\n%s", m.View())
	}
}

func TestMouseClickOnATabAndWheel(t *testing.T) {
	m := newTest(t, i18n.ZH, &backendtest.Session{}, 80, 24)
	open(t, m)
	r := m.tabRanges()[2]
	drive(t, m, tea.MouseMsg{X: r[0] + 1, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.active != 2 {
		t.Fatalf("a click at column %d should open screen 3, active is %d", r[0]+1, m.active+1)
	}
	press(t, m, "1")
	drive(t, m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if !strings.Contains(m.View(), "bill_month") {
		t.Fatalf("the wheel should move to the second source and describe it:\n%s", m.View())
	}
}

func TestHelpShowsEveryKey(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{}, 80, 24)
	open(t, m)
	press(t, m, "2", "?")
	view := m.View()
	for _, want := range []string{"previous screen", "cancel task", "weight down", "scaling"} {
		if !strings.Contains(view, want) {
			t.Errorf("full help lacks %q:\n%s", want, view)
		}
	}
	press(t, m, "esc")
	if m.showHelp {
		t.Fatal("Esc should close the help")
	}
}

func TestCorrelationWarnsAboveEightTenths(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{NoSuggestion: true}, 160, 48)
	open(t, m)
	press(t, m, "2", " ", "down", " ")
	if v := m.View(); !strings.Contains(v, "! kWh, last 12 months ~ Bill amount") || !strings.Contains(v, "+0.93, nearly the same") {
		t.Fatalf("no warning for the pair at 0.93:\n%s", m.View())
	}
	press(t, m, " ") // drop the bill amount: one dimension left
	if strings.Contains(m.View(), "+0.93") || !strings.Contains(m.View(), "Choose two or more") {
		t.Fatalf("with one dimension there is no matrix:\n%s", m.View())
	}
}

func TestLanguage(t *testing.T) {
	env := map[string]string{"LANG": "zh_CN.UTF-8"}
	if l, err := Language("", func(k string) string { return env[k] }); err != nil || l != i18n.ZH {
		t.Fatalf("LANG=zh_CN gives %q, %v", l, err)
	}
	if l, err := Language("en", func(k string) string { return env[k] }); err != nil || l != i18n.EN {
		t.Fatalf("the flag should win over LANG, got %q, %v", l, err)
	}
	if _, err := Language("de", func(string) string { return "" }); err == nil {
		t.Fatal("an unknown language should be refused")
	}
}

func TestQuitQuestionNamesWhatIsUnsaved(t *testing.T) {
	m := newTest(t, i18n.EN, &backendtest.Session{}, 120, 30)
	open(t, m)
	press(t, m, "2", " ", "3", "enter", "down", "f")
	if m.c.Segmentation == nil {
		t.Fatal("no segmentation fitted")
	}
	drive(t, m, backend.SegmentsEditedMsg{})
	press(t, m, "q")
	want := "Not saved: the dimension choices, the segmentation (k = 5), the renamed or merged segments."
	if !m.confirming || !strings.Contains(strings.Join(strings.Fields(m.View()), " "), want) {
		t.Fatalf("the quit question does not say %q:\n%s", want, m.View())
	}
	press(t, m, "n")
	m.c.Saved()
	if press(t, m, "q") != true {
		t.Fatal("q after saving should quit at once")
	}
}

// TestMergeSaysHowManyCustomersMoved merges two segments on the Profiles screen over a
// session that scores the population again after a merge: the workbench takes the segmentation
// scored again (k − 1, the sizes after the moves) and the screen says how many customers moved.
func TestMergeSaysHowManyCustomersMoved(t *testing.T) {
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "Merged 1 into 2; 7 customers are nearer another segment's centre and moved there."},
		{i18n.ZH, "已将第 1 群并入第 2 群；7 户离另一个群的中心更近，已归入该群。"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			s := &backendtest.ProfileSession{Moved: 7}
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			opener := func(context.Context, []string, task.Report) (backend.Session, error) { return s, nil }
			m := newModel(ctx, tc.lang, screentest.PlainStyles(), opener, nil)
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 30})
			open(t, m)
			press(t, m, "3", "enter", "down", "down", "f")
			if m.c.Segmentation == nil || m.c.Segmentation.K != 6 {
				t.Fatalf("k = 6 is not fitted: %+v", m.c.Segmentation)
			}
			press(t, m, "4", "m", "down", "enter", "y")
			seg := m.c.Segmentation
			if seg.K != 5 || !slices.Equal(seg.Sizes, []int{483, 187, 150, 120, 60}) {
				t.Errorf("after the merge k = %d, sizes %v; want 5, [483 187 150 120 60]", seg.K, seg.Sizes)
			}
			if got := s.CallLog(); !slices.Equal(got[len(got)-2:], []string{"merge 2 1", "profile"}) {
				t.Errorf("calls %v, want the merge (with the scoring) and the profile", got)
			}
			if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, tc.want) {
				t.Errorf("the Profiles screen does not say %q:\n%s", tc.want, m.View())
			}
			if !strings.Contains(m.View(), "k = 5") {
				t.Errorf("the status bar does not follow the merge:\n%s", m.View())
			}
		})
	}
}
