package compare

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/profiles"
	"github.com/seglab/seglab/tui/widget"
)

// Layout thresholds: from sideFrom columns the tables stand beside the chart, from belowFrom
// lines below it; otherwise one pane shows at a time.
const (
	sideFrom  = 130
	belowFrom = 36
)

// layout says how the panes share the screen.
type layout struct {
	one            bool // one pane at a time, under a line of pane tabs
	side           bool // tables beside the chart (else below)
	chartW, chartH int
	tableW, tableH int
}

func (m *Model) layout() layout {
	w, h := m.width, m.height
	switch {
	case w >= sideFrom:
		tw := min(72, w*2/5)
		return layout{side: true, chartW: w - tw, chartH: h, tableW: tw, tableH: h}
	case h >= belowFrom:
		ch := h * 3 / 5
		return layout{chartW: w, chartH: ch, tableW: w, tableH: h - ch}
	}
	return layout{one: true, chartW: w, chartH: h - 1, tableW: w, tableH: h - 1}
}

// View implements tea.Model.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if v, ok := profiles.Placeholder(m.c, m.store, w, h); ok {
		return v
	}
	st, tr := m.c.Styles, m.c.Tr
	l := m.layout()
	chart := func() string {
		return widget.Pane(st, !l.one && m.pane == paneChart, tr.T(i18n.CmpChart), l.chartW, l.chartH, m.chartView)
	}
	tables := func() string {
		return widget.Pane(st, !l.one && m.pane == paneTables, tr.T(i18n.CmpTables), l.tableW, l.tableH, m.tablesView)
	}
	var body string
	switch {
	case l.one:
		view := chart
		if m.pane == paneTables {
			view = tables
		}
		body = m.tabLine(w) + "\n" + view()
	case l.side:
		body = lipgloss.JoinHorizontal(lipgloss.Top, chart(), tables())
	default:
		body = lipgloss.JoinVertical(lipgloss.Left, chart(), tables())
	}
	return widget.Block(body, w, h)
}

// tabLine names the panes, the shown one in brackets, and the run in flight.
func (m *Model) tabLine(w int) string {
	st, tr := m.c.Styles, m.c.Tr
	var parts []string
	for i, k := range []i18n.Key{i18n.CmpChart, i18n.CmpTables} {
		if i == m.pane {
			parts = append(parts, st.Selected.Render("["+tr.T(k)+"]"))
		} else {
			parts = append(parts, st.Muted.Render(" "+tr.T(k)+" "))
		}
	}
	line := strings.Join(parts, "")
	if m.store.Running() {
		line += "  " + st.Title.Render(tr.T(i18n.ProfComputing))
	}
	return widget.Truncate(line, w)
}

// name returns "n name" for segment id.
func (m *Model) name(id int, room int) string {
	for _, s := range m.store.Result.Segments {
		if s.ID == id {
			return widget.Truncate(strconv.Itoa(id)+" "+profiles.SegmentName(m.c.Tr, s), room)
		}
	}
	return strconv.Itoa(id)
}

// Canvas styles.
const (
	styleNone = iota
	styleLine
	styleQuadrant
	stylePoint
	styleLabel
	styleAxis
)

// marker draws a point: a big dot for a segment larger than the average segment, a small one
// otherwise.
func marker(customers, total, k int) string {
	if k > 0 && customers*k >= total {
		return "●"
	}
	return "•"
}

