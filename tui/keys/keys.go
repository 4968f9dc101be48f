// Package keys holds the workbench's key bindings as key.Binding values, with help texts in
// the interface language.
package keys

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/seglab/seglab/tui/i18n"
)

// Global are the keys that work on every screen.
type Global struct {
	Next, Prev key.Binding // cycle screens
	Jump       key.Binding // 1–6 go to a screen
	Help       key.Binding
	Quit       key.Binding
	Cancel     key.Binding // stop the latest background run
}

// NewGlobal returns the global keys with help in tr's language.
func NewGlobal(tr i18n.Tr) Global {
	return Global{
		Next:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", tr.T(i18n.HelpNextScreen))),
		Prev:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", tr.T(i18n.HelpPrevScreen))),
		Jump:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6"), key.WithHelp("1–6", tr.T(i18n.HelpJump))),
		Help:   key.NewBinding(key.WithKeys("?"), key.WithHelp("?", tr.T(i18n.HelpHelp))),
		Quit:   key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", tr.T(i18n.HelpQuit))),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr.T(i18n.HelpCancel))),
	}
}

// List are the keys of a screen with a cursor list.
type List struct {
	Up, Down key.Binding
	Filter   key.Binding // open the "/" filter
	Focus    key.Binding // move between the panes of a screen
}

// NewList returns the list keys with help in tr's language.
func NewList(tr i18n.Tr) List {
	return List{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", tr.T(i18n.HelpUp))),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", tr.T(i18n.HelpDown))),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", tr.T(i18n.HelpFilter))),
		Focus:  key.NewBinding(key.WithKeys("right", "left", "l", "h"), key.WithHelp("←/→", tr.T(i18n.HelpFocus))),
	}
}

// Input are the keys of a focused text input.
type Input struct {
	Apply, Dismiss key.Binding
}

// NewInput returns the text input keys with help in tr's language.
func NewInput(tr i18n.Tr) Input {
	return Input{
		Apply:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", tr.T(i18n.HelpApply))),
		Dismiss: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", tr.T(i18n.HelpDismiss))),
	}
}
