package definition

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/template"

	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/sqlgen"
	"github.com/seglab/seglab/queries"
)

var scoreTemplate = template.Must(template.New("score.sql").Parse(queries.ScoreTemplate))

// SQL returns one SELECT statement, in dialect, that scores every row of table exactly as
// definitiondb.Score does: routes first (in order), then, inside the population, the nearest
// centroid over the coordinates present (ties to the lowest id), else segment 0. Its result has
// the id column (when the definition has one), segment and segment_name (in lang, "en" or
// "zh").
//
// The statement is the template queries/dialect/score.sql: nested derived tables (no WITH,
// which ClickHouse 18 lacks) that compute each customer's coordinates once, then each
// (customer, centre) squared distance once, then their minimum, and give the first centre at
// that minimum; PostgreSQL gets OFFSET 0 fences so that it does not inline those columns
// into every use.
//
// Numeric dimensions are cast to the dialect's 64-bit float, transformed (log1p as
// ln(1 + x); winsorize as least(greatest(x, low), high), guarded so that NULL stays NULL),
// scaled and weighted as ((t − centre) / scale) · weight; categorical ones become indicators
// of level weight/√2, NULL for a missing or unknown category. Distances add
// COALESCE((x − c)·(x − c), 0) over the columns in order, the same sum in the same order as
// prep.NearestPresent. Numbers are typed float literals with full precision (sqlgen.Float).
// A filter value nil matches NULL and, as in definitiondb.Score, an empty text.
//
// table may be qualified (schema.table); each part is validated like a column name and
// quoted. Column names are validated and quoted; filter values, categories and names are
// written as string literals of the dialect (sqlgen.String), and control characters are
// refused.
func SQL(d *Definition, table string, dialect sqlgen.Dialect, lang string) (string, error) {
	if _, err := sqlgen.Parse(string(dialect)); err != nil {
		return "", err
	}
	if err := d.check(); err != nil {
		return "", err
	}
	g := sqlWriter{dialect}
	var parts []string
	for _, part := range strings.Split(table, ".") {
		if err := ValidColumnName(part); err != nil {
			return "", fmt.Errorf("table name %q: %v", table, err)
		}
		parts = append(parts, dialect.Ident(part))
	}
	v := scoreView{
		Header: fmt.Sprintf("seglab segment definition: k = %d, %d dimension(s), %d route(s); dialect %s",
			d.K, len(d.Preprocessing.Dims), len(d.Routes), dialect),
		Table: strings.Join(parts, "."), Fence: dialect.Fence(), K: d.K, Route: "0", Population: "1",
	}
	if d.Mapping != nil && len(d.Mapping.Columns) > 0 {
		mapped, err := g.mapped(d, v.Table)
		if err != nil {
			return "", err
		}
		v.Table = mapped
	}
	if d.IDColumn != "" {
		v.ID = dialect.Ident(d.IDColumn)
	}
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
		rb.WriteString(" ELSE 0 END")
		v.Route = rb.String()
	}
	if len(d.Population) > 0 {
		cond, err := g.filter(d.Population)
		if err != nil {
			return "", err
		}
		v.Population = "CASE WHEN " + cond + " THEN 1 ELSE 0 END"
	}
	col := 0
	for _, dim := range d.Preprocessing.Dims {
		q := dialect.Ident(dim.Column)
		if dim.Kind == prep.Categorical {
			x := dialect.Text(q)
			var all []string
			for _, c := range dim.Categories {
				lit, err := dialect.String(c)
				if err != nil {
					return "", err
				}
				all = append(all, lit)
			}
			level := dialect.Float(dim.Weight / math.Sqrt2)
			for j := range dim.Categories {
				col++
				v.Coordinates = append(v.Coordinates, fmt.Sprintf("CASE WHEN %s = %s THEN %s WHEN %s IN (%s) THEN %s ELSE NULL END AS seglab_x%d",
					x, all[j], level, x, strings.Join(all, ", "), dialect.Float(0), col))
			}
			continue
		}
		x := dialect.Double(q)
		t := x
		switch dim.Transform {
		case prep.Log1p:
			t = dialect.Ln(dialect.Float(1) + " + " + x)
		case prep.Winsorize:
			t = fmt.Sprintf("CASE WHEN %s IS NULL THEN NULL ELSE %s END", x,
				dialect.Least(dialect.Greatest(x, dialect.Float(dim.CutLow)), dialect.Float(dim.CutHigh)))
		}
		col++
		v.Coordinates = append(v.Coordinates, fmt.Sprintf("((%s - %s) / %s) * %s AS seglab_x%d",
			t, dialect.Float(dim.Centre), dialect.Float(dim.Scale), dialect.Float(dim.Weight), col))
	}
	var ds []string
	for _, s := range d.Segments {
		terms := make([]string, len(s.Centroid))
		for j, c := range s.Centroid {
			lit := dialect.Float(c)
			terms[j] = fmt.Sprintf("COALESCE((seglab_x%d - %s) * (seglab_x%d - %s), %s)", j+1, lit, j+1, lit, dialect.Float(0))
		}
		v.Distances = append(v.Distances, fmt.Sprintf("%s AS seglab_d%d", strings.Join(terms, "\n          + "), s.ID))
		v.Segments = append(v.Segments, s.ID)
		ds = append(ds, "seglab_d"+strconv.Itoa(s.ID))
		if s.ID < d.K {
			v.Nearest = append(v.Nearest, s.ID)
		}
	}
	v.Min = dialect.Least(ds...)
	for _, id := range d.SegmentIDs() {
		lit, err := dialect.String(d.SegmentName(id, lang))
		if err != nil {
			return "", err
		}
		v.Names = append(v.Names, segmentName{id, lit})
	}
	var b strings.Builder
	if err := scoreTemplate.Execute(&b, v); err != nil {
		return "", fmt.Errorf("definition: writing SQL: %w", err)
	}
	return strings.TrimRight(b.String(), "\n"), nil
}

