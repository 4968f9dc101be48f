package data

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
)

// mapperSession is the fake session with a wide-table file's headers resolved by role; it
// records the mappings it is asked to apply and the saves.
type mapperSession struct {
	backendtest.Session
	headers []string
	mapping roles.Mapping
	remaps  []roles.Mapping
	saves   int
}

func (s *mapperSession) Roles() []roles.Match {
	return roles.Resolve(roles.Wide, s.headers, s.mapping)
}
func (s *mapperSession) Headers() []string      { return s.headers }
func (s *mapperSession) Mapping() roles.Mapping { return s.mapping.Clone() }
func (s *mapperSession) Remap(_ context.Context, m roles.Mapping) error {
	s.remaps = append(s.remaps, m.Clone())
	s.mapping = m.Clone()
	return nil
}
func (s *mapperSession) SaveMapping() (string, error) {
	s.saves++
	return "/data/seglab-mapping.yaml", nil
}

func roleIndex(t *testing.T, role string) int {
	t.Helper()
	i := slices.IndexFunc(roles.InScope(roles.Wide), func(r roles.Role) bool { return r.Name == role })
	if i < 0 {
		t.Fatalf("no role %s", role)
	}
	return i
}

// m opens the column roles: each role with its column, how it was found, how sure and
// samples; Enter confirms an offered (partial) match, ←/→ then Enter change a column, s
// saves beside the data, Esc closes.
func TestMappingPane(t *testing.T) {
	fake := &mapperSession{headers: []string{"客户编号", "地区", "片区", "近年满意度", "停电次数"}}
	c := screentest.NewContext(t, i18n.ZH, fake)
	m := New(c)
	m.SetSize(100, 50)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	screentest.Press(t, c, m, "m")
	if !m.Capturing() {
		t.Fatal("the pane does not take the keys")
	}
	view := m.View()
	for _, want := range []string{"列角色", "户号", "客户编号", "同义列名", "90%", "近年满意度", "部分匹配", "50%"} {
		if !strings.Contains(view, want) {
			t.Errorf("the pane lacks %q:\n%s", want, view)
		}
	}
	screentest.CheckFrame(t, view, 100, 50)

	// Confirm the partial match of satisfaction.
	for range roleIndex(t, "satisfaction") {
		screentest.Press(t, c, m, "down")
	}
	screentest.Press(t, c, m, "enter")
	if len(fake.remaps) != 1 || fake.remaps[0].Columns["satisfaction"] != "近年满意度" {
		t.Fatalf("remaps %+v", fake.remaps)
	}
	if !strings.Contains(m.View(), "已应用") {
		t.Errorf("no word that the mapping was applied:\n%s", m.View())
	}

	// Region: 地区 → the next header, 片区.
	for range roleIndex(t, "satisfaction") - roleIndex(t, "region") {
		screentest.Press(t, c, m, "up")
	}
	screentest.Press(t, c, m, "right")
	if !strings.Contains(m.View(), "已修改") {
		t.Errorf("a changed column is not marked:\n%s", m.View())
	}
	screentest.Press(t, c, m, "enter")
	if len(fake.remaps) != 2 || fake.remaps[1].Columns["region"] != "片区" || fake.remaps[1].Columns["satisfaction"] != "近年满意度" {
		t.Fatalf("remaps %+v", fake.remaps)
	}

	screentest.Press(t, c, m, "s")
	if fake.saves != 1 || !strings.Contains(m.View(), "/data/seglab-mapping.yaml") {
		t.Errorf("saves %d:\n%s", fake.saves, m.View())
	}
	screentest.Press(t, c, m, "esc")
	if m.mp.open || m.Capturing() {
		t.Error("esc does not close the pane")
	}
}

// Data without a customer id opens the pane by itself, saying so.
func TestMappingPaneAsksForTheID(t *testing.T) {
	fake := &mapperSession{headers: []string{"档案标识", "区域", "满意度"}}
	c := screentest.NewContext(t, i18n.EN, fake)
	m := New(c)
	m.SetSize(100, 50)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	if !m.mp.open || !strings.Contains(m.View(), "no column is the customer id") {
		t.Fatalf("the pane did not ask for the id:\n%s", m.View())
	}
	screentest.Press(t, c, m, "right", "enter") // customer id → 档案标识
	if len(fake.remaps) != 1 || fake.remaps[0].Columns["customer_id"] != "档案标识" {
		t.Fatalf("remaps %+v", fake.remaps)
	}
}
