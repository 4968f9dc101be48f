// Package sqlgen writes the SQL that seglab hands to other databases: the spelling of
// identifiers, literals, casts and functions in each SQL dialect seglab targets, and the
// customer wide table over raw exports per dialect (WideTable).
//
// No single "ANSI" text runs everywhere: PostgreSQL has no type DOUBLE and reads 1.5e0 as
// NUMERIC, SQLite has no GREATEST, ClickHouse 18 has no common table expressions and a
// two-argument least, Spark reads a backslash in a string as an escape. Each Dialect
// therefore writes its own spelling, and DuckDB, PostgreSQL, SQLite and ClickHouse are
// tested on the real engine (engine/sqlgen/enginetest). Spark and Trino are written from
// their documented grammar and are not executed here.
package sqlgen

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dialect is an SQL dialect seglab writes.
type Dialect string

// Dialects seglab writes.
const (
	DuckDB Dialect = "duckdb"
	// Postgres is PostgreSQL (and the warehouses derived from it: Greenplum, GaussDB) with
	// standard_conforming_strings on, the default since PostgreSQL 9.1.
	Postgres Dialect = "postgres"
	// ClickHouse is ClickHouse from version 18.16 on (Debian bookworm's): no WITH, two-argument
	// least and greatest, backslash escapes in strings.
	ClickHouse Dialect = "clickhouse"
	// SQLite needs the math functions (ln), built in by default since 3.35.
	SQLite Dialect = "sqlite"
	// Spark is Spark SQL 3 (and Hive): backquoted identifiers, backslash escapes in strings,
	// double literals with a D suffix. Not executed here.
	Spark Dialect = "spark"
	// Trino is Trino (formerly PrestoSQL). Not executed here.
	Trino Dialect = "trino"
)

// All lists every dialect, the executed ones first.
var All = []Dialect{DuckDB, Postgres, ClickHouse, SQLite, Spark, Trino}

// Names returns the dialects' names joined by "|", for usage messages.
func Names() string {
	var s []string
	for _, d := range All {
		s = append(s, string(d))
	}
	return strings.Join(s, "|")
}

// Parse returns the dialect called name, or an error listing the dialects.
func Parse(name string) (Dialect, error) {
	for _, d := range All {
		if string(d) == name {
			return d, nil
		}
	}
	if name == "ansi" {
		return "", fmt.Errorf("dialect \"ansi\" is gone: no one SQL text runs on every engine; use one of %s", Names())
	}
	return "", fmt.Errorf("unknown SQL dialect %q (want one of %s)", name, Names())
}

// Executed reports whether seglab's tests run this dialect's SQL on the real engine.
func (d Dialect) Executed() bool {
	return d == DuckDB || d == Postgres || d == ClickHouse || d == SQLite
}

// Ident quotes an identifier: backquotes in Spark, double quotes elsewhere, the quote
// character doubled inside.
func (d Dialect) Ident(name string) string {
	if d == Spark {
		return "`" + strings.ReplaceAll(name, "`", "``") + "`"
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// String writes s as a string literal. ClickHouse and Spark read a backslash as an escape,
// so there a backslash and a single quote are escaped with one; elsewhere a single quote is
// doubled and a backslash is an ordinary character. Text holding a control character is
// refused.
func (d Dialect) String(s string) (string, error) {
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", fmt.Errorf("text %q holds a control character; it cannot be written into SQL", s)
	}
	if d == ClickHouse || d == Spark {
		s = strings.ReplaceAll(s, `\`, `\\`)
		return "'" + strings.ReplaceAll(s, "'", `\'`) + "'", nil
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}

// Float writes v as a literal of the engine's 64-bit float type with full precision
// (strconv 'g', −1): an exponent in DuckDB, ClickHouse, SQLite and Trino (where 1.5 alone
// is a DECIMAL), a D suffix in Spark, a typed literal DOUBLE PRECISION '…' in PostgreSQL
// (where 1.5e0 is NUMERIC). Negative numbers are parenthesised. It panics on NaN or an
// infinity, which a valid definition never holds.
func (d Dialect) Float(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		panic("sqlgen: Float of a non-finite number")
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	switch d {
	case Postgres:
		return "DOUBLE PRECISION '" + s + "'"
	case Spark:
		s = strings.ToUpper(s) + "D"
	default:
		if !strings.ContainsAny(s, "eE") {
			s += "e0"
		}
	}
	if strings.HasPrefix(s, "-") {
		s = "(" + s + ")"
	}
	return s
}

// Double casts expr to the 64-bit float type. In SQLite, whose CSV import stores an empty
// field as ”, the empty string counts as missing (NULL) rather than 0.
func (d Dialect) Double(expr string) string {
	switch d {
	case DuckDB:
		return expr + "::DOUBLE"
	case Postgres:
		return "CAST(" + expr + " AS DOUBLE PRECISION)"
	case ClickHouse:
		return "toFloat64(" + expr + ")"
	case SQLite:
		return "CAST(NULLIF(" + expr + ", '') AS REAL)"
	}
	return "CAST(" + expr + " AS DOUBLE)"
}

// Text casts expr to the engine's unbounded text type.
func (d Dialect) Text(expr string) string {
	switch d {
	case DuckDB:
		return expr + "::VARCHAR"
	case Postgres, SQLite:
		return "CAST(" + expr + " AS TEXT)"
	case ClickHouse:
		return "toString(" + expr + ")"
	case Spark:
		return "CAST(" + expr + " AS STRING)"
	}
	return "CAST(" + expr + " AS VARCHAR)"
}

// Ln is the natural logarithm of expr.
func (d Dialect) Ln(expr string) string {
	if d == ClickHouse {
		return "log(" + expr + ")"
	}
	return "LN(" + expr + ")"
}

// Least is the smallest of exprs (none of them NULL): LEAST, SQLite's many-argument MIN,
// or ClickHouse's two-argument least nested.
func (d Dialect) Least(exprs ...string) string {
	return d.extreme("LEAST", "MIN", "least", exprs)
}

// Greatest is the largest of exprs (none of them NULL), like Least.
func (d Dialect) Greatest(exprs ...string) string {
	return d.extreme("GREATEST", "MAX", "greatest", exprs)
}

func (d Dialect) extreme(std, sqlite, clickhouse string, exprs []string) string {
	switch {
	case len(exprs) == 0:
		panic("sqlgen: LEAST or GREATEST of nothing")
	case len(exprs) == 1:
		return exprs[0]
	case d == SQLite:
		return sqlite + "(" + strings.Join(exprs, ", ") + ")"
	case d == ClickHouse:
		s := exprs[0]
		for _, e := range exprs[1:] {
			s = clickhouse + "(" + s + ", " + e + ")"
		}
		return s
	}
	return std + "(" + strings.Join(exprs, ", ") + ")"
}

// Fence is what ends a derived table's SELECT to keep the planner from merging it into the
// query around it, which copies every column's expression into each place that uses it:
// " OFFSET 0" in PostgreSQL, " LIMIT -1 OFFSET 0" in SQLite (which flattens no subquery with
// an OFFSET); nothing elsewhere.
func (d Dialect) Fence() string {
	switch d {
	case Postgres:
		return " OFFSET 0"
	case SQLite:
		return " LIMIT -1 OFFSET 0"
	}
	return ""
}
