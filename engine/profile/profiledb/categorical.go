package profiledb

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/seglab/seglab/engine/profile"
	"github.com/seglab/seglab/queries"
)

// profileCategorical counts every value of every categorical column per segment in one
// DuckDB pass, and has engine/profile derive shares, lifts and the chi-square test. Columns with more than
// maxValues distinct values are skipped.
func profileCategorical(ctx context.Context, db *sql.DB, p sqlParams, cols []profile.Column, maxValues int, r *profile.Result) error {
	if len(cols) == 0 {
		return nil
	}
	for _, c := range cols {
		p.Categorical = append(p.Categorical, queries.Ident(c.Name))
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
			r.Skipped = append(r.Skipped, profile.SkippedColumn{Column: c.Name, Reason: "no values"})
		case n > maxValues:
			r.Skipped = append(r.Skipped, profile.SkippedColumn{Column: c.Name, Reason: fmt.Sprintf("%d distinct values (more than %d)", n, maxValues)})
		default:
			r.Categorical = append(r.Categorical, profile.NewCategoricalProfile(c, counts[c.Name], r.Segments))
		}
	}
	return nil
}
