// Package enginetest starts real SQL engines for seglab's tests and benchmarks: a PostgreSQL
// server on a Unix socket in a temporary folder, two ClickHouse servers on loopback ports
// with a Distributed table over them, and SQLite databases driven through the sqlite3
// command. It drives them with their own command-line clients (psql, clickhouse-client,
// sqlite3), so seglab needs no database driver besides DuckDB's.
//
// Tables are copied from a DuckDB relation: its columns (VARCHAR, DOUBLE, BIGINT, INTEGER,
// DATE, TIMESTAMP) become the engine's types and its rows travel as CSV, floats written by
// DuckDB with the shortest text that reads back to the same double.
package enginetest

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Null is how Query methods give an SQL NULL.
const Null = `\N`

// ErrMissing is returned (wrapped) when an engine's programs are not installed.
var ErrMissing = errors.New("not installed")

// Column is one column of a table copied into an engine.
type Column struct {
	Name string
	Type string // DuckDB's type name: VARCHAR, DOUBLE, BIGINT, INTEGER, DATE or TIMESTAMP
}

// Columns returns the columns of the DuckDB relation from (a table name or a parenthesised
// query), in order.
func Columns(ctx context.Context, db *sql.DB, from string) ([]Column, error) {
	rows, err := db.QueryContext(ctx, "DESCRIBE SELECT * FROM "+from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []Column
	for rows.Next() {
		vals := make([]sql.NullString, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, Column{Name: vals[0].String, Type: vals[1].String})
	}
	return out, rows.Err()
}

// exportCSV writes the rows of the DuckDB relation from to path as CSV with a header line,
// NULL written as null (e.g. `\N`, or "" for an empty field), in the order of orderBy (a
// column name, "" for any order) and only the rows where where holds ("" for all).
func exportCSV(ctx context.Context, db *sql.DB, from, where, orderBy, null, path string) error {
	q := "SELECT * FROM " + from
	if where != "" {
		q += " WHERE " + where
	}
	if orderBy != "" {
		q += " ORDER BY " + quote(orderBy)
	}
	_, err := db.ExecContext(ctx, fmt.Sprintf("COPY (%s) TO '%s' (FORMAT csv, HEADER, NULLSTR '%s')",
		q, strings.ReplaceAll(path, "'", "''"), null))
	return err
}

// quote double-quotes a DuckDB, PostgreSQL, SQLite or ClickHouse identifier.
func quote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// run runs a program with stdin and returns its standard output; a failure returns the
// program's standard error in the error.
func run(ctx context.Context, stdin string, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdin = strings.NewReader(stdin)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if len(msg) > 2000 {
			msg = msg[:2000] + "…"
		}
		return "", fmt.Errorf("%s: %v: %s", name, err, msg)
	}
	return out.String(), nil
}

// parseCSV reads CSV text into rows of fields.
func parseCSV(text string) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// need returns an error wrapping ErrMissing when a program is not on PATH.
func need(programs ...string) error {
	for _, p := range programs {
		if _, err := exec.LookPath(p); err != nil {
			return fmt.Errorf("%s: %w", p, ErrMissing)
		}
	}
	return nil
}

// tempDir makes a fresh folder for an engine's files.
func tempDir(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	return filepath.Abs(dir)
}
