package portrait

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/ahp"
	engine "github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// wideTable is the width from which tables use full labels and show every column.
const wideTable = 110

// View implements tea.Model: the tab line, a rule, and the shown tab, in exactly the view's
// size.
func (m *Model) View() string {
	w, h := m.width, m.height
	if w <= 0 || h <= 0 {
		return ""
	}
	st := m.c.Styles
	head := m.tabsLine(w)
	rule := st.Muted.Render(strings.Repeat("─", w))
	bh := h - 2
	var body string
	switch m.tab {
	case TabValue:
		body = m.valueView(w, bh)
	case TabPayment:
		body = m.paymentView(w, bh)
	default:
		body = m.businessView(w, bh)
	}
	return widget.Block(head+"\n"+rule+"\n"+widget.Block(body, w, bh), w, h)
}

// tabsLine names the view and its tabs, the shown one in brackets so that it reads without
// colour.
func (m *Model) tabsLine(w int) string {
	st, tr := m.c.Styles, m.c.Tr
	parts := []string{st.Title.Render(tr.T(i18n.PortTitle))}
	for i, k := range []i18n.Key{i18n.PortTabValue, i18n.PortTabPayment, i18n.PortTabBusiness} {
		if Tab(i) == m.tab {
			parts = append(parts, st.Selected.Render("["+tr.T(k)+"]"))
		} else {
			parts = append(parts, st.Muted.Render(" "+tr.T(k)+" "))
		}
	}
	return widget.Truncate(strings.Join(parts, " "), w)
}

// pending draws the tab while it has no result to show: the computation with its spinner and
// progress, or the failure in plain words. It reports false when there is a result.
func (m *Model) pending(run task.ID, err error, label i18n.Key, w int) (string, bool) {
	st, tr := m.c.Styles, m.c.Tr
	switch {
	case run != 0:
		line := st.Title.Render(m.spin.View()) + " " + tr.F(i18n.PortComputing, tr.T(label))
		lines := widget.WrapLines(line, w)
		for _, r := range m.c.Tasks.Runs() {
			if r.ID == run && r.Step.Total > 0 {
				lines = append(lines, widget.Bar(r.Step.Fraction(), 20)+fmt.Sprintf(" %d/%d", r.Step.Done, r.Step.Total))
			}
		}
		return strings.Join(append(lines, st.Muted.Render(tr.T(i18n.PortEscCancels))), "\n"), true
	case err != nil:
		lines := widget.WrapLines(st.Error.Render(common.ErrorText(tr, err)), w)
		return strings.Join(append(lines, "", st.Muted.Render(tr.T(i18n.PortAgain))), "\n"), true
	}
	return "", false
}

// valueView draws the AHP figures and the ranking.
func (m *Model) valueView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	r, err := m.value.result, m.value.err
	refused := r != nil && errors.Is(err, ahp.ErrInconsistent)
	if !refused || m.value.run != 0 {
		if v, ok := m.pending(m.value.run, err, i18n.TaskValue, w); ok {
			return v
		}
	}
	if r == nil {
		return m.noEngine(w)
	}
	items := make([]string, len(r.Criteria))
	for i, c := range r.Criteria {
		label := tr.Pick(c.LabelEN, c.LabelZH)
		weight := math.NaN()
		if i < len(r.Weights) {
			weight = r.Weights[i]
		}
		items[i] = label + " " + num(weight, 3)
	}
	lines := flow(st.Title.Render(tr.T(i18n.ValWeights)+":"), items, " · ", w)
	verdict := st.Good.Render(tr.T(i18n.ValConsistent))
	if r.CR > ahp.MaxConsistencyRatio || refused {
		verdict = st.Error.Render(tr.T(i18n.ValInconsistent))
	}
	lines = append(lines, widget.Truncate(tr.F(i18n.ValFigures, num(r.LambdaMax, 3), num(r.CI, 4), num(r.RI, 2), num(r.CR, 4))+" — "+verdict, w))
	if refused {
		lines = append(lines, "")
		lines = append(lines, widget.WrapLines(st.Warning.Render(tr.T(i18n.ValRefused)), w)...)
		return strings.Join(lines, "\n")
	}
	lines = append(lines, widget.WrapLines(tr.F(i18n.ValScored, widget.Count(int64(r.Customers)), pct(r.Top), widget.Count(int64(r.TopCount))), w)...)
	rows := m.visibleRanking()
	th := h - len(lines) - 1
	footer := m.filter.View(w)
	if footer == "" {
		footer = st.Muted.Render(m.rowsLine(len(rows), th))
	}
	head := []string{tr.T(i18n.ColRank), tr.T(i18n.ColCustomer), tr.T(i18n.ColScore)}
	shorts := []i18n.Key{i18n.ValShort0, i18n.ValShort1, i18n.ValShort2, i18n.ValShort3, i18n.ValShort4, i18n.ValShort5}
	for i, c := range r.Criteria {
		switch {
		case w >= wideTable+20 && tr.Lang == i18n.ZH:
			head = append(head, c.LabelZH)
		case w >= wideTable+20:
			head = append(head, c.LabelEN)
		case i < len(shorts):
			head = append(head, tr.T(shorts[i]))
		}
	}
	head = append(head, tr.T(i18n.ColTop))
	t := widget.Table{
		Head:       head,
		Right:      []bool{true, false, true, true, true, true, true, true, true, false},
		Flex:       []bool{false, true},
		Cursor:     m.cursor[TabValue],
		ShowCursor: true,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, row := range rows {
		cells := []string{strconv.Itoa(row.Rank), row.CustomerID, num(row.Score, 3)}
		for _, v := range row.Normalised {
			cells = append(cells, num(v, 2))
		}
		mark := ""
		if row.Top {
			mark = tr.T(i18n.ValTopMark)
		}
		t.Rows = append(t.Rows, append(cells, mark))
	}
	table := t.Render(w, th)
	if len(rows) == 0 {
		table = st.Muted.Render(tr.T(i18n.FilterNoMatch))
	}
	return strings.Join(lines, "\n") + "\n" + widget.Block(table, w, th) + "\n" + footer
}

