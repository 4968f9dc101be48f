// Package common holds what every workbench screen shares: the size-aware Context passed by
// pointer, and the Component contract a screen fulfils.
package common

import (
	"context"
	"errors"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/tui/backend"
	"github.com/seglab/seglab/tui/i18n"
	"github.com/seglab/seglab/tui/styles"
	"github.com/seglab/seglab/tui/task"
)

// Context is the state shared by the root model and every screen. There is one per program;
// the root owns it and screens hold a pointer to it. It is read and changed only inside
// Update, never from a command.
type Context struct {
	Ctx    context.Context // cancelled when the program ends; parent of every run
	Styles *styles.Styles
	Tr     i18n.Tr
	Tasks  *task.Board

	Width, Height int // the whole terminal

	Session    backend.Session     // nil until the data has loaded
	OpenErr    error               // why opening the data failed, if it did
	Population backend.Population  // the customers to segment, chosen on the Data screen
	Dimensions []backend.Dimension // the dimensions chosen on the Dimensions screen
	Scaling    backend.Scaling     // how the dimensions are scaled, chosen on the Dimensions screen
	// Segmentation is the segmentation fitted on the Clusters screen; nil until one is.
	Segmentation *backend.Segmentation
	Unsaved      bool // choices were made that are not saved anywhere yet
	// Changes says what is unsaved, for the quit question; the root keeps it from the
	// messages that announce changes.
	Changes Changes

	// Now is the clock (time.Now when nil); tests fix it.
	Now func() time.Time
	// WorkDir is where definitions are listed and saved by default ("" = the current
	// directory).
	WorkDir string
}

// Changes are the kinds of unsaved work.
type Changes uint8

// The kinds of unsaved work.
const (
	ChangedDimensions   Changes = 1 << iota // dimension, transform, weight or scaling choices
	ChangedSegmentation                     // a fitted segmentation not saved as a definition
	ChangedSegments                         // segments renamed or merged on the Profiles screen
)

// Time returns the current time by the context's clock.
func (c *Context) Time() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Saved records that the segmentation and everything it was built from are saved.
func (c *Context) Saved() {
	c.Unsaved, c.Changes = false, 0
}

// Component is a part of the workbench (a screen, a pane): a Bubble Tea model that
// describes its keys and is told its size.
type Component interface {
	tea.Model
	help.KeyMap
	// SetSize gives the component the cells it may draw in; its View must fit them exactly.
	SetSize(width, height int)
}

// Capturer is implemented by components that can hold a focused text input. While
// Capturing reports true, every key goes to the component and none is a global shortcut.
type Capturer interface {
	Capturing() bool
}

// SessionChangedMsg tells every screen that Context.Session or Context.OpenErr changed.
type SessionChangedMsg struct{}

// PopulationChangedMsg tells every screen that Context.Population changed.
type PopulationChangedMsg struct{}

// DimensionsChangedMsg tells every screen that Context.Dimensions or Context.Scaling changed.
type DimensionsChangedMsg struct{}

// SegmentedMsg tells every screen that Context.Segmentation changed.
type SegmentedMsg struct{}

// Broadcast returns a command that delivers msg, which the root hands to every screen.
func Broadcast(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

// ErrorText says in plain words, in the interface language, why a run ended with err.
func ErrorText(tr i18n.Tr, err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return tr.T(i18n.Cancelled)
	case errors.Is(err, backend.ErrUnavailable):
		return tr.T(i18n.ErrUnavailable)
	}
	return tr.F(i18n.ErrorText, err)
}

// NotOpen says in the interface language what a screen shows while no session is open: why
// opening failed, or the screen's own notYet message while it is still opening.
func NotOpen(c *Context, notYet i18n.Key) string {
	if c.OpenErr != nil {
		return ErrorText(c.Tr, c.OpenErr)
	}
	return c.Tr.T(notYet)
}

// ScalingLabel names s in the interface language.
func ScalingLabel(tr i18n.Tr, s backend.Scaling) string {
	switch s {
	case backend.ScaleRobust:
		return tr.T(i18n.ScaleRobust)
	case backend.ScaleMinMax:
		return tr.T(i18n.ScaleMinMax)
	}
	return tr.T(i18n.ScaleZ)
}

// PopulationLabel names pop in the interface language.
func PopulationLabel(tr i18n.Tr, pop backend.Population) string {
	switch pop.Kind {
	case backend.Residential:
		return tr.T(i18n.PopResidential)
	case backend.Business:
		return tr.T(i18n.PopBusiness)
	case backend.ColumnEquals:
		return tr.F(i18n.PopColumn, pop.Column, pop.Value)
	}
	return tr.T(i18n.PopEveryone)
}