// chartView draws the satisfaction-versus-outage chart with its legend in w×h cells.
func (m *Model) chartView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	so := r.SatisfactionOutage
	if so == nil {
		return st.Muted.Render(widget.Wrap(tr.T(i18n.CmpNoChart), w))
	}
	legend := m.legend(so, w)
	const yw = 5 // "10.0" and the axis
	ph := h - len(legend) - 3
	pw := w - yw
	if ph < 3 || pw < 10 {
		return strings.Join(legend, "\n")
	}
	refX, refY := float64(so.Reference.OutageRatio), float64(so.Reference.Satisfaction)
	xmax, ymin, ymax := refX, refY, refY
	var plotted []profile.OutagePoint
	for _, p := range so.Points {
		x, y := float64(p.OutageRatio), float64(p.Satisfaction)
		if math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		plotted = append(plotted, p)
		xmax, ymin, ymax = maxF(xmax, x), minF(ymin, y), maxF(ymax, y)
	}
	xmax = niceCeil(xmax * 1.1)
	if math.IsNaN(xmax) || xmax <= 0 {
		xmax = 1
	}
	ymin = math.Max(math.Floor((ymin-0.3)*2)/2, 0)
	ymax = math.Min(math.Ceil((ymax+0.3)*2)/2, 10)
	if math.IsNaN(ymin) || math.IsNaN(ymax) || ymax <= ymin {
		ymin, ymax = 0, 10
	}
	col := func(x float64) int { return int(math.Round(x / xmax * float64(pw-1))) }
	row := func(y float64) int { return int(math.Round((ymax - y) / (ymax - ymin) * float64(ph-1))) }

	styles := []lipgloss.Style{lipgloss.NewStyle(), st.Muted, st.TableHead, st.Selected, st.Title, st.Muted}
	cv := newCanvas(w, ph+3, styles)
	// titles of the axes on the top line
	cv.text(0, 0, "↑ "+tr.T(i18n.CmpAxisY), styleAxis, kindText)
	xTitle := tr.T(i18n.CmpAxisX) + " →"
	if lipgloss.Width("↑ "+tr.T(i18n.CmpAxisY))+2+lipgloss.Width(xTitle) <= w {
		cv.text(w-lipgloss.Width(xTitle), 0, xTitle, styleAxis, kindText)
	}
	top := 1 // first plot row on the canvas
	// the y axis with three ticks
	for y := range ph {
		cv.text(yw-1, top+y, "│", styleAxis, kindText)
	}
	for _, v := range []float64{ymax, (ymax + ymin) / 2, ymin} {
		y := row(v)
		cv.text(0, top+y, fmt.Sprintf("%4.1f", v), styleAxis, kindText)
		cv.text(yw-1, top+y, "┤", styleAxis, kindText)
	}
	// the x axis with three ticks and their values
	cv.text(yw-1, top+ph, "└"+strings.Repeat("─", pw), styleAxis, kindText)
	for _, v := range []float64{0, xmax / 2, xmax} {
		x := col(v)
		cv.text(yw+x, top+ph, "┴", styleAxis, kindText)
		label := strconv.FormatFloat(v, 'f', -1, 64)
		if v != 0 {
			label = strconv.FormatFloat(v, 'f', 1, 64)
		}
		lx := min(max(yw+x-lipgloss.Width(label)/2, 0), w-lipgloss.Width(label))
		cv.text(lx, top+ph+1, label, styleAxis, kindText)
	}
	// reference lines
	rx, ry := col(refX), row(refY)
	if !math.IsNaN(refY) {
		cv.text(yw, top+ry, strings.Repeat("─", pw), styleLine, kindLine)
	}
	if !math.IsNaN(refX) {
		for y := range ph {
			ch := "│"
			if y == ry {
				ch = "┼"
			}
			cv.text(yw+rx, top+y, ch, styleLine, kindLine)
		}
	}
	// quadrant names in the corners
	half := pw/2 - 1
	quad := func(k i18n.Key) string { return widget.Truncate(tr.T(k), half) }
	cv.text(yw+1, top, quad(i18n.QuadFewSat), styleQuadrant, kindText)
	cv.text(w-lipgloss.Width(quad(i18n.QuadManySat)), top, quad(i18n.QuadManySat), styleQuadrant, kindText)
	cv.text(yw+1, top+ph-1, quad(i18n.QuadFewUnsat), styleQuadrant, kindText)
	cv.text(w-lipgloss.Width(quad(i18n.QuadManyUnsat)), top+ph-1, quad(i18n.QuadManyUnsat), styleQuadrant, kindText)
	// points, then their labels where there is room
	k := len(r.Segments)
	type placed struct{ x, y, id int }
	var points []placed
	for _, p := range plotted {
		x, y := yw+col(float64(p.OutageRatio)), top+row(float64(p.Satisfaction))
		cv.text(x, y, marker(p.Customers, r.Customers, k), stylePoint, kindPoint)
		points = append(points, placed{x, y, p.Segment})
	}
	room := 14
	if w >= 100 {
		room = 24
	}
	for _, p := range points {
		label := m.name(p.id, room)
		n := lipgloss.Width(label)
		spots := [][2]int{{p.x + 2, p.y}, {p.x - 1 - n, p.y}, {p.x - n/2, p.y - 1}, {p.x - n/2, p.y + 1}, {p.x + 2, p.y - 1}, {p.x + 2, p.y + 1}}
		for _, most := range []int{kindEmpty, kindLine} { // keep off the reference lines if possible
			for _, at := range spots {
				if label != "" && at[1] >= top && at[1] < top+ph && at[0] >= yw && cv.free(at[0], at[1], label, most) {
					cv.text(at[0], at[1], label, styleLabel, kindText)
					label = ""
				}
			}
		}
		if label != "" { // no room for the name: the number alone, beside the point
			num := strconv.Itoa(p.id)
			for _, at := range [][2]int{{p.x + 1, p.y}, {p.x - len(num), p.y}} {
				if cv.free(at[0], at[1], num, kindLine) {
					cv.text(at[0], at[1], num, styleLabel, kindText)
					break
				}
			}
		}
	}
	return strings.Join(append(cv.lines(), legend...), "\n")
}

