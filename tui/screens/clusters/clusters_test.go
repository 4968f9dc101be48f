package clusters

import (
	"strings"
	"testing"

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
