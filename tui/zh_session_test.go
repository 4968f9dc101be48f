package tui

import (
	"context"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/seglab/seglab/engine/workspace"
	"github.com/seglab/seglab/internal/engineadapter"
	"github.com/seglab/seglab/queries"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/screens/screentest"
)

// englishDataWords are the English words of the data's vocabulary (regions, classes,
// heating, housing, special groups, channels, tags) and the English labels of the wide
// table's features: none may appear on a Chinese screen.
func englishDataWords() []string {
	seen := map[string]bool{}
	for _, f := range queries.Features() {
		if f.LabelEN != "" && f.LabelEN != f.LabelZH {
			seen[f.LabelEN] = true
		}
		for _, l := range queries.ValueLabels(f.Name) {
			if l[0] != l[1] && len(l[0]) >= 3 {
				seen[l[0]] = true
			}
		}
	}
	var out []string
	for w := range seen {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// TestChineseSessionShowsNoEnglishDataWords drives the workbench in Chinese on the built-in
// sample with the real engine through every screen — data, dimensions, the sweep, the fit
// and its segment views, each Profiles pane, both Compare panes, the definitions — and fails
// on any English word of the data's vocabulary or any English feature label drawn on the way.
func TestChineseSessionShowsNoEnglishDataWords(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real engine on the sample")
	}
	tr := i18n.Tr{Lang: i18n.ZH}
	m := newModel(context.Background(), i18n.ZH, screentest.PlainStyles(), engineadapter.Opener(tr, workspace.Options{}), nil)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 48))
	long := teatest.WithDuration(90 * time.Second)
	var transcript strings.Builder
	step := func(keys string, markers ...string) {
		t.Helper()
		for _, k := range strings.Fields(keys) {
			switch k {
			case "enter":
				tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			case "right":
				tm.Send(tea.KeyMsg{Type: tea.KeyRight})
			default:
				tm.Type(k)
			}
		}
		// WaitFor passes what it has read in this call; what earlier steps read is in the
		// transcript already (a marker may have been drawn before the keys were sent).
		prior := transcript.String()
		var last []byte
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
			last = out
			return contains(markers...)([]byte(prior + string(out)))
		}, long)
		transcript.Write(last)
	}
	step("", tr.T(i18n.Loading))
	step("", "[居民客户]")
	step("2", "宽表维度")
	step("3 enter", "推荐 k =", "票")
	step("f", "户客户分群")
	step("v", "分群图", "按原始口径描述的规则")
	step("4", "画像热力图")
	step("right right right", "类别分布", "占该群比例")
	step("5", tr.T(i18n.CmpChart))
	step("right", "各区域满意度")
	step("6", tr.T(i18n.DefsList))
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*model)
	defer final.close()

	text := ansi.Strip(transcript.String())
	var found []string
	for _, w := range englishDataWords() {
		if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`).MatchString(text) {
			found = append(found, w)
		}
	}
	if len(found) > 0 {
		t.Errorf("the Chinese session shows English data words %q", found)
	}
	if len(englishDataWords()) < 30 {
		t.Fatalf("only %d English words to look for: the vocabulary was not read", len(englishDataWords()))
	}
}
