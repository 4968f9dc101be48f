package definitions

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/styles"
	"github.com/seglab/seglab/tui/task"
)

var fixedNow = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

// segmentation is a small fitted segmentation: two numeric dimensions, k = 2.
func segmentation() *backend.Segmentation {
	f := prep.Fitted{Scaling: prep.ZScore, Dims: []prep.Dim{
		{Column: "kwh_12m", Kind: prep.Numeric, Transform: prep.Log1p, Centre: 7, Scale: 1, Weight: 1},
		{Column: "outages_12m", Kind: prep.Numeric, Transform: prep.TransformNone, Centre: 2, Scale: 1.5, Weight: 1},
	}}
	return &backend.Segmentation{
		K: 2, Fitted: f, Centroids: []float64{-1, 0.5, 1, -0.5}, IDColumn: "customer_id",
		IDs: []string{"a", "b", "c"}, Labels: []int{0, 0, 1}, Sizes: []int{2, 1},
		Metrics: backend.KMetrics{K: 2, Silhouette: 0.4, Sizes: []int{2, 1}},
	}
}

// draft returns the fake session's definition of segmentation() named name, as the
// Definitions screen saves it.
func draft(t *testing.T, name string) *definition.Definition {
	t.Helper()
	d, err := (&backendtest.Session{}).Draft(context.Background(), segmentation(), "d.yaml")
	if err != nil {
		t.Fatal(err)
	}
	Annotate(d, name, "")
	return d
}

// newScreen returns the screen over a context with the fake session, a fixed clock and dir
// as the work folder.
func newScreen(t *testing.T, lang i18n.Lang, dir string) (*Model, *common.Context) {
	t.Helper()
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c := &common.Context{Ctx: ctx, Styles: styles.New(r), Tr: i18n.Tr{Lang: lang}, Tasks: &task.Board{},
		Session: &backendtest.Session{}, WorkDir: dir, Now: func() time.Time { return fixedNow }}
	m := New(c)
	m.SetSize(80, 20)
	return m, c
}

// exec runs cmd and its follow-ups through the board and the screen until none are left,
// as the root would.
func exec(t *testing.T, m *Model, c *common.Context, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		cmd, queue = queue[0], queue[1:]
		if cmd == nil {
			continue
		}
		msg := cmd()
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
			continue
		case task.ProgressMsg:
			queue = append(queue, c.Tasks.Update(msg))
			continue
		case task.Finished:
			c.Tasks.Update(msg)
		}
		_, next := m.Update(msg)
		queue = append(queue, next)
	}
}

