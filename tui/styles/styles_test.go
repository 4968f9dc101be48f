package styles

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// renderer returns a renderer that believes it writes to a colour terminal, so that only the
// environment decides whether colours are used.
func renderer() *lipgloss.Renderer {
	return lipgloss.NewRenderer(&bytes.Buffer{}, termenv.WithTTY(true), termenv.WithUnsafe())
}

func TestColoursOnAColourTerminal(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLORTERM", "truecolor")
	s := New(renderer())
	if out := s.Title.Render("Data"); !strings.Contains(out, "\x1b[") {
		t.Fatalf("title on a colour terminal has no escape sequence: %q", out)
	}
}

func TestNoColorStripsEveryEscape(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLORTERM", "truecolor")
	s := New(renderer())
	for name, st := range map[string]lipgloss.Style{
		"title": s.Title, "active tab": s.ActiveTab, "status key": s.StatusKey,
		"error": s.Error, "heat": s.Heat[3], "selected": s.Selected,
	} {
		if out := st.Render("数据 Data"); strings.Contains(out, "\x1b[") {
			t.Errorf("%s with NO_COLOR still has an escape sequence: %q", name, out)
		}
	}
}

func TestAdaptiveColoursDifferByBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLORTERM", "truecolor")
	dark, light := renderer(), renderer()
	dark.SetHasDarkBackground(true)
	light.SetHasDarkBackground(false)
	if New(dark).Title.Render("x") == New(light).Title.Render("x") {
		t.Fatal("title renders the same on dark and light backgrounds; colours are not adaptive")
	}
}