// rowsLine says which rows of n a table of height lines (heading included) shows.
func (m *Model) rowsLine(n, height int) string {
	if n == 0 {
		return ""
	}
	visible := max(height-1, 1)
	first := widget.Scroll(m.cursor[m.tab], n, visible)
	return m.c.Tr.F(i18n.PortRows, first+1, min(first+visible, n), n)
}

// paymentView draws the payment-behaviour segments and the traits of the one under the
// cursor.
func (m *Model) paymentView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	if v, ok := m.pending(m.payment.run, m.payment.err, i18n.TaskPayment, w); ok {
		return v
	}
	r := m.payment.result
	if r == nil {
		return m.noEngine(w)
	}
	var intro string
	if r.Mode == engine.PaymentFromExports {
		intro = tr.F(i18n.PayIntroExports, widget.Count(int64(r.Customers)), r.ReferenceDate, r.K, num(float64(r.Silhouette), 3))
	} else {
		intro = tr.F(i18n.PayIntroWide, widget.Count(int64(r.Customers)), r.K, num(float64(r.Silhouette), 3))
	}
	lines := widget.WrapLines(st.Muted.Render(intro), w)
	exports := r.Mode == engine.PaymentFromExports
	wide := w >= wideTable
	head := []string{"#", tr.T(i18n.ColSegment)}
	right := []bool{true, false}
	if wide {
		head = append(head, tr.T(i18n.ColCustomers))
		right = append(right, true)
	}
	head = append(head, tr.T(i18n.ColShare))
	right = append(right, true)
	if exports {
		head = append(head, tr.T(i18n.ColEarly), tr.T(i18n.ColOnTime), tr.T(i18n.ColLate), tr.T(i18n.ColDaysBefore))
		right = append(right, true, true, true, true)
	} else {
		head = append(head, tr.T(i18n.ColLatePayments), tr.T(i18n.ColDaysLate))
		right = append(right, true, true)
	}
	if wide {
		head = append(head, tr.T(i18n.ColChannel))
		right = append(right, false)
	}
	t := widget.Table{
		Head: head, Right: right, Flex: []bool{false, true},
		Cursor: m.cursor[TabPayment], ShowCursor: true,
		HeadStyle: st.TableHead, SelectedStyle: st.Selected,
	}
	for _, s := range r.Segments {
		row := []string{strconv.Itoa(s.ID), m.segmentName(s)}
		if wide {
			row = append(row, widget.Count(int64(s.Customers)))
		}
		row = append(row, pct(float64(s.Share)))
		if exports {
			row = append(row, pct(float64(s.Means["early_share"])), pct(float64(s.Means["on_time_share"])),
				pct(float64(s.Means["late_share"])), num(float64(s.Means["mean_days_before_due"]), 1))
		} else {
			row = append(row, num(float64(s.Means["late_payment_count"]), 2), num(float64(s.Means["avg_days_late"]), 1))
		}
		if wide {
			row = append(row, m.familyLabel(s.Family))
		}
		t.Rows = append(t.Rows, row)
	}
	// the table takes its rows, but leaves at least four lines to the traits
	th := min(len(t.Rows)+1, max(h-len(lines)-5, 2))
	out := append(lines, widget.Block(t.Render(w, th), w, th))
	out = append(out, m.traits(r, w, h-len(out)-th+1)...)
	return strings.Join(out, "\n")
}

