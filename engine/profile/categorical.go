package profile

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/seglab/seglab/engine/stattest"
	"github.com/seglab/seglab/queries"
)

// profileCategorical counts every value of every categorical column per segment in one
// DuckDB pass, then derives shares, lifts and the chi-square test. Columns with more than
// maxValues distinct values are skipped.
func profileCategorical(ctx context.Context, db *sql.DB, p sqlParams, cols []Column, maxValues int, r *Result) error {
	if len(cols) == 0 {
		return nil
	}
	for _, c := range cols {
		p.Categorical = append(p.Categorical, quoteIdent(c.Name))
	}
	rows, err := query(ctx, db, "categorical.sql", p)
	if err != nil {
		return err
	}
	defer rows.Close()
	bySegment := segmentIndex(r)
	// counts[column][value][segment position]
	counts := make(map[string]map[string][]int, len(cols))
	for rows.Next() {
		var col, value string
		var seg, n int
		if err := rows.Scan(&col, &seg, &value, &n); err != nil {
			return fmt.Errorf("profile: categorical: %w", err)
		}
		j, ok := bySegment[seg]
		if !ok {
			return fmt.Errorf("profile: categorical: unexpected segment %d", seg)
		}
		if counts[col] == nil {
			counts[col] = map[string][]int{}
		}
		if counts[col][value] == nil {
			counts[col][value] = make([]int, len(r.Segments))
		}
		counts[col][value][j] += n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range cols {
		switch n := len(counts[c.Name]); {
		case n == 0:
			r.Skipped = append(r.Skipped, SkippedColumn{c.Name, "no values"})
		case n > maxValues:
			r.Skipped = append(r.Skipped, SkippedColumn{c.Name, fmt.Sprintf("%d distinct values (more than %d)", n, maxValues)})
		default:
			r.Categorical = append(r.Categorical, categoricalProfile(c, counts[c.Name], r.Segments))
		}
	}
	return nil
}

// categoricalProfile turns value → per-segment counts into shares, lifts and the test.
func categoricalProfile(c Column, counts map[string][]int, segments []Segment) CategoricalProfile {
	labels := c.ValueLabels
	if labels == nil {
		labels = queries.ValueLabels(c.Name)
	}
	cp := CategoricalProfile{Column: c.Name, LabelEN: c.labelEN(), LabelZH: c.labelZH(), valueLabels: labels}
	total := 0
	for value, perSeg := range counts {
		n := 0
		for _, k := range perSeg {
			n += k
		}
		total += n
		cp.Overall = append(cp.Overall, ValueShare{Value: value, Count: n, Lift: 1})
	}
	slices.SortFunc(cp.Overall, func(a, b ValueShare) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	for i := range cp.Overall {
		cp.Overall[i].Share = Number(float64(cp.Overall[i].Count) / float64(total))
	}
	table := make([][]float64, len(segments))
	for j, s := range segments {
		cs := CategorySegment{Segment: s.ID}
		table[j] = make([]float64, len(cp.Overall))
		for i, v := range cp.Overall {
			k := counts[v.Value][j]
			cs.Count += k
			table[j][i] = float64(k)
		}
		for i, v := range cp.Overall {
			share, lift := nan, nan
			if cs.Count > 0 {
				share = table[j][i] / float64(cs.Count)
				lift = share / float64(v.Share)
			}
			cs.Shares = append(cs.Shares, ValueShare{Value: v.Value, Count: int(table[j][i]), Share: Number(share), Lift: Number(lift)})
		}
		cp.Segments = append(cp.Segments, cs)
	}
	t := stattest.ChiSquareTest(table)
	cp.ChiSquare = ChiSquare{Chi2: Number(t.Chi2), DF: Number(t.DF), P: Number(t.P), CramersV: Number(t.CramersV)}
	return cp
}
