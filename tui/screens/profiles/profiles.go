// Package profiles is screen 4 of the workbench: one card per segment (name, size, share,
// generated description, strongest traits), a heat map of every numeric column's index per
// segment, and the ANOVA table. Segments are renamed in place and merged two at a time; the
// merge relabels the assignments, scores every customer again by the nearest centroid (the
// merged one the size-weighted mean of the two), as the saved definition will, and the
// profile is computed again in the background.
package profiles

import (
	"math"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// The panes of the screen, in the order ←/→ cycles through them.
const (
	paneCards = iota
	paneHeat
	paneANOVA
	paneCategories
	paneCount
)

// Keys are the Profiles screen's own keys.
type Keys struct {
	keys.List
	Rename    key.Binding
	Merge     key.Binding
	Recompute key.Binding
	Choose    key.Binding // the second segment of a merge
	Stop      key.Binding // stop choosing, or cancel the run in flight
	Yes, No   key.Binding
	Input     keys.Input
}

// Model is the Profiles screen.
type Model struct {
	c     *common.Context
	store *Store
	keys  Keys

	width, height int
	pane          int
	cursor        [paneCount]int // row under the cursor in each pane, among the filtered rows
	filter        widget.Filter

	renaming  bool
	renameSeg int
	input     widget.Input

	mergeFrom  int // segment chosen first for a merge; 0 when not choosing
	confirming bool
	mergeInto  int
	notice     string // a one-line message about the last key (e.g. merging a segment with itself)
}

// New returns the Profiles screen over the shared context c and the profile store shared
// with the Compare screen.
func New(c *common.Context, store *Store) *Model {
	tr := c.Tr
	return &Model{
		c:     c,
		store: store,
		keys: Keys{
			List:      keys.NewList(tr),
			Rename:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", tr.T(i18n.HelpRename))),
			Merge:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", tr.T(i18n.HelpMerge))),
			Recompute: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", tr.T(i18n.HelpRecompute))),
			Choose:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr.T(i18n.HelpApply))),
			Stop:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr.T(i18n.HelpDismiss))),
			Yes:       key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", tr.T(i18n.HelpMerge))),
			No:        key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", tr.T(i18n.HelpDismiss))),
			Input:     keys.NewInput(tr),
		},
		filter: widget.NewFilter(tr.T(i18n.FilterPrompt)),
		input:  widget.Input{Prompt: tr.T(i18n.ProfRenamePrompt)},
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Capturing implements common.Capturer: true while a name or the filter is typed, or a
// merge waits for its answer.
func (m *Model) Capturing() bool { return m.renaming || m.filter.Typing() || m.confirming }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.confirming:
		return []key.Binding{m.keys.Yes, m.keys.No}
	case m.Capturing():
		return []key.Binding{m.keys.Input.Apply, m.keys.Input.Dismiss}
	case m.mergeFrom != 0:
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Choose, m.keys.Stop}
	}
	return []key.Binding{m.keys.Focus, m.keys.Rename, m.keys.Merge, m.keys.Recompute, m.keys.Filter}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.Focus, m.keys.Filter},
		{m.keys.Rename, m.keys.Merge, m.keys.Recompute},
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SessionChangedMsg, common.SegmentedMsg:
		m.reset()
		return m, m.store.Compute(m.c)
	case task.Result[*portrait.TagsResult]:
		// the portrait tags were built: profile again so that they are among the columns
		if msg.Err == nil && (m.store.Result != nil || m.c.Segmentation != nil) && !m.store.Running() {
			return m, m.store.Compute(m.c)
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		m.move(widget.Wheel(msg))
	}
	return m, m.store.Update(msg)
}

// reset forgets the cursor and any edit in progress: the segments are about to change.
func (m *Model) reset() {
	m.cursor = [paneCount]int{}
	m.renaming, m.mergeFrom, m.confirming, m.notice = false, 0, false, ""
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.confirming:
		return m.confirmKey(msg)
	case m.renaming:
		return m.renameKey(msg)
	case m.filter.Typing():
		m.filter.Update(msg)
		m.cursor = [paneCount]int{}
		return nil
	}
	m.notice = ""
	switch {
	case key.Matches(msg, m.keys.Stop):
		if m.mergeFrom != 0 {
			m.mergeFrom = 0
		} else if m.store.Running() {
			m.store.Cancel(m.c)
		}
		return nil
	case key.Matches(msg, m.keys.Recompute):
		m.reset()
		return m.store.Compute(m.c)
	}
	if m.store.Result == nil {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.Focus) && m.mergeFrom == 0:
		step := 1
		if msg.String() == "left" || msg.String() == "h" {
			step = paneCount - 1
		}
		m.pane = (m.pane + step) % paneCount
	case key.Matches(msg, m.keys.Filter):
		m.filter.Open()
	case key.Matches(msg, m.keys.Rename):
		if seg, ok := m.current(); ok {
			m.pane, m.renaming, m.renameSeg = paneCards, true, seg.ID
			m.input.SetValue(seg.Name)
		}
	case key.Matches(msg, m.keys.Merge) && m.mergeFrom == 0:
		if seg, ok := m.current(); ok && len(m.store.Result.Segments) > 1 {
			m.pane, m.mergeFrom = paneCards, seg.ID
		}
	case key.Matches(msg, m.keys.Choose) && m.mergeFrom != 0:
		seg, ok := m.current()
		switch {
		case !ok:
		case seg.ID == m.mergeFrom:
			m.notice = m.c.Tr.T(i18n.ProfMergeSelf)
		default:
			m.mergeInto, m.confirming = seg.ID, true
		}
	}
	return nil
}

