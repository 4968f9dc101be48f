package profiles

import (
	"fmt"
	"github.com/seglab/seglab/tui/screens/screentest"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
)

// TestGoldenViews draws the screen over the fake profile in both languages at the body sizes
// of an 80×24 and a 160×48 terminal, in each state worth seeing, and compares the views with
// testdata/TestGoldenViews/*.golden (refresh with go test ./tui/screens/profiles -update).
func TestGoldenViews(t *testing.T) {
	states := []struct {
		name string
		keys []string
	}{
		{"cards", nil},
		{"heat", []string{"right"}},
		{"anova", []string{"right", "right"}},
		{"rename", []string{"down", "down", "r", "ctrl+u", "积极配合型家庭"}},
		{"merge", []string{"m", "down", "enter"}},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			for _, state := range states {
				name := fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], state.name)
				t.Run(name, func(t *testing.T) {
					c := screentest.NewContext(t, lang, &backendtest.ProfileSession{})
					m := New(c, NewStore())
					w, h := screentest.BodySize(size[0], size[1])
					m.SetSize(w, h)
					screentest.Drive(t, c, m, common.SessionChangedMsg{})
					screentest.Press(t, c, m, state.keys...)
					view := m.View()
					screentest.CheckFrame(t, view, w, h)
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
			c := screentest.NewContext(t, lang, &backendtest.ProfileSession{Unsegmented: true})
			m := New(c, NewStore())
			w, h := screentest.BodySize(80, 24)
			m.SetSize(w, h)
			screentest.Drive(t, c, m, common.SessionChangedMsg{})
			view := m.View()
			screentest.CheckFrame(t, view, w, h)
			golden.RequireEqual(t, []byte(view))
		})
	}
}
