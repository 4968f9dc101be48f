package data

import (
	"strings"
	"testing"

	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
)

// warnedSession is the fake session whose loading found doubtful data.
type warnedSession struct {
	backendtest.Session
	warnings map[string][]string // by language
}

func (s *warnedSession) Warnings(lang string) []string { return s.warnings[lang] }

// TestPlausibilityWarningsShow: the Data screen shows the loader's first warning in the
// screen's language and how many more there are, inside the frame; no line without any.
func TestPlausibilityWarningsShow(t *testing.T) {
	fake := &warnedSession{warnings: map[string][]string{
		"en": {"survey.csv: 12 values of 满意度 are outside 0–10 (largest 95)", "billing.csv: 3 totals rows (合计, 总计, 小计) were left out"},
		"zh": {"survey.csv：12 个满意度值超出 0–10", "billing.csv：3 行合计/总计/小计已剔除"},
	}}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		c := screentest.NewContext(t, lang, fake)
		m := New(c)
		m.SetSize(100, 30)
		screentest.Drive(t, c, m, common.SessionChangedMsg{})
		v := m.View()
		screentest.CheckFrame(t, v, 100, 30)
		want := map[i18n.Lang][]string{i18n.EN: {"! survey.csv: 12 values", "+1 more"}, i18n.ZH: {"! survey.csv：12 个满意度值", "另有 1 条"}}[lang]
		for _, s := range want {
			if !strings.Contains(v, s) {
				t.Errorf("%s: the Data screen lacks %q:\n%s", lang, s, v)
			}
		}
	}
	c := screentest.NewContext(t, i18n.EN, &warnedSession{})
	m := New(c)
	m.SetSize(100, 30)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	if strings.Contains(m.View(), "! ") {
		t.Errorf("a warning line without warnings:\n%s", m.View())
	}
}
