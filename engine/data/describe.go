package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/seglab/seglab/queries"
)

// ColumnStats describes one column of a table.
type ColumnStats struct {
	Name      string
	Type      string  // DuckDB type
	Rows      int64   // rows in the table
	NullShare float64 // share of rows that are NULL, 0–1
	Distinct  int64   // distinct non-NULL values; exact below exactDistinctBelow, else estimated
	// DistinctEstimated says Distinct is the HyperLogLog estimate (never more than the
	// non-NULL values), not a count.
	DistinctEstimated bool
	Min, Max          string  // smallest and largest value as text; "" when the column is all NULL
	Numeric           bool    // whether Mean, Std and the quartiles are set
	Mean, Std         float64 // mean and sample standard deviation
	// Q25, Q50, Q75 are the quartiles (interpolated), of a sample on large tables.
	Q25, Q50, Q75 float64
}

// quartileSample is about how many rows Describe takes the quartiles of on a large table.
const quartileSample = 1 << 18

// exactDistinctBelow is the estimated number of distinct values under which Describe counts
// them exactly.
const exactDistinctBelow = 100_000

// Describe returns statistics for every column of table, columnBatch columns at a time, so
// that time and memory grow linearly with the columns and the rows. Per batch: one pass over
// a sample (quartiles, and on a base table the distinct values in the sample); one GROUP BY
// per column with fewer than exactDistinctBelow values in the sample, from whose (value,
// count) groups its count, distinct count, min, max, mean and standard deviation follow; and
// one aggregate pass over every row for the other columns. The GROUP BYs run on every core and
// spill; none of these grows faster than the rows. table is a name as in Table.Name (it is
// quoted here); a view works too (no sample: every row in each pass, and the GROUP BY only
// counts the columns whose estimate is below exactDistinctBelow).
//
// Count, NULL share, min, max, mean and standard deviation are exact. Two statistics may not be:
//
//   - Distinct counts are exact for every column with fewer than exactDistinctBelow distinct
//     values, and for any column of a table of up to 2 × quartileSample rows. On a larger
//     table a column whose sample (below) holds exactDistinctBelow distinct values or more
//     has an estimate instead: approx_count_distinct, DuckDB's HyperLogLog sketch, which is
//     coarse (5–25 % off is usual), kept between the sample's count and the non-NULL values;
//     every other column is counted exactly, even past exactDistinctBelow. On a view, columns
//     whose estimate is below exactDistinctBelow are counted exactly.
//   - Quartiles are exact (quantile_cont, interpolated) on a table of up to 2 × quartileSample
//     rows. On a larger table they are the exact quartiles of a sample of about quartileSample
//     rows, those whose hash(rowid) is a multiple of rows / quartileSample: deterministic, blind
//     to any order or period in the rows, and with a rank error of about 0.1 % (one standard
//     error). Sorting every row would cost more than all other statistics together; DuckDB's
//     t-digest (approx_quantile) is no cheaper, less accurate (0.5 % in rank seen on sorted
//     data) and varies from run to run. Views have no rowid: all their rows are used.
func (s *Session) Describe(ctx context.Context, table string) ([]ColumnStats, error) {
	fail := func(err error) ([]ColumnStats, error) {
		return nil, fmt.Errorf("data: describing %s: %w", table, err)
	}
	cols, err := s.relationTypes(ctx, queries.Template("select_all", map[string]string{"Relation": table}))
	if err != nil {
		return fail(err)
	}
	// A base table (not a view) has a rowid to sample by and knows its row count.
	var sampleEvery int64
	var size sql.NullInt64
	err = s.db.QueryRowContext(ctx, queries.Template("table_size", nil), table).Scan(&size)
	if err != nil {
		return fail(err)
	}
	if size.Int64 >= 2*quartileSample {
		sampleEvery = size.Int64 / quartileSample
	}
	stats := make([]ColumnStats, 0, len(cols))
	for lo := 0; lo < len(cols); lo += columnBatch {
		st, err := s.describeBatch(ctx, table, cols[lo:min(lo+columnBatch, len(cols))], size.Valid, sampleEvery)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return fail(err)
		}
		stats = append(stats, st...)
	}
	return stats, nil
}

