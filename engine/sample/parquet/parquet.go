// Package parquet writes the sample data (engine/sample) as Parquet files, typed as
// EXPORTS.md says, converting the generated CSV with DuckDB.
package parquet

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/sample"
	"github.com/seglab/seglab/queries"
)

// duckDBTypes maps the column types of EXPORTS.md to DuckDB types.
var duckDBTypes = map[string]string{
	"text": "VARCHAR", "number": "DOUBLE", "integer": "INTEGER", "date": "DATE", "timestamp": "TIMESTAMP",
}

// Write writes the sample like sample.Write, as Parquet: it generates UTF-8 CSV into a
// temporary folder inside dir, converts every file with DuckDB (typed as EXPORTS.md says)
// and renames the Parquet files into dir. The summary describes the Parquet files.
func Write(ctx context.Context, dir string, opts sample.Options) (sample.Summary, error) {
	tmp, err := os.MkdirTemp(dir, ".seglab-sample-*")
	if err != nil {
		return sample.Summary{}, err
	}
	defer os.RemoveAll(tmp)
	opts.Encoding = "utf-8"
	sum, err := sample.Write(ctx, tmp, opts)
	if err != nil {
		return sample.Summary{}, err
	}
	s, err := data.Open(data.Options{})
	if err != nil {
		return sample.Summary{}, err
	}
	defer s.Close()
	columns := map[string][]sample.Column{
		sample.TruthFile: {{Name: "customer_id", Header: "customer_id", Type: "text"}, {Name: "planted_segment", Header: "planted_segment", Type: "text"}},
	}
	for _, e := range sample.Exports() {
		columns[e.File] = e.Columns
	}
	type typed struct{ Name, Type string }
	for i, file := range sum.Files {
		name := strings.TrimSuffix(file.Name, ".csv") + ".parquet"
		staged := filepath.Join(tmp, name)
		var cols []typed
		for _, c := range columns[file.Name] {
			cols = append(cols, typed{c.Header, duckDBTypes[c.Type]})
		}
		q := queries.Template("sample_parquet", map[string]any{"Columns": cols, "Target": staged})
		if _, err := s.DB().ExecContext(ctx, q, file.Path); err != nil {
			return sample.Summary{}, fmt.Errorf("converting %s to Parquet: %w", file.Name, err)
		}
		target := filepath.Join(dir, name)
		if err := os.Rename(staged, target); err != nil {
			return sample.Summary{}, err
		}
		st, err := os.Stat(target)
		if err != nil {
			return sample.Summary{}, err
		}
		sum.Files[i] = sample.File{Name: name, Path: target, Rows: file.Rows, Bytes: st.Size()}
	}
	return sum, nil
}
