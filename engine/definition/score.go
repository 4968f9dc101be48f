package definition

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/seglab/seglab/engine/data"
	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// Scores are the segment ids of every customer of an input, in the order read (by id).
type Scores struct {
	IDColumn string   // the id column's name in the output ("row" when the definition has none)
	IDs      []string // customer ids, or row numbers from 1
	Segments []int    // segment id per customer: 0, 1..k or a route's id
	Routed   int      // customers given a route's segment
	Outside  int      // customers outside the population that no route covers (segment 0)
	// Clustered customers got the nearest centroid; Incomplete of them missed some dimension
	// and got the nearest centroid over the dimensions they have.
	Clustered, Incomplete int
}

// Count is the number of customers of one segment.
type Count struct {
	ID        int    `json:"id"`
	Name      string `json:"name"`
	Customers int    `json:"customers"`
}

// Counts returns the customers per segment id, for every id the definition can give, in
// the order of SegmentIDs.
func (sc *Scores) Counts(d *Definition, lang string) []Count {
	per := map[int]int{}
	for _, s := range sc.Segments {
		per[s]++
	}
	var out []Count
	for _, id := range d.SegmentIDs() {
		out = append(out, Count{ID: id, Name: d.SegmentName(id, lang), Customers: per[id]})
	}
	return out
}

// need is a column scoring reads and how.
type need struct {
	name string
	kind queries.Kind
}

// conditionKinds says how each column of a condition is read: numeric when a condition
// compares it with a number, text with a string, and as the table stores it for IS NULL.
func (d *Definition) conditionKinds(tableKind func(string) queries.Kind) ([]need, error) {
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

// RequiredColumns lists every column an input must have to be scored: the id column, the
// dimensions, and the columns of the population filter and of the routes.
func (d *Definition) RequiredColumns() []string {
	var out []string
	add := func(name string) {
		if name != "" && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	add(d.IDColumn)
	for _, dim := range d.Preprocessing.Dims {
		add(dim.Column)
	}
	for _, c := range d.Population {
		add(c.Column)
	}
	for _, r := range d.Routes {
		for _, c := range r.When {
			add(c.Column)
		}
	}
	return out
}

// CheckColumns returns an input error naming every required column that cols lacks, or nil.
func (d *Definition) CheckColumns(cols []source.Column) error {
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
func Score(ctx context.Context, s *data.Session, d *Definition) (*Scores, error) {
	cols, err := source.Columns(ctx, s)
	if err != nil {
		return nil, err
	}
	if err := d.CheckColumns(cols); err != nil {
		return nil, err
	}
	tableKind := func(name string) queries.Kind {
		c, _ := source.Find(cols, name)
		return c.Kind
	}
	var dims []source.Column
	for _, dim := range d.Preprocessing.Dims {
		k := queries.KindNumeric
		if dim.Kind == prep.Categorical {
			k = queries.KindCategorical
		}
		dims = append(dims, source.Column{Name: dim.Column, Kind: k})
	}
	rows, err := source.Read(ctx, s, dims, nil, d.IDColumn)
	if err != nil {
		return nil, err
	}
	conds, err := d.conditionKinds(tableKind)
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

// ScoreTable scores n rows held in memory: dims has the dimension columns (numeric as
// float64 with NaN for missing, categorical as text with "" for missing), conds the
// columns of the population filter and the routes. It returns Scores without IDs.
func (d *Definition) ScoreTable(dims, conds prep.Table, n int) (*Scores, error) {
	sc := &Scores{Segments: make([]int, n)}
	assigned := make([]bool, n)
	for _, r := range d.Routes {
		match, err := r.When.Match(conds)
		if err != nil {
			return nil, err
		}
		for i, m := range match {
			if m && !assigned[i] {
				assigned[i] = true
				sc.Segments[i] = r.Segment
				sc.Routed++
			}
		}
	}
	inPop, err := d.Population.Match(conds)
	if err != nil {
		return nil, err
	}
	if len(d.Population) == 0 {
		inPop = make([]bool, n)
		for i := range inPop {
			inPop[i] = true
		}
	}
	var rows []int
	for i := range n {
		switch {
		case assigned[i]:
		case inPop[i]:
			rows = append(rows, i)
		default:
			sc.Segments[i] = OutsideID
			sc.Outside++
		}
	}
	if len(rows) == 0 {
		return sc, nil
	}
	t := dims
	if len(rows) < n {
		t = dims.Select(rows)
	}
	labels, missing, err := prep.Score(d.Preprocessing, t, d.Centroids(), d.K)
	if err != nil {
		return nil, err
	}
	for j, l := range labels {
		sc.Segments[rows[j]] = l + 1
	}
	sc.Clustered, sc.Incomplete = len(rows), len(missing)
	return sc, nil
}

// ScoresTable is the session table Write fills before exporting it.
const ScoresTable = "definition_scores"

// Write stores sc in the session and exports it to out (.csv, .xlsx or .parquet, written
// atomically by source.Export with opts): the id column, segment (INTEGER) and segment_name
// in lang ("en" or "zh"), one row per customer in the order of sc.
func Write(ctx context.Context, s *data.Session, d *Definition, sc *Scores, out, lang string, opts ...source.ExportOption) error {
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

// Migration is a table of customers by old segment (rows) and new segment (columns).
type Migration struct {
	Old, New []int   // segment ids of the rows and of the columns
	Counts   [][]int // Counts[i][j] customers in Old[i] before and New[j] after
}

// NewMigration counts the customers by old and new segment; old and new are the segments of
// the same customers under two definitions (scored in the same order).
func NewMigration(oldDef, newDef *Definition, old, new []int) Migration {
	if len(old) != len(new) {
		panic("definition: NewMigration needs the same customers on both sides")
	}
	m := Migration{Old: oldDef.SegmentIDs(), New: newDef.SegmentIDs()}
	ri := index(m.Old)
	ci := index(m.New)
	m.Counts = make([][]int, len(m.Old))
	for i := range m.Counts {
		m.Counts[i] = make([]int, len(m.New))
	}
	for i := range old {
		r, ok1 := ri[old[i]]
		c, ok2 := ci[new[i]]
		if ok1 && ok2 {
			m.Counts[r][c]++
		}
	}
	return m
}

func index(ids []int) map[int]int {
	m := make(map[int]int, len(ids))
	for i, id := range ids {
		m[id] = i
	}
	return m
}

// Stayed returns the share of customers whose old segment is matched (by Matched) to their
// new one; matched[j] is the old id matched to new clustered segment j+1, and route and
// outside ids match themselves.
func (m Migration) Stayed(matched []int) float64 {
	total, same := 0, 0
	for i, o := range m.Old {
		for j, nw := range m.New {
			c := m.Counts[i][j]
			total += c
			want := nw
			if nw >= 1 && nw <= len(matched) {
				want = matched[nw-1]
			}
			if want == o {
				same += c
			}
		}
	}
	if total == 0 {
		return math.NaN()
	}
	return float64(same) / float64(total)
}
