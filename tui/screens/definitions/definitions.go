// Package definitions is screen 6 of the workbench: saving the current segmentation as a
// segment definition (engine/definition), listing the definitions found beside the work and
// the data, opening one (its summary, checked against the open data), confirming it in a
// workshop, scoring every customer of the open data with it and exporting the assignments,
// and writing its workshop report (engine/report). Every file operation runs as a command.
package definitions

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/keys"
	"github.com/seglab/seglab/tui/task"
	"github.com/seglab/seglab/tui/widget"
)

// Keys are the Definitions screen's own keys.
type Keys struct {
	keys.List
	Save, Open, Confirm, Score, Report, Rescan key.Binding
	Next, Prev                                 key.Binding // form fields
	Input                                      keys.Input
}

// form is what a form is for.
type form int

const (
	noForm form = iota
	saveForm
	confirmForm
	scoreForm
	reportForm
)

// field is one line of a form.
type field struct {
	label i18n.Key
	input widget.Input
}

// entry is one definition file found.
type entry struct {
	Path string
	Def  *definition.Definition
}

// listing is the outcome of a search for definitions.
type listing []entry

// opened is an opened definition with its check against the open data.
type opened struct {
	Path      string
	Def       *definition.Definition
	Checks    []definition.SourceCheck
	VerifyErr error
}

// saved, confirmed, scored and reported are the outcomes of the actions.
type saved struct {
	Path, Backup string
	Def          *definition.Definition
	Seg          *backend.Segmentation
}

type confirmed struct {
	Path, Backup string
	Def          *definition.Definition
}

type scored struct {
	Out                       string
	Total, Clustered, Outside int
}

type reported struct{ Out string }

// Model is the Definitions screen.
type Model struct {
	c    *common.Context
	keys Keys

	width, height int

	entries []entry
	cursor  int
	listRun task.ID
	listErr error
	listed  bool // a search has finished

	open    *opened
	openRun task.ID
	opening string

	form    form
	fields  []field
	focus   int
	formErr string

	actRun   task.ID // the save, confirm, score or report run in flight
	actLabel string
	message  string
	failed   bool // message is an error

	savedSeg  *backend.Segmentation // the segmentation last saved, and where
	savedPath string
}

// New returns the Definitions screen over the shared context c.
func New(c *common.Context) *Model {
	tr := c.Tr
	return &Model{
		c: c,
		keys: Keys{
			List:    keys.NewList(tr),
			Save:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", tr.T(i18n.HelpDefSave))),
			Open:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr.T(i18n.HelpDefOpen))),
			Confirm: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", tr.T(i18n.HelpDefConfirm))),
			Score:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", tr.T(i18n.HelpDefScore))),
			Report:  key.NewBinding(key.WithKeys("w"), key.WithHelp("w", tr.T(i18n.HelpDefReport))),
			Rescan:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", tr.T(i18n.HelpDefRescan))),
			Next:    key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", tr.T(i18n.HelpNextField))),
			Prev:    key.NewBinding(key.WithKeys("shift+tab", "up")),
			Input:   keys.NewInput(tr),
		},
	}
}

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// SetSize implements common.Component.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Capturing implements common.Capturer: true while a form is open.
func (m *Model) Capturing() bool { return m.form != noForm }

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	if m.Capturing() {
		return []key.Binding{m.keys.Input.Apply, m.keys.Next, m.keys.Input.Dismiss}
	}
	return []key.Binding{m.keys.Save, m.keys.Open, m.keys.Confirm, m.keys.Score, m.keys.Report}
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.Open, m.keys.Rescan},
		{m.keys.Save, m.keys.Confirm, m.keys.Score, m.keys.Report},
		{m.keys.Input.Apply, m.keys.Next, m.keys.Input.Dismiss},
	}
}

// workDir is where definitions are saved by default and looked for first.
func (m *Model) workDir() string {
	if m.c.WorkDir != "" {
		return m.c.WorkDir
	}
	return "."
}

