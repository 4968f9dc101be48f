package profiles

import (
	"context"
	"errors"
	"fmt"
	"github.com/seglab/seglab/tui/screens/screentest"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// newScreen returns the Profiles screen over s at the body size of an 80×24 terminal, with
// the profile computed.
func newScreen(t *testing.T, lang i18n.Lang, s *backendtest.ProfileSession) (*common.Context, *Model) {
	t.Helper()
	c := screentest.NewContext(t, lang, s)
	m := New(c, NewStore())
	m.SetSize(screentest.BodySize(80, 24))
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	return c, m
}

func names(r *profile.Result) []string {
	var out []string
	for _, s := range r.Segments {
		out = append(out, s.Name)
	}
	return out
}

func TestProfileComputedOnSessionChange(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, m := newScreen(t, i18n.EN, s)
	if m.store.Result == nil || len(m.store.Result.Segments) != 6 {
		t.Fatalf("after the session opened the profile is %+v", m.store.Result)
	}
	if c.Tasks.Busy() {
		t.Error("the profile run is still on the task board")
	}
	if !strings.Contains(m.View(), "1 Basic-service") {
		t.Errorf("the first card is not shown:\n%s", m.View())
	}
	screentest.Drive(t, c, m, common.SegmentedMsg{})
	if got := s.CallLog(); !slices.Equal(got, []string{"profile", "profile"}) {
		t.Errorf("calls %v, want the profile computed again after a new segmentation", got)
	}
}

func TestRenameTakesChineseAndMarksUnsaved(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, m := newScreen(t, i18n.ZH, s)
	screentest.Press(t, c, m, "down", "r")
	if !m.Capturing() {
		t.Fatal("r does not open the name input")
	}
	screentest.Press(t, c, m, "ctrl+u", "富裕", "者", "q") // q is typed, not a quit
	screentest.Press(t, c, m, "backspace", "enter")
	if m.Capturing() {
		t.Fatal("enter does not close the name input")
	}
	if got := m.store.Result.Segments[1].Name; got != "富裕者" {
		t.Errorf("segment 2 is named %q, want 富裕者", got)
	}
	if !c.Unsaved {
		t.Error("a rename does not mark the work unsaved")
	}
	if got := s.CallLog(); !slices.Contains(got, "rename 2 富裕者") {
		t.Errorf("calls %v lack the rename", got)
	}
	if !strings.Contains(m.View(), "2 富裕者") {
		t.Errorf("the card does not show the new name:\n%s", m.View())
	}
	// Esc leaves the name as it was.
	screentest.Press(t, c, m, "r", "ctrl+u", "x", "esc")
	if got := m.store.Result.Segments[1].Name; got != "富裕者" {
		t.Errorf("after esc segment 2 is named %q", got)
	}
}

func TestRenameFailureIsShown(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, m := newScreen(t, i18n.EN, s)
	s.Err = errors.New("disk full")
	screentest.Press(t, c, m, "r", "x", "enter")
	if m.store.EditErr == nil || !strings.Contains(m.View(), "disk full") {
		t.Errorf("the failed rename is not shown:\n%s", m.View())
	}
}

func TestMergeAsksThenRecomputes(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, m := newScreen(t, i18n.EN, s)
	screentest.Press(t, c, m, "m", "enter")
	if m.confirming || m.notice == "" {
		t.Fatal("merging a segment with itself is not refused")
	}
	screentest.Press(t, c, m, "down", "enter")
	if !m.confirming || !m.Capturing() {
		t.Fatal("choosing the second segment does not ask")
	}
	if v := m.View(); !strings.Contains(v, "Merge segment 1 “Basic-service” (240 customers) into") || !strings.Contains(v, "“Affluent” (144 customers)") {
		t.Errorf("the question is not shown:\n%s", v)
	}
	screentest.Press(t, c, m, "n")
	if m.confirming || m.mergeFrom != 0 || len(m.store.Result.Segments) != 6 || c.Unsaved {
		t.Fatal("n does not keep both segments")
	}
	screentest.Press(t, c, m, "up", "m", "down", "enter", "y")
	r := m.store.Result
	if r == nil || len(r.Segments) != 5 {
		t.Fatalf("after the merge the profile is %+v", r)
	}
	if r.Segments[0].Name != "Affluent" || r.Segments[0].Customers != 384 {
		t.Errorf("merged segment is %q with %d customers, want Affluent with 384", r.Segments[0].Name, r.Segments[0].Customers)
	}
	if !c.Unsaved {
		t.Error("a merge does not mark the work unsaved")
	}
	if got := s.CallLog(); !slices.Equal(got, []string{"profile", "merge 2 1", "profile"}) {
		t.Errorf("calls %v", got)
	}
}

func TestEscStopsChoosingAMerge(t *testing.T) {
	c, m := newScreen(t, i18n.EN, &backendtest.ProfileSession{})
	screentest.Press(t, c, m, "m")
	if !strings.Contains(m.View(), "Merge 1 Basic-service into") {
		t.Errorf("no hint while choosing:\n%s", m.View())
	}
	screentest.Press(t, c, m, "esc")
	if m.mergeFrom != 0 {
		t.Error("esc does not stop choosing")
	}
}

func TestStaleRunIsDropped(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, m := newScreen(t, i18n.EN, s)
	old := m.store.Result
	first := m.store.Compute(c)
	firstRun := m.store.Run()
	second := m.store.Compute(c)
	if firstRun == m.store.Run() {
		t.Fatal("two runs have one id")
	}
	stale := task.Result[*profile.Result]{Run: firstRun, Value: &profile.Result{Customers: 1}}
	screentest.Drive(t, c, m, stale)
	if m.store.Result != old || !m.store.Running() {
		t.Fatal("the result of the replaced run was taken")
	}
	_ = first
	for _, msg := range screentest.Run(t, second) {
		screentest.Drive(t, c, m, msg)
	}
	if m.store.Running() || m.store.Result == old || m.store.Result.Customers != 1200 {
		t.Errorf("the latest run's result was not taken: %+v", m.store.Result)
	}
}

func TestEscCancelsTheRun(t *testing.T) {
	s := &backendtest.ProfileSession{ProfileGate: make(chan struct{})}
	c := screentest.NewContext(t, i18n.EN, s)
	m := New(c, NewStore())
	m.SetSize(screentest.BodySize(80, 24))
	_, cmd := m.Update(common.SessionChangedMsg{})
	if !m.store.Running() || !strings.Contains(m.View(), "Computing the profile") {
		t.Fatalf("no progress shown while computing:\n%s", m.View())
	}
	screentest.Press(t, c, m, "esc")
	for _, msg := range screentest.Run(t, cmd) {
		screentest.Drive(t, c, m, msg)
	}
	if m.store.Running() || !errors.Is(m.store.Err, context.Canceled) {
		t.Fatalf("after esc: running %v, err %v", m.store.Running(), m.store.Err)
	}
	if v := m.View(); !strings.Contains(v, "Cancelled.") || !strings.Contains(v, "Press p") {
		t.Errorf("the cancelled run is not explained:\n%s", v)
	}
	close(s.ProfileGate)
	screentest.Press(t, c, m, "p")
	if m.store.Result == nil {
		t.Error("p does not compute the profile again")
	}
}

func TestNoSegmentationSaysWhatToDo(t *testing.T) {
	for _, sess := range []backend.Session{&backendtest.ProfileSession{Unsegmented: true}, &backendtest.Session{}} {
		c := screentest.NewContext(t, i18n.EN, sess)
		m := New(c, NewStore())
		m.SetSize(screentest.BodySize(80, 24))
		screentest.Drive(t, c, m, common.SessionChangedMsg{})
		if v := m.View(); !strings.Contains(v, "Fit a segmentation on screen 3") {
			t.Errorf("%T: no hint to fit first:\n%s", sess, v)
		}
	}
}

func TestPanesAndFilter(t *testing.T) {
	c, m := newScreen(t, i18n.EN, &backendtest.ProfileSession{})
	screentest.Press(t, c, m, "right")
	if m.pane != paneHeat || !strings.Contains(m.View(), "312++") {
		t.Fatalf("→ does not show the heat map:\n%s", m.View())
	}
	screentest.Press(t, c, m, "/", "outage", "enter")
	v := m.View()
	if !strings.Contains(v, "Outages, last 12") || strings.Contains(v, "kWh, last 12") {
		t.Errorf("the filter does not narrow the heat map:\n%s", v)
	}
	screentest.Press(t, c, m, "left", "left")
	if m.pane != paneCategories {
		t.Errorf("← twice from the heat map shows pane %d", m.pane)
	}
	screentest.Press(t, c, m, "left", "left", "/", "esc", "/", "stressed", "enter")
	if segs := m.visibleSegments(); len(segs) != 1 || segs[0].ID != 5 {
		t.Errorf("filtering cards by name leaves %+v", segs)
	}
}

func TestResize(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		c, m := newScreen(t, lang, &backendtest.ProfileSession{})
		for _, size := range [][2]int{{78, 19}, {40, 10}, {119, 30}, {120, 30}, {200, 60}, {10, 3}} {
			m.SetSize(size[0], size[1])
			for _, keys := range [][]string{nil, {"right"}, {"right"}, {"right", "r"}} {
				screentest.Press(t, c, m, keys...)
				screentest.CheckFrame(t, m.View(), size[0], size[1])
			}
			screentest.Press(t, c, m, "esc")
		}
	}
}