// scoreView fills in queries/dialect/score.sql; every field is SQL text already quoted and
// escaped for the dialect.
type scoreView struct {
	Header      string
	ID          string // the quoted id column, "" for none
	Route       string // the segment of the first matching route, 0 for none
	Population  string // 1 inside the population, 0 outside
	Coordinates []string
	Distances   []string
	Segments    []int // clustered segment ids, 1..K
	Nearest     []int // 1..K−1: the ids tested before the ELSE
	Min         string
	K           int
	Names       []segmentName
	Table       string
	Fence       string
}

type segmentName struct {
	ID   int
	Name string
}

type sqlWriter struct{ dialect sqlgen.Dialect }

// mapped reads table through the definition's mapping, as seglab score reads a mapped file
// (source.OpenMapped): a derived table that gives each column the definition uses from the
// column the mapping names for it, coded words mapped to codes (东部 → east) and hours
// converted to minutes.
func (g sqlWriter) mapped(d *Definition, table string) (string, error) {
	var cols []string
	for _, c := range d.RequiredColumns() {
		h, ok := d.Mapping.Columns[c]
		if !ok || h == c {
			cols = append(cols, g.dialect.Ident(c))
			continue
		}
		q := g.dialect.Ident(h)
		expr := q
		if f := roles.UnitFactor(c, d.Mapping.Units[c]); f != 0 {
			expr = "(" + g.dialect.Double(q) + " * " + g.dialect.Float(f) + ")"
		} else if codes := roles.ValueCodes(c); len(codes) > 0 {
			var b strings.Builder
			b.WriteString("CASE")
			for _, wc := range codes {
				word, err := g.dialect.String(wc.Word)
				if err != nil {
					return "", err
				}
				code, err := g.dialect.String(wc.Code)
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, " WHEN %s = %s THEN %s", g.dialect.Text(q), word, code)
			}
			fmt.Fprintf(&b, " ELSE %s END", g.dialect.Text(q))
			expr = b.String()
		}
		cols = append(cols, expr+" AS "+g.dialect.Ident(c))
	}
	return "(SELECT " + strings.Join(cols, ", ") + " FROM " + table + ") AS seglab_mapped", nil
}

// filter writes the conditions of f joined by AND, each in parentheses. Values are literals;
// a nil value tests IS NULL or, as the Go scoring reads it, an empty text.
func (g sqlWriter) filter(f prep.Filter) (string, error) {
	var parts []string
	for _, c := range f {
		q := g.dialect.Ident(c.Column)
		switch v := c.Equals.(type) {
		case nil:
			parts = append(parts, "("+q+" IS NULL OR "+g.dialect.Text(q)+" = '')")
		case string:
			lit, err := g.dialect.String(v)
			if err != nil {
				return "", err
			}
			parts = append(parts, "("+g.dialect.Text(q)+" = "+lit+")")
		default:
			x, err := strconv.ParseFloat(fmt.Sprint(v), 64)
			if err != nil {
				return "", fmt.Errorf("column %q: filter value %v is neither text nor a number", c.Column, v)
			}
			parts = append(parts, "("+g.dialect.Double(q)+" = "+g.dialect.Float(x)+")")
		}
	}
	return strings.Join(parts, " AND "), nil
}
