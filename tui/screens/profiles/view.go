package profiles

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/styles"
	"github.com/seglab/seglab/tui/widget"
)

// wideFrom is the width from which the cards and the tables show side by side.
const wideFrom = 120

// View implements tea.Model.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	if v, ok := Placeholder(m.c, m.store, w, h); ok {
		return v
	}
	tr := m.c.Tr
	if m.confirming {
		return m.confirmView()
	}
	foot := m.footLines(w)
	bodyH := max(h-1-len(foot), 0)
	var body string
	if w >= wideFrom {
		left := w * 9 / 20
		heatH := min(bodyH/2, len(m.visibleNumeric())+6)
		heatH = max(heatH, min(bodyH, 6))
		lower := m.box(paneANOVA, tr.T(i18n.ProfANOVA), w-left, bodyH-heatH, m.anovaView)
		if m.pane == paneCategories { // the categories take the ANOVA's place while focused
			lower = m.box(paneCategories, tr.T(i18n.ProfCategories), w-left, bodyH-heatH, m.categoriesView)
		}
		right := lipgloss.JoinVertical(lipgloss.Left,
			m.box(paneHeat, tr.T(i18n.ProfHeat), w-left, heatH, m.heatView), lower)
		body = lipgloss.JoinHorizontal(lipgloss.Top, m.box(paneCards, tr.T(i18n.ProfSegments), left, bodyH, m.cardsView), right)
	} else {
		titles := [paneCount]i18n.Key{i18n.ProfSegments, i18n.ProfHeat, i18n.ProfANOVA, i18n.ProfCategories}
		view := [paneCount]func(w, h int) string{m.cardsView, m.heatView, m.anovaView, m.categoriesView}[m.pane]
		body = m.box(m.pane, tr.T(titles[m.pane]), w, bodyH, view)
	}
	lines := append([]string{m.headLine(w)}, body)
	lines = append(lines, foot...)
	return widget.Block(strings.Join(lines, "\n"), w, h)
}

// Placeholder returns what the Profiles and Compare screens show in w×h instead of their
// panes, and true, while there is no profile to show: why no data is open, or emptyView;
// false once there is a profile.
func Placeholder(c *common.Context, s *Store, w, h int) (string, bool) {
	switch {
	case c.Session == nil:
		return widget.Block(c.Styles.Muted.Render(widget.Wrap(common.NotOpen(c, i18n.ProfNoData), min(w, 72))), w, h), true
	case s.Result == nil:
		return widget.Block(emptyView(c, s, min(w, 72)), w, h), true
	}
	return "", false
}

// emptyView says what to do when there is no profile to show: wait for the run in flight,
// fit a segmentation first, or why the last run failed.
func emptyView(c *common.Context, s *Store, w int) string {
	st, tr := c.Styles, c.Tr
	wrap := func(text string) string { return widget.Wrap(text, w) }
	switch {
	case s.Running():
		step := s.Step(c)
		line := tr.T(i18n.ProfComputing)
		if step.Total > 0 {
			line += " " + widget.Bar(step.Fraction(), 10)
		}
		return st.Title.Render(line) + " " + st.Muted.Render("(esc)")
	case s.Err == nil || errors.Is(s.Err, backend.ErrNoSegmentation):
		return st.Title.Render(tr.T(i18n.ProfNoSegments)) + "\n\n" + wrap(tr.T(i18n.ProfFitFirst))
	}
	return st.Error.Render(wrap(common.ErrorText(tr, s.Err))) + "\n\n" + st.Muted.Render(wrap(tr.T(i18n.ProfAgainHint)))
}

// headLine shows the pane tabs (when one pane shows at a time), the size of the
// segmentation and the run in flight.
func (m *Model) headLine(w int) string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	var parts []string
	if w < wideFrom {
		titles := [paneCount]i18n.Key{i18n.ProfSegments, i18n.ProfHeat, i18n.ProfANOVA, i18n.ProfCategories}
		var tabs []string
		for i, t := range titles {
			if i == m.pane {
				tabs = append(tabs, st.Selected.Render("["+tr.T(t)+"]"))
			} else {
				tabs = append(tabs, st.Muted.Render(" "+tr.T(t)+" "))
			}
		}
		parts = append(parts, strings.Join(tabs, ""))
	}
	parts = append(parts, st.Muted.Render(tr.F(i18n.ProfSummary, len(r.Segments), widget.Count(int64(r.Customers)))))
	if m.store.Running() {
		line := tr.T(i18n.ProfComputing)
		if step := m.store.Step(m.c); step.Total > 0 {
			line += " " + widget.Bar(step.Fraction(), 10)
		}
		parts = append(parts, st.Title.Render(line))
	}
	return widget.Truncate(strings.Join(parts, "  "), w)
}