// traits draws the profile of the payment segment under the cursor in h lines: its
// description and its strongest traits.
func (m *Model) traits(r *engine.PaymentResult, w, h int) []string {
	st, tr := m.c.Styles, m.c.Tr
	i := m.cursor[TabPayment]
	if h < 2 || i >= len(r.Segments) {
		return nil
	}
	s := r.Segments[i]
	lines := []string{"", widget.Truncate(st.Title.Render(tr.F(i18n.PayTraits, s.ID))+" · "+m.segmentName(s)+" · "+
		tr.F(i18n.PayCustomers, widget.Count(int64(s.Customers))), w)}
	var seg *profile.Segment
	if r.Profile != nil {
		for j := range r.Profile.Segments {
			if r.Profile.Segments[j].ID == s.ID {
				seg = &r.Profile.Segments[j]
			}
		}
	}
	if seg == nil || len(seg.Traits) == 0 {
		return append(lines, st.Muted.Render(tr.T(i18n.PayNoTraits)))
	}
	for _, t := range seg.Traits {
		phrase := tr.Pick(t.EN, t.ZH)
		lines = append(lines, widget.WrapLines("· "+phrase, w)...)
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}

func (m *Model) segmentName(s engine.PaymentSegment) string {
	return m.c.Tr.Pick(s.Name, s.NameZH)
}

func (m *Model) familyLabel(key string) string {
	for _, f := range engine.Families {
		if f.Key == key {
			return m.c.Tr.Pick(f.LabelEN, f.LabelZH)
		}
	}
	return m.c.Tr.T(i18n.PayFamilyOther)
}

// businessRow is one line of the business table: a tier over all sections, a section within
// a tier, or every business customer.
type businessRow struct {
	tier, section string
	short         string // the section's letter, for narrow tables
	g             engine.BusinessGroup
}

// businessDetail describes row br in one sentence: its section in full and its means.
func (m *Model) businessDetail(br businessRow) string {
	tr, g := m.c.Tr, br.g
	what := br.section
	if g.Tier != "" {
		what = m.tierLabel(g.Tier) + " · " + what
	}
	return m.c.Styles.Title.Render(what) + " · " + tr.F(i18n.BizDetail, widget.Count(int64(g.Customers)), compact(tr, g.MeanKWh),
		compact(tr, g.MeanMonthlyBill), widget.Count(int64(g.InArrears)), num(g.MeanCredit, 1))
}

// businessRows lists every tier followed by its sections, then all business customers.
func (m *Model) businessRows() []businessRow {
	r := m.business.result
	if r == nil {
		return nil
	}
	tr := m.c.Tr
	var out []businessRow
	all := tr.T(i18n.BizAllSections)
	for _, t := range r.ByTier {
		out = append(out, businessRow{tier: m.tierLabel(t.Tier), section: all, short: tr.T(i18n.BizAll), g: t})
		for _, g := range r.TierSection {
			if g.Tier == t.Tier {
				short := g.Section
				if short == "" {
					short = "–"
				}
				out = append(out, businessRow{section: m.sectionLabel(g), short: short, g: g})
			}
		}
	}
	return append(out, businessRow{tier: tr.T(i18n.BizAll), section: all, short: tr.T(i18n.BizAll), g: r.All})
}

func (m *Model) tierLabel(key string) string {
	for _, t := range engine.Tiers {
		if t.Key == key {
			return m.c.Tr.Pick(t.LabelEN, t.LabelZH)
		}
	}
	return key
}

func (m *Model) sectionLabel(g engine.BusinessGroup) string {
	if g.Section == "" {
		return m.c.Tr.T(i18n.BizNoSection)
	}
	return g.Section + " " + m.c.Tr.Pick(g.SectionEN, g.SectionZH)
}

// businessView draws the tiers and sections of the business customers.
func (m *Model) businessView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	if v, ok := m.pending(m.business.run, m.business.err, i18n.TaskBusiness, w); ok {
		return v
	}
	r := m.business.result
	if r == nil {
		return m.noEngine(w)
	}
	lines := []string{widget.Truncate(st.Title.Render(tr.T(i18n.BizTitle)), w)}
	lines = append(lines, widget.WrapLines(st.Muted.Render(tr.F(i18n.BizRules, num(r.Rules.HighKV, -1), num(r.Rules.HighKVA, -1),
		num(r.Rules.MidKV, -1), num(r.Rules.MidKVA, -1))), w)...)
	wide := w >= wideTable
	head := []string{tr.T(i18n.ColTier), tr.T(i18n.ColSection), tr.T(i18n.ColCustomers), tr.T(i18n.ColKWh), tr.T(i18n.ColBills), tr.T(i18n.ColArrears)}
	right := []bool{false, false, true, true, true, true}
	grades := i18n.ColGrades
	if wide {
		head[4], head[5] = tr.T(i18n.ColBillsWide), tr.T(i18n.ColArrearsWide)
		head = append(head, tr.T(i18n.ColInArrears))
		right = append(right, true)
		grades = i18n.ColGradesWide
	}
	head = append(head, tr.T(grades))
	t := widget.Table{
		Head: head, Right: right, Flex: []bool{false, true},
		Cursor: m.cursor[TabBusiness], ShowCursor: true,
		HeadStyle: st.TableHead, SelectedStyle: st.Selected,
	}
	rows := m.businessRows()
	for _, br := range rows {
		g := br.g
		section := br.section
		if !wide {
			section = br.short
		}
		cells := []string{br.tier, section, widget.Count(int64(g.Customers)), compact(tr, g.KWh), compact(tr, g.MonthlyBills), compact(tr, g.Arrears)}
		if wide {
			cells = append(cells, widget.Count(int64(g.InArrears)))
		}
		grades := make([]string, len(g.Grades))
		for i, n := range g.Grades {
			grades[i] = strconv.Itoa(n)
		}
		t.Rows = append(t.Rows, append(cells, strings.Join(grades, "/")))
	}
	// the detail of the row under the cursor, then which rows show; the table takes the rest
	foot := func(th int) []string {
		f := st.Muted.Render(m.rowsLine(len(rows), th))
		if i := m.cursor[TabBusiness]; i < len(rows) {
			f += "  " + m.businessDetail(rows[i])
		}
		lines := widget.WrapLines(f, w)
		if len(lines) > 2 {
			lines = lines[:2]
			lines[1] = widget.Truncate(strings.TrimRight(lines[1], " ")+" …", w)
		}
		return lines
	}
	th := h - len(lines) - len(foot(h-len(lines)-2))
	return strings.Join(lines, "\n") + "\n" + widget.Block(t.Render(w, th), w, th) + "\n" + strings.Join(foot(th), "\n")
}

