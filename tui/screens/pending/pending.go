// Package pending is the stand-in for a workbench screen whose engine is not wired in yet.
// It says plainly what the screen will do and that it is not available, and shows no data.
package pending

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/widget"
)

// Model is a screen that is not built yet.
type Model struct {
	c             *common.Context
	title         i18n.Key
	purpose       i18n.Key
	width, height int
}

// New returns the stand-in for the screen titled title, which will do what purpose says.
func New(c *common.Context, title, purpose i18n.Key) *Model {
	return &Model{c: c, title: title, purpose: purpose}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// Update implements tea.Model; the screen reacts to nothing.
func (m *Model) Update(tea.Msg) (tea.Model, tea.Cmd) { return m, nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// ShortHelp implements help.KeyMap: the screen has no keys of its own.
func (m *Model) ShortHelp() []key.Binding { return nil }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return nil }

// View implements tea.Model.
func (m *Model) View() string {
	st, tr := m.c.Styles, m.c.Tr
	wrap := lipgloss.NewStyle().Width(min(m.width, 72))
	body := lipgloss.JoinVertical(lipgloss.Left,
		st.Title.Render(tr.T(m.title)),
		"",
		st.Warning.Render(wrap.Render(tr.T(i18n.PendingNeedsEngine))),
		"",
		st.TableHead.Render(tr.T(i18n.PendingWhatHere)),
		wrap.Render(tr.T(m.purpose)),
	)
	return widget.Block(body, m.width, m.height)
}