// TestMouseWheelMovesTheCursor checks that the wheel moves the cards' cursor.
func TestMouseWheelMovesTheCursor(t *testing.T) {
	c, m := newScreen(t, i18n.EN, &backendtest.ProfileSession{})
	screentest.Drive(t, c, m, tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	if m.cursor[paneCards] != 1 {
		t.Errorf("cursor at %d after a wheel turn", m.cursor[paneCards])
	}
}

// fakeSegmentation is a segmentation of the fake's 1,200 customers into its six segments.
func fakeSegmentation() *backend.Segmentation {
	seg := &backend.Segmentation{K: 6, IDColumn: "customer_id"}
	for l, n := range []int{240, 144, 216, 180, 204, 216} {
		for range n {
			seg.IDs = append(seg.IDs, fmt.Sprint(len(seg.IDs)+1))
			seg.Labels = append(seg.Labels, l)
		}
		seg.Sizes = append(seg.Sizes, n)
	}
	return seg
}

func TestMergeScoresAgainAndDropsAStaleMerge(t *testing.T) {
	s := &backendtest.ProfileSession{Moved: 1}
	c, m := newScreen(t, i18n.EN, s)
	c.Segmentation = fakeSegmentation()
	cmd := m.store.Merge(c, 2, 1)
	var edited []backend.SegmentsEditedMsg
	for _, msg := range screentest.Run(t, cmd) {
		c.Tasks.Update(msg)
		for _, out := range screentest.Run(t, m.store.Update(msg)) {
			if e, ok := out.(backend.SegmentsEditedMsg); ok {
				edited = append(edited, e)
			}
		}
	}
	if len(edited) != 1 || edited[0].Segmentation == nil {
		t.Fatalf("the merge sent %+v, want one edit with the segmentation scored again", edited)
	}
	if got := edited[0].Segmentation; got.K != 5 || !slices.Equal(got.Sizes, []int{383, 217, 180, 204, 216}) {
		t.Errorf("scored again: k %d, sizes %v", got.K, got.Sizes)
	}
	want := "Merged 1 into 2; 1 customer is nearer another segment's centre and moved there."
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, want) {
		t.Errorf("the screen does not say %q:\n%s", want, m.View())
	}
	// A merge replaced by another run (a new segmentation profiled) is dropped whole.
	m.store.Merge(c, 2, 1)
	staleRun := m.store.Run()
	m.store.Compute(c)
	stale := task.Result[merge]{Run: staleRun, Value: merge{rescored: c.Segmentation,
		merged: Merged{Into: 2, From: 1, Moved: 9}, result: &profile.Result{}}}
	if cmd := m.store.Update(stale); cmd != nil || m.store.Merged != nil || m.store.Result != nil {
		t.Errorf("the stale merge was taken: merged %+v, result %v", m.store.Merged, m.store.Result)
	}
}

