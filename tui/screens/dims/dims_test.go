package dims

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
)

// newScreen returns the Dimensions screen at the body size of a w×h terminal, over the fake
// session with its suggested starting dimensions, opened.
func newScreen(t *testing.T, lang i18n.Lang, w, h int) (*common.Context, *Model) {
	t.Helper()
	s := &backendtest.Session{}
	c := screentest.NewContext(t, lang, s)
	c.Population, c.Dimensions = s.Suggest()
	m := New(c)
	m.SetSize(screentest.BodySize(w, h))
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	return c, m
}

func names(dims []backend.Dimension) []string {
	var out []string
	for _, d := range dims {
		out = append(out, d.Name)
	}
	return out
}

// TestSuggestedDimensionsAreChosenAndCorrelated opens the screen on the suggestion: the
// three suggested dimensions are ticked, the correlation of the pair at 0.93 is warned
// about, and the view fills its frame.
func TestSuggestedDimensionsAreChosenAndCorrelated(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		c, m := newScreen(t, i18n.EN, size[0], size[1])
		if got := names(c.Dimensions); !slices.Equal(got, []string{"kwh_12m", "amount_12m", "outages_12m"}) {
			t.Fatalf("chosen %v", got)
		}
		if len(m.corr.r) != 3 || m.corr.r[0][1] != 0.93 || m.missing["satisfaction"] != 0.8 {
			t.Fatalf("correlation %v, missing %v", m.corr.r, m.missing)
		}
		v := m.View()
		w, h := screentest.BodySize(size[0], size[1])
		screentest.CheckFrame(t, v, w, h)
		if !strings.Contains(v, "0.93") && !strings.Contains(v, ".93") {
			t.Errorf("%dx%d: the pair at 0.93 is not shown:\n%s", size[0], size[1], v)
		}
	}
}

// TestKeysChangeTheChoice ticks, transforms, weighs and rescales dimensions with the keys:
// every change reaches the shared context, marks the work unsaved and announces itself.
func TestKeysChangeTheChoice(t *testing.T) {
	c, m := newScreen(t, i18n.EN, 100, 30)
	var announced int
	drive := func(keys ...string) {
		t.Helper()
		for _, k := range keys {
			_, cmd := m.Update(screentest.Key(k))
			for _, msg := range screentest.Run(t, cmd) {
				if _, ok := msg.(common.DimensionsChangedMsg); ok {
					announced++
				}
				screentest.Drive(t, c, m, msg)
			}
		}
	}
	// The cursor is on kwh_12m (first in the catalogue): untick it.
	drive(" ")
	if got := names(c.Dimensions); !slices.Equal(got, []string{"amount_12m", "outages_12m"}) || !c.Unsaved || announced != 1 {
		t.Fatalf("after space: %v, unsaved %v, announced %d", got, c.Unsaved, announced)
	}
	drive(" ", "t") // tick again, then log1p → winsorise
	if d := c.Dimensions[0]; d.Name != "kwh_12m" || d.Transform != backend.TransformWinsorise {
		t.Errorf("after t: %+v", d)
	}
	drive("+", "+", "+", "+", "+") // up to the largest weight and no further
	if d := c.Dimensions[0]; d.Weight != 3 {
		t.Errorf("weight after five + is %v, want 3", d.Weight)
	}
	drive("-", "-", "-", "-", "-", "-")
	if d := c.Dimensions[0]; d.Weight != 0.5 {
		t.Errorf("weight after six - is %v, want 0.5", d.Weight)
	}
	drive("s")
	if c.Scaling != backend.ScaleRobust {
		t.Errorf("scaling after s is %v", c.Scaling)
	}
	// The wheel moves the cursor; at the bottom it stays.
	for range 10 {
		m.Update(tea.MouseMsg{Action: tea.MouseActionPress, Button: tea.MouseButtonWheelDown})
	}
	if m.cursor != 4 {
		t.Errorf("cursor after the wheel is %d, want the last of 5", m.cursor)
	}
	drive(" ") // satisfaction
	if got := names(c.Dimensions); !slices.Contains(got, "satisfaction") || announced < 9 {
		t.Errorf("chosen %v, announced %d", got, announced)
	}
}

// TestFilterNarrowsTheList filters on a Chinese label: only matching features remain, keys
// go to the filter while it is typed into, and esc clears it.
func TestFilterNarrowsTheList(t *testing.T) {
	c, m := newScreen(t, i18n.ZH, 80, 24)
	screentest.Press(t, c, m, "/", "停电")
	if !m.Capturing() {
		t.Fatal("/ does not open the filter")
	}
	if got := m.visible(); len(got) != 1 || got[0].Name != "outages_12m" {
		t.Fatalf("visible %v", got)
	}
	before := names(c.Dimensions)
	screentest.Press(t, c, m, " ") // typed into the filter, not a toggle
	if !slices.Equal(names(c.Dimensions), before) {
		t.Error("space in the filter changed the choice")
	}
	screentest.Press(t, c, m, "esc")
	if m.Capturing() || len(m.visible()) != 5 {
		t.Errorf("after esc: typing %v, %d visible", m.Capturing(), len(m.visible()))
	}
}
