package queries

import (
	_ "embed"
	"strings"
)

//go:embed source/first_non_number.sql
var firstNonNumber string

// FirstNonNumber returns the query for the first row of wide whose column quotedColumn (a
// quoted identifier) holds a value that is not a finite number: one row (n BIGINT, 1-based
// row in table order; v VARCHAR) or none. See source/first_non_number.sql.
func FirstNonNumber(quotedColumn string) string {
	return strings.ReplaceAll(firstNonNumber, "{{column}}", quotedColumn)
}