// noEngine says that the session cannot compute the portrait.
func (m *Model) noEngine(w int) string {
	return strings.Join(widget.WrapLines(m.c.Styles.Muted.Render(m.c.Tr.T(i18n.PortNoEngine)), w), "\n")
}

// flow lays items out after lead, separated by sep, in lines of at most w cells, breaking
// only between items.
func flow(lead string, items []string, sep string, w int) []string {
	var lines []string
	line := lead
	for i, it := range items {
		piece := it
		if i > 0 {
			piece = sep + it
		}
		if i > 0 && lipgloss.Width(line+piece) > w {
			lines = append(lines, widget.Truncate(line+strings.TrimRight(sep, " "), w))
			line = "  " + it
			continue
		}
		if i == 0 {
			line += " " + it
		} else {
			line += piece
		}
	}
	return append(lines, widget.Truncate(line, w))
}

// num formats v with dec decimals (-1: as few as needed), or "–" when it is unknown.
func num(v float64, dec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', dec, 64)
}

// pct formats a share as a whole percentage, or "–" when it is unknown.
func pct(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(100*v, 'f', 0, 64) + "%"
}

// compact formats an amount in few cells: 12,345 → 12.3k (English) or 1.2万 (Chinese).
func compact(tr i18n.Tr, v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	a := math.Abs(v)
	type unit struct {
		size   float64
		suffix string
	}
	units := []unit{{1e9, "G"}, {1e6, "M"}, {1e4, "k"}}
	if tr.Lang == i18n.ZH {
		units = []unit{{1e8, "亿"}, {1e4, "万"}}
	}
	for _, u := range units {
		if a >= u.size {
			d := v / u.size
			if u.suffix == "k" {
				d = v / 1e3
			}
			return strconv.FormatFloat(d, 'f', 1, 64) + u.suffix
		}
	}
	return widget.Count(int64(math.Round(v)))
}
