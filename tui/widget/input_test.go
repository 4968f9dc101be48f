package widget

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestInputEditsAtTheCursor(t *testing.T) {
	var in Input // the zero value works
	in.Prompt = "名称: "
	for _, k := range []tea.KeyMsg{
		{Type: tea.KeyRunes, Runes: []rune("富者")}, {Type: tea.KeyLeft}, {Type: tea.KeyRunes, Runes: []rune("裕")},
	} {
		in.Update(k)
	}
	if in.Value() != "富裕者" {
		t.Fatalf("value %q", in.Value())
	}
	if got := in.View(20, true); got != "名称: 富裕█者" {
		t.Errorf("view %q", got)
	}
	if got := in.View(20, false); got != "名称: 富裕者" {
		t.Errorf("unfocused view %q", got)
	}
	in.SetValue("abcdefghij")
	if got := in.View(9, true); got != "名称: ij█" {
		t.Errorf("a long value keeps its end: %q", got)
	}
	in.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	in.Update(tea.KeyMsg{Type: tea.KeyLeft})
	in.Update(tea.KeyMsg{Type: tea.KeyCtrlU})
	if in.Value() != "i" {
		t.Errorf("after backspace, ← and ctrl+u: %q", in.Value())
	}
}
