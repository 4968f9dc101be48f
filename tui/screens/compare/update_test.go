package compare

import (
	"context"
	"errors"
	"github.com/seglab/seglab/tui/screens/screentest"
	"strings"
	"testing"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/profiles"
	"github.com/seglab/seglab/tui/task"
)

func TestPanesSwitchAndScroll(t *testing.T) {
	c, _, m := newScreens(t, i18n.EN, &backendtest.ProfileSession{}, 80, 24)
	if v := m.View(); !strings.Contains(v, "many outages, satisfied") || !strings.Contains(v, "few outages, unsatisfied") {
		t.Fatalf("the chart lacks its quadrants:\n%s", v)
	}
	screentest.Press(t, c, m, "right")
	v := m.View()
	if !strings.Contains(v, "8.1 / 0.27 *") || !strings.Contains(v, "! 4 Segment 4: 12 answers") {
		t.Fatalf("→ does not show the region table and coverage warnings:\n%s", v)
	}
	screentest.Press(t, c, m, "down", "down", "down", "down", "down", "down", "down", "down")
	if m.scroll == 0 || m.scroll > 3 {
		t.Errorf("scroll %d after eight downs, want it stopped at the end of the tables", m.scroll)
	}
	if !strings.Contains(m.View(), "uncertain to compare") {
		t.Errorf("scrolling does not show the last warning:\n%s", m.View())
	}
	screentest.Press(t, c, m, "up", "up", "up", "up")
	if m.scroll != 0 {
		t.Errorf("scroll %d after scrolling back", m.scroll)
	}
}

func TestMergeOnProfilesUpdatesTheChart(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, p, m := newScreens(t, i18n.EN, s, 160, 48)
	if !strings.Contains(m.View(), "1 Basic-service") {
		t.Fatal("segment 1 is not on the chart")
	}
	for _, k := range []string{"m", "down", "enter", "y"} {
		screentest.Drive(t, c, both{p, m}, screentest.Key(k))
	}
	v := m.View()
	if strings.Contains(v, "Basic-service") || !strings.Contains(v, "1 Affluent 384") {
		t.Errorf("after the merge the chart still shows the old segments:\n%s", v)
	}
}

func TestStaleResultIgnored(t *testing.T) {
	c, _, m := newScreens(t, i18n.EN, &backendtest.ProfileSession{}, 80, 24)
	old := m.store.Result
	screentest.Drive(t, c, m, task.Result[*profile.Result]{Run: 999, Value: &profile.Result{}})
	if m.store.Result != old {
		t.Error("a result of a run nobody waits for replaced the profile")
	}
}

func TestRecomputeAndCancel(t *testing.T) {
	s := &backendtest.ProfileSession{}
	c, _, m := newScreens(t, i18n.ZH, s, 80, 24)
	s.ProfileGate = make(chan struct{})
	_, cmd := m.Update(screentest.Key("p"))
	if !m.store.Running() || !strings.Contains(m.View(), "正在计算画像") {
		t.Fatalf("p does not show the run:\n%s", m.View())
	}
	screentest.Press(t, c, m, "esc")
	for _, msg := range screentest.Run(t, cmd) {
		screentest.Drive(t, c, m, msg)
	}
	if !errors.Is(m.store.Err, context.Canceled) || m.store.Running() {
		t.Errorf("esc does not cancel: err %v", m.store.Err)
	}
}

func TestEmptyStates(t *testing.T) {
	c := screentest.NewContext(t, i18n.EN, nil)
	m := New(c, profiles.NewStore())
	m.SetSize(78, 19)
	if v := m.View(); !strings.Contains(v, "Open data on screen 1") {
		t.Errorf("without data:\n%s", v)
	}
	_, _, m = newScreens(t, i18n.ZH, &backendtest.ProfileSession{Unsegmented: true}, 80, 24)
	if v := m.View(); !strings.Contains(v, "请先在第 3 屏") {
		t.Errorf("without a segmentation:\n%s", v)
	}
}

func TestNoChartWithoutSurvey(t *testing.T) {
	c, _, m := newScreens(t, i18n.EN, &backendtest.ProfileSession{}, 80, 24)
	m.store.Result.SatisfactionOutage, m.store.Result.Survey = nil, nil
	if v := m.View(); !strings.Contains(v, "no satisfaction or outage column") {
		t.Errorf("no explanation without the chart:\n%s", v)
	}
	screentest.Press(t, c, m, "right")
	screentest.CheckFrame(t, m.View(), m.width, m.height)
}

func TestResize(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		c, _, m := newScreens(t, lang, &backendtest.ProfileSession{}, 80, 24)
		for _, size := range [][2]int{{78, 19}, {40, 10}, {129, 35}, {130, 35}, {100, 36}, {200, 60}, {12, 4}} {
			m.SetSize(size[0], size[1])
			for _, k := range []string{"", "right", "down", "right"} {
				if k != "" {
					screentest.Press(t, c, m, k)
				}
				screentest.CheckFrame(t, m.View(), size[0], size[1])
			}
		}
		screentest.Drive(t, c, m, common.SessionChangedMsg{}) // Compare leaves computing to Profiles
		if m.store.Running() {
			t.Error("Compare started a run on a session change")
		}
	}
}
