package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/screens/clusters"
	"github.com/seglab/seglab/tui/screens/compare"
	"github.com/seglab/seglab/tui/screens/data"
	"github.com/seglab/seglab/tui/screens/definitions"
	"github.com/seglab/seglab/tui/screens/dims"
	"github.com/seglab/seglab/tui/screens/profiles"
	"github.com/seglab/seglab/tui/styles"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// model is the root of the workbench: it routes messages to the screens and draws the
// header, the status bar and the help around the active one.
type model struct {
	c       *common.Context
	keys    keys.Global
	screens []common.Component
	titles  []i18n.Key
	active  int

	help       help.Model
	showHelp   bool
	confirming bool // asking whether to quit with unsaved work
	spinner    spinner.Model
	spinning   bool

	open    backend.Opener
	paths   []string
	openRun task.ID
}

// newModel builds the workbench that opens paths with open, in language lang.
func newModel(ctx context.Context, lang i18n.Lang, st *styles.Styles, open backend.Opener, paths []string) *model {
	tr := i18n.Tr{Lang: lang}
	c := &common.Context{Ctx: ctx, Styles: st, Tr: tr, Tasks: &task.Board{}}
	h := help.New()
	h.Styles.ShortKey, h.Styles.FullKey = st.Title, st.Title
	h.Styles.ShortDesc, h.Styles.FullDesc = st.Muted, st.Muted
	store := profiles.NewStore() // the profile the Profiles and Compare screens share
	return &model{
		c:    c,
		keys: keys.NewGlobal(tr),
		screens: []common.Component{
			data.New(c),
			dims.New(c),
			clusters.New(c),
			profiles.New(c, store),
			compare.New(c, store),
			definitions.New(c),
		},
		titles:  []i18n.Key{i18n.TabData, i18n.TabDims, i18n.TabClusters, i18n.TabProfiles, i18n.TabCompare, i18n.TabDefs},
		help:    h,
		spinner: spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Title)),
		open:    open,
		paths:   paths,
	}
}

// Init starts opening the data in the background, so the first screen shows at once.
func (m *model) Init() tea.Cmd {
	open, paths := m.open, m.paths
	var cmd tea.Cmd
	m.openRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskOpen),
		func(ctx context.Context, report task.Report) (backend.Session, error) {
			return open(ctx, paths, report)
		})
	return tea.Batch(cmd, m.startSpinner())
}

// close releases the session, if one is open.
func (m *model) close() {
	if m.c.Session != nil {
		m.c.Session.Close()
		m.c.Session = nil
	}
}

// Update routes msg: sizes and shared changes to every screen, keys to the focused input or
// the global keys or the active screen, run results to every screen (each keeps only its
// own runs), everything else to the active screen.
func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.Width, m.c.Height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		return m, m.mouse(msg)
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			return m, m.toActive(msg) // a screen's own spinner
		}
		return m, m.tick(msg)
	case task.Result[backend.Session]:
		m.c.Tasks.Update(msg)
		return m, m.opened(msg)
	case task.ProgressMsg:
		return m, m.c.Tasks.Update(msg)
	case task.Finished:
		m.c.Tasks.Update(msg)
		return m, m.toAll(msg)
	case common.DimensionsChangedMsg:
		m.noteChange(common.ChangedDimensions)
		return m, m.toAll(msg)
	case common.SegmentedMsg:
		m.noteChange(common.ChangedSegmentation)
		return m, m.toAll(msg)
	case backend.SegmentsEditedMsg:
		m.noteChange(common.ChangedSegments)
		if msg.Segmentation != nil {
			m.c.Segmentation = msg.Segmentation
		}
		return m, m.toAll(msg)
	case common.SessionChangedMsg, common.PopulationChangedMsg:
		return m, m.toAll(msg)
	}
	return m, m.toActive(msg)
}

// noteChange records what kind of work a change left unsaved, when the screen that made it
// marked the work unsaved.
func (m *model) noteChange(c common.Changes) {
	if m.c.Unsaved {
		m.c.Changes |= c
	}
}

// quitQuestion names what is unsaved.
func (m *model) quitQuestion() string {
	tr := m.c.Tr
	var what []string
	if m.c.Changes&common.ChangedDimensions != 0 {
		what = append(what, tr.T(i18n.UnsavedDims))
	}
	if m.c.Changes&common.ChangedSegmentation != 0 && m.c.Segmentation != nil {
		what = append(what, tr.F(i18n.UnsavedSeg, m.c.Segmentation.K))
	}
	if m.c.Changes&common.ChangedSegments != 0 {
		what = append(what, tr.T(i18n.UnsavedEdits))
	}
	if len(what) == 0 {
		return tr.T(i18n.ConfirmQuit)
	}
	return tr.F(i18n.ConfirmQuitWhat, strings.Join(what, tr.T(i18n.ListSeparator)))
}

