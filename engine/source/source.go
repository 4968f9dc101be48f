// Package source opens what the user points seglab at — folders or files of raw exports, or
// one ready-made wide table — as the DuckDB relation wide (one row per customer), and reads
// chosen columns of it into memory for clustering.
package source

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/widetable"
	"github.com/seglab/seglab/engine/widetable/widetabledb"
	"github.com/seglab/seglab/queries"
)

// Table is the name of the customer relation every command works on.
const Table = "wide"

// Opened says what Open found and built.
type Opened struct {
	Tables []data.Table      // every file loaded, in load order
	Built  *widetable.Result // the wide-table build; nil when the input was a wide table already
	From   string            // the loaded table wide was taken from, when Built is nil
	Rows   int64             // customers in wide
	// Roles says which column of the input holds each role of the wide table, how sure that
	// is and sample values (roles.Resolve); columns of a wide-table file that surely hold a
	// role are shown in wide under the role's canonical name.
	Roles []roles.Match
	// Headers are the input's column names as the user's file has them (a wide-table file),
	// or wide's columns when it was built from exports: what a role may be mapped to.
	Headers []string
}

// Open loads paths into s and makes the relation wide. When the files include raw exports,
// the customers and billing exports are required and wide is built from them with rules;
// otherwise exactly one file must have been given, and it is taken as the wide table, its
// columns recognised by their roles (OpenMapped with no mapping).
func Open(ctx context.Context, s *data.Session, paths []string, rules widetable.Rules) (Opened, error) {
	return OpenMapped(ctx, s, paths, rules, roles.Mapping{})
}

// OpenMapped is Open with the user's mapping m of roles to columns. The view wide over a
// wide-table file shows each column that holds a role (by m, or surely by its name or a
// synonym: 客户编号, 满意度, 停电次数…) under the role's canonical name (customer_id,
// satisfaction, outages_12m…), with the coded words of region, customer type, housing,
// heating and special group mapped to their codes (东部 → east) and outage minutes given in
// hours converted; every other column keeps its name.
func OpenMapped(ctx context.Context, s *data.Session, paths []string, rules widetable.Rules, m roles.Mapping) (Opened, error) {
	tables, err := s.Load(ctx, paths...)
	if err != nil {
		return Opened{}, err
	}
	out := Opened{Tables: tables}
	if len(s.Kinds()) > 0 {
		if err := s.Require("the customer wide table", data.Customers, data.Billing); err != nil {
			return Opened{}, err
		}
		res, err := widetabledb.Build(ctx, s.DB(), rules)
		if err != nil {
			return Opened{}, err
		}
		out.Built, out.Rows = &res, res.Rows
		names, _, err := columnTypes(ctx, s.DB(), Table)
		if err != nil {
			return Opened{}, err
		}
		if out.Roles, err = withSamples(ctx, s.DB(), Table, roles.Resolve(roles.Wide, names, m)); err != nil {
			return Opened{}, err
		}
		out.Headers = names
		return out, nil
	}
	if len(tables) != 1 {
		names := make([]string, len(tables))
		for i, t := range tables {
			names[i] = t.Source
		}
		return Opened{}, &inputerr.Error{Msg: fmt.Sprintf(
			"none of %s is a recognised export, and only one wide-table file can be given at a time (`seglab exports` lists the columns each export needs)",
			strings.Join(names, ", "))}
	}
	t := tables[0]
	if out.From, out.Headers, out.Roles, err = makeMappedView(ctx, s, t.Name, m); err != nil {
		return Opened{}, err
	}
	out.Rows = t.Rows
	return out, nil
}

// Column is a column of wide with the kind it may be used as.
type Column struct {
	Name string
	Type string       // DuckDB type
	Kind queries.Kind // from the feature catalogue when it lists the column, else from Type
}

// Columns lists the columns of wide in table order.
func Columns(ctx context.Context, s *data.Session) ([]Column, error) {
	rows, err := s.DB().QueryContext(ctx, queries.Template("column_types", nil), Table)
	if err != nil {
		return nil, fmt.Errorf("source: listing columns: %w", err)
	}
	defer rows.Close()
	var cols []Column
	for rows.Next() {
		var c Column
		if err := rows.Scan(&c.Name, &c.Type); err != nil {
			return nil, fmt.Errorf("source: listing columns: %w", err)
		}
		c.Kind = kindOf(c.Name, c.Type)
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("source: listing columns: %w", err)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("source: no table %s is open", Table)
	}
	return cols, nil
}

// kindOf prefers the catalogue's word; an unknown column is numeric when its type is.
func kindOf(name, typ string) queries.Kind {
	if f, ok := queries.FeatureByName(name); ok {
		return f.Kind
	}
	switch strings.ToUpper(typ) {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE":
		return queries.KindNumeric
	}
	if strings.HasPrefix(strings.ToUpper(typ), "DECIMAL") {
		return queries.KindNumeric
	}
	return queries.KindCategorical
}

