package sqlgen

import (
	"context"
	"database/sql"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/sample"
	"github.com/seglab/seglab/engine/sqlgen/enginetest"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/engine/widetable/widetabledb"
)

var engines enginetest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	engines.Close()
	os.Exit(code)
}

var rawTables = []string{"raw_customers", "raw_billing", "raw_payments", "raw_outages", "raw_tickets", "raw_survey"}

// wideSession loads sample exports of n customers into DuckDB and builds the wide table with
// seglab's own code (engine/widetable), the reference the dialects are compared with.
func wideSession(t *testing.T, n int) *data.Session {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := sample.Write(ctx, dir, sample.Options{Customers: n, Seed: 15}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := widetabledb.Build(ctx, s.DB(), widetable.DefaultRules()); err != nil {
		t.Fatal(err)
	}
	return s
}

// duckRows runs a query in DuckDB and returns its rows as text (floats in their shortest
// exact form), NULL as enginetest.Null, and the columns' database types.
func duckRows(t *testing.T, db *sql.DB, q string) ([][]string, []string) {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), q)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	ct, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, c := range ct {
		types = append(types, c.DatabaseTypeName())
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(ct))
		ptrs := make([]any, len(ct))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		r := make([]string, len(vals))
		for i, v := range vals {
			r[i] = enginetest.Null
			if v.Valid {
				r[i] = v.String
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out, types
}

// sameWide compares got with want (DuckDB's wide table) customer by customer (the first
// column) and column by column: text exactly, numbers within 1e-9 relative (or absolute,
// near zero), NULL only with NULL.
func sameWide(t *testing.T, want [][]string, types, names []string, got [][]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	byID := map[string][]string{}
	for _, r := range got {
		if len(r) != len(names) {
			t.Fatalf("row %q has %d columns, want %d", r, len(r), len(names))
		}
		byID[r[0]] = r
	}
	bad := 0
	for _, w := range want {
		g, ok := byID[w[0]]
		if !ok {
			t.Fatalf("customer %s missing", w[0])
		}
		for j := range w {
			if same(w[j], g[j], types[j]) {
				continue
			}
			if bad++; bad <= 10 {
				t.Errorf("customer %s, %s: got %q, want %q", w[0], names[j], g[j], w[j])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d values differ", bad)
	}
}

func same(want, got, typ string) bool {
	if want == got {
		return true
	}
	if want == enginetest.Null || got == enginetest.Null {
		return false
	}
	switch typ {
	case "DOUBLE", "FLOAT", "BIGINT", "INTEGER", "HUGEINT", "DECIMAL":
	default:
		return false
	}
	a, err1 := strconv.ParseFloat(want, 64)
	b, err2 := strconv.ParseFloat(got, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// The wide-table SQL of each executed dialect, run on its engine over the same raw exports,
// gives the wide table that seglab build gives, every customer, every column, whether the
// reference month is found in the data or given: DuckDB in the session itself, PostgreSQL
// and ClickHouse (through Distributed tables over two shards) after the raw exports are
// copied in.
func TestWideTableOnEngines(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 800
	}
	ctx := context.Background()
	s := wideSession(t, n)
	db := s.DB()
	want, types := duckRows(t, db, "SELECT * FROM wide ORDER BY customer_id")
	cols, err := enginetest.Columns(ctx, db, "wide")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cols {
		names = append(names, c.Name)
	}
	if len(want) != n || len(names) < 30 {
		t.Fatalf("the reference wide table has %d rows and %d columns", len(want), len(names))
	}
	// The reference month found in the data, and the same month given as --ref-month.
	var last string
	if err := db.QueryRowContext(ctx, "SELECT max(bill_month) FROM raw_billing").Scan(&last); err != nil {
		t.Fatal(err)
	}
	months := []string{"", last}
	query := func(t *testing.T, d Dialect, month string) string {
		q, err := WideTable(d, month, widetable.DefaultRules())
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	t.Run("duckdb", func(t *testing.T) {
		for _, m := range months {
			got, _ := duckRows(t, db, query(t, DuckDB, m))
			sameWide(t, want, types, names, got)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		pg, err := engines.Postgres()
		enginetest.Require(t, err)
		for _, raw := range rawTables {
			if err := pg.Load(ctx, db, raw, raw); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range months {
			q := query(t, Postgres, m)
			got, err := pg.Query(ctx, q)
			if err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			sameWide(t, want, types, names, got)
		}
	})
	t.Run("clickhouse", func(t *testing.T) {
		ch, err := engines.ClickHouse()
		enginetest.Require(t, err)
		for _, raw := range rawTables {
			if err := ch.Load(ctx, db, raw, raw, "customer_id"); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range months {
			q := query(t, ClickHouse, m)
			got, err := ch.Query(ctx, q)
			if err != nil {
				t.Fatalf("%v\n%s", err, q)
			}
			sameWide(t, want, types, names, got)
		}
	})
}
