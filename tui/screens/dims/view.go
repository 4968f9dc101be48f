package dims

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/widget"
)

// warnAbove is the size of correlation above which two dimensions carry nearly the same
// information and the screen warns.
const warnAbove = 0.8

// listView draws the feature list: choice and matrix number, label, missing share,
// transform and weight, with the filter line and a count of chosen ones at the bottom.
func (m *Model) listView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	features, visible := m.features(), m.visible()
	if len(features) == 0 {
		return st.Muted.Render(tr.T(i18n.DimsNoCatalogue))
	}
	foot := []string{st.Muted.Render(tr.F(i18n.DimsSelected, len(m.chosen()), len(features)))}
	if f := m.filter.View(w); f != "" {
		foot = append(foot, f)
	}
	index := map[string]int{}
	for i, d := range m.numericChosen() {
		index[d.Name] = i + 1
	}
	t := widget.Table{
		Head:       []string{"", "", tr.T(i18n.DimsMissing), tr.T(i18n.DimsTransform), tr.T(i18n.DimsWeight)},
		Right:      []bool{false, false, true, false, true},
		Flex:       []bool{false, true, false, false, false},
		Cursor:     m.cursor,
		ShowCursor: true,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, f := range visible {
		ch := m.choices[f.Name]
		mark, transform, weight := "[ ]", backend.TransformNone, defaultWeight
		if ch != nil {
			transform, weight = ch.transform, ch.weight
			if ch.chosen {
				mark = fmt.Sprintf("[x]%2d", index[f.Name])
				if f.Categorical { // not in the heat map, so not numbered
					mark = "[x]"
				}
			}
		}
		how := transformLabel(tr, transform)
		if f.Categorical {
			how = tr.T(i18n.DimsOneHot)
		}
		missing := "…"
		if m.missingErr != nil {
			missing = "?"
		} else if share, ok := m.missing[f.Name]; ok {
			missing = widget.Percent(share)
		}
		t.Rows = append(t.Rows, []string{mark, m.label(f), missing, how,
			strconv.FormatFloat(weights[weight], 'f', -1, 64)})
	}
	body := t.Render(w, h-len(foot))
	if len(visible) == 0 {
		body = st.Muted.Render(tr.T(i18n.FilterNoMatch))
	}
	return widget.Block(body, w, h-len(foot)) + "\n" + strings.Join(foot, "\n")
}

// transformLabel names t in the interface language.
func transformLabel(tr i18n.Tr, t backend.Transform) string {
	switch t {
	case backend.TransformLog1p:
		return tr.T(i18n.TransformLog1p)
	case backend.TransformWinsorise:
		return tr.T(i18n.TransformWinsor)
	}
	return tr.T(i18n.TransformNone)
}

// corrView draws the scaling, the heat map of the chosen dimensions (as many as fit) and a
// warning line for every pair above warnAbove.
func (m *Model) corrView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	lines := []string{st.Muted.Render(tr.F(i18n.DimsScaling, common.ScalingLabel(tr, m.c.Scaling))), ""}
	switch {
	case len(m.numericChosen()) < 2:
		lines = append(lines, widget.Wrap(tr.T(i18n.DimsPickTwo), w))
	case m.corrErr != nil:
		lines = append(lines, st.Error.Render(widget.Wrap(common.ErrorText(tr, m.corrErr), w)))
	case m.corr.r == nil:
		lines = append(lines, st.Muted.Render(tr.T(i18n.Loading)))
	default:
		lines = append(lines, m.heatMap(w)...)
		lines = append(lines, "")
		lines = append(lines, m.warnings(w)...)
	}
	return widget.Block(strings.Join(lines, "\n"), w, h)
}

// cellWidth is the width of one heat-map cell: a sign and two decimals, then a gap.
const cellWidth = 5

// heatMap draws the matrix with numbered rows and columns; the numbers match the list.
func (m *Model) heatMap(w int) []string {
	st := m.c.Styles
	n := len(m.corr.dims)
	label := len(strconv.Itoa(n)) + 1
	fit := min(n, max((w-label)/cellWidth, 1))
	head := strings.Repeat(" ", label)
	for j := range fit {
		head += widget.FitRight(strconv.Itoa(j+1), cellWidth-1) + " "
	}
	lines := []string{st.TableHead.Render(head)}
	for i := range fit {
		line := widget.Fit(strconv.Itoa(i+1), label)
		for j := range fit {
			r := m.corr.r[i][j]
			style := st.Muted
			if i != j {
				style = heatStyle(st.Heat, st.HeatNeg, r)
			}
			line += style.Render(corrText(r)) + " "
		}
		lines = append(lines, line)
	}
	if fit < n {
		lines = append(lines, st.Muted.Render(fmt.Sprintf("… +%d", n-fit)))
	}
	return lines
}

// heatStyle picks the style for a correlation by its size and sign.
func heatStyle(pos, neg [4]lipgloss.Style, r float64) lipgloss.Style {
	a := math.Abs(r)
	level := 0
	switch {
	case a >= warnAbove:
		level = 3
	case a >= 0.5:
		level = 2
	case a >= 0.3:
		level = 1
	}
	if r < 0 {
		return neg[level]
	}
	return pos[level]
}

// corrText writes r in four cells: "+.93", "-.07", "+1.0"; "  ? " when it is not a number
// (a dimension with no variance).
func corrText(r float64) string {
	switch {
	case math.IsNaN(r):
		return "  ? "
	case math.Abs(r) >= 0.995:
		return fmt.Sprintf("%+.1f", math.Copysign(1, r))
	}
	return strings.Replace(fmt.Sprintf("%+.2f", r), "0.", ".", 1)
}

// warnings returns one line per pair above warnAbove, or a line saying there is none.
func (m *Model) warnings(w int) []string {
	st, tr := m.c.Styles, m.c.Tr
	labels := map[string]string{}
	for _, f := range m.features() {
		labels[f.Name] = m.label(f)
	}
	var out []string
	for i, a := range m.corr.dims {
		for j := i + 1; j < len(m.corr.dims); j++ {
			if r := m.corr.r[i][j]; math.Abs(r) > warnAbove {
				text := tr.F(i18n.DimsCorrWarn, labels[a.Name], labels[m.corr.dims[j].Name], r)
				out = append(out, st.Warning.Render(widget.Wrap(text, w)))
			}
		}
	}
	if len(out) == 0 {
		out = append(out, st.Good.Render(widget.Wrap(tr.T(i18n.DimsCorrOK), w)))
	}
	return out
}