// footLines are the lines under the panes: the filter, the merge hint, a notice, the failed
// rename.
func (m *Model) footLines(w int) []string {
	st, tr := m.c.Styles, m.c.Tr
	var out []string
	if f := m.filter.View(w); f != "" {
		out = append(out, f)
	}
	if m.mergeFrom != 0 {
		if seg, ok := m.segment(m.mergeFrom); ok {
			out = append(out, widget.Truncate(st.Warning.Render(tr.F(i18n.ProfMergePick, fmt.Sprintf("%d %s", seg.ID, SegmentName(tr, seg)))), w))
		}
	}
	if m.notice != "" {
		out = append(out, widget.Truncate(st.Warning.Render(m.notice), w))
	}
	if mg := m.store.Merged; mg != nil {
		for _, line := range strings.Split(widget.Wrap(MergedText(tr, *mg), w), "\n") { // read whole at 80 columns
			out = append(out, widget.Truncate(st.Warning.Render(line), w))
		}
	}
	if m.store.EditErr != nil {
		out = append(out, widget.Truncate(st.Error.Render(common.ErrorText(tr, m.store.EditErr)), w))
	}
	return out
}

// MergedText says what merge did: which segments, and how many customers scoring by the
// nearest centroid put elsewhere than the merge.
func MergedText(tr i18n.Tr, mg Merged) string {
	switch {
	case mg.Moved == 0:
		return tr.F(i18n.ProfMergedKept, mg.From, mg.Into)
	case mg.Moved == 1:
		return tr.F(i18n.ProfMergedMoved1, mg.From, mg.Into)
	}
	return tr.F(i18n.ProfMergedMoved, mg.From, mg.Into, widget.Count(int64(mg.Moved)))
}

// confirmView asks whether to merge.
func (m *Model) confirmView() string {
	st, tr := m.c.Styles, m.c.Tr
	from, _ := m.segment(m.mergeFrom)
	into, _ := m.segment(m.mergeInto)
	q := tr.F(i18n.ProfMergeQuestion, from.ID, SegmentName(tr, from), widget.Count(int64(from.Customers)),
		into.ID, SegmentName(tr, into), widget.Count(int64(into.Customers)))
	dialog := widget.Confirm(st.Dialog, q, tr.T(i18n.ProfMergeHint), m.width, m.height)
	return widget.Block(dialog, m.width, m.height)
}

// pane draws a titled box of exactly w×h cells, highlighted when it has the focus.
func (m *Model) box(which int, title string, w, h int, body func(w, h int) string) string {
	return widget.Pane(m.c.Styles, which == m.pane, title, w, h, body)
}

// cardsView draws one card per segment, scrolled so that the card under the cursor shows.
func (m *Model) cardsView(w, h int) string {
	st := m.c.Styles
	segs := m.visibleSegments()
	if len(segs) == 0 {
		return st.Muted.Render(m.c.Tr.T(i18n.FilterNoMatch))
	}
	traits, descLines := 2, 2
	if h >= 30 {
		traits, descLines = 4, 3
	}
	var lines []string
	start, end := 0, 0
	for i, s := range segs {
		if i == m.cursor[paneCards] {
			start = len(lines)
		}
		lines = append(lines, m.card(s, i == m.cursor[paneCards], w, traits, descLines)...)
		if i == m.cursor[paneCards] {
			end = len(lines)
		}
		lines = append(lines, "")
	}
	first := max(0, end-h)
	if start < first {
		first = start
	}
	return strings.Join(lines[first:], "\n")
}

