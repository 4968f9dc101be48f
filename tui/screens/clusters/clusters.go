// Package clusters is screen 3 of the workbench: the k sweep (k-means for k = 2..7 on the
// chosen dimensions and population) with its progress, the measures of every k, the elbow
// and silhouette charts and the recommended k; then the fit of the chosen k, which gives
// every customer of the population a segment and stores it in the shared context and the
// session.
package clusters

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/engine/segviews"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// Keys are the Clusters screen's own keys.
type Keys struct {
	keys.List
	Run   key.Binding // Enter: run the sweep, or fit the chosen k once there is one
	Again key.Binding // r: run the sweep again
	Fit   key.Binding // f: fit the chosen k
	Views key.Binding // v: the fitted segments' views instead of the sweep's charts, and back
}

// Model is the Clusters screen.
type Model struct {
	c    *common.Context
	keys Keys

	width, height int

	sweepRun task.ID
	started  time.Time
	measured []backend.KMetrics // the k of the running sweep measured so far
	ksCh     chan []backend.KMetrics
	result   *backend.SweepResult
	sweepErr error
	stale    bool // dimensions or population changed since the result's sweep
	cursor   int  // index into result.Ks

	fitRun task.ID
	fitK   int
	fitErr error

	viewsRun  task.ID
	views     *segviews.Views       // the views of viewsFor
	viewsFor  *backend.Segmentation // the segmentation the views (or viewsErr) belong to
	viewsErr  error
	showViews bool // draw the views instead of the sweep's charts
}

// New returns the Clusters screen over the shared context c.
func New(c *common.Context) *Model {
	tr := c.Tr
	return &Model{
		c: c,
		keys: Keys{
			List:  keys.NewList(tr),
			Run:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr.T(i18n.HelpRunSweep))),
			Again: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", tr.T(i18n.HelpRunSweep))),
			Fit:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", tr.T(i18n.HelpFitK))),
			Views: key.NewBinding(key.WithKeys("v"), key.WithHelp("v", tr.T(i18n.HelpSegmentViews))),
		},
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.result == nil {
		return []key.Binding{m.keys.Run}
	}
	up := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", m.c.Tr.T(i18n.HelpChooseK)))
	if m.c.Segmentation != nil {
		return []key.Binding{up, m.keys.Fit, m.keys.Views, m.keys.Again}
	}
	return []key.Binding{up, m.keys.Fit, m.keys.Again}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Run, m.keys.Again}, {m.keys.Up, m.keys.Down, m.keys.Fit, m.keys.Views}}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SessionChangedMsg:
		m.c.Tasks.Cancel(m.sweepRun)
		m.c.Tasks.Cancel(m.fitRun)
		m.c.Tasks.Cancel(m.viewsRun)
		*m = Model{c: m.c, keys: m.keys, width: m.width, height: m.height}
		m.c.Segmentation = nil
	case common.DimensionsChangedMsg, common.PopulationChangedMsg:
		if m.result != nil {
			m.stale = true
		}
	case measuredMsg:
		if msg.run != m.sweepRun {
			return m, nil
		}
		m.measured = msg.ks
		return m, listenMeasured(msg.run, m.ksCh)
	case task.Result[*backend.SweepResult]:
		if msg.Run != m.sweepRun {
			return m, nil
		}
		m.sweepRun, m.ksCh = 0, nil
		m.sweepErr = msg.Err
		if msg.Err == nil {
			m.result, m.stale, m.cursor, m.measured = msg.Value, false, 0, nil
			for i, k := range msg.Value.Ks {
				if k.K == msg.Value.Recommended {
					m.cursor = i
				}
			}
		}
	case task.Result[*backend.Segmentation]:
		if msg.Run != m.fitRun {
			return m, nil
		}
		m.fitRun, m.fitErr = 0, msg.Err
		if msg.Err == nil {
			m.c.Segmentation = msg.Value
			m.c.Unsaved = true
			m.viewsFor, m.views, m.viewsErr = nil, nil, nil
			if m.showViews {
				return m, tea.Batch(common.Broadcast(common.SegmentedMsg{}), m.computeViews())
			}
			return m, common.Broadcast(common.SegmentedMsg{})
		}
	case backend.SegmentsEditedMsg: // renamed or merged on Profiles: the views shown follow
		if m.showViews && m.c.Segmentation != m.viewsFor {
			return m, m.computeViews()
		}
	case task.Result[*segviews.Views]:
		if msg.Run != m.viewsRun {
			return m, nil
		}
		m.viewsRun, m.views, m.viewsErr = 0, msg.Value, msg.Err
	case tea.KeyMsg:
		return m, m.key(msg)
	case tea.MouseMsg:
		m.move(widget.Wheel(msg))
	}
	return m, nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.Again):
		return m.sweep()
	case key.Matches(msg, m.keys.Run):
		if m.result == nil || m.stale {
			return m.sweep()
		}
		return m.fit()
	case key.Matches(msg, m.keys.Fit):
		return m.fit()
	case key.Matches(msg, m.keys.Views):
		if m.c.Segmentation == nil {
			return nil
		}
		m.showViews = !m.showViews
		if m.showViews && m.viewsFor != m.c.Segmentation { // merged or renamed since
			return m.computeViews()
		}
	}
	return nil
}

