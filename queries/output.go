package queries

import (
	_ "embed"
	"strings"
)

//go:embed output/formula_safe_cell.sql
var formulaSafeCell string

// FormulaSafeCell returns the SQL expression that writes the text column quotedColumn (a
// quoted identifier) safely into a CSV file: a value a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return, and not a number) gets a leading
// apostrophe. See output/formula_safe_cell.sql.
func FormulaSafeCell(quotedColumn string) string {
	return strings.ReplaceAll(formulaSafeCell, "{{column}}", quotedColumn)
}
