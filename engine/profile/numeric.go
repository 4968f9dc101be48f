package profile

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/seglab/seglab/engine/stattest"
)

// profileNumeric summarises every numeric column per segment and overall in one DuckDB pass,
// then derives index, standardised difference and the ANOVA.
//
// Quartiles are exact up to exactQuartiles customers and come from a 1-in-N sample by hash of
// the id above that (see Options.ExactQuartiles).
func profileNumeric(ctx context.Context, db *sql.DB, p sqlParams, cols []Column, exactQuartiles int, r *Result) error {
	for _, c := range cols {
		p.Numeric = append(p.Numeric, quoteIdent(c.Name))
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
	r.Numeric = make([]NumericProfile, len(cols))
	for i, c := range cols {
		r.Numeric[i] = NumericProfile{Column: c.Name, LabelEN: c.labelEN(), LabelZH: c.labelZH(),
			Segments: make([]SegmentSummary, 0, len(r.Segments))}
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
			q := quartileValues(quartiles[i])
			s := Summary{Count: counts[i], Q1: Number(q[0]), Median: Number(q[1]), Q3: Number(q[2]),
				PositiveShare: Number(nan), NegativeShare: Number(nan), shifted: nullFloat(f[0])}
			s.Mean = Number(shifts[i] + s.shifted)
			variance := nullFloat(f[1])
			s.SD = Number(math.Sqrt(variance))
			s.ss = variance * float64(counts[i])
			if counts[i] > 0 {
				s.PositiveShare = Number(float64(positives[i]) / float64(counts[i]))
				s.NegativeShare = Number(float64(negatives[i]) / float64(counts[i]))
			}
			if isTotal {
				r.Numeric[i].Overall = s
			} else {
				r.Numeric[i].Segments = append(r.Numeric[i].Segments, SegmentSummary{Segment: int(seg.Int64), Summary: s})
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range r.Numeric {
		compareNumeric(&r.Numeric[i])
	}
	return nil
}

// quartileValues reads the list that quantile_cont returns; NaN when it is NULL.
func quartileValues(v any) [3]float64 {
	q := [3]float64{nan, nan, nan}
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
func segmentIndex(r *Result) map[int]int {
	m := make(map[int]int, len(r.Segments))
	for i, s := range r.Segments {
		m[s.ID] = i
	}
	return m
}

// compareNumeric fills in each segment's index and standardised difference and the ANOVA.
func compareNumeric(np *NumericProfile) {
	mean, shifted, sd := float64(np.Overall.Mean), np.Overall.shifted, float64(np.Overall.SD)
	groups := make([]stattest.Group, len(np.Segments))
	for j := range np.Segments {
		s := &np.Segments[j]
		s.Index, s.StdDiff = Number(nan), Number(nan)
		if s.Count > 0 && mean != 0 {
			s.Index = Number(float64(s.Mean) / mean * 100)
		}
		if s.Count > 0 && sd > 0 {
			s.StdDiff = Number((s.shifted - shifted) / sd)
		}
		if s.Count > 0 {
			// Shifted means: the F test is shift-invariant and the differences stay exact.
			groups[j] = stattest.Group{N: float64(s.Count), Mean: s.shifted, SS: s.ss}
		}
	}
	a := stattest.OneWayANOVA(groups)
	np.ANOVA = ANOVA{F: Number(a.F), P: Number(a.P), EtaSquared: Number(a.EtaSquared),
		DFBetween: Number(a.DFBetween), DFWithin: Number(a.DFWithin)}
}
