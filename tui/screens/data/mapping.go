package data

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/textsafe"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// mappingPane is the Data screen's view of the column roles: for each role of the wide
// table, the column of the user's data that holds it, how it was found, how sure that is and
// sample values. ←/→ choose another column for the selected role, Enter applies the changes
// (or confirms a partial match), s saves the mapping beside the data, Esc closes.
type mappingPane struct {
	open    bool
	cursor  int
	pending roles.Mapping // the mapping being edited, from the one in effect
	changed bool
	note    string // what the last apply or save did
	err     error
	run     task.ID
}

// remapped and savedMapping are the results of the pane's runs.
type (
	remapped     struct{}
	savedMapping string
)

// mapKeys are the pane's keys.
type mapKeys struct {
	Pick, Apply, Save key.Binding
}

func newMapKeys(tr i18n.Tr) mapKeys {
	return mapKeys{
		Pick:  key.NewBinding(key.WithKeys("left", "right", "h", "l"), key.WithHelp("←/→", tr.T(i18n.HelpMapPick))),
		Apply: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr.T(i18n.HelpMapApply))),
		Save:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", tr.T(i18n.HelpMapSave))),
	}
}

// openMapping shows the pane with the mapping in effect.
func (m *Model) openMapping(mp backend.Mapper) {
	m.mp = mappingPane{open: true, pending: mp.Mapping()}
}

// askForID opens the pane when no column of the data is the customer id: the workbench asks
// rather than numbering the customers by row.
func (m *Model) askForID() {
	mp, ok := backend.MapperOf(m.c.Session)
	if !ok || m.mp.open {
		return
	}
	if id, _ := roles.Find(mp.Roles(), roles.CustomerID); id.Column == "" || !id.Method.Sure() {
		m.openMapping(mp)
	}
}

// mapKey handles a key while the pane is shown.
func (m *Model) mapKey(msg tea.KeyMsg) tea.Cmd {
	mp, ok := backend.MapperOf(m.c.Session)
	if !ok {
		m.mp.open = false
		return nil
	}
	ms := mp.Roles()
	switch {
	case key.Matches(msg, m.keys.Input.Dismiss), key.Matches(msg, m.keys.Mapping):
		m.mp.open = false
	case key.Matches(msg, m.keys.Up):
		m.mp.cursor = max(m.mp.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.mp.cursor = min(m.mp.cursor+1, max(len(ms)-1, 0))
	case key.Matches(msg, m.mapKeys.Pick) && m.mp.cursor < len(ms):
		step := 1
		if msg.String() == "left" || msg.String() == "h" {
			step = -1
		}
		m.pick(ms[m.mp.cursor], mp.Headers(), step)
	case key.Matches(msg, m.mapKeys.Apply) && m.mp.cursor < len(ms):
		if x := ms[m.mp.cursor]; !m.mp.changed && x.Column != "" && !x.Method.Sure() {
			m.setPending(x.Role, x.Column) // confirm the offered column
		}
		if !m.mp.changed {
			return nil
		}
		want := m.mp.pending.Clone()
		var cmd tea.Cmd
		m.mp.run, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskRemap),
			func(ctx context.Context, _ task.Report) (remapped, error) { return remapped{}, mp.Remap(ctx, want) })
		return cmd
	case key.Matches(msg, m.mapKeys.Save):
		var cmd tea.Cmd
		m.mp.run, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.HelpMapSave),
			func(context.Context, task.Report) (savedMapping, error) {
				p, err := mp.SaveMapping()
				return savedMapping(p), err
			})
		return cmd
	}
	return nil
}

// pick moves the column of role x by step through none and the input's headers.
func (m *Model) pick(x roles.Match, headers []string, step int) {
	options := append([]string{""}, headers...)
	cur := m.columnOf(x)
	i := slices.Index(options, cur)
	if i < 0 {
		i = 0
	}
	i = (i + step + len(options)) % len(options)
	m.setPending(x.Role, options[i])
}

