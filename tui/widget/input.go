package widget

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Input is a one-line text input: typed and pasted characters are appended, Backspace
// removes the last one and Ctrl+U clears the line.
type Input struct {
	Prompt string
	value  []rune
}

// cursor marks where typing goes.
const cursor = "█"

// Value returns the text typed so far.
func (in Input) Value() string { return string(in.value) }

// SetValue replaces the text.
func (in *Input) SetValue(s string) { in.value = []rune(s) }

// Update edits the text for one key.
func (in *Input) Update(msg tea.KeyMsg) {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		for _, r := range msg.Runes {
			if r >= ' ' && r != 0x7f { // keep pasted control characters out
				in.value = append(in.value, r)
			}
		}
	case tea.KeyBackspace:
		if len(in.value) > 0 {
			in.value = in.value[:len(in.value)-1]
		}
	case tea.KeyCtrlU:
		in.value = nil
	}
}

// View draws the prompt and the text in at most width cells, with a cursor when focused.
// When the text is too long its end stays visible.
func (in Input) View(width int, focused bool) string {
	tail := ""
	if focused {
		tail = cursor
	}
	room := width - lipgloss.Width(in.Prompt) - lipgloss.Width(tail)
	text := in.value
	for len(text) > 0 && lipgloss.Width(string(text)) > room {
		text = text[1:]
	}
	return Truncate(in.Prompt+strings.TrimRight(string(text), "\n")+tail, width)
}
