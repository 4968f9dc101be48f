package data

import (
	"strings"
	"testing"

	"github.com/seglab/seglab/tui/backend"
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

// contractSession is the fake session that states a one-kind export contract.
type contractSession struct{ backendtest.Session }

func (contractSession) Contract() []backend.ExportKind {
	return []backend.ExportKind{{Kind: "billing", Title: "电费账单", Columns: []backend.ExportField{
		{Name: "customer_id", Chinese: "户号", Also: []string{"用户编号", "客户编号"}, Type: "text", Required: true},
		{Name: "amount", Chinese: "应收电费", Also: []string{"电费金额"}, Type: "number", Required: true},
		{Name: "heating", Chinese: "采暖方式", Type: "text"},
	}}}
}

// TestContractView: e shows the export contract in the screen — each column's Chinese and
// English name, required or optional, the other wordings — inside the frame; e closes it.
func TestContractView(t *testing.T) {
	c := screentest.NewContext(t, i18n.ZH, &contractSession{})
	m := New(c)
	m.SetSize(100, 30)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	screentest.Press(t, c, m, "e")
	v := m.View()
	screentest.CheckFrame(t, v, 100, 30)
	for _, want := range []string{"电费账单", "户号", "customer_id", "必需", "可选", "用户编号 / 客户编号"} {
		if !strings.Contains(v, want) {
			t.Errorf("the contract lacks %q:\n%s", want, v)
		}
	}
	screentest.Press(t, c, m, "e")
	if m.contract || strings.Contains(m.View(), "电费账单") {
		t.Error("e does not close the contract")
	}
}
