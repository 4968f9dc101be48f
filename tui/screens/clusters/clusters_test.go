package clusters

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
	"github.com/seglab/seglab/tui/task"
)

// newScreen returns the Clusters screen at the body size of a w×h terminal over the fake
// session s, with its suggested population and dimensions chosen.
func newScreen(t *testing.T, lang i18n.Lang, s *backendtest.Session, w, h int) (*common.Context, *Model) {
	t.Helper()
	c := screentest.NewContext(t, lang, s)
	c.Population, c.Dimensions = s.Suggest()
	m := New(c)
	m.SetSize(screentest.BodySize(w, h))
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	return c, m
}

// TestSweepThenFitTheRecommendedK runs the sweep with enter: the cursor lands on the
// recommended k, the table shows every k, and enter again fits it: the segmentation reaches
// the shared context, marked unsaved.
func TestSweepThenFitTheRecommendedK(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		c, m := newScreen(t, lang, &backendtest.Session{}, 100, 30)
		screentest.Press(t, c, m, "enter")
		if m.result == nil || m.result.Ks[m.cursor].K != 4 {
			t.Fatalf("after the sweep: result %v, cursor %d", m.result, m.cursor)
		}
		v := m.View()
		w, h := screentest.BodySize(100, 30)
		screentest.CheckFrame(t, v, w, h)
		for _, want := range []string{"0.371", "0.312", "0.284"} {
			if !strings.Contains(v, want) {
				t.Errorf("%s: the sweep table lacks %s:\n%s", lang, want, v)
			}
		}
		screentest.Press(t, c, m, "down", "enter") // k = 5
		seg := c.Segmentation
		if seg == nil || seg.K != 5 || len(seg.IDs) != 1000 || !c.Unsaved {
			t.Fatalf("%s: after fitting: %+v, unsaved %v", lang, seg, c.Unsaved)
		}
	}
}

// TestASampledSweepSaysItsSampleSize: a sweep run on a stratified sample of a large
// population says how many rows it ran on, in both languages, wrapped inside an 80×24
// terminal; a sweep of every row says nothing of a sample.
func TestASampledSweepSaysItsSampleSize(t *testing.T) {
	for _, c := range []struct {
		lang  i18n.Lang
		swept int
		want  string
	}{
		{i18n.EN, 400, "stratified sample of 400"},
		{i18n.ZH, 400, "400 户分层抽样"},
		{i18n.EN, 0, ""},
	} {
		ctx, m := newScreen(t, c.lang, &backendtest.Session{SweptRows: c.swept}, 80, 24)
		screentest.Press(t, ctx, m, "enter")
		v := m.View()
		w, h := screentest.BodySize(80, 24)
		screentest.CheckFrame(t, v, w, h)
		flat := strings.Join(strings.Fields(v), "")
		switch {
		case c.want != "" && !strings.Contains(flat, strings.Join(strings.Fields(c.want), "")):
			t.Errorf("%s: the sweep of a sample does not say %q:\n%s", c.lang, c.want, v)
		case c.want == "" && (strings.Contains(v, "sample of") && strings.Contains(v, "stratified")):
			t.Errorf("%s: a sweep of every row speaks of a sample:\n%s", c.lang, v)
		}
	}
}

// TestChangedDimensionsMakeTheSweepStale changes the dimensions after a sweep: f no longer
// fits the old sweep, and enter sweeps again.
func TestChangedDimensionsMakeTheSweepStale(t *testing.T) {
	c, m := newScreen(t, i18n.EN, &backendtest.Session{}, 80, 24)
	screentest.Press(t, c, m, "enter")
	first := m.result
	screentest.Drive(t, c, m, common.DimensionsChangedMsg{})
	if !m.stale {
		t.Fatal("a change of dimensions does not make the sweep stale")
	}
	screentest.Press(t, c, m, "f")
	if c.Segmentation != nil {
		t.Fatal("f fitted a stale sweep")
	}
	screentest.Press(t, c, m, "enter")
	if m.stale || m.result == first || m.result == nil {
		t.Errorf("enter did not sweep again: stale %v", m.stale)
	}
	w, h := screentest.BodySize(80, 24)
	screentest.CheckFrame(t, m.View(), w, h)
}

// TestAStaleSweepResultIsDropped delivers the result of a sweep the screen no longer waits
// for: it is not taken.
func TestAStaleSweepResultIsDropped(t *testing.T) {
	c, m := newScreen(t, i18n.EN, &backendtest.Session{}, 80, 24)
	m.Update(task.Result[*backend.SweepResult]{Run: 99, Value: &backend.SweepResult{Recommended: 2}})
	if m.result != nil {
		t.Fatal("a result of another run was taken")
	}
	if c.Segmentation != nil {
		t.Fatal("no segmentation should exist yet")
	}
}

