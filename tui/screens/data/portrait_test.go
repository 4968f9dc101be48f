package data

import (
	"github.com/seglab/seglab/tui/screens/screentest"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
)

func helpKeys(bindings []key.Binding) []string {
	var out []string
	for _, b := range bindings {
		out = append(out, b.Help().Key)
	}
	return out
}

func fullHelpKeys(groups [][]key.Binding) []string {
	var out []string
	for _, g := range groups {
		out = append(out, helpKeys(g)...)
	}
	return out
}

// Once the data is open the portrait tags are built; the portrait relation is then listed
// among the sources with the tags described first, and v opens the portrait view.
func TestPortraitTagsAndView(t *testing.T) {
	fake := &backendtest.PortraitSession{}
	c := screentest.NewContext(t, i18n.EN, fake)
	m := New(c)
	m.SetSize(78, 19)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	if fake.CallCount("tags") != 1 {
		t.Fatalf("tags built %d times", fake.CallCount("tags"))
	}
	tables := m.tables()
	last := tables[len(tables)-1]
	if last.Name != "portrait" || last.Rows != 1200 {
		t.Fatalf("sources: %+v", tables)
	}
	if !slices.Contains(helpKeys(m.ShortHelp()), "v") || !slices.Contains(fullHelpKeys(m.FullHelp()), "v") {
		t.Error("v is not in the help")
	}
	screentest.Press(t, c, m, "down", "down", "down")
	if !m.isPortrait(m.source) {
		t.Fatalf("source %d is not the portrait", m.source)
	}
	if cols := m.described.columns; len(cols) < 6 || cols[0].Name != "usage_level" || cols[5].Name != "complaint_prone" {
		t.Fatalf("portrait columns: %+v", cols)
	}
	view := m.View()
	for _, want := range []string{"portrait", "wide table + portrait tags", "usage_level"} {
		if !strings.Contains(view, want) {
			t.Errorf("the Data view lacks %q:\n%s", want, view)
		}
	}

	screentest.Press(t, c, m, "v")
	if !m.Showing() || !strings.Contains(m.View(), "Customer portrait:") || !strings.Contains(m.View(), "30 business customers scored") {
		t.Fatalf("v did not open the portrait view:\n%s", m.View())
	}
	if slices.Contains(helpKeys(m.ShortHelp()), "p") {
		t.Error("the Data keys are offered inside the portrait view")
	}
	screentest.Press(t, c, m, "p") // not the population key while the view shows
	if c.Population.Kind != 0 {
		t.Error("p changed the population from inside the portrait view")
	}
	screentest.Press(t, c, m, "esc")
	if m.Showing() {
		t.Fatal("esc did not go back to the Data view")
	}
	screentest.Press(t, c, m, "v", "v")
	if m.Showing() {
		t.Fatal("v did not close the portrait view")
	}
	if fake.CallCount("value") != 1 {
		t.Errorf("value computed %d times", fake.CallCount("value"))
	}
}

// A failed portrait is named among the sources and said in plain words.
func TestPortraitTagsFail(t *testing.T) {
	fake := &backendtest.PortraitSession{TagsErr: errTags}
	c := screentest.NewContext(t, i18n.ZH, fake)
	m := New(c)
	m.SetSize(78, 19)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	screentest.Press(t, c, m, "down", "down", "down")
	view := m.View()
	if !strings.Contains(view, "失败") || !strings.Contains(view, "未能完成") {
		t.Fatalf("view:\n%s", view)
	}
}

// A session that cannot compute the portrait lists no portrait and offers no v.
func TestNoPortraitWithoutPortraitist(t *testing.T) {
	c := screentest.NewContext(t, i18n.EN, &backendtest.Session{})
	m := New(c)
	m.SetSize(78, 19)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	for _, tb := range m.tables() {
		if tb.Name == "portrait" {
			t.Fatal("portrait listed")
		}
	}
	if slices.Contains(helpKeys(m.ShortHelp()), "v") || slices.Contains(fullHelpKeys(m.FullHelp()), "v") {
		t.Error("v offered")
	}
	screentest.Press(t, c, m, "v")
	if m.Showing() {
		t.Error("v opened the view")
	}
}

var errTags = errorString("the customer table lacks usage_cv")

type errorString string

func (e errorString) Error() string { return string(e) }