// Find returns the column of cols called name, or an input error listing what exists.
func Find(cols []Column, name string) (Column, error) {
	for _, c := range cols {
		if c.Name == name {
			return c, nil
		}
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return Column{}, &inputerr.Error{ColumnName: name, Msg: "no such column; the table has " + strings.Join(names, ", ")}
}

// firstNonNumber names, as an *inputerr.Error, the first value of the columns that is not a
// finite number, with its column and row — in the file, when wide is one file's table — or
// returns nil when there is none.
func firstNonNumber(ctx context.Context, s *data.Session, columns []string) error {
	for _, c := range columns {
		var n int64
		var v string
		if err := s.DB().QueryRowContext(ctx, queries.FirstNonNumber(prep.QuoteIdent(c))).Scan(&n, &v); err != nil {
			continue // no such row (or no answer): look at the next column
		}
		return atRow(s, n, c, fmt.Sprintf("the value %q is not a finite number (write plain numbers such as 1234.5, or leave the cell empty)", v))
	}
	return nil
}

// atRow returns an *inputerr.Error about row n (1-based, in table order) of wide and its
// column: when wide is one CSV file's table, the file and its line; one other file's, the
// file and the row; else the row alone.
func atRow(s *data.Session, n int64, column, msg string) *inputerr.Error {
	e := &inputerr.Error{ColumnName: column, Msg: msg}
	if t, one := wideFile(s); one {
		e.File = t.Source
		if t.Format == "csv" {
			e.Line = int(n) + 1 // after the header; exact unless a quoted cell spans lines
			return e
		}
	}
	e.Msg = fmt.Sprintf("row %d: %s", n, e.Msg)
	return e
}

// wideFile returns the table of the one file wide was taken from, and false when wide was
// built from exports.
func wideFile(s *data.Session) (data.Table, bool) {
	if ts := s.Tables(); len(ts) == 1 && ts[0].Kind == "" {
		return ts[0], true
	}
	return data.Table{}, false
}

// checkIDs refuses an empty or repeated customer id: every customer must be one row. The
// error names the id and, when wide is one file's table, the file.
func checkIDs(s *data.Session, idColumn string, ids []string) error {
	var file string
	if t, one := wideFile(s); one {
		file = t.Source
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if strings.TrimSpace(id) == "" {
			return &inputerr.Error{File: file, ColumnName: idColumn, Msg: "a row has no customer id; every customer needs one"}
		}
		if seen[id] {
			return &inputerr.Error{File: file, ColumnName: idColumn,
				Msg: fmt.Sprintf("customer id %q appears more than once; the table must hold one row per customer", id)}
		}
		seen[id] = true
	}
	return nil
}

// Rows is a selection of wide read into memory, in a stable order.
type Rows struct {
	Table prep.Table
	IDs   []string // values of the id column, or row numbers from 1 when there is none
	N     int
}

// Read reads the named columns of the rows of wide that filter selects. Numeric columns become
// float64 (NaN when missing), the others text ("" when missing). Rows are ordered by idColumn
// when it is given, so the result does not depend on the order of the input files; without one,
// they keep the table's order and IDs are row numbers. A value its column cannot take at all
// (a negative count, a peak share above 1: see impossible) is refused with its row.
func Read(ctx context.Context, s *data.Session, columns []Column, filter prep.Filter, idColumn string) (Rows, error) {
	if err := filter.Validate(); err != nil {
		return Rows{}, err
	}
	where, args := filter.SQL()
	// Every column is read in one query, the text columns as codes into their distinct
	// texts: one sort by the id instead of one per column, and no per-value call to read
	// text (about a microsecond a value: 45 s for 9 million customers × 5 text columns).
	var numeric, text []string
	for _, c := range columns {
		if c.Kind == queries.KindNumeric {
			numeric = append(numeric, c.Name)
		} else {
			text = append(text, c.Name)
		}
	}
	out := Rows{Table: prep.Table{Numeric: map[string][]float64{}, Text: map[string][]string{}}}
	levels := make([][]string, len(text))
	for i, c := range text {
		var err error
		if levels[i], err = s.ReadStrings(ctx, queries.Template("read_levels", map[string]any{"Column": c, "Where": where}), args...); err != nil {
			return Rows{}, err
		}
	}
	if len(columns) > 0 {
		var matrixArgs []any
		for range len(text) + 1 {
			matrixArgs = append(matrixArgs, args...)
		}
		m, err := s.ReadMatrix(ctx, queries.Template("read_columns",
			map[string]any{"Columns": numeric, "Coded": text, "Type": "DOUBLE", "Where": where, "Order": idColumn}), matrixArgs...)
		if err != nil {
			if ctx.Err() == nil {
				if bad := firstNonNumber(ctx, s, numeric); bad != nil {
					return Rows{}, bad
				}
			}
			return Rows{}, data.Explain(err)
		}
		w := len(columns)
		if slices.ContainsFunc(m.Data, func(v float64) bool { return math.IsInf(v, 0) }) {
			// An infinite value (inf, 1e999) converts, but no statistic survives it.
			if bad := firstNonNumber(ctx, s, numeric); bad != nil {
				return Rows{}, bad
			}
		}
		for j, name := range numeric {
			col := make([]float64, m.Rows)
			for i := range col {
				col[i] = m.Data[i*w+j]
			}
			out.Table.Numeric[name] = col
		}
		for t, name := range text {
			col := make([]string, m.Rows)
			for i := range col {
				if code := m.Data[i*w+len(numeric)+t]; !math.IsNaN(code) {
					col[i] = levels[t][int(code)]
				}
			}
			out.Table.Text[name] = col
		}
		out.N = m.Rows
	}
	if idColumn != "" {
		ids, err := s.ReadStrings(ctx, queries.Template("read_columns",
			map[string]any{"Columns": []string{idColumn}, "Type": "VARCHAR", "Where": where, "Order": idColumn}), args...)
		if err != nil {
			return Rows{}, err
		}
		if err := checkIDs(s, idColumn, ids); err != nil {
			return Rows{}, err
		}
		out.IDs = ids
		out.N = len(ids)
	} else {
		out.IDs = make([]string, out.N)
		for i := range out.IDs {
			out.IDs[i] = fmt.Sprint(i + 1)
		}
	}
	if err := checkImpossible(ctx, s, out.Table, out.IDs); err != nil {
		return Rows{}, err
	}
	return out, nil
}
