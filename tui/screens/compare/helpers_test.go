package compare

import tea "github.com/charmbracelet/bubbletea"

// both hands every message to the Profiles and the Compare screen, as the root does with run
// results and broadcasts.
type both struct {
	p tea.Model
	m tea.Model
}

func (b both) Init() tea.Cmd { return nil }
func (b both) View() string  { return "" }
func (b both) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, c1 := b.p.Update(msg)
	_, c2 := b.m.Update(msg)
	return b, tea.Batch(c1, c2)
}