// legend returns the lines under the chart: the reference lines' values, the markers, each
// segment with its size, and the segments left out for lack of answers.
func (m *Model) legend(so *profile.SatisfactionOutage, w int) []string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	ref := tr.T(i18n.CmpAllCustomers)
	if so.Reference.Filter != "" {
		ref = so.Reference.Filter
	}
	text := tr.F(i18n.CmpLines, ref, float64(so.Reference.Satisfaction), float64(so.Reference.OutageRatio)) +
		" · " + tr.T(i18n.CmpMarkers)
	lines := strings.Split(widget.Wrap(text, w), "\n")
	var items, missing []string
	for _, p := range so.Points {
		item := marker(p.Customers, r.Customers, len(r.Segments)) + " " + m.name(p.Segment, 24) + " " +
			widget.Count(int64(p.Customers))
		if math.IsNaN(float64(p.Satisfaction)) || math.IsNaN(float64(p.OutageRatio)) {
			missing = append(missing, m.name(p.Segment, 24))
			continue
		}
		items = append(items, item)
	}
	lines = append(lines, strings.Split(widget.Wrap(strings.Join(items, " · "), w), "\n")...)
	if len(missing) > 0 {
		lines = append(lines, strings.Split(widget.Wrap(tr.F(i18n.CmpNotPlotted, strings.Join(missing, ", ")), w), "\n")...)
	}
	for i, l := range lines {
		lines[i] = st.Muted.Render(strings.TrimRight(l, " "))
	}
	return lines
}

// tablesLines returns the region table and the survey coverage warnings in w cells.
func (m *Model) tablesLines(w int) []string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	so := r.SatisfactionOutage
	var lines []string
	wrap := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(widget.Wrap(text, w), "\n") {
			lines = append(lines, style.Render(strings.TrimRight(l, " ")))
		}
	}
	switch {
	case so == nil:
		wrap(st.Muted, tr.T(i18n.CmpNoChart))
	case len(so.Regions) == 0:
		wrap(st.Muted, tr.T(i18n.CmpNoRegions))
	default:
		wrap(st.TableHead, tr.T(i18n.CmpRegionTitle))
		var regions []string
		cells := map[[2]string]profile.RegionCell{}
		for _, c := range so.Regions {
			key := [2]string{strconv.Itoa(c.Segment), c.Region}
			if _, seen := cells[[2]string{"", c.Region}]; !seen {
				regions = append(regions, c.Region)
				cells[[2]string{"", c.Region}] = c
			}
			cells[key] = c
		}
		head := []string{tr.T(i18n.CmpSegment)}
		for _, region := range regions { // the region role's vocabulary: east/东部 in the screen's language
			head = append(head, queries.ValueLabel("region", region, string(tr.Lang)))
		}
		t := widget.Table{Head: head, HeadStyle: st.TableHead}
		t.Right = []bool{false}
		t.Flex = []bool{true}
		for range regions {
			t.Right, t.Flex = append(t.Right, true), append(t.Flex, false)
		}
		few := false
		for _, s := range r.Segments {
			row := []string{m.name(s.ID, 24)}
			for _, region := range regions {
				c, ok := cells[[2]string{strconv.Itoa(s.ID), region}]
				if !ok {
					row = append(row, "–")
					continue
				}
				mark := "  "
				switch {
				case c.Best:
					mark = " *"
				case c.Answers < so.MinAnswers:
					mark, few = " ?", true
				}
				row = append(row, satText(float64(c.Satisfaction))+" / "+ratioText(float64(c.OutageRatio))+mark)
			}
			t.Rows = append(t.Rows, row)
		}
		lines = append(lines, strings.Split(t.Render(w, len(t.Rows)+1), "\n")...)
		if few {
			wrap(st.Muted, tr.F(i18n.CmpFewMark, so.MinAnswers))
		}
	}
	if r.Survey != nil {
		lines = append(lines, "")
		wrap(st.TableHead, tr.T(i18n.CmpCoverageTitle))
		warned := false
		for _, c := range r.Survey {
			if !c.TooFew {
				continue
			}
			warned = true
			name := m.name(c.Segment, 24)
			if so != nil && c.Answers < so.MinAnswers || math.IsNaN(float64(c.HalfWidth)) {
				wrap(st.Warning, tr.F(i18n.CmpTooFewAnswers, name, c.Answers, widget.Count(int64(c.Customers)),
					widget.Percent(float64(c.Coverage))))
			} else {
				wrap(st.Warning, tr.F(i18n.CmpWideCI, name, float64(c.Mean), float64(c.HalfWidth)))
			}
		}
		if !warned {
			wrap(st.Good, tr.T(i18n.CmpCoverageOK))
		}
	}
	return lines
}

// tablesView draws the tables pane, scrolled.
func (m *Model) tablesView(w, h int) string {
	lines := m.tablesLines(w)
	first := min(m.scroll, max(len(lines)-h, 0))
	return strings.Join(lines[first:], "\n")
}

func satText(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func ratioText(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// niceCeil rounds v up to a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power
// of ten), fine enough that the points fill most of the chart's width.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if v <= f*p+1e-12 {
			return f * p
		}
	}
	return 10 * p
}

func maxF(a, b float64) float64 {
	if math.IsNaN(a) {
		return b
	}
	if math.IsNaN(b) {
		return a
	}
	return math.Max(a, b)
}

func minF(a, b float64) float64 {
	if math.IsNaN(a) {
		return b
	}
	if math.IsNaN(b) {
		return a
	}
	return math.Min(a, b)
}