// key handles a key press.
func (m *model) key(msg tea.KeyMsg) tea.Cmd {
	if m.confirming {
		switch msg.String() {
		case "y", "Y", "ctrl+c":
			return tea.Quit
		case "n", "N", "esc", "q":
			m.confirming = false
		}
		return nil
	}
	if c, ok := m.screens[m.active].(common.Capturer); ok && c.Capturing() {
		return m.toActive(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		if m.c.Unsaved {
			m.confirming = true
			return nil
		}
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.showHelp = !m.showHelp
	case key.Matches(msg, m.keys.Next):
		m.switchTo((m.active + 1) % len(m.screens))
	case key.Matches(msg, m.keys.Prev):
		m.switchTo((m.active + len(m.screens) - 1) % len(m.screens))
	case key.Matches(msg, m.keys.Jump):
		m.switchTo(int(msg.Runes[0] - '1'))
	case key.Matches(msg, m.keys.Cancel) && m.showHelp:
		m.showHelp = false
	case key.Matches(msg, m.keys.Cancel) && m.c.Tasks.Busy():
		m.c.Tasks.CancelLatest()
	default:
		return m.toActive(msg)
	}
	return m.startSpinner()
}

// mouse switches screens on a click on a tab and hands every other mouse event (the wheel)
// to the active screen.
func (m *model) mouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && msg.Y == 0 {
		for i, r := range m.tabRanges() {
			if msg.X >= r[0] && msg.X < r[1] {
				m.switchTo(i)
			}
		}
		return nil
	}
	return m.toActive(msg)
}

// opened takes the result of opening the data.
func (m *model) opened(res task.Result[backend.Session]) tea.Cmd {
	if res.Run != m.openRun {
		if res.Value != nil {
			res.Value.Close()
		}
		return nil
	}
	m.c.Session, m.c.OpenErr = res.Value, res.Err
	m.c.Population, m.c.Dimensions, m.c.Segmentation = backend.Population{}, nil, nil
	if s, ok := res.Value.(backend.Suggester); ok {
		m.c.Population, m.c.Dimensions = s.Suggest()
	}
	return common.Broadcast(common.SessionChangedMsg{})
}

