package source

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
)

// OutputFormat returns the DuckDB COPY options for path, chosen by its extension: .csv
// (UTF-8 with a header) or .parquet. Any other extension is an input error.
func OutputFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "FORMAT csv, HEADER true", nil
	case ".parquet":
		return "FORMAT parquet", nil
	}
	return "", inputerr.New(path, "unknown output format; name the file .csv or .parquet")
}

// Export writes the rows of query — a SELECT written by seglab, with no parameters — to path
// as CSV or Parquet (by extension). The file appears whole or not at all: DuckDB writes a
// temporary file beside it, which is synced and then renamed over path.
func Export(ctx context.Context, db *sql.DB, query, path string) error {
	options, err := OutputFormat(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return inputerr.New(path, "cannot write here: %v", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName) // no-op once renamed

	// COPY takes no parameter for its target, so the path goes in as a string literal with
	// its single quotes doubled; it is a path seglab created, not an expression.
	copySQL := "COPY (" + query + ") TO " + stringLiteral(tmpName) + " (" + options + ")"
	if _, err := db.ExecContext(ctx, copySQL); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := syncFile(tmpName); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stringLiteral quotes s as an SQL string literal.
func stringLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
