package widget

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/seglab/seglab/tui/styles"
)

// Pane draws a titled box of exactly w×h cells, in the active style when active; body draws
// the content in the inner width and the height left under the title. The frame's size comes
// from the style itself.
func Pane(st *styles.Styles, active bool, title string, w, h int, body func(w, h int) string) string {
	style := st.Pane
	if active {
		style = st.ActivePane
	}
	iw, ih := w-style.GetHorizontalFrameSize(), h-style.GetVerticalFrameSize()
	if iw <= 0 || ih <= 0 {
		return Block("", max(w, 0), max(h, 0))
	}
	content := st.Title.Render(Truncate(title, iw)) + "\n" + body(iw, ih-1)
	return style.Render(Block(content, iw, ih))
}

// Wheel returns how far a mouse event moves a list: −1 for the wheel turned up, 1 for down,
// 0 for anything else.
func Wheel(msg tea.MouseMsg) int {
	if msg.Action != tea.MouseActionPress {
		return 0
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return -1
	case tea.MouseButtonWheelDown:
		return 1
	}
	return 0
}