// renameKey edits the name being typed: Enter applies it (an empty name goes back to the
// default "Segment n"), Esc leaves the name as it was.
func (m *Model) renameKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Input.Apply):
		m.renaming = false
		name := strings.TrimSpace(m.input.Value())
		if seg, ok := m.segment(m.renameSeg); ok && seg.Name == name {
			return nil
		}
		m.c.Unsaved = true
		return m.store.Rename(m.c, m.renameSeg, name)
	case key.Matches(msg, m.keys.Input.Dismiss):
		m.renaming = false
	default:
		m.input.Update(msg)
	}
	return nil
}

// confirmKey answers the merge question.
func (m *Model) confirmKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Yes):
		into, from := m.mergeInto, m.mergeFrom
		m.reset()
		m.c.Unsaved = true
		return m.store.Merge(m.c, into, from)
	case key.Matches(msg, m.keys.No):
		m.confirming, m.mergeFrom = false, 0
	}
	return nil
}

// move moves the cursor of the focused pane.
func (m *Model) move(delta int) {
	n := m.rows(m.pane)
	m.cursor[m.pane] = min(max(m.cursor[m.pane]+delta, 0), max(n-1, 0))
}

// rows returns how many rows pane shows after filtering.
func (m *Model) rows(pane int) int {
	switch pane {
	case paneCards:
		return len(m.visibleSegments())
	case paneCategories:
		return len(m.visibleCategorical())
	default:
		return len(m.visibleNumeric())
	}
}

// current returns the segment under the cards' cursor.
func (m *Model) current() (profile.Segment, bool) {
	segs := m.visibleSegments()
	i := m.cursor[paneCards]
	if i < 0 || i >= len(segs) {
		return profile.Segment{}, false
	}
	return segs[i], true
}

func (m *Model) segment(id int) (profile.Segment, bool) {
	if m.store.Result == nil {
		return profile.Segment{}, false
	}
	for _, s := range m.store.Result.Segments {
		if s.ID == id {
			return s, true
		}
	}
	return profile.Segment{}, false
}

// visibleSegments returns the segments that pass the filter (on their number, name and
// description in both languages).
func (m *Model) visibleSegments() []profile.Segment {
	if m.store.Result == nil {
		return nil
	}
	var out []profile.Segment
	for _, s := range m.store.Result.Segments {
		if m.filter.Match(SegmentName(m.c.Tr, s), s.DescriptionEN, s.DescriptionZH) {
			out = append(out, s)
		}
	}
	return out
}

// visibleCategorical returns the categorical columns the filter matches, the strongest
// association with the segments (Cramér's V) first.
func (m *Model) visibleCategorical() []profile.CategoricalProfile {
	if m.store.Result == nil {
		return nil
	}
	out := matching(m.filter, m.store.Result.Categorical, func(cp profile.CategoricalProfile) (string, string, string) {
		return cp.Column, cp.LabelEN, cp.LabelZH
	})
	sort.SliceStable(out, func(i, j int) bool { return cramersV(out[i]) > cramersV(out[j]) })
	return out
}

// cramersV is a column's Cramér's V, with NaN (no test) last.
func cramersV(cp profile.CategoricalProfile) float64 {
	v := float64(cp.ChiSquare.CramersV)
	if math.IsNaN(v) {
		return -1
	}
	return v
}

// visibleNumeric returns the numeric columns that pass the filter (on their name and labels).
func (m *Model) visibleNumeric() []profile.NumericProfile {
	if m.store.Result == nil {
		return nil
	}
	return matching(m.filter, m.store.Result.Numeric, func(np profile.NumericProfile) (string, string, string) {
		return np.Column, np.LabelEN, np.LabelZH
	})
}

// matching returns the columns whose name or labels the filter matches, in their order.
func matching[T any](f widget.Filter, cols []T, names func(T) (string, string, string)) []T {
	var out []T
	for _, c := range cols {
		if name, en, zh := names(c); f.Match(name, en, zh) {
			out = append(out, c)
		}
	}
	return out
}
