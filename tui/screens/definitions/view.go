package definitions

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// wideFrom is the width from which the list and the opened definition stand side by side.
const wideFrom = 120

// View implements tea.Model.
func (m *Model) View() string {
	st, tr := m.c.Styles, m.c.Tr
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.c.Session == nil {
		msg := common.NotOpen(m.c, i18n.DataNotLoaded)
		return widget.Block(st.Muted.Render(msg), m.width, m.height)
	}
	top := m.currentView(m.width)
	h := m.height - lipgloss.Height(top)
	var body string
	if m.width >= wideFrom {
		left := m.width * 2 / 5
		body = lipgloss.JoinHorizontal(lipgloss.Top,
			widget.Pane(m.c.Styles, m.form == noForm, tr.T(i18n.DefsList), left, h, m.listView),
			widget.Pane(m.c.Styles, m.form != noForm, m.rightTitle(), m.width-left, h, m.rightView))
	} else {
		listH := min(max(len(m.entries), 1)+4, h/2)
		if m.form != noForm {
			listH = min(listH, 5)
		}
		body = lipgloss.JoinVertical(lipgloss.Left,
			widget.Pane(m.c.Styles, m.form == noForm, tr.T(i18n.DefsList), m.width, listH, m.listView),
			widget.Pane(m.c.Styles, m.form != noForm, m.rightTitle(), m.width, h-listH, m.rightView))
	}
	return widget.Block(top+"\n"+body, m.width, m.height)
}

// currentView states the current segmentation and the latest outcome: two or three lines.
func (m *Model) currentView(w int) string {
	st, tr := m.c.Styles, m.c.Tr
	line := st.Title.Render(tr.T(i18n.DefsCurrent)) + "  "
	seg := m.c.Segmentation
	switch {
	case seg == nil:
		line += st.Muted.Render(tr.T(i18n.DefsNoSegmentation))
	case seg == m.savedSeg && !m.c.Unsaved:
		line += tr.F(i18n.DefsCurrentLine, seg.K, widget.Count(int64(len(seg.IDs))), st.Good.Render(tr.F(i18n.DefsSavedAs, m.savedPath)))
	default:
		line += tr.F(i18n.DefsCurrentLine, seg.K, widget.Count(int64(len(seg.IDs))), st.Warning.Render(tr.T(i18n.DefsNotSaved))) +
			st.Muted.Render(" — "+tr.T(i18n.DefsSaveHint))
	}
	status := ""
	switch {
	case m.actRun != 0:
		status = st.Title.Render(tr.F(i18n.DefsWorking, m.actLabel))
		if step := m.step(); step.Total > 0 {
			status += " " + widget.Bar(step.Fraction(), 20)
		}
	case m.message != "" && m.failed:
		status = st.Warning.Render(m.message)
	case m.message != "":
		status = st.Good.Render(m.message)
	}
	lines := []string{widget.Fit(line, w)}
	for _, l := range widget.WrapLines(status, w) {
		lines = append(lines, widget.Fit(l, w))
	}
	return strings.Join(lines[:min(len(lines), 3)], "\n")
}

// step returns the latest step of the action in flight.
func (m *Model) step() task.Step {
	for _, r := range m.c.Tasks.Runs() {
		if r.ID == m.actRun {
			return r.Step
		}
	}
	return task.Step{}
}

// listView draws the definitions found.
func (m *Model) listView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	dirs := m.dirs()
	for i, d := range dirs {
		if abs, err := filepath.Abs(d); err == nil {
			dirs[i] = abs // "." reads as a typo in a sentence
		}
	}
	where := strings.Join(dirs, tr.T(i18n.ListSeparator))
	switch {
	case m.listErr != nil:
		return st.Warning.Render(widget.Truncate(common.ErrorText(tr, m.listErr), w))
	case len(m.entries) == 0 && !m.listed:
		return st.Muted.Render(tr.T(i18n.DefsScanning))
	case len(m.entries) == 0:
		return strings.Join(widget.WrapLines(st.Muted.Render(tr.F(i18n.DefsNone, where)), w), "\n")
	}
	t := widget.Table{
		Head:       []string{tr.T(i18n.DefsColFile), tr.T(i18n.DefsColStatus), "k", tr.T(i18n.DefsColDate)},
		Right:      []bool{false, false, true, false},
		Flex:       []bool{true, false, false, false},
		Cursor:     m.cursor,
		ShowCursor: m.form == noForm,
		HeadStyle:  st.TableHead, SelectedStyle: st.Selected,
	}
	for _, e := range m.entries {
		t.Rows = append(t.Rows, []string{m.shortPath(e.Path), m.status(e.Def), strconv.Itoa(e.Def.K), e.Def.Created.Format("2006-01-02")})
	}
	return t.Render(w, h)
}

