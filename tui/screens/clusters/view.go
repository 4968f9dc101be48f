package clusters

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// View implements tea.Model.
func (m *Model) View() string {
	st, tr := m.c.Styles, m.c.Tr
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }
	add(widget.Truncate(st.Title.Render(tr.T(i18n.ClustersTitle))+"  "+st.Muted.Render(m.setup()), m.width))
	switch {
	case m.c.Session == nil:
		msg := common.NotOpen(m.c, i18n.DataNotLoaded)
		add("", st.Muted.Render(widget.Wrap(msg, m.width)))
		return widget.Block(strings.Join(lines, "\n"), m.width, m.height)
	case m.segmenter() == nil:
		add("", st.Muted.Render(widget.Wrap(tr.T(i18n.ClustersNoEngine), m.width)))
		return widget.Block(strings.Join(lines, "\n"), m.width, m.height)
	}
	if m.sweepRun != 0 {
		add("", m.progressView())
		if n := len(m.measured); n > 0 { // the k fitted so far, while the others run
			add(m.table(m.measured, 0, false))
			if last := m.measured[n-1]; last.Pending {
				add(st.Muted.Render(widget.Wrap(tr.F(i18n.ClustersPending, last.K), m.width)))
			}
			return widget.Block(strings.Join(lines, "\n"), m.width, m.height)
		}
	} else if m.sweepErr != nil {
		add("", st.Error.Render(widget.Wrap(common.ErrorText(tr, m.sweepErr), m.width)))
	}
	if m.result == nil {
		if m.sweepRun == 0 {
			intro := tr.T(i18n.ClustersIntro)
			if len(m.c.Dimensions) == 0 {
				intro = tr.T(i18n.ClustersNoDims)
			}
			add("", widget.Wrap(intro, m.width))
		}
		return widget.Block(strings.Join(lines, "\n"), m.width, m.height)
	}
	add(m.resultView(m.height - lipgloss.Height(strings.Join(lines, "\n")))...)
	return widget.Block(strings.Join(lines, "\n"), m.width, m.height)
}

// setup describes what the sweep runs on: dimensions, scaling, population.
func (m *Model) setup() string {
	tr := m.c.Tr
	return tr.F(i18n.ClustersSetup, len(m.c.Dimensions), common.ScalingLabel(tr, m.c.Scaling), common.PopulationLabel(tr, m.c.Population))
}

// progressView shows the running sweep: stage, k, fits done, elapsed time and a bar.
func (m *Model) progressView() string {
	st, tr := m.c.Styles, m.c.Tr
	var step task.Step
	for _, r := range m.c.Tasks.Runs() {
		if r.ID == m.sweepRun {
			step = r.Step
		}
	}
	label := step.Label
	if label == "" {
		label = tr.T(i18n.ClustersStageRead)
	}
	elapsed := time.Since(m.started).Seconds()
	bar := widget.Bar(step.Fraction(), min(30, max(m.width/4, 5)))
	line := st.Title.Render(tr.T(i18n.ClustersRunning)) + " " + bar + " " + label + " · " +
		st.Muted.Render(tr.F(i18n.ClustersElapsed, step.Done, step.Total, elapsed)) + "  " + st.Muted.Render("(esc)")
	return lipgloss.NewStyle().Width(m.width).Render(line)
}

