package prep

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/seglab/seglab/engine/inputerr"
)

// Prepared is the result of Fit: the matrix to cluster and how it was made.
type Prepared struct {
	Fitted Fitted
	X      []float64 // N × D, row-major
	N, D   int
	Rows   []int // Rows[i] is the table row of matrix row i
	Report MissingReport
}

// MissingReport states the missing-value policy's effect on a fit.
type MissingReport struct {
	Total    int   // rows in the table
	Selected int   // rows the filter selected
	Dropped  int   // selected rows left out of fitting because a dimension is missing
	PerDim   []int // missing values among the selected rows, per dimension of the spec
}

// String says in words what happened and how the left-out rows are scored.
func (r MissingReport) String() string {
	return fmt.Sprintf("fitted on %d of %d selected rows (%d in the table); %d left out for missing values; they are scored by the nearest centroid over the dimensions they have",
		r.Selected-r.Dropped, r.Selected, r.Total, r.Dropped)
}

func dimErr(column, format string, args ...any) error {
	return &inputerr.Error{ColumnName: column, Msg: fmt.Sprintf(format, args...)}
}

// resolve checks a spec and fills in defaults (transform none, weight 1).
func resolve(s Spec, t Table) ([]Dim, error) {
	switch s.Scaling {
	case ZScore, Robust, MinMax, NoScaling:
	default:
		return nil, fmt.Errorf("unknown scaling %q (want zscore, robust, minmax or none)", s.Scaling)
	}
	if len(s.Dims) == 0 {
		return nil, fmt.Errorf("no dimensions to cluster on")
	}
	seen := map[string]bool{}
	dims := make([]Dim, len(s.Dims))
	for i, ds := range s.Dims {
		if seen[ds.Column] {
			return nil, dimErr(ds.Column, "listed twice as a dimension")
		}
		seen[ds.Column] = true
		d := Dim{Column: ds.Column, Kind: ds.Kind, Transform: ds.Transform, Weight: ds.Weight, Centre: 0, Scale: 1}
		if d.Weight == 0 {
			d.Weight = 1
		}
		if !(d.Weight > 0) || math.IsInf(d.Weight, 1) {
			return nil, dimErr(ds.Column, "weight %v must be a positive number", ds.Weight)
		}
		switch ds.Kind {
		case Numeric:
			if _, ok := t.Numeric[ds.Column]; !ok {
				return nil, dimErr(ds.Column, "no numeric column of this name")
			}
			if d.Transform == "" {
				d.Transform = TransformNone
			}
			switch d.Transform {
			case TransformNone, Log1p:
			case Winsorize:
				lo, hi := ds.WinsorLow, ds.WinsorHigh
				if !(lo >= 0 && lo < hi && hi <= 1) {
					return nil, dimErr(ds.Column, "winsorising quantiles %v, %v must satisfy 0 ≤ low < high ≤ 1", lo, hi)
				}
				d.WinsorLow, d.WinsorHigh = lo, hi
			default:
				return nil, dimErr(ds.Column, "unknown transform %q (want none, log1p or winsorize)", ds.Transform)
			}
		case Categorical:
			if _, ok := t.Text[ds.Column]; !ok {
				return nil, dimErr(ds.Column, "no text column of this name")
			}
			if ds.Transform != "" && ds.Transform != TransformNone {
				return nil, dimErr(ds.Column, "transform %q applies to numeric columns only", ds.Transform)
			}
			d.Transform = ""
		default:
			return nil, dimErr(ds.Column, "unknown kind %q (want numeric or categorical)", ds.Kind)
		}
		dims[i] = d
	}
	return dims, nil
}

// Fit fits the preprocessing s on the rows of t that s.Filter selects and that have every
// dimension, and returns the matrix of those rows together with the fitted parameters.
//
// Winsorising cut points, centres and scales are computed on the fit rows only, after the
// transform. Quantiles interpolate linearly between order statistics (NumPy's default):
// q(p) = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]) with h = (m−1)p over the m sorted values.
// Categories are those of the fit rows.
//
// Errors name the column: an unknown kind, transform or scaling, a missing column, an
// infinite value, log1p of a value below −1, a column that is missing on every selected
// row, a constant column (or, with robust scaling, a zero interquartile range), a
// categorical column with a single category, and no rows left after dropping missing ones.
func Fit(s Spec, t Table) (*Prepared, error) {
	dims, err := resolve(s, t)
	if err != nil {
		return nil, err
	}
	selected, err := s.Filter.Match(t)
	if err != nil {
		return nil, err
	}
	n := t.Len()
	rep := MissingReport{Total: n, PerDim: make([]int, len(dims))}
	complete := make([]bool, n)
	for i, sel := range selected {
		if sel {
			rep.Selected++
			complete[i] = true
		}
	}
	if rep.Selected == 0 {
		return nil, fmt.Errorf("the filter selects none of the %d rows", n)
	}
	for j, d := range dims {
		missing := 0
		for i := range n {
			if !selected[i] {
				continue
			}
			isMissing := false
			if d.Kind == Numeric {
				v := t.Numeric[d.Column][i]
				if math.IsInf(v, 0) {
					return nil, dimErr(d.Column, "infinite value in row %d", i+1)
				}
				if d.Transform == Log1p && v <= -1 {
					return nil, dimErr(d.Column, "log1p needs values above −1, row %d has %v", i+1, v)
				}
				isMissing = math.IsNaN(v)
			} else {
				isMissing = t.Text[d.Column][i] == ""
			}
			if isMissing {
				missing++
				complete[i] = false
			}
		}
		rep.PerDim[j] = missing
		if missing == rep.Selected {
			return nil, dimErr(d.Column, "all %d selected rows are missing", rep.Selected)
		}
	}
	var rows []int
	for i, c := range complete {
		if c {
			rows = append(rows, i)
		}
	}
	rep.Dropped = rep.Selected - len(rows)
	if len(rows) == 0 {
		return nil, fmt.Errorf("no rows left: each of the %d selected rows misses at least one dimension (missing per dimension: %s)",
			rep.Selected, perDim(dims, rep.PerDim))
	}
	for j := range dims {
		if err := fitDim(&dims[j], s.Scaling, t, rows); err != nil {
			return nil, err
		}
	}
	f := Fitted{Scaling: s.Scaling, Dims: dims}
	x, d, _, err := apply(f, t, rows)
	if err != nil {
		return nil, err
	}
	return &Prepared{Fitted: f, X: x, N: len(rows), D: d, Rows: rows, Report: rep}, nil
}

