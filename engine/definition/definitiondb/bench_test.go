package definitiondb

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/sqlgen"
)

// Scoring 1,000,000 customers from the wide table in DuckDB to a written Parquet file
// (read columns, routes, population, nearest centroid, store, export), the Go path of
// seglab score after loading.
func BenchmarkScore1M(b *testing.B) {
	ctx := context.Background()
	s := session(b)
	synth(b, s, 1_000_000, 9)
	d, _, _, _ := fit(b, s, testSpec, 5, 1, testRoutes)
	out := filepath.Join(b.TempDir(), "scored.parquet")
	b.ResetTimer()
	for range b.N {
		sc, err := Score(ctx, s, d)
		if err != nil {
			b.Fatal(err)
		}
		if err := Write(ctx, s, d, sc, out, "zh"); err != nil {
			b.Fatal(err)
		}
	}
}

// The same customers scored by the SQL of the duckdb dialect, written by DuckDB.
func BenchmarkSQLScore1M(b *testing.B) {
	ctx := context.Background()
	s := session(b)
	synth(b, s, 1_000_000, 9)
	d, _, _, _ := fit(b, s, testSpec, 5, 1, testRoutes)
	q, err := definition.SQL(d, "wide", sqlgen.DuckDB, "zh")
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "scored.parquet")
	b.ResetTimer()
	for range b.N {
		if _, err := s.DB().ExecContext(ctx, "COPY ("+q+") TO '"+out+"' (FORMAT parquet)"); err != nil {
			b.Fatal(err)
		}
	}
}