func typed(s string) []tea.KeyMsg {
	var out []tea.KeyMsg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// press hands the screen each key, running what it starts.
func press(t *testing.T, m *Model, c *common.Context, msgs ...tea.KeyMsg) {
	t.Helper()
	for _, k := range msgs {
		_, cmd := m.Update(k)
		exec(t, m, c, cmd)
	}
}

var enter = tea.KeyMsg{Type: tea.KeyEnter}

func TestSaveFormWritesTheDefinitionAndClearsUnsaved(t *testing.T) {
	dir := t.TempDir()
	m, c := newScreen(t, i18n.ZH, dir)
	c.Segmentation, c.Unsaved, c.Changes = segmentation(), true, common.ChangedSegmentation
	c.Segmentation.Names = []string{"", "高耗电"}
	press(t, m, c, typed("s")...)
	if !m.Capturing() {
		t.Fatal("s opened no form")
	}
	want := filepath.Join(dir, "segments-20250314.yaml")
	if got := m.value(0); got != want {
		t.Fatalf("default file %q, want %q", got, want)
	}
	press(t, m, c, enter)
	press(t, m, c, typed("居民分群")...)
	press(t, m, c, enter)
	press(t, m, c, typed("首次研讨")...)
	if v := m.View(); !strings.Contains(v, "居民分群█") && !strings.Contains(v, "居民分群") {
		t.Errorf("the typed name does not show:\n%s", v)
	}
	press(t, m, c, enter)
	if m.Capturing() {
		t.Fatalf("the form stayed open: %s", m.formErr)
	}
	d, err := definition.Load(want)
	if err != nil {
		t.Fatal(err)
	}
	if d.K != 2 || Title(d) != "居民分群" || Note(d) != "首次研讨" || d.Segments[1].Name.ZH != "高耗电" || d.Confirmation.Status != definition.Draft {
		t.Errorf("saved k %d, title %q, note %q, names %+v, status %s", d.K, Title(d), Note(d), d.Segments, d.Confirmation.Status)
	}
	if c.Unsaved || c.Changes != 0 {
		t.Errorf("still unsaved after saving: %v %v", c.Unsaved, c.Changes)
	}
	if m.open == nil || m.open.Path != want {
		t.Errorf("the saved definition is not opened: %+v", m.open)
	}
	if len(m.entries) != 1 || m.entries[0].Path != want {
		t.Errorf("listed %+v, want the saved file", m.entries)
	}
	// Saving again keeps the previous version.
	press(t, m, c, typed("s")...)
	press(t, m, c, enter, enter, enter)
	if _, err := os.Stat(want + ".~1~"); err != nil {
		t.Errorf("no backup after saving twice: %v (%s)", err, m.message)
	}
}

func TestSaveFormRefusesAFileThatIsNotYAML(t *testing.T) {
	m, c := newScreen(t, i18n.EN, t.TempDir())
	c.Segmentation = segmentation()
	press(t, m, c, typed("s")...)
	press(t, m, c, tea.KeyMsg{Type: tea.KeyCtrlU})
	press(t, m, c, typed("out.txt")...)
	press(t, m, c, enter, enter, enter)
	if !m.Capturing() || m.formErr != c.Tr.T(i18n.DefsNeedFile) || m.actRun != 0 {
		t.Errorf("form open %v, error %q, run %d", m.Capturing(), m.formErr, m.actRun)
	}
	press(t, m, c, tea.KeyMsg{Type: tea.KeyEsc})
	if m.Capturing() {
		t.Error("esc left the form open")
	}
}

func TestConfirmFormMarksTheOpenedDefinitionConfirmed(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "d.yaml")
	d := draft(t, "x")
	if _, err := definition.Save(path, d); err != nil {
		t.Fatal(err)
	}
	m, c := newScreen(t, i18n.EN, dir)
	exec(t, m, c, m.scan())
	press(t, m, c, typed("c")...)
	if m.Capturing() || m.message != c.Tr.T(i18n.DefsNeedOpen) {
		t.Fatalf("c without an opened definition: form %v, message %q", m.Capturing(), m.message)
	}
	press(t, m, c, enter) // open the listed one
	if m.open == nil {
		t.Fatal("enter opened nothing")
	}
	press(t, m, c, typed("c")...)
	press(t, m, c, enter, enter) // no name yet: refused
	if m.formErr != c.Tr.T(i18n.DefsNeedWho) {
		t.Fatalf("confirming without a name: %q", m.formErr)
	}
	press(t, m, c, typed("Li Wei")...)
	press(t, m, c, enter)
	press(t, m, c, typed("agreed")...)
	press(t, m, c, enter)
	got, err := definition.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cf := got.Confirmation
	if cf.Status != definition.Confirmed || cf.By != "Li Wei" || cf.Note != "agreed" || cf.At == nil || !cf.At.Equal(fixedNow) {
		t.Errorf("confirmation %+v", cf)
	}
	if m.open.Def.Confirmation.Status != definition.Confirmed || !strings.Contains(m.View(), "Confirmed by Li Wei on 2025-03-14") {
		t.Errorf("the screen does not show the confirmation:\n%s", m.View())
	}
}

