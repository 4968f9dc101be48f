// Package data is screen 1 of the workbench: the loaded sources with their row counts, the
// columns of the selected source, a preview of its rows, and the population to segment.
//
// Once the data is open, the customer portrait's tags are built in the background; the
// relation portrait (the wide table plus the tags) is then listed among the sources. The
// portrait view (value ranking, payment behaviour, business tiers; package
// screens/portrait) opens over the screen with v and closes with Esc or v.
package data

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	engine "github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/screens/portrait"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// previewRows is how many rows the preview asks for.
const previewRows = 20

// pane is one of the screen's boxes that can take the cursor keys.
type pane int

const (
	paneSources pane = iota
	paneColumns
	panePreview
	paneCount
)

// described is the result of describing one table.
type described struct {
	columns []backend.Column
	preview backend.Rows
}

// counted is the size of the population.
type counted int64

// Keys are the Data screen's own keys.
type Keys struct {
	keys.List
	Population key.Binding // cycle everyone / residential / business
	PopFilter  key.Binding // type a column = value filter
	Portrait   key.Binding // open the portrait view
	Mapping    key.Binding // open the column roles
	Contract   key.Binding // show the export contract
	Input      keys.Input
}

// Model is the Data screen.
type Model struct {
	c    *common.Context
	keys Keys

	width, height int
	focus         pane
	contract      bool // the export contract is shown instead of the panes
	contractTop   int  // first line of it shown
	source        int  // cursor in the sources list
	column        int  // cursor in the (filtered) columns list
	previewRow    int

	describeRun task.ID
	described   described
	describeErr error

	countRun task.ID
	count    int64
	countErr error

	filter   widget.Filter
	popInput widget.Input
	popEdit  bool
	popErr   string

	tagsRun task.ID
	tags    *engine.TagsResult // nil until the portrait tags are built
	tagsErr error

	view    *portrait.Model // the portrait view
	showing bool            // the portrait view is shown instead of the screen

	mp      mappingPane // the column roles, shown instead of the screen when open
	mapKeys mapKeys
}

// New returns the Data screen over the shared context c.
func New(c *common.Context) *Model {
	tr := c.Tr
	portraitKey := key.NewBinding(key.WithKeys("v"), key.WithHelp("v", tr.T(i18n.HelpPortrait)))
	return &Model{
		c: c,
		keys: Keys{
			List:       keys.NewList(tr),
			Population: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", tr.T(i18n.HelpPopulation))),
			PopFilter:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", tr.T(i18n.HelpPopFilter))),
			Portrait:   portraitKey,
			Mapping:    key.NewBinding(key.WithKeys("m"), key.WithHelp("m", tr.T(i18n.HelpMapping))),
			Contract:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", tr.T(i18n.HelpContract))),
			Input:      keys.NewInput(tr),
		},
		mapKeys:  newMapKeys(tr),
		filter:   widget.NewFilter(tr.T(i18n.FilterPrompt)),
		popInput: widget.Input{Prompt: tr.T(i18n.DataPopPrompt)},
		view:     portrait.New(c, portraitKey),
	}
}

// Init implements tea.Model; the screen starts work when the session arrives.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.view.SetSize(width, height)
}

// Capturing implements common.Capturer: true while the filter or the population input is
// being typed into, or the portrait view's filter.
func (m *Model) Capturing() bool {
	if m.showing {
		return m.view.Capturing()
	}
	return m.filter.Typing() || m.popEdit || m.mp.open
}

// Showing reports whether the portrait view is shown.
func (m *Model) Showing() bool { return m.showing }

