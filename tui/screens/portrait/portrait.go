// Package portrait is the customer-portrait view of the workbench, reached from the Data
// screen: three tabs over engine/portrait —
//
//   - Value: the AHP weights of the six big-customer value dimensions with λmax, CI, RI, CR
//     and the verdict, and the ranking of the business customers (score, the six normalised
//     dimensions, the top 20 % marked ★), filtered with / and scrolled;
//   - Payment behaviour: the payment-behaviour segments of the residential customers (share,
//     timing mix, mean days before the due date, main channel family) and the traits of the
//     segment under the cursor from their profile;
//   - Business: business customers by tier and GB/T 4754 section (customers, kWh, bills,
//     arrears, credit-grade mix).
//
// Each tab is computed in a background run the first time it is shown, with a spinner; Esc
// cancels the run (the root cancels the latest run), results of runs no longer waited for
// are dropped, and failures are said in plain words. The view is not a screen of its own: the
// Data screen holds it, hands it its keys while it shows, and every run result.
package portrait

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"

	engine "github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// Tab is one of the view's tabs.
type Tab int

// The tabs, in the order ←/→ cycles through them.
const (
	TabValue Tab = iota
	TabPayment
	TabBusiness
	tabCount
)

// job is the state of one tab's computation.
type job[T any] struct {
	run     task.ID // the run in flight; zero when none
	started bool    // a run was started since the session opened
	result  T
	err     error
}

func (j *job[T]) reset(c *common.Context) {
	c.Tasks.Cancel(j.run)
	*j = job[T]{}
}

// take keeps res when it belongs to the run waited for, and reports whether it did.
func (j *job[T]) take(res task.Result[T]) bool {
	if res.Run == 0 || res.Run != j.run {
		return false
	}
	j.run, j.result, j.err = 0, res.Value, res.Err
	return true
}

// Keys are the view's keys.
type Keys struct {
	keys.List
	Back     key.Binding // Esc or the key that opened the view
	PageUp   key.Binding
	PageDown key.Binding
	Rerun    key.Binding
	Input    keys.Input
}

// Model is the portrait view.
type Model struct {
	c    *common.Context
	keys Keys

	width, height int
	tab           Tab
	cursor        [tabCount]int
	filter        widget.Filter
	back          bool // a key asked to go back to the Data view

	value    job[*engine.ValueResult]
	payment  job[*engine.PaymentResult]
	business job[*engine.BusinessResult]

	spin spinner.Model // drawn beside a computation while one runs
}

// New returns the view over the shared context c; open is the key of the Data screen that
// opens it (it also closes it).
func New(c *common.Context, open key.Binding) *Model {
	tr := c.Tr
	list := keys.NewList(tr)
	list.Focus = key.NewBinding(key.WithKeys("right", "left", "l", "h"), key.WithHelp("←/→", tr.T(i18n.HelpTabs)))
	return &Model{
		c: c,
		keys: Keys{
			List:     list,
			Back:     key.NewBinding(key.WithKeys(append([]string{"esc"}, open.Keys()...)...), key.WithHelp("esc/"+open.Help().Key, tr.T(i18n.HelpBack))),
			PageUp:   key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup/pgdn", tr.T(i18n.HelpPage))),
			PageDown: key.NewBinding(key.WithKeys("pgdown", "ctrl+f", " ")),
			Rerun:    key.NewBinding(key.WithKeys("r"), key.WithHelp("r", tr.T(i18n.HelpRerun))),
			Input:    keys.NewInput(tr),
		},
		filter: widget.NewFilter(tr.T(i18n.FilterPrompt)),
		spin:   spinner.New(spinner.WithSpinner(spinner.Dot)),
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Capturing implements common.Capturer: true while the ranking filter is typed into.
func (m *Model) Capturing() bool { return m.filter.Typing() }

// Tab returns the tab shown.
func (m *Model) Tab() Tab { return m.tab }

// TakeBack reports whether a key asked to go back to the Data view since the last call.
func (m *Model) TakeBack() bool {
	b := m.back
	m.back = false
	return b
}

// Reset forgets every result and cancels the runs in flight: the session changed.
func (m *Model) Reset() {
	m.value.reset(m.c)
	m.payment.reset(m.c)
	m.business.reset(m.c)
	m.cursor = [tabCount]int{}
	m.filter = widget.NewFilter(m.c.Tr.T(i18n.FilterPrompt))
	m.tab = TabValue
}

// Open shows the view: it computes the shown tab if it never was.
func (m *Model) Open() tea.Cmd {
	m.back = false
	return m.ensure()
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.Capturing() {
		return []key.Binding{m.keys.Input.Apply, m.keys.Input.Dismiss}
	}
	b := []key.Binding{m.keys.Focus, m.keys.Back}
	if m.tab == TabValue {
		b = append(b, m.keys.Filter)
	}
	return append(b, m.keys.Rerun, m.keys.Up, m.keys.Down)
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Focus, m.keys.Up, m.keys.Down, m.keys.PageUp},
		{m.keys.Filter, m.keys.Rerun, m.keys.Back},
	}
}

