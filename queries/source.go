package queries

import (
	_ "embed"
	"strings"
)

//go:embed source/first_non_number.sql
var firstNonNumber string

//go:embed source/first_outside.sql
var firstOutside string

// FirstNonNumber returns the query for the first row of wide whose column quotedColumn (a
// quoted identifier) holds a value that is not a finite number: one row (n BIGINT, 1-based
// row in table order; v VARCHAR) or none. See source/first_non_number.sql.
func FirstNonNumber(quotedColumn string) string {
	return strings.ReplaceAll(firstNonNumber, "{{column}}", quotedColumn)
}

// FirstOutside returns the query for the first row of wide whose column quotedColumn (a quoted
// identifier) holds a number below the first bound parameter or above the second: one row
// (n BIGINT, 1-based row in table order; v VARCHAR) or none. See source/first_outside.sql.
func FirstOutside(quotedColumn string) string {
	return strings.ReplaceAll(firstOutside, "{{column}}", quotedColumn)
}