// TestEachKShowsAsSoonAsItIsMeasured holds the fake sweep after k = 2..4 are measured and
// k = 5 is fitted: their rows are on screen while the sweep still runs, k = 5's with its
// fit's measures and "…" for the silhouette and stability, said to be still computed; and
// cancelling the run ends the run with an error instead of a result.
func TestEachKShowsAsSoonAsItIsMeasured(t *testing.T) {
	s := &backendtest.Session{Gate: make(chan struct{})}
	c, m := newScreen(t, i18n.EN, s, 100, 30)
	_, cmd := m.Update(screentest.Key("enter"))
	msgs := make(chan tea.Msg, 8)
	var start func(cmd tea.Cmd)
	start = func(cmd tea.Cmd) { // each command in its own goroutine, batches taken apart
		go func() {
			msg := cmd()
			if b, ok := msg.(tea.BatchMsg); ok {
				for _, c := range b {
					if c != nil {
						start(c)
					}
				}
				return
			}
			msgs <- msg
		}()
	}
	start(cmd)
	deadline := time.After(5 * time.Second)
	for len(m.measured) < 4 {
		select {
		case msg := <-msgs:
			var next tea.Cmd
			switch msg := msg.(type) {
			case measuredMsg:
				_, next = m.Update(msg)
			case task.ProgressMsg:
				next = c.Tasks.Update(msg)
			}
			if next != nil {
				start(next)
			}
		case <-deadline:
			t.Fatalf("the sweep showed %d k, want 4", len(m.measured))
		}
	}
	v := m.View()
	w, h := screentest.BodySize(100, 30)
	screentest.CheckFrame(t, v, w, h)
	for _, want := range []string{"0.312", "0.348", "0.371", "2488.9", "1.005", "…", "k = 5 are still being computed"} {
		if !strings.Contains(v, want) {
			t.Errorf("the running sweep's table lacks %s:\n%s", want, v)
		}
	}
	if strings.Contains(v, "0.333") || strings.Contains(v, "0.861") || m.result != nil || m.sweepRun == 0 {
		t.Errorf("k = 5's silhouette or stability is shown or the sweep ended before it was let go:\n%s", v)
	}
	c.Tasks.Cancel(m.sweepRun)
	for {
		select {
		case msg := <-msgs:
			if r, ok := msg.(task.Result[*backend.SweepResult]); ok {
				c.Tasks.Update(r)
				m.Update(r)
				if m.sweepErr == nil || m.result != nil || m.sweepRun != 0 {
					t.Fatalf("cancelled sweep: err %v, result %v", m.sweepErr, m.result)
				}
				return
			}
		case <-deadline:
			t.Fatal("the cancelled sweep did not end")
		}
	}
}

// TestSegmentViewsAfterAFit fits k = 4 and presses v: the screen computes the views of the
// fit and draws each segment's silhouette, the map and the rules in the data's units, in
// the chosen language and inside the frame at 80×24 and 160×48; v again brings the charts
// back.
func TestSegmentViewsAfterAFit(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			c, m := newScreen(t, lang, &backendtest.Session{}, size[0], size[1])
			screentest.Press(t, c, m, "enter", "enter", "v")
			if m.views == nil || m.viewsFor != c.Segmentation {
				t.Fatalf("%s %v: no views after the fit (err %v)", lang, size, m.viewsErr)
			}
			v := m.View()
			w, h := screentest.BodySize(size[0], size[1])
			screentest.CheckFrame(t, v, w, h)
			want := map[i18n.Lang][]string{i18n.EN: {"0.40", "0.10", "Annual consumption > 1,000", "Segment map"},
				i18n.ZH: {"0.40", "0.10", "年用电量 > 1,000", "分群图"}}[lang]
			if size[0] >= 160 { // room for every segment's rule
				want = append(want, map[i18n.Lang]string{i18n.EN: "Annual consumption > 4,000", i18n.ZH: "年用电量 > 4,000"}[lang])
			}
			for _, s := range want {
				if !strings.Contains(v, s) {
					t.Errorf("%s %v: the views lack %q:\n%s", lang, size, s, v)
				}
			}
			screentest.Press(t, c, m, "v")
			if m.showViews || strings.Contains(m.View(), "0.10") && !strings.Contains(m.View(), "0.371") {
				t.Errorf("%s %v: v does not bring the sweep back", lang, size)
			}
		}
	}
}

// TestSegmentViewsFollowAnEdit: with the views shown, a merge on the Profiles screen (a new
// segmentation in the context) computes the views of the merged segmentation.
func TestSegmentViewsFollowAnEdit(t *testing.T) {
	c, m := newScreen(t, i18n.EN, &backendtest.Session{}, 160, 48)
	screentest.Press(t, c, m, "enter", "enter", "v")
	first := m.viewsFor
	edited := *c.Segmentation
	edited.K, edited.Sizes = 3, []int{360, 290, 350}
	c.Segmentation = &edited
	screentest.Drive(t, c, m, backend.SegmentsEditedMsg{Segmentation: &edited})
	if m.viewsFor == first || m.viewsFor != &edited || m.views == nil || len(m.views.Silhouettes) != 3 {
		t.Fatalf("the views were not computed again for the edited segmentation: %+v", m.views)
	}
}
