// Package styles holds every lipgloss style of the workbench in one Styles struct.
//
// Colours are adaptive (one shade for light, one for dark terminals). Nothing in the
// workbench relies on colour alone: active tabs, cursors and selections also carry a marker
// character, so the screens read the same when NO_COLOR strips every colour.
package styles

import (
	"github.com/charmbracelet/lipgloss"
)

// Palette colours, each readable on a light and on a dark background.
var (
	accent  = lipgloss.AdaptiveColor{Light: "#1F5FAD", Dark: "#6CB6FF"}
	muted   = lipgloss.AdaptiveColor{Light: "#5F5F5F", Dark: "#A0A0A0"}
	subtle  = lipgloss.AdaptiveColor{Light: "#D0D0D0", Dark: "#3A3A3A"}
	warning = lipgloss.AdaptiveColor{Light: "#A15C00", Dark: "#FFB454"}
	danger  = lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF7B72"}
	good    = lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#56D364"}
	barFg   = lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#0D1117"}
)

// Styles are the workbench's styles. Build them with New; the zero value renders plain text.
type Styles struct {
	App lipgloss.Style // the whole window

	Header    lipgloss.Style // the line of screen tabs
	Tab       lipgloss.Style // an inactive tab
	ActiveTab lipgloss.Style // the tab of the shown screen

	Body lipgloss.Style // the frame around the active screen

	StatusBar   lipgloss.Style // the bottom line
	StatusKey   lipgloss.Style // a label inside the status bar
	StatusValue lipgloss.Style // a value inside the status bar

	Title      lipgloss.Style // a section title inside a screen
	Pane       lipgloss.Style // a bordered box inside a screen
	ActivePane lipgloss.Style // the focused box
	Muted      lipgloss.Style // secondary text
	Selected   lipgloss.Style // the row under the cursor
	TableHead  lipgloss.Style // column headings of a table
	Warning    lipgloss.Style // something the user should look at
	Error      lipgloss.Style // a failure, in plain words
	Good       lipgloss.Style // a finished task

	Dialog lipgloss.Style // a modal question (quit confirmation)

	// Heat holds the styles of a correlation heat map from weak (index 0) to strong
	// positive; HeatNeg the same for negative correlations.
	Heat    [4]lipgloss.Style
	HeatNeg [4]lipgloss.Style
}

// New returns the workbench styles for renderer r, which decides the colour profile (and so
// honours NO_COLOR) and whether the background is dark.
func New(r *lipgloss.Renderer) *Styles {
	s := &Styles{}
	s.App = r.NewStyle()
	s.Header = r.NewStyle().
		Border(lipgloss.NormalBorder(), false, false, true, false).
		BorderForeground(subtle)
	s.Tab = r.NewStyle().Foreground(muted)
	s.ActiveTab = r.NewStyle().Foreground(accent).Bold(true)
	s.Body = r.NewStyle().Padding(0, 1)
	s.StatusBar = r.NewStyle().
		Border(lipgloss.NormalBorder(), true, false, false, false).
		BorderForeground(subtle)
	s.StatusKey = r.NewStyle().Foreground(barFg).Background(accent).Padding(0, 1)
	s.StatusValue = r.NewStyle().Foreground(muted).Padding(0, 1)
	s.Title = r.NewStyle().Foreground(accent).Bold(true)
	s.Pane = r.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(subtle).Padding(0, 1)
	s.ActivePane = s.Pane.BorderForeground(accent)
	s.Muted = r.NewStyle().Foreground(muted)
	s.Selected = r.NewStyle().Foreground(accent).Bold(true)
	s.TableHead = r.NewStyle().Foreground(muted).Bold(true)
	s.Warning = r.NewStyle().Foreground(warning)
	s.Error = r.NewStyle().Foreground(danger).Bold(true)
	s.Good = r.NewStyle().Foreground(good)
	s.Dialog = r.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(warning).Padding(1, 2)
	pos := []lipgloss.AdaptiveColor{
		{Light: "#9E9E9E", Dark: "#5A5A5A"},
		{Light: "#6FA8DC", Dark: "#3D6FA3"},
		{Light: "#2F6DB5", Dark: "#5A9BE0"},
		{Light: "#0B3D91", Dark: "#9CCBFF"},
	}
	neg := []lipgloss.AdaptiveColor{
		{Light: "#9E9E9E", Dark: "#5A5A5A"},
		{Light: "#E6A07A", Dark: "#A3583D"},
		{Light: "#C8553D", Dark: "#E07A5A"},
		{Light: "#8C1C13", Dark: "#FFA98F"},
	}
	for i := range s.Heat {
		s.Heat[i] = r.NewStyle().Foreground(pos[i])
		s.HeatNeg[i] = r.NewStyle().Foreground(neg[i])
	}
	return s
}
