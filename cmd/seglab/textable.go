package main

import (
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/seglab/seglab/engine/textsafe"
)

// textTable is a plain-text table for terminal output whose columns line up whatever the
// script: widths are measured in terminal cells with lipgloss.Width, so a Chinese character
// counts two.
type textTable struct {
	header []string
	rows   [][]string
	right  []bool // right-align column i (numbers)
}

// newTextTable starts a table with the given column headers.
func newTextTable(header ...string) *textTable {
	return &textTable{header: header, right: make([]bool, len(header))}
}

// alignRight right-aligns the columns at the given indexes.
func (t *textTable) alignRight(cols ...int) *textTable {
	for _, c := range cols {
		t.right[c] = true
	}
	return t
}

// add appends a row; missing cells are blank. Cells come from data and definitions, so
// characters that would steer the terminal are shown as escapes (textsafe.Line).
func (t *textTable) add(cells ...string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = textsafe.Line(c)
	}
	t.rows = append(t.rows, row)
}

// write prints the table with two spaces between columns and no trailing blanks.
func (t *textTable) write(w io.Writer) error {
	widths := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i := range widths {
			if i < len(row) {
				widths[i] = max(widths[i], lipgloss.Width(row[i]))
			}
		}
	}
	var b strings.Builder
	for _, row := range append([][]string{t.header}, t.rows...) {
		var line strings.Builder
		for i := range widths {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			pad := strings.Repeat(" ", widths[i]-lipgloss.Width(cell))
			if i > 0 {
				line.WriteString("  ")
			}
			if t.right[i] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