// TestAChangeAfterConfirmationIsShown confirms a saved definition, changes a segment's name
// in the file as a colleague might, and rescans: the list and the summary say it changed
// after its confirmation, in English and in Chinese.
func TestAChangeAfterConfirmationIsShown(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		dir := t.TempDir()
		path := filepath.Join(dir, "d.yaml")
		if _, err := definition.Save(path, draft(t, "x")); err != nil {
			t.Fatal(err)
		}
		if _, _, err := definition.Confirm(path, "Li Wei", "", fixedNow); err != nil {
			t.Fatal(err)
		}
		d, err := definition.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		d.Segments[0].Name.EN += " (edited)"
		if _, err := definition.Save(path, d); err != nil {
			t.Fatal(err)
		}
		m, c := newScreen(t, lang, dir)
		exec(t, m, c, m.scan())
		press(t, m, c, enter)
		v := m.View()
		said := []rune(definition.StateChanged.Text(string(lang)))
		for _, want := range []string{c.Tr.T(i18n.DefsChanged), string(said[:min(len(said), 12)])} {
			if !strings.Contains(v, want) {
				t.Errorf("%s: the screen does not say %q:\n%s", lang, want, v)
			}
		}
	}
}

func TestStaleOpenResultIsDropped(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.yaml", "b.yaml"} {
		d := draft(t, name)
		if _, err := definition.Save(filepath.Join(dir, name), d); err != nil {
			t.Fatal(err)
		}
	}
	m, c := newScreen(t, i18n.EN, dir)
	first := m.startOpen(filepath.Join(dir, "a.yaml"))
	firstRun := m.openRun
	second := m.startOpen(filepath.Join(dir, "b.yaml"))
	// The first run was cancelled by the second; deliver a result for it anyway, as a run that
	// finished just before being cancelled would.
	_ = first
	d, _ := definition.Load(filepath.Join(dir, "a.yaml"))
	m.Update(task.Result[*opened]{Run: firstRun, Value: &opened{Path: "a.yaml", Def: d}})
	if m.open != nil {
		t.Fatalf("the stale result was taken: %+v", m.open.Path)
	}
	exec(t, m, c, second)
	if m.open == nil || filepath.Base(m.open.Path) != "b.yaml" {
		t.Fatalf("opened %+v, want b.yaml", m.open)
	}
	m.Update(task.Result[*opened]{Run: firstRun, Value: &opened{Path: "a.yaml", Def: d}})
	if filepath.Base(m.open.Path) != "b.yaml" {
		t.Errorf("a late stale result replaced the opened definition")
	}
}

func TestCancelledSaveSaysSo(t *testing.T) {
	dir := t.TempDir()
	m, c := newScreen(t, i18n.EN, dir)
	c.Segmentation, c.Unsaved = segmentation(), true
	cmd := m.startSave(filepath.Join(dir, "x.yaml"), "", "")
	c.Tasks.Cancel(m.actRun)
	exec(t, m, c, cmd)
	if !c.Unsaved || !m.failed || m.message != c.Tr.T(i18n.Cancelled) {
		t.Errorf("unsaved %v, message %q", c.Unsaved, m.message)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.yaml")); err == nil {
		t.Error("a cancelled save wrote the file")
	}
}

func TestViewFitsEverySize(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		m, c := newScreen(t, lang, "../../testdata/definitions")
		c.Segmentation = segmentation()
		exec(t, m, c, m.scan())
		press(t, m, c, enter)
		for _, size := range [][2]int{{78, 18}, {158, 42}, {40, 10}} {
			m.SetSize(size[0], size[1])
			for _, v := range []string{m.View(), func() string {
				press(t, m, c, typed("s")...)
				defer press(t, m, c, tea.KeyMsg{Type: tea.KeyEsc})
				return m.View()
			}()} {
				lines := strings.Split(v, "\n")
				if len(lines) != size[1] {
					t.Errorf("%s %v: %d lines", lang, size, len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w != size[0] {
						t.Errorf("%s %v: line %d is %d cells: %q", lang, size, i, w, l)
					}
				}
			}
		}
	}
}
