// Package ahp implements the analytic hierarchy process (AHP) used to weight the criteria of
// big-customer value and credit ratings: weights from a pairwise comparison matrix, with
// Saaty's consistency check.
package ahp

import (
	"errors"
	"fmt"
	"math"
	"math/cmplx"

	"gonum.org/v1/gonum/mat"
)

// MaxConsistencyRatio is the largest consistency ratio accepted: Saaty's 0.1.
const MaxConsistencyRatio = 0.1

// reciprocalTolerance is how far a[j][i]·a[i][j] may stray from 1. Judgements are written
// with a few digits ("0.333" for 1/3), so exact reciprocity cannot be demanded.
const reciprocalTolerance = 0.01

// randomIndex is Saaty's random consistency index RI for matrices of order n (index n),
// the mean consistency index of random reciprocal matrices (Saaty 1980, n ≤ 15).
var randomIndex = [...]float64{0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59}

// Result holds what AHP derives from one comparison matrix.
type Result struct {
	Weights          []float64 // principal right eigenvector, normalised to sum 1
	LambdaMax        float64   // principal eigenvalue λmax
	ConsistencyIndex float64   // CI = (λmax − n) / (n − 1); 0 for n ≤ 2
	RandomIndex      float64   // Saaty's RI for this n; 0 for n ≤ 2
	ConsistencyRatio float64   // CR = CI / RI; 0 for n ≤ 2
}

// Consistent reports whether the judgements are acceptably consistent (CR ≤ 0.1).
func (r Result) Consistent() bool { return r.ConsistencyRatio <= MaxConsistencyRatio }

// ErrInconsistent is wrapped by Weigh's error when the matrix's consistency ratio exceeds 0.1.
var ErrInconsistent = errors.New("ahp: judgements are inconsistent")

// Weigh computes the AHP weights of the n×n pairwise comparison matrix a, where a[i][j] says
// how much more important criterion i is than criterion j (Saaty's 1–9 scale).
//
// a must be positive, have ones on the diagonal and be reciprocal (a[j][i] = 1/a[i][j]
// within 1 %); otherwise Weigh returns an error naming the cell (1-based row and column).
// When the consistency ratio exceeds MaxConsistencyRatio, Weigh returns the full Result
// together with an error wrapping ErrInconsistent that states the ratio.
func Weigh(a [][]float64) (Result, error) {
	n := len(a)
	if n == 0 {
		return Result{}, errors.New("the comparison matrix is empty")
	}
	if n >= len(randomIndex) {
		return Result{}, fmt.Errorf("the comparison matrix has %d criteria; at most %d are supported", n, len(randomIndex)-1)
	}
	if err := validate(a); err != nil {
		return Result{}, err
	}
	m := mat.NewDense(n, n, nil)
	for i := range a {
		m.SetRow(i, a[i])
	}
	var eig mat.Eigen
	if !eig.Factorize(m, mat.EigenRight) {
		return Result{}, errors.New("ahp: the eigen decomposition did not converge")
	}
	values := eig.Values(nil)
	best := 0
	for i, v := range values {
		if real(v) > real(values[best]) {
			best = i
		}
	}
	var vectors mat.CDense
	eig.VectorsTo(&vectors)
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		// The Perron vector of a positive matrix has entries of one sign; its phase is arbitrary.
		weights[i] = cmplx.Abs(vectors.At(i, best))
		sum += weights[i]
	}
	for i := range weights {
		weights[i] /= sum
	}
	r := Result{Weights: weights, LambdaMax: real(values[best])}
	if n > 2 {
		r.ConsistencyIndex = (r.LambdaMax - float64(n)) / float64(n-1)
		r.RandomIndex = randomIndex[n]
		r.ConsistencyRatio = r.ConsistencyIndex / r.RandomIndex
	}
	if !r.Consistent() {
		return r, fmt.Errorf("%w: consistency ratio %.3f exceeds %.1f; revise the comparisons", ErrInconsistent, r.ConsistencyRatio, MaxConsistencyRatio)
	}
	return r, nil
}

// validate checks that a is square, positive, unit-diagonal and reciprocal.
func validate(a [][]float64) error {
	n := len(a)
	for i, row := range a {
		if len(row) != n {
			return fmt.Errorf("row %d has %d values; a comparison matrix of %d criteria needs %d", i+1, len(row), n, n)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
				return fmt.Errorf("row %d, column %d: %v is not a positive judgement", i+1, j+1, v)
			}
		}
		if math.Abs(row[i]-1) > 1e-9 {
			return fmt.Errorf("row %d, column %d: a criterion compared with itself must be 1, not %v", i+1, i+1, row[i])
		}
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if math.Abs(a[i][j]*a[j][i]-1) > reciprocalTolerance {
				return fmt.Errorf("row %d, column %d: %v is not the reciprocal of %v (row %d, column %d)", j+1, i+1, a[j][i], a[i][j], i+1, j+1)
			}
		}
	}
	return nil
}
