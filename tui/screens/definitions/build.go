package definitions

import (
	"strings"

	"github.com/seglab/seglab/engine/definition"
)

// Annotate puts the name and the note into d's notes, the name on the first line.
func Annotate(d *definition.Definition, name, note string) {
	d.Notes = strings.TrimSpace(strings.TrimSpace(name) + "\n\n" + strings.TrimSpace(note))
}

// Title returns the first line of a definition's notes: the name given when it was saved.
func Title(d *definition.Definition) string {
	first, _, _ := strings.Cut(d.Notes, "\n")
	return strings.TrimSpace(first)
}

// Note returns the definition's notes after the name.
func Note(d *definition.Definition) string {
	_, rest, _ := strings.Cut(d.Notes, "\n")
	return strings.Join(strings.Fields(rest), " ")
}
