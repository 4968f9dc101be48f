// Package definitiondb applies a segment definition (engine/definition) to the data of a
// DuckDB session: Score gives every customer of the relation wide a segment id, Write exports
// the scores, Fingerprint and Verify compare the definition's sources with the files loaded,
// and Refit fits the definition again on the data now to measure drift.
package definitiondb

import (
	"context"
	"fmt"
	"strings"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/definition"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// need is a column scoring reads and how.
type need struct {
	name string
	kind queries.Kind
}

// conditionKinds says how each column of a condition is read: numeric when a condition
// compares it with a number, text with a string, and as the table stores it for IS NULL.
func conditionKinds(d *definition.Definition, tableKind func(string) queries.Kind) ([]need, error) {
	kinds := map[string]queries.Kind{}
	var order []string
	add := func(c prep.Condition) error {
		var k queries.Kind
		switch c.Equals.(type) {
		case nil:
			k = tableKind(c.Column)
		case string:
			k = queries.KindCategorical
		default:
			k = queries.KindNumeric
		}
		if k == queries.KindID {
			k = queries.KindCategorical
		}
		prev, ok := kinds[c.Column]
		if !ok {
			kinds[c.Column] = k
			order = append(order, c.Column)
			return nil
		}
		if prev != k && c.Equals != nil {
			return &inputerr.Error{ColumnName: c.Column, Msg: "the definition compares this column with both text and numbers"}
		}
		return nil
	}
	for _, c := range d.Population {
		if err := add(c); err != nil {
			return nil, err
		}
	}
	for _, r := range d.Routes {
		for _, c := range r.When {
			if err := add(c); err != nil {
				return nil, err
			}
		}
	}
	out := make([]need, len(order))
	for i, name := range order {
		out[i] = need{name, kinds[name]}
	}
	return out, nil
}

// CheckColumns returns an input error naming every required column that cols lacks, or nil.
func CheckColumns(d *definition.Definition, cols []source.Column) error {
	var missing []string
	for _, name := range d.RequiredColumns() {
		if _, err := source.Find(cols, name); err != nil {
			missing = append(missing, fmt.Sprintf("%q", name))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &inputerr.Error{Msg: fmt.Sprintf("the input lacks %d column(s) the definition needs: %s", len(missing), strings.Join(missing, ", "))}
}

// Score gives every customer of the session's relation wide one segment id with the stored
// parameters, never refitting: routes first (in order, first match), then, inside the
// population, the nearest centroid with the stored missing-value policy, else segment 0.
// Columns the input lacks are all named in one error.
func Score(ctx context.Context, s *data.Session, d *definition.Definition) (*definition.Scores, error) {
	cols, err := source.Columns(ctx, s)
	if err != nil {
		return nil, err
	}
	if err := CheckColumns(d, cols); err != nil {
		return nil, err
	}
	tableKind := func(name string) queries.Kind {
		c, _ := source.Find(cols, name)
		return c.Kind
	}
	rows, err := source.Read(ctx, s, DimensionColumns(d), nil, d.IDColumn)
	if err != nil {
		return nil, err
	}
	conds, err := conditionKinds(d, tableKind)
	if err != nil {
		return nil, err
	}
	condTable := prep.Table{Numeric: map[string][]float64{}, Text: map[string][]string{}}
	var toRead []source.Column
	for _, c := range conds {
		if c.kind == queries.KindNumeric {
			if v, ok := rows.Table.Numeric[c.name]; ok {
				condTable.Numeric[c.name] = v
				continue
			}
		} else if v, ok := rows.Table.Text[c.name]; ok {
			condTable.Text[c.name] = v
			continue
		}
		toRead = append(toRead, source.Column{Name: c.name, Kind: c.kind})
	}
	if len(toRead) > 0 {
		more, err := source.Read(ctx, s, toRead, nil, d.IDColumn)
		if err != nil {
			return nil, err
		}
		if more.N != rows.N {
			return nil, fmt.Errorf("definition: the input changed while it was read")
		}
		for k, v := range more.Table.Numeric {
			condTable.Numeric[k] = v
		}
		for k, v := range more.Table.Text {
			condTable.Text[k] = v
		}
	}
	sc, err := d.ScoreTable(rows.Table, condTable, rows.N)
	if err != nil {
		return nil, err
	}
	sc.IDs = rows.IDs
	sc.IDColumn = d.IDColumn
	if sc.IDColumn == "" {
		sc.IDColumn = "row"
	}
	return sc, nil
}

// ScoresTable is the session table Write fills before exporting it.
const ScoresTable = "definition_scores"

// Write stores sc in the session and exports it to out (.csv, .xlsx or .parquet, written
// atomically by source.Export with opts): the id column, segment (INTEGER) and segment_name
// in lang ("en" or "zh"), one row per customer in the order of sc.
func Write(ctx context.Context, s *data.Session, d *definition.Definition, sc *definition.Scores, out, lang string, opts ...source.ExportOption) error {
	names := ScoresTable + "_names"
	if err := source.StoreAssignmentsAs(ctx, s, ScoresTable, sc.IDColumn, sc.IDs, sc.Segments, nil); err != nil {
		return fmt.Errorf("definition: storing scores: %w", err)
	}
	db := s.DB()
	defer func() {
		for _, t := range []string{ScoresTable, names} {
			db.ExecContext(context.WithoutCancel(ctx), queries.Template("drop_table", map[string]string{"Table": t}))
		}
	}()
	table := map[string]string{"Table": names}
	if _, err := db.ExecContext(ctx, queries.Template("scores_names", table)); err != nil {
		return fmt.Errorf("definition: storing scores: %w", err)
	}
	ins := queries.Template("scores_name_insert", table)
	for _, id := range d.SegmentIDs() {
		if _, err := db.ExecContext(ctx, ins, id, d.SegmentName(id, lang)); err != nil {
			return fmt.Errorf("definition: storing scores: %w", err)
		}
	}
	q := queries.Template("scores_export", map[string]string{"ID": sc.IDColumn, "Scores": ScoresTable, "Names": names})
	return source.Export(ctx, db, q, out, opts...)
}