// dirs are the folders searched for definitions: the work folder, then the data's.
func (m *Model) dirs() []string {
	dirs := []string{m.workDir()}
	if d, ok := m.c.Session.(backend.Definer); ok {
		for _, dir := range d.DataDirs() {
			if !slices.Contains(dirs, dir) {
				dirs = append(dirs, dir)
			}
		}
	}
	return dirs
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.SessionChangedMsg:
		m.c.Tasks.Cancel(m.openRun)
		m.c.Tasks.Cancel(m.actRun)
		m.open, m.openRun, m.actRun, m.message, m.form = nil, 0, 0, "", noForm
		return m, m.scan()
	case task.Result[listing]:
		if msg.Run == m.listRun {
			m.listRun, m.listed, m.listErr = 0, true, msg.Err
			if msg.Err == nil {
				m.entries = msg.Value
				m.cursor = min(m.cursor, max(len(m.entries)-1, 0))
				for i, e := range m.entries { // keep the opened one under the cursor
					if m.open != nil && e.Path == m.open.Path {
						m.cursor = i
					}
				}
			}
		}
	case task.Result[*opened]:
		if msg.Run == m.openRun {
			m.openRun, m.opening = 0, ""
			if msg.Err != nil {
				m.say(common.ErrorText(m.c.Tr, msg.Err), true)
			} else {
				m.open = msg.Value
			}
		}
	case task.Result[saved]:
		if msg.Run == m.actRun {
			m.actRun = 0
			if msg.Err != nil {
				m.say(common.ErrorText(m.c.Tr, msg.Err), true)
				return m, nil
			}
			v := msg.Value
			if m.c.Segmentation == v.Seg {
				m.c.Saved()
			}
			m.savedSeg, m.savedPath = v.Seg, v.Path
			text := m.c.Tr.F(i18n.DefsSavedMsg, v.Path)
			if v.Backup != "" {
				text += " " + m.c.Tr.F(i18n.DefsBackupMsg, filepath.Base(v.Backup))
			}
			m.say(text, false)
			m.open = &opened{Path: v.Path, Def: v.Def}
			return m, tea.Batch(m.scan(), m.startOpen(v.Path))
		}
	case task.Result[confirmed]:
		if msg.Run == m.actRun {
			m.actRun = 0
			if msg.Err != nil {
				m.say(common.ErrorText(m.c.Tr, msg.Err), true)
				return m, nil
			}
			v := msg.Value
			m.say(m.c.Tr.F(i18n.DefsConfirmedMsg, filepath.Base(v.Path), v.Def.Confirmation.By), false)
			if m.open != nil && m.open.Path == v.Path {
				m.open.Def = v.Def
			}
			return m, m.scan()
		}
	case task.Result[scored]:
		if msg.Run == m.actRun {
			m.actRun = 0
			if msg.Err != nil {
				m.say(common.ErrorText(m.c.Tr, msg.Err), true)
				return m, nil
			}
			v := msg.Value
			m.say(m.c.Tr.F(i18n.DefsScoredMsg, widget.Count(int64(v.Total)), widget.Count(int64(v.Clustered)),
				widget.Count(int64(v.Outside)), v.Out), false)
		}
	case task.Result[reported]:
		if msg.Run == m.actRun {
			m.actRun = 0
			if msg.Err != nil {
				m.say(common.ErrorText(m.c.Tr, msg.Err), true)
				return m, nil
			}
			m.say(m.c.Tr.F(i18n.DefsReportMsg, msg.Value.Out), false)
		}
	case tea.KeyMsg:
		if m.form != noForm {
			return m, m.formKey(msg)
		}
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) say(text string, failed bool) { m.message, m.failed = text, failed }

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	tr := m.c.Tr
	switch {
	case key.Matches(msg, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.cursor = min(m.cursor+1, max(len(m.entries)-1, 0))
	case key.Matches(msg, m.keys.Rescan):
		return m.scan()
	case key.Matches(msg, m.keys.Open):
		if m.cursor < len(m.entries) {
			return m.startOpen(m.entries[m.cursor].Path)
		}
	case key.Matches(msg, m.keys.Save):
		if m.c.Segmentation == nil {
			m.say(tr.T(i18n.DefsNoSegmentation), true)
			return nil
		}
		name := filepath.Join(m.c.WorkDir, "segments-"+m.c.Time().Format("20060102")+".yaml")
		m.openForm(saveForm, []field{{label: i18n.DefsFieldFile}, {label: i18n.DefsFieldName}, {label: i18n.DefsFieldNote}}, name)
	case key.Matches(msg, m.keys.Confirm), key.Matches(msg, m.keys.Score), key.Matches(msg, m.keys.Report):
		if m.open == nil {
			m.say(tr.T(i18n.DefsNeedOpen), true)
			return nil
		}
		day := m.c.Time().Format("20060102")
		switch {
		case key.Matches(msg, m.keys.Confirm):
			m.openForm(confirmForm, []field{{label: i18n.DefsFieldWho}, {label: i18n.DefsFieldNote}}, "")
		case key.Matches(msg, m.keys.Score):
			m.openForm(scoreForm, []field{{label: i18n.DefsFieldOut}}, filepath.Join(m.c.WorkDir, "scores-"+day+".csv"))
		default:
			m.openForm(reportForm, []field{{label: i18n.DefsFieldHTML}}, filepath.Join(m.c.WorkDir, "report-"+day+".html"))
		}
	}
	return nil
}

