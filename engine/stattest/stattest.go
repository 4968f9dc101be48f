// Package stattest holds the significance tests used to describe segments: one-way ANOVA
// of a numeric column across segments, and the chi-square test of independence with
// Cramér's V for a categorical column.
//
// The tests take summaries rather than raw rows (group counts, means and sums of squares;
// contingency counts), so the heavy aggregation can run in DuckDB over millions of rows.
// Applied to segments that clustering built to differ, they describe; they do not test a
// hypothesis chosen in advance.
package stattest

import (
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// Group summarises one group's values of a numeric column.
type Group struct {
	N    float64 // number of non-missing values
	Mean float64 // their mean
	SS   float64 // sum of squared deviations from Mean, Σ(x − Mean)²
}

// ANOVA is the result of a one-way analysis of variance.
type ANOVA struct {
	F          float64 // between-group mean square / within-group mean square
	P          float64 // upper tail of the F(DFBetween, DFWithin) distribution at F
	EtaSquared float64 // SSBetween / SSTotal: share of the variance the grouping explains
	DFBetween  float64 // groups − 1
	DFWithin   float64 // N − groups
	SSBetween  float64 // Σ n_g (mean_g − grand mean)²
	SSWithin   float64 // Σ SS_g
}

// OneWayANOVA computes the one-way ANOVA F test over groups, as scipy.stats.f_oneway does.
// Groups with N = 0 are ignored. With fewer than two non-empty groups, or no more values
// than groups, F and P are NaN. When every group is constant but the means differ, F is +Inf
// and P is 0; when all values are equal, F and P are NaN (as SciPy reports).
func OneWayANOVA(groups []Group) ANOVA {
	var total, weighted float64
	k := 0
	for _, g := range groups {
		if g.N > 0 {
			total += g.N
			weighted += g.N * g.Mean
			k++
		}
	}
	nan := math.NaN()
	if k < 2 || total <= float64(k) {
		return ANOVA{F: nan, P: nan, EtaSquared: nan}
	}
	grand := weighted / total
	var ssb, ssw float64
	for _, g := range groups {
		if g.N > 0 {
			d := g.Mean - grand
			ssb += g.N * d * d
			ssw += g.SS
		}
	}
	r := ANOVA{DFBetween: float64(k - 1), DFWithin: total - float64(k), SSBetween: ssb, SSWithin: ssw}
	sst := ssb + ssw
	r.EtaSquared = ssb / sst
	if sst == 0 {
		r.EtaSquared = 0
	}
	switch {
	case ssw == 0 && ssb == 0:
		r.F, r.P = nan, nan
	case ssw == 0:
		r.F, r.P = math.Inf(1), 0
	default:
		r.F = (ssb / r.DFBetween) / (ssw / r.DFWithin)
		r.P = fSurvival(r.F, r.DFBetween, r.DFWithin)
	}
	return r
}

// fSurvival is P(X > f) for X ~ F(d1, d2), computed as the regularised incomplete beta
// I_{d2/(d2+d1·f)}(d2/2, d1/2) directly rather than as 1 − CDF, which loses every digit of a
// small p-value (gonum's distuv.F.Survival does the subtraction).
func fSurvival(f, d1, d2 float64) float64 {
	return mathext.RegIncBeta(d2/2, d1/2, d2/(d2+d1*f))
}

// ChiSquare is the result of Pearson's chi-square test of independence.
type ChiSquare struct {
	Chi2     float64 // Σ (observed − expected)² / expected
	DF       float64 // (rows − 1)(columns − 1), over rows and columns with a non-zero total
	P        float64 // upper tail of the χ²(DF) distribution at Chi2
	CramersV float64 // √(Chi2 / (N · (min(rows, columns) − 1))), 0 = independent, 1 = determined
	N        float64 // total count
}

// ChiSquareTest tests independence of the rows and columns of a contingency table of counts
// (rows = segments, columns = categories, for instance). Rows and columns whose total is
// zero are dropped first. No continuity correction is applied (scipy.stats.chi2_contingency
// with correction=False). With fewer than two rows or columns left, Chi2 is 0, P is 1 and
// V is 0.
func ChiSquareTest(table [][]float64) ChiSquare {
	rowSum := make([]float64, len(table))
	var colSum []float64
	for i, row := range table {
		if len(row) > len(colSum) {
			colSum = append(colSum, make([]float64, len(row)-len(colSum))...)
		}
		for j, v := range row {
			rowSum[i] += v
			colSum[j] += v
		}
	}
	var n float64
	rows, cols := 0, 0
	for _, s := range rowSum {
		n += s
		if s > 0 {
			rows++
		}
	}
	for _, s := range colSum {
		if s > 0 {
			cols++
		}
	}
	if rows < 2 || cols < 2 {
		return ChiSquare{P: 1, N: n}
	}
	var chi2 float64
	for i, row := range table {
		if rowSum[i] == 0 {
			continue
		}
		for j, s := range colSum {
			if s == 0 {
				continue
			}
			observed := 0.0
			if j < len(row) {
				observed = row[j]
			}
			expected := rowSum[i] * s / n
			d := observed - expected
			chi2 += d * d / expected
		}
	}
	df := float64((rows - 1) * (cols - 1))
	return ChiSquare{
		Chi2:     chi2,
		DF:       df,
		P:        distuv.ChiSquared{K: df}.Survival(chi2),
		CramersV: math.Sqrt(chi2 / (n * float64(min(rows, cols)-1))),
		N:        n,
	}
}

// Summarize returns the Group summary of values, skipping NaN (missing) entries. It uses
// two passes so that SS is accurate for values far from zero.
func Summarize(values []float64) Group {
	var g Group
	var sum float64
	for _, v := range values {
		if !math.IsNaN(v) {
			g.N++
			sum += v
		}
	}
	if g.N == 0 {
		return g
	}
	g.Mean = sum / g.N
	for _, v := range values {
		if !math.IsNaN(v) {
			d := v - g.Mean
			g.SS += d * d
		}
	}
	return g
}
