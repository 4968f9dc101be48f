package compare

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// cell kinds, in the order a label may overwrite them: a label goes only on empty cells and
// on the reference lines.
const (
	kindEmpty = iota
	kindLine
	kindText
	kindPoint
)

// cell is one terminal cell of the canvas. A character two cells wide sits in its first
// cell; the second is a continuation that draws nothing.
type cell struct {
	s     string
	style int // index into canvas.styles
	kind  int
	cont  bool
}

// canvas is a grid of cells to draw a chart on, measured in terminal cells so that Chinese
// labels line up.
type canvas struct {
	w, h   int
	cells  [][]cell
	styles []lipgloss.Style
}

func newCanvas(w, h int, styles []lipgloss.Style) *canvas {
	c := &canvas{w: max(w, 0), h: max(h, 0), styles: styles}
	c.cells = make([][]cell, c.h)
	for y := range c.cells {
		c.cells[y] = make([]cell, c.w)
		for x := range c.cells[y] {
			c.cells[y][x] = cell{s: " "}
		}
	}
	return c
}

// clear empties cell (x, y), and the other half of a wide character it belongs to.
func (c *canvas) clear(x, y int) {
	row := c.cells[y]
	if row[x].cont && x > 0 {
		row[x-1] = cell{s: " "}
	}
	if x+1 < c.w && row[x+1].cont {
		row[x+1] = cell{s: " "}
	}
	row[x] = cell{s: " "}
}

// text draws s from (x, y) rightwards, dropping what falls outside the canvas.
func (c *canvas) text(x, y int, s string, style, kind int) {
	if y < 0 || y >= c.h {
		return
	}
	for _, r := range s {
		cw := lipgloss.Width(string(r))
		if cw == 0 {
			continue
		}
		if x >= 0 && x+cw <= c.w {
			c.clear(x, y)
			if cw == 2 {
				c.clear(x+1, y)
			}
			c.cells[y][x] = cell{s: string(r), style: style, kind: kind}
			if cw == 2 {
				c.cells[y][x+1] = cell{style: style, kind: kind, cont: true}
			}
		}
		x += cw
	}
}

// free reports whether s fits at (x, y) inside the canvas over cells of kind up to most,
// with no text or point right before or after it, so that a label never touches another.
func (c *canvas) free(x, y int, s string, most int) bool {
	n := lipgloss.Width(s)
	if y < 0 || y >= c.h || x < 0 || x+n > c.w {
		return false
	}
	for i := x; i < x+n; i++ {
		if c.cells[y][i].kind > most {
			return false
		}
	}
	for _, i := range []int{x - 1, x + n} {
		if i >= 0 && i < c.w && c.cells[y][i].kind >= kindText {
			return false
		}
	}
	return true
}

// kind returns the kind of cell (x, y), or kindText outside the canvas.
func (c *canvas) kind(x, y int) int {
	if y < 0 || y >= c.h || x < 0 || x >= c.w {
		return kindText
	}
	return c.cells[y][x].kind
}

// lines renders the canvas, one string per row, each exactly w cells wide.
func (c *canvas) lines() []string {
	out := make([]string, c.h)
	for y, row := range c.cells {
		var b strings.Builder
		var run strings.Builder
		style := -1
		flush := func() {
			if run.Len() > 0 {
				if style >= 0 && style < len(c.styles) {
					b.WriteString(c.styles[style].Render(run.String()))
				} else {
					b.WriteString(run.String())
				}
				run.Reset()
			}
		}
		for _, cl := range row {
			if cl.cont {
				continue
			}
			if cl.style != style {
				flush()
				style = cl.style
			}
			run.WriteString(cl.s)
		}
		flush()
		out[y] = b.String()
	}
	return out
}