// TestCategoriesPane shows the categorical columns: the region's chi-square test and
// Cramér's V, and its values per segment with their shares and lift marks, in the screen's
// language (the recorded profile spells regions in Chinese; English shows them in English),
// inside the frame at 80×24 and 160×48.
func TestCategoriesPane(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			c, m := newScreen(t, lang, &backendtest.ProfileSession{})
			m.SetSize(screentest.BodySize(size[0], size[1]))
			screentest.Press(t, c, m, "left")
			if m.pane != paneCategories {
				t.Fatalf("← from the cards shows pane %d", m.pane)
			}
			v := m.View()
			w, h := screentest.BodySize(size[0], size[1])
			screentest.CheckFrame(t, v, w, h)
			want := map[i18n.Lang][]string{i18n.EN: {"Region", "west", "62.0%++", "V"}, i18n.ZH: {"区域", "西部", "62.0%++"}}[lang]
			for _, s := range want {
				if !strings.Contains(v, s) {
					t.Errorf("%s %v: the categories pane lacks %q:\n%s", lang, size, s, v)
				}
			}
			if pane := m.categoriesView(w, h); lang == i18n.EN && strings.Contains(pane, "西部") {
				t.Errorf("English shows a region in Chinese:\n%s", pane)
			}
		}
	}
}
