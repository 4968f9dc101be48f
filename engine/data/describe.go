package data

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// ColumnStats describes one column of a table.
type ColumnStats struct {
	Name      string
	Type      string  // DuckDB type
	Rows      int64   // rows in the table
	NullShare float64 // share of rows that are NULL, 0–1
	Distinct  int64   // distinct non-NULL values, approximate (HyperLogLog) on large columns
	Min, Max  string  // smallest and largest value as text; "" when the column is all NULL
	Numeric   bool    // whether Mean, Std and the quartiles are set
	Mean, Std float64 // mean and sample standard deviation
	// Q25, Q50, Q75 are the quartiles, approximate (t-digest) on large columns.
	Q25, Q50, Q75 float64
}

// Describe returns statistics for every column of table, computed by DuckDB's SUMMARIZE in one
// pass over the table. table is a name as in Table.Name (it is quoted here).
func (s *Session) Describe(ctx context.Context, table string) ([]ColumnStats, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT column_name, column_type, min, max, approx_unique, avg, std, q25, q50, q75, count, null_percentage FROM (SUMMARIZE "+quoteIdent(table)+")")
	if err != nil {
		return nil, fmt.Errorf("data: describing %s: %w", table, err)
	}
	defer rows.Close()
	var stats []ColumnStats
	for rows.Next() {
		var c ColumnStats
		var min, max, avg, std, q25, q50, q75 sql.NullString
		var nullPct sql.NullFloat64
		if err := rows.Scan(&c.Name, &c.Type, &min, &max, &c.Distinct, &avg, &std, &q25, &q50, &q75, &c.Rows, &nullPct); err != nil {
			return nil, fmt.Errorf("data: describing %s: %w", table, err)
		}
		c.Min, c.Max = min.String, max.String
		c.NullShare = nullPct.Float64 / 100
		if isNumericType(c.Type) && avg.Valid {
			c.Numeric = true
			for _, f := range []struct {
				dst *float64
				src sql.NullString
			}{{&c.Mean, avg}, {&c.Std, std}, {&c.Q25, q25}, {&c.Q50, q50}, {&c.Q75, q75}} {
				*f.dst = parseFloatOrNaN(f.src)
			}
		}
		stats = append(stats, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data: describing %s: %w", table, err)
	}
	return stats, nil
}

// parseFloatOrNaN parses s, returning NaN when it is NULL or not a number.
func parseFloatOrNaN(s sql.NullString) float64 {
	if !s.Valid {
		return nan
	}
	f, err := strconv.ParseFloat(s.String, 64)
	if err != nil {
		return nan
	}
	return f
}