// openForm opens form f with fields, the first holding first.
func (m *Model) openForm(f form, fields []field, first string) {
	m.form, m.fields, m.focus, m.formErr = f, fields, 0, ""
	m.fields[0].input.SetValue(first)
}

func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Input.Dismiss):
		m.form = noForm
	case msg.Type == tea.KeyEnter:
		if m.focus < len(m.fields)-1 {
			m.focus++
			return nil
		}
		return m.submit()
	case key.Matches(msg, m.keys.Next):
		m.focus = (m.focus + 1) % len(m.fields)
	case key.Matches(msg, m.keys.Prev):
		m.focus = (m.focus + len(m.fields) - 1) % len(m.fields)
	default:
		m.fields[m.focus].input.Update(msg)
		m.formErr = ""
	}
	return nil
}

// value returns the trimmed text of field i.
func (m *Model) value(i int) string { return strings.TrimSpace(m.fields[i].input.Value()) }

// hasExt reports whether path ends in one of exts, in any case.
func hasExt(path string, exts ...string) bool {
	return slices.Contains(exts, strings.ToLower(filepath.Ext(path)))
}

// submit checks the form and starts its action.
func (m *Model) submit() tea.Cmd {
	tr := m.c.Tr
	switch m.form {
	case saveForm:
		path := m.value(0)
		if !hasExt(path, ".yaml", ".yml") {
			m.formErr, m.focus = tr.T(i18n.DefsNeedFile), 0
			return nil
		}
		m.form = noForm
		return m.startSave(path, m.value(1), m.value(2))
	case confirmForm:
		who := m.value(0)
		if who == "" {
			m.formErr, m.focus = tr.T(i18n.DefsNeedWho), 0
			return nil
		}
		m.form = noForm
		path, note, now := m.open.Path, m.value(1), m.c.Time()
		return startAct(m, tr.F(i18n.TaskDefConfirm, filepath.Base(path)), func(ctx context.Context, _ task.Report) (confirmed, error) {
			d, backup, err := definition.Confirm(path, who, note, now)
			return confirmed{Path: path, Backup: backup, Def: d}, err
		})
	case scoreForm:
		out := m.value(0)
		if !hasExt(out, ".csv", ".parquet") {
			m.formErr = tr.T(i18n.DefsNeedOut)
			return nil
		}
		d, ok := m.c.Session.(backend.Definer)
		if !ok {
			m.formErr = tr.T(i18n.DefsNoEngine)
			return nil
		}
		m.form = noForm
		def, lang := m.open.Def, string(tr.Lang)
		return startAct(m, tr.T(i18n.TaskDefScore), func(ctx context.Context, _ task.Report) (scored, error) {
			sc, err := d.ScoreDefinition(ctx, def, out, lang)
			if err != nil {
				return scored{}, err
			}
			return scored{Out: out, Total: len(sc.Segments), Clustered: sc.Clustered, Outside: sc.Outside + sc.Routed}, nil
		})
	case reportForm:
		out := m.value(0)
		if !hasExt(out, ".html", ".htm") {
			m.formErr = tr.T(i18n.DefsNeedHTML)
			return nil
		}
		d, ok := m.c.Session.(backend.Definer)
		if !ok {
			m.formErr = tr.T(i18n.DefsNoEngine)
			return nil
		}
		m.form = noForm
		def, path, lang := m.open.Def, m.open.Path, string(tr.Lang)
		return startAct(m, tr.T(i18n.TaskDefReport), func(ctx context.Context, report task.Report) (reported, error) {
			return reported{Out: out}, d.ReportDefinition(ctx, def, path, out, lang, report)
		})
	}
	return nil
}

