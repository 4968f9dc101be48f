package profiles

import (
	"github.com/seglab/seglab/tui/screens/screentest"
	"strings"
	"testing"

	engine "github.com/seglab/seglab/engine/portrait"
	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/task"
)

// The profile is taken over the portrait tags when the profiler can, and taken again once
// the tags are built, so that the tags show among the traits.
func TestProfileWithPortraitTags(t *testing.T) {
	fake := &backendtest.TaggedProfileSession{}
	c := screentest.NewContext(t, i18n.ZH, fake)
	m := New(c, NewStore())
	w, h := screentest.BodySize(160, 48)
	m.SetSize(w, h)
	screentest.Drive(t, c, m, common.SessionChangedMsg{})
	if fake.Tagged != 1 {
		t.Fatalf("ProfileWithTags called %d times", fake.Tagged)
	}
	if !strings.Contains(m.View(), "用电水平多为高") {
		t.Fatalf("the tag trait is not shown:\n%s", m.View())
	}
	screentest.Drive(t, c, m, task.Result[*engine.TagsResult]{Run: 99, Value: &engine.TagsResult{Rows: 1200}})
	if fake.Tagged != 2 {
		t.Fatalf("the built tags did not profile again (%d calls)", fake.Tagged)
	}
	screentest.Drive(t, c, m, task.Result[*engine.TagsResult]{Run: 100, Err: errString("failed")})
	if fake.Tagged != 2 {
		t.Fatal("failed tags profiled again")
	}
}

type errString string

func (e errString) Error() string { return string(e) }
