package source

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/queries"
)

// sampleRows is how many rows of a table are looked at for the sample values of a role's
// column, and sampleValues how many different values are kept.
const (
	sampleRows   = 200
	sampleValues = 3
)

// viewColumn is one column of the view wide over a wide-table file (queries/templates/wide_view.sql).
type viewColumn struct {
	From, As string
	Values   []roles.WordCode // coded words to map, for a text column holding a role with a vocabulary
	Scale    string           // factor to the role's unit, "" for none
}

// mappedView resolves the roles of a wide-table file's columns (names in table order, types
// their DuckDB types) with m, and returns the view's columns and the matches. A column that
// holds a role surely (roles.Method.Sure) is shown under the role's canonical name; a column
// only offered (a partial match) keeps its name until the user confirms it in a mapping. A
// column already called by a role's canonical name that another column now takes keeps its
// data under "<name> (original)".
func mappedView(names, types []string, m roles.Mapping) ([]viewColumn, []roles.Match) {
	ms := roles.Resolve(roles.Wide, names, m)
	as := slices.Clone(names)
	cols := make([]viewColumn, len(names))
	for i, n := range names {
		cols[i] = viewColumn{From: n, As: n}
	}
	for _, x := range ms {
		if x.Column == "" || !x.Method.Sure() {
			continue
		}
		j := slices.Index(names, x.Column)
		if x.Column == x.Role && roles.UnitFactor(x.Role, x.Unit) == 0 {
			continue
		}
		// DuckDB's identifiers ignore letter case, so Region would clash with region.
		if k := slices.IndexFunc(as, func(a string) bool { return strings.EqualFold(a, x.Role) }); k >= 0 && k != j {
			as[k] = x.Role + " (original)"
			cols[k].As = as[k]
		}
		as[j] = x.Role
		cols[j].As = x.Role
		if strings.EqualFold(types[j], "VARCHAR") && x.Column != x.Role {
			cols[j].Values = roles.ValueCodes(x.Role)
		}
		if f := roles.UnitFactor(x.Role, x.Unit); f != 0 && isNumericType(types[j]) {
			cols[j].Scale = strconv.FormatFloat(f, 'g', -1, 64)
		}
	}
	return cols, ms
}

func isNumericType(t string) bool {
	return kindOf("", t) == queries.KindNumeric
}

// Remap makes the view wide over a wide-table file again with the mapping m (the user
// confirmed or changed a role's column), and returns opened with the new matches. It is an
// input error for a wide table built from exports, whose headers are read when they load.
func Remap(ctx context.Context, s *data.Session, opened Opened, m roles.Mapping) (Opened, error) {
	if opened.Built != nil {
		return Opened{}, &inputerr.Error{Msg: "the columns of raw exports are recognised when they are loaded: open them again with the mapping"}
	}
	var err error
	if opened.From, opened.Headers, opened.Roles, err = makeMappedView(ctx, s, opened.From, m); err != nil {
		return Opened{}, err
	}
	return opened, nil
}

// makeMappedView creates the view wide over the loaded table from with the roles of its
// columns resolved by m, and returns the relation wide is over (from, renamed when it was
// called wide), its column names and the matches with sample values.
func makeMappedView(ctx context.Context, s *data.Session, from string, m roles.Mapping) (string, []string, []roles.Match, error) {
	db := s.DB()
	names, types, err := columnTypes(ctx, db, from)
	if err != nil {
		return "", nil, nil, err
	}
	cols, ms := mappedView(names, types, m)
	if from == Table {
		identity := !slices.ContainsFunc(cols, func(c viewColumn) bool { return c.As != c.From || c.Values != nil || c.Scale != "" })
		if identity {
			ms, err := withSamples(ctx, db, Table, ms)
			return Table, names, ms, err
		}
		from = Table + "_input"
		if _, err := db.ExecContext(ctx, queries.Template("rename_table", map[string]string{"From": Table, "To": from})); err != nil {
			return "", nil, nil, fmt.Errorf("source: %w", err)
		}
	}
	q := queries.Template("wide_view", map[string]any{"From": from, "Columns": cols})
	if _, err := db.ExecContext(ctx, q); err != nil {
		return "", nil, nil, fmt.Errorf("source: %w", err)
	}
	ms, err = withSamples(ctx, db, from, ms)
	return from, names, ms, err
}

// columnTypes lists the columns of relation and their DuckDB types, in table order.
func columnTypes(ctx context.Context, db *sql.DB, relation string) (names, types []string, err error) {
	rows, err := db.QueryContext(ctx, queries.Template("column_types", nil), relation)
	if err != nil {
		return nil, nil, fmt.Errorf("source: listing columns: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			return nil, nil, fmt.Errorf("source: listing columns: %w", err)
		}
		names, types = append(names, n), append(types, t)
	}
	return names, types, rows.Err()
}

// withSamples fills in up to sampleValues different values of each matched column of
// relation, taken from its first sampleRows rows.
func withSamples(ctx context.Context, db *sql.DB, relation string, ms []roles.Match) ([]roles.Match, error) {
	var cols []string
	for _, x := range ms {
		if x.Column != "" {
			cols = append(cols, x.Column)
		}
	}
	if len(cols) == 0 {
		return ms, nil
	}
	rows, err := db.QueryContext(ctx, queries.Template("sample_rows", map[string]any{"Table": relation, "Columns": cols}), sampleRows)
	if err != nil {
		return nil, fmt.Errorf("source: sample values: %w", err)
	}
	defer rows.Close()
	vals := make([]sql.NullString, len(cols))
	dest := make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	samples := make(map[string][]string, len(cols))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("source: sample values: %w", err)
		}
		for i, v := range vals {
			c := cols[i]
			if v.Valid && strings.TrimSpace(v.String) != "" && len(samples[c]) < sampleValues && !slices.Contains(samples[c], v.String) {
				samples[c] = append(samples[c], v.String)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("source: sample values: %w", err)
	}
	out := slices.Clone(ms)
	for i := range out {
		out[i].Samples = samples[out[i].Column]
	}
	return out, nil
}
