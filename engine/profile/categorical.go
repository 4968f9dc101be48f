package profile

import (
	"cmp"
	"slices"

	"github.com/seglab/seglab/engine/stattest"
	"github.com/seglab/seglab/queries"
)

// NewCategoricalProfile turns the counts of column c's values, value → count per segment (in
// the order of segments), into shares, lifts and the chi-square test. The values are ordered
// most frequent first, ties by value.
func NewCategoricalProfile(c Column, counts map[string][]int, segments []Segment) CategoricalProfile {
	labels := c.ValueLabels
	if labels == nil {
		labels = queries.ValueLabels(c.Name)
	}
	cp := CategoricalProfile{Column: c.Name, LabelEN: c.labelEN(), LabelZH: c.labelZH(), valueLabels: labels}
	total := 0
	for value, perSeg := range counts {
		n := 0
		for _, k := range perSeg {
			n += k
		}
		total += n
		cp.Overall = append(cp.Overall, ValueShare{Value: value, Count: n, Lift: 1})
	}
	slices.SortFunc(cp.Overall, func(a, b ValueShare) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
	for i := range cp.Overall {
		cp.Overall[i].Share = Number(float64(cp.Overall[i].Count) / float64(total))
	}
	table := make([][]float64, len(segments))
	for j, s := range segments {
		cs := CategorySegment{Segment: s.ID}
		table[j] = make([]float64, len(cp.Overall))
		for i, v := range cp.Overall {
			k := counts[v.Value][j]
			cs.Count += k
			table[j][i] = float64(k)
		}
		for i, v := range cp.Overall {
			share, lift := nan, nan
			if cs.Count > 0 {
				share = table[j][i] / float64(cs.Count)
				lift = share / float64(v.Share)
			}
			cs.Shares = append(cs.Shares, ValueShare{Value: v.Value, Count: int(table[j][i]), Share: Number(share), Lift: Number(lift)})
		}
		cp.Segments = append(cp.Segments, cs)
	}
	t := stattest.ChiSquareTest(table)
	cp.ChiSquare = ChiSquare{Chi2: Number(t.Chi2), DF: Number(t.DF), P: Number(t.P), CramersV: Number(t.CramersV)}
	return cp
}
