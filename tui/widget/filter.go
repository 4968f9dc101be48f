package widget

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// Filter is the "/" filter of a long list: a text input that, while open, takes every key,
// and a query that stays applied after Enter until Esc clears it.
type Filter struct {
	input Input
	open  bool
}

// NewFilter returns a closed filter whose input shows prompt.
func NewFilter(prompt string) Filter {
	return Filter{input: Input{Prompt: prompt}}
}

// Open starts typing a query.
func (f *Filter) Open() { f.open = true }

// Typing reports whether the filter takes the keys.
func (f Filter) Typing() bool { return f.open }

// Query returns the applied query ("" when none).
func (f Filter) Query() string { return strings.TrimSpace(f.input.Value()) }

// Update handles a key while typing: Enter keeps the query and stops typing, Esc clears it
// and stops typing, anything else edits the query.
func (f *Filter) Update(msg tea.KeyMsg) {
	switch msg.Type {
	case tea.KeyEnter:
		f.open = false
	case tea.KeyEsc:
		f.open = false
		f.input.SetValue("")
	default:
		f.input.Update(msg)
	}
}

// Match reports whether any of texts contains the query, ignoring case.
func (f Filter) Match(texts ...string) bool {
	q := strings.ToLower(f.Query())
	if q == "" {
		return true
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), q) {
			return true
		}
	}
	return false
}

// View returns the filter line in width cells: the input while typing, the applied query
// otherwise, or nothing when no query is applied.
func (f Filter) View(width int) string {
	if !f.open && f.Query() == "" {
		return ""
	}
	return f.input.View(width, f.open)
}
