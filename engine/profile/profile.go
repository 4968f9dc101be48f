// Package profile describes the segments of a segmentation: what makes each segment
// different from the whole population (numeric summaries with index and standardised
// difference, category shares with lift, ANOVA and chi-square), a short generated description
// in English and Chinese, survey coverage, the satisfaction-versus-outage chart overall and per
// region, and the business opportunities that stand out.
//
// All aggregation runs in DuckDB (GROUP BY segment with GROUPING SETS for the population), so a
// million customers take seconds; Go only combines the summaries. The tests are descriptive:
// the segments were built to differ (see DescriptiveNoteEN).
package profile

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/queries"
)

// Options says what to profile. The zero value profiles table "wide" against relation
// "assignments" joined on customer_id, with the thresholds documented on each field.
type Options struct {
	Table       string   // customer table, one row per customer; default "wide"
	Assignments string   // relation with the ID column and segment (integer ≥ 1), optional segment_name; default "assignments"
	ID          string   // id column in both; default "customer_id"
	Columns     []Column // kinds and labels of the table's columns; nil: CatalogueColumns

	Satisfaction string // survey column; default "satisfaction"
	Outages      string // outages in 12 months; default "outages_12m"
	Region       string // region column; default "region"
	// Reference, when set, draws the chart's reference lines at the averages of the customers
	// whose Reference.Column equals Reference.Value instead of all customers.
	Reference *Filter

	MinAnswers   int     // survey answers for a mean to count; default 30
	MaxHalfWidth float64 // largest acceptable 95 % CI half-width of mean satisfaction; default 0.5
	MaxTraits    int     // traits in a description; default 4
	MinScore     float64 // smallest trait score (standardised difference) worth naming; default 0.3
	MinShare     float64 // smallest in-segment share of a category named "mostly"; default 0.4
	MinLift      float64 // smallest lift of a category named "mostly"; default 1.2
	FlagRatio    float64 // segment rate / population rate that flags an opportunity; default 1.5
	FlagGap      float64 // satisfaction this far below the population is flagged; default 0.5
	MaxValues    int     // categorical columns with more distinct values are skipped; default 50
	// ExactQuartiles is the number of customers up to which quartiles and medians are exact;
	// above it they come from a deterministic sample of about that many customers (by hash
	// of the id). Means, variances, indexes and the ANOVA always use every customer.
	// Default 250,000.
	ExactQuartiles int
}

// Filter selects customers whose column, read as text, equals a value.
type Filter struct{ Column, Value string }

func (o Options) withDefaults() Options {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&o.Table, "wide")
	def(&o.Assignments, "assignments")
	// The roles' canonical names: a user's own headers are shown under them in wide.
	def(&o.ID, roles.CustomerID)
	def(&o.Satisfaction, roles.Satisfaction)
	def(&o.Outages, roles.Outages12m)
	def(&o.Region, roles.Region)
	defF := func(f *float64, v float64) {
		if *f <= 0 {
			*f = v
		}
	}
	defF(&o.MaxHalfWidth, 0.5)
	defF(&o.MinScore, 0.3)
	defF(&o.MinShare, 0.4)
	defF(&o.MinLift, 1.2)
	defF(&o.FlagRatio, 1.5)
	defF(&o.FlagGap, 0.5)
	if o.MinAnswers <= 0 {
		o.MinAnswers = 30
	}
	if o.MaxTraits <= 0 {
		o.MaxTraits = 4
	}
	if o.MaxValues <= 0 {
		o.MaxValues = 50
	}
	if o.ExactQuartiles <= 0 {
		o.ExactQuartiles = 250_000
	}
	return o
}

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
// assignment are left out of every figure and counted in Result.Unassigned. Columns named by opts that the table lacks
// (satisfaction, outages, region) leave their sections empty.
func Compute(ctx context.Context, db *sql.DB, opts Options) (*Result, error) {
	o := opts.withDefaults()
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

	r := &Result{NoteEN: DescriptiveNoteEN, NoteZH: DescriptiveNoteZH, Unassigned: unassigned}
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
	describe(r, numeric, categorical, o)
	surveyCoverage(r, o)
	if err := satisfactionOutage(ctx, db, p, tableCols, o, r); err != nil {
		return nil, err
	}
	opportunities(r, o)
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
func splitColumns(cols []Column, tableCols []columnType, id string, r *Result) (numeric, categorical []Column) {
	for _, c := range cols {
		switch {
		case c.Name == id || (c.Kind != Numeric && c.Kind != Categorical):
		case !hasColumn(tableCols, c.Name):
			r.Skipped = append(r.Skipped, SkippedColumn{c.Name, "not in the table"})
		case c.Kind == Numeric:
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

func loadSegments(ctx context.Context, db *sql.DB, p sqlParams, r *Result) error {
	rows, err := query(ctx, db, "segments.sql", p)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s Segment
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
		r.Segments[i].Share = Number(float64(r.Segments[i].Customers) / float64(r.Customers))
	}
	return nil
}
