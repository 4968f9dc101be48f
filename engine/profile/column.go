package profile

import "strings"

// Kind says how a column is profiled.
type Kind string

// Kinds of column. Columns of any other kind (ids, dates, free text) are not profiled.
const (
	Numeric     Kind = "numeric"
	Categorical Kind = "categorical"
)

// Column describes one column of the customer table for profiling.
type Column struct {
	Name    string // column name in the table
	Kind    Kind   // Numeric or Categorical; anything else is skipped
	LabelEN string // English label for descriptions; the name with spaces when empty
	LabelZH string // Chinese label for descriptions; LabelEN when empty
	// Countable makes descriptions say "many"/"few" (多/少) instead of "high"/"low" (较高/较低).
	Countable bool
	// ValueLabels names a categorical column's coded values in descriptions and tables: value
	// → {English, Chinese}. Nil takes the wide table's vocabulary for the column
	// (queries.ValueLabels); values without a label are written as they are.
	ValueLabels map[string][2]string
}

func (c Column) labelEN() string {
	if c.LabelEN != "" {
		return c.LabelEN
	}
	return strings.ReplaceAll(c.Name, "_", " ")
}

func (c Column) labelZH() string {
	if c.LabelZH != "" {
		return c.LabelZH
	}
	return c.labelEN()
}