func (m *Model) setPending(role, column string) {
	if m.mp.pending.Columns == nil {
		m.mp.pending.Columns = map[string]string{}
	}
	if column == "" {
		delete(m.mp.pending.Columns, role)
	} else {
		m.mp.pending.Columns[role] = column
	}
	m.mp.changed, m.mp.note, m.mp.err = true, "", nil
}

// columnOf is the column shown for x: the pending choice when the user changed it.
func (m *Model) columnOf(x roles.Match) string {
	if c, ok := m.mp.pending.Columns[x.Role]; ok {
		return c
	}
	if m.mp.changed && x.Method == roles.ByMapping {
		return "" // taken out of the mapping
	}
	return x.Column
}

// mapResult takes the result of an apply or a save.
func (m *Model) mapResult(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case task.Result[remapped]:
		if msg.Run != m.mp.run {
			return nil, true
		}
		if msg.Err != nil {
			m.mp.err = msg.Err
			return nil, true
		}
		m.mp.changed, m.mp.note = false, m.c.Tr.T(i18n.MapApplied)
		return common.Broadcast(common.SessionChangedMsg{}), true
	case task.Result[savedMapping]:
		if msg.Run == m.mp.run {
			m.mp.err = msg.Err
			if msg.Err == nil {
				m.mp.note = m.c.Tr.F(i18n.MapSaved, string(msg.Value))
			}
		}
		return nil, true
	}
	return nil, false
}

// methodLabel says how a column was found, in the interface language.
func methodLabel(tr i18n.Tr, how roles.Method) string {
	k, ok := map[roles.Method]i18n.Key{roles.ByMapping: i18n.MapMapping, roles.ByCanonical: i18n.MapCanonical,
		roles.ByChinese: i18n.MapChinese, roles.BySynonym: i18n.MapSynonym, roles.ByPartial: i18n.MapPartial}[how]
	if !ok {
		return ""
	}
	return tr.T(k)
}

// mappingView draws the pane over the whole screen.
func (m *Model) mappingView() string {
	st, tr := m.c.Styles, m.c.Tr
	mp, ok := backend.MapperOf(m.c.Session)
	if !ok {
		return ""
	}
	ms := mp.Roles()
	t := widget.Table{
		Head:       []string{tr.T(i18n.MapRole), tr.T(i18n.MapColumn), tr.T(i18n.MapHow), tr.T(i18n.MapSure), tr.T(i18n.MapSamples)},
		Right:      []bool{false, false, false, true, false},
		Flex:       []bool{false, true, true, false, true},
		Cursor:     m.mp.cursor,
		ShowCursor: true,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	noID := false
	for _, x := range ms {
		r, _ := roles.ByName(x.Role)
		label := r.English
		if tr.Lang == i18n.ZH {
			label = r.Chinese
		}
		col, how, sure := m.columnOf(x), methodLabel(tr, x.Method), ""
		switch {
		case col != x.Column:
			how = "*"
		case col != "":
			sure = fmt.Sprintf("%.0f%%", 100*x.Confidence)
		}
		if col == "" {
			col = tr.T(i18n.MapNone)
			noID = noID || x.Role == roles.CustomerID
		}
		var samples []string
		for _, v := range x.Samples {
			samples = append(samples, textsafe.Line(v))
		}
		t.Rows = append(t.Rows, []string{label, textsafe.Line(col), how, sure, strings.Join(samples, ", ")})
	}
	var foot string
	switch {
	case m.mp.err != nil:
		foot = st.Error.Render(common.ErrorText(tr, m.mp.err))
	case m.mp.changed:
		foot = st.Warning.Render(tr.T(i18n.MapPending))
	case m.mp.note != "":
		foot = st.Muted.Render(m.mp.note)
	case noID:
		foot = st.Warning.Render(tr.T(i18n.MapNoID))
	}
	head := st.Title.Render(tr.T(i18n.MapTitle))
	body := t.Render(m.width, max(m.height-2, 1))
	return widget.Block(widget.Truncate(head, m.width)+"\n"+body+"\n"+widget.Truncate(foot, m.width), m.width, m.height)
}
