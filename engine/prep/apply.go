package prep

import (
	"fmt"
	"math"
	"slices"

	"github.com/seglab/seglab/engine/inputerr"
)

// Apply turns the columns of t into matrix rows using only the parameters stored in f:
// x' = (t(v) − Centre)/Scale·Weight for a numeric dimension (t being log1p or clamping to
// [CutLow, CutHigh]), indicators of level Weight/√2 for a categorical one. It returns all n
// rows of t (d = f.Width() columns, row-major); a missing value (NaN, "" or a category not in
// f) makes its matrix columns NaN, and missingRows lists the rows with any NaN, ascending.
// Applied to the data f was fitted on, the complete rows equal Fit's matrix bit for bit.
//
// Errors name the column: a column t lacks, log1p of a value below −1, an infinite value, or
// a Fitted that is not valid (e.g. edited by hand).
func Apply(f Fitted, t Table) (x []float64, n, d int, missingRows []int, err error) {
	if err := f.Validate(); err != nil {
		return nil, 0, 0, nil, err
	}
	n = t.Len()
	x, d, missingRows, err = apply(f, t, nil)
	return x, n, d, missingRows, err
}

// Validate checks that f is usable: a known scaling and kinds, finite positive scales and
// weights, sorted distinct categories.
func (f Fitted) Validate() error {
	switch f.Scaling {
	case ZScore, Robust, MinMax, NoScaling:
	default:
		return fmt.Errorf("unknown scaling %q (want zscore, robust, minmax or none)", f.Scaling)
	}
	if len(f.Dims) == 0 {
		return fmt.Errorf("the fitted preprocessing has no dimensions")
	}
	for _, d := range f.Dims {
		if !(d.Weight > 0) || math.IsInf(d.Weight, 1) {
			return dimErr(d.Column, "weight %v must be a positive number", d.Weight)
		}
		switch d.Kind {
		case Numeric:
			switch d.Transform {
			case TransformNone, Log1p:
			case Winsorize:
				if !(d.CutLow <= d.CutHigh) {
					return dimErr(d.Column, "winsorising cut points %v > %v", d.CutLow, d.CutHigh)
				}
			default:
				return dimErr(d.Column, "unknown transform %q (want none, log1p or winsorize)", d.Transform)
			}
			if !(d.Scale > 0) || math.IsInf(d.Scale, 1) || math.IsNaN(d.Centre) || math.IsInf(d.Centre, 0) {
				return dimErr(d.Column, "scaling parameters centre %v, scale %v are not usable", d.Centre, d.Scale)
			}
		case Categorical:
			if len(d.Categories) < 2 || !slices.IsSorted(d.Categories) || len(slices.Compact(slices.Clone(d.Categories))) != len(d.Categories) {
				return dimErr(d.Column, "categories must be at least two, sorted and distinct")
			}
		default:
			return dimErr(d.Column, "unknown kind %q (want numeric or categorical)", d.Kind)
		}
	}
	return nil
}

// apply builds the matrix rows for the given table rows (all rows when rows is nil) and
// lists, by position in the result, the rows with a missing value.
func apply(f Fitted, t Table, rows []int) (x []float64, d int, missingRows []int, err error) {
	n := len(rows)
	if rows == nil {
		n = t.Len()
	}
	row := func(k int) int {
		if rows == nil {
			return k
		}
		return rows[k]
	}
	d = f.Width()
	x = make([]float64, n*d)
	missing := make([]bool, n)
	off := 0
	for _, dim := range f.Dims {
		switch dim.Kind {
		case Numeric:
			col, ok := t.Numeric[dim.Column]
			if !ok {
				return nil, 0, nil, dimErr(dim.Column, "no numeric column of this name")
			}
			for k := range n {
				v := col[row(k)]
				switch {
				case math.IsNaN(v):
					missing[k] = true
					x[k*d+off] = math.NaN()
					continue
				case math.IsInf(v, 0):
					return nil, 0, nil, dimErr(dim.Column, "infinite value in row %d", row(k)+1)
				}
				switch dim.Transform {
				case Log1p:
					if v < -1 {
						return nil, 0, nil, dimErr(dim.Column, "log1p needs values ≥ −1, row %d has %v", row(k)+1, v)
					}
					v = math.Log1p(v)
				case Winsorize:
					v = min(max(v, dim.CutLow), dim.CutHigh)
				}
				x[k*d+off] = (v - dim.Centre) / dim.Scale * dim.Weight
			}
		case Categorical:
			col, ok := t.Text[dim.Column]
			if !ok {
				return nil, 0, nil, dimErr(dim.Column, "no text column of this name")
			}
			level := indicatorLevel(dim.Weight)
			w := len(dim.Categories)
			for k := range n {
				c, found := slices.BinarySearch(dim.Categories, col[row(k)])
				cells := x[k*d+off : k*d+off+w]
				if !found {
					missing[k] = true
					for j := range cells {
						cells[j] = math.NaN()
					}
					continue
				}
				cells[c] = level
			}
		}
		off += dim.Width()
	}
	for k, m := range missing {
		if m {
			missingRows = append(missingRows, k)
		}
	}
	return x, d, missingRows, nil
}

// NearestPresent returns the index of the centroid nearest to row over the coordinates of
// row that are not NaN: argmin_c Σ_{j : row_j not NaN} (row_j − centroid_cj)². Leaving a
// coordinate out changes every centroid's distance alike, so no rescaling by the number of
// present coordinates is needed. Ties go to the lowest index, and so does a row with no
// coordinate present (with canonical labels, 0 is the largest segment). centroids is k × len(row),
// row-major; it panics if its length is not k·len(row) or k < 1.
func NearestPresent(row, centroids []float64, k int) int {
	d := len(row)
	if k < 1 || len(centroids) != k*d {
		panic("prep: NearestPresent needs k ≥ 1 centroids of the row's width")
	}
	best, bestDist := 0, math.Inf(1)
	for c := range k {
		cen := centroids[c*d : c*d+d]
		s := 0.0
		for j, v := range row {
			if !math.IsNaN(v) {
				diff := v - cen[j]
				s += diff * diff
			}
		}
		if s < bestDist {
			best, bestDist = c, s
		}
	}
	return best
}

// Score assigns every row of t a segment: Apply with f, then NearestPresent against the k
// centroids (k × f.Width(), in the matrix space of f). Complete rows get their ordinary
// nearest centroid; rows with missing values the nearest over the dimensions they have.
// missingRows lists the latter. Errors are Apply's.
func Score(f Fitted, t Table, centroids []float64, k int) (labels []int, missingRows []int, err error) {
	x, n, d, missingRows, err := Apply(f, t)
	if err != nil {
		return nil, nil, err
	}
	if k < 1 || len(centroids) != k*d {
		return nil, nil, &inputerr.Error{Msg: fmt.Sprintf("the definition has %d centroid values for %d segments of %d columns", len(centroids), k, d)}
	}
	labels = make([]int, n)
	for i := range n {
		labels[i] = NearestPresent(x[i*d:i*d+d], centroids, k)
	}
	return labels, missingRows, nil
}
