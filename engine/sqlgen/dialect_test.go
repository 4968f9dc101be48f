package sqlgen

import (
	"strings"
	"testing"
)

// Each dialect spells literals, identifiers and functions the way its documentation says;
// the executed dialects are also checked on their engines (widetable_test.go,
// engine/definition/engines_test.go). Spark and Trino are checked only here.
func TestSpellings(t *testing.T) {
	cases := []struct {
		d                  Dialect
		float, neg, ident  string
		quote, least, cast string
	}{
		{DuckDB, "0.5e0", "(-1e-05)", `"区域"`, `'it''s \'`, "LEAST(a, b, c)", `"x"::DOUBLE`},
		{Postgres, "DOUBLE PRECISION '0.5'", "DOUBLE PRECISION '-1e-05'", `"区域"`, `'it''s \'`, "LEAST(a, b, c)", `CAST("x" AS DOUBLE PRECISION)`},
		{ClickHouse, "0.5e0", "(-1e-05)", `"区域"`, `'it\'s \\'`, "least(least(a, b), c)", `toFloat64("x")`},
		{SQLite, "0.5e0", "(-1e-05)", `"区域"`, `'it''s \'`, "MIN(a, b, c)", `CAST(NULLIF("x", '') AS REAL)`},
		{Spark, "0.5D", "(-1E-05D)", "`区域`", `'it\'s \\'`, "LEAST(a, b, c)", "CAST(`x` AS DOUBLE)"},
		{Trino, "0.5e0", "(-1e-05)", `"区域"`, `'it''s \'`, "LEAST(a, b, c)", `CAST("x" AS DOUBLE)`},
	}
	for _, c := range cases {
		q, err := c.d.String(`it's \`)
		got := []string{c.d.Float(0.5), c.d.Float(-1e-5), c.d.Ident("区域"), q, c.d.Least("a", "b", "c"), c.d.Double(c.d.Ident("x"))}
		want := []string{c.float, c.neg, c.ident, c.quote, c.least, c.cast}
		if err != nil || strings.Join(got, " | ") != strings.Join(want, " | ") {
			t.Errorf("%s: got  %s (%v)\nwant %s", c.d, strings.Join(got, " | "), err, strings.Join(want, " | "))
		}
		if _, err := c.d.String("a\nb"); err == nil {
			t.Errorf("%s: a control character was written into SQL", c.d)
		}
		if d, err := Parse(string(c.d)); d != c.d || err != nil {
			t.Errorf("Parse(%q) = %q, %v", c.d, d, err)
		}
	}
	if _, err := Parse("ansi"); err == nil || !strings.Contains(err.Error(), "postgres") {
		t.Errorf("Parse(ansi): %v", err)
	}
	if Spark.Executed() || Trino.Executed() || !ClickHouse.Executed() {
		t.Error("only duckdb, postgres, clickhouse and sqlite are executed here")
	}
}