// card draws one segment: the heading (cursor, merge mark, number, name or the name being
// typed, size and share), the description and the strongest traits.
func (m *Model) card(s profile.Segment, selected bool, w, traits, descLines int) []string {
	st, tr := m.c.Styles, m.c.Tr
	mark := "  "
	if selected {
		mark = "› "
	}
	if s.ID == m.mergeFrom {
		mark = mark[:len(mark)-1] + "+"
	}
	size := tr.F(i18n.ProfCustomers, widget.Count(int64(s.Customers))) + "  " + widget.FitRight(widget.Percent(float64(s.Share)), 6)
	if w >= 60 {
		size += " " + widget.Bar(float64(s.Share), 10)
	}
	room := max(w-lipgloss.Width(size)-2, 8)
	var head string
	if m.renaming && m.renameSeg == s.ID {
		prefix := mark + strconv.Itoa(s.ID) + " "
		head = prefix + m.input.View(room-lipgloss.Width(prefix), true)
	} else {
		name := SegmentName(tr, s)
		if selected {
			name = st.Selected.Render(name)
		} else {
			name = st.Title.Render(name)
		}
		head = mark + strconv.Itoa(s.ID) + " " + name
	}
	lines := []string{widget.Fit(head, room) + "  " + st.Muted.Render(size)}
	desc := tr.Pick(s.DescriptionEN, s.DescriptionZH)
	wrapped := strings.Split(widget.Wrap(desc, w-4), "\n")
	if len(wrapped) > descLines {
		wrapped = wrapped[:descLines]
		wrapped[descLines-1] = widget.Truncate(wrapped[descLines-1]+"…", w-4)
	}
	for _, l := range wrapped {
		lines = append(lines, "    "+strings.TrimRight(l, " "))
	}
	for i, t := range s.Traits {
		if i == traits {
			break
		}
		lines = append(lines, widget.Truncate("    "+st.Muted.Render(traitLine(tr, t)), w))
	}
	return lines
}

// traitLine writes a trait with its numbers: "+ high kWh, last 12 months: 4,600, all 2,756".
func traitLine(tr i18n.Tr, t profile.Trait) string {
	sign := map[string]string{"high": "+", "many": "+", "low": "-", "few": "-"}[t.Direction]
	if sign == "" {
		sign = "*"
	}
	phrase := tr.Pick(t.EN, t.ZH)
	seg, all := Value(float64(t.Segment)), Value(float64(t.Overall))
	if t.Kind == profile.Categorical {
		seg, all = widget.Percent(float64(t.Segment)), widget.Percent(float64(t.Overall))
	}
	return sign + " " + tr.F(i18n.ProfTraitVs, phrase, seg, all)
}

// Value formats a mean for reading: thousands separated above 100, two decimals below.
func Value(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "–"
	case math.Abs(v) >= 100:
		return widget.Count(int64(math.Round(v)))
	case math.Abs(v) >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// label returns a numeric column's label in the interface language.
func (m *Model) label(np profile.NumericProfile) string {
	return m.c.Tr.Pick(np.LabelEN, np.LabelZH, np.Column)
}

// heatCell is the width of a heat-map cell at least: an index of four digits and a marker.
const heatCell = 7

// heatView draws the numeric columns (rows) against the segments (columns): each cell is the
// segment's index against the overall mean, with ++/+/-/-- marking the standardised
// difference so that it reads without colour, then the overall mean.
func (m *Model) heatView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	rows := m.visibleNumeric()
	switch {
	case len(r.Numeric) == 0:
		return st.Muted.Render(tr.T(i18n.ProfNoNumeric))
	case len(rows) == 0:
		return st.Muted.Render(tr.T(i18n.FilterNoMatch))
	}
	legend := strings.Split(widget.Wrap(tr.T(i18n.ProfHeatLegend), w), "\n")
	labelW := 0
	for _, np := range rows {
		labelW = max(labelW, lipgloss.Width(m.label(np)))
	}
	overallW := max(lipgloss.Width(tr.T(i18n.ProfOverall)), 7) + 1
	k := len(r.Segments)
	labelW = max(min(labelW, w-2-k*heatCell-overallW), 10)
	cell := heatCell
	if k > 0 {
		cell = min(max((w-2-labelW-overallW)/k, heatCell), 16)
	}
	fit := min(k, max((w-2-labelW-overallW)/cell, 1))
	head := "  " + widget.Fit("", labelW)
	for _, s := range r.Segments[:fit] {
		head += " " + widget.FitRight(widget.Truncate(fmt.Sprintf("%d %s", s.ID, SegmentName(tr, s)), cell-1), cell-1)
	}
	if fit < k {
		head += " " + fmt.Sprintf("+%d", k-fit)
	} else {
		head += " " + widget.FitRight(tr.T(i18n.ProfOverall), overallW-1)
	}
	lines := []string{st.TableHead.Render(widget.Fit(head, w))}
	visible := max(h-1-len(legend)-1, 1)
	first := widget.Scroll(m.cursor[paneHeat], len(rows), visible)
	for i := first; i < len(rows) && i < first+visible; i++ {
		np := rows[i]
		mark := "  "
		if m.pane == paneHeat && i == m.cursor[paneHeat] {
			mark = "› "
		}
		line := mark + widget.Fit(m.label(np), labelW)
		for j := range fit {
			ss := np.Segments[j]
			line += " " + heatStyle(st, float64(ss.StdDiff)).Render(widget.FitRight(heatText(float64(ss.Index), float64(ss.StdDiff)), cell-1))
		}
		if fit == k {
			line += " " + widget.FitRight(Value(float64(np.Overall.Mean)), overallW-1)
		}
		lines = append(lines, line)
	}
	for len(lines) < h-len(legend) {
		lines = append(lines, "")
	}
	for _, l := range legend {
		lines = append(lines, st.Muted.Render(l))
	}
	return strings.Join(lines, "\n")
}

