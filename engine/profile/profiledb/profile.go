// Package profiledb computes the profile of a segmentation (engine/profile) in DuckDB: it
// checks that the assignments match the customers, aggregates every numeric and categorical
// column per segment and for the population in one pass each (GROUP BY segment with GROUPING
// SETS), reads the reference population and the regions of the satisfaction-versus-outage
// chart, and hands the aggregates to engine/profile, which derives the statistics and the
// descriptions. The SQL lives in queries/profile.
package profiledb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// MissingColumnError says that a relation lacks a column the profile needs.
type MissingColumnError struct {
	Relation, Column string
	Have             []string // the columns it does have
}

func (e *MissingColumnError) Error() string {
	return fmt.Sprintf("%s has no column %q (columns: %v)", e.Relation, e.Column, e.Have)
}

// MatchError says that the assignments cannot be joined to the customers: ids that match no
// customer, repeated ids, invalid segments or empty customer ids. Customers without an
// assignment alone are no error — they are outside the segmented population (a fit on
// residential customers leaves business customers out) and Result.Unassigned counts them —
// but the count is reported with the other faults.
type MatchError struct {
	Unassigned         int    // customers without an assignment
	Unmatched          int    // assignments whose id is no customer
	FirstUnassigned    string // smallest such customer id, as text
	FirstUnmatched     string // smallest such assignment id, as text
	DuplicateAssigned  int    // assignment rows beyond the first for an id
	DuplicateCustomers int    // customer rows beyond the first for an id
	InvalidSegments    int    // segment values that are not integers ≥ 1
	MissingCustomerIDs int    // customers whose id is empty
}

func (e *MatchError) Error() string {
	msg := "assignments do not match the customers:"
	add := func(n int, format string, args ...any) {
		if n > 0 {
			msg += fmt.Sprintf(" "+format+";", args...)
		}
	}
	add(e.Unassigned, "%d customers have no segment (first %q)", e.Unassigned, e.FirstUnassigned)
	add(e.Unmatched, "%d assignments match no customer (first %q)", e.Unmatched, e.FirstUnmatched)
	add(e.DuplicateAssigned, "%d ids are assigned more than once", e.DuplicateAssigned)
	add(e.DuplicateCustomers, "%d customer ids occur more than once", e.DuplicateCustomers)
	add(e.InvalidSegments, "%d segment values are not whole numbers ≥ 1", e.InvalidSegments)
	add(e.MissingCustomerIDs, "%d customers have an empty id", e.MissingCustomerIDs)
	return msg[:len(msg)-1]
}

func (e *MatchError) any() bool {
	return e.Unmatched+e.DuplicateAssigned+e.DuplicateCustomers+e.InvalidSegments+e.MissingCustomerIDs > 0
}

// Compute profiles the segments of opts.Assignments over opts.Table in db. It returns a
// *MissingColumnError when the id or segment column is absent and a *MatchError when an
// assignment names no customer, an id repeats or a segment is invalid. Customers without an
// assignment are left out of every figure and counted in Result.Unassigned. Columns named by
// opts that the table lacks (satisfaction, outages, region) leave their sections empty.
func Compute(ctx context.Context, db *sql.DB, opts profile.Options) (*profile.Result, error) {
	o := opts.WithDefaults()
	tableCols, err := columnTypes(ctx, db, o.Table)
	if err != nil {
		return nil, err
	}
	assignCols, err := columnTypes(ctx, db, o.Assignments)
	if err != nil {
		return nil, err
	}
	if err := requireColumns(o.Table, tableCols, o.ID); err != nil {
		return nil, err
	}
	if err := requireColumns(o.Assignments, assignCols, o.ID, "segment"); err != nil {
		return nil, err
	}
	p := sqlParams{Table: queries.Ident(o.Table), Assignments: queries.Ident(o.Assignments), ID: queries.Ident(o.ID)}
	unassigned, err := checkMatch(ctx, db, p)
	if err != nil {
		return nil, err
	}
	p.HasName = hasColumn(assignCols, "segment_name")

	r := &profile.Result{NoteEN: profile.DescriptiveNoteEN, NoteZH: profile.DescriptiveNoteZH, Unassigned: unassigned}
	if err := loadSegments(ctx, db, p, r); err != nil {
		return nil, err
	}
	cols := o.Columns
	if cols == nil {
		if cols, err = CatalogueColumns(ctx, db, o.Table); err != nil {
			return nil, err
		}
	}
	numeric, categorical := splitColumns(cols, tableCols, o.ID, r)
	if err := profileNumeric(ctx, db, p, numeric, o.ExactQuartiles, r); err != nil {
		return nil, err
	}
	if err := profileCategorical(ctx, db, p, categorical, o.MaxValues, r); err != nil {
		return nil, err
	}
	profile.Interpret(r, numeric, o)
	if err := satisfactionOutage(ctx, db, p, tableCols, o, r); err != nil {
		return nil, err
	}
	return r, nil
}

func hasColumn(cols []columnType, name string) bool {
	return slices.ContainsFunc(cols, func(c columnType) bool { return c.name == name })
}

func requireColumns(relation string, cols []columnType, names ...string) error {
	for _, n := range names {
		if !hasColumn(cols, n) {
			have := make([]string, len(cols))
			for i, c := range cols {
				have[i] = c.name
			}
			return &MissingColumnError{Relation: relation, Column: n, Have: have}
		}
	}
	return nil
}

// splitColumns keeps the columns the table has, minus the id, split by kind; the others are
// recorded as skipped.
func splitColumns(cols []profile.Column, tableCols []columnType, id string, r *profile.Result) (numeric, categorical []profile.Column) {
	for _, c := range cols {
		switch {
		case c.Name == id || (c.Kind != profile.Numeric && c.Kind != profile.Categorical):
		case !hasColumn(tableCols, c.Name):
			r.Skipped = append(r.Skipped, profile.SkippedColumn{Column: c.Name, Reason: "not in the table"})
		case c.Kind == profile.Numeric:
			numeric = append(numeric, c)
		default:
			categorical = append(categorical, c)
		}
	}
	return numeric, categorical
}

// checkMatch returns the number of customers without an assignment, or a *MatchError.
func checkMatch(ctx context.Context, db *sql.DB, p sqlParams) (int, error) {
	rows, err := query(ctx, db, "match.sql", p)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var e MatchError
	if rows.Next() {
		if err := rows.Scan(&e.Unassigned, &e.Unmatched, &e.FirstUnassigned, &e.FirstUnmatched,
			&e.DuplicateAssigned, &e.DuplicateCustomers, &e.InvalidSegments, &e.MissingCustomerIDs); err != nil {
			return 0, fmt.Errorf("profile: match: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if e.any() {
		return 0, &e
	}
	return e.Unassigned, nil
}

func loadSegments(ctx context.Context, db *sql.DB, p sqlParams, r *profile.Result) error {
	rows, err := query(ctx, db, "segments.sql", p)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s profile.Segment
		var name sql.NullString
		if err := rows.Scan(&s.ID, &s.Customers, &name); err != nil {
			return fmt.Errorf("profile: segments: %w", err)
		}
		s.Name = name.String
		r.Customers += s.Customers
		r.Segments = append(r.Segments, s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if r.Customers == 0 {
		return fmt.Errorf("no customers to profile")
	}
	for i := range r.Segments {
		r.Segments[i].Share = profile.Number(float64(r.Segments[i].Customers) / float64(r.Customers))
	}
	return nil
}
