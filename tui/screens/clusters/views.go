package clusters

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/segviews"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/widget"
)

// segmentViews draws the fitted segments' views in exactly w×h cells: the map of the
// segments on the first two principal components beside a table of each segment's size and
// silhouette, with the membership rules below (only the table when the screen is narrow).
func (m *Model) segmentViews(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	switch {
	case m.viewsErr != nil:
		return widget.Block(st.Error.Render(widget.Wrap(common.ErrorText(tr, m.viewsErr), w)), w, h)
	case m.views == nil:
		return widget.Block(st.Muted.Render(widget.Wrap(tr.T(i18n.ClustersViewsRunning), w)), w, h)
	}
	if w < 70 || m.views.Map == nil {
		return widget.Block(m.segmentTable(w, h), w, h)
	}
	gap := 2
	left := (w - gap) / 2
	return lipgloss.JoinHorizontal(lipgloss.Top, widget.Block(m.segmentMap(left, h), left, h),
		strings.Repeat(" ", gap), widget.Block(m.segmentTable(w-gap-left, h), w-gap-left, h))
}

// segmentLabel is segment id's name, or its number.
func (m *Model) segmentLabel(id int) string {
	if seg := m.viewsFor; seg != nil && id-1 < len(seg.Names) && seg.Names[id-1] != "" {
		return strconv.Itoa(id) + " " + definition.ParseName(seg.Names[id-1]).In(string(m.c.Tr.Lang))
	}
	return strconv.Itoa(id)
}

// segmentTable lists each segment's customers, share and silhouette, then its best rule.
func (m *Model) segmentTable(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	v, seg := m.views, m.viewsFor
	t := widget.Table{
		Head:      []string{tr.T(i18n.ColSegment), tr.T(i18n.ColCustomers), tr.T(i18n.ColShare), tr.T(i18n.ColSilhouette)},
		Right:     []bool{false, true, true, true},
		HeadStyle: st.TableHead,
	}
	total := 0
	for _, n := range seg.Sizes {
		total += n
	}
	for id := 1; id <= seg.K; id++ {
		sil := "–"
		if s, ok := v.Silhouettes[id]; ok {
			sil = strconv.FormatFloat(s, 'f', 2, 64)
		}
		t.Rows = append(t.Rows, []string{m.segmentLabel(id), widget.Count(int64(seg.Sizes[id-1])),
			widget.Percent(float64(seg.Sizes[id-1]) / float64(max(total, 1))), sil})
	}
	lines := strings.Split(t.Render(w, len(t.Rows)+1), "\n")
	if v.SampleRows < v.Fitted {
		lines = append(lines, st.Muted.Render(widget.Truncate(tr.F(i18n.ClustersViewsSample, widget.Count(int64(v.SampleRows))), w)))
	}
	if len(v.Rules) > 0 && len(lines)+2 < h {
		lines = append(lines, "", st.TableHead.Render(widget.Truncate(tr.F(i18n.ClustersRulesTitle, widget.Percent(v.RuleAccuracy)), w)))
		lang := "en"
		if tr.Lang == i18n.ZH {
			lang = "zh"
		}
		for id := 1; id <= seg.K; id++ {
			if rs := v.Rules[id]; len(rs) > 0 {
				r := rs[0]
				line := m.segmentLabel(id) + ": " + segviews.RuleText(r, lang) + " " +
					st.Muted.Render(tr.F(i18n.ClustersRuleCount, widget.Count(int64(r.Correct)), widget.Count(int64(r.Covered))))
				for i, l := range widget.WrapLines(line, w-2) {
					if i > 0 {
						l = "  " + l
					}
					lines = append(lines, l)
				}
			}
		}
	}
	return strings.Join(lines, "\n")
}

// segmentMap draws the fitted customers of the views' sample on the plane of the first two
// principal components: each cell shows the segment most of its customers belong to, in a
// muted digit, and each segment's centre its number in bold.
func (m *Model) segmentMap(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	mp := m.views.Map
	title := st.Title.Render(widget.Truncate(tr.F(i18n.ClustersMapTitle,
		widget.Percent(mp.Explained[0]), widget.Percent(mp.Explained[1])), w))
	if h < 5 || len(mp.Points) == 0 {
		return title
	}
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range mp.Points {
		x0, x1, y0, y1 = min(x0, p.X), max(x1, p.X), min(y0, p.Y), max(y1, p.Y)
	}
	for _, c := range mp.Centres {
		x0, x1, y0, y1 = min(x0, c.X), max(x1, c.X), min(y0, c.Y), max(y1, c.Y)
	}
	padX, padY := (x1-x0)*0.03+1e-9, (y1-y0)*0.05+1e-9
	x0, x1, y0, y1 = x0-padX, x1+padX, y0-padY, y1+padY
	ch := h - 1
	lc := linechart.New(w, ch, x0, x1, y0, y1,
		linechart.WithXYSteps(0, 0),
		linechart.WithStyles(st.Muted, st.Muted, st.Title))
	lc.DrawXYAxisAndLabel()
	// Each point falls in the cell the chart draws it in; the cell shows its majority.
	type cell struct{ x, y int }
	counts := map[cell]map[int]int{}
	at := map[cell]canvas.Float64Point{} // a point of the cell, to draw its digit at
	for _, p := range mp.Points {
		f := canvas.Float64Point{X: p.X, Y: p.Y}
		sf := lc.ScaleFloat64Point(f)
		c := cell{int(math.Round(sf.X)), int(math.Round(sf.Y))}
		if counts[c] == nil {
			counts[c], at[c] = map[int]int{}, f
		}
		counts[c][p.Segment]++
	}
	cells := make([]cell, 0, len(counts))
	for c := range counts {
		cells = append(cells, c)
	}
	sort.Slice(cells, func(i, j int) bool {
		return cells[i].y < cells[j].y || cells[i].y == cells[j].y && cells[i].x < cells[j].x
	})
	for _, c := range cells {
		best, n := 0, 0
		for s, k := range counts[c] {
			if k > n || k == n && s < best {
				best, n = s, k
			}
		}
		lc.DrawRuneWithStyle(at[c], digit(best), st.Muted)
	}
	for _, c := range mp.Centres {
		lc.DrawRuneWithStyle(canvas.Float64Point{X: c.X, Y: c.Y}, digit(c.Segment), st.Selected)
	}
	return title + "\n" + lc.View()
}

// digit is the rune of a segment id on the map: 1–9, then letters.
func digit(id int) rune {
	if id >= 1 && id <= 9 {
		return rune('0' + id)
	}
	return rune('A' + id - 10)
}
