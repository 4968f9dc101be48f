package workspace

import (
	"context"
	"errors"
	"fmt"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// Relations Profile creates in the session.
const (
	// ProfiledView holds the customers that have a segment: the segmented population.
	ProfiledView = "profiled_customers"
	// numberedView is wide with a "row" column, for tables without a customer id.
	numberedView = "numbered_customers"
)

// Profile describes the segments of opts.Assignments (default: the relation Store writes)
// over the customers of opts.Table (default wide) that have a segment, so that every index
// and the chart's reference lines are relative to the segmented population — the same for
// seglab profile, the workbench and the report. opts.ID defaults to the workspace's id
// column ("row", numbering wide's rows, without one). Customers of the table without a
// segment are counted in Result.Unassigned. Errors are profile.Compute's.
func (w *Workspace) Profile(ctx context.Context, opts profile.Options) (*profile.Result, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.profile(ctx, opts)
}

func (w *Workspace) profile(ctx context.Context, opts profile.Options) (*profile.Result, error) {
	if opts.Table == "" {
		opts.Table = source.Table
	}
	if opts.Assignments == "" {
		opts.Assignments = source.AssignmentsTable
	}
	if opts.ID == "" {
		opts.ID = w.idName()
	}
	db := w.s.DB()
	base := opts.Table
	if opts.ID == "row" && w.idColumn == "" && base == source.Table {
		if _, err := db.ExecContext(ctx, queries.Workspace("numbered_view", map[string]string{"View": numberedView})); err != nil {
			return nil, fmt.Errorf("profiling: %w", err)
		}
		base = numberedView
	}
	if _, err := db.ExecContext(ctx, queries.Workspace("population_view", map[string]string{
		"View": ProfiledView, "Base": base, "ID": opts.ID, "Assignments": opts.Assignments})); err != nil {
		// A missing id or segment column: let the profile name it.
		whole := opts
		whole.Table = base
		if _, cerr := profile.Compute(ctx, db, whole); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("profiling: %w", err)
	}
	if opts.Columns == nil {
		cols, err := profile.CatalogueColumns(ctx, db, opts.Table)
		if err != nil {
			return nil, err
		}
		opts.Columns = cols
	}
	whole := opts
	whole.Table = base
	opts.Table = ProfiledView
	r, err := profile.Compute(ctx, db, opts)
	var me *profile.MatchError
	if errors.As(err, &me) {
		// Say also how many customers of the whole table have no segment.
		if _, werr := profile.Compute(ctx, db, whole); werr != nil {
			return nil, werr
		}
	}
	if err != nil {
		return nil, err
	}
	var total int64
	if err := db.QueryRowContext(ctx, queries.Workspace("count_relation", map[string]string{"Relation": base})).Scan(&total); err != nil {
		return nil, fmt.Errorf("profiling: %w", err)
	}
	r.Unassigned = int(total) - r.Customers
	return r, nil
}
