package tui

import (
	"bytes"
	"context"
	"fmt"
	"github.com/seglab/seglab/tui/screens/screentest"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/i18n"
)

// settled returns a condition that holds once the output contains every marker and the
// status bar last said that no run is in flight.
func settled(lang i18n.Lang, markers ...string) func([]byte) bool {
	idle := []byte(i18n.Tr{Lang: lang}.T(i18n.StatusIdle))
	return func(out []byte) bool {
		for _, m := range markers {
			if !bytes.Contains(out, []byte(m)) {
				return false
			}
		}
		return bytes.LastIndex(out, idle) > bytes.LastIndex(out, []byte("(esc)"))
	}
}

// contains returns a condition that holds once the output contains every marker.
func contains(markers ...string) func([]byte) bool {
	return func(out []byte) bool {
		for _, m := range markers {
			if !bytes.Contains(out, []byte(m)) {
				return false
			}
		}
		return true
	}
}

// TestGoldenViews draws every screen in both languages at 80×24 and 160×48 through a real
// Bubble Tea program and compares the final view with testdata/TestGoldenViews/*.golden
// (refresh with go test ./tui -run Golden -update). Screen 2 shows the suggested starting
// dimensions; screen 3 a finished sweep (the fake's) with k = 5 chosen and fitted.
func TestGoldenViews(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		tr := i18n.Tr{Lang: lang}
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			for screen := 1; screen <= 7; screen++ {
				name := fmt.Sprintf("%s_%dx%d_screen%d", lang, size[0], size[1], screen)
				if screen == 7 {
					name = fmt.Sprintf("%s_%dx%d_screen6_save", lang, size[0], size[1])
				}
				t.Run(name, func(t *testing.T) {
					m := newModel(context.Background(), lang, screentest.PlainStyles(), backendtest.Opener(&backendtest.Session{}, nil), nil)
					// Screen 6 lists the definitions of testdata/definitions and dates by a fixed clock.
					m.c.WorkDir = filepath.Join("testdata", "definitions")
					m.c.Now = func() time.Time { return time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC) }
					tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size[0], size[1]))
					wait := teatest.WithDuration(10 * time.Second)
					teatest.WaitFor(t, tm.Output(), settled(lang, "household_size", tr.F(i18n.DataPopCount, "1,000")), wait)
					switch screen {
					case 1: // already shown, and settled
					case 2:
						tm.Type("2")
						teatest.WaitFor(t, tm.Output(), contains("+.93", "80.0%"), wait)
					case 3, 6, 7:
						tm.Type("3")
						tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
						// The fake's runs may end before a frame shows them running, so wait for
						// what shows only once they have ended.
						teatest.WaitFor(t, tm.Output(), contains(tr.F(i18n.ClustersRecommended, 4)), wait)
						tm.Send(tea.KeyMsg{Type: tea.KeyDown})
						tm.Type("f")
						teatest.WaitFor(t, tm.Output(), contains(tr.F(i18n.StatusSegmented, 5, "1,000")), wait)
						if screen == 3 {
							break
						}
						// Screen 6: open the confirmed definition; or start saving, naming it in Chinese.
						tm.Type("6")
						teatest.WaitFor(t, tm.Output(), contains("residential-2025.yaml"), wait)
						if screen == 6 {
							tm.Send(tea.KeyMsg{Type: tea.KeyDown})
							tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
							stressed := map[i18n.Lang]string{i18n.EN: "Financially stressed", i18n.ZH: "财务状况欠佳"}[lang]
							teatest.WaitFor(t, tm.Output(), contains(stressed, "182  17.2%"), wait)
							break
						}
						tm.Type("s")
						tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
						tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("居民分群 2025")})
						teatest.WaitFor(t, tm.Output(), contains("2025█"), wait)
					default: // switching to a stand-in screen starts no run
						tm.Type(fmt.Sprint(screen))
						tab := "[" + fmt.Sprint(screen) + " " + tr.T(m.titles[screen-1]) + "]"
						teatest.WaitFor(t, tm.Output(), func(out []byte) bool { return bytes.Contains(out, []byte(tab)) }, wait)
					}
					if err := tm.Quit(); err != nil {
						t.Fatal(err)
					}
					final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*model)
					view := final.View()
					checkFrame(t, view, size[0], size[1])
					golden.RequireEqual(t, []byte(view))
				})
			}
		}
	}
}
