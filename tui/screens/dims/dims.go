// Package dims is screen 2 of the workbench: choosing the wide-table dimensions to segment
// on, with their transform, weight and the scaling, the share of missing values of each, and
// a correlation heat map of the chosen ones that warns about pairs above |r| = 0.8.
package dims

import (
	"context"
	"math"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// weights are the weights a dimension can take, in the order + steps through them.
var weights = []float64{0.5, 1, 1.5, 2, 2.5, 3}

// defaultWeight indexes weights: 1.
const defaultWeight = 1

// nearestWeight indexes the weight closest to w (0 means 1).
func nearestWeight(w float64) int {
	if w == 0 {
		return defaultWeight
	}
	best := 0
	for i, v := range weights {
		if math.Abs(v-w) < math.Abs(weights[best]-w) {
			best = i
		}
	}
	return best
}

// Scaling is how the chosen dimensions are put on one scale before clustering.
type Scaling = backend.Scaling

// The scalings, in the order the s key cycles through them.
const (
	ScaleZ       = backend.ScaleZ
	ScaleRobust  = backend.ScaleRobust
	ScaleMinMax  = backend.ScaleMinMax
	scalingCount = backend.ScalingCount
)

// missingShares maps a wide-table column to its share of missing values.
type missingShares map[string]float64

// correlation is a correlation matrix and the dimensions, in order, it is for.
type correlation struct {
	dims []backend.Dimension
	r    [][]float64
}

// Keys are the Dimensions screen's own keys.
type Keys struct {
	keys.List
	Toggle     key.Binding
	Transform  key.Binding
	WeightUp   key.Binding
	WeightDown key.Binding
	Scaling    key.Binding
	Input      keys.Input
}

// choice is what the user set for one feature.
type choice struct {
	chosen    bool
	transform backend.Transform
	weight    int // index into weights
}

// Model is the Dimensions screen.
type Model struct {
	c    *common.Context
	keys Keys

	width, height int
	cursor        int // in the filtered list
	filter        widget.Filter

	choices map[string]*choice

	missingRun task.ID
	missing    missingShares
	missingErr error

	corrRun task.ID
	corr    correlation
	corrErr error
}

// New returns the Dimensions screen over the shared context c.
func New(c *common.Context) *Model {
	tr := c.Tr
	return &Model{
		c: c,
		keys: Keys{
			List:       keys.NewList(tr),
			Toggle:     key.NewBinding(key.WithKeys(" "), key.WithHelp("space", tr.T(i18n.HelpToggle))),
			Transform:  key.NewBinding(key.WithKeys("t"), key.WithHelp("t", tr.T(i18n.HelpTransform))),
			WeightUp:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", tr.T(i18n.HelpWeightUp))),
			WeightDown: key.NewBinding(key.WithKeys("-"), key.WithHelp("-", tr.T(i18n.HelpWeightDown))),
			Scaling:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", tr.T(i18n.HelpScaling))),
			Input:      keys.NewInput(tr),
		},
		filter:  widget.NewFilter(tr.T(i18n.FilterPrompt)),
		choices: map[string]*choice{},
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Capturing implements common.Capturer: true while the filter is typed into.
func (m *Model) Capturing() bool { return m.filter.Typing() }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.Capturing() {
		return []key.Binding{m.keys.Input.Apply, m.keys.Input.Dismiss}
	}
	return []key.Binding{m.keys.Toggle, m.keys.Transform, m.keys.WeightUp, m.keys.WeightDown, m.keys.Scaling, m.keys.Filter}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.Filter},
		{m.keys.Toggle, m.keys.Transform, m.keys.WeightUp, m.keys.WeightDown, m.keys.Scaling},
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SessionChangedMsg:
		m.choices, m.cursor = map[string]*choice{}, 0
		m.missing, m.missingErr, m.corr, m.corrErr = nil, nil, correlation{}, nil
		for _, d := range m.c.Dimensions { // a suggested starting set, when the session made one
			ch := m.choice(d.Name)
			ch.chosen, ch.transform = true, d.Transform
			ch.weight = nearestWeight(d.Weight)
		}
		m.c.Dimensions = m.chosen()
		return m, tea.Batch(m.describeWide(), m.correlate())
	case common.PopulationChangedMsg:
		return m, m.correlate()
	case task.Result[missingShares]:
		if msg.Run == m.missingRun {
			m.missing, m.missingErr = msg.Value, msg.Err
		}
	case task.Result[correlation]:
		if msg.Run == m.corrRun {
			m.corr, m.corrErr = msg.Value, msg.Err
		}
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
		m.cursor = 0
		return nil
	}
	visible := m.visible()
	if len(visible) == 0 {
		if key.Matches(msg, m.keys.Filter) {
			m.filter.Open()
		}
		return nil
	}
	f := visible[m.cursor]
	ch := m.choice(f.Name)
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.Filter):
		m.filter.Open()
	case key.Matches(msg, m.keys.Toggle):
		ch.chosen = !ch.chosen
		return m.changed()
	case key.Matches(msg, m.keys.Transform):
		if f.Categorical { // one-hot: no transform applies
			return nil
		}
		ch.transform = ch.transform.Next()
		return m.changed()
	case key.Matches(msg, m.keys.WeightUp):
		ch.weight = min(ch.weight+1, len(weights)-1)
		return m.reweighted()
	case key.Matches(msg, m.keys.WeightDown):
		ch.weight = max(ch.weight-1, 0)
		return m.reweighted()
	case key.Matches(msg, m.keys.Scaling):
		m.c.Scaling = (m.c.Scaling + 1) % scalingCount
		return m.reweighted()
	}
	return nil
}

