package enginetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SQLite is a database file in a temporary folder, driven through the sqlite3 command.
type SQLite struct {
	dir string
}

// OpenSQLite creates an empty SQLite database.
func OpenSQLite() (*SQLite, error) {
	if err := need("sqlite3"); err != nil {
		return nil, err
	}
	dir, err := tempDir("seglab-sqlite-")
	if err != nil {
		return nil, err
	}
	return &SQLite{dir: dir}, nil
}

// Close removes the database.
func (s *SQLite) Close() error { return os.RemoveAll(s.dir) }

func (s *SQLite) sqlite3(ctx context.Context, stdin string, args ...string) (string, error) {
	argv := append([]string{"-batch", "-bail"}, args...)
	argv = append(argv, filepath.Join(s.dir, "db.sqlite"))
	return run(ctx, stdin, nil, "sqlite3", argv...)
}

// Query runs one SELECT (without a trailing semicolon) and returns its rows as text, NULL
// as Null.
func (s *SQLite) Query(ctx context.Context, query string) ([][]string, error) {
	out, err := s.sqlite3(ctx, query+";\n", "-csv", "-nullvalue", Null)
	if err != nil {
		return nil, err
	}
	return parseCSV(out)
}

// Load creates the table name with the columns of the DuckDB relation from, as TEXT, REAL
// or INTEGER, and imports its rows with the shell's .import, as a CSV export would be
// loaded: a missing value arrives as an empty text, not NULL.
func (s *SQLite) Load(ctx context.Context, db *sql.DB, from, name string) error {
	cols, err := Columns(ctx, db, from)
	if err != nil {
		return err
	}
	var defs []string
	for _, c := range cols {
		t := "TEXT"
		switch c.Type {
		case "DOUBLE":
			t = "REAL"
		case "BIGINT", "INTEGER":
			t = "INTEGER"
		}
		defs = append(defs, quote(c.Name)+" "+t)
	}
	path := filepath.Join(s.dir, name+".csv")
	defer os.Remove(path)
	if err := exportCSV(ctx, db, from, "", "", "", path); err != nil {
		return err
	}
	_, err = s.sqlite3(ctx, fmt.Sprintf("DROP TABLE IF EXISTS %[1]s;\nCREATE TABLE %[1]s (%[2]s);\n.import --csv --skip 1 '%[3]s' %[1]s\n",
		quote(name), strings.Join(defs, ", "), path))
	return err
}
