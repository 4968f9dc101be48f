package profiles

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/widget"
)

// categoriesView draws the categorical columns: a list with each column's chi-square test
// and Cramér's V (the strongest association first), then the column under the cursor as its
// values (rows) against the segments: each value's share of the segment, marked ++/+/-/--
// where its lift over the population is at least 1.5, 1.2, at most 0.8, 0.67.
func (m *Model) categoriesView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	r := m.store.Result
	cols := m.visibleCategorical()
	switch {
	case len(r.Categorical) == 0:
		return st.Muted.Render(widget.Wrap(tr.T(i18n.ProfNoCategorical), w))
	case len(cols) == 0:
		return st.Muted.Render(tr.T(i18n.FilterNoMatch))
	}
	cur := min(m.cursor[paneCategories], len(cols)-1)
	listH := min(len(cols)+1, max(h/3, 2))
	t := widget.Table{
		Head:       []string{tr.T(i18n.ProfColumn), "χ²", "df", "p", "V"},
		Right:      []bool{false, true, true, true, true},
		Flex:       []bool{true, false, false, false, false},
		Cursor:     cur,
		ShowCursor: m.pane == paneCategories,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, cp := range cols {
		c := cp.ChiSquare
		t.Rows = append(t.Rows, []string{m.catLabel(cp), number(float64(c.Chi2), 1), number(float64(c.DF), 0),
			pValue(float64(c.P)), number(float64(c.CramersV), 2)})
	}
	lines := strings.Split(widget.Block(t.Render(w, listH), w, listH), "\n")
	lines = append(lines, "")
	return strings.Join(append(lines, m.sharesTable(cols[cur], w, max(h-len(lines), 1))...), "\n")
}

// catLabel is a categorical column's label in the screen's language.
func (m *Model) catLabel(cp profile.CategoricalProfile) string {
	return m.c.Tr.Pick(cp.LabelEN, cp.LabelZH, cp.Column)
}

// sharesTable draws one categorical column's values against the segments in h lines.
func (m *Model) sharesTable(cp profile.CategoricalProfile, w, h int) []string {
	st, tr := m.c.Styles, m.c.Tr
	lang := "en"
	if tr.Lang == i18n.ZH {
		lang = "zh"
	}
	segs := m.store.Result.Segments
	head := []string{m.catLabel(cp)}
	right, flex := []bool{false}, []bool{false}
	for _, s := range segs {
		name := SegmentName(tr, s) // "Segment 3" unnamed; "3 Comfortable" named
		if s.Name != "" {
			name = fmt.Sprintf("%d %s", s.ID, name)
		}
		head, right, flex = append(head, name), append(right, true), append(flex, true)
	}
	head, right, flex = append(head, tr.T(i18n.ProfOverall)), append(right, true), append(flex, false)
	t := widget.Table{Head: head, Right: right, Flex: flex, HeadStyle: st.TableHead}
	for v, overall := range cp.Overall {
		row := []string{cp.ValueLabel(overall.Value, lang)}
		for _, cs := range cp.Segments {
			cell := "–"
			if v < len(cs.Shares) {
				sh := cs.Shares[v]
				cell = widget.Percent(float64(sh.Share)) + liftMark(float64(sh.Lift))
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, append(row, widget.Percent(float64(overall.Share))+"  "))
	}
	out := strings.Split(t.Render(w, max(h-1, 2)), "\n")
	if legend := tr.T(i18n.ProfLiftLegend); len(out) < h && lipgloss.Width(legend) > 0 {
		out = append(out, st.Muted.Render(widget.Truncate(legend, w)))
	}
	return out
}

// liftMark marks a share's lift over the population: ++ at least 1.5, + at least 1.2,
// - at most 0.8, -- at most 0.67; two spaces otherwise.
func liftMark(lift float64) string {
	switch {
	case lift >= 1.5:
		return "++"
	case lift >= 1.2:
		return "+ "
	case lift <= 0.67:
		return "--"
	case lift <= 0.8:
		return "- "
	}
	return "  "
}