// Running reports whether the shown tab is being computed.
func (m *Model) Running() bool {
	switch m.tab {
	case TabValue:
		return m.value.run != 0
	case TabPayment:
		return m.payment.run != 0
	}
	return m.business.run != 0
}

func (m *Model) anyRunning() bool {
	return m.value.run != 0 || m.payment.run != 0 || m.business.run != 0
}

// Update implements tea.Model. Keys are for the view only while it shows; run results and
// ticks are taken whenever they come.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case task.Result[*engine.ValueResult]:
		m.value.take(msg)
	case task.Result[*engine.PaymentResult]:
		m.payment.take(msg)
	case task.Result[*engine.BusinessResult]:
		m.business.take(msg)
	case spinner.TickMsg:
		if msg.ID != m.spin.ID() || !m.anyRunning() {
			return m, nil // another spinner's, or nothing left to spin for
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		m.move(widget.Wheel(msg))
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	if m.filter.Typing() {
		m.filter.Update(msg)
		m.cursor[TabValue] = 0
		return nil
	}
	var cmd tea.Cmd
	switch {
	case msg.Type == tea.KeyEsc && m.tab == TabValue && m.filter.Query() != "":
		m.filter.Open()
		m.filter.Update(msg) // Esc clears the applied query
		m.cursor[TabValue] = 0
	case key.Matches(msg, m.keys.Back):
		m.back = true
	case key.Matches(msg, m.keys.Focus):
		step := tabCount - 1
		if msg.String() == "right" || msg.String() == "l" {
			step = 1
		}
		m.tab = (m.tab + step) % tabCount
		cmd = m.ensure()
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.move(-m.page())
	case key.Matches(msg, m.keys.PageDown):
		m.move(m.page())
	case key.Matches(msg, m.keys.Filter) && m.tab == TabValue:
		m.filter.Open()
	case key.Matches(msg, m.keys.Rerun):
		cmd = m.start(m.tab)
	}
	if cmd == nil && m.anyRunning() {
		cmd = m.spin.Tick // a tick chain may have been lost while another screen showed; a second one is dropped
	}
	return cmd
}

// page is how far pgup/pgdn move: about the height of a table.
func (m *Model) page() int { return max(m.height-8, 1) }

// move moves the cursor of the shown tab by delta rows.
func (m *Model) move(delta int) {
	n := m.rows(m.tab)
	m.cursor[m.tab] = min(max(m.cursor[m.tab]+delta, 0), max(n-1, 0))
}

// ensure starts the shown tab's computation unless it was started before.
func (m *Model) ensure() tea.Cmd {
	started := map[Tab]bool{TabValue: m.value.started, TabPayment: m.payment.started, TabBusiness: m.business.started}[m.tab]
	if started {
		return nil
	}
	return m.start(m.tab)
}

// start computes tab t in the background, cancelling its run still in flight.
func (m *Model) start(t Tab) tea.Cmd {
	p, ok := backend.PortraitOf(m.c.Session)
	if !ok {
		return nil
	}
	tr := m.c.Tr
	m.cursor[t] = 0
	var cmd tea.Cmd
	switch t {
	case TabValue:
		m.value.reset(m.c)
		m.value.started = true
		m.value.run, cmd = task.Start(m.c.Tasks, m.c.Ctx, tr.T(i18n.TaskValue),
			func(ctx context.Context, _ task.Report) (*engine.ValueResult, error) { return p.PortraitValue(ctx) })
	case TabPayment:
		m.payment.reset(m.c)
		m.payment.started = true
		m.payment.run, cmd = task.Start(m.c.Tasks, m.c.Ctx, tr.T(i18n.TaskPayment),
			func(ctx context.Context, report task.Report) (*engine.PaymentResult, error) {
				return p.PortraitPayment(ctx, report)
			})
	case TabBusiness:
		m.business.reset(m.c)
		m.business.started = true
		m.business.run, cmd = task.Start(m.c.Tasks, m.c.Ctx, tr.T(i18n.TaskBusiness),
			func(ctx context.Context, _ task.Report) (*engine.BusinessResult, error) {
				return p.PortraitBusiness(ctx)
			})
	}
	return tea.Batch(cmd, m.spin.Tick)
}

// rows returns how many rows the table of tab t has.
func (m *Model) rows(t Tab) int {
	switch t {
	case TabValue:
		return len(m.visibleRanking())
	case TabPayment:
		if r := m.payment.result; r != nil {
			return len(r.Segments)
		}
	case TabBusiness:
		return len(m.businessRows())
	}
	return 0
}

// visibleRanking returns the ranking rows the filter keeps.
func (m *Model) visibleRanking() []engine.ValueRow {
	r := m.value.result
	if r == nil {
		return nil
	}
	if m.filter.Query() == "" {
		return r.Ranking
	}
	var out []engine.ValueRow
	for _, row := range r.Ranking {
		if m.filter.Match(row.CustomerID) {
			out = append(out, row)
		}
	}
	return out
}
