package portrait

import (
	"errors"
	"fmt"
	"github.com/seglab/seglab/tui/screens/screentest"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/seglab/seglab/tui/backend/backendtest"
	"github.com/seglab/seglab/tui/common"
	"github.com/seglab/seglab/tui/i18n"
)

// openKey stands for the Data screen's key that opens the view.
var openKey = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "portrait"))

// newView returns the view over s in lang, sized as the body of a w×h terminal.
func newView(t *testing.T, lang i18n.Lang, s *backendtest.PortraitSession, w, h int) (*common.Context, *Model) {
	t.Helper()
	c := screentest.NewContext(t, lang, s)
	m := New(c, openKey)
	bw, bh := screentest.BodySize(w, h)
	m.SetSize(bw, bh)
	return c, m
}

// open opens the view and runs what it starts to the end.
func open(t *testing.T, c *common.Context, m *Model) {
	t.Helper()
	for _, msg := range screentest.Run(t, m.Open()) {
		screentest.Drive(t, c, m, msg)
	}
}

// TestGoldenViews draws every tab over the fake portrait in both languages at the body sizes
// of an 80×24 and a 160×48 terminal, in each state worth seeing, and compares the views with
// testdata/TestGoldenViews/*.golden (refresh with go test ./tui/screens/portrait -update).
func TestGoldenViews(t *testing.T) {
	states := []struct {
		name         string
		inconsistent bool  // the fake's comparison matrix is refused
		paymentErr   error // the fake's payment analysis fails
		keys         []string
		start        bool // open without running what it starts: the computation shows
	}{
		{name: "value"},
		{name: "value_filter", keys: []string{"/", "31000001"}},
		{name: "value_scrolled", keys: []string{"pgdown", "down"}},
		{name: "value_refused", inconsistent: true},
		{name: "value_running", start: true},
		{name: "payment", keys: []string{"right"}},
		{name: "payment_cursor", keys: []string{"right", "down", "down"}},
		{name: "payment_error", paymentErr: errors.New("the payments export has no payment dates"),
			keys: []string{"right"}},
		{name: "business", keys: []string{"left"}},
		{name: "business_cursor", keys: []string{"left", "down", "down"}},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			for _, state := range states {
				name := fmt.Sprintf("%s_%dx%d_%s", lang, size[0], size[1], state.name)
				t.Run(name, func(t *testing.T) {
					fake := &backendtest.PortraitSession{Inconsistent: state.inconsistent, PaymentErr: state.paymentErr}
					c, m := newView(t, lang, fake, size[0], size[1])
					if state.start {
						m.Open() // its commands are not run: the value stays in computation
					} else {
						open(t, c, m)
					}
					screentest.Press(t, c, m, state.keys...)
					view := m.View()
					w, h := screentest.BodySize(size[0], size[1])
					screentest.CheckFrame(t, view, w, h)
					golden.RequireEqual(t, []byte(view))
				})
			}
		}
	}
}