// canPortrait reports whether the session can compute the customer portrait.
func (m *Model) canPortrait() bool {
	_, ok := backend.PortraitOf(m.c.Session)
	return ok
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.showing:
		return m.view.ShortHelp()
	case m.mp.open:
		return []key.Binding{m.keys.Up, m.keys.Down, m.mapKeys.Pick, m.mapKeys.Apply, m.mapKeys.Save, m.keys.Input.Dismiss}
	case m.Capturing():
		return []key.Binding{m.keys.Input.Apply, m.keys.Input.Dismiss}
	case m.canPortrait():
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Focus, m.keys.Portrait, m.keys.Filter, m.keys.Population, m.keys.PopFilter}
	}
	return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Focus, m.keys.Filter, m.keys.Population, m.keys.PopFilter}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	if m.showing {
		return m.view.FullHelp()
	}
	first := []key.Binding{m.keys.Up, m.keys.Down, m.keys.Focus, m.keys.Filter}
	if m.canPortrait() {
		first = append(first, m.keys.Portrait) // in the first group, which shows at any width
	}
	return [][]key.Binding{
		first,
		{m.keys.Population, m.keys.PopFilter, m.keys.Mapping, m.keys.Contract, m.keys.Input.Apply, m.keys.Input.Dismiss},
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, ok := m.mapResult(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case common.SessionChangedMsg:
		m.source, m.column, m.previewRow = 0, 0, 0
		m.described, m.describeErr = described{}, nil
		m.view.Reset()
		m.showing = false
		m.c.Tasks.Cancel(m.tagsRun)
		m.tagsRun, m.tags, m.tagsErr = 0, nil, nil
		if m.c.Session == nil {
			return m, nil
		}
		m.askForID()
		return m, tea.Batch(m.describe(), m.countPopulation(), m.buildTags())
	case common.PopulationChangedMsg:
		return m, m.countPopulation()
	case task.Result[described]:
		if msg.Run == m.describeRun {
			m.described, m.describeErr = msg.Value, msg.Err
		}
	case task.Result[counted]:
		if msg.Run == m.countRun {
			m.count, m.countErr = int64(msg.Value), msg.Err
		}
	case task.Result[*engine.TagsResult]:
		if msg.Run != 0 && msg.Run == m.tagsRun {
			m.tagsRun, m.tags, m.tagsErr = 0, msg.Value, msg.Err
			if m.isPortrait(m.source) {
				return m, m.describe()
			}
		}
	case tea.KeyMsg:
		if m.mp.open {
			return m, m.mapKey(msg)
		}
		if m.showing {
			_, cmd := m.view.Update(msg)
			if m.view.TakeBack() {
				m.showing = false
			}
			return m, cmd
		}
		return m, m.key(msg)
	case tea.MouseMsg:
		if m.showing {
			_, cmd := m.view.Update(msg)
			return m, cmd
		}
		if d := widget.Wheel(msg); d != 0 {
			return m, m.move(d)
		}
	default:
		// the portrait view's run results and spinner ticks
		_, cmd := m.view.Update(msg)
		return m, cmd
	}
	return m, nil
}

// buildTags starts building the portrait tags, when the session can.
func (m *Model) buildTags() tea.Cmd {
	p, ok := backend.PortraitOf(m.c.Session)
	if !ok {
		return nil
	}
	var cmd tea.Cmd
	m.tagsRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskTags),
		func(ctx context.Context, _ task.Report) (*engine.TagsResult, error) { return p.PortraitTags(ctx) })
	return cmd
}

// isPortrait reports whether source i is the portrait relation.
func (m *Model) isPortrait(i int) bool {
	tables := m.tables()
	return i < len(tables) && tables[i].Kind == portraitKind
}

// portraitKind is the Kind of the portrait relation among the sources.
const portraitKind = "portrait"

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.popEdit:
		return m.editPopulation(msg)
	case m.filter.Typing():
		m.filter.Update(msg)
		m.column = 0
		return nil
	case m.c.Session == nil:
		return nil
	case m.contract:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.contractTop = max(m.contractTop-1, 0)
		case key.Matches(msg, m.keys.Down):
			m.contractTop++
		case key.Matches(msg, m.keys.Contract), key.Matches(msg, m.keys.Input.Dismiss):
			m.contract = false
		}
		return nil
	case key.Matches(msg, m.keys.Contract):
		_, m.contract = m.c.Session.(backend.Contractor)
		m.contractTop = 0
	case key.Matches(msg, m.keys.Up):
		return m.move(-1)
	case key.Matches(msg, m.keys.Down):
		return m.move(1)
	case key.Matches(msg, m.keys.Focus):
		step := paneCount - 1
		if msg.String() == "right" || msg.String() == "l" {
			step = 1
		}
		m.focus = (m.focus + step) % paneCount
	case key.Matches(msg, m.keys.Filter):
		m.focus = paneColumns
		m.filter.Open()
	case key.Matches(msg, m.keys.Population):
		m.c.Population = m.c.Population.NextPreset()
		m.popErr = ""
		return common.Broadcast(common.PopulationChangedMsg{})
	case key.Matches(msg, m.keys.PopFilter):
		m.popEdit, m.popErr = true, ""
	case key.Matches(msg, m.keys.Mapping):
		if mp, ok := backend.MapperOf(m.c.Session); ok {
			m.openMapping(mp)
		}
	case key.Matches(msg, m.keys.Portrait) && m.canPortrait():
		m.showing = true
		return m.view.Open()
	}
	return nil
}

