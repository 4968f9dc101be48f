package definition

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/prep"
)

// Dialect is the SQL dialect SQL writes.
type Dialect string

// Dialects of SQL.
const (
	// DuckDB uses DuckDB's :: casts.
	DuckDB Dialect = "duckdb"
	// ANSI uses only standard SQL that warehouses share (Spark SQL, Trino, PostgreSQL,
	// DuckDB): WITH, CASE, CAST(… AS DOUBLE), CAST(… AS VARCHAR(1000)), LN, LEAST, GREATEST,
	// COALESCE, arithmetic, double-quoted identifiers (Spark needs
	// spark.sql.ansi.enabled and spark.sql.ansi.doubleQuotedIdentifiers) and string
	// literals without backslashes (Spark reads a backslash as an escape, so text holding
	// one is refused in this dialect).
	ANSI Dialect = "ansi"
)

// SQL returns one SELECT statement that scores every row of table exactly as Score does:
// routes first (in order), then, inside the population, the nearest centroid over the
// coordinates present (ties to the lowest id), else segment 0. Its result has the id column
// (when the definition has one), segment and segment_name (in lang, "en" or "zh").
//
// Numeric dimensions are cast to DOUBLE, transformed (log1p as LN(1 + x); winsorize as
// LEAST(GREATEST(x, low), high), guarded so that NULL stays NULL), scaled and weighted as
// ((t − centre) / scale) · weight; categorical ones become indicators of level weight/√2,
// NULL for a missing or unknown category. Distances add COALESCE((x − c)², 0) over the
// columns in order, the same sum in the same order as prep.NearestPresent. Numbers are
// written with full precision (strconv 'g', −1) and an exponent so that every engine reads
// them as DOUBLE, not DECIMAL.
//
// table may be qualified (schema.table); each part is validated like a column name and
// quoted. Column names are validated and double-quoted; filter values, categories and names
// are written as string literals with single quotes doubled, and control characters are
// refused.
func SQL(d *Definition, table string, dialect Dialect, lang string) (string, error) {
	if dialect != DuckDB && dialect != ANSI {
		return "", fmt.Errorf("unknown SQL dialect %q (want duckdb or ansi)", dialect)
	}
	if err := d.check(); err != nil {
		return "", err
	}
	g := sqlGen{dialect: dialect}
	var parts []string
	for _, part := range strings.Split(table, ".") {
		if err := ValidColumnName(part); err != nil {
			return "", fmt.Errorf("table name %q: %v", table, err)
		}
		parts = append(parts, prep.QuoteIdent(part))
	}
	from := strings.Join(parts, ".")

	var b strings.Builder
	fmt.Fprintf(&b, "-- seglab segment definition: k = %d, %d dimension(s), %d route(s); dialect %s\n", d.K, len(d.Preprocessing.Dims), len(d.Routes), dialect)
	b.WriteString("WITH seglab_input AS (\n  SELECT\n")
	var sel []string
	if d.IDColumn != "" {
		sel = append(sel, "    "+prep.QuoteIdent(d.IDColumn)+" AS seglab_id")
	}
	// Routes.
	route := "CAST(NULL AS INTEGER)"
	if len(d.Routes) > 0 {
		var rb strings.Builder
		rb.WriteString("CASE")
		for _, r := range d.Routes {
			cond, err := g.filter(r.When)
			if err != nil {
				return "", err
			}
			fmt.Fprintf(&rb, " WHEN %s THEN %d", cond, r.Segment)
		}
		rb.WriteString(" ELSE NULL END")
		route = rb.String()
	}
	sel = append(sel, "    "+route+" AS seglab_route")
	pop := "1"
	if len(d.Population) > 0 {
		cond, err := g.filter(d.Population)
		if err != nil {
			return "", err
		}
		pop = "CASE WHEN " + cond + " THEN 1 ELSE 0 END"
	}
	sel = append(sel, "    "+pop+" AS seglab_in_population")
	// Matrix columns.
	col := 0
	for _, dim := range d.Preprocessing.Dims {
		q := prep.QuoteIdent(dim.Column)
		if dim.Kind == prep.Categorical {
			v := g.text(q)
			var all []string
			for _, c := range dim.Categories {
				lit, err := g.str(c)
				if err != nil {
					return "", err
				}
				all = append(all, lit)
			}
			level := num(dim.Weight / math.Sqrt2)
			for j := range dim.Categories {
				col++
				sel = append(sel, fmt.Sprintf("    CASE WHEN %s = %s THEN %s WHEN %s IN (%s) THEN 0e0 ELSE NULL END AS seglab_x%d",
					v, all[j], level, v, strings.Join(all, ", "), col))
			}
			continue
		}
		v := g.double(q)
		t := v
		switch dim.Transform {
		case prep.Log1p:
			t = "LN(1e0 + " + v + ")"
		case prep.Winsorize:
			t = fmt.Sprintf("CASE WHEN %s IS NULL THEN NULL ELSE LEAST(GREATEST(%s, %s), %s) END", v, v, num(dim.CutLow), num(dim.CutHigh))
		}
		col++
		sel = append(sel, fmt.Sprintf("    ((%s - %s) / %s) * %s AS seglab_x%d", t, num(dim.Centre), num(dim.Scale), num(dim.Weight), col))
	}
	b.WriteString(strings.Join(sel, ",\n"))
	b.WriteString("\n  FROM " + from + "\n),\nseglab_distance AS (\n  SELECT\n")
	sel = sel[:0]
	if d.IDColumn != "" {
		sel = append(sel, "    seglab_id")
	}
	sel = append(sel, "    seglab_route", "    seglab_in_population")
	for _, s := range d.Segments {
		terms := make([]string, len(s.Centroid))
		for j, c := range s.Centroid {
			lit := num(c)
			terms[j] = fmt.Sprintf("COALESCE((seglab_x%d - %s) * (seglab_x%d - %s), 0e0)", j+1, lit, j+1, lit)
		}
		sel = append(sel, fmt.Sprintf("    %s AS seglab_d%d", strings.Join(terms, "\n      + "), s.ID))
	}
	b.WriteString(strings.Join(sel, ",\n"))
	b.WriteString("\n  FROM seglab_input\n),\nseglab_segment AS (\n  SELECT\n")
	if d.IDColumn != "" {
		b.WriteString("    seglab_id,\n")
	}
	b.WriteString("    CASE\n      WHEN seglab_route IS NOT NULL THEN seglab_route\n      WHEN seglab_in_population = 0 THEN 0\n")
	for c := 1; c < d.K; c++ {
		var conds []string
		for o := c + 1; o <= d.K; o++ {
			conds = append(conds, fmt.Sprintf("seglab_d%d <= seglab_d%d", c, o))
		}
		fmt.Fprintf(&b, "      WHEN %s THEN %d\n", strings.Join(conds, " AND "), c)
	}
	fmt.Fprintf(&b, "      ELSE %d\n    END AS segment\n  FROM seglab_distance\n)\nSELECT\n", d.K)
	if d.IDColumn != "" {
		b.WriteString("  seglab_id AS " + prep.QuoteIdent(d.IDColumn) + ",\n")
	}
	b.WriteString("  segment,\n  CASE segment")
	for _, id := range d.SegmentIDs() {
		lit, err := g.str(d.SegmentName(id, lang))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, " WHEN %d THEN %s", id, lit)
	}
	b.WriteString(" END AS segment_name\nFROM seglab_segment")
	return b.String(), nil
}

