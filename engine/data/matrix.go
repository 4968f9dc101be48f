package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
)

var nan = math.NaN()

// Matrix is a numeric query result held row-major, as k-means consumes it.
type Matrix struct {
	Columns []string  // result column names
	Rows    int       // number of rows
	Data    []float64 // row i, column j at Data[i*len(Columns)+j]; NaN where the value was NULL
}

// Row returns row i as a slice of Data (not a copy).
func (m *Matrix) Row(i int) []float64 {
	d := len(m.Columns)
	return m.Data[i*d : (i+1)*d : (i+1)*d]
}

// errNoFastPath reports that the chunk reader cannot serve a call; the Scan reader must.
var errNoFastPath = errors.New("data: chunk reader unavailable")

// ReadMatrix runs query with args bound to its ? parameters and returns the result as a
// row-major Matrix. Every result column must be numeric (integer, decimal or floating point);
// values are converted to float64 and NULL becomes NaN.
//
// It reads DuckDB's result vectors directly (see rawconn.go), without a per-value call, and
// falls back to database/sql Scan when that is not possible (an argument of a type the chunk
// reader does not bind, or a driver whose internals changed). SEGLAB_SCAN_READER=1 forces Scan.
func (s *Session) ReadMatrix(ctx context.Context, query string, args ...any) (*Matrix, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("data: reading a matrix: %w", err)
	}
	defer conn.Close()
	if os.Getenv("SEGLAB_SCAN_READER") != "1" {
		m, err := readMatrixChunks(ctx, conn, query, args)
		if !errors.Is(err, errNoFastPath) {
			return m, err
		}
	}
	return readMatrixScan(ctx, conn, query, args)
}

// readMatrixScan is ReadMatrix through database/sql Scan: about a microsecond per row.
func readMatrixScan(ctx context.Context, conn *sql.Conn, query string, args []any) (*Matrix, error) {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("data: reading a matrix: %w", err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("data: reading a matrix: %w", err)
	}
	m := &Matrix{Columns: make([]string, len(types))}
	for j, t := range types {
		m.Columns[j] = t.Name()
		if !isNumericType(t.DatabaseTypeName()) {
			return nil, notNumeric(t.Name(), t.DatabaseTypeName())
		}
	}
	vals := make([]sql.NullFloat64, len(types))
	dest := make([]any, len(types))
	for j := range vals {
		dest[j] = &vals[j]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("data: reading a matrix: %w", err)
		}
		for _, v := range vals {
			if v.Valid {
				m.Data = append(m.Data, v.Float64)
			} else {
				m.Data = append(m.Data, nan)
			}
		}
		m.Rows++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data: reading a matrix: %w", err)
	}
	return m, nil
}

func notNumeric(col, sqlType string) error {
	return fmt.Errorf("data: column %q is %s, not a number; only numeric columns can be clustered", col, sqlType)
}

// ReadStrings runs query with args bound and returns its single result column as text, one
// entry per row; NULL becomes "". It suits ids and categorical dimensions.
func (s *Session) ReadStrings(ctx context.Context, query string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("data: reading a text column: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("data: reading a text column: %w", err)
	}
	if len(cols) != 1 {
		return nil, fmt.Errorf("data: reading a text column: the query returns %d columns (%s), not one", len(cols), strings.Join(cols, ", "))
	}
	var out []string
	var v sql.NullString
	for rows.Next() {
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("data: reading a text column: %w", err)
		}
		out = append(out, v.String)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("data: reading a text column: %w", err)
	}
	return out, nil
}
