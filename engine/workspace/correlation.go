package workspace

import (
	"context"
	"math"
	"slices"

	"github.com/seglab/seglab/engine/inputerr"
	"github.com/seglab/seglab/engine/prep"
	"github.com/seglab/seglab/engine/source"
	"github.com/seglab/seglab/queries"
)

// Correlation returns the Pearson correlation matrix of the numeric dimensions dims over
// the customers of pop, each transformed as its DimSpec says (see Transformed). The
// columns are read once with the matrix reader and correlated in Go; rows with a missing
// value in either column of a pair are left out of that pair, and a pair with fewer than two
// such rows or no variance is NaN.
func (w *Workspace) Correlation(ctx context.Context, dims []prep.DimSpec, pop prep.Filter) ([][]float64, error) {
	if err := w.checkFilter(pop); err != nil {
		return nil, err
	}
	cols := make([]source.Column, len(dims))
	for i, d := range dims {
		c, err := w.Column(d.Column)
		if err != nil {
			return nil, err
		}
		if c.Kind != queries.KindNumeric {
			return nil, &inputerr.Error{ColumnName: d.Column, Msg: "not a numeric column of the wide table"}
		}
		cols[i] = c
	}
	rows, err := source.Read(ctx, w.s, cols, pop, "")
	if err != nil {
		return nil, err
	}
	vals := make([][]float64, len(dims))
	for i, d := range dims {
		vals[i] = Transformed(rows.Table.Numeric[d.Column], d)
	}
	return Pearson(vals), nil
}

// Transformed returns the values of one numeric column as the correlation sees dimension d:
// log1p(x) for Log1p (missing below −1); for Winsorize, x clamped to its WinsorLow and
// WinsorHigh quantiles over the values present (linear interpolation, as prep fits them);
// x itself otherwise. Missing values (NaN) stay missing. x is not changed.
func Transformed(x []float64, d prep.DimSpec) []float64 {
	out := make([]float64, len(x))
	switch d.Transform {
	case prep.Log1p:
		for i, v := range x {
			out[i] = math.NaN()
			if v >= -1 {
				out[i] = math.Log1p(v)
			}
		}
	case prep.Winsorize:
		present := make([]float64, 0, len(x))
		for _, v := range x {
			if !math.IsNaN(v) {
				present = append(present, v)
			}
		}
		copy(out, x)
		if len(present) == 0 {
			break
		}
		slices.Sort(present)
		lo, hi := prep.Quantile(present, d.WinsorLow), prep.Quantile(present, d.WinsorHigh)
		for i, v := range x {
			if !math.IsNaN(v) {
				out[i] = min(max(v, lo), hi)
			}
		}
	default:
		copy(out, x)
	}
	return out
}

// Pearson returns the correlation matrix of the columns: 1 on the diagonal, and for each
// pair the Pearson correlation over the rows where both are present (not NaN), computed
// with the pair's own means (two passes, so that nothing cancels); NaN when fewer than two
// rows remain or either column is constant on them.
func Pearson(cols [][]float64) [][]float64 {
	n := len(cols)
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
		out[i][i] = 1
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			r := pearsonPair(cols[i], cols[j])
			out[i][j], out[j][i] = r, r
		}
	}
	return out
}

func pearsonPair(x, y []float64) float64 {
	var sx, sy float64
	m := 0
	for k := range x {
		if !math.IsNaN(x[k]) && !math.IsNaN(y[k]) {
			sx, sy = sx+x[k], sy+y[k]
			m++
		}
	}
	if m < 2 {
		return math.NaN()
	}
	mx, my := sx/float64(m), sy/float64(m)
	var sxy, sxx, syy float64
	for k := range x {
		if !math.IsNaN(x[k]) && !math.IsNaN(y[k]) {
			dx, dy := x[k]-mx, y[k]-my
			sxy += dx * dy
			sxx += dx * dx
			syy += dy * dy
		}
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return max(-1, min(1, sxy/math.Sqrt(sxx*syy)))
}
