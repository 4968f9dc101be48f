package prep

import (
	"fmt"
	"math"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/queries"
)

// Condition selects the rows whose Column equals Equals. Equals is a string (for a text
// column), a number (float64 or any Go integer type, for a numeric column), or nil, which
// selects the rows where the column is missing.
type Condition struct {
	Column string `yaml:"column" json:"column"`
	Equals any    `yaml:"equals" json:"equals"`
}

// Filter selects the population to fit on: the rows that satisfy every condition (AND).
// An empty filter selects every row. It is data, so the user never writes SQL.
type Filter []Condition

// String returns the filter for messages: "column=value" conditions (as --filter takes them) joined by " and ",
// "column is missing" for a nil value, and "everyone" for an empty filter.
func (f Filter) String() string {
	if len(f) == 0 {
		return "everyone"
	}
	parts := make([]string, len(f))
	for i, c := range f {
		if c.Equals == nil {
			parts[i] = c.Column + " is missing"
		} else {
			parts[i] = fmt.Sprintf("%s=%v", c.Column, c.Equals)
		}
	}
	return strings.Join(parts, " and ")
}

// QuoteIdent quotes an SQL identifier in double quotes, doubling embedded double quotes: it
// is queries.Ident, kept here for the engine packages that quote through prep.
func QuoteIdent(name string) string { return queries.Ident(name) }

// SQL returns the filter as an SQL boolean expression for a WHERE clause
// (queries/templates/filter.sql), with identifiers double-quoted and every value a ?
// parameter, and the parameters in order. An empty filter gives "TRUE"; a nil value gives
// "col" IS NULL. Validate the filter first: SQL binds values of other types as they are.
func (f Filter) SQL() (where string, args []any) {
	type cond struct {
		Column string
		Null   bool
	}
	conds := make([]cond, len(f))
	for i, c := range f {
		conds[i] = cond{c.Column, c.Equals == nil}
		if c.Equals != nil {
			args = append(args, c.Equals)
		}
	}
	return strings.TrimSpace(queries.Template("filter", conds)), args
}

// number converts a condition value to float64; ok is false for non-numbers.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// Validate reports the first condition whose value is neither a string, a number nor nil,
// or is NaN.
func (f Filter) Validate() error {
	for _, c := range f {
		if c.Equals == nil {
			continue
		}
		if _, ok := c.Equals.(string); ok {
			continue
		}
		v, ok := number(c.Equals)
		if !ok {
			return &inputerr.Error{ColumnName: c.Column, Msg: fmt.Sprintf("filter value %v (%T) is neither text nor a number", c.Equals, c.Equals)}
		}
		if math.IsNaN(v) {
			return &inputerr.Error{ColumnName: c.Column, Msg: "filter value is NaN; use no value (null) to select missing values"}
		}
	}
	return nil
}

// Match returns, for each row of t, whether it satisfies the filter: the Go-side twin of SQL
// for rows already in memory. A numeric column matches a number by ==, a text column a string
// by ==; a nil value matches NaN or "". It is an error to name a column t does not have or to
// compare a column with a value of the other type.
func (f Filter) Match(t Table) ([]bool, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	n := t.Len()
	keep := make([]bool, n)
	for i := range keep {
		keep[i] = true
	}
	for _, c := range f {
		num, isNum := t.Numeric[c.Column]
		txt, isTxt := t.Text[c.Column]
		switch {
		case !isNum && !isTxt:
			return nil, &inputerr.Error{ColumnName: c.Column, Msg: "filter names a column the table does not have"}
		case c.Equals == nil && isNum:
			for i, v := range num {
				keep[i] = keep[i] && math.IsNaN(v)
			}
		case c.Equals == nil:
			for i, v := range txt {
				keep[i] = keep[i] && v == ""
			}
		case isNum:
			want, ok := number(c.Equals)
			if !ok {
				return nil, &inputerr.Error{ColumnName: c.Column, Msg: fmt.Sprintf("column is numeric but the filter value %q is text", c.Equals)}
			}
			for i, v := range num {
				keep[i] = keep[i] && v == want
			}
		default:
			want, ok := c.Equals.(string)
			if !ok {
				return nil, &inputerr.Error{ColumnName: c.Column, Msg: fmt.Sprintf("column is text but the filter value %v is a number", c.Equals)}
			}
			for i, v := range txt {
				keep[i] = keep[i] && v == want
			}
		}
	}
	return keep, nil
}
