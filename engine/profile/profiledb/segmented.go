package profiledb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// Relations Segmented creates in the database.
const (
	// SegmentedView holds the customers of the table that have a segment.
	SegmentedView = "profiled_customers"
	// numberedView numbers the table's rows, for tables without an id column.
	numberedView = "numbered_customers"
)

// Segmented profiles like Compute, but over the customers of opts.Table that have a segment
// in opts.Assignments only (the view SegmentedView), so that every index and the chart's
// reference lines are relative to the segmented population — the same in seglab profile,
// the workbench and the report. Customers of the table without a segment are counted in
// Result.Unassigned. When opts.ID is "row" and the table has no such column, its rows are
// numbered from 1 in the table's order, as the population was read. opts.Columns defaults
// to the catalogue columns of opts.Table.
func Segmented(ctx context.Context, db *sql.DB, opts profile.Options) (*profile.Result, error) {
	o := opts.WithDefaults()
	cols, err := columnTypes(ctx, db, o.Table)
	if err != nil {
		return nil, err
	}
	base := o.Table
	if o.ID == "row" && !slices.ContainsFunc(cols, func(c columnType) bool { return c.name == "row" }) {
		if _, err := db.ExecContext(ctx, queries.Template("numbered_view", map[string]string{"View": numberedView, "Base": base})); err != nil {
			return nil, fmt.Errorf("profile: %w", err)
		}
		base = numberedView
	}
	whole := o
	whole.Table = base
	if _, err := db.ExecContext(ctx, queries.Template("population_view", map[string]string{
		"View": SegmentedView, "Base": base, "ID": o.ID, "Assignments": o.Assignments})); err != nil {
		// A missing id or segment column: let Compute name it.
		if _, cerr := Compute(ctx, db, whole); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("profile: %w", err)
	}
	if o.Columns == nil {
		if o.Columns, err = CatalogueColumns(ctx, db, o.Table); err != nil {
			return nil, err
		}
	}
	o.Table = SegmentedView
	r, err := Compute(ctx, db, o)
	var me *MatchError
	if errors.As(err, &me) {
		// Say also how many customers of the whole table have no segment.
		if _, werr := Compute(ctx, db, whole); werr != nil {
			return nil, werr
		}
	}
	if err != nil {
		return nil, err
	}
	var total int64
	if err := db.QueryRowContext(ctx, queries.Template("count_relation", map[string]string{"Relation": base})).Scan(&total); err != nil {
		return nil, fmt.Errorf("profile: %w", err)
	}
	r.Unassigned = int(total) - r.Customers
	return r, nil
}
