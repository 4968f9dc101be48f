// Package compare is screen 5 of the workbench: the segments set against the business goal.
// Its chart places every segment at x = outages per customer in 12 months and y = mean
// satisfaction, crossed by reference lines at the averages, with DOMAIN.md's four quadrants
// named in the corners; beside or below it, each segment compared across regions (best
// region marked) and the segments whose survey answers are too few to trust.
package compare

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/screens/profiles"
	"github.com/seglab/seglab/tui/widget"
)

// The panes, in the order ←/→ cycles through them when only one shows at a time.
const (
	paneChart = iota
	paneTables
	paneCount
)

// Keys are the Compare screen's own keys.
type Keys struct {
	keys.List
	Recompute key.Binding
	Stop      key.Binding
}

// Model is the Compare screen.
type Model struct {
	c     *common.Context
	store *profiles.Store
	keys  Keys

	width, height int
	pane          int
	scroll        int // first line of the tables pane shown
}

// New returns the Compare screen over the shared context c and the profile store shared with
// the Profiles screen, which computes the profile.
func New(c *common.Context, store *profiles.Store) *Model {
	tr := c.Tr
	return &Model{
		c:     c,
		store: store,
		keys: Keys{
			List:      keys.NewList(tr),
			Recompute: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", tr.T(i18n.HelpRecompute))),
			Stop:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr.T(i18n.HelpCancel))),
		},
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.scroll = 0
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Focus, m.keys.Up, m.keys.Down, m.keys.Recompute}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Focus, m.keys.Up, m.keys.Down}, {m.keys.Recompute, m.keys.Stop}}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		m.scrollBy(widget.Wheel(msg))
		return m, nil
	}
	return m, m.store.Update(msg)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Stop):
		m.store.Cancel(m.c)
	case key.Matches(msg, m.keys.Recompute):
		m.scroll = 0
		return m.store.Compute(m.c)
	case key.Matches(msg, m.keys.Focus):
		m.pane = (m.pane + 1) % paneCount
	case key.Matches(msg, m.keys.Up):
		m.scrollBy(-1)
	case key.Matches(msg, m.keys.Down):
		m.scrollBy(1)
	}
	return nil
}

// scrollBy scrolls the tables within their length.
func (m *Model) scrollBy(delta int) {
	if m.store.Result == nil {
		m.scroll = 0
		return
	}
	l := m.layout()
	st := m.c.Styles.Pane
	w, h := l.tableW-st.GetHorizontalFrameSize(), l.tableH-st.GetVerticalFrameSize()-1
	m.scroll = min(max(m.scroll+delta, 0), max(len(m.tablesLines(w))-h, 0))
}
