package source

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/outfile"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/queries"
)

// OutputFormat returns the DuckDB COPY options for path, chosen by its extension: .csv
// (with a header) or .parquet; for .xlsx, which seglab writes itself, "xlsx". Any other
// extension is an input error.
func OutputFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return "FORMAT csv, HEADER true", nil
	case ".parquet":
		return "FORMAT parquet", nil
	case ".xlsx":
		return "xlsx", nil
	}
	return "", inputerr.New(path, "unknown output format; name the file .csv, .xlsx or .parquet")
}

// Encoding is the character encoding of the CSV files seglab writes.
type Encoding string

// The encodings: UTF-8 with a byte-order mark (the default: Excel on Windows needs the mark to
// show Chinese text), and GBK for older tools (written as GB18030, its superset, so that no
// character is lost).
const (
	UTF8 Encoding = "utf-8"
	GBK  Encoding = "gbk"
)

// ParseEncoding reads an encoding name as a user writes it: utf-8, utf8, gbk, gb18030 (any
// letter case); "" is UTF8.
func ParseEncoding(name string) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "utf-8", "utf8":
		return UTF8, nil
	case "gbk", "gb18030", "gb2312":
		return GBK, nil
	}
	return "", fmt.Errorf("unknown encoding %q; use utf-8 or gbk", name)
}

// ExportOption changes how Export and ExportStaged write.
type ExportOption func(*exportConfig)

type exportConfig struct{ encoding Encoding }

// WithEncoding writes CSV files in encoding e instead of UTF-8 with a byte-order mark.
func WithEncoding(e Encoding) ExportOption {
	return func(c *exportConfig) { c.encoding = e }
}

// Export writes the rows of query — a SELECT written by seglab, with no parameters — to path
// as CSV, Excel (.xlsx) or Parquet (by extension). The file appears whole or not at all: it is
// staged (ExportStaged) and then committed. A CSV file is UTF-8 with a byte-order mark unless
// an option says otherwise; in it, a text value a spreadsheet would run as a formula is
// written with a leading apostrophe (queries.FormulaSafeCell). An .xlsx file holds one sheet
// with text cells as text, never formulas.
func Export(ctx context.Context, db *sql.DB, query, path string, opts ...ExportOption) error {
	return commitNow(ExportStaged(ctx, db, query, path, opts...))
}

// commitNow commits the staged file st (unless staging failed with err) and makes the rename
// durable.
func commitNow(st *Staged, err error) error {
	if err != nil {
		return err
	}
	if err := st.Commit(); err != nil {
		st.Discard()
		return err
	}
	return outfile.SyncDir(filepath.Dir(st.Path))
}

// ExportStaged is Export up to the last step: the rows are written and synced to a temporary
// file beside path, which Commit moves into place and Discard removes. On error nothing is
// left behind. Staging two outputs and committing them one after the other keeps them in
// step when either write fails.
func ExportStaged(ctx context.Context, db *sql.DB, query, path string, opts ...ExportOption) (*Staged, error) {
	cfg := exportConfig{encoding: UTF8}
	for _, o := range opts {
		o(&cfg)
	}
	options, err := OutputFormat(path)
	if err != nil {
		return nil, err
	}
	if options == "xlsx" {
		return exportXLSX(ctx, db, query, path)
	}
	if strings.HasPrefix(options, "FORMAT csv") {
		if query, err = formulaSafe(ctx, db, query); err != nil {
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
	}
	tmp, err := outfile.CreateTemp(path)
	if err != nil {
		return nil, err
	}
	st := &Staged{Path: path, tmp: tmp.Name()}
	tmp.Close()
	// COPY takes no parameter for its target, so the path goes in as a string literal with
	// its single quotes doubled; it is a path seglab created, not an expression.
	copySQL := queries.Template("copy_to", map[string]string{"Query": query, "Path": st.tmp, "Options": options})
	if _, err := db.ExecContext(ctx, copySQL); err != nil {
		st.Discard()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	if strings.HasPrefix(options, "FORMAT csv") {
		if err := st.encode(cfg.encoding); err != nil {
			st.Discard()
			return nil, fmt.Errorf("writing %s: %w", path, err)
		}
	}
	if err := syncFile(st.tmp); err != nil {
		st.Discard()
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return st, nil
}

// formulaSafe wraps query so that its text columns are written through
// queries.FormulaSafeCell.
func formulaSafe(ctx context.Context, db *sql.DB, query string) (string, error) {
	rows, err := db.QueryContext(ctx, queries.Template("columns_of_query", query))
	if err != nil {
		return "", err
	}
	types, err := rows.ColumnTypes()
	rows.Close()
	if err != nil {
		return "", err
	}
	sel := make([]string, len(types))
	for i, t := range types {
		q := prep.QuoteIdent(t.Name())
		sel[i] = q
		if t.DatabaseTypeName() == "VARCHAR" {
			sel[i] = queries.FormulaSafeCell(q) + " AS " + q
		}
	}
	return queries.Template("select_columns", map[string]any{"Columns": sel, "Query": query}), nil
}

// Staged is an output written whole to a temporary file beside Path, not yet in place.
type Staged struct {
	Path string
	tmp  string
}

// Commit renames the staged file over Path. The rename is durable once the caller has synced
// the folder (outfile.SyncDir); committing several staged files first and syncing after keeps
// the moment at which they disagree as short as a rename.
func (s *Staged) Commit() error {
	if err := os.Rename(s.tmp, s.Path); err != nil {
		return fmt.Errorf("writing %s: %w", s.Path, err)
	}
	return nil
}

// Discard removes the staged file; after Commit it does nothing.
func (s *Staged) Discard() { os.Remove(s.tmp) }

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
