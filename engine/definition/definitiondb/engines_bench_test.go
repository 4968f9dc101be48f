package definitiondb

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/seglab/seglab/engine/definition"

	"github.com/seglab/seglab/engine/sqlgen"
	"github.com/seglab/seglab/engine/sqlgen/enginetest"
)

// Scoring 1,000,000 customers with the hardest test definition (robustCase) on each executed
// engine, beside seglab score's Go path on the same data. Each engine writes the result into
// a table of its own (CREATE TABLE … AS the generated SELECT; ClickHouse reads through its
// Distributed table over two shards); loading the data is not timed. After the runs, every
// row is compared with seglab score and the rows that agree are reported as the metric
// agree (of 1,000,000).
//
//	go test ./engine/definition -run '^$' -bench Engines1M -benchtime 3x -timeout 60m
func BenchmarkEngines1M(b *testing.B) {
	const n = 1_000_000
	ctx := context.Background()
	s := session(b)
	c := engineCases(b, s, n, "robust")[0]
	db := s.DB()
	src := `"wide_robust"`
	outer := b
	var lite *enginetest.SQLite
	// Sub-benchmarks run more than once (b.N = 1 first): load each engine once.
	loaded := map[string]bool{}
	load := func(b *testing.B, engine string, fn func() error) {
		b.Helper()
		if loaded[engine] {
			return
		}
		b.StopTimer()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		loaded[engine] = true
		b.StartTimer()
	}
	report := func(b *testing.B, rows [][]string, err error) {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
		bad := disagreeing(b, c, rows)
		if len(rows) != n {
			b.Errorf("%d rows of %d", len(rows), n)
		}
		b.ReportMetric(float64(len(rows)-bad), "agree")
	}
	b.Run("seglab-score", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "scored.parquet") // wide holds the same data as wide_robust
		for range b.N {
			sc, err := Score(ctx, s, c.d)
			if err != nil {
				b.Fatal(err)
			}
			if err := Write(ctx, s, c.d, sc, out, c.lang); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		rows, err := queryDuck(ctx, s, "SELECT * FROM '"+out+"'")
		report(b, rows, err)
	})
	b.Run("duckdb", func(b *testing.B) {
		q, err := definition.SQL(c.d, "wide_robust", sqlgen.DuckDB, c.lang)
		if err != nil {
			b.Fatal(err)
		}
		for range b.N {
			if _, err := db.ExecContext(ctx, "CREATE OR REPLACE TABLE scored AS "+q); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		rows, err := queryDuck(ctx, s, "SELECT * FROM scored")
		report(b, rows, err)
	})
	b.Run("postgres", func(b *testing.B) {
		pg, err := engines.Postgres()
		enginetest.Require(b, err)
		q, err := definition.SQL(c.d, c.table, sqlgen.Postgres, c.lang)
		if err != nil {
			b.Fatal(err)
		}
		load(b, "postgres", func() error { return pg.Load(ctx, db, src, c.table) })
		for range b.N {
			if err := pg.Exec(ctx, "DROP TABLE IF EXISTS scored; CREATE TABLE scored AS "+q); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		rows, err := pg.Query(ctx, "SELECT * FROM scored")
		report(b, rows, err)
	})
	b.Run("sqlite", func(b *testing.B) {
		if lite == nil {
			var err error
			lite, err = enginetest.OpenSQLite()
			enginetest.Require(b, err)
			outer.Cleanup(func() { lite.Close() })
		}
		q, err := definition.SQL(c.d, c.table, sqlgen.SQLite, c.lang)
		if err != nil {
			b.Fatal(err)
		}
		load(b, "sqlite", func() error { return lite.Load(ctx, db, src, c.table) })
		for range b.N {
			if _, err := lite.Query(ctx, "DROP TABLE IF EXISTS scored; CREATE TABLE scored AS "+q); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		rows, err := lite.Query(ctx, "SELECT * FROM scored")
		report(b, rows, err)
	})
	b.Run("clickhouse", func(b *testing.B) {
		ch, err := engines.ClickHouse()
		enginetest.Require(b, err)
		q, err := definition.SQL(c.d, c.table, sqlgen.ClickHouse, c.lang)
		if err != nil {
			b.Fatal(err)
		}
		load(b, "clickhouse", func() error { return ch.Load(ctx, db, src, c.table, c.d.IDColumn) })
		for range b.N {
			if err := ch.Exec(ctx, 0, "DROP TABLE IF EXISTS scored"); err != nil {
				b.Fatal(err)
			}
			if err := ch.Exec(ctx, 0, "CREATE TABLE scored ENGINE = Memory AS "+q); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		rows, err := ch.Query(ctx, "SELECT * FROM scored")
		report(b, rows, err)
	})
}