// editPopulation handles a key while the column = value filter is typed.
func (m *Model) editPopulation(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Input.Dismiss):
		m.popEdit = false
	case key.Matches(msg, m.keys.Input.Apply):
		text := strings.TrimSpace(m.popInput.Value())
		conds, ok := backend.SplitConditions(text)
		if !ok {
			m.popErr = m.c.Tr.T(i18n.DataPopBadForm)
			return nil
		}
		m.popEdit, m.popErr = false, ""
		m.c.Population = backend.Population{Kind: backend.ColumnEquals, Column: conds[0].Column, Value: conds[0].Value}
		if len(conds) > 1 {
			m.c.Population.Text = text
		}
		return common.Broadcast(common.PopulationChangedMsg{})
	default:
		m.popInput.Update(msg)
	}
	return nil
}

// move moves the cursor of the focused pane by delta; moving in the sources list describes
// the newly selected table.
func (m *Model) move(delta int) tea.Cmd {
	switch m.focus {
	case paneSources:
		n := len(m.tables())
		next := min(max(m.source+delta, 0), max(n-1, 0))
		if next == m.source {
			return nil
		}
		m.source, m.column, m.previewRow = next, 0, 0
		return m.describe()
	case paneColumns:
		m.column = min(max(m.column+delta, 0), max(len(m.visibleColumns())-1, 0))
	case panePreview:
		m.previewRow = min(max(m.previewRow+delta, 0), max(len(m.described.preview.Values)-1, 0))
	}
	return nil
}

// tables lists the session's tables and, when the session can compute it, the portrait
// relation (Rows is -1 until its tags are built).
func (m *Model) tables() []backend.Table {
	if m.c.Session == nil {
		return nil
	}
	tables := m.c.Session.Tables()
	if m.canPortrait() {
		t := backend.Table{Name: engine.Table, Kind: portraitKind, Rows: -1}
		if m.tags != nil {
			t.Rows = m.tags.Rows
		}
		tables = append(tables, t)
	}
	return tables
}

// describe starts describing the selected table, cancelling a description still running.
func (m *Model) describe() tea.Cmd {
	tables := m.tables()
	if len(tables) == 0 {
		return nil
	}
	m.c.Tasks.Cancel(m.describeRun)
	m.described, m.describeErr = described{}, nil
	m.describeRun = 0
	name, s := tables[m.source].Name, m.c.Session
	if m.isPortrait(m.source) {
		return m.describePortrait()
	}
	var cmd tea.Cmd
	m.describeRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.F(i18n.TaskDescribe, name),
		func(ctx context.Context, _ task.Report) (described, error) {
			cols, err := s.Describe(ctx, name)
			if err != nil {
				return described{}, err
			}
			rows, err := s.Preview(ctx, name, previewRows)
			return described{columns: cols, preview: rows}, err
		})
	return cmd
}

// describePortrait starts describing the portrait relation once its tags are built: the wide
// table's columns, then the tags.
func (m *Model) describePortrait() tea.Cmd {
	p, ok := backend.PortraitOf(m.c.Session)
	if !ok || m.tags == nil {
		return nil
	}
	s := m.c.Session
	var cmd tea.Cmd
	m.describeRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.F(i18n.TaskDescribe, engine.Table),
		func(ctx context.Context, _ task.Report) (described, error) {
			cols, err := s.Describe(ctx, "wide")
			if err != nil {
				return described{}, err
			}
			tags, err := p.PortraitColumns(ctx)
			if err != nil {
				return described{}, err
			}
			rows, err := p.PortraitPreview(ctx, previewRows)
			return described{columns: append(tags, cols...), preview: rows}, err // the tags first: they are what is new
		})
	return cmd
}

// countPopulation starts counting the customers of the chosen population.
func (m *Model) countPopulation() tea.Cmd {
	if m.c.Session == nil {
		return nil
	}
	m.c.Tasks.Cancel(m.countRun)
	m.countErr, m.count = nil, -1
	pop, s := m.c.Population, m.c.Session
	var cmd tea.Cmd
	m.countRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskCount),
		func(ctx context.Context, _ task.Report) (counted, error) {
			n, err := s.Count(ctx, pop)
			return counted(n), err
		})
	return cmd
}

