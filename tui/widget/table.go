package widget

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Table is a grid of text cells with a heading row, drawn to a fixed width.
type Table struct {
	Head  []string
	Rows  [][]string
	Right []bool // Right[i]: align column i to the right (numbers)
	Flex  []bool // Flex[i]: narrow column i first when the table is too wide

	Cursor     int  // the highlighted row; ignored unless ShowCursor
	ShowCursor bool // mark the cursor row with a "›" and the Selected style

	HeadStyle     lipgloss.Style
	SelectedStyle lipgloss.Style
}

// gap separates columns.
const gap = "  "

// minColumn is the narrowest a column is squeezed to.
const minColumn = 3

// Render draws the table in exactly width cells and at most height lines (heading
// included), scrolled so that the cursor row shows. When the columns are wider than the
// room, the widest Flex column is narrowed first, then the widest of all, and cells are cut
// with an ellipsis.
func (t Table) Render(width, height int) string {
	if height <= 0 || width <= 0 {
		return ""
	}
	widths := t.widths(width - 2) // two cells for the cursor marker
	var b strings.Builder
	b.WriteString(t.HeadStyle.Render(Fit("  "+t.line(t.Head, widths), width)))
	visible := height - 1
	first := Scroll(t.Cursor, len(t.Rows), visible)
	for i := first; i < len(t.Rows) && i < first+visible; i++ {
		b.WriteByte('\n')
		marker, style := "  ", lipgloss.NewStyle()
		if t.ShowCursor && i == t.Cursor {
			marker, style = "› ", t.SelectedStyle
		}
		b.WriteString(style.Render(Fit(marker+t.line(t.Rows[i], widths), width)))
	}
	return b.String()
}

func (t Table) line(cells []string, widths []int) string {
	parts := make([]string, len(widths))
	for i, w := range widths {
		var c string
		if i < len(cells) {
			c = cells[i]
		}
		if i < len(t.Right) && t.Right[i] {
			parts[i] = FitRight(c, w)
		} else {
			parts[i] = Fit(c, w)
		}
	}
	return strings.Join(parts, gap)
}

// widths returns each column's width so that all of them, with gaps, fit in room.
func (t Table) widths(room int) []int {
	n := len(t.Head)
	widths := make([]int, n)
	for i, h := range t.Head {
		widths[i] = lipgloss.Width(h)
	}
	for _, r := range t.Rows {
		for i := 0; i < n && i < len(r); i++ {
			widths[i] = max(widths[i], lipgloss.Width(r[i]))
		}
	}
	total := func() int {
		s := len(gap) * max(n-1, 0)
		for _, w := range widths {
			s += w
		}
		return s
	}
	// widest returns the widest column that may still narrow, among the flexible ones
	// only when flexOnly, or -1.
	widest := func(flexOnly bool) int {
		best := -1
		for i, w := range widths {
			flex := i < len(t.Flex) && t.Flex[i]
			if w > minColumn && (flex || !flexOnly) && (best < 0 || w > widths[best]) {
				best = i
			}
		}
		return best
	}
	for total() > room {
		i := widest(true)
		if i < 0 {
			i = widest(false)
		}
		if i < 0 {
			break // Fit cuts the line at the edge
		}
		widths[i]--
	}
	return widths
}