// shortPath is path without the work folder when it lies there.
func (m *Model) shortPath(path string) string {
	if filepath.Clean(filepath.Dir(path)) == filepath.Clean(m.workDir()) {
		return filepath.Base(path)
	}
	return path
}

// status names a definition's confirmation state.
func (m *Model) status(d *definition.Definition) string {
	switch d.State() {
	case definition.StateConfirmed, definition.StateUnsigned:
		return m.c.Tr.T(i18n.DefsConfirmed)
	case definition.StateChanged:
		return m.c.Tr.T(i18n.DefsChanged)
	}
	return m.c.Tr.T(i18n.DefsDraft)
}

// rightTitle is the title of the pane beside the list.
func (m *Model) rightTitle() string {
	tr := m.c.Tr
	name := ""
	if m.open != nil {
		name = filepath.Base(m.open.Path)
	}
	switch m.form {
	case saveForm:
		return tr.T(i18n.DefsSaveTitle)
	case confirmForm:
		return tr.F(i18n.DefsConfirmTitle, name)
	case scoreForm:
		return tr.F(i18n.DefsScoreTitle, name)
	case reportForm:
		return tr.F(i18n.DefsReportTitle, name)
	}
	if m.open == nil {
		return tr.F(i18n.DefsTitle, "")
	}
	return tr.F(i18n.DefsTitle, m.shortPath(m.open.Path))
}

// rightView draws the open form, else the opened definition, else a hint.
func (m *Model) rightView(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	switch {
	case m.form != noForm:
		return m.formView(w)
	case m.opening != "" && m.open == nil:
		return st.Muted.Render(tr.F(i18n.DefsOpening, m.opening))
	case m.open == nil:
		return strings.Join(widget.WrapLines(st.Muted.Render(tr.T(i18n.DefsOpenHint)), w), "\n")
	}
	return m.summary(w, h)
}

// formView draws the fields of the open form, labels aligned, and the hint.
func (m *Model) formView(w int) string {
	st, tr := m.c.Styles, m.c.Tr
	labelW := 0
	for _, f := range m.fields {
		labelW = max(labelW, lipgloss.Width(tr.T(f.label)))
	}
	var lines []string
	for i, f := range m.fields {
		label := widget.Fit(tr.T(f.label), labelW) + "  "
		style := st.Muted
		if i == m.focus {
			style = st.Title
		}
		lines = append(lines, style.Render(label)+f.input.View(w-labelW-2, i == m.focus))
	}
	if m.form == saveForm {
		if path := m.value(0); path != "" && m.exists(path) {
			lines = append(lines, st.Warning.Render(widget.Truncate(tr.F(i18n.DefsAlreadyThere, filepath.Base(path)), w)))
		}
	}
	if m.formErr != "" {
		lines = append(lines, st.Warning.Render(widget.Truncate(m.formErr, w)))
	}
	lines = append(lines, "")
	lines = append(lines, widget.WrapLines(st.Muted.Render(tr.T(i18n.DefsFormHint)), w)...)
	return strings.Join(lines, "\n")
}

// exists reports whether path is one of the definitions listed (no file system access in View).
func (m *Model) exists(path string) bool {
	clean := filepath.Clean(path)
	for _, e := range m.entries {
		if filepath.Clean(e.Path) == clean {
			return true
		}
	}
	return false
}