// computeViews starts computing the views of the current segmentation, when the session
// can, cancelling a computation still running for an earlier one.
func (m *Model) computeViews() tea.Cmd {
	v, ok := m.c.Session.(backend.Viewer)
	seg := m.c.Segmentation
	if !ok || seg == nil {
		return nil
	}
	m.c.Tasks.Cancel(m.viewsRun)
	m.viewsFor, m.views, m.viewsErr = seg, nil, nil
	var cmd tea.Cmd
	m.viewsRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskViews),
		func(ctx context.Context, _ task.Report) (*segviews.Views, error) { return v.Views(ctx, seg) })
	return cmd
}

func (m *Model) move(delta int) {
	if m.result != nil {
		m.cursor = min(max(m.cursor+delta, 0), max(len(m.result.Ks)-1, 0))
	}
}

// segmenter returns the session as a Segmenter, or nil.
func (m *Model) segmenter() backend.Segmenter {
	if m.c.Session == nil {
		return nil
	}
	s, _ := m.c.Session.(backend.Segmenter)
	return s
}

// sweep starts the k sweep on the chosen dimensions and population, cancelling one still
// running; its steps go to the task board, where the view reads them.
func (m *Model) sweep() tea.Cmd {
	s := m.segmenter()
	if s == nil || len(m.c.Dimensions) == 0 || m.running() {
		return nil
	}
	m.c.Tasks.Cancel(m.sweepRun)
	req := backend.SegmentRequest{
		Dimensions: append([]backend.Dimension(nil), m.c.Dimensions...),
		Scaling:    m.c.Scaling, Population: m.c.Population,
	}
	tr := m.c.Tr
	m.sweepErr, m.fitErr, m.measured = nil, nil, nil
	m.started = time.Now()
	// Every step carries all the k measured so far, so the channel keeps only the latest.
	ks := make(chan []backend.KMetrics, 1)
	var cmd tea.Cmd
	m.sweepRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, tr.T(i18n.TaskSweep),
		func(ctx context.Context, report task.Report) (*backend.SweepResult, error) {
			defer close(ks)
			var sent []backend.KMetrics
			return s.Sweep(ctx, req, func(st backend.SweepStep) {
				report(task.Step{Label: stageLabel(tr, st), Done: st.Done, Total: st.Total})
				// A new list: one more k fitted, or the last one done.
				if n := len(st.Ks); n > 0 && (n != len(sent) || st.Ks[n-1].Pending != sent[n-1].Pending) {
					sent = st.Ks
					select { // drop the unread older list
					case <-ks:
					default:
					}
					ks <- st.Ks
				}
			})
		})
	m.ksCh = ks
	return tea.Batch(cmd, listenMeasured(m.sweepRun, ks))
}

// measuredMsg carries the k that run has measured so far.
type measuredMsg struct {
	run task.ID
	ks  []backend.KMetrics
}

// listenMeasured waits for the next list of measured k of run; it ends with the run.
func listenMeasured(run task.ID, ks <-chan []backend.KMetrics) tea.Cmd {
	return func() tea.Msg {
		l, ok := <-ks
		if !ok {
			return nil
		}
		return measuredMsg{run: run, ks: l}
	}
}

// running reports whether a sweep or a fit is in flight.
func (m *Model) running() bool { return m.sweepRun != 0 || m.fitRun != 0 }

// fit starts fitting the chosen k: the sweep's fit of k scores every customer.
func (m *Model) fit() tea.Cmd {
	s := m.segmenter()
	if s == nil || m.result == nil || m.stale || m.running() {
		return nil
	}
	sw, k := m.result, m.result.Ks[m.cursor].K
	m.fitK, m.fitErr = k, nil
	var cmd tea.Cmd
	m.fitRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.F(i18n.TaskSegment, k),
		func(ctx context.Context, _ task.Report) (*backend.Segmentation, error) {
			return s.Segment(ctx, sw, k)
		})
	return cmd
}

// stageLabel says in words what a sweep step is doing.
func stageLabel(tr i18n.Tr, st backend.SweepStep) string {
	switch st.Stage {
	case backend.StageRead:
		return tr.T(i18n.ClustersStageRead)
	case backend.StageFit:
		return tr.F(i18n.ClustersStageFit, st.K)
	case backend.StageBootstrap:
		return tr.F(i18n.ClustersStageBoot, st.Bootstrap+1, st.K)
	case backend.StageSilhouette:
		return tr.T(i18n.ClustersStageSil)
	}
	return tr.T(i18n.ClustersStageDone)
}
