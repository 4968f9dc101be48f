package workspace

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// Preset names a population the front ends offer without the user writing conditions.
type Preset int

// The presets, in the order the workbench cycles through them.
const (
	Everyone    Preset = iota
	Residential        // customer_type residential, or usage class 居民生活
	Business           // customer_type business
)

// residentialClass is the usage class of residential customers in the exports.
const residentialClass = "居民生活"

// Population returns preset p as a filter on wide: nil for everyone; residential and business
// customers by customer_type (which the wide table built from exports always has), or, for
// residential customers of a wide table without it, by customer_class. Business customers of
// a table with only customer_class cannot be stated as equalities, so that is an input error,
// the same for fitting and for saving.
func (w *Workspace) Population(p Preset) (prep.Filter, error) {
	_, errType := w.Column(roles.CustomerType)
	_, errClass := w.Column(roles.CustomerCls)
	switch {
	case p == Everyone:
		return nil, nil
	case p == Residential && errType == nil:
		return prep.Filter{{Column: roles.CustomerType, Equals: "residential"}}, nil
	case p == Business && errType == nil:
		return prep.Filter{{Column: roles.CustomerType, Equals: "business"}}, nil
	case p == Residential && errClass == nil:
		return prep.Filter{{Column: roles.CustomerCls, Equals: residentialClass}}, nil
	case p == Residential || p == Business:
		return nil, &inputerr.Error{ColumnName: roles.CustomerType,
			Msg: "the wide table has no customer_type column, so residential and business customers cannot be told apart"}
	}
	return nil, fmt.Errorf("workspace: unknown population preset %d", p)
}

// ErrNotNumber says that a condition on a numeric column was given a value that is not a
// number.
var ErrNotNumber = errors.New("not a number")

// Condition returns the condition column = value on wide, value read as a number when the
// column is numeric (see ConditionOn). The column may be named as on screen: by its header in
// the user's file or a catalogue label (ColumnNamed).
func (w *Workspace) Condition(column, value string) (prep.Condition, error) {
	col, err := w.ColumnNamed(column)
	if err != nil {
		return prep.Condition{}, err
	}
	return conditionOn(col, value)
}

// ConditionOn returns the condition column = value on a table of columns cols: the column is
// found as source.Find finds it, and value is read as a finite number when the column is
// numeric (an error wrapping ErrNotNumber otherwise).
func ConditionOn(cols []source.Column, column, value string) (prep.Condition, error) {
	col, err := source.Find(cols, strings.TrimSpace(column))
	if err != nil {
		return prep.Condition{}, err
	}
	return conditionOn(col, value)
}

// conditionOn is the condition col = value; a word of the column's vocabulary (东部, 居民)
// stands for its code (east, residential).
func conditionOn(col source.Column, value string) (prep.Condition, error) {
	c := prep.Condition{Column: col.Name, Equals: value}
	if code, ok := roles.CodeOf(col.Name, value); ok {
		c.Equals = code
	}
	if col.Kind == queries.KindNumeric {
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return prep.Condition{}, fmt.Errorf("%s is numeric; %q is %w", col.Name, value, ErrNotNumber)
		}
		c.Equals = v
	}
	return c, nil
}

// Count returns how many customers of wide the population selects.
func (w *Workspace) Count(ctx context.Context, pop prep.Filter) (int64, error) {
	if err := w.checkFilter(pop); err != nil {
		return 0, err
	}
	where, args := pop.SQL()
	var n int64
	if err := w.s.DB().QueryRowContext(ctx, queries.Template("count", map[string]string{"Where": where}), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting customers: %w", err)
	}
	return n, nil
}

// checkFilter validates pop and that every column it names is a column of wide.
func (w *Workspace) checkFilter(pop prep.Filter) error {
	if err := pop.Validate(); err != nil {
		return err
	}
	for _, c := range pop {
		if _, err := w.Column(c.Column); err != nil {
			return err
		}
	}
	return nil
}

// Present counts the customers of pop and, for each of columns, those of them with a value.
func (w *Workspace) Present(ctx context.Context, pop prep.Filter, columns []string) (total int64, present []int64, err error) {
	if err := w.checkFilter(pop); err != nil {
		return 0, nil, err
	}
	for _, c := range columns {
		if _, err := w.Column(c); err != nil {
			return 0, nil, err
		}
	}
	where, args := pop.SQL()
	present = make([]int64, len(columns))
	dest := []any{&total}
	for i := range present {
		dest = append(dest, &present[i])
	}
	q := queries.Template("present", map[string]any{"Where": where, "Columns": columns})
	if err := w.s.DB().QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return 0, nil, fmt.Errorf("counting values: %w", err)
	}
	return total, present, nil
}