// heatText writes an index and its marker: "142++", " 87- ", "101  ".
func heatText(index, d float64) string {
	if math.IsNaN(index) || math.IsInf(index, 0) {
		return "–  "
	}
	marker := "  "
	switch a := math.Abs(d); {
	case math.IsNaN(d):
	case a >= 0.8 && d > 0:
		marker = "++"
	case a >= 0.8:
		marker = "--"
	case a >= 0.3 && d > 0:
		marker = "+ "
	case a >= 0.3:
		marker = "- "
	}
	return fmt.Sprintf("%.0f", index) + marker
}

// heatStyle colours a cell by the size and sign of the standardised difference.
func heatStyle(st *styles.Styles, d float64) lipgloss.Style {
	a := math.Abs(d)
	level := 0
	switch {
	case math.IsNaN(d):
	case a >= 0.8:
		level = 3
	case a >= 0.5:
		level = 2
	case a >= 0.3:
		level = 1
	}
	if d < 0 {
		return st.HeatNeg[level]
	}
	return st.Heat[level]
}

// anovaRows returns the filtered numeric columns, largest η² first (ties by column).
func (m *Model) anovaRows() []profile.NumericProfile {
	rows := m.visibleNumeric()
	slices.SortStableFunc(rows, func(a, b profile.NumericProfile) int {
		ea, eb := float64(a.ANOVA.EtaSquared), float64(b.ANOVA.EtaSquared)
		if math.IsNaN(ea) {
			ea = -1
		}
		if math.IsNaN(eb) {
			eb = -1
		}
		return cmp.Or(cmp.Compare(eb, ea), cmp.Compare(a.Column, b.Column))
	})
	return rows
}

// anovaView draws F, degrees of freedom, p and η² per numeric column, with the note that the
// tests are descriptive.
func (m *Model) anovaView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	rows := m.anovaRows()
	note := tr.Pick(r.NoteEN, r.NoteZH)
	noteLines := strings.Split(widget.Wrap(note, w), "\n")
	switch {
	case len(r.Numeric) == 0:
		return st.Muted.Render(tr.T(i18n.ProfNoNumeric))
	case len(rows) == 0:
		return st.Muted.Render(tr.T(i18n.FilterNoMatch))
	}
	t := widget.Table{
		Head:       []string{tr.T(i18n.ProfColumn), "F", "df", "p", "η²"},
		Right:      []bool{false, true, true, true, true},
		Flex:       []bool{true, false, false, false, false},
		Cursor:     m.cursor[paneANOVA],
		ShowCursor: m.pane == paneANOVA,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, np := range rows {
		a := np.ANOVA
		t.Rows = append(t.Rows, []string{m.label(np), number(float64(a.F), 1),
			fmt.Sprintf("%s, %s", number(float64(a.DFBetween), 0), number(float64(a.DFWithin), 0)),
			pValue(float64(a.P)), number(float64(a.EtaSquared), 2)})
	}
	tableH := max(h-len(noteLines)-1, 2)
	out := widget.Block(t.Render(w, tableH), w, tableH)
	for _, l := range noteLines {
		out += "\n" + st.Muted.Render(l)
	}
	return out
}

// number formats v with digits decimals, or "–" when it is not a number.
func number(v float64, digits int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', digits, 64)
}

// pValue formats a p-value: "<0.001" below a thousandth, three decimals otherwise.
func pValue(p float64) string {
	switch {
	case math.IsNaN(p):
		return "–"
	case p < 0.001:
		return "<0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}
