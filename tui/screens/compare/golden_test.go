package compare

import (
	"fmt"
	"github.com/seglab/seglab/tui/screens/screentest"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/profiles"
)

// newScreens returns the Profiles and Compare screens over one store, sized for a w×h
// terminal, with the fake profile computed.
func newScreens(t *testing.T, lang i18n.Lang, s *backendtest.ProfileSession, w, h int) (*common.Context, *profiles.Model, *Model) {
	t.Helper()
	c := screentest.NewContext(t, lang, s)
	store := profiles.NewStore()
	p, m := profiles.New(c, store), New(c, store)
	bw, bh := screentest.BodySize(w, h)
	p.SetSize(bw, bh)
	m.SetSize(bw, bh)
	screentest.Drive(t, c, both{p, m}, common.SessionChangedMsg{})
	return c, p, m
}

// TestGoldenViews draws the screen over the fake profile in both languages at the body sizes
// of an 80×24 and a 160×48 terminal and compares the views with
// testdata/TestGoldenViews/*.golden (refresh with go test ./tui/screens/compare -update).
func TestGoldenViews(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			for _, state := range []struct {
				name string
				keys []string
			}{{"chart", nil}, {"tables", []string{"right"}}} {
				if size[0] >= sideFrom && state.name == "tables" {
					continue // both panes show at once
				}
				name := fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], state.name)
				t.Run(name, func(t *testing.T) {
					c, _, m := newScreens(t, lang, &backendtest.ProfileSession{}, size[0], size[1])
					screentest.Press(t, c, m, state.keys...)
					view := m.View()
					screentest.CheckFrame(t, view, m.width, m.height)
					golden.RequireEqual(t, []byte(view))
				})
			}
		}
	}
}

// TestGoldenEmpty draws the screen before any segmentation is fitted.
func TestGoldenEmpty(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(string(lang), func(t *testing.T) {
			_, _, m := newScreens(t, lang, &backendtest.ProfileSession{Unsegmented: true}, 80, 24)
			view := m.View()
			screentest.CheckFrame(t, view, m.width, m.height)
			golden.RequireEqual(t, []byte(view))
		})
	}
}
