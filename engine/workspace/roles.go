package workspace

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/outfile"
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
	var named []roles.Match
	for _, x := range w.opened.Roles {
		if x.Method.Sure() && (x.Column != x.Role || x.Unit != "") {
			named = append(named, x)
		}
	}
	m := roles.FromMatches(named).Overlay(w.mapping)
	if len(m.Columns) == 0 {
		m.Columns = nil
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
	tmp, err := outfile.CreateTemp(path)
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
	return outfile.SyncDir(filepath.Dir(path))
}

// Headers returns the input's column names as the user's file has them (wide's columns when
// it was built from exports): what a role may be mapped to.
func (w *Workspace) Headers() []string { return slices.Clone(w.opened.Headers) }

// Remap shows the wide-table file under the mapping m (the user confirmed or changed a role's
// column): wide, its columns, the roles and the id column are made again. Earlier
// segmentations of this workspace no longer apply. Raw exports cannot be remapped once
// loaded (an input error).
func (w *Workspace) Remap(ctx context.Context, m roles.Mapping) error {
	if err := m.Validate(); err != nil {
		return &inputerr.Error{Msg: err.Error()}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	opened, err := source.Remap(ctx, w.s, w.opened, m)
	if err != nil {
		return err
	}
	cols, err := source.Columns(ctx, w.s)
	if err != nil {
		return err
	}
	w.opened, w.cols, w.mapping = opened, cols, m.Clone()
	w.idColumn = ""
	if _, err := source.Find(cols, roles.CustomerID); err == nil {
		w.idColumn = roles.CustomerID
	}
	return nil
}

// MappingFile is the name of the mapping the workbench saves beside the data and reads when
// it opens that data again.
const MappingFile = "seglab-mapping.yaml"

// MappingBeside returns the path of the mapping file beside the data — in the folder of the
// first opened path, or in it when it is a folder — and whether such a file exists.
func (w *Workspace) MappingBeside() (string, bool) {
	return mappingBeside(w.paths)
}

func mappingBeside(paths []string) (string, bool) {
	if len(paths) == 0 {
		return "", false
	}
	dir := filepath.Dir(paths[0])
	if fi, err := os.Stat(paths[0]); err == nil && fi.IsDir() {
		dir = paths[0]
	}
	p := filepath.Join(dir, MappingFile)
	_, err := os.Stat(p)
	return p, err == nil
}

// LoadMappingBeside returns the mapping saved beside paths by the workbench, or an empty
// mapping when there is none.
func LoadMappingBeside(paths []string) (roles.Mapping, error) {
	p, ok := mappingBeside(paths)
	if !ok {
		return roles.Mapping{}, nil
	}
	return roles.LoadMapping(p)
}