// resultView draws the finished sweep in h lines: a line on the rows, the table of k, the
// recommendation, the two charts and the state of the fit.
func (m *Model) resultView(h int) []string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.result
	sil := tr.F(i18n.ClustersSilSample, widget.Count(int64(r.SilhouetteRows)))
	rows := tr.F(i18n.ClustersRows, widget.Count(int64(r.Rows)), widget.Count(int64(r.Fitted)), widget.Count(int64(r.Rows-r.Fitted)), r.Elapsed.Seconds())
	var sample string // a line of its own, only when the sweep ran on a sample
	if r.SweptRows > 0 && r.SweptRows < r.Fitted {
		sample = tr.F(i18n.ClustersSweptSample, widget.Count(int64(r.SweptRows)))
	}
	if !r.SilhouetteExact {
		if sample != "" {
			sample += " · " + sil
		} else {
			rows += " · " + sil
		}
	}
	top := []string{st.Muted.Render(widget.Truncate(rows, m.width))}
	if sample != "" {
		top = append(top, st.Muted.Render(widget.Truncate(sample, m.width)))
	}
	if m.stale {
		top = append(top, st.Warning.Render(widget.Wrap(tr.T(i18n.ClustersStale), m.width)))
	}
	table := m.table(r.Ks, r.Recommended, true)
	reason := []string{st.Good.Render(tr.F(i18n.ClustersRecommended, r.Recommended)) + ": " + m.rule()}
	reason = strings.Split(widget.Wrap(reason[0], m.width), "\n")
	foot := []string{m.fitView()}
	if m.showViews && m.c.Segmentation != nil { // the views take the place of the rule and the charts
		out := append(top, table, "")
		rest := max(h-len(out)-len(foot), 1)
		out = append(out, strings.Split(m.segmentViews(m.width, rest), "\n")...)
		return append(out, foot...)
	}
	rest := h - len(top) - lipgloss.Height(table) - len(reason) - len(foot) - 1
	var charts []string
	if rest >= 5 {
		charts = strings.Split(m.charts(rest), "\n")
	}
	out := append(top, table)
	out = append(out, reason...)
	if len(charts) > 0 {
		out = append(out, "")
		out = append(out, charts...)
	}
	return append(out, foot...)
}

// table draws the measures of each of ks, the recommended one marked with ← and, with
// cursor, the chosen one highlighted; recommended is 0 while the sweep runs, and then the
// votes, which need every k, are not shown.
func (m *Model) table(ks []backend.KMetrics, recommended int, cursor bool) string {
	st, tr := m.c.Styles, m.c.Tr
	t := widget.Table{
		Head: []string{tr.T(i18n.ColK), tr.T(i18n.ColInertia), tr.T(i18n.ColSilhouette), tr.T(i18n.ColCH),
			tr.T(i18n.ColDB), tr.T(i18n.ColStability), tr.T(i18n.ColSmallest), tr.T(i18n.ColLargest), tr.T(i18n.ColVotes), tr.T(i18n.ColFitSeconds)},
		Right:      []bool{false, true, true, true, true, true, true, true, true, true},
		Cursor:     m.cursor,
		ShowCursor: cursor,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, k := range ks {
		mark := strconv.Itoa(k.K)
		if k.K == recommended {
			mark += " ←"
		} else if !k.Qualifies {
			mark += " !"
		}
		votes := "–" // counted once every k is measured
		if recommended != 0 {
			votes = strconv.Itoa(k.Votes)
		}
		sil, stab := num(k.Silhouette, 3), num(k.Stability, 3)
		if k.Pending {
			sil, stab = "…", "…" // being computed
		}
		t.Rows = append(t.Rows, []string{mark, fmt.Sprintf("%.1f", k.Inertia), sil, num(k.CalinskiHarabasz, 1),
			num(k.DaviesBouldin, 3), stab, widget.Percent(k.SmallestShare), widget.Percent(k.LargestShare),
			votes, fmt.Sprintf("%.2f", k.FitTime.Seconds())})
	}
	return t.Render(m.width, len(t.Rows)+1)
}

// num writes v with decimals, or "–" when it is not a number.
func num(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// rule gives the engine's reason for the recommended k in the session's language.
func (m *Model) rule() string {
	if m.c.Tr.Lang == i18n.ZH {
		return m.result.RuleZH
	}
	return m.result.RuleEN
}

// share writes a share bound as the engine does: 0.05 → "5 %".
func share(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v*100), "0"), ".") + " %"
}

// fitView says what became of the chosen k: fitting, fitted, failed, or how to fit it.
func (m *Model) fitView() string {
	st, tr := m.c.Styles, m.c.Tr
	switch {
	case m.fitRun != 0:
		return widget.Truncate(st.Muted.Render(tr.F(i18n.ClustersFitting, m.fitK)), m.width)
	case m.fitErr != nil:
		return widget.Truncate(st.Error.Render(common.ErrorText(tr, m.fitErr)), m.width)
	case m.c.Segmentation != nil && !m.stale:
		s := m.c.Segmentation
		return widget.Truncate(st.Good.Render(tr.F(i18n.ClustersFitted, s.K, widget.Count(int64(len(s.IDs))))), m.width)
	}
	return widget.Truncate(st.Muted.Render(tr.F(i18n.ClustersFitHint, share(m.result.MinShare), share(m.result.MaxShare))), m.width)
}