// startAct starts an action, cancelling one still in flight; its result replaces the message.
func startAct[T any](m *Model, label string, work func(context.Context, task.Report) (T, error)) tea.Cmd {
	m.c.Tasks.Cancel(m.actRun)
	var cmd tea.Cmd
	m.actRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, label, work)
	m.actLabel, m.message, m.failed = label, "", false
	return cmd
}

// errNoDraft says that the session cannot build a definition.
var errNoDraft = errors.New("there is no segmentation to save")

// startSave saves the current segmentation at path in the background: the engine builds the
// definition (as seglab cluster --save does) and the screen adds the name and note.
func (m *Model) startSave(path, name, note string) tea.Cmd {
	seg := m.c.Segmentation
	definer, _ := m.c.Session.(backend.Drafter)
	return startAct(m, m.c.Tr.T(i18n.TaskDefSave), func(ctx context.Context, report task.Report) (saved, error) {
		if definer == nil || seg == nil {
			return saved{}, errNoDraft
		}
		d, err := definer.Draft(ctx, seg, path)
		if err != nil {
			return saved{}, err
		}
		Annotate(d, name, note)
		backup, err := definition.Save(path, d)
		return saved{Path: path, Backup: backup, Def: d, Seg: seg}, err
	})
}

// scan looks for definitions in the work folder and the data's, in the background.
func (m *Model) scan() tea.Cmd {
	m.c.Tasks.Cancel(m.listRun)
	dirs := m.dirs()
	var cmd tea.Cmd
	m.listRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.T(i18n.TaskDefList), func(ctx context.Context, _ task.Report) (listing, error) {
		return find(ctx, dirs)
	})
	return cmd
}

// find loads every *.yaml and *.yml file of dirs that is a definition, sorted by path.
// Files that are not definitions are passed over.
func find(ctx context.Context, dirs []string) (listing, error) {
	var out listing
	for _, dir := range dirs {
		names, err := os.ReadDir(dir)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				continue
			}
			return nil, err
		}
		for _, n := range names {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if n.IsDir() || !hasExt(n.Name(), ".yaml", ".yml") {
				continue
			}
			path := n.Name()
			if dir != "." {
				path = filepath.Join(dir, n.Name())
			}
			if d, err := definition.Load(path); err == nil {
				out = append(out, entry{Path: path, Def: d})
			}
		}
	}
	return out, nil
}

// startOpen loads the definition at path and checks it against the open data.
func (m *Model) startOpen(path string) tea.Cmd {
	m.c.Tasks.Cancel(m.openRun)
	definer, _ := m.c.Session.(backend.Definer)
	var cmd tea.Cmd
	m.opening = path
	m.openRun, cmd = task.Start(m.c.Tasks, m.c.Ctx, m.c.Tr.F(i18n.TaskDefOpen, filepath.Base(path)),
		func(ctx context.Context, _ task.Report) (*opened, error) {
			d, err := definition.Load(path)
			if err != nil {
				return nil, err
			}
			o := &opened{Path: path, Def: d}
			if definer != nil {
				o.Checks, o.VerifyErr = definer.VerifyDefinition(path, d)
			}
			return o, ctx.Err()
		})
	return cmd
}