// describeBatch is Describe for one batch of columns of table, a base table when base (else a
// view), sampled for the quartiles and distinct counts when sampleEvery > 0.
func (s *Session) describeBatch(ctx context.Context, table string, cols []Column, base bool, sampleEvery int64) ([]ColumnStats, error) {
	batch := make([]describeColumn, len(cols))
	for i, c := range cols {
		numeric := isNumericType(c.Type)
		float := numeric && !isIntegerType(c.Type) && !strings.HasPrefix(c.Type, "DECIMAL")
		batch[i] = describeColumn{Name: c.Name, Numeric: numeric, Float: float, Distinct: base}
	}

	// The sample: quartiles, and on a base table the distinct values in it, which are all of
	// them when every row is in the sample, and otherwise at most as many as in the table.
	var sampled int64
	inSample := make([]sql.NullInt64, len(cols))
	quarts := make([]any, len(cols))
	dest := []any{&sampled}
	for i := range cols {
		dest = append(dest, &inSample[i], &quarts[i])
	}
	query := queries.Template("describe_sample", map[string]any{"Table": table, "Columns": batch, "SampleEvery": sampleEvery})
	if err := s.db.QueryRowContext(ctx, query).Scan(dest...); err != nil {
		return nil, err
	}
	// On a sampled table, a column with fewer than exactDistinctBelow values in the sample is
	// described from its GROUP BY alone; the others from one pass over every row.
	for i := range batch {
		batch[i].Approx = !base || sampleEvery > 0 && inSample[i].Int64 >= exactDistinctBelow
		batch[i].Grouped = base && sampleEvery > 0 && !batch[i].Approx
	}

	var rows int64
	counts := make([]sql.NullInt64, len(cols))
	mins := make([]sql.NullString, len(cols))
	maxs := make([]sql.NullString, len(cols))
	approx := make([]sql.NullInt64, len(cols))
	moments := make([]any, len(cols))
	dest = append(dest[:0], &rows)
	for i := range cols {
		dest = append(dest, &counts[i], &mins[i], &maxs[i], &approx[i], &moments[i])
	}
	query = queries.Template("describe_stats", map[string]any{"Table": table, "Columns": batch})
	if err := s.db.QueryRowContext(ctx, query).Scan(dest...); err != nil {
		return nil, err
	}

	distinct := make([]int64, len(cols))
	estimated := make([]bool, len(cols))
	var grouped []describeColumn // columns counted by GROUP BY
	var at []int                 // their positions in cols
	for i, c := range batch {
		switch {
		case base && sampleEvery == 0:
			distinct[i] = inSample[i].Int64
		case c.Grouped || !base && approx[i].Int64 < exactDistinctBelow:
			grouped, at = append(grouped, c), append(at, i)
		default:
			// The sketch can overshoot by a quarter on ten million ids; a column cannot
			// hold more distinct values than values, nor fewer than its sample.
			distinct[i], estimated[i] = min(max(approx[i].Int64, inSample[i].Int64), counts[i].Int64), true
		}
	}
	if len(grouped) > 0 && rows > 0 {
		if err := s.describeGrouped(ctx, table, grouped, func(j int, n, count int64, lo, hi sql.NullString, m any) {
			i := at[j]
			distinct[i] = n
			if batch[i].Grouped {
				counts[i].Int64, mins[i], maxs[i], moments[i] = count, lo, hi, m
			}
		}); err != nil {
			return nil, err
		}
	}

	stats := make([]ColumnStats, len(cols))
	for i, c := range cols {
		st := ColumnStats{Name: c.Name, Type: c.Type, Rows: rows, Distinct: distinct[i], DistinctEstimated: estimated[i],
			Min: mins[i].String, Max: maxs[i].String}
		if rows > 0 {
			st.NullShare = float64(rows-counts[i].Int64) / float64(rows)
		}
		if m, ok := moments[i].([]any); ok && len(m) == 2 && m[0] != nil {
			st.Numeric = true
			q, _ := quarts[i].([]any) // nil when the sample holds no value of the column
			v := append(append([]any{}, m...), q...)
			for j, dst := range []*float64{&st.Mean, &st.Std, &st.Q25, &st.Q50, &st.Q75} {
				*dst = nan
				if j < len(v) {
					if f, ok := v[j].(float64); ok {
						*dst = f
					}
				}
			}
		}
		stats[i] = st
	}
	return stats, nil
}

// describeColumn is one column as Describe's templates take it.
type describeColumn struct {
	Name                                      string
	Numeric, Float, Distinct, Approx, Grouped bool
}

// describeGrouped runs describe_grouped over cols of table and calls found with each column's position in cols, its exact distinct count,
// non-NULL count, min, max and [mean, standard deviation] (nil for a column that is not
// numeric or has no value).
func (s *Session) describeGrouped(ctx context.Context, table string, cols []describeColumn, found func(j int, distinct, count int64, lo, hi sql.NullString, moments any)) error {
	rows, err := s.db.QueryContext(ctx, queries.Template("describe_grouped", map[string]any{"Table": table, "Columns": cols}))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var j int
		var distinct int64
		var count sql.NullInt64
		var lo, hi sql.NullString
		var m any
		if err := rows.Scan(&j, &distinct, &count, &lo, &hi, &m); err != nil {
			return err
		}
		found(j, distinct, count.Int64, lo, hi, m)
	}
	return rows.Err()
}

// relationTypes returns the columns, with their DuckDB types, of the relation query returns,
// without running it.
func (s *Session) relationTypes(ctx context.Context, query string, args ...any) ([]Column, error) {
	rows, err := s.db.QueryContext(ctx, queries.Template("describe", query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []Column
	for rows.Next() {
		var c Column
		var null, key, def, extra sql.NullString
		if err := rows.Scan(&c.Name, &c.Type, &null, &key, &def, &extra); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return cols, rows.Err()
}
