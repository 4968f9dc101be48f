package profiledb

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// profileNumeric summarises every numeric column per segment and overall in one DuckDB pass,
// and has engine/profile derive index, standardised difference and the ANOVA.
//
// Quartiles are exact up to exactQuartiles customers and come from a 1-in-N sample by hash of
// the id above that (see profile.Options.ExactQuartiles).
func profileNumeric(ctx context.Context, db *sql.DB, p sqlParams, cols []profile.Column, exactQuartiles int, r *profile.Result) error {
	for _, c := range cols {
		p.Numeric = append(p.Numeric, queries.Ident(c.Name))
	}
	if r.Customers > exactQuartiles {
		p.QuartileSample = (r.Customers + exactQuartiles - 1) / exactQuartiles
		r.QuartileSampleEvery = p.QuartileSample
	}
	shifts, err := columnShifts(ctx, db, p)
	if err != nil {
		return err
	}
	args := make([]any, 0, 2*len(shifts))
	for _, s := range shifts {
		args = append(args, s, s)
	}
	rows, err := query(ctx, db, "numeric.sql", p, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	overall := make([]profile.Summary, len(cols))
	segments := make([][]profile.SegmentSummary, len(cols))
	for i := range segments {
		segments[i] = make([]profile.SegmentSummary, 0, len(r.Segments))
	}
	bySegment := segmentIndex(r)
	var (
		isTotal   bool
		seg       sql.NullInt64
		customers int
	)
	counts := make([]int, len(cols))
	positives, negatives := make([]int, len(cols)), make([]int, len(cols))
	floats := make([]sql.NullFloat64, 2*len(cols))
	quartiles := make([]any, len(cols))
	dest := []any{&isTotal, &seg, &customers}
	for i := range cols {
		dest = append(dest, &counts[i], &floats[2*i], &floats[2*i+1], &quartiles[i], &positives[i], &negatives[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("profile: numeric: %w", err)
		}
		if !isTotal {
			if _, ok := bySegment[int(seg.Int64)]; !ok {
				return fmt.Errorf("profile: numeric: unexpected segment %d", seg.Int64)
			}
		}
		for i := range cols {
			f := floats[2*i : 2*i+2]
			s := profile.NewSummary(counts[i], shifts[i], nullFloat(f[0]), nullFloat(f[1]), quartileValues(quartiles[i]), positives[i], negatives[i])
			if isTotal {
				overall[i] = s
			} else {
				segments[i] = append(segments[i], profile.SegmentSummary{Segment: int(seg.Int64), Summary: s})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	r.Numeric = make([]profile.NumericProfile, len(cols))
	for i, c := range cols {
		r.Numeric[i] = profile.NewNumericProfile(c, overall[i], segments[i])
	}
	return nil
}

// quartileValues reads the list that quantile_cont returns; NaN when it is NULL.
func quartileValues(v any) [3]float64 {
	q := [3]float64{math.NaN(), math.NaN(), math.NaN()}
	if list, ok := v.([]any); ok && len(list) == 3 {
		for i, x := range list {
			if f, ok := x.(float64); ok {
				q[i] = f
			}
		}
	}
	return q
}

// columnShifts returns the overall mean of each numeric column (0 when it has no values).
func columnShifts(ctx context.Context, db *sql.DB, p sqlParams) ([]float64, error) {
	rows, err := query(ctx, db, "shift.sql", p)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	shifts := make([]float64, len(p.Numeric))
	dest := []any{new(int)}
	for i := range shifts {
		dest = append(dest, &shifts[i])
	}
	if rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("profile: shift: %w", err)
		}
	}
	return shifts, rows.Err()
}

// segmentIndex maps segment ids to their position in r.Segments.
func segmentIndex(r *profile.Result) map[int]int {
	m := make(map[int]int, len(r.Segments))
	for i, s := range r.Segments {
		m[s.ID] = i
	}
	return m
}
