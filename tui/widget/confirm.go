package widget

import (
	"github.com/charmbracelet/lipgloss"
)

// Confirm draws a yes/no question centred in a width×height area: the question, a blank
// line, then hint, inside style (a bordered box).
func Confirm(style lipgloss.Style, question, hint string, width, height int) string {
	inner := max(width-style.GetHorizontalFrameSize()-4, 10)
	body := lipgloss.NewStyle().Width(min(inner, max(lipgloss.Width(question), lipgloss.Width(hint)))).
		Render(question + "\n\n" + hint)
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, style.Render(body))
}