// reweighted records a changed weight or scaling, which changes no correlation.
func (m *Model) reweighted() tea.Cmd {
	m.c.Dimensions = m.chosen()
	m.c.Unsaved = true
	return common.Broadcast(common.DimensionsChangedMsg{})
}

func (m *Model) move(delta int) {
	m.cursor = min(max(m.cursor+delta, 0), max(len(m.visible())-1, 0))
}

func (m *Model) choice(name string) *choice {
	ch, ok := m.choices[name]
	if !ok {
		ch = &choice{weight: defaultWeight}
		m.choices[name] = ch
	}
	return ch
}

// features returns the catalogue, or nothing before the session is open.
func (m *Model) features() []backend.Feature {
	if m.c.Session == nil {
		return nil
	}
	return m.c.Session.Features()
}

// visible returns the features that pass the filter, on their label in both languages or
// their column name.
func (m *Model) visible() []backend.Feature {
	var out []backend.Feature
	for _, f := range m.features() {
		if m.filter.Match(f.Name, f.LabelEN, f.LabelZH) {
			out = append(out, f)
		}
	}
	return out
}

// chosen returns the chosen dimensions in catalogue order.
func (m *Model) chosen() []backend.Dimension {
	var out []backend.Dimension
	for _, f := range m.features() {
		if ch, ok := m.choices[f.Name]; ok && ch.chosen {
			out = append(out, backend.Dimension{Name: f.Name, Transform: ch.transform, Weight: weights[ch.weight]})
		}
	}
	return out
}

// numericChosen returns the chosen numeric dimensions: those the correlation is computed
// on and the heat map numbers.
func (m *Model) numericChosen() []backend.Dimension {
	categorical := map[string]bool{}
	for _, f := range m.features() {
		categorical[f.Name] = f.Categorical
	}
	var out []backend.Dimension
	for _, d := range m.chosen() {
		if !categorical[d.Name] {
			out = append(out, d)
		}
	}
	return out
}

// changed records a changed choice of dimensions and recomputes their correlation.
func (m *Model) changed() tea.Cmd {
	m.c.Dimensions = m.chosen()
	m.c.Unsaved = true
	return tea.Batch(m.correlate(), common.Broadcast(common.DimensionsChangedMsg{}))
}

// describeWide starts reading the missing-value share of every wide-table column.
func (m *Model) describeWide() tea.Cmd {
	s := m.c.Session
	if s == nil {
		return nil
	}
	var cmd tea.Cmd
	m.missingRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.F(i18n.TaskDescribe, "wide"),
		func(ctx context.Context, _ task.Report) (missingShares, error) {
			cols, err := s.Describe(ctx, "wide")
			shares := missingShares{}
			for _, c := range cols {
				shares[c.Name] = c.NullShare
			}
			return shares, err
		})
	return cmd
}

// correlate starts computing the correlation of the chosen dimensions over the population,
// cancelling a computation still running; with fewer than two there is nothing to compute.
func (m *Model) correlate() tea.Cmd {
	m.c.Tasks.Cancel(m.corrRun)
	m.corrRun, m.corr, m.corrErr = 0, correlation{}, nil
	dims, s, pop := m.numericChosen(), m.c.Session, m.c.Population
	if len(dims) < 2 || s == nil {
		return nil
	}
	var cmd tea.Cmd
	m.corrRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskCorr),
		func(ctx context.Context, _ task.Report) (correlation, error) {
			r, err := s.Correlation(ctx, dims, pop)
			return correlation{dims: dims, r: r}, err
		})
	return cmd
}

// label returns the feature's label in the interface language.
func (m *Model) label(f backend.Feature) string {
	return m.c.Tr.Pick(f.LabelEN, f.LabelZH, f.Name)
}

// View implements tea.Model.
func (m *Model) View() string {
	st, tr := m.c.Styles, m.c.Tr
	if m.c.Session == nil {
		msg := common.NotOpen(m.c, i18n.DataNotLoaded)
		return widget.Block(st.Muted.Render(msg), m.width, m.height)
	}
	// The list is where the work happens: on narrow terminals it keeps room for readable
	// labels and the heat map shows the dimensions that fit.
	left := m.width * 3 / 5
	if m.width < narrowWidth {
		left = max(left, m.width-narrowHeatWidth)
	}
	list := widget.Pane(m.c.Styles, true, tr.T(i18n.DimsFeatures), left, m.height, m.listView)
	heat := widget.Pane(m.c.Styles, false, tr.T(i18n.DimsCorr), m.width-left, m.height, m.corrView)
	return widget.Block(lipgloss.JoinHorizontal(lipgloss.Top, list, heat), m.width, m.height)
}

// Below narrowWidth columns the correlation pane is held to narrowHeatWidth columns.
const (
	narrowWidth     = 120
	narrowHeatWidth = 26
)