type sqlGen struct{ dialect Dialect }

func (g sqlGen) double(q string) string {
	if g.dialect == DuckDB {
		return q + "::DOUBLE"
	}
	return "CAST(" + q + " AS DOUBLE)"
}

func (g sqlGen) text(q string) string {
	if g.dialect == DuckDB {
		return q + "::VARCHAR"
	}
	return "CAST(" + q + " AS VARCHAR(1000))"
}

// str writes s as a string literal.
func (g sqlGen) str(s string) (string, error) {
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", fmt.Errorf("text %q holds a control character; it cannot be written into SQL", s)
	}
	if g.dialect == ANSI && strings.Contains(s, `\`) {
		return "", fmt.Errorf("text %q holds a backslash, which Spark SQL reads as an escape; use --dialect duckdb or rename it", s)
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}

// filter writes the conditions of f joined by AND, each in parentheses. Values are literals;
// a nil value tests IS NULL.
func (g sqlGen) filter(f prep.Filter) (string, error) {
	var parts []string
	for _, c := range f {
		q := prep.QuoteIdent(c.Column)
		switch v := c.Equals.(type) {
		case nil:
			parts = append(parts, "("+q+" IS NULL)")
		case string:
			lit, err := g.str(v)
			if err != nil {
				return "", err
			}
			parts = append(parts, "("+g.text(q)+" = "+lit+")")
		default:
			x, err := strconv.ParseFloat(fmt.Sprint(v), 64)
			if err != nil {
				return "", fmt.Errorf("column %q: filter value %v is neither text nor a number", c.Column, v)
			}
			parts = append(parts, "("+g.double(q)+" = "+num(x)+")")
		}
	}
	return strings.Join(parts, " AND "), nil
}

// num writes v with full precision and an exponent, so that it is read as DOUBLE.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, "eE") {
		s += "e0"
	}
	if v < 0 || strings.HasPrefix(s, "-") {
		s = "(" + s + ")"
	}
	return s
}
