package data

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

// plainStyles are the workbench styles without colour, so views compare as text.
func plainStyles() *styles.Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return styles.New(r)
}

// newContext returns a shared context over session s in lang.
func newContext(t *testing.T, lang i18n.Lang, s backend.Session) *common.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &common.Context{Ctx: ctx, Styles: plainStyles(), Tr: i18n.Tr{Lang: lang}, Tasks: &task.Board{}, Session: s}
}

// drive hands msg to m and then runs the commands that come back, feeding their messages to
// m as the root model would (progress to the task board, results to the board and the
// screen), until none are left.
func drive(t *testing.T, c *common.Context, m tea.Model, msg tea.Msg) {
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
		queue = append(queue, run(t, cmd)...)
	}
}

// run executes cmd (flattening batches) and returns the messages it produced.
func run(t *testing.T, cmd tea.Cmd) []tea.Msg {
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
			out = append(out, run(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// keyMsg returns the key message for a name as press writes it.
func keyMsg(k string) tea.KeyMsg {
	switch k {
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
	case " ":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// press drives each key through m.
func press(t *testing.T, c *common.Context, m tea.Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		drive(t, c, m, keyMsg(k))
	}
}

// checkFrame fails unless view is exactly h lines, none wider than w cells, and each exactly
// w cells wide.
func checkFrame(t *testing.T, view string, w, h int) {
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