// tick advances the spinner while runs are in flight and lets it stop when none are.
func (m *model) tick(msg spinner.TickMsg) tea.Cmd {
	if !m.c.Tasks.Busy() {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spinner, cmd = m.spinner.Update(msg)
	return cmd
}

// startSpinner starts the spinner if runs are in flight and it is not turning yet.
func (m *model) startSpinner() tea.Cmd {
	if m.spinning || !m.c.Tasks.Busy() {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

func (m *model) switchTo(i int) {
	if i >= 0 && i < len(m.screens) {
		m.active = i
		m.showHelp = false
	}
}

// toActive hands msg to the active screen.
func (m *model) toActive(msg tea.Msg) tea.Cmd {
	s, cmd := m.screens[m.active].Update(msg)
	m.screens[m.active] = s.(common.Component)
	return tea.Batch(cmd, m.startSpinner())
}

// toAll hands msg to every screen.
func (m *model) toAll(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.screens)+1)
	for i, s := range m.screens {
		next, cmd := s.Update(msg)
		m.screens[i] = next.(common.Component)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(append(cmds, m.startSpinner())...)
}

// bodySize returns the cells left for a screen once the header, the status bar, the help
// line and the body's own frame are taken from the window.
func (m *model) bodySize() (int, int) {
	st := m.c.Styles
	w := m.c.Width - st.Body.GetHorizontalFrameSize()
	h := m.c.Height - (1 + st.Header.GetVerticalFrameSize()) - (1 + st.StatusBar.GetVerticalFrameSize()) -
		1 - st.Body.GetVerticalFrameSize()
	return max(w, 0), max(h, 0)
}

// layout tells every screen its size.
func (m *model) layout() {
	w, h := m.bodySize()
	for _, s := range m.screens {
		s.SetSize(w, h)
	}
	m.help.Width = w
}

// View draws the header, the active screen (or the help, or the quit question), the short
// help line and the status bar, in exactly the window's size.
func (m *model) View() string {
	if m.c.Width <= 0 || m.c.Height <= 0 {
		return ""
	}
	st := m.c.Styles
	w, h := m.bodySize()
	var body string
	switch {
	case m.confirming:
		body = widget.Confirm(st.Dialog, m.quitQuestion(), m.c.Tr.T(i18n.ConfirmQuitHint), w, h)
	case m.showHelp:
		body = m.help.FullHelpView(m.fullHelp())
	default:
		body = m.screens[m.active].View()
	}
	frame := []string{
		st.Header.Render(widget.Fit(m.tabs(), m.c.Width-st.Header.GetHorizontalFrameSize())),
		st.Body.Render(widget.Block(body, w, h)),
		widget.Fit(" "+m.help.ShortHelpView(m.shortHelp()), m.c.Width),
		st.StatusBar.Render(widget.Fit(m.status(), m.c.Width-st.StatusBar.GetHorizontalFrameSize())),
	}
	return widget.Block(strings.Join(frame, "\n"), m.c.Width, m.c.Height)
}

// tabLabel is the text of tab i: its digit and title, with the active one in brackets so
// that it shows without colour too.
func (m *model) tabLabel(i int) string {
	label := string(rune('1'+i)) + " " + m.c.Tr.T(m.titles[i])
	if i == m.active {
		return "[" + label + "]"
	}
	return " " + label + " "
}

// tabs draws the tab line.
func (m *model) tabs() string {
	var b strings.Builder
	for i := range m.screens {
		style := m.c.Styles.Tab
		if i == m.active {
			style = m.c.Styles.ActiveTab
		}
		b.WriteString(style.Render(m.tabLabel(i)))
	}
	return b.String()
}

// tabRanges returns the first and one-past-last column of every tab on the header line.
func (m *model) tabRanges() [][2]int {
	ranges := make([][2]int, len(m.screens))
	x := 0
	for i := range m.screens {
		style := m.c.Styles.Tab
		if i == m.active {
			style = m.c.Styles.ActiveTab
		}
		w := lipgloss.Width(m.tabLabel(i)) + style.GetHorizontalFrameSize()
		ranges[i] = [2]int{x, x + w}
		x += w
	}
	return ranges
}

// status draws the status bar: data source, state of the segmentation, background runs.
func (m *model) status() string {
	st, tr := m.c.Styles, m.c.Tr
	source := tr.T(i18n.StatusNoSource)
	if m.c.Session != nil {
		source = m.c.Session.Source()
	}
	parts := []string{
		st.StatusKey.Render(tr.T(i18n.AppName)),
		st.StatusValue.Render(tr.T(i18n.StatusSource) + ": " + source),
		st.StatusValue.Render(m.segmentation()),
	}
	if m.c.Unsaved {
		parts = append(parts, st.Warning.Render(tr.T(i18n.StatusUnsaved)))
	}
	parts = append(parts, m.runsView())
	return strings.Join(parts, " ")
}

// segmentation states the segmentation: "k = 5 fitted on 4,375 customers", or none yet.
func (m *model) segmentation() string {
	s := m.c.Segmentation
	if s == nil {
		return m.c.Tr.T(i18n.StatusNotSegmented)
	}
	return m.c.Tr.F(i18n.StatusSegmented, s.K, widget.Count(int64(len(s.IDs))))
}

// progressWidth is the width of the progress bar in the status bar.
const progressWidth = 10

// runsView shows the newest background run with a spinner and, when it reports a total, a
// progress bar; or "ready" when nothing runs.
func (m *model) runsView() string {
	st, tr := m.c.Styles, m.c.Tr
	runs := m.c.Tasks.Runs()
	if len(runs) == 0 {
		return st.Good.Render(tr.T(i18n.StatusIdle))
	}
	r := runs[len(runs)-1]
	line := m.spinner.View() + " " + r.Label
	if r.Step.Label != "" {
		line += ": " + r.Step.Label
	}
	if r.Step.Total > 0 {
		line += " " + widget.Bar(r.Step.Fraction(), progressWidth)
	}
	if len(runs) > 1 {
		line += " " + tr.F(i18n.StatusMoreTasks, len(runs)-1)
	}
	return line + " " + st.Muted.Render("(esc)")
}

func (m *model) shortHelp() []key.Binding {
	global := []key.Binding{m.keys.Jump, m.keys.Help, m.keys.Quit}
	if c, ok := m.screens[m.active].(common.Capturer); ok && c.Capturing() {
		global = nil
	}
	return append(m.screens[m.active].ShortHelp(), global...)
}

func (m *model) fullHelp() [][]key.Binding {
	return append([][]key.Binding{{m.keys.Jump, m.keys.Next, m.keys.Prev, m.keys.Cancel, m.keys.Help, m.keys.Quit}},
		m.screens[m.active].FullHelp()...)
}
