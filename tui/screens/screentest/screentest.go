// Package screentest holds what the tests of the workbench screens share: a colourless shared
// context, a driver that runs a screen's commands as the root model would, key messages by
// name, and the check that a view fills its frame exactly.
package screentest

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/styles"
	"github.com/seglab/seglab/tui/task"
)

// PlainStyles are the workbench styles without colour, so views compare as text.
func PlainStyles() *styles.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return styles.New(r)
}

// NewContext returns a shared context over session s in lang.
func NewContext(t testing.TB, lang i18n.Lang, s backend.Session) *common.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &common.Context{Ctx: ctx, Styles: PlainStyles(), Tr: i18n.Tr{Lang: lang}, Tasks: &task.Board{}, Session: s}
}

// Drive hands msg to m and then runs the commands that come back, feeding their messages to
// m as the root model would (progress to the task board, results to the board and the
// screen), until none are left.
func Drive(t testing.TB, c *common.Context, m tea.Model, msg tea.Msg) {
	t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		var cmd tea.Cmd
		switch msg := msg.(type) {
		case task.ProgressMsg:
			cmd = c.Tasks.Update(msg)
		case task.Finished:
			c.Tasks.Update(msg)
			_, cmd = m.Update(msg)
		default:
			_, cmd = m.Update(msg)
		}
		queue = append(queue, Run(t, cmd)...)
	}
}

// Run executes cmd (flattening batches) and returns the messages it produced.
func Run(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a command blocked for 5 s")
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, Run(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// Key returns the key message for a key name (esc, enter, down, pgdown, a rune…).
func Key(k string) tea.KeyMsg {
	switch k {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "pgdown":
		return tea.KeyMsg{Type: tea.KeyPgDown}
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// Press drives each key through m.
func Press(t testing.TB, c *common.Context, m tea.Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		Drive(t, c, m, Key(k))
	}
}

// CheckFrame fails unless view is exactly h lines, none wider than w cells, and each exactly
// w cells wide.
func CheckFrame(t testing.TB, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := lipgloss.Width(l); got != w {
			t.Errorf("line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
}

// BodySize is the cells the root leaves a screen in a terminal of w×h: the tab line and its
// rule, the help line, the status bar and its rule, and one column of padding either side.
func BodySize(w, h int) (int, int) { return w - 2, h - 5 }
