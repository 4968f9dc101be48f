package definition

import (
	"math"
	"slices"

	"github.com/seglab/seglab/engine/prep"
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