func (m *Model) visibleColumns() []backend.Column {
	var out []backend.Column
	for _, c := range m.described.columns {
		if m.filter.Match(c.Name, c.Type) {
			out = append(out, c)
		}
	}
	return out
}

// View implements tea.Model.
func (m *Model) View() string {
	tr := m.c.Tr
	if m.c.Session == nil {
		return widget.Block(m.notLoaded(), m.width, m.height)
	}
	if m.showing {
		return m.view.View()
	}
	if m.mp.open {
		return m.mappingView()
	}
	if m.contract {
		return m.contractView()
	}
	top := m.populationView()
	rest := m.height - lipgloss.Height(top)
	upper := max(rest*3/5, 5)
	lower := rest - upper
	left := min(max(m.width/3, 24), 44)
	sources := widget.Pane(m.c.Styles, m.focus == paneSources, tr.T(i18n.DataSources), left, upper, m.sourcesView)
	cols := widget.Pane(m.c.Styles, m.focus == paneColumns, m.columnsTitle(), m.width-left, upper, m.columnsView)
	preview := widget.Pane(m.c.Styles, m.focus == panePreview, tr.T(i18n.DataPreview), m.width, lower, m.previewView)
	return widget.Block(lipgloss.JoinVertical(lipgloss.Left, top, lipgloss.JoinHorizontal(lipgloss.Top, sources, cols), preview), m.width, m.height)
}