// charts draws the elbow (inertia against k) and the silhouette against k side by side in
// h lines.
func (m *Model) charts(h int) string {
	gap := 2
	w := (m.width - gap) / 2
	var inertia, silhouette []float64
	for _, k := range m.result.Ks {
		inertia = append(inertia, k.Inertia)
		silhouette = append(silhouette, k.Silhouette)
	}
	tr := m.c.Tr
	left := m.chart(tr.T(i18n.ClustersElbow), inertia, compact, w, h)
	right := m.chart(tr.T(i18n.ClustersSilChart), silhouette, func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }, m.width-gap-w, h)
	return lipgloss.JoinHorizontal(lipgloss.Top, left, strings.Repeat(" ", gap), right)
}

// compact writes a large number in at most five cells: 2950 → "2950", 52104 → "52.1k".
func compact(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e7:
		return strconv.FormatFloat(v/1e6, 'f', 0, 64) + "M"
	case a >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 1, 64) + "M"
	case a >= 1e5:
		return strconv.FormatFloat(v/1e3, 'f', 0, 64) + "k"
	case a >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

// chart draws one measure against k: a title, a line chart (ntcharts) with the chosen k
// marked @ and the other points o, and the k below their points, in exactly w×h cells.
func (m *Model) chart(title string, ys []float64, format func(float64) string, w, h int) string {
	st := m.c.Styles
	ks := m.result.Ks
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, y := range ys {
		if !math.IsNaN(y) {
			lo, hi = min(lo, y), max(hi, y)
		}
	}
	if math.IsInf(lo, 0) {
		return widget.Block(st.Title.Render(widget.Truncate(title, w)), w, h)
	}
	pad := (hi - lo) * 0.08
	if pad == 0 {
		pad = math.Max(math.Abs(hi)*0.05, 0.01)
	}
	lo, hi = lo-pad, hi+pad
	kmin, kmax := float64(ks[0].K), float64(ks[len(ks)-1].K)
	if kmax == kmin {
		kmax = kmin + 1
	}
	ch := h - 2 // title line and k line
	lc := linechart.New(w, ch, kmin, kmax, lo, hi,
		linechart.WithXYSteps(0, max(ch/3, 1)),
		linechart.WithYLabelFormatter(func(_ int, v float64) string { return format(v) }),
		linechart.WithStyles(st.Muted, st.Muted, st.Title))
	lc.DrawXYAxisAndLabel()
	var prev *canvas.Float64Point
	for i, y := range ys {
		if math.IsNaN(y) {
			prev = nil
			continue
		}
		p := canvas.Float64Point{X: float64(ks[i].K), Y: y}
		if prev != nil {
			lc.DrawBrailleLine(*prev, p)
		}
		prev = &p
	}
	// The points: the braille grid spans the graph's cells from the column after the axis.
	x0, gw := lc.Origin().X+1, lc.GraphWidth()
	col := func(k int) int {
		return x0 + int(math.Round((float64(k)-kmin)/(kmax-kmin)*float64(gw-1)))
	}
	row := func(y float64) int {
		gh := lc.GraphHeight()
		return lc.Origin().Y - int(math.Round((y-lo)/(hi-lo)*float64(gh-1)))
	}
	chosen := ks[m.cursor].K
	for i, y := range ys {
		if math.IsNaN(y) {
			continue
		}
		r, s := 'o', st.Title
		if ks[i].K == chosen {
			r, s = '@', st.Warning
		}
		lc.Canvas.SetRuneWithStyle(canvas.Point{X: col(ks[i].K), Y: row(y)}, r, s)
	}
	axis := []rune(strings.Repeat(" ", w))
	for _, k := range ks {
		label := []rune(strconv.Itoa(k.K))
		if c := col(k.K); c >= 0 && c+len(label) <= w {
			copy(axis[c:], label)
		}
	}
	prefix := strings.Repeat(" ", max(x0-2, 0))
	axisLine := widget.Fit(prefix+"k"+string(axis[len(prefix)+1:]), w)
	return widget.Block(st.Title.Render(widget.Truncate(title, w))+"\n"+lc.View()+"\n"+st.Muted.Render(axisLine), w, h)
}
