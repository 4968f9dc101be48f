package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/roles"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// Roles returns, for each role of the wide table, the column of the input that holds it, how
// sure that is and sample values (see source.OpenMapped); unresolved roles have no column.
func (w *Workspace) Roles() []roles.Match { return slices.Clone(w.opened.Roles) }

// Mapping returns the mapping in effect: the user's, and every column surely recognised
// under another name (客户编号 → customer_id). Saved with a definition or beside the data,
// it makes the next load of files with the same headers come out the same.
func (w *Workspace) Mapping() roles.Mapping {
	m := w.mapping.Clone()
	for _, x := range w.opened.Roles {
		if x.Column == "" || !x.Method.Sure() || (x.Column == x.Role && x.Unit == "") {
			continue
		}
		if m.Columns == nil {
			m.Columns = map[string]string{}
		}
		m.Columns[x.Role] = x.Column
		if x.Unit != "" {
			if m.Units == nil {
				m.Units = map[string]string{}
			}
			m.Units[x.Role] = x.Unit
		}
	}
	return m
}

// ColumnNamed returns the column of wide that name means: its name in wide, the header it had
// in the user's file (满意度 for satisfaction), or a label of the feature catalogue in either
// language (年停电次数, Outages in 12 months). It is what a front end calls with a name the
// user typed or saw on screen.
func (w *Workspace) ColumnNamed(name string) (source.Column, error) {
	name = strings.TrimSpace(name)
	if c, err := w.Column(name); err == nil {
		return c, nil
	}
	key, _ := roles.Normalize(name)
	for _, x := range w.opened.Roles {
		if hk, _ := roles.Normalize(x.Column); x.Column != "" && x.Method.Sure() && hk == key {
			if c, err := w.Column(x.Role); err == nil {
				return c, nil
			}
		}
	}
	for _, f := range queries.Features() {
		zh, _ := roles.Normalize(f.LabelZH)
		en, _ := roles.Normalize(f.LabelEN)
		if key == zh || key == en {
			if c, err := w.Column(f.Name); err == nil {
				return c, nil
			}
		}
	}
	return w.Column(name)
}

// RequireID returns nil when customers are identified by a column, and otherwise an input
// error that names the columns which could be the customer id (every row has a value, no
// value repeats), the likeliest first — so that a command stops rather than writing row
// numbers that cannot be joined back to the customers.
func (w *Workspace) RequireID(ctx context.Context) error {
	if w.idColumn != "" {
		return nil
	}
	cands, err := w.IDCandidates(ctx)
	if err != nil {
		return err
	}
	msg := "no column is recognised as the customer id (户号, 用户编号, 客户编号, customer_id…)"
	if len(cands) > 0 {
		msg += "; the columns that could be it: " + strings.Join(cands, ", ") + ". Name it with --id COLUMN or in a mapping (seglab map)"
	} else {
		msg += ", and no column has a different value on every row. Add one"
	}
	return &inputerr.Error{ColumnName: roles.CustomerID, Msg: msg + ", or number the customers by row with --row-numbers (the output then cannot be joined back by id)"}
}

// IDCandidates lists the columns of wide that could identify a customer — text or whole
// numbers, a value on every row, none repeated — the likeliest first (by how much the name
// looks like a customer id, then table order).
func (w *Workspace) IDCandidates(ctx context.Context) ([]string, error) {
	var cols []string
	for _, c := range w.cols {
		if t := strings.ToUpper(c.Type); t == "DOUBLE" || t == "FLOAT" || strings.HasPrefix(t, "DECIMAL") || t == "BOOLEAN" || t == "DATE" || strings.HasPrefix(t, "TIMESTAMP") {
			continue
		}
		cols = append(cols, c.Name)
	}
	if len(cols) == 0 {
		return nil, nil
	}
	rows, err := w.s.DB().QueryContext(ctx, queries.Template("id_candidates", map[string]any{"Columns": cols}))
	if err != nil {
		return nil, fmt.Errorf("workspace: looking for an id column: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var i int
		var n, distinct int64
		if err := rows.Scan(&i, &n, &distinct); err != nil {
			return nil, fmt.Errorf("workspace: looking for an id column: %w", err)
		}
		if n == w.opened.Rows && distinct == n && n > 0 {
			out = append(out, cols[i])
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("workspace: looking for an id column: %w", err)
	}
	id, _ := roles.ByName(roles.CustomerID)
	score := func(c string) float64 { _, s := roles.Closest(id, []string{c}); return s }
	slices.SortStableFunc(out, func(a, b string) int {
		sa, sb := score(a), score(b)
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return out, nil
}

// SaveMapping writes the mapping m as a mapping file at path (roles.MarshalMapping, with the
// matches ms as comments), through a temporary file renamed into place.
func SaveMapping(path string, m roles.Mapping, ms []roles.Match) error {
	b, err := roles.MarshalMapping(m, ms)
	if err != nil {
		return err
	}
	tmp, err := source.CreateTemp(path)
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return inputerr.New(path, "cannot write the mapping: %v", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return inputerr.New(path, "cannot write the mapping: %v", err)
	}
	if err := tmp.Close(); err != nil {
		return inputerr.New(path, "cannot write the mapping: %v", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return inputerr.New(path, "cannot write the mapping: %v", err)
	}
	return source.SyncDir(filepath.Dir(path))
}