func perDim(dims []Dim, counts []int) string {
	s := ""
	for j, d := range dims {
		if j > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", d.Column, counts[j])
	}
	return s
}

// fitDim fills the fitted parameters of d from the given rows of t.
// MaxCategories is the most categories a categorical dimension may have. Each becomes a
// matrix column, and segments described by hundreds of one-hot columns mean nothing; a column
// with more values is usually a number or an identifier read as text.
const MaxCategories = 100

func fitDim(d *Dim, scaling Scaling, t Table, rows []int) error {
	if d.Kind == Categorical {
		col := t.Text[d.Column]
		set := map[string]bool{}
		for _, i := range rows {
			set[col[i]] = true
		}
		for c := range set {
			d.Categories = append(d.Categories, c)
		}
		sort.Strings(d.Categories)
		if len(d.Categories) > MaxCategories {
			return dimErr(d.Column, "has %d distinct values on the fit rows; a categorical dimension takes at most %d (is it a number or an id stored as text?)",
				len(d.Categories), MaxCategories)
		}
		if len(d.Categories) < 2 {
			return dimErr(d.Column, "has a single category %q on the fit rows; it cannot separate segments", d.Categories[0])
		}
		return nil
	}
	col := t.Numeric[d.Column]
	v := make([]float64, len(rows))
	for k, i := range rows {
		v[k] = col[i]
		if d.Transform == Log1p {
			v[k] = math.Log1p(v[k])
		}
	}
	if d.Transform == Winsorize {
		sorted := slices.Clone(v)
		slices.Sort(sorted)
		d.CutLow, d.CutHigh = Quantile(sorted, d.WinsorLow), Quantile(sorted, d.WinsorHigh)
		for k := range v {
			v[k] = min(max(v[k], d.CutLow), d.CutHigh)
		}
	}
	lo, hi := slices.Min(v), slices.Max(v)
	if lo == hi {
		if d.Transform == Winsorize {
			return dimErr(d.Column, "is constant (%v) on the fit rows after winsorising", lo)
		}
		return dimErr(d.Column, "is constant (%v) on the fit rows; it cannot separate segments", lo)
	}
	switch scaling {
	case ZScore:
		d.Centre, d.Scale = stat.PopMeanStdDev(v, nil)
	case Robust:
		sorted := slices.Clone(v)
		slices.Sort(sorted)
		d.Centre = Quantile(sorted, 0.5)
		d.Scale = Quantile(sorted, 0.75) - Quantile(sorted, 0.25)
		if d.Scale == 0 {
			return dimErr(d.Column, "interquartile range is 0 (half the fit rows share one value); use zscore or minmax scaling")
		}
	case MinMax:
		d.Centre, d.Scale = lo, hi-lo
	case NoScaling:
		d.Centre, d.Scale = 0, 1
	}
	if math.IsInf(d.Centre, 0) || math.IsNaN(d.Centre) || math.IsInf(d.Scale, 0) || math.IsNaN(d.Scale) {
		return dimErr(d.Column, "its values are too large to scale (beyond about 1e150); use log1p or check the column for such values")
	}
	return nil
}

// Quantile returns the p-quantile of the sorted values by linear interpolation between order
// statistics (NumPy's default): h = (m−1)p, q = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]).
// It panics if sorted is empty or p is outside [0, 1].
func Quantile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 || !(p >= 0 && p <= 1) {
		panic("prep: Quantile needs values and 0 ≤ p ≤ 1")
	}
	h := float64(len(sorted)-1) * p
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	a, b, frac := sorted[lo], sorted[lo+1], h-float64(lo)
	if frac >= 0.5 { // NumPy's lerp: from the nearer end, for symmetric rounding
		return b - (b-a)*(1-frac)
	}
	return a + (b-a)*frac
}
