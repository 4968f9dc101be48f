package definition

import (
	"fmt"
	"math"

	"github.com/seglab/seglab/engine/prep"
)

// CentroidDistances returns the kPrev × kNext matrix of squared distances between the
// previous definition's centroids and next's, both in next's k-means space: each previous
// centroid is taken to the data's units (Original) and through next's transform, scaling and
// weights (categorical shares become indicator means). Dimensions only one side has are left
// out; it is an error when the two share none.
func CentroidDistances(prev, next *Definition) ([][]float64, error) {
	byCol := map[string]prep.Dim{}
	for _, dim := range prev.Preprocessing.Dims {
		byCol[dim.Column] = dim
	}
	shared := 0
	for _, dim := range next.Preprocessing.Dims {
		if p, ok := byCol[dim.Column]; ok && p.Kind == dim.Kind {
			shared++
		}
	}
	if shared == 0 {
		return nil, fmt.Errorf("the two definitions share no dimension; their segments cannot be matched")
	}
	w := next.Preprocessing.Width()
	moved := make([][]float64, len(prev.Segments))
	for i, s := range prev.Segments {
		orig := map[string]Coordinate{}
		for _, c := range Original(prev.Preprocessing, s.Centroid) {
			orig[c.Column] = c
		}
		x := make([]float64, 0, w)
		for _, dim := range next.Preprocessing.Dims {
			c, ok := orig[dim.Column]
			p := byCol[dim.Column]
			if !ok || p.Kind != dim.Kind {
				for range dim.Width() {
					x = append(x, math.NaN())
				}
				continue
			}
			if dim.Kind == prep.Categorical {
				level := dim.Weight / math.Sqrt2
				for _, cat := range dim.Categories {
					x = append(x, c.Shares[cat]*level)
				}
				continue
			}
			v := *c.Value
			switch dim.Transform {
			case prep.Log1p:
				v = math.Log1p(max(v, -1))
			case prep.Winsorize:
				v = min(max(v, dim.CutLow), dim.CutHigh)
			}
			x = append(x, (v-dim.Centre)/dim.Scale*dim.Weight)
		}
		moved[i] = x
	}
	out := make([][]float64, len(prev.Segments))
	for i := range out {
		out[i] = make([]float64, len(next.Segments))
		for j, s := range next.Segments {
			sum := 0.0
			for t, v := range moved[i] {
				if !math.IsNaN(v) {
					diff := v - s.Centroid[t]
					sum += diff * diff
				}
			}
			out[i][j] = sum
		}
	}
	return out, nil
}

// Match matches next's segments to prev's by optimal assignment on centroid distance
// (Hungarian method: the matching with the least total squared distance; with different k
// the surplus segments stay unmatched). It returns matched, where matched[j] is the previous
// id of next's segment j+1, or 0 when it has no partner.
func Match(prev, next *Definition) ([]int, error) {
	cost, err := CentroidDistances(prev, next)
	if err != nil {
		return nil, err
	}
	matched := make([]int, len(next.Segments))
	if len(prev.Segments) <= len(next.Segments) {
		for i, j := range assign(cost) {
			matched[j] = prev.Segments[i].ID
		}
		return matched, nil
	}
	for j, i := range assign(transpose(cost)) {
		matched[j] = prev.Segments[i].ID
	}
	return matched, nil
}

// CarryOver matches next to prev (Match), gives every matched segment of next its previous
// name and description, marks the unmatched ones "(new)", and records the matching in
// next.Continuity with prevFile as the previous definition's name. Routes and the name of
// segment 0 carry over when next has none of its own.
func CarryOver(prev, next *Definition, prevFile string) error {
	matched, err := Match(prev, next)
	if err != nil {
		return err
	}
	byID := map[int]Segment{}
	for _, s := range prev.Segments {
		byID[s.ID] = s
	}
	for j := range next.Segments {
		s := &next.Segments[j]
		if old, ok := byID[matched[j]]; ok {
			s.Name, s.Description = old.Name, old.Description
		} else {
			s.Name = Text{EN: fmt.Sprintf("Segment %d (new)", s.ID), ZH: fmt.Sprintf("分群%d（新）", s.ID)}
		}
	}
	next.OutsideName = prev.OutsideName
	next.Continuity = &Continuity{Previous: prevFile, Matched: matched}
	return nil
}

func transpose(m [][]float64) [][]float64 {
	if len(m) == 0 {
		return nil
	}
	out := make([][]float64, len(m[0]))
	for j := range out {
		out[j] = make([]float64, len(m))
		for i := range m {
			out[j][i] = m[i][j]
		}
	}
	return out
}

// assign solves the assignment problem for an n × m cost matrix with n ≤ m (Hungarian
// method with potentials, O(n²m)) and returns the column of each row.
func assign(cost [][]float64) []int {
	n := len(cost)
	if n == 0 {
		return nil
	}
	m := len(cost[0])
	if n > m {
		panic("definition: assign needs no more rows than columns")
	}
	inf := math.Inf(1)
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // p[j]: row (1-based) assigned to column j
	way := make([]int, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, m+1)
		used := make([]bool, m+1)
		for j := range minv {
			minv[j] = inf
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := cost[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	out := make([]int, n)
	for j := 1; j <= m; j++ {
		if p[j] > 0 {
			out[p[j]-1] = j - 1
		}
	}
	return out
}
