// Package widget holds small drawing helpers shared by the screens: cell-exact fitting of
// text, tables, and the confirm dialog. All widths are terminal cells measured with
// lipgloss.Width, so Chinese text (two cells a character) lines up.
package widget

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// ellipsis marks text cut to fit.
const ellipsis = "…"

// Truncate cuts s to at most w cells, ending in an ellipsis when something was cut. Styling
// escapes in s are kept intact.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, ellipsis)
}

// Fit returns s cut or padded with spaces on the right to exactly w cells.
func Fit(s string, w int) string {
	s = Truncate(s, w)
	return s + spaces(w-lipgloss.Width(s))
}

// FitRight returns s cut or padded with spaces on the left to exactly w cells.
func FitRight(s string, w int) string {
	s = Truncate(s, w)
	return spaces(w-lipgloss.Width(s)) + s
}

// Block returns s as exactly h lines of exactly w cells: longer lines are cut, shorter ones
// padded, missing lines added blank and extra lines dropped.
func Block(s string, w, h int) string {
	if h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = Fit(l, w)
	}
	return strings.Join(lines, "\n")
}

// Scroll returns the first of h visible rows of n so that row cursor is shown, keeping the
// view as near the top as possible.
func Scroll(cursor, n, h int) int {
	if h <= 0 || n <= h {
		return 0
	}
	first := max(cursor-h+1, 0)
	return min(first, n-h)
}

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}
