package widget

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Input is a one-line text input over bubbles' textinput: typed and pasted characters go in
// at the cursor, ←/→ move it, Backspace removes the character before it and Ctrl+U clears
// the line before it. The zero value is ready to use.
type Input struct {
	Prompt string
	ti     textinput.Model
	ready  bool
}

// cursor marks where typing goes.
const cursor = "█"

// model returns the text input, set up on first use: no prompt of its own (View draws
// Prompt), focused, no limit.
func (in *Input) model() *textinput.Model {
	if !in.ready {
		v := in.ti.Value()
		in.ti = textinput.New()
		in.ti.Prompt = ""
		in.ti.Focus()
		in.ti.SetValue(v)
		in.ready = true
	}
	return &in.ti
}

// Value returns the text typed so far.
func (in Input) Value() string { return in.ti.Value() }

// SetValue replaces the text and puts the cursor at its end.
func (in *Input) SetValue(s string) {
	ti := in.model()
	ti.SetValue(s)
	ti.CursorEnd()
}

// Update edits the text for one key.
func (in *Input) Update(msg tea.KeyMsg) {
	ti := in.model()
	*ti, _ = ti.Update(msg)
}

// View draws the prompt and the text in at most width cells, with a cursor where typing
// goes when focused. When the text is too long its start is cut off.
func (in Input) View(width int, focused bool) string {
	text := []rune(in.ti.Value())
	pos := min(in.ti.Position(), len(text))
	mark := ""
	if focused {
		mark = cursor
	}
	room := width - lipgloss.Width(in.Prompt) - lipgloss.Width(mark)
	for len(text) > 0 && lipgloss.Width(string(text)) > room && pos > 0 {
		text, pos = text[1:], pos-1
	}
	line := string(text[:pos]) + mark + string(text[pos:])
	return Truncate(in.Prompt+strings.TrimRight(line, "\n"), width)
}