// notLoaded says what happens while there is no session: the open step, or why it failed.
func (m *Model) notLoaded() string {
	st, tr := m.c.Styles, m.c.Tr
	if m.c.OpenErr != nil {
		return st.Error.Render(widget.Wrap(common.ErrorText(tr, m.c.OpenErr), m.width))
	}
	lines := []string{st.Title.Render(tr.T(i18n.Loading))}
	for _, r := range m.c.Tasks.Runs() {
		line := r.Label
		if r.Step.Label != "" {
			line += ": " + r.Step.Label
		}
		lines = append(lines, st.Muted.Render(line))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) populationView() string {
	st, tr := m.c.Styles, m.c.Tr
	head := st.Title.Render(tr.T(i18n.DataPopulation)) + "  [" + common.PopulationLabel(tr, m.c.Population) + "]  "
	switch {
	case m.countErr != nil:
		head += st.Error.Render(common.ErrorText(tr, m.countErr))
	case m.count >= 0:
		head += tr.F(i18n.DataPopCount, widget.Count(m.count))
	default:
		head += st.Muted.Render("…")
	}
	second := ""
	switch {
	case m.popEdit:
		second = m.popInput.View(m.width, true)
		if m.popErr != "" {
			second += "  " + st.Warning.Render(m.popErr)
		}
	case m.popErr != "":
		second = st.Warning.Render(m.popErr)
	default:
		second = m.warningsLine()
	}
	return widget.Truncate(head, m.width) + "\n" + widget.Truncate(second, m.width)
}

// kindLabel names an export kind in the interface language.
func kindLabel(tr i18n.Tr, kind string) string {
	k, ok := map[string]i18n.Key{
		"wide": i18n.KindWide, "customers": i18n.KindCustomers, "billing": i18n.KindBilling,
		"payments": i18n.KindPayments, "outages": i18n.KindOutages, "tickets": i18n.KindTickets,
		"survey": i18n.KindSurvey, portraitKind: i18n.KindPortrait,
	}[kind]
	if !ok {
		return tr.T(i18n.KindOther)
	}
	return tr.T(k)
}

func (m *Model) sourcesView(w, h int) string {
	tr := m.c.Tr
	t := widget.Table{
		Head:       []string{tr.T(i18n.ColTable), tr.T(i18n.DataRows)},
		Right:      []bool{false, true},
		Cursor:     m.source,
		ShowCursor: true,
		HeadStyle:  m.c.Styles.TableHead, SelectedStyle: m.c.Styles.Selected,
	}
	for _, tb := range m.tables() {
		rows := widget.Count(tb.Rows)
		switch {
		case tb.Kind != portraitKind:
		case m.tagsErr != nil:
			rows = tr.T(i18n.DataTagsFailed)
		case m.tags == nil:
			rows = "…"
		}
		t.Rows = append(t.Rows, []string{tb.Name, rows})
	}
	return t.Render(w, h)
}

func (m *Model) columnsTitle() string {
	tables := m.tables()
	if len(tables) == 0 {
		return ""
	}
	tb := tables[m.source]
	return m.c.Tr.F(i18n.DataColumnsOf, tb.Name) + " · " + kindLabel(m.c.Tr, tb.Kind)
}

func (m *Model) columnsView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	if m.describeErr != nil {
		return st.Error.Render(common.ErrorText(tr, m.describeErr))
	}
	if m.isPortrait(m.source) && m.tagsErr != nil {
		return lipgloss.NewStyle().Width(w).Render(st.Error.Render(common.ErrorText(tr, m.tagsErr)))
	}
	if m.isPortrait(m.source) && m.tags == nil {
		return st.Muted.Render(tr.T(i18n.DataTagsBuilding))
	}
	if m.described.columns == nil {
		return st.Muted.Render(tr.T(i18n.Loading))
	}
	filterLine := m.filter.View(w)
	if filterLine != "" {
		h--
	}
	t := widget.Table{
		Head:       []string{tr.T(i18n.ColName), tr.T(i18n.ColType), tr.T(i18n.ColNull), tr.T(i18n.ColDistinct), tr.T(i18n.ColMin), tr.T(i18n.ColMax)},
		Right:      []bool{false, false, true, true, false, false},
		Flex:       []bool{false, true, false, false, true, true},
		Cursor:     m.column,
		ShowCursor: m.focus == paneColumns,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, c := range m.visibleColumns() {
		t.Rows = append(t.Rows, []string{c.Name, c.Type, widget.Percent(c.NullShare), distinctText(c), c.Min, c.Max})
	}
	body := t.Render(w, h)
	if len(t.Rows) == 0 {
		body = st.Muted.Render(tr.T(i18n.FilterNoMatch))
	}
	if filterLine != "" {
		body = widget.Block(body, w, h) + "\n" + filterLine
	}
	return body
}

func (m *Model) previewView(w, h int) string {
	p := m.described.preview
	if p.Columns == nil {
		return ""
	}
	t := widget.Table{
		Head: p.Columns, Rows: p.Values, Cursor: m.previewRow, ShowCursor: m.focus == panePreview,
		HeadStyle: m.c.Styles.TableHead, SelectedStyle: m.c.Styles.Selected,
	}
	return t.Render(w, h)
}

// warningsLine shows the loader's plausibility warnings, the first in full and how many more
// (seglab describe lists them all); "" when there are none.
func (m *Model) warningsLine() string {
	w, ok := m.c.Session.(backend.Warner)
	if !ok {
		return ""
	}
	ws := w.Warnings(string(m.c.Tr.Lang))
	if len(ws) == 0 {
		return ""
	}
	line := "! " + ws[0]
	if len(ws) > 1 {
		line = m.c.Tr.F(i18n.DataWarningsMore, len(ws)-1) + " " + line
	}
	return m.c.Styles.Warning.Render(line)
}

// contractView shows the export contract in the screen: each kind of export with its
// columns, the Chinese header, the other wordings accepted and whether it is required,
// scrolled to contractTop.
func (m *Model) contractView() string {
	st, tr := m.c.Styles, m.c.Tr
	c, _ := m.c.Session.(backend.Contractor)
	lines := []string{st.Title.Render(tr.T(i18n.DataContractTitle)), st.Muted.Render(widget.Wrap(tr.T(i18n.DataContractIntro), m.width))}
	for _, k := range c.Contract() {
		lines = append(lines, "", st.TableHead.Render(k.Title+" · "+k.Kind))
		for _, f := range k.Columns {
			req := tr.T(i18n.DataContractOptional)
			if f.Required {
				req = tr.T(i18n.DataContractRequired)
			}
			line := fmt.Sprintf("  %s  %s  %s · %s", widget.Fit(f.Chinese, 14), widget.Fit(f.Name, 22), req, f.Type)
			if len(f.Also) > 0 {
				line += st.Muted.Render("  " + tr.F(i18n.DataContractAlso, strings.Join(f.Also, " / ")))
			}
			lines = append(lines, widget.Truncate(line, m.width))
		}
	}
	m.contractTop = min(m.contractTop, max(len(lines)-m.height, 0))
	return widget.Block(strings.Join(lines[m.contractTop:], "\n"), m.width, m.height)
}

// distinctText is a column's distinct count, "≈" before an estimate.
func distinctText(c backend.Column) string {
	if c.DistinctEstimated {
		return "≈" + widget.Count(c.Distinct)
	}
	return widget.Count(c.Distinct)
}