// summary describes the opened definition: name and note, population, dimensions, fit,
// segments, confirmation and the check against the open data.
func (m *Model) summary(w, h int) string {
	st, tr := m.c.Styles, m.c.Tr
	d := m.open.Def
	lang := string(tr.Lang)
	var lines []string
	add := func(s string) { lines = append(lines, widget.WrapLines(s, w)...) }
	if t := Title(d); t != "" {
		add(st.Title.Render(t))
	}
	switch state := d.State(); state {
	case definition.StateConfirmed, definition.StateUnsigned, definition.StateChanged:
		at := ""
		if d.Confirmation.At != nil {
			at = d.Confirmation.At.Format("2006-01-02")
		}
		if state == definition.StateChanged {
			add(st.Warning.Render(tr.F(i18n.DefsConfirmedBy, d.Confirmation.By, at)))
			add(st.Warning.Render("! " + state.Text(lang)))
		} else {
			add(st.Good.Render(tr.F(i18n.DefsConfirmedBy, d.Confirmation.By, at)))
		}
	default:
		add(st.Warning.Render(tr.T(i18n.DefsIsDraft)))
	}
	add(tr.F(i18n.DefsMetrics, d.K, widget.Count(int64(d.Metrics.Fitted)), d.Metrics.Silhouette, d.Metrics.DaviesBouldin))
	t := widget.Table{
		Head:      []string{tr.T(i18n.DefsColSegment), tr.T(i18n.DefsColName), tr.T(i18n.DefsColSize), tr.T(i18n.DefsColShare)},
		Right:     []bool{true, false, true, true},
		Flex:      []bool{false, true, false, false},
		HeadStyle: st.TableHead,
	}
	for _, s := range d.Segments {
		t.Rows = append(t.Rows, []string{strconv.Itoa(s.ID), s.Name.In(lang), widget.Count(int64(s.Size)), widget.Percent(s.Share)})
	}
	lines = append(lines, strings.Split(t.Render(w, min(len(t.Rows)+1, max(h-len(lines), 0))), "\n")...)
	if c := m.checkText(); c != "" {
		add(c)
	}
	pop := tr.T(i18n.DefsEveryone)
	if len(d.Population) > 0 {
		var conds []string
		for _, c := range d.Population {
			conds = append(conds, fmt.Sprintf("%s = %v", c.Column, c.Equals))
		}
		pop = strings.Join(conds, " & ")
	}
	add(st.Muted.Render(tr.T(i18n.DefsPopulation)) + pop)
	add(st.Muted.Render(tr.T(i18n.DefsDims)) + dimsText(d.Preprocessing))
	if d.Confirmation.Note != "" {
		add(tr.F(i18n.DefsNote, d.Confirmation.Note))
	}
	if n := Note(d); n != "" {
		add(st.Muted.Render(n))
	}
	return strings.Join(lines, "\n")
}

// checkText states how the open data compares with the definition's sources.
func (m *Model) checkText() string {
	st, tr := m.c.Styles, m.c.Tr
	o := m.open
	label := st.Muted.Render(tr.T(i18n.DefsData))
	if o.VerifyErr != nil {
		return label + st.Warning.Render(tr.F(i18n.DefsDataUnknown, o.VerifyErr))
	}
	if o.Checks == nil {
		return ""
	}
	var changed, missing, added []string
	for _, c := range o.Checks {
		switch c.Status {
		case "changed":
			changed = append(changed, filepath.Base(c.File))
		case "missing":
			missing = append(missing, filepath.Base(c.File))
		case "new":
			added = append(added, filepath.Base(c.File))
		}
	}
	sep := tr.T(i18n.ListSeparator)
	join := func(files []string) string {
		if len(files) > 2 {
			return tr.F(i18n.DefsFiles, len(files))
		}
		return strings.Join(files, sep)
	}
	var parts []string
	if len(changed) > 0 {
		parts = append(parts, tr.F(i18n.DefsDataChanged, join(changed)))
	}
	if len(missing) > 0 {
		parts = append(parts, tr.F(i18n.DefsDataMissing, join(missing)))
	}
	if len(added) > 0 {
		parts = append(parts, tr.F(i18n.DefsDataNew, join(added)))
	}
	if len(parts) == 0 {
		return label + st.Good.Render(tr.T(i18n.DefsDataSame))
	}
	return label + st.Warning.Render(strings.Join(parts, "; "))
}

// dimsText lists the dimensions with their transform and weight when not plain.
func dimsText(f prep.Fitted) string {
	var out []string
	for _, d := range f.Dims {
		s := d.Column
		var tags []string
		if d.Kind == prep.Categorical {
			tags = append(tags, "one-hot")
		} else if d.Transform != "" && d.Transform != prep.TransformNone {
			tags = append(tags, string(d.Transform))
		}
		if d.Weight != 0 && d.Weight != 1 {
			tags = append(tags, "×"+strconv.FormatFloat(d.Weight, 'g', 3, 64))
		}
		if len(tags) > 0 {
			s += " (" + strings.Join(tags, ", ") + ")"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}
